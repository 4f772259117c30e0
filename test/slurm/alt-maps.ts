/**
 * `npm run test:slurm` (issue 20, part 2): paper 1's maps of the quick demo world as a real Slurm
 * array job on a throwaway single-node cluster, compared byte for byte with the single-process run.
 *
 * 1. Refuses (exit 2) unless run as root with Slurm and munge installed (`npm run setup -- --slurm`)
 *    and the package's bin answers (`npx --no-install permafrost-kit`, made by npm ci).
 * 2. Plans with the command line users type: `npx permafrost-kit alt plan --inputs <alt-inputs.json>
 *    --run build/slurm-maps/run --profile quick --tile-size 32`, the manifest of the demo world export
 *    the notebooks use (180 × 30 cells, 18 years: 6 tiles; the grid search is cached in build/cache).
 * 3. In a cluster started by {@link withSlurmCluster} (always stopped, also on failure):
 *    `environment/slurm/submit --run RUN --wait`, i.e. the real alt-maps.sbatch array (one
 *    `npx --no-install permafrost-kit alt map` per tile, 1 CPU each) and the afterok alt-merge.sbatch.
 *    Checks: exit 0; every tile's done-marker (this tile, this plan, the state's SHA-256, 1 worker,
 *    this host; altTileJobStatus: all done); every task's log and measure record (exit 0, its array
 *    task, peak memory); the merge's log, record and merge-report.json; that the merge started after
 *    the last tile ended (scontrol's whole seconds, and the jobs' own ms clocks: measure's
 *    startEpoch/endEpoch and the markers' mtimes); scontrol has every task and the merge COMPLETED.
 * 4. The same `submit --wait` again on the finished run: every task's log says `tile K: already
 *    done`, the tiles and members are untouched (bytes and mtimes), and the merge, run again, writes
 *    the same bytes (maps/*.tif, region-stats.json).
 * 5. After the cluster stopped: the single-process kit.altTiledMaps with the plan's saved members
 *    (their forest options from plan.json, trained on the plan's training table, checked by its hash)
 *    into a separate folder, same years, default tile size (128): every merged COG equals it byte for
 *    byte, and region-stats.json holds the values that the same summary (annualMapSummary,
 *    annualSummaryResults) gives on the single-process annual maps.
 *
 * Every step prints its time, and the total; the total should stay under 2 minutes on this 2-core
 * machine (a warning says when it did not). Leaves build/slurm-maps/ (run folder, logs, the
 * single-process maps) for inspection; a new run starts from scratch.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  type AltTileMarker, altTileJobStatus, altTiledMaps, annualMapSummary, annualSummaryResults, contentHash, ensureDemoWorld, matchSiteYearsFromSource,
  openAltInputs, openRasterSource, projectRoot, qcSiteYears, readAltSiteYears, readAltTilePlan, sha256Hex,
} from "permafrost-kit";
import { type SlurmCluster, type SubmitResult, DAEMONS, showJob, slurmMissing, submitRun, withSlurmCluster } from "./harness";

const root = projectRoot();
const work = path.join(root, "build", "slurm-maps");
const run = path.join(work, "run");
const single = path.join(work, "single");
/** Tile side of the plan: the quick world is 180 × 30 cells, so 6 tiles (the last one 20 wide). */
const TILE_SIZE = 32;
/** The kit's command line as the job scripts run it by default. */
const KIT = ["npx", "--no-install", "permafrost-kit"];
/** What the total should stay under here, s (then it can join npm test). */
const BUDGET_SECONDS = 120;

const t0 = performance.now();
let tStep = t0;
const times: [string, number][] = [];
/**
 * Print one step with the seconds since the previous step and since the start, and keep its time.
 *
 * @param what - what was done
 * @param label - short name for the closing summary (none: not listed)
 */
function step(what: string, label?: string): void {
  const now = performance.now();
  const dt = (now - tStep) / 1000;
  console.log(`test:slurm [${((now - t0) / 1000).toFixed(1).padStart(5)} s, +${dt.toFixed(1)} s] ${what}`);
  if (label !== undefined) times.push([label, dt]);
  tStep = now;
}

/**
 * Run the kit's command line from the project root, as a user (or a job) would.
 *
 * @param args - its arguments
 * @returns exit status and output
 */
