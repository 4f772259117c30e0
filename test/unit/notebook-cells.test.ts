/**
 * The kit's rule: methods live in src/ (named, documented, tested); notebook cells only tell the
 * story. This test parses every code cell of every notebook with the TypeScript parser and counts:
 * - loops: `for`, `for…of`, `for…in`, `while`, `do…while` and `.forEach(…)`;
 * - methods: function declarations, classes, and function or arrow expressions with a block body
 *   bound to a name (`const f = (…) => { … }`);
 * - aliases: arrow expressions with an expression body bound to a name (`const full = (v) =>
 *   kit.scatterToMap(v, cells, size)`), i.e. a one-line formatter or a partial application.
 * A cell may hold at most {@link MAX_LOOPS} loop, {@link MAX_METHODS} methods and
 * {@link MAX_ALIASES} aliases, and an alias may not contain a loop, unless the cell is in
 * {@link ALLOWED} with a reason. Inline callbacks (`rows.map((r) => …)`) are neither.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { projectNotebooks } from "../helpers";
import * as ts from "typescript";
import { projectRoot } from "permafrost-kit";

/** Loops allowed in a cell (one simple loop over targets, panels or files is storytelling). */
const MAX_LOOPS = 1;
/** Named functions with a block body (methods) allowed in a cell. */
const MAX_METHODS = 0;
/** Named one-expression arrows (formatters, partial applications) allowed in a cell. */
const MAX_ALIASES = 2;

interface Caps { loops: number; methods: number; aliases: number }

/**
 * Cells allowed to exceed the caps: "notebook#cell index" → the caps for that cell and the reason.
 * Keep this short and honest; a cell that computes a result belongs in src/.
 */
const ALLOWED: Readonly<Record<string, Partial<Caps> & { reason: string }>> = {
  "11-alt-data#17": { loops: 2, reason: "counts site-years per site and per network for a map label and a table; display only, no result" },
  "12-alt-grid-search#9": { methods: 1, reason: "progress callback that prints every tenth of the grid search; display only" },
  "22-offsets-xgboost-shap#17": { loops: 3, reason: "performance demonstration: times TreeSHAP over row and tree counts; prints timings, writes no result" },
};

interface Cell { cell_type: string; source: string[] | string }
interface Notebook { cells: Cell[] }

/** What a cell holds: counts, and the names of its methods and aliases. */
interface CellCounts extends Caps { names: string[]; loopInAlias: string[] }

function isLoop(node: ts.Node): boolean {
  if (ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node)) return true;
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "forEach";
}

function containsLoop(node: ts.Node): boolean {
  return isLoop(node) || (ts.forEachChild(node, (c) => (containsLoop(c) ? true : undefined)) ?? false);
}

/**
 * Count the loops, methods and aliases in a piece of TypeScript.
 *
 * @param code - the cell's source
 * @returns the counts and the names of the functions found
 */
function countCell(code: string): CellCounts {
  const sf = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out: CellCounts = { loops: 0, methods: 0, aliases: 0, names: [], loopInAlias: [] };
  const visit = (node: ts.Node): void => {
    if (isLoop(node)) out.loops++;
    if (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) {
      out.methods++;
      out.names.push(node.name?.text ?? "<anonymous>");
    }
    if (ts.isVariableDeclaration(node) && node.initializer !== undefined) {
      let init: ts.Expression = node.initializer;
      while (ts.isParenthesizedExpression(init) || ts.isAsExpression(init)) init = init.expression;
      const name = node.name.getText(sf);
      if (ts.isArrowFunction(init) && !ts.isBlock(init.body)) {
        out.aliases++;
        out.names.push(name);
        if (containsLoop(init.body)) out.loopInAlias.push(name);
      } else if (ts.isArrowFunction(init) || ts.isFunctionExpression(init) || ts.isClassExpression(init)) {
        out.methods++;
        out.names.push(name);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function cellCode(cell: Cell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

function overCaps(c: CellCounts, caps: Caps): boolean {
  return c.loops > caps.loops || c.methods > caps.methods || c.aliases > caps.aliases || c.loopInAlias.length > 0;
}

const DEFAULT_CAPS: Caps = { loops: MAX_LOOPS, methods: MAX_METHODS, aliases: MAX_ALIASES };
const dir = path.join(projectRoot(), "notebooks");
const files = projectNotebooks();

describe("notebook cells tell the story; methods live in src/", () => {
  it("the counter sees loops, methods, aliases and classes, not inline callbacks", () => {
    const c = countCell([
      "for (let i = 0; i < 3; i++) {}",
      "for (const v of xs) while (v) {}",
      "xs.forEach((x) => x);",
      "function f() {}",
      "const g = (a: number) => a;",
      "const h = async function () {};",
      "const m = (a: number) => { return a; };",
      "class K {}",
      "const ys = xs.map((x) => x + 1);",
      "const w = (a: number[]) => a.forEach((x) => x);",
    ].join("\n"));
    assert.deepEqual(c, { loops: 5, methods: 4, aliases: 2, names: ["f", "g", "h", "m", "K", "w"], loopInAlias: ["w"] });
  });
  for (const f of files) {
    it(`${f}: every code cell within ${MAX_LOOPS} loop, ${MAX_METHODS} methods and ${MAX_ALIASES} loop-free aliases (or allow-listed with a reason)`, () => {
      const nb = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Notebook;
      const problems: string[] = [];
      nb.cells.forEach((cell, i) => {
        if (cell.cell_type !== "code") return;
        const c = countCell(cellCode(cell));
        const caps = { ...DEFAULT_CAPS, ...ALLOWED[`${f.replace(/\.ipynb$/, "")}#${i}`] };
        if (overCaps(c, caps)) {
          problems.push(`cell ${i}: ${c.loops} loops (cap ${caps.loops}), ${c.methods} methods (cap ${caps.methods}), ${c.aliases} aliases (cap ${caps.aliases}) [${c.names.join(", ")}]${c.loopInAlias.length > 0 ? `, loops inside ${c.loopInAlias.join(", ")}` : ""}`);
        }
      });
      assert.deepEqual(problems, [], `${f}: move the method into src/ (a named, tested function), or allow-list the cell with a reason`);
    });
  }
  it("every allow-list entry names an existing code cell that still needs it, with a reason", () => {
    for (const [key, allow] of Object.entries(ALLOWED)) {
      const [name, index] = key.split("#");
      const nb = JSON.parse(fs.readFileSync(path.join(dir, `${name!}.ipynb`), "utf8")) as Notebook;
      const cell = nb.cells[Number(index)];
      assert.equal(cell?.cell_type, "code", `${key} is not a code cell`);
      assert.ok(overCaps(countCell(cellCode(cell)), DEFAULT_CAPS), `${key} is within the caps now: remove it from the allow-list`);
      assert.ok(allow.reason.length > 20, `${key} needs a reason`);
    }
  });
});
