/**
 * Stage 3 of the paper-1 chain (§2.4.2, Figs 4b–c and 5b–d): the two uncertainty ensembles.
 *
 * - **Spatial sampling (bootstrap).** Each replicate draws 75 % of the site-years with
 *   replacement, retrains the top-K models on the draw, predicts every pixel of every year
 *   and keeps the replicate's mean-ALT and ALT-trend maps. The paper calls the bootstrap
 *   "stratified" without naming the strata; the kit draws within each site network
 *   (`source`) in proportion to its size, so every network is represented in every replicate
 *   (say `strata: null` for a plain draw).
 * - **Model structure.** Each combination picks, for every year, one of the top-K members'
 *   annual maps at random, and keeps the mean and trend of that series.
 *
 * Trends are OLS slopes (cm yr⁻¹), means are over 2003–2020 (cm); both on the domain cells.
 */
import { type ForestOptions } from "../ml/forest/options";
import { type ForestProgress, withForestPool } from "../ml/forest/forest-pool";
import { type Matrix } from "../core/matrix";
import { type Cached, cached, contentHash, engineFingerprint } from "../project/cache";
import { createRng, deriveSeed } from "../random/rng";
import { type TrainingTable } from "../data/site-years/match";
import { TREND_PROGRESS_CELLS, pixelTrends } from "../raster/pixel-trends";
import { blockAnnualViews, elementwiseMean, yearBlockLayout } from "./ensemble-maps";
import { ArgumentError } from "../core/errors";
import { checkInteger, checkNumber, checkOptions } from "../core/checks";
import { checkBlock, checkPixels, checkStageOptions, checkTable, checkYears } from "./checks";
import { isList } from "../core/checks";
import { stageProgress } from "../notebook/progress";

/** Mean and trend maps of each replicate (each Float32 over the domain cells). */
export interface ReplicateMaps {
  /** Mean ALT 2003–2020 per replicate, cm. */
  mean: Float32Array[];
  /** OLS ALT trend per replicate, cm yr⁻¹. */
  trend: Float32Array[];
}

/** The bootstrap's replicate maps and what was drawn. */
export interface BootstrapMaps extends ReplicateMaps {
  /** Distinct site-years in each replicate's draw. */
  distinctRows: number[];
  /** Sites represented in each replicate's draw. */
  sites: number[];
}

/**
 * Mean and OLS trend per cell of a years × cells block.
 *
 * @param block - years × cells values (cm)
 * @param years - the years
 * @returns the two per-cell arrays
 * @throws ArgumentError for years that are not consecutive or fewer than 2, or a block whose
 *   length is not a multiple of the year count
 */
export function blockMeanTrend(block: Float32Array, years: readonly number[]): { mean: Float32Array; trend: Float32Array } {
  checkYears("blockMeanTrend", "years", years);
  if (years.length < 2) throw new ArgumentError({ fn: "blockMeanTrend", arg: "years.length", value: years.length, expected: "at least 2 years for a trend" }, "too few years");
  checkBlock("blockMeanTrend", "block", block, years.length);
  const t = pixelTrends(blockAnnualViews(block, years.length), years, { sen: false, mannKendall: false, progress: false });
  return { mean: t.mean, trend: t.ols };
}

/**
 * Row draw of one bootstrap replicate: `share` × n rows with replacement, stratified by
 * `strata` (each stratum contributes round(share × its size) rows), or a plain draw.
 *
 * @param n - training rows
 * @param share - fraction drawn (paper: 0.75)
 * @param seed - master seed
 * @param replicate - replicate number (its own random stream)
 * @param strata - stratum label per row, or null
 * @returns row indices (with repeats)
 * @throws ArgumentError for n < 1, a share outside (0, 1], a seed or replicate that is not a
 *   non-negative integer, or strata that are not one string per row
 */
