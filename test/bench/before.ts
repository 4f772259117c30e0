/**
 * The kit as it was at an earlier commit, built from git history in the same run (`npm run bench --
 * --before <rev>`): issue 17's goal 2 asks for the bootstrap stage ≥ 4× faster than before, and a
 * speed-up is only a number when both sides run on the same machine at the same time.
 *
 * `buildRevision` exports the revision's tree with `git archive` into a temporary directory (the
 * working tree and the repository's worktree list are not touched), links this checkout's
 * node_modules into it (refused when the revision's package-lock.json differs from this one's, so
 * both sides run on the same dependencies) and compiles its `src/` with this checkout's TypeScript.
 * `runBootstrapAt` hands the same inputs (training table, strata, members, pixel matrix, years) to
 * that build's `bootstrapMaps` in a child process (before-driver.ts) and reads back its maps and
 * per-replicate times.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as v8 from "node:v8";
import type { ForestOptions, Matrix, TrainingTable } from "permafrost-kit";

/** An earlier revision's build. */
export interface RevisionBuild {
  /** The revision as given. */
  rev: string;
  /** Its full commit hash. */
  commit: string;
  /** Its subject line. */
  subject: string;
  /** Directory holding the exported tree and its dist/. */
  dir: string;
  /** Seconds spent exporting and compiling. */
  buildS: number;
}

function git(args: string[], cwd: string): string {
  const r = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`bench --before: git ${args.join(" ")} failed in ${cwd}: ${(r.stderr || r.error?.message || "").trim()}`);
  return r.stdout.trim();
}

/**
 * Export and compile the kit at `rev`.
 *
 * @param rev - a commit, tag or branch of this repository
 * @param repo - the checkout (default the current directory)
 * @returns the build; the caller removes `dir` when done
 * @throws Error naming the revision when it is unknown, when this is not a git checkout, when its
 *   package-lock.json differs from this checkout's, or when it does not compile
 */
export function buildRevision(rev: string, repo = process.cwd()): RevisionBuild {
  const t0 = performance.now();
  const commit = git(["rev-parse", "--verify", "--quiet", `${rev}^{commit}`], repo);
  const subject = git(["log", "-1", "--format=%s", commit], repo);
  const lockThere = git(["show", `${commit}:package-lock.json`], repo);
  const lockHere = fs.readFileSync(path.join(repo, "package-lock.json"), "utf8").trim();
  if (lockThere !== lockHere) throw new Error(`bench --before: ${rev} (${commit.slice(0, 7)}) has another package-lock.json than this checkout; its build would run on other dependencies`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pk-before-${commit.slice(0, 7)}-`));
  try {
    const tar = execFileSync("git", ["archive", "--format=tar", commit], { cwd: repo, maxBuffer: 1 << 30 });
    execFileSync("tar", ["-x", "-C", dir], { input: tar });
    fs.symlinkSync(path.join(repo, "node_modules"), path.join(dir, "node_modules"), "dir");
    const tsc = spawnSync(process.execPath, [path.join(repo, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], { cwd: dir, encoding: "utf8" });
    if (tsc.status !== 0) throw new Error(`bench --before: ${rev} (${commit.slice(0, 7)}) does not compile: ${tsc.stdout}${tsc.stderr}`);
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return { rev, commit, subject, dir, buildS: (performance.now() - t0) / 1000 };
}

/** What {@link runBootstrapAt} hands to the earlier build. */
export interface BootstrapJob {
  table: TrainingTable;
  strata: string[];
  members: readonly ForestOptions[];
  pixels: Matrix;
  years: readonly number[];
  settings: { replicates: number; share: number; seed: number };
  workers: number;
}

/** What the earlier build measured. */
export interface BootstrapAtResult {
  /** Wall seconds of each replicate (the first includes starting the pool). */
  perReplicateS: number[];
  /** Wall seconds per replicate after the first. */
  steadyPerReplicateS: number;
  /** CPU seconds per replicate after the first (the child process, all threads). */
  steadyCpuPerReplicateS: number;
  /** Per-pixel mean and trend of each replicate. */
  mean: Float32Array[];
  trend: Float32Array[];
}

/**
 * Run `bootstrapMaps` of an earlier build on the given inputs, cache off, in a child process.
 *
 * @param build - from {@link buildRevision}
 * @param job - the inputs and settings
 * @returns times and maps
 */
export function runBootstrapAt(build: RevisionBuild, job: BootstrapJob): BootstrapAtResult {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pk-before-job-"));
  try {
    const jobFile = path.join(tmp, "job.bin");
    const outFile = path.join(tmp, "out.bin");
    fs.writeFileSync(jobFile, v8.serialize(job));
    const driver = path.join(__dirname, "before-driver.js");
    const r = spawnSync(process.execPath, [driver, path.join(build.dir, "dist", "index.js"), jobFile, outFile], {
      cwd: build.dir, encoding: "utf8", env: { ...process.env, PERMAFROST_NO_CACHE: "1" }, maxBuffer: 1 << 26,
    });
    if (r.status !== 0) throw new Error(`bench --before: bootstrapMaps at ${build.rev} failed: ${r.stderr}`);
    return v8.deserialize(fs.readFileSync(outFile)) as BootstrapAtResult;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
