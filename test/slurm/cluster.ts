/**
 * `npm run test:slurm-cluster` (issue 20, part 2): the Slurm scripts on a real, throwaway,
 * single-node cluster, without the tile-job CLI.
 *
 * 1. Refuses (exit 2) unless run as root with Slurm and munge installed (`npm run setup -- --slurm`).
 * 2. Starts a cluster in build/slurm-test/cluster with `environment/slurm/cluster start` (munged,
 *    slurmctld, slurmd on 127.0.0.1, until sinfo shows the node idle); a second start is a no-op.
 * 3. A run with plan.json `{"tiles": 4}` is submitted with `environment/slurm/submit --wait`, i.e.
 *    through the real alt-maps.sbatch (4-task array), alt-merge.sbatch (afterok dependency) and
 *    measure, with PERMAFROST_KIT pointing at a stand-in for `npx permafrost-kit` (a shell script that
 *    writes one small JSON file per tile, and for the merge the tiles it found). Checks: exit 0, every
 *    task's output (its tile = its array task id, 1 CPU), the Slurm logs and the measure records; the
 *    merge saw all 4 tiles and started after the last tile ended (the stand-in's ms clock and
 *    scontrol's times); scontrol has every task and the merge COMPLETED.
 * 4. A 3-tile run whose tile 1 fails: submit exits 1 and names tile 1, the merge is CANCELLED by
 *    Slurm (DependencyNeverSatisfied) and never ran.
 * 5. Stops the cluster by its recorded PIDs (`cluster stop`) and checks the daemons are gone.
 *
 * Every step prints its time. The real tile-job comparison (the quick world's maps as an array job vs
 * the single-process run) is test/slurm/alt-maps.ts (`npm run test:slurm`), another callback of
 * {@link withSlurmCluster}.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { projectRoot } from "permafrost-kit";
import { type SlurmCluster, DAEMONS, aliveInCluster, clusterCommand, showJob, slurmMissing, submitRun, withSlurmCluster } from "./harness";

const root = projectRoot();
const work = path.join(root, "build", "slurm-test");
const t0 = performance.now();
let tStep = t0;
/**
 * Print one step with the seconds since the previous step and since the start.
 *
 * @param what - what was done
 */
function step(what: string): void {
  const now = performance.now();
  console.log(`test:slurm-cluster [${((now - t0) / 1000).toFixed(1).padStart(5)} s, +${((now - tStep) / 1000).toFixed(1)} s] ${what}`);
  tStep = now;
}

/** The stand-in for `npx permafrost-kit`: `alt map --run R --tile K` and `alt merge --run R`. */
const STUB = `#!/usr/bin/env bash
# stand-in for npx permafrost-kit in test:slurm-cluster (written by test/slurm/cluster.ts)
set -euo pipefail
now() { date +%s%3N; }
[ "$1 $3" = "alt --run" ] || { echo "stub: unexpected arguments: $*" >&2; exit 64; }
run="$4"
case "$2" in
  map)
    [ "$5" = --tile ] || { echo "stub: map without --tile: $*" >&2; exit 64; }
    tile="$6"; start=$(now)
    if [ "\${FAIL_TILE:-}" = "$tile" ]; then echo "stub: tile $tile fails on purpose" >&2; exit 7; fi
    sleep "\${TILE_SECONDS:-1}"
    mkdir -p "$run/tiles"
    printf '{"tile":%s,"task":"%s","arrayJob":"%s","cpus":"%s","start":%s,"end":%s}\\n' \\
      "$tile" "\${SLURM_ARRAY_TASK_ID:-}" "\${SLURM_ARRAY_JOB_ID:-}" "\${SLURM_CPUS_PER_TASK:-}" "$start" "$(now)" > "$run/tiles/$tile.json"
    echo "stub: tile $tile done" ;;
  merge)
    start=$(now)
    tiles=$(ls "$run/tiles" | sed 's/[.]json$//' | sort -n | paste -sd, -)
    printf '{"start":%s,"tiles":[%s],"job":"%s"}\\n' "$start" "$tiles" "\${SLURM_JOB_ID:-}" > "$run/merge.json"
    echo "stub: merged $tiles" ;;
  *) echo "stub: unknown step $2" >&2; exit 64 ;;
esac
`;

