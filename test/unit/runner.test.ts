import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { projectRoot } from "permafrost-kit";

const haveNbclient = spawnSync("/usr/bin/python3", ["-c", "import nbclient"]).status === 0;

function notebook(sources: string[]): string {
  return JSON.stringify({
    cells: sources.map((s) => ({ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source: [s] })),
    metadata: { kernelspec: { name: "tslab", display_name: "tslab", language: "typescript" } },
    nbformat: 4,
    nbformat_minor: 5,
  });
}

describe("environment/run_notebooks.py", { skip: haveNbclient ? false : "no nbclient under /usr/bin/python3" }, () => {
  it("names the notebook and cell, prints the source and the kernel's message, and exits non-zero", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pk-runner-"));
    const nb = path.join(tmp, "failing.ipynb");
    fs.writeFileSync(nb, notebook(['console.log("first cell runs");', "const y: string = 5;", 'console.log("never runs");']));
    const r = spawnSync("/usr/bin/python3", [path.join(projectRoot(), "environment", "run_notebooks.py"), "--profile", "quick", "--out", path.join(tmp, "out"), nb], { encoding: "utf8" });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /FAILED: .*failing\.ipynb, code cell 2/);
    assert.match(r.stderr, /const y: string = 5;/);
    assert.match(r.stderr, /Type 'number' is not assignable to type 'string'/);
    assert.match(r.stdout, /notebooks: 0 passed, 1 failed/);
    const executed = JSON.parse(fs.readFileSync(path.join(tmp, "out", "notebooks", "failing.ipynb"), "utf8")) as { cells: { outputs: { output_type: string; text?: string | string[] }[] }[] };
    assert.equal(executed.cells[1]?.outputs.at(-1)?.output_type, "error");
    assert.equal(executed.cells[2]?.outputs.length, 0);
    const log = JSON.parse(fs.readFileSync(path.join(tmp, "out", "run-log.json"), "utf8")) as { notebooks: { status: string }[] };
    assert.equal(log.notebooks[0]?.status, "FAILED");
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});
