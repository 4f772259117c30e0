/**
 * The paper's grid search (paper 1 §2.4.1): every combination of number of trees (50, 100,
 * 150), variables per split (2–10) and minimum rows per leaf (2–5) — 108 models — each scored by
 * random 10-fold CV on the SAME folds, ranked by mean fold R². All 1,080 fold models run as one
 * batch on the worker pool.
 */
import { type RegressionMetrics, regressionMetrics } from "../../stats/regression-metrics";
import { checkArray, checkInteger, checkOptions } from "../../core/checks";
import { ArgumentError } from "../../core/errors";
import { CROSS_VALIDATION_OPTION_NAMES, type CrossValidationOptions, checkCrossValidationOptions, checkMinRowsPerFold, checkScorableFolds, crossValidationTasks, resolveFolds, summarizeCrossValidation, wrapProgress } from "./cross-validate";
import { withDataset } from "./forest-pool";
import { type Matrix, checkMatrix } from "../../core/matrix";
import { type ForestOptions, resolveForestOptions } from "./options";

/** The hyperparameters that vary in the grid. */
export interface GridPoint {
  /** Number of trees (paper's nt). */
  ntrees: number;
  /** Variables per split (paper's nv). */
  mtries: number;
  /** Minimum rows per leaf (paper's no_leaf). */
  minRows: number;
}

/** The values each hyperparameter takes. */
export interface GridSpec {
  /** Tree counts. */
  ntrees: readonly number[];
  /** Variables per split. */
  mtries: readonly number[];
  /** Minimum rows per leaf. */
  minRows: readonly number[];
}

/** Paper 1 §2.4.1's grid: nt ∈ {50, 100, 150}, nv ∈ 2…10, no_leaf ∈ 2…5 (108 models). */
export const PAPER_GRID: GridSpec = {
  ntrees: [50, 100, 150],
  mtries: [2, 3, 4, 5, 6, 7, 8, 9, 10],
  minRows: [2, 3, 4, 5],
};

/**
 * Every combination of a grid, in the order ntrees × mtries × minRows.
 *
 * @param spec - the values per hyperparameter (default {@link PAPER_GRID})
 * @returns the grid points
 * @throws ArgumentError for an unknown key, an empty list, a value that is not an integer ≥ 1 or a repeated value (index named)
 * @example
 * expandGrid({ ntrees: [10], mtries: [2, 3], minRows: [1] }); // [{ ntrees: 10, mtries: 2, minRows: 1 }, { ntrees: 10, mtries: 3, minRows: 1 }]
 */
export function expandGrid(spec: GridSpec = PAPER_GRID): GridPoint[] {
  checkGridSpec("expandGrid", "spec", spec);
  const out: GridPoint[] = [];
  for (const ntrees of spec.ntrees) for (const mtries of spec.mtries) for (const minRows of spec.minRows) out.push({ ntrees, mtries, minRows });
  return out;
}

/**
 * Check a grid: only the keys ntrees, mtries, minRows, each a non-empty list of distinct integers ≥ 1
 * (a repeated value would train the same model twice under the same id).
 *
 * @param fn - the public function to name in an error
 * @param arg - the grid's argument path
 * @param spec - the grid
 * @throws ArgumentError naming the key, the index and the value
 * @example
 * checkGridSpec("gridSearch", "options.grid", { ntrees: [10], mtries: [2], minRows: [1] }); // passes
 */
export function checkGridSpec(fn: string, arg: string, spec: GridSpec): void {
  if (spec === undefined) throw new ArgumentError({ fn, arg, value: spec, expected: "a grid { ntrees, mtries, minRows }" }, "missing grid");
  checkOptions(fn, arg, spec, ["ntrees", "mtries", "minRows"]);
  for (const key of ["ntrees", "mtries", "minRows"] as const) {
    const values: unknown = spec[key];
    if (!Array.isArray(values) || values.length === 0) throw new ArgumentError({ fn, arg: `${arg}.${key}`, value: values, expected: "a non-empty list of integers ≥ 1" }, "no values");
    values.forEach((v, i) => {
      checkInteger(fn, `${arg}.${key}[${i}]`, v, { min: 1 });
      const j = values.indexOf(v);
      if (j < i) throw new ArgumentError({ fn, arg: `${arg}.${key}`, at: i, value: v, expected: `values that differ (already at index ${j}: two identical models)` }, "duplicate grid value");
    });
  }
}

/** One model of the grid with its cross-validation. */
export interface GridModel extends GridPoint {
  /** "nt100_nv6_nl3" style id. */
  id: string;
  /** Mean fold R². */
  meanR2: number;
  /** SD of fold R². */
  sdR2: number;
  /** Per-fold R². */
  foldR2: number[];
  /** Pooled out-of-fold metrics. */
  pooled: RegressionMetrics;
  /** Out-of-fold prediction per row. */
  holdout: Float64Array;
  /** Summed training time of its fold models, ms. */
  trainMs: number;
}

/** Result of a grid search. */
export interface GridSearchResult {
  /** All models, best mean R² first (ties: grid order). */
  models: GridModel[];
  /** Fold id per row (shared by all models). */
  folds: Int32Array;
  /** Wall time of the whole search, ms. */
  wallMs: number;
}

/** Settings of a grid search. */
export interface GridSearchOptions extends CrossValidationOptions {
  /** The grid (default {@link PAPER_GRID}). */
  grid?: GridSpec;
  /** Options shared by all models (seed, sampleRate, maxDepth, nbins …). */
  base?: ForestOptions;
}

