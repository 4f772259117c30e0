/**
 * `npm run check:binder` (issue 19, item 4): a dry check of what repo2docker (Binder) expects of
 * `environment/` (found through the top-level `.binder` link), without building an image (this
 * workplace cannot reach Binder):
 *
 * 1. `.binder` is a symbolic link to `environment`;
 * 2. every package named in `environment/apt.txt` is one Debian's apt knows (`apt-cache show`),
 *    and the file has only whole-line comments (repo2docker ignores lines starting with #);
 * 3. `environment/postBuild` is committed executable (git mode 100755) and starts with a shebang;
 * 4. `postBuild` is idempotent: run twice with a fresh HOME, both runs succeed and register the same
 *    kernel spec, whose argv points into this checkout.
 *
 * Not checked: repo2docker itself, Binder's base image, network access at build time.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..", "..");
const say = (s: string): void => console.log(`check:binder: ${s}`);

// 1. the link
assert.equal(fs.readlinkSync(path.join(root, ".binder")), "environment", ".binder must link to environment");
say(".binder → environment");

// 2. apt.txt
const aptLines = fs.readFileSync(path.join(root, "environment", "apt.txt"), "utf8").split("\n");
const pkgs: string[] = [];
aptLines.forEach((line, i) => {
  const t = line.trim();
  if (t === "" || t.startsWith("#")) return;
  assert.ok(/^[a-z0-9][a-z0-9+.-]+$/.test(t), `environment/apt.txt line ${i + 1}: ${JSON.stringify(line)} is not one package name (repo2docker reads one package per line; comments on their own line)`);
  pkgs.push(t);
});
for (const p of pkgs) {
  const r = spawnSync("apt-cache", ["show", "--no-all-versions", p], { encoding: "utf8" });
  assert.equal(r.status, 0, `environment/apt.txt: apt does not know the package ${p}`);
}
say(`apt.txt: ${pkgs.length} packages, each known to apt (${pkgs.join(", ")})`);

// 3. postBuild committed executable
const mode = spawnSync("git", ["ls-files", "-s", "environment/postBuild"], { cwd: root, encoding: "utf8" }).stdout.split(/\s+/)[0];
assert.equal(mode, "100755", "environment/postBuild must be committed executable (git update-index --chmod=+x)");
assert.match(fs.readFileSync(path.join(root, "environment", "postBuild"), "utf8"), /^#!\/usr\/bin\/env bash\n/);
say("postBuild: committed as 100755 with a bash shebang");

// 4. idempotent, twice with a fresh HOME
const home = fs.mkdtempSync(path.join(os.tmpdir(), "pk-binder-home-"));
const specs: string[] = [];
for (let run = 1; run <= 2; run++) {
  const t0 = performance.now();
  const r = spawnSync("bash", [path.join(root, "environment", "postBuild")], { cwd: root, encoding: "utf8", env: { ...process.env, HOME: home } });
  assert.equal(r.status, 0, `postBuild run ${run} failed:\n${r.stdout}\n${r.stderr}`);
  const spec = fs.readFileSync(path.join(home, ".local", "share", "jupyter", "kernels", "tslab", "kernel.json"), "utf8");
  specs.push(spec);
  say(`postBuild run ${run}: ok in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
assert.equal(specs[0], specs[1], "postBuild registers the same kernel spec each time");
const argv = (JSON.parse(specs[0]!) as { argv: string[] }).argv;
assert.ok(argv.some((a) => a.startsWith(root)), `the registered kernel runs from this checkout: ${argv.join(" ")}`);
assert.ok(fs.existsSync(argv.find((a) => a.startsWith(root))!), "the registered kernel's program exists");
fs.rmSync(home, { recursive: true, force: true });
say("postBuild is idempotent and registers a kernel that runs from this checkout; repo2docker itself was not run (no network to Binder)");
