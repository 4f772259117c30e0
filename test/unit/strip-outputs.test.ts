/**
 * Outputs never reach git (issue 19): environment/strip_outputs.py, the clean filter that
 * .gitattributes applies to *.ipynb and environment/setup registers, empties every code cell's
 * outputs and execution count, passes a clean notebook through byte for byte (every committed
 * notebook), passes text that is not a notebook unchanged, and works through a real `git add`.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { projectRoot } from "permafrost-kit";

const filter = path.join(projectRoot(), "environment", "strip_outputs.py");
const strip = (text: string): string => {
  const r = spawnSync("/usr/bin/python3", [filter], { input: text, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
};
const dirty = `${JSON.stringify({
  cells: [
    { cell_type: "markdown", metadata: {}, source: ["# Title ✓"] },
    { cell_type: "code", execution_count: 7, metadata: {}, outputs: [{ output_type: "stream", name: "stdout", text: ["/abs/path\\n"] }], source: ["1 + 1"] },
  ],
  metadata: { kernelspec: { name: "tslab" } }, nbformat: 4, nbformat_minor: 5,
}, null, 1)}\n`;

describe("strip_outputs.py", () => {
  it("empties outputs and execution counts, keeping everything else", () => {
    const nb = JSON.parse(strip(dirty)) as { cells: { outputs?: unknown[]; execution_count?: number | null; source: string[] }[] };
    assert.deepEqual(nb.cells[1]!.outputs, []);
    assert.equal(nb.cells[1]!.execution_count, null);
    assert.deepEqual(nb.cells.map((c) => c.source), [["# Title ✓"], ["1 + 1"]]);
    assert.equal(strip(strip(dirty)), strip(dirty), "idempotent");
  });

  it("passes every committed notebook through byte for byte, and text that is not a notebook unchanged", () => {
    const dirs = ["notebooks", path.join("notebooks", "exercises")];
    for (const d of dirs) {
      for (const f of fs.readdirSync(path.join(projectRoot(), d)).filter((n) => n.endsWith(".ipynb"))) {
        const text = fs.readFileSync(path.join(projectRoot(), d, f), "utf8");
        assert.equal(strip(text), text, `${d}/${f}`);
      }
    }
    assert.equal(strip("{ not json"), "{ not json");
  });

  it("is applied to *.ipynb by .gitattributes and registered by environment/setup", () => {
    assert.match(fs.readFileSync(path.join(projectRoot(), ".gitattributes"), "utf8"), /^\*\.ipynb filter=permafrost-strip-outputs$/m);
    assert.match(fs.readFileSync(path.join(projectRoot(), "environment", "setup"), "utf8"), /config filter\.permafrost-strip-outputs\.clean "\/usr\/bin\/python3 environment\/strip_outputs\.py"/);
  });

  it("keeps outputs out of a real git add", () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), "pk-strip-"));
    const git = (...args: string[]): string => {
      const r = spawnSync("git", ["-c", "user.email=t@example.org", "-c", "user.name=t", ...args], { cwd: repo, encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    git("init", "-q");
    fs.mkdirSync(path.join(repo, "environment"));
    fs.copyFileSync(filter, path.join(repo, "environment", "strip_outputs.py"));
    fs.copyFileSync(path.join(projectRoot(), ".gitattributes"), path.join(repo, ".gitattributes"));
    // the filter exactly as environment/setup registers it (every `git -C "$root" config filter.…` line)
    const setupText = fs.readFileSync(path.join(projectRoot(), "environment", "setup"), "utf8");
    const configs = [...setupText.matchAll(/^\s*git -C "\$root" config (filter\.permafrost-strip-outputs\.\w+) (.+)$/gm)];
    assert.ok(configs.length >= 3, "setup registers clean, smudge and required");
    for (const [, key, raw] of configs) git("config", key!, raw!.replace(/^"(.*)"$/, "$1"));
    fs.writeFileSync(path.join(repo, "nb.ipynb"), dirty);
    git("add", "nb.ipynb");
    const staged = JSON.parse(git("show", ":nb.ipynb")) as { cells: { outputs?: unknown[] }[] };
    assert.deepEqual(staged.cells[1]!.outputs, []);
    assert.match(fs.readFileSync(path.join(repo, "nb.ipynb"), "utf8"), /\/abs\/path/, "the working copy keeps its outputs");
    // checking a notebook out goes through the filter too (a required filter without smudge refuses it)
    git("commit", "-q", "-m", "nb");
    git("worktree", "add", "-q", path.join(repo, "wt"), "HEAD");
    assert.deepEqual((JSON.parse(fs.readFileSync(path.join(repo, "wt", "nb.ipynb"), "utf8")) as { cells: { outputs?: unknown[] }[] }).cells[1]!.outputs, []);
    fs.rmSync(repo, { recursive: true, force: true });
  });
});
