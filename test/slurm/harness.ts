/**
 * A throwaway single-node Slurm cluster for tests (issue 20): start it, run a callback, always stop it.
 *
 * Drives the shell scripts users run (`environment/slurm/cluster`, `environment/slurm/submit`), so a
 * test exercises exactly what the README tells people to type. The cluster lives in one folder
 * (config, munge key and socket, state, logs, pid files); its daemons are recorded by PID at start,
 * stopped by those PIDs at the end, and checked to be gone.
 *
 *     await withSlurmCluster(dir, async (c) => {
 *       const r = submitRun(c, ["--run", runDir, "--wait"], { PERMAFROST_KIT: "npx --no-install permafrost-kit" });
 *       ...
 *     });
 *
 * Needs root and Debian's slurm-wlm + munge (`npm run setup -- --slurm`); see {@link slurmMissing}.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { projectRoot } from "permafrost-kit";

/** The daemons of a test cluster, in start order. */
export const DAEMONS = ["munged", "slurmctld", "slurmd"] as const;
/** One daemon's name. */
export type Daemon = (typeof DAEMONS)[number];

/** A running test cluster. */
export interface SlurmCluster {
  /** the cluster's folder (absolute) */
  dir: string;
  /** its slurm.conf: SLURM_CONF for every Slurm command */
  conf: string;
  /** process.env plus SLURM_CONF, for spawning Slurm commands */
  env: NodeJS.ProcessEnv;
  /** the PIDs the start script recorded */
  pids: Record<Daemon, number>;
  /** seconds `cluster start` took (until sinfo showed the node idle) */
  startSeconds: number;
  /** the start script's output */
  startLog: string;
}

/** What {@link stopCluster} saw. */
export interface StopReport {
  /** seconds `cluster stop` took */
  seconds: number;
  /** the stop script's output */
  log: string;
}

/** The output of one `environment/slurm/submit` call. */
export interface SubmitResult {
  /** exit status (0 ok, 1 a job failed, 2 bad input, 3 timeout) */
  status: number;
  /** what it printed on stdout (the summary; with --wait the report) */
  stdout: string;
  /** what it printed on stderr (errors) */
  stderr: string;
  /** the array job's id ("" when none was printed) */
  arrayJob: string;
  /** the merge job's id ("" when none was printed) */
  mergeJob: string;
  /** wall seconds of the call (with --wait: submission to the merge's end) */
  seconds: number;
}

const root = projectRoot();
const clusterScript = path.join(root, "environment", "slurm", "cluster");
const submitScript = path.join(root, "environment", "slurm", "submit");

/**
 * Why a test cluster cannot run here, or undefined when it can.
 *
 * @returns a sentence naming what is missing and how to get it
 */
export function slurmMissing(): string | undefined {
  if (process.getuid?.() !== 0) return "the test cluster needs root (slurmd starts jobs as their user); rerun as root";
  for (const exe of ["munged", "mungekey", "slurmctld", "slurmd", "sbatch", "scontrol", "sinfo"]) {
    if (spawnSync("sh", ["-c", `command -v ${exe}`]).status !== 0) return `${exe} is not installed: run npm run setup -- --slurm (Debian's slurm-wlm and munge)`;
  }
  return undefined;
}

/**
 * Whether a process exists and is not a zombie.
 *
 * @param pid - the process
 * @returns true while it runs
 */
export function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/**
 * Whether `pid` is alive AND still one of this cluster's processes (its command line names the folder),
 * so a PID reused by an unrelated process after the stop does not count.
 *
 * @param pid - the recorded PID
 * @param dir - the cluster's folder
 * @returns true while the cluster's process runs
 */
export function aliveInCluster(pid: number, dir: string): boolean {
  if (!alive(pid)) return false;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").includes(`${dir}/`);
  } catch {
    return false;
  }
}

/**
 * Run `environment/slurm/cluster <command> <dir>`.
 *
 * @param command - start, stop or status
 * @param dir - the cluster's folder
 * @returns exit status, output and wall seconds
 */
export function clusterCommand(command: "start" | "stop" | "status", dir: string): { status: number; out: string; seconds: number } {
  const t = performance.now();
  const r = spawnSync("bash", [clusterScript, command, dir], { encoding: "utf8", cwd: root, timeout: 120_000 });
  return { status: r.status ?? -1, out: `${r.stdout}${r.stderr}`, seconds: (performance.now() - t) / 1000 };
}

/**
 * Start a test cluster in `dir` (wiped first) and read the PIDs it recorded.
 *
 * @param dir - the cluster's folder
 * @returns the running cluster
 * @throws AssertionError when it does not start or a daemon is not running
 */
