/**
 * The XGBoost engine behind the kit's one {@link Model} contract (issue 14): {@link fitXGBoost}
 * trains on a {@link Matrix} and returns an {@link XGBoostRegressor}, which predicts a Matrix
 * (width and column names checked), gives TreeSHAP contributions (paper 2, Methods "XGBoost and
 * SHAP analysis") and saves as JSON tagged "permafrost-kit/xgboost@1". It wraps the free
 * functions (trainXGBoost, predictXGBoost, treeShap, xgboostModelToJSON/FromJSON), which stay:
 * the regressor's results are bit-identical to theirs. xgboost's own parameter names
 * (`max_depth`, `eta`, `nrounds`, …) stay in {@link XGBoostParams}.
 */
import { ArgumentError } from "../../core/errors";
import { type Matrix, checkMatrix, defaultColumnNames } from "../../core/matrix";
import { type Model, type ModelJSON, checkModelMatrix, hasRealNames } from "../../core/model";
import { type XGBoostParams } from "./params";
import { xgboostModelFromJSON, xgboostModelToJSON } from "./serialise";
import { type TrainOptions, type XGBoostModel, trainXGBoost } from "./train";
import { predictRows } from "./traverse";
import { treeShap } from "./treeshap";
import { checkModel } from "./validate";

/** The JSON form of an {@link XGBoostRegressor} (that of `xgboostModelToJSON`). */
export interface XGBoostJSON extends ModelJSON {
  /** Format tag. */
  format: "permafrost-kit/xgboost@1";
}

/** Options of {@link fitXGBoost} (the kit's; xgboost's own parameters go in {@link XGBoostParams}). */
export interface FitXGBoostOptions {
  /** Validation rows (same columns as the training matrix) and targets, for the per-round curve and early stopping. */
  validation?: { x: Matrix; y: ArrayLike<number> };
  /** Patience: stop after this many rounds without improvement (needs `validation`). */
  earlyStoppingRounds?: number;
}

/** A trained XGBoost regression model as a {@link Model}. */
export class XGBoostRegressor implements Model {
  /** Engine tag. */
  readonly engine = "xgboost";
  /** The trained model the free functions take (predictXGBoost, treeShap on `.ensemble`, …). */
  readonly model: XGBoostModel;

  /**
   * @param model - a trained model (from trainXGBoost or xgboostModelFromJSON)
   * @throws ArgumentError for an invalid model (as predictXGBoost)
   */
  constructor(model: XGBoostModel) {
    this.model = checkModel("XGBoostRegressor", model);
  }

  /** Feature names (f0, f1, … when trained on a matrix without column names). */
  get featureNames(): readonly string[] {
    return this.model.featureNames;
  }

  /**
   * Predict every row with the best iteration's trees (bit-identical to predictXGBoost).
   *
   * @param x - predictors with the training columns, in the same order (NaN = missing)
   * @returns one prediction per row
   * @throws ArgumentError when `x` is not a well-formed Matrix, its width differs from the model's, or its column names (when both sides have names) differ
   * @example
   * const r = await fitXGBoost(makeMatrix(Float64Array.of(0, 1, 2, 3), 1, ["a"]), [0, 0, 1, 1], { eta: 1, max_depth: 1, nrounds: 2 });
   * r.predict(makeMatrix(Float64Array.of(0, 3), 1, ["a"])); // Float64Array [0.05556, 0.9444]
   */
  predict(x: Matrix): Float64Array {
    const m = this.check("XGBoostRegressor.predict", x);
    return predictRows(this.model.ensemble, m.data, m.nRows, this.model.bestNTrees);
  }

  /**
   * TreeSHAP contributions of every row with the best iteration's trees (bit-identical to
   * `treeShap(model.ensemble, x, model.bestNTrees)`).
   *
   * @param x - predictors with the training columns, in the same order (NaN = missing)
   * @returns nRows × (nFeatures + 1), row-major, bias last; each row sums to the prediction
   * @throws ArgumentError as {@link XGBoostRegressor.predict}, or for a tree deeper than MAX_SHAP_DEPTH
   * @example
   * const r = await fitXGBoost(makeMatrix(Float64Array.of(0, 1, 2, 3), 1, ["a"]), [0, 0, 1, 1], { eta: 1, max_depth: 1, nrounds: 2 });
   * r.shap(makeMatrix(Float64Array.of(0, 3), 1, ["a"])); // Float64Array [-0.4444, 0.5, 0.4444, 0.5] (feature, bias; per row)
   */
  shap(x: Matrix): Float64Array {
    return treeShap(this.model.ensemble, this.check("XGBoostRegressor.shap", x), this.model.bestNTrees);
  }

