/**
 * Internal to training (./train.ts): exact early stopping. ml-xgboost has no evaluation set, so
 * all rounds are trained, then the RMSE of every tree prefix is computed with the kit's float32
 * predictor (the `rmse` metric of xgboost's evaluation log, round by round), and the best
 * iteration follows xgboost's rule (`xgb.train(early_stopping_rounds = k)` / the `EarlyStopping`
 * callback: stop after k rounds without strict improvement, keep the best round). Paper 2, Methods
 * "XGBoost and SHAP analysis": patience 10 over at most 100 rounds. The checked public entry
 * is {@link prefixRmse} (./rmse.ts).
 */
import type { TreeEnsemble } from "./model";
import { leafOf } from "./traverse";

/**
 * RMSE of every tree prefix (trees 1..t for t = 1..nTrees) in one pass over the trees, without
 * checks (a validated ensemble, checked rows and targets): each row's float32 leaf sum is carried
 * forward, so prefix t's prediction equals predictEnsemble(m, x, t) exactly.
 *
 * @param m - a validated ensemble
 * @param x - row-major rows (NaN = missing)
 * @param y - targets, one per row
 * @returns nTrees RMSE values
 */
export function prefixRmseRows(m: TreeEnsemble, x: ArrayLike<number>, y: ArrayLike<number>): number[] {
  const n = y.length;
  const sums = new Float64Array(n);
  const base = Math.fround(m.baseScore);
  const out: number[] = [];
  for (let t = 0; t < m.nTrees; t++) {
    let ss = 0;
    for (let i = 0; i < n; i++) {
      sums[i] = Math.fround(sums[i]! + m.value[leafOf(m, t, x, i)]!);
      ss += (y[i]! - Math.fround(sums[i]! + base)) ** 2;
    }
    out.push(Math.sqrt(ss / n));
  }
  return out;
}

/**
 * The best iteration by xgboost's early-stopping rule: the first round with the lowest validation
 * RMSE, scanning until `patience` rounds have passed without a strict improvement.
 *
 * @param validationRmse - the validation RMSE after each round
 * @param patience - rounds without improvement before stopping (early_stopping_rounds)
 * @returns the 0-based best iteration
 */
export function bestIteration(validationRmse: readonly number[], patience: number): number {
  let best = Infinity;
  let bestIt = 0;
  for (let t = 0; t < validationRmse.length; t++) {
    if (validationRmse[t]! < best) {
      best = validationRmse[t]!;
      bestIt = t;
    } else if (t - bestIt >= patience) break;
  }
  return bestIt;
}
