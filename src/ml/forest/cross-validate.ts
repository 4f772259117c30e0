/**
 * Random k-fold cross-validation of a forest (paper 1 §2.4.1: "We evaluated the performance of
 * each model using random tenfold cross-validation … to compute mean and sd [of R²] for each
 * cross-validated model"). Reports, as h2o does, the per-fold metrics with their mean and SD
 * and the pooled-holdout metrics (R², RMSE, bias of all out-of-fold predictions together).
 */
import { sampleSd } from "../../stats/descriptive";
import { type RegressionMetrics, regressionMetrics } from "../../stats/regression-metrics";
import { checkArray, checkInteger, checkOneOf, checkOptions, checkSameLength } from "../../core/checks";
import { ArgumentError } from "../../core/errors";
import { type FoldAssignment, assignFolds, checkFolds, foldRows } from "./folds";
import { ForestPool, type ForestProgress, callbackError, withDataset } from "./forest-pool";
import { type ForestEngine, type ForestTask } from "./forest-task";
import { type Matrix, checkMatrix } from "../../core/matrix";
import { type ForestOptions, resolveForestOptions } from "./options";
import { DEFAULT_SEED } from "../../random/rng";

/** Cross-validation settings. */
export interface CrossValidationOptions {
  /** Number of folds (paper: 10). Default 10. */
  nfolds?: number;
  /** Seed of the fold assignment (default {@link DEFAULT_SEED}). */
  seed?: number;
  /** "random" (h2o default) or "modulo". */
  foldAssignment?: FoldAssignment;
  /** Explicit fold id per row (overrides nfolds/seed/foldAssignment). */
  folds?: Int32Array;
  /** Engine (default "kit-drf"). */
  engine?: ForestEngine;
  /** A pool to reuse; otherwise one is created with `workers` and closed. */
  pool?: ForestPool;
  /** Workers of a fresh pool (default: cores). */
  workers?: number;
  /** Progress callback. */
  onProgress?: ForestProgress;
}

/** The cross-validation of one model. */
export interface CrossValidation {
  /** Fold id per row. */
  folds: Int32Array;
  /** Metrics of each holdout fold. */
  foldMetrics: RegressionMetrics[];
  /** Mean of the per-fold R² (the paper's ranking score). */
  meanR2: number;
  /** Sample SD of the per-fold R². */
  sdR2: number;
  /** Out-of-fold prediction per row. */
  holdout: Float64Array;
  /** Metrics of all out-of-fold predictions pooled. */
  pooled: RegressionMetrics;
  /** Summed training time of the fold models, ms. */
  trainMs: number;
}

/** Every option name {@link CrossValidationOptions} knows. */
export const CROSS_VALIDATION_OPTION_NAMES: readonly string[] = ["nfolds", "seed", "foldAssignment", "folds", "engine", "pool", "workers", "onProgress"];

/**
 * Check the settings shared by cross-validation and the grid search (names, engine, pool,
 * worker count, progress callback); the folds are checked by {@link resolveFolds}.
 *
 * @param fn - the public function to name in an error
 * @param arg - the settings' argument path (`cv`, `options`)
 * @param cv - the settings
 * @param known - the valid names (default {@link CROSS_VALIDATION_OPTION_NAMES})
 * @returns the engine to use
 * @throws ArgumentError naming the bad setting and its value
 * @example
 * checkCrossValidationOptions("crossValidate", "cv", { nfolds: 5, workers: 0 }); // 'kit-drf'
 */
export function checkCrossValidationOptions(fn: string, arg: string, cv: CrossValidationOptions, known: readonly string[] = CROSS_VALIDATION_OPTION_NAMES): ForestEngine {
  checkOptions(fn, arg, cv, known);
  const engine = checkOneOf(fn, `${arg}.engine`, cv.engine ?? "kit-drf", ["kit-drf", "ml-random-forest"] as const);
  if (cv.pool !== undefined && !(cv.pool instanceof ForestPool)) throw new ArgumentError({ fn, arg: `${arg}.pool`, value: cv.pool, expected: "a ForestPool" }, "not a pool");
  if (cv.workers !== undefined) checkInteger(fn, `${arg}.workers`, cv.workers, { min: 0, max: 1024 });
  if (cv.onProgress !== undefined && typeof cv.onProgress !== "function") throw new ArgumentError({ fn, arg: `${arg}.onProgress`, value: cv.onProgress, expected: "a function (done, total)" }, "not a function");
  return engine;
}

