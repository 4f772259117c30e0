/**
 * The kit's rule: methods live in src/ (named, documented, tested); notebook cells only tell the
 * story. This test parses every code cell of every notebook with the TypeScript parser and counts
 * loops (`for`, `for…of`, `for…in`, `while`, `do`, `.forEach(…)`) and function definitions
 * (`function`, `class`, and function or arrow expressions bound to a name). A cell may hold at
 * most {@link MAX_LOOPS} loop and {@link MAX_FUNCTIONS} named function definitions, unless it is in
 * {@link ALLOWED} with a reason. Inline callbacks (`rows.map((r) => …)`) are not definitions.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import * as ts from "typescript";
import { projectRoot } from "permafrost-kit";

/** Loops allowed in a cell (one simple loop over targets, panels or files is storytelling). */
const MAX_LOOPS = 1;
/** Named function definitions allowed in a cell. */
const MAX_FUNCTIONS = 0;

/**
 * Cells allowed to exceed the caps: "notebook#cell index" → the reason. Keep this short and
 * honest; a cell that computes a result belongs in src/.
 */
const ALLOWED: Readonly<Record<string, { loops?: number; functions?: number; reason: string }>> = {};

interface Cell { cell_type: string; source: string[] | string }
interface Notebook { cells: Cell[] }

/** Counts of loops and named function definitions in one cell's code. */
interface CellCounts { loops: number; functions: number; names: string[] }

/**
 * Count the loops and named function definitions in a piece of TypeScript.
 *
 * @param code - the cell's source
 * @returns the counts and the names of the functions found
 */
function countCell(code: string): CellCounts {
  const sf = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out: CellCounts = { loops: 0, functions: 0, names: [] };
  const visit = (node: ts.Node): void => {
    if (ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node)) out.loops++;
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "forEach") out.loops++;
    if (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) {
      out.functions++;
      out.names.push(node.name?.text ?? "<anonymous>");
    }
    if (ts.isVariableDeclaration(node) && node.initializer !== undefined) {
      let init: ts.Expression = node.initializer;
      while (ts.isParenthesizedExpression(init) || ts.isAsExpression(init)) init = init.expression;
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init) || ts.isClassExpression(init)) {
        out.functions++;
        out.names.push(node.name.getText(sf));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const dir = path.join(projectRoot(), "notebooks");
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort();

describe("notebook cells tell the story; methods live in src/", () => {
  it("the counter sees loops, named functions and classes, not inline callbacks", () => {
    const c = countCell([
      "for (let i = 0; i < 3; i++) {}",
      "for (const v of xs) while (v) {}",
      "xs.forEach((x) => x);",
      "function f() {}",
      "const g = (a: number) => a;",
      "const h = async function () {};",
      "class K {}",
      "const ys = xs.map((x) => x + 1);",
    ].join("\n"));
    assert.deepEqual(c, { loops: 4, functions: 4, names: ["f", "g", "h", "K"] });
  });
  for (const f of files) {
    it(`${f}: every code cell within ${MAX_LOOPS} loop and ${MAX_FUNCTIONS} function definitions (or allow-listed with a reason)`, () => {
      const nb = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Notebook;
      const problems: string[] = [];
      nb.cells.forEach((cell, i) => {
        if (cell.cell_type !== "code") return;
        const code = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
        const c = countCell(code);
        const allow = ALLOWED[`${f.replace(/\.ipynb$/, "")}#${i}`];
        const maxLoops = allow?.loops ?? MAX_LOOPS;
        const maxFunctions = allow?.functions ?? MAX_FUNCTIONS;
        if (c.loops > maxLoops || c.functions > maxFunctions) {
          problems.push(`cell ${i}: ${c.loops} loops (cap ${maxLoops}), ${c.functions} function definitions (cap ${maxFunctions}: ${c.names.join(", ")})`);
        }
      });
      assert.deepEqual(problems, [], `${f}: move the method into src/ (a named, tested function), or allow-list the cell with a reason`);
    });
  }
  it("every allow-list entry names an existing code cell that still needs it", () => {
    for (const [key, allow] of Object.entries(ALLOWED)) {
      const [name, index] = key.split("#");
      const nb = JSON.parse(fs.readFileSync(path.join(dir, `${name!}.ipynb`), "utf8")) as Notebook;
      const cell = nb.cells[Number(index)];
      assert.equal(cell?.cell_type, "code", `${key} is not a code cell`);
      const code = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
      const c = countCell(code);
      assert.ok(c.loops > MAX_LOOPS || c.functions > MAX_FUNCTIONS, `${key} is within the caps now: remove it from the allow-list`);
      assert.ok(allow.reason.length > 20, `${key} needs a reason`);
    }
  });
});
