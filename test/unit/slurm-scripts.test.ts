/**
 * The Slurm scripts of environment/slurm/ without a cluster (issue 20): what submit would submit, the
 * inputs it refuses, the measure wrapper. The scripts on a real cluster: npm run test:slurm-cluster
 * (a stand-in kit) and npm run test:slurm (the quick world's maps).
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { projectRoot } from "permafrost-kit";

const root = projectRoot();
const slurm = path.join(root, "environment", "slurm");

/**
 * Run one of the scripts with /usr/bin/python3 or bash.
 *
 * @param exe - the interpreter
 * @param args - the script and its arguments
 * @returns exit status and output
 */
function run(exe: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(exe, args, { encoding: "utf8", cwd: root, env: { ...process.env, SLURM_CONF: "/nonexistent/slurm.conf" } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];
after(() => { for (const d of made) fs.rmSync(d, { recursive: true, force: true }); });

/**
 * A temporary run folder with the given plan.json text.
 *
 * @param plan - the file's content, or undefined for no plan.json
 * @returns the folder (removed after the tests)
 */
function runDir(plan: string | undefined): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pk-slurm-"));
  made.push(dir);
  if (plan !== undefined) fs.writeFileSync(path.join(dir, "plan.json"), plan);
  return dir;
}

const submit = (...args: string[]) => run("/usr/bin/python3", [path.join(slurm, "submit"), ...args]);

describe("environment/slurm/submit", () => {
  it("submits an array of plan.json's tile count and a merge that depends on it (--dry-run)", () => {
    const dir = runDir('{"tiles": 12, "tileSize": 256}');
    const r = submit("--run", dir, "--dry-run", "--mem", "3G", "--merge-time", "02:00:00", "--max-parallel", "5");
    assert.equal(r.status, 0, r.stderr);
    const [maps, merge] = r.stdout.split("\n").filter((l) => l.startsWith("  sbatch"));
    assert.ok(maps !== undefined && merge !== undefined, r.stdout);
    for (const part of ["--array=0-11%5", `--chdir=${root}`, `--export=ALL,RUN=${dir}`, "--mem=3G", `--output=${dir}/slurm/alt-map-%A_%a.out`, path.join(slurm, "alt-maps.sbatch")]) {
      assert.ok(maps.includes(part), `maps command lacks ${part}: ${maps}`);
    }
    for (const part of ["--dependency=afterok:<array job id>", "--kill-on-invalid-dep=yes", "--time=02:00:00", path.join(slurm, "alt-merge.sbatch")]) {
      assert.ok(merge.includes(part), `merge command lacks ${part}: ${merge}`);
    }
    assert.ok(!merge.includes("--mem=3G"), "the tile memory must not apply to the merge");
    assert.match(r.stdout, /each tile task asks for 1 CPU\(s\), 3G memory, time limit 01:00:00/);
    assert.match(r.stdout, /the merge asks for 1 CPU\(s\), 4G memory, time limit 02:00:00/);
  });

  it("refuses a run without plan.json, naming alt plan", () => {
    const r = submit("--run", runDir(undefined));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no plan\.json in .*alt plan --inputs/);
  });

  it("refuses a tile count that is not a positive integer", () => {
    for (const plan of ['{"tiles": 0}', '{"tiles": 2.5}', '{"tiles": "4"}', "{}", "[1]", "not json"]) {
      const r = submit("--run", runDir(plan), "--dry-run");
      assert.equal(r.status, 2, `${plan}: ${r.stdout}`);
      assert.match(r.stderr, /plan\.json/, plan);
    }
  });

  it("refuses tiles outside the plan, bad sizes and times, unknown options", () => {
    const dir = runDir('{"tiles": 5}');
    const cases: [string[], RegExp][] = [
      [["--tiles", "3,9"], /tile 9 does not exist \(plan\.json has 5 tiles: 0-4\)/],
      [["--mem", "2GB"], /--mem must be a Slurm size like 1500M or 4G, got '2GB'/],
      [["--time", "1h"], /--time must be a Slurm time/],
      [["--cpus-per-task", "0"], /--cpus-per-task must be a positive integer, got '0'/],
      [["--bogus"], /unknown argument '--bogus'/],
      [["--cluster", dir], /--cluster .*: no slurm\.conf there/],
    ];
    for (const [args, msg] of cases) {
      const r = submit("--run", dir, "--dry-run", ...args);
      assert.equal(r.status, 2, `${args.join(" ")}: ${r.stdout}`);
      assert.match(r.stderr, msg);
    }
  });

  it("refuses the real-cluster template until its placeholders are filled in", () => {
    const r = submit("--run", runDir('{"tiles": 2}'), "--script", path.join(slurm, "cluster-template.sbatch"), "--dry-run");
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cluster-template\.sbatch:\d+: fill in the placeholder first: #SBATCH --partition=CHANGE_ME_PARTITION/);
  });
});

describe("environment/slurm/measure", () => {
  it("records the command's time, peak memory and exit code, and exits with its status", () => {
    const out = path.join(runDir(undefined), "m.json");
    const before = Date.now() / 1000;
    const r = run("/usr/bin/python3", [path.join(slurm, "measure"), out, "--", "/usr/bin/python3", "-c", "x = bytearray(64 << 20); raise SystemExit(3)"]);
    const after = Date.now() / 1000;
    assert.equal(r.status, 3, r.stderr);
    const m = JSON.parse(fs.readFileSync(out, "utf8")) as { exitCode: number; peakRssMB: number; seconds: number; startEpoch: number; endEpoch: number; command: string[] };
    assert.equal(m.exitCode, 3);
    assert.ok(m.peakRssMB >= 64 && m.peakRssMB < 1024, `peak RSS ${m.peakRssMB} MB for a 64 MiB allocation`);
    assert.ok(m.seconds >= 0);
    // the job's own clock, ms resolution: start and end within the call, their difference the wall time
    assert.ok(before - 0.001 <= m.startEpoch && m.startEpoch <= m.endEpoch && m.endEpoch <= after + 0.001, `startEpoch ${m.startEpoch}, endEpoch ${m.endEpoch}, called ${before}–${after}`);
    assert.ok(Math.abs(m.endEpoch - m.startEpoch - m.seconds) <= 0.002, `endEpoch − startEpoch ${m.endEpoch - m.startEpoch} vs seconds ${m.seconds}`);
    assert.equal(m.command[0], "/usr/bin/python3");
  });
});

describe("environment/slurm/cluster and environment/setup", () => {
  it("cluster names its commands and prints SLURM_CONF for a folder", () => {
    const bad = run("bash", [path.join(slurm, "cluster"), "launch"]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /unknown command 'launch' \(known: start, stop, status, env\)/);
    const dir = runDir(undefined);
    const env = run("bash", [path.join(slurm, "cluster"), "env", dir]);
    assert.equal(env.status, 0, env.stderr);
    assert.equal(env.stdout.trim(), `export SLURM_CONF=${fs.realpathSync(dir)}/slurm.conf`);
  });

  it("setup knows --slurm and lists it with the other options", () => {
    const r = run("bash", [path.join(root, "environment", "setup"), "--bogus"]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /unknown argument '--bogus' \(known: --oracles, --lab, --slurm\)/);
    const apt = fs.readFileSync(path.join(root, "environment", "apt-slurm.txt"), "utf8").replace(/#.*/g, "").split(/\s+/).filter(Boolean);
    assert.deepEqual(apt, ["slurm-wlm", "munge"]);
  });
});