/**
 * The fold ids to use, from explicit folds or a seeded assignment.
 *
 * @param n - rows
 * @param cv - settings
 * @param fn - the public function to name in an error (default "crossValidate")
 * @param arg - the settings' argument path (default "cv")
 * @returns fold ids and the number of folds
 * @throws ArgumentError for explicit folds of the wrong length, with an id that is not an integer ≥ 0, an empty fold or fewer than 2 folds; for `nfolds` not in 2…n, a bad seed or assignment
 * @example
 * resolveFolds(4, { folds: Int32Array.from([0, 1, 0, 1]) }).k; // 2
 */
export function resolveFolds(n: number, cv: CrossValidationOptions, fn = "crossValidate", arg = "cv"): { folds: Int32Array; k: number } {
  if (cv.folds !== undefined) {
    const given = checkArray(fn, `${arg}.folds`, cv.folds, { length: n, lengthOf: "x.nRows, one fold id per row" });
    let max = -1;
    for (let i = 0; i < n; i++) {
      const f = given[i]!;
      if (!(Number.isInteger(f) && f >= 0)) throw new ArgumentError({ fn, arg: `${arg}.folds`, at: i, value: f, expected: "a fold id, an integer ≥ 0" }, "bad fold id");
      if (f > max) max = f;
    }
    const k = max + 1;
    if (k < 2) throw new ArgumentError({ fn, arg: `${arg}.folds`, value: `${k} fold`, expected: "at least 2 folds" }, "every row is in the same fold");
    const folds = given instanceof Int32Array ? given : Int32Array.from(given);
    checkFolds(folds, k, fn, `${arg}.folds`);
    return { folds, k };
  }
  const k = checkInteger(fn, `${arg}.nfolds`, cv.nfolds ?? 10, { min: 2, max: n });
  const seed = checkInteger(fn, `${arg}.seed`, cv.seed ?? DEFAULT_SEED, { min: 0, max: Number.MAX_SAFE_INTEGER });
  const how = checkOneOf(fn, `${arg}.foldAssignment`, cv.foldAssignment ?? "random", ["random", "modulo"] as const);
  let folds: Int32Array;
  try {
    folds = assignFolds(n, k, seed, how);
  } catch (e) {
    // n, k, seed and how are valid here: the only refusal left is a random fold that came out empty
    if (!(e instanceof ArgumentError)) throw e;
    const empty = /fold (\d+) of/.exec(e.message)?.[1] ?? "?";
    throw new ArgumentError({ fn, arg: `${arg}.nfolds`, value: k, expected: `fewer folds (each fold needs at least 2 of the ${n} rows; foldAssignment "modulo" balances the fold sizes)` }, `the ${how} assignment left fold ${empty} of ${k} without rows`);
  }
  return { folds, k };
}

/**
 * Refuse folds whose holdout metrics cannot be computed, before any model is trained: every
 * holdout fold needs at least 2 rows and two different responses (R² = 1 − SSE/SST is undefined
 * when the observed values of a fold are all equal), and so does `y` as a whole.
 *
 * @param fn - the public function to name in an error
 * @param arg - the settings' argument path (`cv`, `options`); the error names `<arg>.folds` for explicit folds, else `<arg>.nfolds`
 * @param cv - the settings (to tell explicit folds from an assignment)
 * @param y - response per row (already checked finite)
 * @param folds - fold id per row (valid ids 0…k − 1)
 * @param k - number of folds
 * @throws ArgumentError naming `y` when every response is equal, else the folds setting, the fold, its row count or its response
 * @example
 * checkScorableFolds("crossValidate", "cv", {}, [1, 2, 3, 4], Int32Array.from([0, 1, 0, 1]), 2); // passes
 */
