/**
 * Training with the named engine (ml-xgboost) under paper 2's settings (Methods, "XGBoost and
 * SHAP analysis": `reg:squarederror`, metric rmse, eta 0.1, max_depth 6, early stopping with
 * patience 10 over at most 100 rounds), with the engine's defects worked around:
 *
 * - **Missing values, exactly.** Each feature is replaced by the rank of its float32 value
 *   among the training values (0, 1, 2, …), and NaN by −1, which the engine treats as missing
 *   and sends to a learned default direction, as xgboost does. A rank transform is strictly
 *   monotone, so every candidate split partitions the training rows exactly as on the
 *   original values: the gains, the chosen splits, default directions, leaf values and
 *   covers are identical. Thresholds are mapped back to the original scale with xgboost's own
 *   rule, (a + b)·0.5 in float32 for the adjacent values a < b present in the node (and
 *   a ± (|a| + 1e-6) for the "all values one side" split), so with subsample = 1 the model is
 *   the one xgboost trains on the raw data. With subsample < 1 the node's sampled rows are not
 *   known and the mapped thresholds can differ (same partition of the sample, not
 *   necessarily the same threshold). A real −1 is just another value and is never missing.
 * - **Exact early stopping.** All rounds are trained, then the validation RMSE of every
 *   tree prefix is computed with the kit's predictor; the best iteration follows xgboost's
 *   rule (stop after `earlyStoppingRounds` rounds without strict improvement).
 * - `reg:squarederror` is mapped to the engine's `reg:linear` (the same objective).
 *
 * Inputs are checked before the engine runs: the shapes of x, y and the validation set, finite
 * targets, no ±Infinity feature (NaN is missing), not every value missing, known parameter and
 * option names, and parameter values in xgboost's ranges; a failure inside the engine (a
 * WebAssembly trap, an abort string) becomes an {@link EngineError}.
 */
import { ArgumentError, DataError, EngineError, FitError, guardEngine } from "../../core/errors";
import { checkArray, checkInteger, checkNumber, checkOneOf, checkOptions } from "../../core/checks";
import { checkMatrix } from "../../core/matrix";
import { loadEngine } from "./engine";
import { parseJsonText, parseLegacyBinary, type TreeEnsemble } from "./model";
import { asArgumentError, checkEnsemble, findEnsembleIssue, leafOf, predictRows, readRows, treeCount, validateParsed, type FeatureRows } from "./validate";

/** xgboost parameters (names as in xgboost). Defaults are xgboost's, except where noted. */
export interface XGBoostParams {
  /** "reg:squarederror" (default) or its old name "reg:linear". */
  objective?: "reg:squarederror" | "reg:linear";
  /** Learning rate, > 0 (default 0.3; paper 2 uses 0.1). */
  eta?: number;
  /** Maximum depth (default 6; 1 to 64). */
  max_depth?: number;
  /** Minimum hessian in a child (default 1). */
  min_child_weight?: number;
  /** Row subsample per tree, in (0, 1] (default 1; note ml-xgboost's own default is 0.5). */
  subsample?: number;
  /** Column subsample per tree (default 1). */
  colsample_bytree?: number;
  /** L2 regularization (default 1). */
  lambda?: number;
  /** L1 regularization (default 0). */
  alpha?: number;
  /** Minimum loss reduction to split (default 0). */
  gamma?: number;
  /** Global bias (default 0.5). */
  base_score?: number;
  /** Number of boosting rounds, 1 to 100000 (default 100). */
  nrounds?: number;
  /** Seed for subsampling (default 0). */
  seed?: number;
}

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

/** The parameter names {@link trainXGBoost} accepts. */
export const XGBOOST_PARAM_NAMES: readonly (keyof XGBoostParams)[] = [
  "objective", "eta", "max_depth", "min_child_weight", "subsample", "colsample_bytree", "lambda", "alpha", "gamma", "base_score", "nrounds", "seed",
];

const OBJECTIVES = ["reg:squarederror", "reg:linear"] as const;

