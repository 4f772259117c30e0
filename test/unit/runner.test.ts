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
    const r = spawnSync("/usr/bin/python3", [path.join(projectRoot(), "environment", "run_notebooks.py"), "--profile", "quick", "--out", path.join(tmp, "out"), "--results", path.join(tmp, "results"), nb], { encoding: "utf8" });
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
    assert.ok(fs.existsSync(path.join(tmp, "results", "timings", "table.md")), "the timings table goes to --results, not to the project's build folder");
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("writes to the profile's own build folder by default (issue 19): build/<profile>/ for the run, build/ for the shared run-times.json, nothing in the other profile's", () => {
    // inside the project, so the kernel finds "permafrost-kit" by walking up from the notebook's folder
    const dir = path.join(projectRoot(), "build", "test", `runner-profiles-${process.pid}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const nb = path.join(dir, "writes.ipynb");
    fs.writeFileSync(nb, notebook(['import * as kit from "permafrost-kit";\nkit.writeResults("writes", { a: 1 });\nconsole.log(kit.profileSubdir("maps"));']));
    const build = path.join(dir, "build");
    const env: NodeJS.ProcessEnv = { ...process.env, PERMAFROST_BUILD_DIR: build };
    delete env["PERMAFROST_RESULTS_DIR"];
    try {
      const r = spawnSync("/usr/bin/python3", [path.join(projectRoot(), "environment", "run_notebooks.py"), "--profile", "quick", nb], { encoding: "utf8", env });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      const quick = path.join(build, "quick");
      for (const f of [path.join("notebooks", "writes.ipynb"), "run-log.json", path.join("results", "writes.json"), path.join("results", "timings", "table.md")]) {
        assert.ok(fs.existsSync(path.join(quick, f)), `build/quick/${f}`);
      }
      assert.ok(fs.statSync(path.join(quick, "maps")).isDirectory(), "the kernel resolved profileSubdir into build/quick");
      const times = JSON.parse(fs.readFileSync(path.join(build, "run-times.json"), "utf8")) as Record<string, Record<string, unknown>>;
      assert.ok(times["quick"]?.["writes"] !== undefined, "run-times.json at the build root records the quick run");
      assert.equal(fs.existsSync(path.join(build, "full")), false, "a quick run never creates build/full");
      assert.equal(fs.existsSync(path.join(build, "results")), false, "nothing at the old top-level places");
      assert.equal(fs.existsSync(path.join(build, "notebooks")), false, "nothing at the old top-level places");
      assert.match(r.stdout, /outputs of this run \(profile quick, build folder .*build[/\\]quick\/\)/);
      assert.match(r.stdout, /results and timings: +.*quick[/\\]results\//);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