export function startCluster(dir: string): SlurmCluster {
  fs.mkdirSync(dir, { recursive: true });
  const abs = fs.realpathSync(dir);
  const r = clusterCommand("start", abs);
  assert.equal(r.status, 0, `cluster start failed:\n${r.out}`);
  assert.ok(!r.out.includes("already running"), `a cluster was already running in ${abs} (stop it first: bash environment/slurm/cluster stop ${abs}):\n${r.out}`);
  const pids = {} as Record<Daemon, number>;
  for (const d of DAEMONS) {
    const pid = Number(fs.readFileSync(path.join(abs, "run", `${d}.pid`), "utf8").trim());
    assert.ok(Number.isInteger(pid) && pid > 0 && aliveInCluster(pid, abs), `${d}: recorded pid ${pid} is not a running process of ${abs}`);
    pids[d] = pid;
  }
  const conf = path.join(abs, "slurm.conf");
  return { dir: abs, conf, env: { ...process.env, SLURM_CONF: conf }, pids, startSeconds: r.seconds, startLog: r.out };
}

/**
 * Stop the cluster by its recorded PIDs and check that every daemon and job step is gone.
 *
 * @param c - the cluster
 * @returns the stop's time and output
 * @throws AssertionError when the stop fails or a daemon survives
 */
export function stopCluster(c: SlurmCluster): StopReport {
  const r = clusterCommand("stop", c.dir);
  const left = DAEMONS.filter((d) => aliveInCluster(c.pids[d], c.dir)).map((d) => `${d} (pid ${c.pids[d]})`);
  assert.deepEqual(left, [], `still running after cluster stop: ${left.join(", ")}\n${r.out}`);
  assert.equal(r.status, 0, `cluster stop failed:\n${r.out}`);
  return { seconds: r.seconds, log: r.out };
}

/**
 * Start a test cluster, run `fn` with it, and ALWAYS stop it (also on an exception, SIGINT or
 * SIGTERM), checking that its daemons are gone.
 *
 * @param dir - the cluster's folder (wiped at start; logs stay after the stop)
 * @param fn - the work to do with the running cluster
 * @param onStop - told how the stop went (e.g. to print its time)
 * @returns what `fn` returns
 */
export async function withSlurmCluster<T>(dir: string, fn: (c: SlurmCluster) => Promise<T>, onStop?: (s: StopReport) => void): Promise<T> {
  const c = startCluster(dir);
  const onSignal = (sig: NodeJS.Signals): void => {
    console.error(`${sig}: stopping the test cluster in ${c.dir}`);
    clusterCommand("stop", c.dir);
    process.exit(130);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  let failed = false;
  try {
    return await fn(c);
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
    try {
      const s = stopCluster(c);
      onStop?.(s);
    } catch (e) {
      // do not hide the callback's own error behind the stop's
      if (!failed) throw e;
      console.error(e);
    }
  }
}

/**
 * Run `environment/slurm/submit --cluster <c.dir> ...args` and read the job ids it prints.
 *
 * @param c - the cluster
 * @param args - submit's other arguments (e.g. --run DIR --wait)
 * @param env - extra environment (e.g. PERMAFROST_KIT)
 * @returns its status, output, job ids and wall seconds
 */
export function submitRun(c: SlurmCluster, args: string[], env: NodeJS.ProcessEnv = {}): SubmitResult {
  const t = performance.now();
  const r = spawnSync("/usr/bin/python3", [submitScript, "--cluster", c.dir, ...args], {
    encoding: "utf8", cwd: root, env: { ...c.env, ...env }, timeout: 600_000,
  });
  const out = r.stdout ?? "";
  return {
    status: r.status ?? -1,
    stdout: out,
    stderr: r.stderr ?? "",
    arrayJob: /^\[submit\] array job: (\d+)/m.exec(out)?.[1] ?? "",
    mergeJob: /^\[submit\] merge job: (\d+)/m.exec(out)?.[1] ?? "",
    seconds: (performance.now() - t) / 1000,
  };
}

/**
 * scontrol's records of a job, one per line of `scontrol show job -o` (an array job: one per task),
 * as key → value (values without spaces; enough for JobState, ExitCode, ArrayTaskId, times).
 *
 * @param c - the cluster
 * @param jobId - the job
 * @returns the records ([] when scontrol no longer knows the job)
 */
export function showJob(c: SlurmCluster, jobId: string): Record<string, string>[] {
  const r = spawnSync("scontrol", ["show", "job", "-o", jobId], { encoding: "utf8", env: c.env });
  if (r.status !== 0) return [];
  return r.stdout.split("\n").filter((l) => l.trim() !== "").map((line) => {
    const rec: Record<string, string> = {};
    for (const m of line.matchAll(/(?:^|\s)([A-Za-z:]+)=(\S*)/g)) rec[m[1]!] = m[2]!;
    return rec;
  });
}