export function bootstrapDraw(n: number, share: number, seed: number, replicate: number, strata: readonly string[] | null): Int32Array {
  const fn = "bootstrapDraw";
  checkInteger(fn, "n", n, { min: 1 });
  checkNumber(fn, "share", share, { min: 0, exclusiveMin: true, max: 1 });
  checkInteger(fn, "seed", seed, { min: 0, max: Number.MAX_SAFE_INTEGER });
  checkInteger(fn, "replicate", replicate, { min: 0 });
  checkStrata(fn, strata, n);
  const rng = createRng(seed, `bootstrap-${replicate}`);
  const groups = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const s = strata === null ? "" : strata[i]!;
    const g = groups.get(s);
    if (g === undefined) groups.set(s, [i]);
    else g.push(i);
  }
  const out: number[] = [];
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key)!;
    const m = Math.max(1, Math.round(share * g.length));
    for (let k = 0; k < m; k++) out.push(g[rng.int(g.length)]!);
  }
  return Int32Array.from(out);
}

/**
 * The bootstrap ensemble: per replicate, retrain the members on a 75 % draw and keep the mean
 * and trend maps. Cached by content hash.
 *
 * @param table - training table
 * @param strata - stratum per training row (e.g. the site network), or null
 * @param members - top-K forest options
 * @param pixels - (years × cells) × variables
 * @param years - years of the pixel blocks
 * @param settings - replicates, share and seed
 * @param options - workers and progress callback `(replicates done, replicates)`; progress with
 *   an ETA is reported as `bootstrap` (see {@link stageProgress}; nothing on a cache hit)
 * @returns the replicate maps, with the cache flag
 * @throws ArgumentError for a bad table, strata that are not one string per training row, no
 *   members, years that are not consecutive, a pixel matrix that does not match years × cells or
 *   the table's columns, bad settings (replicates ≥ 1, share in (0, 1], integer seed) or an
 *   unknown setting or option (listing the valid ones)
 */
export async function bootstrapMaps(table: TrainingTable, strata: readonly string[] | null, members: readonly ForestOptions[], pixels: Matrix, years: readonly number[],
  settings: { replicates: number; share: number; seed: number }, options: { workers?: number; onProgress?: ForestProgress } = {}): Promise<Cached<BootstrapMaps>> {
  const fn = "bootstrapMaps";
  checkTable(fn, table);
  checkStrata(fn, strata, table.y.length);
  if (!isList(members) || members.length === 0) throw new ArgumentError({ fn, arg: "members", value: members, expected: "the forest options of at least one member (memberOptions)" }, "no members");
  checkYears(fn, "years", years);
  if (years.length < 2) throw new ArgumentError({ fn, arg: "years.length", value: years.length, expected: "at least 2 years for a trend" }, "too few years");
  if (pixels === null || typeof pixels !== "object" || pixels.nRows % years.length !== 0) {
    throw new ArgumentError({ fn, arg: "pixels.nRows", value: pixels?.nRows, expected: `a multiple of ${years.length} (years × cells)` }, "rows do not match years × cells");
  }
  checkPixels(fn, pixels, years, pixels.nRows / years.length, table);
  checkOptions(fn, "settings", settings, ["replicates", "share", "seed"]);
  if (settings === undefined) throw new ArgumentError({ fn, arg: "settings", value: settings, expected: "{ replicates, share, seed }" }, "missing");
  checkInteger(fn, "settings.replicates", settings.replicates, { min: 1 });
  checkNumber(fn, "settings.share", settings.share, { min: 0, exclusiveMin: true, max: 1 });
  checkInteger(fn, "settings.seed", settings.seed, { min: 0, max: Number.MAX_SAFE_INTEGER });
  checkStageOptions(fn, options);
  const key = contentHash("bootstrap-v1", table.x.data, table.y, strata, members, pixels.data, years, settings, engineFingerprint());
  return cached("alt-bootstrap", key, async () =>
    withForestPool(options.workers === undefined ? {} : { workers: options.workers }, async (pool) => {
      pool.register("train", table.x, table.y);
      pool.register("pixels", pixels, undefined, yearBlockLayout(years));
      const out: BootstrapMaps = { mean: [], trend: [], distinctRows: [], sites: [] };
      const progress = stageProgress("bootstrap", settings.replicates, "replicates", options.onProgress);
      for (let b = 0; b < settings.replicates; b++) {
        const rows = bootstrapDraw(table.y.length, settings.share, settings.seed, b, strata);
        const tasks = members.map((o, m) => ({ data: "train", options: { ...o, seed: deriveSeed(o.seed ?? settings.seed, `bootstrap-${b}/member-${m}`) }, trainRows: rows, predictOn: ["pixels"] }));
        const res = await pool.run(tasks);
        const ens = elementwiseMean(res.map((r) => r.predictionsOn![0]!));
        const mt = blockMeanTrend(ens, years);
        out.mean.push(mt.mean);
        out.trend.push(mt.trend);
        out.distinctRows.push(new Set(rows).size);
        out.sites.push(new Set(Array.from(rows, (r) => table.site[r]!)).size);
        progress(b + 1, settings.replicates);
      }
      return out;
    }));
}

