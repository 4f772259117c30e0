/**
 * Permutation importance on a given data set (Breiman 2001, cited by paper 1 §2.4.3): the
 * increase in mean squared error when one predictor's column is shuffled, averaged over
 * `repeats` seeded shuffles. Model-agnostic (any `Model`, e.g. a Forest, a ForestEnsemble or an XGBoostRegressor).
 */
import { createRng, DEFAULT_SEED } from "../../random/rng";
import { regressionMetrics } from "../../stats/regression-metrics";
import { checkArray, checkInteger, checkOptions } from "../../core/checks";
import { ArgumentError } from "../../core/errors";
import { checkModelOutput } from "../explain/partial-dependence";
import { type ImportanceRow, importanceTable } from "./forest";
import { type Matrix, columnName } from "../../core/matrix";
import { type ModelLike, checkModelLike } from "../../core/model";

/**
 * Permutation importance of every predictor.
 *
 * @param model - any fitted {@link Model} (or an object with `predict`; its `featureNames`, when given, are checked against `x`)
 * @param x - predictors (e.g. a holdout set)
 * @param y - observed response per row
 * @param options - `repeats` (default 5) and `seed`
 * @returns importance rows (relative = mean MSE increase, response units²), most important first
 * @throws ArgumentError for a model without `predict`, a malformed matrix (or one whose columns differ from the model's), fewer than 2 rows, responses of the wrong length or not finite (index named), unknown options, `repeats` not an integer ≥ 1 or a bad seed
 * @throws EngineError when the model returns the wrong number of predictions; ArgumentError naming `model.predict(x)`, the row and the value when a prediction is not a finite number
 * @example
 * const { x, y } = friedman1(200, 5, 1, "demo");
 * permutationImportance(trainForest(x, y, { ntrees: 20 }), x, y, { repeats: 2 })[0].feature; // 'x3'
 */
export function permutationImportance(model: ModelLike, x: Matrix, y: ArrayLike<number>, options: { repeats?: number; seed?: number } = {}): ImportanceRow[] {
  const fn = "permutationImportance";
  checkModelLike(fn, model, x, 2);
  const nCols = (model as { nCols?: unknown }).nCols;
  if (model.featureNames === undefined && typeof nCols === "number" && nCols !== x.nCols) {
    throw new ArgumentError({ fn, arg: "x.nCols", value: x.nCols, expected: `${nCols} columns, as the model was trained on` }, "wrong number of columns");
  }
  checkArray(fn, "y", y, { length: x.nRows, lengthOf: "x.nRows, one response per row" });
  checkOptions(fn, "options", options, ["repeats", "seed"]);
  const repeats = checkInteger(fn, "options.repeats", options.repeats ?? 5, { min: 1 });
  const seed = checkInteger(fn, "options.seed", options.seed ?? DEFAULT_SEED, { min: 0, max: Number.MAX_SAFE_INTEGER });
  const predict = (m: Matrix, context: string): ArrayLike<number> => checkModelOutput(fn, model.engine ?? "model", model.predict(m), x.nRows, context);
  const base = regressionMetrics(y, predict(x, "unpermuted")).mse;
  const p = x.nCols;
  const raw = new Float64Array(p);
  const work = new Float64Array(x.data);
  for (let j = 0; j < p; j++) {
    const rng = createRng(seed, `permutation-importance-${j}`);
    let sum = 0;
    for (let r = 0; r < repeats; r++) {
      const perm = rng.permutation(x.nRows);
      for (let i = 0; i < x.nRows; i++) work[i * p + j] = x.data[perm[i]! * p + j]!;
      sum += regressionMetrics(y, predict(x.columns === undefined ? { data: work, nRows: x.nRows, nCols: p } : { data: work, nRows: x.nRows, nCols: p, columns: x.columns }, `column ${JSON.stringify(columnName(x, j))} permuted, repeat ${r}`)).mse - base;
    }
    for (let i = 0; i < x.nRows; i++) work[i * p + j] = x.data[i * p + j]!;
    raw[j] = sum / repeats;
  }
  return importanceTable(Array.from({ length: p }, (_, j) => columnName(x, j)), raw);
}
