/**
 * Training with the named engine (ml-xgboost) under paper 2's settings (Methods, "XGBoost and
 * SHAP analysis": `reg:squarederror`, metric rmse, eta 0.1, max_depth 6, early stopping with
 * patience 10 over at most 100 rounds), with the engine's defects worked around. This module
 * only orchestrates the steps, each in its own module:
 *
 * 1. parameters and their xgboost defaults and ranges (./params.ts), then the training data and
 *    options (./training-data.ts): the shapes of x, y and the validation set, finite targets, no
 *    ±Infinity feature (NaN is missing), not every value missing, known parameter and option
 *    names;
 * 2. **missing values, exactly**: the features are rank-coded, NaN as −1, the engine's missing
 *    value (./rank-coding.ts);
 * 3. the engine trains all rounds with the same parameters; `reg:squarederror` is mapped to the
 *    engine's `reg:linear` (the same objective), `tree_method` is "exact";
 * 4. the engine's legacy binary model is read (./parse-binary.ts) and its rank-space thresholds
 *    are mapped back to the original scale with xgboost's midpoint rule (./thresholds.ts), so with
 *    subsample = 1 the model is the one xgboost trains on the raw data;
 * 5. **exact early stopping**: the RMSE of every tree prefix on the training and validation rows,
 *    and xgboost's patience rule for the best iteration (./early-stopping.ts).
 *
 * A failure inside the engine (a WebAssembly trap, an abort string, a model it saved that does
 * not validate) becomes an {@link EngineError}.
 */
import { DataError, EngineError, FitError, guardEngine } from "../../core/errors";
import { checkInteger } from "../../core/checks";
import { bestIteration as patienceBest, prefixRmseRows } from "./early-stopping";
import { loadEngine } from "./engine";
import type { TreeEnsemble } from "./model";
import { resolveParams, type XGBoostParams } from "./params";
import { parseLegacyBinary } from "./parse-binary";
import { rankCode } from "./rank-coding";
import { mapThresholds } from "./thresholds";
import { checkTrainingData } from "./training-data";
import { validateParsed } from "./validate";

export { XGBOOST_PARAM_NAMES, type XGBoostParams } from "./params";

/** A validation set for early stopping. */
export interface ValidationSet {
  /** Row-major features (NaN = missing). */
  x: ArrayLike<number>;
  /** Targets. */
  y: ArrayLike<number>;
}

/** Training options. */
export interface TrainOptions {
  /** Validation set for the per-round curve and early stopping. */
  validation?: ValidationSet;
  /** Patience: stop after this many rounds without improvement (needs `validation`). */
  earlyStoppingRounds?: number;
  /** Feature names (default f0, f1, …). */
  featureNames?: readonly string[];
}

/** A trained model. */
export interface XGBoostModel {
  /** All trained trees, thresholds on the original feature scale. */
  ensemble: TreeEnsemble;
  /** Feature names. */
  featureNames: string[];
  /** Parameters used (defaults filled in). */
  params: Required<XGBoostParams>;
  /** 0-based best iteration (the last one without early stopping). */
  bestIteration: number;
  /** Trees used for prediction and SHAP: bestIteration + 1. */
  bestNTrees: number;
  /** Training RMSE after each round. */
  trainRmse: number[];
  /** Validation RMSE after each round (empty without validation). */
  validationRmse: number[];
}