const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Check the parameters and fill in the defaults (xgboost's, nrounds 100).
 *
 * @param fn - the public function
 * @param arg - the argument path
 * @param params - the parameters
 * @returns the parameters with every default filled in
 */
function resolveParams(fn: string, arg: string, params: unknown): Required<XGBoostParams> {
  checkOptions(fn, arg, params, XGBOOST_PARAM_NAMES);
  const p = (params ?? {}) as XGBoostParams;
  const num = (k: keyof XGBoostParams, d: number, bounds: Parameters<typeof checkNumber>[3]) => (p[k] === undefined ? d : checkNumber(fn, `${arg}.${k}`, p[k], bounds));
  const int = (k: keyof XGBoostParams, d: number, bounds: Parameters<typeof checkInteger>[3]) => (p[k] === undefined ? d : checkInteger(fn, `${arg}.${k}`, p[k], bounds));
  return {
    objective: p.objective === undefined ? "reg:squarederror" : checkOneOf(fn, `${arg}.objective`, p.objective, OBJECTIVES),
    eta: num("eta", 0.3, { min: 0, exclusiveMin: true }),
    max_depth: int("max_depth", 6, { min: 1, max: 64 }),
    min_child_weight: num("min_child_weight", 1, { min: 0 }),
    subsample: num("subsample", 1, { min: 0, exclusiveMin: true, max: 1 }),
    colsample_bytree: num("colsample_bytree", 1, { min: 0, exclusiveMin: true, max: 1 }),
    lambda: num("lambda", 1, { min: 0 }),
    alpha: num("alpha", 0, { min: 0 }),
    gamma: num("gamma", 0, { min: 0 }),
    base_score: num("base_score", 0.5, { min: -FLOAT32_MAX, max: FLOAT32_MAX }),
    nrounds: int("nrounds", 100, { min: 1, max: 100000 }),
    seed: int("seed", 0, { min: 0, max: 2147483647 }),
  };
}

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

/** Per-feature sorted unique float32 training values and the rank-coded matrix. */
interface RankCoding { values: Float32Array[]; coded: number[][] }

function rankCode(x: ArrayLike<number>, nRows: number, nCols: number): RankCoding {
  const values: Float32Array[] = [];
  const coded: number[][] = Array.from({ length: nRows }, () => new Array<number>(nCols).fill(0));
  for (let j = 0; j < nCols; j++) {
    const col: number[] = [];
    for (let i = 0; i < nRows; i++) {
      const v = x[i * nCols + j]!;
      if (!Number.isNaN(v)) col.push(Math.fround(v));
    }
    const uniq = Float32Array.from(new Set(col)).sort();
    values.push(uniq);
    const index = new Map<number, number>();
    uniq.forEach((v, r) => index.set(v, r));
    for (let i = 0; i < nRows; i++) {
      const v = x[i * nCols + j]!;
      coded[i]![j] = Number.isNaN(v) ? -1 : index.get(Math.fround(v))!;
    }
  }
  return { values, coded };
}

const RT_EPS = 1e-6; // xgboost's kRtEps

/*
 * Map rank-space thresholds back to the original scale. xgboost's exact splitter puts a
 * threshold halfway between the two ADJACENT VALUES PRESENT IN THE NODE (not globally
 * adjacent), so the training rows are routed through each rank-space tree to find, per
 * split, the largest rank below and the smallest rank above the threshold among the node's
 * non-missing rows. Exact when every row reaches the tree (subsample = 1, the paper's setting).
 */
function mapThresholds(m: TreeEnsemble, values: Float32Array[], coded: number[][]): void {
  const nNodes = m.left.length;
  const below = new Float64Array(nNodes).fill(-Infinity);
  const above = new Float64Array(nNodes).fill(Infinity);
  for (let t = 0; t < m.nTrees; t++) {
    for (const row of coded) {
      let node = m.treeStart[t]!;
      while (m.left[node] !== -1) {
        const r = row[m.feature[node]!]!;
        if (r < 0) {
          node = m.defaultLeft[node] === 1 ? m.left[node]! : m.right[node]!;
          continue;
        }
        const th = m.threshold[node]!;
        if (r < th) { below[node] = Math.max(below[node]!, r); node = m.left[node]!; }
        else { above[node] = Math.min(above[node]!, r); node = m.right[node]!; }
      }
    }
  }
  for (let node = 0; node < nNodes; node++) {
    if (m.left[node] === -1) continue;
    const v = values[m.feature[node]!]!;
    const lo = below[node]!, hi = above[node]!;
    let orig: number;
    if (Number.isFinite(lo) && Number.isFinite(hi)) orig = Math.fround(Math.fround(v[lo]! + v[hi]!) * 0.5);
    else if (Number.isFinite(lo)) orig = Math.fround(v[lo]! + Math.fround(Math.abs(v[lo]!) + RT_EPS)); // all present values go left
    else if (Number.isFinite(hi)) orig = Math.fround(v[hi]! - Math.fround(Math.abs(v[hi]!) + RT_EPS)); // all present values go right
    else throw new EngineError("ml-xgboost", "train", new Error(`the engine returned a split on feature ${m.feature[node]} (node ${node}) that no non-missing training row reaches`));
    m.threshold[node] = orig;
  }
}

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

function prefixRmseRows(m: TreeEnsemble, x: ArrayLike<number>, y: ArrayLike<number>): number[] {
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
 * Root-mean-square error of predictions.
 *
 * @param y - targets
 * @param p - predictions, one per target
 * @returns the RMSE
 * @throws ArgumentError when a value is not finite, the lengths differ or there is no value
 * @example
 * rmse([1, 2], [1, 4]); // 1.4142135623730951
 */
export function rmse(y: ArrayLike<number>, p: ArrayLike<number>): number {
  checkArray("rmse", "y", y, { minLength: 1 });
  checkArray("rmse", "p", p, { length: y.length, lengthOf: "the length of y" });
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i]! - p[i]!) ** 2;
  return Math.sqrt(s / y.length);
}