/**
 * Id of a grid point, e.g. "nt100_nv6_nl3".
 *
 * @param g - the grid point
 * @returns the id
 * @example
 * gridPointId({ ntrees: 100, mtries: 6, minRows: 3 }); // 'nt100_nv6_nl3'
 */
export function gridPointId(g: GridPoint): string {
  return `nt${g.ntrees}_nv${g.mtries}_nl${g.minRows}`;
}

/**
 * Cross-validate every grid point on the same folds and rank by mean fold R².
 *
 * @param x - predictors
 * @param y - response per row
 * @param options - grid, shared forest options, folds, pool and progress
 * @returns the ranked models
 * @throws ArgumentError (rejects) for a malformed matrix, bad responses (or all equal), unknown or bad settings, a repeated grid value, a fold that cannot be scored (one row, or equal responses), a throwing `onProgress`, a grid value out of range (an mtries value above the predictor count, a minRows above a fold's training rows; index named) or bad folds
 * @throws FitError or EngineError (rejects) when a fold model fails while fitting or a worker fails
 * @example
 * const { x, y } = friedman1(200, 6, 1, "demo");
 * (await gridSearch(x, y, { grid: { ntrees: [10], mtries: [2, 4], minRows: [2] }, nfolds: 3, workers: 0 })).models.length; // 2
 */
export async function gridSearch(x: Matrix, y: ArrayLike<number>, options: GridSearchOptions = {}): Promise<GridSearchResult> {
  const fn = "gridSearch";
  checkMatrix(fn, "x", x, 2);
  checkArray(fn, "y", y, { length: x.nRows, lengthOf: "x.nRows, one response per row" });
  const engine = checkCrossValidationOptions(fn, "options", options, [...CROSS_VALIDATION_OPTION_NAMES, "grid", "base"]);
  const grid = options.grid ?? PAPER_GRID;
  checkGridSpec(fn, "options.grid", grid);
  grid.mtries.forEach((v, i) => checkInteger(fn, `options.grid.mtries[${i}]`, v, { min: 1, max: x.nCols }));
  resolveForestOptions(options.base ?? {}, x.nCols, fn, "options.base");
  const { folds, k } = resolveFolds(x.nRows, options, fn, "options");
  checkScorableFolds(fn, "options", options, y, folds, k);
  grid.minRows.forEach((v, i) => checkMinRowsPerFold(fn, `options.grid.minRows[${i}]`, v, folds, k));
  const points = expandGrid(grid);
  const t0 = performance.now();
  return withDataset(options.pool, options.workers, x, y, async (pool, id) => {
    const tasks = points.flatMap((g) => crossValidationTasks(id, folds, k, { ...options.base, ...g }, engine));
    const results = await pool.run(tasks, wrapProgress(fn, "options.onProgress", options.onProgress));
    const models = points.map((g, m): GridModel => {
      const slice = results.slice(m * k, (m + 1) * k);
      const cv = summarizeCrossValidation(y, folds, k, slice.map((r) => r.predictions!), slice.reduce((a, r) => a + r.trainMs, 0));
      return { ...g, id: gridPointId(g), meanR2: cv.meanR2, sdR2: cv.sdR2, foldR2: cv.foldMetrics.map((f) => f.r2), pooled: cv.pooled, holdout: cv.holdout, trainMs: cv.trainMs };
    });
    const order = models.map((_, i) => i).sort((a, b) => models[b]!.meanR2 - models[a]!.meanR2 || a - b);
    return { models: order.map((i) => models[i]!), folds, wallMs: performance.now() - t0 };
  });
}

/**
 * Cross-validated accuracy of the ensemble of the top `k` grid models: the mean of their
 * out-of-fold predictions against the observations (paper 1 Fig 3a: the ten best models).
 *
 * @param result - a grid search
 * @param y - observed response
 * @param k - number of top models (paper: 10)
 * @returns the ensemble's out-of-fold predictions and metrics
 * @throws ArgumentError when k is not an integer in 1…(number of models), or `y` does not match the search's rows (length or a non-finite value, index named)
 * @example
 * const { x, y } = friedman1(200, 6, 1, "demo");
 * const search = await gridSearch(x, y, { grid: { ntrees: [10], mtries: [2, 4], minRows: [2] }, nfolds: 3, workers: 0 });
 * ensembleHoldout(search, y, 2).holdout.length; // 200
 */
export function ensembleHoldout(result: GridSearchResult, y: ArrayLike<number>, k = 10): { holdout: Float64Array; metrics: RegressionMetrics } {
  const fn = "ensembleHoldout";
  if (result === null || typeof result !== "object" || !Array.isArray(result.models) || result.models.length === 0) {
    throw new ArgumentError({ fn, arg: "result", value: result, expected: "a grid search result with at least one model" }, "not a grid search result");
  }
  checkInteger(fn, "k", k, { min: 1, max: result.models.length });
  checkArray(fn, "y", y, { length: result.models[0]!.holdout.length, lengthOf: "the rows of the grid search" });
  const holdout = new Float64Array(y.length);
  for (let m = 0; m < k; m++) {
    const h = result.models[m]!.holdout;
    for (let i = 0; i < holdout.length; i++) holdout[i]! += h[i]! / k;
  }
  return { holdout, metrics: regressionMetrics(y, holdout) };
}