export function checkScorableFolds(fn: string, arg: string, cv: CrossValidationOptions, y: ArrayLike<number>, folds: Int32Array, k: number): void {
  const n = y.length;
  let varies = false;
  for (let i = 1; i < n && !varies; i++) varies = y[i] !== y[0];
  if (!varies) {
    throw new ArgumentError({ fn, arg: "y", value: `${y[0]} at every one of the ${n} rows`, expected: "at least two different responses (R² is undefined without variance)" }, "every response is equal");
  }
  const counts = new Int32Array(k);
  const first = new Float64Array(k);
  const differs = new Uint8Array(k);
  for (let i = 0; i < n; i++) {
    const f = folds[i]!;
    if (counts[f] === 0) first[f] = y[i]!;
    else if (y[i] !== first[f]) differs[f] = 1;
    counts[f]! += 1;
  }
  const where = cv.folds !== undefined ? `${arg}.folds` : `${arg}.nfolds`;
  const value = cv.folds !== undefined ? `${k} folds` : k;
  for (let f = 0; f < k; f++) {
    if (counts[f]! < 2) {
      throw new ArgumentError({ fn, arg: where, value, expected: `folds of at least 2 rows each (fewer folds; ${n} rows)` }, `fold ${f} of ${k} holds only ${counts[f]} row, too few to score`);
    }
    if (differs[f] === 0) {
      throw new ArgumentError({ fn, arg: where, value, expected: "every holdout fold to hold two different responses (R² of a fold is undefined without variance)" }, `every response of fold ${f} of ${k} (${counts[f]} rows) is ${first[f]}`);
    }
  }
}

/**
 * Wrap a progress callback so that, when it throws, the run rejects with an error naming the
 * public function's setting (a kit error it throws passes through).
 *
 * @param fn - the public function
 * @param arg - the callback's argument path (`cv.onProgress`)
 * @param onProgress - the callback, or undefined
 * @returns the wrapped callback, or undefined
 * @example
 * wrapProgress("crossValidate", "cv.onProgress", undefined); // undefined
 */
export function wrapProgress(fn: string, arg: string, onProgress: ForestProgress | undefined): ForestProgress | undefined {
  if (onProgress === undefined) return undefined;
  return (done, total) => {
    try {
      onProgress(done, total);
    } catch (e) {
      throw callbackError(fn, arg, e);
    }
  };
}

/**
 * Refuse a `minRows` no fold's training frame can hold (the rows outside the largest fold).
 *
 * @param fn - the public function to name in an error
 * @param arg - the option's path
 * @param minRows - the resolved minRows
 * @param folds - fold id per row
 * @param k - number of folds
 * @throws ArgumentError when `minRows` exceeds the smallest training frame
 * @example
 * checkMinRowsPerFold("crossValidate", "options.minRows", 1, Int32Array.from([0, 1, 0, 1]), 2); // passes
 */
export function checkMinRowsPerFold(fn: string, arg: string, minRows: number, folds: Int32Array, k: number): void {
  const counts = new Int32Array(k);
  for (const f of folds) counts[f]! += 1;
  const smallest = folds.length - Math.max(...counts);
  if (minRows > smallest) {
    throw new ArgumentError({ fn, arg, value: minRows, expected: `at most ${smallest} (the training rows of the smallest fold model)` }, "a leaf cannot hold more rows than the data");
  }
}

/**
 * The k tasks of one model's cross-validation.
 *
 * @param data - registered dataset id
 * @param folds - fold id per row
 * @param k - number of folds
 * @param options - forest options
 * @param engine - engine
 * @returns one task per fold (train on the other folds, predict the fold)
 * @example
 * crossValidationTasks("d", Int32Array.from([0, 1, 0, 1]), 2, {}).length; // 2
 */
export function crossValidationTasks(data: string, folds: Int32Array, k: number, options: ForestOptions, engine: ForestEngine = "kit-drf"): ForestTask[] {
  return Array.from({ length: k }, (_, f) => {
    const { train, holdout } = foldRows(folds, f);
    return { data, engine, options, trainRows: train, predictRows: holdout };
  });
}

