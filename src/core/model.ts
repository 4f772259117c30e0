/**
 * The one model contract of the kit (issue 14): every fitted model — the h2o-DRF forest, the
 * ensemble of forests, the XGBoost regressor — is a {@link Model}: it knows its engine and its
 * predictor names, predicts a {@link Matrix} (width and, when both sides are named, column names
 * checked at predict time by {@link checkModelMatrix}), and serialises to JSON tagged
 * `"permafrost-kit/<engine>@<version>"` (read back with `modelFromJSON`). The model-agnostic
 * tools (permutation importance, PD/ICE) take any {@link ModelLike}, which every Model is.
 *
 * Engine-native parameter names stay inside each engine's options and are documented there:
 * h2o's `ntrees`/`mtries` in the forest options, xgboost's `max_depth`/`eta`/`nrounds` in
 * `XGBoostParams`, the meta-analysis' `methodTau` in its options.
 */
import { ArgumentError } from "./errors";
import { type Matrix, checkMatrix, defaultColumnName } from "./matrix";

/** The JSON form every {@link Model} writes: a format tag `"permafrost-kit/<engine>@<version>"` and the engine's fields. */
export interface ModelJSON {
  /** Format tag, e.g. "permafrost-kit/forest@1", "permafrost-kit/xgboost@1". */
  format: string;
}

/** A fitted regression model: one prediction per row of a matrix with the training columns. */
export interface Model {
  /** Which engine produced the model ("kit-drf", "ml-random-forest", "ensemble", "xgboost"). */
  readonly engine: string;
  /** Predictor names, in training order ("column j" / "fj" placeholders when trained without names). */
  readonly featureNames: readonly string[];
  /**
   * Predict every row.
   *
   * @param x - predictors with the training columns, in the same order (checked)
   * @returns one prediction per row (response units)
   */
  predict(x: Matrix): Float64Array;
  /**
   * The model as plain JSON, tagged `"permafrost-kit/<engine>@<version>"`.
   *
   * @returns the JSON object (`modelFromJSON` reads it back)
   */
  toJSON(): ModelJSON;
}

/**
 * What the model-agnostic tools need of a model: `predict`, and `engine`/`featureNames` when it
 * has them (then the matrix's columns are checked against them). Every {@link Model} is one, and
 * so is a plain `{ predict }` object.
 */
export type ModelLike = Pick<Model, "predict"> & Partial<Pick<Model, "engine" | "featureNames">>;

/**
 * Whether a model's predictor names are real names (not the placeholders f0, f1, … that
 * {@link defaultColumnName} gives the columns of an unnamed training matrix).
 *
 * @param names - the model's predictor names
 * @returns true when at least one name is not its placeholder
 * @example
 * hasRealNames(["f0", "f1"]); // false
 */
export function hasRealNames(names: readonly string[]): boolean {
  return names.some((n, j) => n !== defaultColumnName(j));
}

/**
 * Check a matrix handed to a fitted model: a well-formed {@link Matrix} (see `checkMatrix`) with
 * as many columns as the model's predictors and, when both the model and the matrix have column
 * names, the same names in the same order. One linear scan; the prediction loops stay unchecked.
 *
 * @param fn - the public function (`Forest.predict`)
 * @param arg - the argument's name
 * @param x - the matrix
 * @param names - the model's predictor names, in training order
 * @param named - whether `names` are real names to compare (default: {@link hasRealNames})
 * @returns the matrix
 * @throws ArgumentError naming the width, or the first column whose name differs
 * @example
 * checkModelMatrix("Forest.predict", "x", makeMatrix(new Float64Array(4), 2, ["a", "b"]), ["a", "b"]).nRows; // 2
 */
export function checkModelMatrix(fn: string, arg: string, x: unknown, names: readonly string[], named?: boolean): Matrix {
  return checkModelColumns(fn, arg, checkMatrix(fn, arg, x), names, named);
}

/**
 * The width-and-names half of {@link checkModelMatrix}, for a matrix already checked with
 * `checkMatrix` (e.g. one registered with a ForestPool): as many columns as the model's
 * predictors and, when both sides have names, the same names in order. Its cost does not depend
 * on the number of rows.
 *
 * @param fn - the public function
 * @param arg - the argument's name
 * @param m - the (already checked) matrix
 * @param names - the model's predictor names, in training order
 * @param named - whether `names` are real names to compare (default: {@link hasRealNames})
 * @returns the matrix
 * @throws ArgumentError naming the width, or the first column whose name differs
 * @example
 * checkModelColumns("ForestPool.run", "x", makeMatrix(new Float64Array(4), 2, ["a", "b"]), ["a", "b"]).nCols; // 2
 */
export function checkModelColumns(fn: string, arg: string, m: Matrix, names: readonly string[], named: boolean = hasRealNames(names)): Matrix {
  if (m.nCols !== names.length) {
    throw new ArgumentError({ fn, arg: `${arg}.nCols`, value: m.nCols, expected: `${names.length} columns, as in training (${names.join(", ")})` }, "wrong number of columns");
  }
  if (m.columns !== undefined && named) {
    for (let j = 0; j < names.length; j++) {
      if (m.columns[j] !== names[j]) {
        throw new ArgumentError({ fn, arg: `${arg}.columns`, at: j, value: m.columns[j], expected: `${JSON.stringify(names[j])} (training columns in order: ${names.join(", ")})` }, "column differs from training");
      }
    }
  }
  return m;
}

/**
 * Check a value handed to a model-agnostic tool as a model: an object with `predict`; when it
 * states `featureNames`, the matrix is checked against them ({@link checkModelMatrix}).
 *
 * @param fn - the public function
 * @param model - the value
 * @param x - the matrix the tool will predict
 * @param minRows - least number of rows of `x` (default 0)
 * @returns the model
 * @throws ArgumentError for a value without `predict`, a malformed matrix, or one whose columns differ from the model's
 * @example
 * checkModelLike("f", { predict: (m) => new Float64Array(m.nRows) }, makeMatrix(new Float64Array(2), 1)) !== undefined; // true
 */
export function checkModelLike(fn: string, model: unknown, x: unknown, minRows = 0): ModelLike {
  if (model === null || typeof model !== "object" || typeof (model as { predict?: unknown }).predict !== "function") {
    throw new ArgumentError({ fn, arg: "model", value: model, expected: "a fitted model with predict(x)" }, "not a model");
  }
  const m = checkMatrix(fn, "x", x, minRows);
  const names = (model as ModelLike).featureNames;
  if (Array.isArray(names)) checkModelColumns(fn, "x", m, names as readonly string[]);
  return model as ModelLike;
}
