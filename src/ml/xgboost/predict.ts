/**
 * Prediction with a {@link TreeEnsemble} or a trained {@link XGBoostModel}, following xgboost's
 * float32 semantics: a feature value is rounded to float32, a row goes left when x < threshold,
 * a missing value (NaN) goes to the node's default child, and the margin Σ leaf values is
 * accumulated in float32 from 0, then base_score is added (the order of xgboost's CPU predictor,
 * `CPUPredictor::PredictBatch`, which makes the results bit-identical). A trained model predicts
 * with its best iteration, as R xgboost does after early stopping (paper 2, Methods "XGBoost and
 * SHAP analysis").
 */
import { ArgumentError } from "../../core/errors";
import { checkInteger } from "../../core/checks";
import type { TreeEnsemble } from "./model";
import type { XGBoostModel } from "./train";
import { leafOf, predictRows } from "./traverse";
import { checkEnsemble, checkModel, readRows, treeCount, type FeatureRows } from "./validate";

/**
 * Index of the leaf that a row reaches in one tree.
 *
 * @param m - the ensemble
 * @param tree - tree number
 * @param x - row-major feature matrix (NaN = missing)
 * @param row - the row
 * @returns the global index of the leaf
 * @throws ArgumentError for an invalid ensemble, a tree or row out of range, or an x whose length
 *   is not a multiple of the feature count
 * @example
 * // one tree: x < 1.5 (or missing) → 0.5 − 0.3, else 0.5 + 0.3
 * const stump = { learner: { learner_model_param: { num_feature: "1", base_score: "0.5" }, objective: { name: "reg:squarederror" },
 *   gradient_booster: { name: "gbtree", model: { trees: [{ left_children: [1, -1, -1], right_children: [2, -1, -1], split_indices: [0, 0, 0],
 *     split_conditions: [1.5, -0.3, 0.3], default_left: [1, 0, 0], sum_hessian: [4, 2, 2], loss_changes: [1, 0, 0] }] } } } };
 * const model = parseXGBoostJson(stump, "stump");
 * leafIndex(model, 0, [1, 2], 1); // 2 (row 1, x = 2, reaches the right leaf: node 2)
 */
export function leafIndex(m: TreeEnsemble, tree: number, x: ArrayLike<number>, row: number): number {
  const fn = "leafIndex";
  checkEnsemble(fn, "m", m);
  checkInteger(fn, "tree", tree, { min: 0, max: m.nTrees - 1 });
  if (x === null || typeof x !== "object" || typeof x.length !== "number" || x.length % m.nFeatures !== 0) {
    throw new ArgumentError({ fn, arg: "x", value: x, expected: `row-major values, a multiple of ${m.nFeatures} (the model's feature count)` }, "not rows × features");
  }
  checkInteger(fn, "row", row, { min: 0, max: x.length / m.nFeatures - 1 });
  for (let j = 0; j < m.nFeatures; j++) {
    const v = x[row * m.nFeatures + j];
    if (typeof v !== "number" || v === Infinity || v === -Infinity) throw new ArgumentError({ fn, arg: "x", at: `row ${row}, column ${j}`, value: v, expected: "a finite number or NaN (missing)" }, "bad value");
  }
  return leafOf(m, tree, x, row);
}

/**
 * Batch prediction (margin = Σ leaf values + base_score, in float32 as xgboost).
 *
 * @param m - the ensemble
 * @param x - the rows: a flat row-major array (consecutive rows of nFeatures values), an array of
 *   rows, or a Matrix (NaN = missing). Only an array of rows or a Matrix states its width, so only
 *   these catch a row of the wrong width whose length happens to be a multiple of nFeatures.
 * @param nTrees - use only the first nTrees trees (default all), for tree-prefix predictions
 * @returns one margin per row
 * @throws ArgumentError for an invalid ensemble, rows of the wrong width, a length that is not a
 *   multiple of nFeatures, ±Infinity or a non-number in x, or nTrees out of 1..m.nTrees
 * @example
 * // one tree: x < 1.5 (or missing) → 0.5 − 0.3, else 0.5 + 0.3
 * const stump = { learner: { learner_model_param: { num_feature: "1", base_score: "0.5" }, objective: { name: "reg:squarederror" },
 *   gradient_booster: { name: "gbtree", model: { trees: [{ left_children: [1, -1, -1], right_children: [2, -1, -1], split_indices: [0, 0, 0],
 *     split_conditions: [1.5, -0.3, 0.3], default_left: [1, 0, 0], sum_hessian: [4, 2, 2], loss_changes: [1, 0, 0] }] } } } };
 * const model = parseXGBoostJson(stump, "stump");
 * predictEnsemble(model, [[1], [2], [NaN]]); // Float64Array [0.2, 0.8, 0.2]
 */
export function predictEnsemble(m: TreeEnsemble, x: FeatureRows, nTrees?: number): Float64Array {
  const fn = "predictEnsemble";
  checkEnsemble(fn, "m", m);
  const k = treeCount(fn, m, nTrees);
  const rows = readRows(fn, "x", x, m.nFeatures);
  return predictRows(m, rows.data, rows.nRows, k);
}

/**
 * Predict with a trained model, using its best iteration (as R xgboost does after early
 * stopping).
 *
 * @param model - a trained model
 * @param x - the rows: flat row-major (consecutive rows of the model's features), an array of rows,
 *   or a Matrix whose column names (when the model has names) must be the model's features
 * @returns one prediction per row
 * @throws ArgumentError for an invalid model, rows of the wrong width or length, or ±Infinity in x
 * @example
 * const model = await trainXGBoost([0, 1, 2, 3], 1, [0, 0, 1, 1], { eta: 1, max_depth: 1, nrounds: 2 });
 * predictXGBoost(model, [[0], [3]]); // Float64Array [0.05556, 0.9444]
 */
export function predictXGBoost(model: XGBoostModel, x: FeatureRows): Float64Array {
  const fn = "predictXGBoost";
  const m = checkModel(fn, model);
  const rows = readRows(fn, "x", x, m.ensemble.nFeatures, m.featureNames);
  return predictRows(m.ensemble, rows.data, rows.nRows, treeCount(fn, m.ensemble, m.bestNTrees));
}
