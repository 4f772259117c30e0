/**
 * The public RMSE functions: the root-mean-square error of predictions, and the RMSE of every tree
 * prefix of an ensemble (the per-round `rmse` curve of xgboost's evaluation log, which exact early
 * stopping in ./early-stopping.ts scores; paper 2, Methods "XGBoost and SHAP analysis").
 */
import { checkArray } from "../../core/checks";
import { prefixRmseRows } from "./early-stopping";
import type { TreeEnsemble } from "./model";
import { checkEnsemble, readRows, type FeatureRows } from "./validate";

/**
 * RMSE of every tree prefix (trees 1..t for t = 1..nTrees) in one pass over the trees: each
 * row's float32 leaf sum is carried forward, so prefix t's prediction equals
 * predictEnsemble(m, x, t) exactly, at the cost of one tree traversal per tree and row.
 *
 * @param m - the ensemble
 * @param x - the rows, as for predictEnsemble (NaN = missing)
 * @param y - targets, one finite value per row
 * @returns nTrees RMSE values
 * @throws ArgumentError for an invalid ensemble, bad rows, or targets that are not finite or not one per row
 * @example
 * const model = await trainXGBoost([0, 1, 2, 3], 1, [0, 0, 1, 1], { eta: 1, max_depth: 1, nrounds: 2 });
 * prefixRmse(model.ensemble, [[0], [1], [2], [3]], [0, 0, 1, 1]); // [0.1667, 0.05556] (after 1 tree, after 2)
 */
export function prefixRmse(m: TreeEnsemble, x: FeatureRows, y: ArrayLike<number>): number[] {
  const fn = "prefixRmse";
  checkEnsemble(fn, "m", m);
  const rows = readRows(fn, "x", x, m.nFeatures);
  checkArray(fn, "y", y, { length: rows.nRows, lengthOf: "the rows of x", minLength: 1 });
  return prefixRmseRows(m, rows.data, y);
}

/**
 * Root-mean-square error of predictions.
 *
 * @param y - targets
 * @param p - predictions, one per target
 * @returns the RMSE
 * @throws ArgumentError when a value is not finite, the lengths differ or there is no value
 * @example
 * xgboostRmse([1, 2], [1, 4]); // 1.4142135623730951
 */
export function xgboostRmse(y: ArrayLike<number>, p: ArrayLike<number>): number {
  checkArray("xgboostRmse", "y", y, { minLength: 1 });
  checkArray("xgboostRmse", "p", p, { length: y.length, lengthOf: "the length of y" });
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i]! - p[i]!) ** 2;
  return Math.sqrt(s / y.length);
}