const OPTION_NAMES = ["validation", "earlyStoppingRounds", "featureNames"] as const;

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
  } else featureNames = Array.from({ length: nCols }, (_, j) => `f${j}`);
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
  let bestIteration = ensemble.nTrees - 1;
  if (o.earlyStoppingRounds !== undefined) {
    let best = Infinity;
    bestIteration = 0;
    for (let t = 0; t < validationRmse.length; t++) {
      if (validationRmse[t]! < best) {
        best = validationRmse[t]!;
        bestIteration = t;
      } else if (t - bestIteration >= o.earlyStoppingRounds) break;
    }
  }
  return { ensemble, featureNames, params: p, bestIteration, bestNTrees: bestIteration + 1, trainRmse, validationRmse };
}

// Targets must fit in float32 (xgboost's label type); beyond it the engine aborts or makes NaN leaves.
function checkFloat32(fn: string, arg: string, y: ArrayLike<number>): void {
  for (let i = 0; i < y.length; i++) {
    if (Math.abs(y[i]!) > FLOAT32_MAX) throw new ArgumentError({ fn, arg, at: i, value: y[i], expected: `|y| ≤ ${FLOAT32_MAX} (xgboost stores labels as float32)` }, "value beyond the float32 range");
  }
}

// True when every tree is a single leaf of value 0: nothing was learnt.
function noSplitAnywhere(m: TreeEnsemble): boolean {
  for (let t = 0; t < m.nTrees; t++) {
    const r = m.treeStart[t]!;
    if (m.left[r] !== -1 || m.value[r] !== 0) return false;
  }
  return m.nTrees > 0;
}

