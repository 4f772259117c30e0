/**
 * Bootstrap-stage bench (issue 17, goal 2: a same-run reference for the bootstrap stage). ONE
 * replicate of paper 1's spatial-sampling uncertainty (Liu et al. 2024 §2.4.2; `bootstrapMaps`:
 * draw 75 % of the site-years with replacement, stratified by site network, retrain the top-K
 * ensemble members on the draw, predict every pixel-year, average the members, keep the
 * per-pixel mean and OLS trend), done two ways in the same run on the same inputs:
 *
 * 1. the kit, `bootstrapMaps` with the cache off (`PERMAFROST_NO_CACHE=1` around that call
 *    only; the inputs and the grid search may come from the cache), 2 workers and 1 worker;
 * 2. R ranger (Debian r-cran-ranger) in Rscript, given the kit's training table, the kit's
 *    draw of replicate 0 (`bootstrapDraw`) and the kit's pixel matrix as binary float64 files,
 *    training each member with the h2o-DRF settings mapped as in forest.ts (num.trees = ntrees,
 *    mtry = mtries, min.node.size = minRows, max.depth = 20, 63.2 % of the rows per tree without
 *    replacement), predicting every pixel-year, averaging the members and taking the per-pixel
 *    mean and OLS trend (vectorised). Only the replicate's work is timed, not the file reading.
 *
 * Both sides report wall time and the process's CPU time (all threads): on a shared machine the
 * CPU seconds are disturbed less by other work than the wall seconds are.
 *
 * Inputs: the paper's full profile on the demo world, as notebook 14 (0.5° world, 10 members,
 * 21,774 pixels × 18 years); `--quick` uses the quick profile (2° world, 5 members). The kit and
 * ranger maps of replicate 0 are compared by their Pearson correlation (different engines, so
 * close, not equal).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  FOREST_WALK_ENV, NO_CACHE_ENV, altGridStage, altSettings, bootstrapDraw, bootstrapMaps, gatherAtCells, hasKnownTruth, loadAltInputs, pearsonR, pixelMatrixForYears, readTruth, type ForestOptions,
} from "permafrost-kit";
import { missingRequirements, rPackage, skippedLine } from "./references";
import { buildRevision, runBootstrapAt, type BootstrapJob } from "./before";

/** Options of {@link bootstrapBench}. */
export interface BootstrapBenchOptions {
  /** Run profile of the inputs and settings (default "full", the paper's). */
  profile?: "quick" | "full";
  /** Kit replicates with 2 workers (default 2: the first includes the pool's start, the others are steady). */
  replicates?: number;
  /** Also time one replicate on one thread, kit (workers 1, one worker thread) and ranger (num.threads 1) (default true). */
  singleThread?: boolean;
  /**
   * A git revision of this repository to time the same replicates with, built in this run
   * (before.ts): the stage's speed-up over that revision (issue 17's goal 2 against 7c391d1, the
   * last commit before the issue's work). Default: none.
   */
  before?: string;
}

