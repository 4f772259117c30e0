/**
 * Internal to training (./train.ts): the checks of the training data and options before the
 * engine runs, in this order (the first problem found is the one reported): known option names;
 * feature names (one unique non-empty name per column); x (numbers, whole rows of nCols values,
 * no ±Infinity: NaN is missing); y (one finite value per row, within the float32 range, xgboost's
 * label type); subsample leaving at least one row; no feature beyond the float32 range; not every
 * feature value missing; the validation set (the same checks); early stopping only with a
 * validation set.
 */
import { ArgumentError } from "../../core/errors";
import { checkArray, checkInteger, checkOptions } from "../../core/checks";
import { checkMatrix, defaultColumnNames } from "../../core/matrix";
import { FLOAT32_MAX, type XGBoostParams } from "./params";
import type { TrainOptions } from "./train";

const OPTION_NAMES = ["validation", "earlyStoppingRounds", "featureNames"] as const;

// Flat features as a Float64Array (checking the type of each entry of a plain array).
function toFloat64(fn: string, arg: string, x: unknown): Float64Array {
  if (x instanceof Float64Array) return x;
  if (!(Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView)))) {
    throw new ArgumentError({ fn, arg, value: x, expected: "a flat row-major array of numbers (NaN = missing)" }, "not an array");
  }
  const a = x as ArrayLike<unknown>;
  const out = new Float64Array(a.length);
  for (let k = 0; k < a.length; k++) {
    const v = a[k];
    if (typeof v !== "number") throw new ArgumentError({ fn, arg, at: k, value: v, expected: "a number (NaN = missing)" }, "not a number");
    out[k] = v;
  }
  return out;
}

// Check a flat row-major feature array against nCols and return its row count.
function featureMatrix(fn: string, arg: string, x: unknown, nCols: number, names: readonly string[]): { data: Float64Array; nRows: number } {
  const data = toFloat64(fn, arg, x);
  if (data.length % nCols !== 0) {
    throw new ArgumentError({ fn, arg, value: data.length, expected: `a multiple of nCols = ${nCols} (rows of ${nCols} values, row-major)` }, "length is not rows × columns");
  }
  const nRows = data.length / nCols;
  if (nRows < 1) throw new ArgumentError({ fn, arg, value: data.length, expected: `at least one row of ${nCols} values` }, "no rows");
  checkMatrix(fn, arg, { data, nRows, nCols, columns: names });
  return { data, nRows };
}

// Targets must fit in float32 (xgboost's label type); beyond it the engine aborts or makes NaN leaves.
function checkFloat32(fn: string, arg: string, y: ArrayLike<number>): void {
  for (let i = 0; i < y.length; i++) {
    if (Math.abs(y[i]!) > FLOAT32_MAX) throw new ArgumentError({ fn, arg, at: i, value: y[i], expected: `|y| ≤ ${FLOAT32_MAX} (xgboost stores labels as float32)` }, "value beyond the float32 range");
  }
}

/** The training data after the checks. */
export interface TrainingData {
  /** Row-major features (NaN = missing). */
  data: Float64Array;
  /** Number of rows. */
  nRows: number;
  /** Feature names (given, or f0, f1, …). */
  featureNames: string[];
  /** The validation set, if given. */
  validation: { data: Float64Array; y: ArrayLike<number> } | undefined;
  /** Early-stopping patience, if given. */
  earlyStoppingRounds: number | undefined;
}

/**
 * Check the training data and options (see the module comment for the order of the checks).
 *
 * @param fn - the public function
 * @param x - row-major features, nRows × nCols
 * @param nCols - number of features (already checked)
 * @param y - targets
 * @param p - the resolved parameters
 * @param options - validation set, early stopping patience, feature names
 * @returns the checked data
 * @throws ArgumentError naming the argument, the index and the value
 */
export function checkTrainingData(fn: string, x: ArrayLike<number>, nCols: number, y: ArrayLike<number>, p: Required<XGBoostParams>, options: TrainOptions): TrainingData {
  checkOptions(fn, "options", options, OPTION_NAMES);
  const o = options ?? {};
  let featureNames: string[];
  if (o.featureNames !== undefined) {
    const names = o.featureNames as unknown;
    if (!Array.isArray(names) || names.length !== nCols) {
      throw new ArgumentError({ fn, arg: "options.featureNames", value: names, expected: `${nCols} names, one per column (nCols)` }, "feature names do not match nCols");
    }
    const seen = new Set<string>();
    names.forEach((n: unknown, j) => {
      if (typeof n !== "string" || n === "" || seen.has(n)) throw new ArgumentError({ fn, arg: "options.featureNames", at: j, value: n, expected: "a unique, non-empty name" }, "bad feature name");
      seen.add(n);
    });
    featureNames = [...(names as string[])];
  } else featureNames = defaultColumnNames(nCols);
  const { data, nRows } = featureMatrix(fn, "x", x, nCols, featureNames);
  checkArray(fn, "y", y, { length: nRows, lengthOf: `the rows of x: x.length / nCols = ${data.length} / ${nCols}` });
  checkFloat32(fn, "y", y);
  if (p.subsample * nRows < 1) {
    throw new ArgumentError({ fn, arg: "params.subsample", value: p.subsample, expected: `at least 1 / nRows = ${1 / nRows} (subsample × ${nRows} rows must sample at least one row)` }, "no row would be sampled");
  }
  let present = 0;
  for (let k = 0; k < data.length; k++) {
    const v = data[k]!;
    if (Number.isNaN(v)) continue;
    present++;
    if (Math.abs(v) > FLOAT32_MAX) {
      const j = k % nCols;
      throw new ArgumentError({ fn, arg: "x", at: `row ${(k - j) / nCols}, column ${JSON.stringify(featureNames[j])}`, value: v, expected: `|x| ≤ ${FLOAT32_MAX} (xgboost stores features as float32)` }, "value beyond the float32 range");
    }
  }
  if (present === 0) throw new ArgumentError({ fn, arg: "x", value: `all ${data.length} values NaN`, expected: "at least one non-missing feature value" }, "every predictor value is missing");
  let validation: { data: Float64Array; y: ArrayLike<number> } | undefined;
  if (o.validation !== undefined) {
    checkOptions(fn, "options.validation", o.validation, ["x", "y"]);
    const v = featureMatrix(fn, "options.validation.x", o.validation.x, nCols, featureNames);
    checkArray(fn, "options.validation.y", o.validation.y, { length: v.nRows, lengthOf: `the rows of validation.x: validation.x.length / nCols = ${v.data.length} / ${nCols}` });
    checkFloat32(fn, "options.validation.y", o.validation.y);
    validation = { data: v.data, y: o.validation.y };
  }
  if (o.earlyStoppingRounds !== undefined) {
    checkInteger(fn, "options.earlyStoppingRounds", o.earlyStoppingRounds, { min: 1 });
    if (validation === undefined) throw new ArgumentError({ fn, arg: "options.earlyStoppingRounds", value: o.earlyStoppingRounds, expected: "options.validation to be given (early stopping scores the validation set)" }, "early stopping without a validation set");
  }
  return { data, nRows, featureNames, validation, earlyStoppingRounds: o.earlyStoppingRounds };
}