function kit(args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(KIT[0]!, [...KIT.slice(1), ...args], { encoding: "utf8", cwd: root, timeout: 600_000 });
  return { status: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
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

/** A measure record (environment/slurm/measure). */
interface MeasureRecord {
  command: string[];
  jobId: string;
  arrayJobId: string | null;
  arrayTaskId: string | null;
  cpusPerTask: string;
  startEpoch: number;
  endEpoch: number;
  seconds: number;
  peakRssMB: number;
  exitCode: number;
}

/**
 * Read a JSON file.
 *
 * @param file - the file
 * @returns its value
 */
function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

/**
 * Every file below a folder with its SHA-256 and modification time, by relative path.
 *
 * @param dir - the folder
 * @returns relative path → "sha256 mtimeMs"
 */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const f = path.join(e.parentPath, e.name);
    out.set(path.relative(dir, f), `${sha256Hex(fs.readFileSync(f))} ${fs.statSync(f).mtimeMs}`);
  }
  return out;
}

/**
 * The merge's outputs that must not depend on the run: every COG in maps/ and region-stats.json.
 *
 * @returns file name → bytes
 */
function mergedBytes(): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const f of fs.readdirSync(path.join(run, "maps")).filter((f) => f.endsWith(".tif")).sort()) out.set(f, fs.readFileSync(path.join(run, "maps", f)));
  out.set("region-stats.json", fs.readFileSync(path.join(run, "region-stats.json")));
  return out;
}

/**
 * Submit the planned run and wait for it; check the exit status and the report.
 *
 * @param c - the cluster
 * @param tiles - the plan's tile count
 * @returns submit's result
 */