  /**
   * The model as JSON (format "permafrost-kit/xgboost@1", as xgboostModelToJSON).
   *
   * @returns the JSON object ({@link XGBoostRegressor.fromJSON} or `modelFromJSON` reads it back)
   * @example
   * const r = await fitXGBoost(makeMatrix(Float64Array.of(0, 1, 2, 3), 1, ["a"]), [0, 0, 1, 1], { eta: 1, max_depth: 1, nrounds: 2 });
   * r.toJSON().format; // 'permafrost-kit/xgboost@1'
   */
  toJSON(): XGBoostJSON {
    return xgboostModelToJSON(this.model) as unknown as XGBoostJSON;
  }

  /**
   * Restore a regressor saved with {@link XGBoostRegressor.toJSON} (or xgboostModelToJSON),
   * validating it as xgboostModelFromJSON does.
   *
   * @param json - the saved object (or its text)
   * @param label - the file name, when it came from a file (problems are then DataErrors naming it)
   * @returns the regressor
   * @throws DataError (text or with `label`) or ArgumentError (in-memory object) naming the bad field
   * @example
   * const r = await fitXGBoost(makeMatrix(Float64Array.of(0, 1, 2, 3), 1, ["a"]), [0, 0, 1, 1], { eta: 1, max_depth: 1, nrounds: 2 });
   * XGBoostRegressor.fromJSON(JSON.stringify(r)).predict(makeMatrix(Float64Array.of(3), 1, ["a"])); // Float64Array [0.9444]
   */
  static fromJSON(json: unknown, label?: string): XGBoostRegressor {
    return new XGBoostRegressor(xgboostModelFromJSON(json, label));
  }

  private check(fn: string, x: unknown): Matrix {
    return checkModelMatrix(fn, "x", x, this.model.featureNames, hasRealNames(this.model.featureNames));
  }
}

/**
 * Train an XGBoost regression model on a {@link Matrix} (the kit's one model contract): the
 * matrix's column names become the model's feature names, checked at predict time. Wraps
 * trainXGBoost (same training, same trees).
 *
 * @param x - predictors (NaN = missing; ±Infinity is refused)
 * @param y - targets, one finite value per row
 * @param params - xgboost's own parameters under their native names (`eta`, `max_depth`, `nrounds`, …; see XGBoostParams)
 * @param options - validation matrix and targets, early-stopping patience
 * @returns the trained regressor
 * @throws ArgumentError for a malformed matrix, a validation matrix whose columns differ from `x`, unknown options, and everything trainXGBoost refuses
 * @throws FitError and EngineError as trainXGBoost
 * @example
 * const r = await fitXGBoost(makeMatrix(Float64Array.of(0, 1, 2, 3), 1, ["a"]), [0, 0, 1, 1], { eta: 1, max_depth: 1, nrounds: 2 });
 * r.featureNames; // ['a']
 */
export async function fitXGBoost(x: Matrix, y: ArrayLike<number>, params: XGBoostParams = {}, options: FitXGBoostOptions = {}): Promise<XGBoostRegressor> {
  const fn = "fitXGBoost";
  const m = checkMatrix(fn, "x", x);
  if (options === null || typeof options !== "object") throw new ArgumentError({ fn, arg: "options", value: options, expected: "an object" }, "bad options");
  for (const k of Object.keys(options)) {
    if (k !== "validation" && k !== "earlyStoppingRounds") throw new ArgumentError({ fn, arg: `options.${k}`, value: (options as Record<string, unknown>)[k], expected: "one of validation, earlyStoppingRounds" }, "unknown option");
  }
  const train: TrainOptions = m.columns === undefined ? {} : { featureNames: m.columns };
  const v = options.validation;
  if (v !== undefined) {
    if (v === null || typeof v !== "object") throw new ArgumentError({ fn, arg: "options.validation", value: v, expected: "{ x: Matrix, y }" }, "bad validation set");
    const vx = checkModelMatrix(fn, "options.validation.x", v.x, m.columns ?? defaultColumnNames(m.nCols));
    train.validation = { x: vx.data, y: v.y };
  }
  if (options.earlyStoppingRounds !== undefined) train.earlyStoppingRounds = options.earlyStoppingRounds;
  return new XGBoostRegressor(await trainXGBoost(m.data, m.nCols, y, params, train));
}
