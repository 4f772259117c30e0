/**
 * Random k-fold cross-validation of a forest (paper 1 §2.4.1: "We evaluated the performance of
 * each model using random tenfold cross-validation … to compute mean and sd [of R²] for each
 * cross-validated model"). Reports, as h2o does, the per-fold metrics with their mean and SD
 * and the pooled-holdout metrics (R², RMSE, bias of all out-of-fold predictions together).
 */
import { sampleSd } from "../../stats/descriptive";
import { type RegressionMetrics, regressionMetrics } from "../../stats/regression-metrics";
import { type FoldAssignment, assignFolds, checkFolds, foldRows } from "./folds";
import { type ForestPool, type ForestProgress, withDataset } from "./forest-pool";
import { type ForestEngine, type ForestTask } from "./forest-task";
import { type Matrix } from "../../core/matrix";
import { type ForestOptions } from "./options";

/** Cross-validation settings. */
export interface CrossValidationOptions {
  /** Number of folds (paper: 10). Default 10. */
  nfolds?: number;
  /** Seed of the fold assignment (default 20240117). */
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

/**
 * The fold ids to use, from explicit folds or a seeded assignment.
 *
 * @param n - rows
 * @param cv - settings
 * @returns fold ids and the number of folds
 */
export function resolveFolds(n: number, cv: CrossValidationOptions): { folds: Int32Array; k: number } {
  if (cv.folds !== undefined) {
    if (cv.folds.length !== n) throw new RangeError(`crossValidate: ${cv.folds.length} fold ids for ${n} rows`);
    const k = Math.max(...cv.folds) + 1;
    checkFolds(cv.folds, k);
    return { folds: cv.folds, k };
  }
  const k = cv.nfolds ?? 10;
  return { folds: assignFolds(n, k, cv.seed ?? 20240117, cv.foldAssignment ?? "random"), k };
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
 */
export function summarizeCrossValidation(y: ArrayLike<number>, folds: Int32Array, k: number, predictions: Float64Array[], trainMs: number): CrossValidation {
  const holdout = new Float64Array(y.length);
  const foldMetrics: RegressionMetrics[] = [];
  for (let f = 0; f < k; f++) {
    const rows = foldRows(folds, f).holdout;
    const pred = predictions[f]!;
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
 * @throws RangeError for bad folds (e.g. an empty fold) or a bad training frame
 */
export async function crossValidate(x: Matrix, y: ArrayLike<number>, options: ForestOptions, cv: CrossValidationOptions = {}): Promise<CrossValidation> {
  const { folds, k } = resolveFolds(x.nRows, cv);
  return withDataset(cv.pool, cv.workers, x, y, async (pool, id) => {
    const results = await pool.run(crossValidationTasks(id, folds, k, options, cv.engine), cv.onProgress);
    return summarizeCrossValidation(y, folds, k, results.map((r) => r.predictions!), results.reduce((a, r) => a + r.trainMs, 0));
  });
}