function submitAndWait(c: SlurmCluster, tiles: number): SubmitResult {
  // the job scripts' default command (npx --no-install permafrost-kit), whatever the caller's environment says
  const r = submitRun(c, ["--run", run, "--wait", "--poll", "0.5", "--timeout", "300"], { PERMAFROST_KIT: undefined });
  assert.equal(r.status, 0, `submit --wait failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, new RegExp(`all ${tiles} tiles and the merge COMPLETED`));
  assert.ok(r.arrayJob !== "" && r.mergeJob !== "", `no job ids in:\n${r.stdout}`);
  const tasks = showJob(c, r.arrayJob);
  assert.deepEqual(tasks.map((t) => Number(t.ArrayTaskId)).sort((a, b) => a - b), Array.from({ length: tiles }, (_, k) => k), "scontrol: one record per task");
  for (const t of tasks) assert.deepEqual([t.JobState, t.ExitCode], ["COMPLETED", "0:0"], `scontrol: task ${t.ArrayTaskId}`);
  const [m] = showJob(c, r.mergeJob);
  assert.deepEqual([m?.JobState, m?.ExitCode], ["COMPLETED", "0:0"], "scontrol: the merge");
  const lastTaskEnd = Math.max(...tasks.map((t) => slurmTime(t.EndTime)));
  assert.ok(slurmTime(m?.StartTime) >= lastTaskEnd, `scontrol: merge StartTime ${m?.StartTime} is before the last task's EndTime`);
  return r;
}

/**
 * A string as a regular expression that matches it literally.
 *
 * @param s - the text
 * @returns the escaped pattern
 */
function literal(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The tile task's log of an array job.
 *
 * @param arrayJob - the array job id
 * @param k - the tile
 * @returns the log's text
 */
function tileLog(arrayJob: string, k: number): string {
  return fs.readFileSync(path.join(run, "slurm", `alt-map-${arrayJob}_${k}.out`), "utf8");
}

/**
 * Step 3's checks: markers, logs, measure records, the merge after the last tile.
 *
 * @param r - submit's result
 * @param tiles - the plan's tile count
 * @returns a one-line summary
 */
function checkFirstRun(r: SubmitResult, tiles: number): string {
  const { plan, sha256: planSha } = readAltTilePlan(run);
  const status = altTileJobStatus(run);
  assert.deepEqual([status.done.length, status.missing, status.corrupt], [tiles, [], []], "altTileJobStatus after the array job");
  const host = os.hostname();
  const markerTimes: number[] = [];
  const taskEnds: number[] = [];
  let cells = 0;
  for (let k = 0; k < tiles; k++) {
    const name = `tile-${String(k).padStart(String(tiles - 1).length, "0")}`;
    const markerFile = path.join(run, "tiles", `${name}.done`);
    const mk = readJson<AltTileMarker>(markerFile);
    const state = fs.readFileSync(path.join(run, "tiles", mk.state));
    assert.deepEqual([mk.format, mk.tile, mk.name, mk.plan, mk.state, mk.sha256], ["permafrost-kit/alt-tile-done@1", k, name, planSha, `${name}.tile`, sha256Hex(state)], `tile ${k}: its done-marker`);
    assert.deepEqual([mk.workers, mk.host, mk.pixelYears], [1, host, mk.cells * plan.years.length], `tile ${k}: 1 worker ($SLURM_CPUS_PER_TASK), this host, cells × years`);
    assert.ok(mk.cells > 0 && mk.peakRssMiB > 0, `tile ${k}: ${mk.cells} cells, peak ${mk.peakRssMiB} MiB`);
    cells += mk.cells;
    markerTimes.push(fs.statSync(markerFile).mtimeMs / 1000);

    const log = tileLog(r.arrayJob, k);
    assert.match(log, new RegExp(`\\[alt-map\\] tile ${k}, job ${r.arrayJob}_${k} on .*: ${literal(`${KIT.join(" ")} alt map --run ${run} --tile ${k}`)}\\n`), `tile ${k}: the job script's line`);
    assert.match(log, new RegExp(`^tile ${k}/${tiles} \\(${name}\\): mapped ${mk.cells} cells, ${mk.pixelYears} pixel-years, .* 1 worker$`, "m"), `tile ${k}: alt map's line`);
    assert.match(log, /^\[measure\] .* exit 0 -> /m, `tile ${k}: measure's line`);
    const rec = readJson<MeasureRecord>(path.join(run, "slurm", `alt-map-${k}.json`));
    assert.deepEqual([rec.exitCode, rec.arrayJobId, rec.arrayTaskId, rec.cpusPerTask, rec.command.slice(0, 5)], [0, r.arrayJob, String(k), "1", [...KIT, "alt", "map"]], `tile ${k}: measure record`);
    assert.ok(rec.peakRssMB >= mk.peakRssMiB * 0.9 && rec.seconds >= mk.seconds, `tile ${k}: measure (${rec.peakRssMB} MB, ${rec.seconds} s) covers the job (${mk.peakRssMiB} MiB, ${mk.seconds} s)`);
    taskEnds.push(rec.endEpoch);
  }
  const mergeRec = readJson<MeasureRecord>(path.join(run, "slurm", "alt-merge.json"));
  assert.deepEqual([mergeRec.exitCode, mergeRec.jobId, mergeRec.command.slice(0, 5)], [0, r.mergeJob, [...KIT, "alt", "merge"]], "the merge's measure record");
  const mergeLog = fs.readFileSync(path.join(run, "slurm", `alt-merge-${r.mergeJob}.out`), "utf8");
  assert.match(mergeLog, new RegExp(`^merged ${tiles} tiles: ${cells} cells`, "m"), "the merge's log");
  const report = readJson<{ tiles: number; cells: number; perTile: unknown[] }>(path.join(run, "merge-report.json"));
  assert.deepEqual([report.tiles, report.cells, report.perTile.length], [tiles, cells, tiles], "merge-report.json");
  // the jobs' own clocks (ms): the merge's wrapper started after every tile's wrapper ended and every marker was written
  const lastEnd = Math.max(...taskEnds, ...markerTimes);
  assert.ok(mergeRec.startEpoch >= lastEnd, `the merge started at ${mergeRec.startEpoch}, before the last tile ended (${lastEnd})`);
  const peaks = Array.from({ length: tiles }, (_, k) => readJson<MeasureRecord>(path.join(run, "slurm", `alt-map-${k}.json`)));
  const secs = peaks.map((p) => p.seconds);
  return `checked ${tiles} done-markers (${cells} cells), logs and measure records (tile jobs ${Math.min(...secs).toFixed(1)}–${Math.max(...secs).toFixed(1)} s, ` +
    `peak ${Math.min(...peaks.map((p) => p.peakRssMB)).toFixed(0)}–${Math.max(...peaks.map((p) => p.peakRssMB)).toFixed(0)} MB; merge ${mergeRec.seconds.toFixed(1)} s, ${mergeRec.peakRssMB.toFixed(0)} MB); ` +
    `the merge started ${(mergeRec.startEpoch - lastEnd).toFixed(1)} s after the last tile ended`;
}

/**
 * Step 4: the same submission on the finished run does no tile work and writes the same bytes.
 *
 * @param c - the cluster
 * @param tiles - the plan's tile count
 */
function rerun(c: SlurmCluster, tiles: number): void {
  const tilesBefore = snapshot(path.join(run, "tiles"));
  const ensembleBefore = snapshot(path.join(run, "ensemble"));
  const before = mergedBytes();
  const r = submitAndWait(c, tiles);
  step(`rerun: array ${r.arrayJob} + merge ${r.mergeJob} on the finished run: submitted and waited ${r.seconds.toFixed(1)} s`, "rerun (submit --wait)");
  for (let k = 0; k < tiles; k++) {
    const log = tileLog(r.arrayJob, k);
    assert.match(log, new RegExp(`^tile ${k}: already done$`, "m"), `rerun, tile ${k}: its log should say already done:\n${log}`);
    assert.doesNotMatch(log, /mapped/, `rerun, tile ${k} mapped again`);
    assert.equal(readJson<MeasureRecord>(path.join(run, "slurm", `alt-map-${k}.json`)).arrayJobId, r.arrayJob, `rerun, tile ${k}: its measure record`);
  }
  assert.deepEqual(snapshot(path.join(run, "tiles")), tilesBefore, "rerun: tiles/ changed (bytes or mtimes)");
  assert.deepEqual(snapshot(path.join(run, "ensemble")), ensembleBefore, "rerun: ensemble/ changed");
  assert.equal(readJson<MeasureRecord>(path.join(run, "slurm", "alt-merge.json")).jobId, r.mergeJob, "rerun: the merge ran again");
  const after = mergedBytes();
  assert.deepEqual([...after.keys()], [...before.keys()]);
  for (const [f, b] of before) assert.ok(after.get(f)!.equals(b), `rerun: ${f} changed`);
  step(`rerun checked: every tile "already done", tiles/ and ensemble/ untouched, the merge rewrote ${before.size} files with the same bytes`, "rerun checks");
}

/**
 * Step 5: the single-process maps with the plan's members, compared with the merged run.
 */
async function compareWithSingleProcess(): Promise<void> {
  const { plan } = readAltTilePlan(run);
  const source = await openAltInputs(plan.inputs.manifest);
  const sites = readAltSiteYears(source.manifest);
  const table = await matchSiteYearsFromSource(sites, source, qcSiteYears(sites).kept);
  assert.equal(contentHash("alt-tile-table-v1", table.x.data, table.x.columns, table.y), plan.table.sha256, "the training table differs from the plan's");
  fs.rmSync(single, { recursive: true, force: true });
  const ref = await altTiledMaps(source, table, plan.members.map((m) => m.options), { dir: single, years: plan.years, onProgress: () => undefined });
  step(`single process: kit.altTiledMaps with the plan's ${plan.members.length} members, ${plan.years.length} years, tile size 128: ${ref.cells} cells`, "single-process maps");

  const refFiles = [ref.files.mean, ref.files.trend, ...ref.files.annual];
  const merged = fs.readdirSync(path.join(run, "maps")).filter((f) => f.endsWith(".tif")).sort();
  assert.deepEqual(merged, refFiles.map((f) => path.basename(f)).sort(), "maps/ holds the single process's COGs");
  let bytes = 0;
  for (const f of refFiles) {
    const a = fs.readFileSync(path.join(run, "maps", path.basename(f))), b = fs.readFileSync(f);
    assert.ok(a.equals(b), `${path.basename(f)}: the Slurm run's COG differs from the single process's`);
    bytes += a.length;
  }
  const g = plan.grid;
  const sources = await Promise.all(ref.files.annual.map((f) => openRasterSource(f)));
  const summary = await annualMapSummary({
    grid: g, years: plan.years,
    readRows: async (row0, row1) => Promise.all(sources.map(async (s) => (await s.readWindow({ col0: 0, row0, col1: g.width, row1 }, [0]))[0]!)),
  }, { latitudeBinDeg: plan.settings.latitudeBinDeg, progress: false });
  const expected = JSON.parse(JSON.stringify(annualSummaryResults(summary))) as Record<string, unknown>;
  const stats = readJson<Record<string, unknown>>(path.join(run, "region-stats.json"));
  assert.deepEqual(stats["years"], plan.years);
  for (const [key, value] of Object.entries(expected)) assert.deepEqual(stats[key], value, `region-stats.json: ${key} differs from the single-process maps' summary`);
  step(`compared: ${refFiles.length} COGs (${(bytes / 1024).toFixed(0)} KiB) byte-identical; region-stats.json = the summary of the single-process maps (${Object.keys(expected).length} fields)`, "comparison");
}

async function main(): Promise<void> {
  const missing = slurmMissing();
  if (missing !== undefined) {
    console.error(`test:slurm: ${missing}`);
    process.exit(2);
  }
  const version = kit(["--version"]);
  if (version.status !== 0) {
    console.error(`test:slurm: \`${KIT.join(" ")} --version\` failed in ${root} (exit ${version.status}); the jobs run that command: build the kit (npm run build) and install the package's bin (npm ci)\n${version.stderr}`);
    process.exit(2);
  }
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const world = ensureDemoWorld("quick");
  const manifest = path.join(world.dir, "alt-inputs.json");
  step(`quick demo world ${world.generated ? "written" : "found"}: ${manifest}`, "demo world");

  const p = kit(["alt", "plan", "--inputs", manifest, "--run", run, "--profile", "quick", "--tile-size", String(TILE_SIZE)]);
  assert.equal(p.status, 0, `alt plan failed (exit ${p.status}):\n${p.stdout}\n${p.stderr}`);
  const lines = p.stdout.trim().split("\n");
  const m = /^tiles: (\d+) \(sbatch --array=0-(\d+)\)$/.exec(lines[lines.length - 1]!);
  assert.ok(m !== null, `alt plan's last line should be "tiles: N (sbatch --array=0-<N-1>)":\n${p.stdout}`);
  const tiles = Number(m[1]);
  assert.ok(tiles >= 4 && Number(m[2]) === tiles - 1, `tiles: ${tiles}`);
  const { plan } = readAltTilePlan(run);
  assert.deepEqual([plan.tiles, plan.tileSize, plan.settings.profile, plan.membersFrom], [tiles, TILE_SIZE, "quick", "grid search"]);
  step(`alt plan: ${lines[0]!.replace(/^plan: \S+ \(new\): /, "")}; ${tiles} tiles of ${TILE_SIZE}², ${plan.years.length} years`, "alt plan (CLI)");

  await withSlurmCluster(path.join(work, "cluster"), (c) => {
    step(`cluster started in ${c.startSeconds.toFixed(1)} s: ${DAEMONS.map((d) => `${d} ${c.pids[d]}`).join(", ")}`, "cluster start");
    const r = submitAndWait(c, tiles);
    step(`array ${r.arrayJob} (${tiles} tasks) + merge ${r.mergeJob}: submitted and waited ${r.seconds.toFixed(1)} s`, "array + merge (submit --wait)");
    console.log(r.stdout.split("\n").filter((l) => !l.startsWith("[submit] sacct")).map((l) => `    ${l}`).join("\n").trimEnd());
    step(checkFirstRun(r, tiles), "checks");
    rerun(c, tiles);
    return Promise.resolve();
  }, (s) => step(`cluster stopped by PID in ${s.seconds.toFixed(1)} s`, "cluster stop"));

  await compareWithSingleProcess();
  const total = (performance.now() - t0) / 1000;
  console.log(`test:slurm: steps ${times.map(([l, s]) => `${l} ${s.toFixed(1)} s`).join(", ")}`);
  console.log(`test:slurm: passed in ${total.toFixed(1)} s`);
  if (total > BUDGET_SECONDS) console.log(`test:slurm: WARNING: took ${total.toFixed(1)} s, more than the ${BUDGET_SECONDS} s budget here (load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")})`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