const R_SCRIPT = `
suppressMessages(library(ranger)); library(jsonlite)
a <- commandArgs(TRUE); meta <- fromJSON(a[1]); dir <- dirname(a[1])
rd <- function(f, n, what = "double", size = 8) { con <- file(file.path(dir, f), "rb"); on.exit(close(con)); readBin(con, what, n = n, size = size, endian = "little") }
n <- meta$n; p <- meta$p; N <- meta$pixelRows; years <- meta$years; ny <- length(years); nc <- N / ny
X <- matrix(rd("x.bin", n * p), nrow = n, ncol = p, dimnames = list(NULL, meta$columns))
y <- rd("y.bin", n)
draw <- rd("draw.bin", meta$drawn, "integer", 4) + 1L
P <- matrix(rd("pixels.bin", N * p), nrow = N, ncol = p, dimnames = list(NULL, meta$columns))
members <- meta$members; K <- length(members$ntrees)
tc <- years - mean(years); sxx <- sum(tc^2)
replicate1 <- function(threads) {
  cpu <- function() { t <- proc.time(); t[["user.self"]] + t[["sys.self"]] }
  t0 <- proc.time()[["elapsed"]]; c0 <- cpu(); train <- 0; pred <- 0
  Xd <- X[draw, , drop = FALSE]; yd <- y[draw]
  ens <- numeric(N)
  for (k in seq_len(K)) {
    s <- proc.time()[["elapsed"]]
    fit <- ranger(x = Xd, y = yd, num.trees = members$ntrees[k], mtry = members$mtries[k], min.node.size = members$minRows[k], max.depth = 20,
      replace = FALSE, sample.fraction = 0.632, num.threads = threads, seed = k, verbose = FALSE)
    m <- proc.time()[["elapsed"]]
    ens <- ens + predict(fit, P, num.threads = threads, verbose = FALSE)$predictions
    train <- train + (m - s); pred <- pred + (proc.time()[["elapsed"]] - m)
    rm(fit)
  }
  ens <- ens / K
  s <- proc.time()[["elapsed"]]
  M <- matrix(ens, nrow = nc, ncol = ny)
  out <- list(mean = rowMeans(M), trend = drop(M %*% tc) / sxx)
  meantrend <- proc.time()[["elapsed"]] - s
  list(maps = out, s = proc.time()[["elapsed"]] - t0, cpuS = cpu() - c0, trainS = train, predictS = pred, meanTrendS = meantrend)
}
res <- list(version = as.character(packageVersion("ranger")), R = paste(R.version$major, R.version$minor, sep = "."))
for (th in meta$threads) {
  r <- replicate1(th)
  res[[paste0("threads", th)]] <- list(s = r$s, cpuS = r$cpuS, trainS = r$trainS, predictS = r$predictS, meanTrendS = r$meanTrendS)
  if (th == meta$threads[1]) { con <- file(file.path(dir, "maps.bin"), "wb"); writeBin(c(r$maps$mean, r$maps$trend), con, size = 8, endian = "little"); close(con) }
}
cat(toJSON(res, auto_unbox = TRUE, digits = NA), "\\n")
`;

/** What the ranger reference needs. */
const RANGER_NEEDS = [rPackage("ranger", "r-cran-ranger"), rPackage("jsonlite", "r-cran-jsonlite")];

interface RangerTiming { s: number; cpuS: number; trainS: number; predictS: number; meanTrendS: number }
interface RangerResult { version: string; R: string; threads2?: RangerTiming; threads1?: RangerTiming; mean: Float64Array; trend: Float64Array }

function writeF64(file: string, a: Float64Array): void {
  fs.writeFileSync(file, Buffer.from(a.buffer, a.byteOffset, a.byteLength));
}

/** Row-major rows × cols to column-major (R's matrix layout). */
function columnMajor(data: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = data[i * cols + j]!;
  return out;
}

