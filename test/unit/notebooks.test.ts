import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { projectNotebooks } from "../helpers";
import * as kit from "permafrost-kit";
import { projectRoot } from "permafrost-kit";

interface Cell { cell_type: string; source: string[] | string; outputs?: unknown[]; execution_count?: number | null }
interface Notebook { cells: Cell[]; metadata: { kernelspec?: { name?: string } } }

const files = projectNotebooks();

/**
 * A notebook as git will commit it: the index's copy (after the strip-outputs filter) when the
 * project is a git work tree and the file is in the index, else the working copy. A notebook saved
 * with outputs in Jupyter is fine as long as what is committed has none.
 *
 * @param rel - path from the project root
 * @returns the text
 */
function committedText(rel: string): string {
  const r = spawnSync("git", ["show", `:${rel}`], { cwd: projectRoot(), encoding: "utf8", maxBuffer: 1 << 28 });
  return r.status === 0 ? r.stdout : fs.readFileSync(path.join(projectRoot(), rel), "utf8");
}

describe("committed notebooks", () => {
  it("exist, starting with 00-start-here", () => {
    assert.ok(files.length > 0);
    assert.equal(files[0], "00-start-here.ipynb");
  });
  for (const f of files) {
    const nb = JSON.parse(committedText(`notebooks/${f}`)) as Notebook;
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
    it(`${f} imports the helper package by name and starts with one helper call`, () => {
      const codeCells = nb.cells.filter((c) => c.cell_type === "code").map(text);
      const code = codeCells.join("\n");
      assert.match(code, /from "permafrost-kit"/);
      assert.doesNotMatch(code, /from "\.\.?\//, "relative imports bypass the package");
      // banner, measured times and stage timings: one call at the top, one finish() at the end
      assert.equal(code.match(/\bkit\.notebookStart\(/g)?.length, 1, "exactly one kit.notebookStart(…) call");
      assert.match(codeCells[0] ?? "", /\bkit\.notebookStart\(/, "notebookStart is in the first code cell");
      assert.equal((codeCells[codeCells.length - 1] ?? "").trim(), "nb.finish();", "the last code cell is nb.finish();");
      assert.doesNotMatch(code, /notebookHeader\(|writeTimings\(|timings\[/, "no per-notebook header or timing boilerplate");
    });
    it(`${f} opens with Overview, Prerequisites and Time, states its paper section and data status, and ends with Summary and What next`, () => {
      const mdCells = nb.cells.map((c, i) => ({ i, type: c.cell_type, src: text(c) })).filter((c) => c.type === "markdown");
      const first = mdCells[0]!.src;
      assert.match(first, /^# \S/, "the first Markdown cell starts with the title");
      const at = (heading: string): number => {
        const hits = mdCells.filter((c) => c.src.split("\n")[0]!.trim() === heading);
        assert.equal(hits.length, 1, `exactly one Markdown cell headed "${heading}"`);
        return hits[0]!.i;
      };
      const order = ["## Overview", "## Prerequisites", "## Time", "## Summary", "## What next"].map(at);
      for (let k = 1; k < order.length; k++) assert.ok(order[k - 1]! < order[k]!, `headings in the order Overview, Prerequisites, Time, Summary, What next`);
      const firstCode = nb.cells.findIndex((c) => c.cell_type === "code");
      assert.ok(order[2]! < firstCode, "Overview, Prerequisites and Time come before the first code cell");
      const overview = text(nb.cells[order[0]!]!);
      assert.ok((overview.match(/^\d+\. \S/gm) ?? []).length >= 2, "Overview lists at least two numbered objectives");
      assert.ok(text(nb.cells[order[1]!]!).split("\n").slice(1).join("").trim().length > 20, "Prerequisites says which notebooks and concepts come first");
      assert.match(text(nb.cells[order[2]!]!), /notebookStart|banner/, "Time says where the measured times come from");
      assert.doesNotMatch(text(nb.cells[order[2]!]!), /\b(about|under|a few|roughly|~)\s*(\d|a minute|seconds|minutes)/i, "Time quotes no typed-in duration");
      assert.match(first, /\*\*(Reproduces|Teaches):\*\*/, "the first cell states the paper section it reproduces (or teaches)");
      assert.match(first, /\*\*Data: (real|SYNTHETIC|mixed real and SYNTHETIC)\b/, "the first cell states the data status");
      const mdLast = mdCells.slice(-2).map((c) => c.src.split("\n")[0]!.trim());
      assert.deepEqual(mdLast, ["## Summary", "## What next"], "the last Markdown cells are Summary and What next");
      assert.equal(nb.cells[nb.cells.length - 1]?.cell_type, "markdown", "the notebook ends with What next");
      assert.match(text(nb.cells[order[4]!]!), /\]\(\d\d-[\w-]+\.ipynb\)/, "What next links a notebook by file name");
      for (const c of mdCells) assert.doesNotMatch(c.src, /when present/i, `cell ${c.i}: leftover "when present"`);
    });
  }
});

describe("notebookStart: one call for the banner, the measured times and the stage timings", () => {
  const withEnv = async (env: Record<string, string>, body: () => unknown): Promise<void> => {
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      await body();
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  };
  const info = { notebook: "99-test", reproduces: "a test", data: "real" as const, dataNote: "none" };

  it("measuredTimes reads the runner's run-times.json per profile, and nothing when absent or broken", async () => {
    const build = fs.mkdtempSync(path.join(os.tmpdir(), "nbstart-"));
    await withEnv({ PERMAFROST_BUILD_DIR: build }, () => {
      assert.deepEqual(kit.measuredTimes("99-test"), {});
      fs.writeFileSync(kit.runTimesFile(), "{ not json");
      assert.deepEqual(kit.measuredTimes("99-test"), {});
      fs.writeFileSync(kit.runTimesFile(), JSON.stringify({ quick: { "99-test": { seconds: 12.5, finished: "2026-01-02T03:04:05Z" }, other: { seconds: 1, finished: "x" } }, full: { "99-test": { seconds: "slow" } } }));
      assert.deepEqual(kit.measuredTimes("99-test"), { quick: { seconds: 12.5, finished: "2026-01-02T03:04:05Z" } });
    });
  });

  it("returns the same header as notebookHeader, records stages and writes them with the total on finish()", async () => {
    const build = fs.mkdtempSync(path.join(os.tmpdir(), "nbstart-"));
    const results = path.join(build, "results");
    await withEnv({ PERMAFROST_BUILD_DIR: build, PERMAFROST_RESULTS_DIR: results }, async () => {
      const nb = kit.notebookStart(info);
      assert.deepEqual(nb.header, kit.notebookHeader(info));
      assert.equal(nb.time("sync", () => 41 + 1), 42);
      assert.equal(await nb.time("cached", () => Promise.resolve({ hit: true, value: 7 })).then((r) => r.value), 7);
      nb.record("given", 5, false);
      assert.throws(() => nb.record("given", 1), kit.ArgumentError);
      assert.throws(() => nb.record("total", 1), kit.ArgumentError);
      assert.throws(() => nb.record("bad", Number.NaN), kit.ArgumentError);
      assert.equal(nb.timingsFile, undefined);
      nb.finish();
      const file = nb.timingsFile!;
      assert.equal(file, path.join(results, "timings", "99-test.json"));
      const written = JSON.parse(fs.readFileSync(file, "utf8")) as { notebook: string; stages: Record<string, { ms: number; cacheHit?: boolean }> };
      assert.equal(written.notebook, "99-test");
      assert.deepEqual(Object.keys(written.stages), ["sync", "cached", "given", "total"]);
      assert.equal(written.stages["cached"]!.cacheHit, true);
      assert.equal(written.stages["given"]!.ms, 5);
      assert.throws(() => nb.finish(), kit.ArgumentError);
    });
  });

  it("refuses a bad info object as notebookHeader does", () => {
    assert.throws(() => kit.notebookStart({ ...info, data: "made-up" as "real" }), kit.ArgumentError);
  });
});