/**
 * The model-structure ensemble: per combination, one member's map at random for each year.
 *
 * @param members - per member, years × cells annual predictions
 * @param years - the years
 * @param replicates - combinations (paper: 100)
 * @param seed - master seed
 * @returns the replicate maps and the member chosen for each year of each combination (more
 *   than 10⁷ cells × combinations in all report progress as `model-structure ensemble`, see
 *   {@link stageProgress})
 * @throws ArgumentError for no members, members of different lengths or not years × cells long,
 *   years that are not consecutive, or a replicate count or seed that is not a valid integer
 */
export function modelStructureMaps(members: readonly Float32Array[], years: readonly number[], replicates: number, seed: number): ReplicateMaps & { choices: number[][] } {
  const fn = "modelStructureMaps";
  checkYears(fn, "years", years);
  if (years.length < 2) throw new ArgumentError({ fn, arg: "years.length", value: years.length, expected: "at least 2 years for a trend" }, "too few years");
  if (!isList(members) || members.length === 0) throw new ArgumentError({ fn, arg: "members", value: members, expected: "at least one member's years × cells predictions" }, "no members");
  const cellsPerYear = checkBlock(fn, "members[0]", members[0], years.length);
  members.forEach((m, k) => checkBlock(fn, `members[${k}]`, m, years.length, cellsPerYear));
  checkInteger(fn, "replicates", replicates, { min: 1 });
  checkInteger(fn, "seed", seed, { min: 0, max: Number.MAX_SAFE_INTEGER });
  const rng = createRng(seed, "model-structure");
  const ny = years.length;
  const n = members[0]!.length / ny;
  const out: ReplicateMaps & { choices: number[][] } = { mean: [], trend: [], choices: [] };
  const block = new Float32Array(ny * n);
  // reported when the work is large: more than ten maps' worth of per-pixel trends in all
  const progress = n * replicates > 10 * TREND_PROGRESS_CELLS ? stageProgress("model-structure ensemble", replicates, "combinations") : undefined;
  for (let c = 0; c < replicates; c++) {
    const pick = years.map(() => rng.int(members.length));
    pick.forEach((m, y) => block.set(members[m]!.subarray(y * n, (y + 1) * n), y * n));
    const mt = blockMeanTrend(block, years);
    out.mean.push(mt.mean);
    out.trend.push(mt.trend);
    out.choices.push(pick);
    progress?.(c + 1, replicates);
  }
  return out;
}

function checkStrata(fn: string, strata: readonly string[] | null, n: number): void {
  if (strata === null) return;
  if (!isList(strata) || strata.length !== n) {
    throw new ArgumentError({ fn, arg: "strata", value: Array.isArray(strata) ? strata.length : strata, expected: `null or ${n} stratum labels (one per training row)` }, "wrong strata");
  }
  strata.forEach((s, i) => {
    if (typeof s !== "string") throw new ArgumentError({ fn, arg: "strata", at: i, value: s, expected: "a stratum label (string)" }, "not a string");
  });
}
