/**
 * The catalogue of both papers' figures and tables (src/book/paper-items.ts, issue 19): every claim
 * it names is in its paper's ledger, every kit figure it names is made by a tracked notebook, every
 * notebook it names exists, its entries are unique, and every figure and table number the papers'
 * texts mention has an entry.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { projectNotebooks } from "../helpers";
import { LIU2024_CLAIMS, LIU2025_CLAIMS, PAPER_ITEMS, projectRoot } from "permafrost-kit";

interface Cell { cell_type: string; source: string[] | string; outputs?: { text?: string[] | string; data?: Record<string, string[] | string> }[] }

const root = projectRoot();
const notebooks = projectNotebooks();
const joined = (x: string[] | string | undefined) => (Array.isArray(x) ? x.join("") : x ?? "");
const cellsOf = (file: string) => (JSON.parse(fs.readFileSync(file, "utf8")) as { cells: Cell[] }).cells;
/** The code of each tracked notebook, by stem. */
const code = new Map(notebooks.map((f) => [f.replace(/\.ipynb$/, ""), cellsOf(path.join(root, "notebooks", f)).filter((c) => c.cell_type === "code").map((c) => joined(c.source)).join("\n")]));

/**
 * Template literals of a notebook's code that build a figure name from pieces
 * (`liu2025-fig5${panel}-shap-${target}`), as anchored patterns: each `${…}` stands for a run of
 * name characters. Only templates that start with at least four literal characters count, so a
 * bare `${name}` matches nothing.
 *
 * @param src - the notebook's code
 * @returns the patterns
 */
function templatesOf(src: string): RegExp[] {
  return [...src.matchAll(/`([^`$]{4,}\$\{[^`]*)`/g)].map((m) => new RegExp(`^${m[1]!.split(/\$\{[^}]*\}/).map((s) => s.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&")).join("[A-Za-z0-9_]+")}$`));
}
const templates = new Map([...code].map(([stem, src]) => [stem, templatesOf(src)]));

/**
 * The tracked notebooks that make a figure of this name: the name is a string in their code, or a
 * template of their code builds it; a name ending in "*" is a prefix, which must occur in the code.
 *
 * @param name - a kit figure name or prefix from the catalogue
 * @returns the notebook stems
 */
function makersOf(name: string): string[] {
  return [...code].filter(([stem, src]) => name.endsWith("*") ? src.includes(name.slice(0, -1))
    : src.includes(`"${name}"`) || src.includes(`'${name}'`) || src.includes(`\`${name}\``) || templates.get(stem)!.some((t) => t.test(name))).map(([stem]) => stem);
}

/**
 * The folder holding the papers' texts: shared/papers beside the project, or beside one of its
 * parent folders (a git worktree sits deeper than the main checkout); null when there is none.
 *
 * @returns the folder, or null
 */
function papersDir(): string | null {
  for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
    const cand = path.join(dir, "shared", "papers");
    if (fs.existsSync(path.join(cand, "liu2024-erl-active-layer-rf.txt"))) return cand;
    if (path.dirname(dir) === dir) return null;
  }
}

/**
 * The figure and table numbers a paper's text mentions ("Figure 4", "figure 3(a)", "Fig. 8a",
 * "Figs. 1 and 3", "table 1"), supplementary ones ("figure S1", "Supplementary Figs. 1–6") left out.
 *
 * @param text - the paper's text
 * @returns keys "figure N" and "table N"
 */
function mentionedNumbers(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(/\b(Fig(?:ure)?s?\.?|figures?|Tables?|tables?)\s+(\d+[a-z]?(?:\([a-z]\))?(?:\s*(?:,|and|–|-)\s*\d+[a-z]?)*)/g)) {
    if (/Supplementary\s*$/.test(text.slice(Math.max(0, (m.index ?? 0) - 16), m.index))) continue;
    const kind = /^t/i.test(m[1]!) ? "table" : "figure";
    const nums = [...m[2]!.matchAll(/\d+/g)].map((x) => Number(x[0]));
    const range = /[–-]/.test(m[2]!) && nums.length === 2 ? Array.from({ length: nums[1]! - nums[0]! + 1 }, (_, i) => nums[0]! + i) : nums;
    for (const n of range) found.add(`${kind} ${n}`);
  }
  return found;
}