function runRanger(x: { data: Float64Array; nRows: number; nCols: number; columns: readonly string[] }, y: Float64Array, draw: Int32Array,
  pixels: { data: Float64Array; nRows: number }, years: readonly number[], members: readonly ForestOptions[], threads: number[]): RangerResult {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pk-bootstrap-bench-"));
  try {
    writeF64(path.join(tmp, "x.bin"), columnMajor(x.data, x.nRows, x.nCols));
    writeF64(path.join(tmp, "y.bin"), y);
    fs.writeFileSync(path.join(tmp, "draw.bin"), Buffer.from(draw.buffer, draw.byteOffset, draw.byteLength));
    writeF64(path.join(tmp, "pixels.bin"), columnMajor(pixels.data, pixels.nRows, x.nCols));
    const meta = {
      n: x.nRows, p: x.nCols, columns: x.columns, drawn: draw.length, pixelRows: pixels.nRows, years, threads,
      members: { ntrees: members.map((m) => m.ntrees), mtries: members.map((m) => m.mtries), minRows: members.map((m) => m.minRows) },
    };
    fs.writeFileSync(path.join(tmp, "meta.json"), JSON.stringify(meta));
    fs.writeFileSync(path.join(tmp, "bench.R"), R_SCRIPT);
    const r = spawnSync("Rscript", [path.join(tmp, "bench.R"), path.join(tmp, "meta.json")], { encoding: "utf8", maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`bench: ranger bootstrap reference failed: ${r.stderr}`);
    const res = JSON.parse(r.stdout.trim().split("\n").pop()!) as Omit<RangerResult, "mean" | "trend">;
    const buf = fs.readFileSync(path.join(tmp, "maps.bin"));
    const maps = new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    const cells = pixels.nRows / years.length;
    return { ...res, mean: maps.slice(0, cells), trend: maps.slice(cells, 2 * cells) };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The same replicates with the kit at an earlier revision, built in this run: the stage's speed-up
 * over that revision (issue 17's goal 2: ≥ 4×), with the maps required to be identical.
 *
 * @param rev - the git revision
 * @param job - the inputs and settings the kit just ran with
 * @param now - the maps the kit just made
 * @param now.mean - per replicate, the per-pixel mean (cm)
 * @param now.trend - per replicate, the per-pixel trend (cm/yr)
 * @param steadyMs - the kit's steady wall time per replicate (ms)
 * @param steadyCpuMs - the kit's steady CPU time per replicate (ms)
 * @returns the measurement for build/bench.json
 */
function bootstrapBefore(rev: string, job: BootstrapJob, now: { mean: Float32Array[]; trend: Float32Array[] }, steadyMs: number, steadyCpuMs: number): Record<string, unknown> {
  const build = buildRevision(rev);
  try {
    console.log(`Bootstrap (kit at ${rev} = ${build.commit.slice(0, 7)} "${build.subject.slice(0, 60)}…"): built from git history in ${build.buildS.toFixed(0)} s; running the same ${job.settings.replicates} replicates, 2 workers, cache off`);
    const at = runBootstrapAt(build, job);
    const same = at.mean.length === now.mean.length && at.mean.every((m, r) => m.every((v, i) => Object.is(v, now.mean[r]![i])))
      && at.trend.every((m, r) => m.every((v, i) => Object.is(v, now.trend[r]![i])));
    const speedup = at.steadyPerReplicateS / s(steadyMs);
    const cpuSpeedup = at.steadyCpuPerReplicateS / s(steadyCpuMs);
    const met = speedup >= 4 && same;
    console.log(`Bootstrap (kit at ${build.commit.slice(0, 7)}, 2 workers): per replicate ${at.perReplicateS.map((v) => v.toFixed(1)).join(", ")} s; ${at.steadyPerReplicateS.toFixed(1)} s steady (CPU ${at.steadyCpuPerReplicateS.toFixed(1)} s). The stage is now ${speedup.toFixed(2)}× faster (${cpuSpeedup.toFixed(2)}× in CPU time; goal ≥ 4×: ${met ? "met" : "NOT met"}); maps identical: ${String(same)}`);
    return { rev, commit: build.commit, subject: build.subject, buildS: build.buildS, perReplicateS: at.perReplicateS, steadyPerReplicateS: at.steadyPerReplicateS, steadyCpuPerReplicateS: at.steadyCpuPerReplicateS, speedupOfStage: speedup, cpuSpeedupOfStage: cpuSpeedup, identicalMaps: same, goalAtLeast4x: met };
  } finally {
    fs.rmSync(build.dir, { recursive: true, force: true });
  }
}

/** Run `f` with the cache off (PERMAFROST_NO_CACHE=1), restoring the variable afterwards. */
async function uncached<T>(f: () => Promise<T>): Promise<T> {
  const before = process.env[NO_CACHE_ENV];
  process.env[NO_CACHE_ENV] = "1";
  try {
    return await f();
  } finally {
    if (before === undefined) delete process.env[NO_CACHE_ENV];
    else process.env[NO_CACHE_ENV] = before;
  }
}

const s = (ms: number): number => ms / 1000;

/**
 * Run the bootstrap bench: one replicate of the kit's `bootstrapMaps` against the same replicate
 * in R ranger, and print the times, their ratio and the maps' correlations.
 *
 * @param options - profile (default full), kit replicates with 2 workers (default 2) and whether to
 *   also time one thread (default true)
 * @returns the measurements (written to build/bench.json by run.ts)
 */
export async function bootstrapBench(options: BootstrapBenchOptions = {}): Promise<Record<string, unknown>> {
  const profile = options.profile ?? "full";
  const replicates = options.replicates ?? 2;
  const singleThread = options.singleThread ?? true;
  const settings = altSettings(profile);
  const loadStart = os.loadavg();
  let t0 = performance.now();
  const inputs = await loadAltInputs(settings);
  const inputsMs = performance.now() - t0;
  t0 = performance.now();
  const stage = await altGridStage(inputs.table, settings, { workers: 2 });
  const gridMs = performance.now() - t0;
  const pixels = pixelMatrixForYears(inputs.stack, inputs.years, inputs.cells);
  const strata = Array.from(inputs.table.rows, (r) => inputs.sites.source[r]!);
  const members = stage.value.members;
  const bootSettings = { replicates, share: settings.bootstrapShare, seed: settings.seed };
  const setup = {
    profile, worldGenerated: inputs.world?.generated ?? null, inputsS: s(inputsMs), gridSearchS: s(gridMs), gridSearchCacheHit: stage.hit,
    siteYears: inputs.table.y.length, predictors: inputs.table.x.nCols, pixels: inputs.cells.length, years: inputs.years.length, pixelYears: pixels.nRows,
    members: members.map((m) => ({ ntrees: m.ntrees, mtries: m.mtries, minRows: m.minRows })), trees: members.reduce((a, m) => a + (m.ntrees ?? 50), 0),
  };
  console.log(`Bootstrap (${profile} profile, ${inputs.label}): inputs ${setup.inputsS.toFixed(1)} s${setup.worldGenerated === true ? " (world generated)" : ""}; grid search ${setup.gridSearchS.toFixed(1)} s (${stage.hit ? "cache hit" : "computed"}); ${setup.siteYears} site-years × ${setup.predictors} predictors; ${setup.pixels} pixels × ${setup.years} years = ${setup.pixelYears} pixel-years; ${members.length} members, ${setup.trees} trees`);

  // the kit, 2 workers, cache off; per-replicate times from the progress callback
  // wall time, and CPU time of the process (all its threads), which other work on the machine disturbs less
  const marks: number[] = [];
  const cpuMarks: number[] = [];
  const cpuNow = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  t0 = performance.now();
  const c0 = cpuNow();
  const boot2 = await uncached(() => bootstrapMaps(inputs.table, strata, members, pixels, inputs.years, bootSettings, { workers: 2, onProgress: () => { marks.push(performance.now()); cpuMarks.push(cpuNow()); } }));
  const totalMs = performance.now() - t0;
  if (boot2.hit) throw new Error("bench: bootstrapMaps was served from the cache although PERMAFROST_NO_CACHE=1");
  const perRep = marks.map((m, i) => m - (i === 0 ? t0 : marks[i - 1]!));
  const steadyMs = replicates > 1 ? (marks[marks.length - 1]! - marks[0]!) / (replicates - 1) : perRep[0]!;
  const steadyCpuMs = replicates > 1 ? (cpuMarks[cpuMarks.length - 1]! - cpuMarks[0]!) / (replicates - 1) : cpuMarks[0]! - c0;
  const kit: Record<string, unknown> = {
    workers2: { replicates, totalS: s(totalMs), perReplicateS: perRep.map(s), firstReplicateS: s(perRep[0]!), steadyPerReplicateS: s(steadyMs), totalOverReplicatesS: s(totalMs / replicates), steadyCpuPerReplicateS: s(steadyCpuMs) },
    distinctRows: boot2.value.distinctRows[0], sitesInDraw: boot2.value.sites[0],
  };
  console.log(`Bootstrap (kit, 2 workers, cache off): ${replicates} replicates in ${s(totalMs).toFixed(1)} s; per replicate ${perRep.map((m) => s(m).toFixed(1)).join(", ")} s (the first includes starting the pool); ${s(steadyMs).toFixed(1)} s per replicate steady (CPU ${s(steadyCpuMs).toFixed(1)} s)`);
  let kit1Ms: number | null = null;
  if (singleThread) {
    t0 = performance.now();
    const c1 = cpuNow();
    const boot1 = await uncached(() => bootstrapMaps(inputs.table, strata, members, pixels, inputs.years, { ...bootSettings, replicates: 1 }, { workers: 1, onProgress: () => undefined }));
    kit1Ms = performance.now() - t0;
    const kit1CpuS = s(cpuNow() - c1);
    const identical = boot1.value.mean[0]!.every((v, i) => v === boot2.value.mean[0]![i]) && boot1.value.trend[0]!.every((v, i) => v === boot2.value.trend[0]![i]);
    kit["thread1"] = { s: s(kit1Ms), cpuS: kit1CpuS, identicalToWorkers2: identical };
    console.log(`Bootstrap (kit, 1 worker, cache off): 1 replicate in ${s(kit1Ms).toFixed(1)} s (CPU ${kit1CpuS.toFixed(1)} s, with starting the worker); maps identical to the 2-worker run: ${String(identical)}`);
  }

  // the same replicates with the float walk (every prediction before issue 17's coded and stacked
  // walks), 2 workers: the stage's speed-up, measured in this run; the maps must be identical
  const floatMarks: number[] = [];
  const walkBefore = process.env[FOREST_WALK_ENV];
  process.env[FOREST_WALK_ENV] = "float";
  const tf = performance.now();
  let bootFloat;
  try {
    bootFloat = await uncached(() => bootstrapMaps(inputs.table, strata, members, pixels, inputs.years, bootSettings, { workers: 2, onProgress: () => { floatMarks.push(performance.now()); } }));
  } finally {
    if (walkBefore === undefined) delete process.env[FOREST_WALK_ENV];
    else process.env[FOREST_WALK_ENV] = walkBefore;
  }
  const floatSteadyMs = replicates > 1 ? (floatMarks[floatMarks.length - 1]! - floatMarks[0]!) / (replicates - 1) : floatMarks[0]! - tf;
  const sameMaps = bootFloat.value.mean.every((m, r) => m.every((v, i) => Object.is(v, boot2.value.mean[r]![i]))) && bootFloat.value.trend.every((m, r) => m.every((v, i) => Object.is(v, boot2.value.trend[r]![i])));
  const walkSpeedup = floatSteadyMs / steadyMs;
  kit["floatWalk"] = { steadyPerReplicateS: s(floatSteadyMs), speedupOfStage: walkSpeedup, identicalMaps: sameMaps };
  console.log(`Bootstrap (kit, 2 workers, the float walk for every prediction): ${s(floatSteadyMs).toFixed(1)} s per replicate steady; the coded and stacked walks make the stage ${walkSpeedup.toFixed(2)}× faster; maps identical: ${String(sameMaps)}`);
  if (options.before !== undefined) kit["before"] = bootstrapBefore(options.before, { table: inputs.table, strata, members, pixels, years: inputs.years, settings: bootSettings, workers: 2 }, boot2.value, steadyMs, steadyCpuMs);

  const out: Record<string, unknown> = { setup, kit };
  const missing = missingRequirements(RANGER_NEEDS);
  if (missing.length > 0) {
    console.log(skippedLine("Bootstrap (ranger)", missing));
    return { ...out, ranger: null, rangerMissing: missing, loadAverage: { start: loadStart, end: os.loadavg() } };
  }
  const draw = bootstrapDraw(inputs.table.y.length, settings.bootstrapShare, settings.seed, 0, strata);
  const x = inputs.table.x;
  const ref = runRanger({ data: x.data, nRows: x.nRows, nCols: x.nCols, columns: x.columns ?? Array.from({ length: x.nCols }, (_, j) => `x${j}`) },
    inputs.table.y, draw, pixels, inputs.years, members, singleThread ? [2, 1] : [2]);
  const r2 = ref.threads2!;
  const ratio2 = r2.s / s(steadyMs);
  const corrMean = pearsonR(boot2.value.mean[0]!, ref.mean);
  const corrTrend = pearsonR(boot2.value.trend[0]!, ref.trend);
  const avg = (a: ArrayLike<number>): number => {
    let sum = 0;
    for (let i = 0; i < a.length; i++) sum += a[i]!;
    return sum / a.length;
  };
  let mad = 0;
  for (let i = 0; i < ref.mean.length; i++) mad += Math.abs(boot2.value.mean[0]![i]! - ref.mean[i]!);
  mad /= ref.mean.length;
  // the scale of "close": how much two of the kit's own replicates (different draws) differ
  const kitReps = replicates > 1 ? { corrMean: pearsonR(boot2.value.mean[0]!, boot2.value.mean[1]!), corrTrend: pearsonR(boot2.value.trend[0]!, boot2.value.trend[1]!) } : null;
  // the demo world knows the truth: which engine's replicate map is closer to it
  let truth: Record<string, number> | null = null;
  if (hasKnownTruth(inputs)) {
    const trueMean = gatherAtCells((await readTruth(inputs, "alt_true_mean")).bands[0]!, inputs.cells);
    const trueTrend = gatherAtCells((await readTruth(inputs, "alt_true_trend")).bands[0]!, inputs.cells);
    truth = { kitMean: pearsonR(boot2.value.mean[0]!, trueMean), rangerMean: pearsonR(ref.mean, trueMean), kitTrend: pearsonR(boot2.value.trend[0]!, trueTrend), rangerTrend: pearsonR(ref.trend, trueTrend) };
  }
  const comparison = { corrMean, corrTrend, kitReplicate0VsReplicate1: kitReps, corrWithTruth: truth, meanOfMeanKitCm: avg(boot2.value.mean[0]!), meanOfMeanRangerCm: avg(ref.mean), meanAbsDiffMeanCm: mad, meanTrendKitCmPerYr: avg(boot2.value.trend[0]!), meanTrendRangerCmPerYr: avg(ref.trend) };
  const ranger: Record<string, unknown> = { version: ref.version, R: ref.R, threads2: r2, drawn: draw.length };
  console.log(`Bootstrap (ranger ${ref.version}, 2 threads): 1 replicate in ${r2.s.toFixed(1)} s, CPU ${r2.cpuS.toFixed(1)} s (training ${r2.trainS.toFixed(1)} s, predicting ${r2.predictS.toFixed(1)} s, mean and trend ${r2.meanTrendS.toFixed(2)} s)`);
  const cpuRatio = r2.cpuS / s(steadyCpuMs);
  console.log(`Bootstrap ratio ranger / kit, 2 threads each: ${ratio2.toFixed(2)}× wall (kit steady replicate ${s(steadyMs).toFixed(1)} s vs ranger ${r2.s.toFixed(1)} s), ${cpuRatio.toFixed(2)}× CPU time`);
  const ratios: Record<string, number> = { threads2: ratio2, cpuThreads2: cpuRatio };
  if (ref.threads1 !== undefined && kit1Ms !== null) {
    ranger["threads1"] = ref.threads1;
    const ratio1 = ref.threads1.s / s(kit1Ms);
    ratios["threads1"] = ratio1;
    console.log(`Bootstrap (ranger, 1 thread): 1 replicate in ${ref.threads1.s.toFixed(1)} s, CPU ${ref.threads1.cpuS.toFixed(1)} s (training ${ref.threads1.trainS.toFixed(1)} s, predicting ${ref.threads1.predictS.toFixed(1)} s); ratio ranger / kit, 1 thread each: ${ratio1.toFixed(2)}×`);
  }
  console.log(`Bootstrap replicate-0 maps, kit vs ranger: correlation ${corrMean.toFixed(4)} (mean ALT; means ${comparison.meanOfMeanKitCm.toFixed(1)} vs ${comparison.meanOfMeanRangerCm.toFixed(1)} cm, mean |Δ| ${mad.toFixed(2)} cm), ${corrTrend.toFixed(4)} (trend; means ${comparison.meanTrendKitCmPerYr.toFixed(3)} vs ${comparison.meanTrendRangerCmPerYr.toFixed(3)} cm/yr)${corrMean < 0.9 ? " — BELOW 0.9: the two setups differ" : ""}`);
  if (kitReps !== null) console.log(`Bootstrap, for scale: the kit's replicates 0 and 1 (two draws) correlate ${kitReps.corrMean.toFixed(4)} (mean ALT) and ${kitReps.corrTrend.toFixed(4)} (trend)`);
  if (truth !== null) console.log(`Bootstrap replicate-0 maps vs the demo world's truth: correlation kit ${truth["kitMean"]!.toFixed(4)}, ranger ${truth["rangerMean"]!.toFixed(4)} (mean ALT); kit ${truth["kitTrend"]!.toFixed(4)}, ranger ${truth["rangerTrend"]!.toFixed(4)} (trend)`);
  const load = { start: loadStart, end: os.loadavg() };
  console.log(`Bootstrap: load average (1 min) ${load.start[0]!.toFixed(1)} at the start, ${load.end[0]!.toFixed(1)} at the end on ${os.cpus().length} cores; times on a shared machine are noisy, the ratio is measured in the same run`);
  return { ...out, ranger, ratioRangerOverKit: ratios, comparison, loadAverage: load };
}
