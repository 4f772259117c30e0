/**
 * Permutation importance on a given data set (Breiman 2001, cited by paper 1 §2.4.3): the
 * increase in mean squared error when one predictor's column is shuffled, averaged over
 * `repeats` seeded shuffles. Model-agnostic (any {@link RegressionModel}).
 */
import { createRng } from "../../random/rng";
import { regressionMetrics } from "../../stats/regression-metrics";
import { type ImportanceRow, importanceTable } from "./forest";
import { type Matrix, columnName } from "../../core/matrix";
import { type RegressionModel } from "./regression-model";

/**
 * Permutation importance of every predictor.
 *
 * @param model - a fitted model
 * @param x - predictors (e.g. a holdout set)
 * @param y - observed response per row
 * @param options - `repeats` (default 5) and `seed`
 * @returns importance rows (relative = mean MSE increase, response units²), most important first
 */
export function permutationImportance(model: RegressionModel, x: Matrix, y: ArrayLike<number>, options: { repeats?: number; seed?: number } = {}): ImportanceRow[] {
  const repeats = options.repeats ?? 5;
  const base = regressionMetrics(y, model.predict(x)).mse;
  const p = x.nCols;
  const raw = new Float64Array(p);
  const work = new Float64Array(x.data);
  for (let j = 0; j < p; j++) {
    const rng = createRng(options.seed ?? 20240117, `permutation-importance-${j}`);
    let sum = 0;
    for (let r = 0; r < repeats; r++) {
      const perm = rng.permutation(x.nRows);
      for (let i = 0; i < x.nRows; i++) work[i * p + j] = x.data[perm[i]! * p + j]!;
      sum += regressionMetrics(y, model.predict({ data: work, nRows: x.nRows, nCols: p })).mse - base;
    }
    for (let i = 0; i < x.nRows; i++) work[i * p + j] = x.data[i * p + j]!;
    raw[j] = sum / repeats;
  }
  return importanceTable(Array.from({ length: p }, (_, j) => columnName(x, j)), raw);
}