/**
 * Train a regression model with ml-xgboost (see the module comment for how its defects are
 * worked around).
 *
 * @param x - row-major features, nRows × nCols (NaN = missing; ±Infinity is refused)
 * @param nCols - number of features
 * @param y - targets, one finite value per row
 * @param params - xgboost parameters (names as in {@link XGBOOST_PARAM_NAMES})
 * @param options - validation set, early stopping patience, feature names
 * @returns the trained model
 * @throws ArgumentError for a length of x that is not a multiple of nCols, a y that is not one
 *   finite value per row, ±Infinity in x, every feature value missing, an unknown parameter or
 *   option name, a parameter out of range (eta ≤ 0, nrounds < 1, max_depth outside 1..64, subsample
 *   outside (0, 1] or below 1 / nRows, base_score beyond the float32 range, …), a target (y or
 *   validation.y) beyond the float32 range, an unknown objective, a validation set of the wrong
 *   shape or with non-finite targets, or earlyStoppingRounds without a validation set
 * @throws FitError ("no tree split") when every trained tree is a single leaf of 0, so the model
 *   predicts base_score for every row
 * @throws EngineError when ml-xgboost itself fails
 * @example
 * const model = await trainXGBoost([0, 1, 2, 3], 1, [0, 0, 1, 1], { eta: 1, max_depth: 1, nrounds: 2 });
 * predictXGBoost(model, [[0], [3]]); // Float64Array [0.05556, 0.9444]
 * // early stopping on a validation set:
 * const x = [0, 1, 2, 3, 4, 5, 6, 7], y = [0, 0, 1, 1, 2, 2, 3, 3];
 * const m = await trainXGBoost(x, 1, y, { eta: 0.5, max_depth: 2, nrounds: 50 }, { validation: { x: [0.5, 6.5], y: [0, 3] }, earlyStoppingRounds: 5 });
 * m.bestNTrees; // 31
 */
export async function trainXGBoost(x: ArrayLike<number>, nCols: number, y: ArrayLike<number>, params: XGBoostParams = {}, options: TrainOptions = {}): Promise<XGBoostModel> {
  const fn = "trainXGBoost";
  checkInteger(fn, "nCols", nCols, { min: 1 });
  const p = resolveParams(fn, "params", params);
  const { data, nRows, featureNames, validation, earlyStoppingRounds } = checkTrainingData(fn, x, nCols, y, p, options);
  const { values, coded } = rankCode(data, nRows, nCols);
  const Engine = await loadEngine();
  const engine = guardEngine("ml-xgboost", "create model", () => new Engine({
    booster: "gbtree", objective: "reg:linear", eta: p.eta, max_depth: p.max_depth, min_child_weight: p.min_child_weight, subsample: p.subsample,
    colsample_bytree: p.colsample_bytree, lambda: p.lambda, alpha: p.alpha, gamma: p.gamma, base_score: p.base_score, seed: p.seed,
    tree_method: "exact", silent: 1, iterations: p.nrounds,
  }));
  let bytes: Uint8Array;
  try {
    guardEngine("ml-xgboost", "train", () => engine.train(coded, Array.from(y)));
    bytes = guardEngine("ml-xgboost", "save model", () => Uint8Array.from(engine.toJSON().model, (b) => b & 0xff));
  } catch (e) {
    // the first failure is the one to report; freeing a failed engine model may trap as well
    try { engine.free(); } catch { /* already failing */ }
    throw e;
  }
  guardEngine("ml-xgboost", "free", () => engine.free());
  let ensemble: TreeEnsemble;
  try {
    ensemble = parseLegacyBinary(bytes, "ml-xgboost trained model");
    mapThresholds(ensemble, values, coded);
    validateParsed(ensemble, "ml-xgboost trained model (thresholds mapped back)", (i) => `${i.field}${i.index === undefined ? "" : `[${i.index}]`}`);
  } catch (e) {
    throw e instanceof DataError ? new EngineError("ml-xgboost", "train", e) : e;
  }
  if (noSplitAnywhere(ensemble)) {
    throw new FitError(fn, undefined, `no tree split: all ${ensemble.nTrees} trees are a single leaf of 0, so every prediction is base_score = ${p.base_score} (the targets equal base_score, or subsample = ${p.subsample} × ${nRows} rows left no row to fit)`);
  }
  const trainRmse = prefixRmseRows(ensemble, data, y);
  const validationRmse = validation !== undefined ? prefixRmseRows(ensemble, validation.data, validation.y) : [];
  const bestIteration = earlyStoppingRounds !== undefined ? patienceBest(validationRmse, earlyStoppingRounds) : ensemble.nTrees - 1;
  return { ensemble, featureNames, params: p, bestIteration, bestNTrees: bestIteration + 1, trainRmse, validationRmse };
}

// True when every tree is a single leaf of value 0: nothing was learnt.
function noSplitAnywhere(m: TreeEnsemble): boolean {
  for (let t = 0; t < m.nTrees; t++) {
    const r = m.treeStart[t]!;
    if (m.left[r] !== -1 || m.value[r] !== 0) return false;
  }
  return m.nTrees > 0;
}
