/**
 * The reviewer's book without a browser (issue 19): executed notebooks are read and broken ones
 * refused with the file and cell; the reproduction report's statuses follow from the run (a figure's
 * SYNTHETIC flag, a table's notebook banner, the claims' verdicts; a listed figure the run did not
 * show is "missing"); notebook pages rewrite links, escape what could close a script, drop the
 * Notebook UI's figure link and keep each figure's PNG; buildBook refuses unknown options and a
 * missing run, picks the run that finished last, and replaces the book as a whole.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { ArgumentError, DataError, buildBook, claimStatuses, itemStatuses, readExecutedNotebook, renderNotebook, type ExecutedNotebook, type Ledger, type PaperItem } from "permafrost-kit";

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), "pk-book-"));
const banner = (stem: string, data: "real" | "SYNTHETIC"): unknown => ({
  output_type: "display_data", metadata: {},
  data: { "text/markdown": `> **${stem}** · reproduces: Liu et al. 2025, Fig 2\n> \n> Profile: **quick** · **Data: ${data}** (x)`, "text/plain": "banner" },
});
const figureOut = (name: string, synthetic: boolean): unknown => ({
  output_type: "display_data", metadata: {},
  data: {
    "application/vnd.plotly.v1+json": { data: [{ x: [1], y: [2], name: "</script><b>" }], layout: {} },
    "image/png": "iVBORw0KGgo=",
    "text/plain": `Figure ${name}${synthetic ? " (SYNTHETIC DATA)" : ""}: build/quick/figures/${name}.png`,
  },
});
const nbJson = (cells: unknown[]): string => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells });
const code = (outputs: unknown[], source = "x"): unknown => ({ cell_type: "code", metadata: {}, execution_count: 1, source, outputs });

function writeNb(dir: string, stem: string, cells: unknown[]): string {
  const f = path.join(dir, `${stem}.ipynb`);
  fs.writeFileSync(f, nbJson(cells));
  return f;
}

describe("readExecutedNotebook", () => {
  it("reads cells, the banner, figures with their SYNTHETIC flag and the failed cell", () => {
    const d = tmp();
    const nb = readExecutedNotebook(writeNb(d, "21-x", [
      { cell_type: "markdown", metadata: {}, source: ["# Twenty-one\n", "text"] },
      code([banner("21-x", "real")]),
      code([figureOut("fig-a", false), figureOut("fig-b", true)]),
      code([{ output_type: "error", ename: "CellError", evalue: "boom", traceback: ["\u001b[31mboom\u001b[0m"] }]),
    ]));
    assert.equal(nb.title, "Twenty-one");
    assert.deepEqual(nb.banner, { reproduces: "Liu et al. 2025, Fig 2", data: "real" });
    assert.deepEqual(nb.figures, [{ name: "fig-a", synthetic: false, cellIndex: 2 }, { name: "fig-b", synthetic: true, cellIndex: 2 }]);
    assert.equal(nb.failedCell, 3);
  });

  it("refuses a truncated file, another nbformat, a malformed cell and an unknown output, naming file and cell", () => {
    const d = tmp();
    const f = path.join(d, "t.ipynb");
    fs.writeFileSync(f, nbJson([code([])]).slice(0, 40));
    assert.throws(() => readExecutedNotebook(f), (e: unknown) => e instanceof DataError && e.message.includes(f) && /not JSON/.test(e.message));
    fs.writeFileSync(f, JSON.stringify({ nbformat: 3, worksheets: [] }));
    assert.throws(() => readExecutedNotebook(f), (e: unknown) => e instanceof DataError && /nbformat 4/.test(e.message) && /got 3/.test(e.message));
    fs.writeFileSync(f, nbJson([{ cell_type: "code", metadata: {}, source: "x" }]));
    assert.throws(() => readExecutedNotebook(f), (e: unknown) => e instanceof DataError && /cells\[0\]\.outputs/.test(e.message));
    fs.writeFileSync(f, nbJson([code([{ output_type: "widget" }])]));
    assert.throws(() => readExecutedNotebook(f), (e: unknown) => e instanceof DataError && /unknown output_type/.test(e.message) && /widget/.test(e.message));
    fs.writeFileSync(f, nbJson([code([{ output_type: "display_data", data: { "application/vnd.plotly.v1+json": { data: [] }, "text/plain": "a plot" } }])]));
    assert.throws(() => readExecutedNotebook(f), (e: unknown) => e instanceof DataError && /Figure <name>/.test(e.message));
    assert.throws(() => readExecutedNotebook(path.join(d, "none.ipynb")), (e: unknown) => e instanceof DataError && /cannot read/.test(e.message));
  });
});

const item = (over: Partial<PaperItem>): PaperItem => ({ paper: "liu2025", kind: "figure", label: "Fig. 2", panels: "", caption: "c", section: "s", figures: [], outputs: [], claims: [], ...over });
const claim = (id: string, match: boolean | null): Ledger["claims"][number] => ({ id, where: "Abstract", claim: id, printed: 1, computed: match === null ? null : 1, match, rule: "rounds", note: match === null ? "needs ERA5-Land" : "n" });

describe("itemStatuses and claimStatuses", () => {
  const d = tmp();
  const real = readExecutedNotebook(writeNb(d, "21-x", [code([banner("21-x", "real")]), code([figureOut("real-fig", false)]), code([{ output_type: "stream", name: "stdout", text: "Table 1: 117 sites\nc-ok c-bad c-none" }])]));
  const synth = readExecutedNotebook(writeNb(d, "13-y", [code([banner("13-y", "SYNTHETIC")]), code([figureOut("nb13-fig4a", true), figureOut("nb15-fig6-soc", true), figureOut("nb15-fig6-ati", true)]), code([{ output_type: "stream", name: "stdout", text: "predictors table" }])]));
  const nbs: ExecutedNotebook[] = [real, synth];
  const ledger: Ledger = { paper: "liu2025", file: "claims-liu2025.json", claims: [claim("c-ok", true), claim("c-bad", false), claim("c-none", null)], synthetic: false };

  it("derive each status from the run", () => {
    const rows = itemStatuses([
      item({ figures: ["real-fig"], claims: ["c-ok", "c-none"] }),
      item({ figures: ["real-fig"], claims: ["c-ok", "c-bad"] }),
      item({ figures: ["real-fig"] }),
      item({ paper: "liu2024", figures: ["nb13-fig4a"] }),
      item({ paper: "liu2024", figures: ["nb15-fig6-*"] }),
      item({ kind: "table", label: "Table 1", outputs: [{ notebook: "21-x", contains: "117 sites" }] }),
      item({ kind: "table", label: "Table 1", paper: "liu2024", outputs: [{ notebook: "13-y", contains: "predictors table" }] }),
      item({ offline: "needs the CALM site measurements" }),
      item({ figures: ["never-shown"] }),
      item({ outputs: [{ notebook: "21-x", contains: "predictors table" }] }),
    ], nbs, [ledger]);
    assert.deepEqual(rows.map((r) => r.status), ["match", "mismatch", "real-unchecked", "synthetic", "synthetic", "real-unchecked", "synthetic", "offline", "absent", "absent"]);
    assert.deepEqual(rows[0]!.cells, [{ notebook: "21-x", cellIndex: 1, what: "real-fig" }]);
    assert.equal(rows[4]!.cells.length, 2, "a name prefix takes every matching figure");
    assert.match(rows[1]!.reason, /1 of 2 checked claims disagree \(c-bad;/);
    assert.deepEqual(rows[1]!.disagreeing, ["c-bad"]);
    assert.deepEqual(rows[0]!.disagreeing, []);
    assert.equal(rows[7]!.reason, "needs the CALM site measurements");
    assert.match(rows[8]!.reason, /figure never-shown/);
    assert.deepEqual(rows[5]!.cells, [{ notebook: "21-x", cellIndex: 2, what: "117 sites" }]);
  });

  it("give each claim its verdict, offline reason or synthetic status and the cell listing it", () => {
    const rows = claimStatuses([ledger, { paper: "liu2024", file: "claims-liu2024.json", claims: [claim("p1", false)], synthetic: true }], nbs);
    assert.deepEqual(rows.map((r) => r.status), ["match", "mismatch", "offline", "synthetic"]);
    assert.deepEqual(rows[0]!.cell, { notebook: "21-x", cellIndex: 2, what: "c-ok" });
    assert.equal(rows[2]!.reason, "needs ERA5-Land");
    assert.equal(rows[3]!.cell, undefined);
  });
});

describe("renderNotebook", () => {
  it("rewrites links to notebooks of the book, lists the others, keeps PNGs and escapes the spec", () => {
    const d = tmp();
    const nb = readExecutedNotebook(writeNb(d, "00-a", [
      { cell_type: "markdown", metadata: {}, source: "# A\nsee [b](01-b.ipynb#part) and [c](99-c.ipynb) and [web](https://example.org)" },
      code([figureOut("f1", true), { output_type: "display_data", metadata: {}, data: { "text/markdown": "[interactive figure](../build/quick/figures/f1.html)", "text/plain": "x" } }, { output_type: "stream", name: "stderr", text: "warn\u001b[0m" }]),
    ]));
    const page = renderNotebook(nb, { stems: new Set(["00-a", "01-b"]), resultsHref: "results/00-a.json", ipynbHref: "ipynb/00-a.ipynb", pngHref: (n) => `figures/00-a--${n}.png` });
    assert.ok(page.body.includes('href="01-b.html#part"'));
    assert.deepEqual(page.unresolved, ["99-c.ipynb"]);
    assert.equal(page.figures, 1);
    assert.deepEqual(page.pngs.map((p) => p.href), ["figures/00-a--f1.png"]);
    assert.ok(!page.body.includes("interactive figure"), "the Notebook UI's link is left out");
    assert.ok(!page.body.includes("</script><b>"), "a spec cannot close its script element");
    assert.ok(page.body.includes('<span class="pk-synthetic">(SYNTHETIC DATA)</span>'));
    assert.ok(page.body.includes('<div class="pk-out pk-stderr"><pre>warn</pre>'), "stderr marked, colour codes stripped");
    assert.ok(page.body.includes('id="cell-1"'));
  });
});

describe("buildBook", () => {
  it("refuses an unknown option or profile and a missing run", () => {
    assert.throws(() => buildBook({ profil: "quick" } as never), (e: unknown) => e instanceof ArgumentError && /profil/.test(e.message));
    assert.throws(() => buildBook({ profile: "medium" as never }), (e: unknown) => e instanceof ArgumentError && /medium/.test(e.message));
    const d = tmp();
    assert.throws(() => buildBook({ runDir: d, out: path.join(d, "book") }), (e: unknown) => e instanceof DataError && /no executed notebooks/.test(e.message));
  });

  it("writes the pages, copies the results, replaces the old book whole and picks the run that finished last", () => {
    const d = tmp();
    const previous = process.env["PERMAFROST_BUILD_DIR"];
    process.env["PERMAFROST_BUILD_DIR"] = d;
    try {
      for (const [profile, finished] of [["quick", "2026-01-02T00:00:00Z"], ["full", "2026-01-01T00:00:00Z"]] as const) {
        fs.mkdirSync(path.join(d, profile, "notebooks"), { recursive: true });
        fs.mkdirSync(path.join(d, profile, "results"), { recursive: true });
        fs.writeFileSync(path.join(d, profile, "run-log.json"), JSON.stringify({ profile, finished, notebooks: [] }));
        writeNb(path.join(d, profile, "notebooks"), "21-x", [code([banner("21-x", "real")]), code([figureOut(`fig-${profile}`, false)])]);
        fs.writeFileSync(path.join(d, profile, "results", "21-x.json"), "{}\n");
      }
      fs.mkdirSync(path.join(d, "book", "stale"), { recursive: true });
      const book = buildBook();
      assert.equal(book.profile, "quick");
      assert.equal(book.out, path.join(d, "book"));
      assert.ok(!fs.existsSync(path.join(d, "book", "stale")), "the old book is replaced, not merged");
      assert.deepEqual(fs.readdirSync(d).filter((f) => f.startsWith("book.")), [], "no temporary folder left");
      assert.deepEqual(book.figures["notebooks/21-x.html"], 1);
      for (const f of ["index.html", "report.html", "claims-liu2024.html", "claims-liu2025.html", "results/21-x.json", "ipynb/21-x.ipynb", "figures/21-x--fig-quick.png", "assets/plotly.min.js", "manifest.json"]) assert.ok(fs.existsSync(path.join(d, "book", f)), f);
      assert.match(fs.readFileSync(path.join(d, "book", "index.html"), "utf8"), /quick<\/b> run/);
      assert.equal(buildBook({ profile: "full" }).profile, "full");
      assert.ok(fs.existsSync(path.join(d, "book", "figures", "21-x--fig-full.png")));
    } finally {
      if (previous === undefined) delete process.env["PERMAFROST_BUILD_DIR"];
      else process.env["PERMAFROST_BUILD_DIR"] = previous;
    }
  });
});