// Require a trained model (as trainXGBoost or xgboostModelFromJSON return it).
function checkModel(fn: string, model: unknown): XGBoostModel {
  if (model === null || typeof model !== "object" || !("ensemble" in model)) {
    throw new ArgumentError({ fn, arg: "model", value: model, expected: "an XGBoostModel (from trainXGBoost or xgboostModelFromJSON)" }, "not a model");
  }
  const m = model as XGBoostModel;
  checkEnsemble(fn, "model.ensemble", m.ensemble);
  const e = m.ensemble;
  if (!Array.isArray(m.featureNames) || m.featureNames.length !== e.nFeatures) {
    throw new ArgumentError({ fn, arg: "model.featureNames", value: m.featureNames, expected: `${e.nFeatures} names (model.ensemble.nFeatures)` }, "feature names do not match the model");
  }
  checkInteger(fn, "model.bestNTrees", m.bestNTrees, { min: Math.min(1, e.nTrees), max: e.nTrees });
  if (m.bestIteration !== m.bestNTrees - 1) throw new ArgumentError({ fn, arg: "model.bestIteration", value: m.bestIteration, expected: `model.bestNTrees − 1 = ${m.bestNTrees - 1}` }, "inconsistent best iteration");
  return m;
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

/**
 * The model as readable JSON (parameters, best iteration, feature names, curves, trees).
 *
 * @param model - a trained model
 * @returns a JSON-ready object (format "permafrost-kit/xgboost-model", version 1)
 * @throws ArgumentError for an invalid model
 * @example
 * const model = await trainXGBoost([0, 1, 2, 3], 1, [0, 0, 1, 1], { eta: 1, max_depth: 1, nrounds: 2 });
 * fs.writeFileSync("m.json", JSON.stringify(xgboostModelToJSON(model)));
 * xgboostModelToJSON(model).format; // 'permafrost-kit/xgboost-model'
 */
export function xgboostModelToJSON(model: XGBoostModel): Record<string, unknown> {
  const m = checkModel("xgboostModelToJSON", model);
  const e = m.ensemble;
  return {
    format: "permafrost-kit/xgboost-model", version: 1, params: m.params, featureNames: m.featureNames,
    bestIteration: m.bestIteration, trainRmse: m.trainRmse, validationRmse: m.validationRmse,
    ensemble: {
      nFeatures: e.nFeatures, baseScore: e.baseScore, nTrees: e.nTrees, objective: e.objective, treeStart: Array.from(e.treeStart), feature: Array.from(e.feature),
      threshold: Array.from(e.threshold), left: Array.from(e.left), right: Array.from(e.right), defaultLeft: Array.from(e.defaultLeft),
      value: Array.from(e.value), cover: Array.from(e.cover), gain: Array.from(e.gain),
    },
  };
}

const ENSEMBLE_ARRAYS = ["treeStart", "feature", "threshold", "left", "right", "defaultLeft", "value", "cover", "gain"] as const;

/**
 * Restore a model saved with {@link xgboostModelToJSON}, validating it (format tag, version,
 * parameters, feature names, best iteration, and the trees as parseXGBoostModel does).
 *
 * @param json - the saved object (or its text)
 * @param label - the file name (or a label) for messages; without it, text is labelled
 *   "xgboost model JSON" and an in-memory object is reported as an argument (`json.…`)
 * @returns the model
 * @throws DataError naming the label and the field (and node) when the text is not JSON, the
 *   format tag or version is not recognised, or a field is missing, malformed or corrupt
 *   (including duplicate feature names, and an ensemble.baseScore that is not params.base_score)
 * @throws ArgumentError for the same problems in an in-memory object given without a label
 * @example
 * const model = await trainXGBoost([0, 1, 2, 3], 1, [0, 0, 1, 1], { eta: 1, max_depth: 1, nrounds: 2 });
 * fs.writeFileSync("m.json", JSON.stringify(xgboostModelToJSON(model)));
 * const m = xgboostModelFromJSON(fs.readFileSync("m.json", "utf8"), "m.json");
 * predictXGBoost(m, [[3]]); // Float64Array [0.9444]
 */
export function xgboostModelFromJSON(json: unknown, label?: string): XGBoostModel {
  if (label !== undefined || typeof json === "string") return modelFromJSON(json, label ?? "xgboost model JSON");
  try {
    return modelFromJSON(json, "json");
  } catch (e) {
    throw e instanceof DataError ? asArgumentError("xgboostModelFromJSON", "json", e) : e;
  }
}

function modelFromJSON(json: unknown, label: string): XGBoostModel {
  const d = typeof json === "string" ? parseJsonText(json, label) : json;
  if (d === null || typeof d !== "object" || Array.isArray(d)) throw new DataError({ file: label, value: d, expected: "a JSON object" }, "not a saved model");
  const r = d as Record<string, unknown>;
  if (r["format"] !== "permafrost-kit/xgboost-model") {
    const hint = "learner" in r ? " (this is an xgboost JSON model: read it with parseXGBoostModel)" : "";
    throw new DataError({ file: label, column: "format", value: r["format"], expected: `"permafrost-kit/xgboost-model"${hint}` }, "wrong format tag");
  }
  if (r["version"] !== 1) throw new DataError({ file: label, column: "version", value: r["version"], expected: "1" }, "unsupported version");
  let params: Required<XGBoostParams>;
  try {
    params = resolveParams("xgboostModelFromJSON", "params", r["params"]);
  } catch (e) {
    if (!(e instanceof ArgumentError)) throw e;
    throw new DataError({ file: label, column: e.arg, ...(e.value === undefined ? {} : { value: e.value }), ...(e.expected === undefined ? {} : { expected: e.expected }) }, "bad parameter");
  }
  const ens = r["ensemble"];
  if (ens === null || typeof ens !== "object") throw new DataError({ file: label, column: "ensemble", value: ens, expected: "the trees" }, "missing field");
  const er = ens as Record<string, unknown>;
  const arrays: Record<string, number[]> = {};
  for (const k of ENSEMBLE_ARRAYS) {
    const a = er[k];
    if (!Array.isArray(a)) throw new DataError({ file: label, column: `ensemble.${k}`, value: a, expected: "an array of numbers" }, "missing or bad field");
    const bad = a.findIndex((v) => typeof v !== "number" || (k !== "threshold" && k !== "value" && k !== "cover" && k !== "gain" && !Number.isInteger(v)));
    if (bad >= 0) throw new DataError({ file: label, column: `ensemble.${k}[${bad}]`, value: a[bad], expected: k === "threshold" || k === "value" || k === "cover" || k === "gain" ? "a number" : "an integer" }, "bad entry");
    arrays[k] = a as number[];
  }
  const num = (k: string): number => {
    const v = er[k];
    if (typeof v !== "number") throw new DataError({ file: label, column: `ensemble.${k}`, value: v, expected: "a number" }, "missing or bad field");
    return v;
  };
  const objective = er["objective"];
  if (typeof objective !== "string") throw new DataError({ file: label, column: "ensemble.objective", value: objective, expected: "a string" }, "missing or bad field");
  const ensemble: TreeEnsemble = {
    nFeatures: num("nFeatures"), baseScore: num("baseScore"), nTrees: num("nTrees"), objective,
    treeStart: Int32Array.from(arrays["treeStart"]!), feature: Int32Array.from(arrays["feature"]!), threshold: Float32Array.from(arrays["threshold"]!),
    left: Int32Array.from(arrays["left"]!), right: Int32Array.from(arrays["right"]!), defaultLeft: Uint8Array.from(arrays["defaultLeft"]!),
    value: Float64Array.from(arrays["value"]!), cover: Float64Array.from(arrays["cover"]!), gain: Float64Array.from(arrays["gain"]!),
  };
  const lens = ENSEMBLE_ARRAYS.filter((k) => k !== "treeStart").map((k) => arrays[k]!.length);
  const badLen = lens.findIndex((n) => n !== lens[0]);
  if (badLen >= 0) throw new DataError({ file: label, column: `ensemble.${ENSEMBLE_ARRAYS[badLen + 1]}`, value: lens[badLen], expected: `${lens[0]} entries, as ensemble.feature` }, "wrong length");
  const issue = findEnsembleIssue(ensemble);
  if ("issue" in issue && issue.issue.field === "treeStart" && issue.issue.index === undefined) {
    const i = issue.issue;
    throw new DataError({ file: label, column: "ensemble.treeStart", value: arrays["treeStart"]!.length, expected: `nTrees + 1 = ${ensemble.nTrees + 1} offsets, the last = ${lens[0]} nodes` }, i.problem);
  }
  validateParsed(ensemble, label, (i) => `ensemble.${i.field}${i.index === undefined ? "" : `[${i.index}]`}`, issue);
  if (Math.fround(ensemble.baseScore) !== Math.fround(params.base_score)) {
    throw new DataError({ file: label, column: "ensemble.baseScore", value: ensemble.baseScore, expected: `params.base_score = ${params.base_score} (the trees were trained from it)` }, "base score differs from the parameters");
  }
  const names = r["featureNames"];
  if (!Array.isArray(names) || names.length !== ensemble.nFeatures || names.some((n) => typeof n !== "string")) {
    throw new DataError({ file: label, column: "featureNames", value: names, expected: `${ensemble.nFeatures} names (ensemble.nFeatures)` }, "bad feature names");
  }
  const seen = new Set<string>();
  (names as string[]).forEach((n, j) => {
    if (n === "" || seen.has(n)) throw new DataError({ file: label, column: `featureNames[${j}]`, value: n, expected: "a unique, non-empty name (as trainXGBoost requires)" }, n === "" ? "empty feature name" : "duplicate feature name");
    seen.add(n);
  });
  const bestIteration = r["bestIteration"];
  if (typeof bestIteration !== "number" || !Number.isInteger(bestIteration) || bestIteration < 0 || bestIteration >= Math.max(1, ensemble.nTrees)) {
    throw new DataError({ file: label, column: "bestIteration", value: bestIteration, expected: `an integer 0..${ensemble.nTrees - 1}` }, "bad best iteration");
  }
  const curve = (k: string): number[] => {
    const a = r[k];
    if (!Array.isArray(a) || a.some((v) => typeof v !== "number")) throw new DataError({ file: label, column: k, value: a, expected: "an array of numbers" }, "bad field");
    return a as number[];
  };
  return {
    ensemble, featureNames: names as string[], params, bestIteration, bestNTrees: bestIteration + 1,
    trainRmse: curve("trainRmse"), validationRmse: curve("validationRmse"),
  };
}