describe("the catalogue of the papers' figures and tables (PAPER_ITEMS)", () => {
  it("names only claims of its own paper's ledger", () => {
    const ids = { liu2024: new Set(LIU2024_CLAIMS.map((c) => c.id)), liu2025: new Set(LIU2025_CLAIMS.map((c) => c.id)) };
    for (const item of PAPER_ITEMS) {
      for (const id of item.claims) {
        assert.ok(ids[item.paper].has(id), `${item.paper} ${item.label} ${item.panels}: claim ${id} is not in the ${item.paper} ledger`);
        assert.ok(!id.endsWith("-aside"), `${item.paper} ${item.label} ${item.panels}: ${id} is a reviewer's aside, not a claim of the paper`);
      }
      assert.equal(new Set(item.claims).size, item.claims.length, `${item.paper} ${item.label} ${item.panels}: a claim listed twice`);
    }
  });

  it("names only kit figures that a tracked notebook makes (a trailing * is a prefix)", () => {
    for (const item of PAPER_ITEMS) {
      for (const name of item.figures) assert.ok(makersOf(name).length > 0, `${item.paper} ${item.label} ${item.panels}: no tracked notebook makes a figure named ${name}`);
    }
  });

  it("names only tracked notebooks for its outputs, each with a text to find", () => {
    for (const item of PAPER_ITEMS) {
      for (const o of item.outputs) {
        assert.ok(code.has(o.notebook), `${item.paper} ${item.label}: notebook ${o.notebook} is not a tracked notebook`);
        assert.ok(o.contains.trim().length >= 8, `${item.paper} ${item.label}: "${o.contains}" is too short to find one cell`);
      }
    }
  });

  it("has one entry per paper, label and panels, with a caption and a section, and says why when nothing redraws it", () => {
    const keys = PAPER_ITEMS.map((i) => `${i.paper} ${i.label} [${i.panels}]`);
    assert.deepEqual(keys.filter((k, i) => keys.indexOf(k) !== i), [], "duplicate entries");
    for (const item of PAPER_ITEMS) {
      const key = `${item.paper} ${item.label} [${item.panels}]`;
      assert.match(item.label, item.paper === "liu2024" ? /^(Figure|Table) \d+$/ : /^(Fig\.|Table) \d+$/, `${key}: label as the paper prints it`);
      assert.equal(item.kind, item.label.startsWith("Table") ? "table" : "figure", `${key}: kind`);
      assert.ok(item.caption.length > 10 && item.section.length > 3, `${key}: caption and section`);
      if (item.figures.length === 0 && item.outputs.length === 0) assert.ok((item.offline ?? "").length > 20, `${key}: nothing redraws it, so offline must say why`);
      if (item.offline !== undefined) assert.ok(item.offline.trim().length > 20, `${key}: offline says too little`);
    }
  });

  it("covers every figure and table number that the papers' texts mention", (t) => {
    const dir = papersDir();
    if (dir === null) {
      t.skip(`the papers' texts (shared/papers beside ${root} or a parent folder) are not here`);
      return;
    }
    for (const [paper, file] of [["liu2024", "liu2024-erl-active-layer-rf.txt"], ["liu2025", "liu2025-npj-surface-thermal-offsets.txt"]] as const) {
      const mentioned = mentionedNumbers(fs.readFileSync(path.join(dir, file), "utf8"));
      assert.ok(mentioned.size >= 5, `${file}: found only ${[...mentioned].join(", ")}`);
      const covered = new Set(PAPER_ITEMS.filter((i) => i.paper === paper).map((i) => `${i.kind} ${/\d+/.exec(i.label)![0]}`));
      const missing = [...mentioned].filter((k) => !covered.has(k));
      assert.deepEqual(missing, [], `${paper}: mentioned in ${file} but not catalogued`);
    }
  });

  it("finds its output texts and figure names in the executed notebooks, where they are newer than the sources", (t) => {
    // the executed copy of the quick run (npm test's), else of the full run: build/<profile>/notebooks/
    const executed = (stem: string): string | undefined =>
      ["quick", "full"].map((p) => path.join(root, "build", p, "notebooks", `${stem}.ipynb`)).find((run) => fs.existsSync(run) && fs.statSync(run).mtimeMs >= fs.statSync(path.join(root, "notebooks", `${stem}.ipynb`)).mtimeMs);
    const fresh = [...code.keys()].filter((stem) => executed(stem) !== undefined);
    if (fresh.length === 0) {
      t.skip("no executed notebook in build/quick/notebooks/ or build/full/notebooks/ newer than its source");
      return;
    }
    const outputs = new Map(fresh.map((stem) => [stem, cellsOf(executed(stem)!).map((c) => (c.outputs ?? []).map((o) => joined(o.text) + Object.values(o.data ?? {}).map(joined).join("\n")).join("\n"))]));
    for (const item of PAPER_ITEMS) {
      for (const o of item.outputs.filter((x) => outputs.has(x.notebook))) {
        assert.ok(outputs.get(o.notebook)!.some((text) => text.includes(o.contains)), `${item.paper} ${item.label}: no output cell of the executed ${o.notebook}.ipynb contains "${o.contains}"`);
      }
    }
    // A figure prints "Figure <name>" when shown: check the figures of the notebooks that ran.
    for (const item of PAPER_ITEMS) {
      for (const name of item.figures) {
        const ran = makersOf(name).filter((stem) => outputs.has(stem));
        if (ran.length === 0) continue;
        const texts = ran.flatMap((stem) => outputs.get(stem)!);
        const shown = name.endsWith("*") ? texts.some((x) => x.includes(`Figure ${name.slice(0, -1)}`)) : texts.some((x) => x.includes(`Figure ${name} `) || x.includes(`Figure ${name}:`));
        assert.ok(shown, `${item.paper} ${item.label} ${item.panels}: figure ${name} does not appear in the executed ${ran.join(", ")}`);
      }
    }
  });
});