/**
 * Assemble a {@link CrossValidation} from the fold predictions.
 *
 * @param y - observed response
 * @param folds - fold id per row
 * @param k - number of folds
 * @param predictions - holdout predictions of fold f, in row order of that fold
 * @param trainMs - summed training time
 * @returns the cross-validation summary
 * @throws ArgumentError when `y` and `folds` differ in length or a fold's predictions do not match its rows
 * @example
 * const folds = Int32Array.from([0, 1, 0, 1]); // fold 0 holds rows 0 and 2
 * const s = summarizeCrossValidation([1, 2, 3, 4], folds, 2, [new Float64Array([1.5, 3]), new Float64Array([2, 4])], 0);
 * s.holdout; // Float64Array [1.5, 2, 3, 4]
 * s.pooled.bias; // 0.125
 */
export function summarizeCrossValidation(y: ArrayLike<number>, folds: Int32Array, k: number, predictions: Float64Array[], trainMs: number): CrossValidation {
  const fn = "summarizeCrossValidation";
  checkSameLength(fn, "folds", folds, "y", y);
  if (!Array.isArray(predictions) || predictions.length !== k) throw new ArgumentError({ fn, arg: "predictions", value: predictions, expected: `${k} arrays, one per fold` }, "wrong number of folds");
  const holdout = new Float64Array(y.length);
  const foldMetrics: RegressionMetrics[] = [];
  for (let f = 0; f < k; f++) {
    const rows = foldRows(folds, f).holdout;
    const pred = predictions[f]!;
    checkArray(fn, `predictions[${f}]`, pred, { length: rows.length, lengthOf: `the ${rows.length} rows of fold ${f}` });
    rows.forEach((i, m) => (holdout[i] = pred[m]!));
    foldMetrics.push(regressionMetrics(Array.from(rows, (i) => y[i]!), pred));
  }
  const r2 = foldMetrics.map((m) => m.r2);
  return {
    folds, foldMetrics, meanR2: r2.reduce((a, b) => a + b, 0) / k, sdR2: sampleSd(r2), holdout, pooled: regressionMetrics(y, holdout), trainMs,
  };
}

/**
 * k-fold cross-validation of one forest configuration, folds in parallel.
 *
 * @param x - predictors
 * @param y - response per row
 * @param options - forest options (the same seed is used for every fold model, as h2o does)
 * @param cv - folds, engine and parallelism
 * @returns per-fold and pooled metrics and the out-of-fold predictions
 * @throws ArgumentError (rejects) for a malformed matrix, bad responses (or all equal), unknown or bad options and settings, bad folds (an empty fold, a fold of one row or of equal responses, which cannot be scored) or a `minRows` larger than a fold's training rows
 * @throws ArgumentError (rejects) naming `cv.onProgress` when the progress callback throws (what it threw is the `cause`)
 * @throws FitError or EngineError (rejects) when a fold model fails while fitting or a worker fails
 * @example
 * const { x, y } = friedman1(200, 5, 1, "demo");
 * (await crossValidate(x, y, { ntrees: 20 }, { nfolds: 5, workers: 0 })).meanR2; // ≈ 0.7
 */
export async function crossValidate(x: Matrix, y: ArrayLike<number>, options: ForestOptions, cv: CrossValidationOptions = {}): Promise<CrossValidation> {
  const fn = "crossValidate";
  checkMatrix(fn, "x", x, 2);
  checkArray(fn, "y", y, { length: x.nRows, lengthOf: "x.nRows, one response per row" });
  const engine = checkCrossValidationOptions(fn, "cv", cv);
  const opt = resolveForestOptions(options, x.nCols, fn, "options");
  const { folds, k } = resolveFolds(x.nRows, cv, fn, "cv");
  checkScorableFolds(fn, "cv", cv, y, folds, k);
  checkMinRowsPerFold(fn, "options.minRows", opt.minRows, folds, k);
  return withDataset(cv.pool, cv.workers, x, y, async (pool, id) => {
    const results = await pool.run(crossValidationTasks(id, folds, k, options, engine), wrapProgress(fn, "cv.onProgress", cv.onProgress));
    return summarizeCrossValidation(y, folds, k, results.map((r) => r.predictions!), results.reduce((a, r) => a + r.trainMs, 0));
  });
}