/** One tile's record, written by the stand-in. */
interface TileRecord { tile: number; task: string; arrayJob: string; cpus: string; start: number; end: number }
/** The merge's record, written by the stand-in. */
interface MergeRecord { start: number; tiles: number[]; job: string }

/**
 * A fresh run folder with plan.json `{"tiles": n}`.
 *
 * @param name - the folder's name below build/slurm-test/
 * @param tiles - the tile count
 * @returns the folder
 */
function makeRun(name: string, tiles: number): string {
  const dir = path.join(work, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "plan.json"), `${JSON.stringify({ tiles })}\n`);
  return dir;
}

/**
 * Seconds since the epoch of scontrol's local time stamp (2026-11-22T05:54:14).
 *
 * @param s - the stamp
 * @returns seconds
 */
function slurmTime(s: string | undefined): number {
  const t = Date.parse(s ?? "");
  assert.ok(Number.isFinite(t), `not a Slurm time: ${s}`);
  return t / 1000;
}

/**
 * Step 3: a 4-task array and the dependent merge, all succeeding.
 *
 * @param c - the cluster
 * @param stub - the stand-in's path
 */
function arrayThenMerge(c: SlurmCluster, stub: string): void {
  const run = makeRun("run-ok", 4);
  const r = submitRun(c, ["--run", run, "--wait", "--poll", "0.5", "--timeout", "120"], { PERMAFROST_KIT: stub, TILE_SECONDS: "1" });
  assert.equal(r.status, 0, `submit --wait failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /all 4 tiles and the merge COMPLETED/);
  assert.ok(r.arrayJob !== "" && r.mergeJob !== "", `no job ids in:\n${r.stdout}`);
  step(`4-task array ${r.arrayJob} + merge ${r.mergeJob}: submitted and waited ${r.seconds.toFixed(1)} s`);

  const tiles = [0, 1, 2, 3].map((k) => {
    const file = path.join(run, "tiles", `${k}.json`);
    assert.ok(fs.existsSync(file), `tile ${k} wrote nothing (${file}); log:\n${fs.readFileSync(path.join(run, "slurm", `alt-map-${r.arrayJob}_${k}.out`), "utf8")}`);
    const t = JSON.parse(fs.readFileSync(file, "utf8")) as TileRecord;
    assert.deepEqual([t.tile, t.task, t.arrayJob, t.cpus], [k, String(k), r.arrayJob, "1"], `tile ${k}: tile, array task id, array job, CPUs`);
    const log = fs.readFileSync(path.join(run, "slurm", `alt-map-${r.arrayJob}_${k}.out`), "utf8");
    assert.match(log, new RegExp(`\\[alt-map\\] tile ${k}, job ${r.arrayJob}_${k} `));
    assert.match(log, new RegExp(`stub: tile ${k} done`));
    const m = JSON.parse(fs.readFileSync(path.join(run, "slurm", `alt-map-${k}.json`), "utf8")) as { exitCode: number; arrayTaskId: string; peakRssMB: number };
    assert.deepEqual([m.exitCode, m.arrayTaskId], [0, String(k)], `measure record of tile ${k}`);
    assert.ok(m.peakRssMB > 0, `tile ${k}: peak RSS ${m.peakRssMB}`);
    return t;
  });
  const merge = JSON.parse(fs.readFileSync(path.join(run, "merge.json"), "utf8")) as MergeRecord;
  assert.deepEqual(merge.tiles, [0, 1, 2, 3], "the merge saw every tile");
  assert.equal(merge.job, r.mergeJob);
  const lastEnd = Math.max(...tiles.map((t) => t.end));
  assert.ok(merge.start >= lastEnd, `the merge started at ${merge.start} ms, before the last tile ended (${lastEnd} ms)`);
  assert.match(fs.readFileSync(path.join(run, "slurm", `alt-merge-${r.mergeJob}.out`), "utf8"), /stub: merged 0,1,2,3/);

  const tasks = showJob(c, r.arrayJob);
  assert.deepEqual(tasks.map((t) => t.ArrayTaskId).sort(), ["0", "1", "2", "3"], "scontrol: one record per task");
  for (const t of tasks) assert.deepEqual([t.JobState, t.ExitCode], ["COMPLETED", "0:0"], `scontrol: task ${t.ArrayTaskId}`);
  const [m] = showJob(c, r.mergeJob);
  assert.deepEqual([m?.JobState, m?.ExitCode], ["COMPLETED", "0:0"], "scontrol: the merge");
  const lastTaskEnd = Math.max(...tasks.map((t) => slurmTime(t.EndTime)));
  assert.ok(slurmTime(m?.StartTime) >= lastTaskEnd, `scontrol: merge StartTime ${m?.StartTime} is before the last task's EndTime`);
  const overlap = tiles.some((a) => tiles.some((b) => a !== b && a.start < b.end && b.start < a.end));
  step(`checked 4 tile outputs, logs, measure records; merge started ${((merge.start - lastEnd) / 1000).toFixed(1)} s after the last tile ended${overlap ? " (tiles ran 2 at a time)" : ""}`);
}

/**
 * Step 4: tile 1 of 3 fails; the merge must be cancelled and never run.
 *
 * @param c - the cluster
 * @param stub - the stand-in's path
 */
function failingTile(c: SlurmCluster, stub: string): void {
  const run = makeRun("run-fail", 3);
  const r = submitRun(c, ["--run", run, "--wait", "--poll", "0.5", "--timeout", "120"], { PERMAFROST_KIT: stub, TILE_SECONDS: "0", FAIL_TILE: "1" });
  assert.equal(r.status, 1, `submit --wait should exit 1 when a tile fails, got ${r.status}:\n${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /FAILED tiles: 1 /);
  assert.ok(!fs.existsSync(path.join(run, "merge.json")), "the merge ran although tile 1 failed");
  const [m] = showJob(c, r.mergeJob);
  assert.equal(m?.JobState, "CANCELLED", "scontrol: the merge after a failed tile");
  const failed = showJob(c, r.arrayJob).find((t) => t.ArrayTaskId === "1");
  assert.deepEqual([failed?.JobState, failed?.ExitCode], ["FAILED", "7:0"], "scontrol: the failing task");
  step(`failing tile: submit exited 1 after ${r.seconds.toFixed(1)} s, tile 1 FAILED (exit 7), merge CANCELLED and never ran`);
}

async function main(): Promise<void> {
  const missing = slurmMissing();
  if (missing !== undefined) {
    console.error(`test:slurm-cluster: ${missing}`);
    process.exit(2);
  }
  fs.mkdirSync(work, { recursive: true });
  const stub = path.join(work, "stub-kit");
  fs.writeFileSync(stub, STUB, { mode: 0o755 });
  const clusterDir = path.join(work, "cluster");
  let pids: Record<string, number> = {};
  await withSlurmCluster(clusterDir, (c) => {
    pids = c.pids;
    step(`cluster started in ${c.startSeconds.toFixed(1)} s: ${DAEMONS.map((d) => `${d} ${c.pids[d]}`).join(", ")}`);
    const again = clusterCommand("start", c.dir);
    assert.equal(again.status, 0, again.out);
    assert.match(again.out, /already running/, "a second start should leave the running cluster alone");
    step("a second `cluster start` found the cluster running and left it alone");
    arrayThenMerge(c, stub);
    failingTile(c, stub);
    return Promise.resolve();
  }, (s) => step(`cluster stopped by PID in ${s.seconds.toFixed(1)} s`));
  const dir = fs.realpathSync(clusterDir);
  for (const [d, pid] of Object.entries(pids)) assert.ok(!aliveInCluster(pid, dir), `${d} (pid ${pid}) survived`);
  const st = clusterCommand("status", dir);
  assert.equal(st.status, 1, `cluster status should report the daemons down:\n${st.out}`);
  step("daemons gone (their PIDs are not running processes of the cluster; status says not running)");
  console.log(`test:slurm-cluster: passed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
