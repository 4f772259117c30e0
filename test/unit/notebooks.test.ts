import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { projectRoot } from "permafrost-kit";

interface Cell { cell_type: string; source: string[] | string; outputs?: unknown[]; execution_count?: number | null }
interface Notebook { cells: Cell[]; metadata: { kernelspec?: { name?: string } } }

const dir = path.join(projectRoot(), "notebooks");
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort();

describe("committed notebooks", () => {
  it("exist, starting with 00-start-here", () => {
    assert.ok(files.length > 0);
    assert.equal(files[0], "00-start-here.ipynb");
  });
  for (const f of files) {
    const nb = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Notebook;
    const text = (c: Cell) => (Array.isArray(c.source) ? c.source.join("") : c.source);
    it(`${f} is committed without outputs or execution counts`, () => {
      nb.cells.forEach((c, i) => {
        if (c.cell_type !== "code") return;
        assert.equal((c.outputs ?? []).length, 0, `cell ${i} has outputs`);
        assert.equal(c.execution_count ?? null, null, `cell ${i} has an execution count`);
      });
    });
    it(`${f} uses the tslab kernel`, () => assert.equal(nb.metadata.kernelspec?.name, "tslab"));
    it(`${f} is literate: it opens with Markdown and every code cell follows a Markdown cell`, () => {
      assert.equal(nb.cells[0]?.cell_type, "markdown");
      nb.cells.forEach((c, i) => {
        if (c.cell_type === "code") assert.equal(nb.cells[i - 1]?.cell_type, "markdown", `code cell ${i} has no prose before it`);
      });
    });
    it(`${f} imports the helper package by name and prints the banner`, () => {
      const code = nb.cells.filter((c) => c.cell_type === "code").map(text).join("\n");
      assert.match(code, /from "permafrost-kit"/);
      assert.doesNotMatch(code, /from "\.\.?\//, "relative imports bypass the package");
      assert.match(code, /notebookHeader\(/);
    });
  }
});
