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
 */
import { DataError } from "../../core/errors";
import { loadEngine } from "./engine";
import { leafIndex, parseLegacyBinary, predictEnsemble, type TreeEnsemble } from "./model";

/** xgboost parameters (names as in xgboost). Defaults are xgboost's, except where noted. */
export interface XGBoostParams {
  /** "reg:squarederror" (default) or its old name "reg:linear". */
  objective?: "reg:squarederror" | "reg:linear";
  /** Learning rate (default 0.3; paper 2 uses 0.1). */
  eta?: number;
  /** Maximum depth (default 6). */
  max_depth?: number;
  /** Minimum hessian in a child (default 1). */
  min_child_weight?: number;
  /** Row subsample per tree (default 1; note ml-xgboost's own default is 0.5). */
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
  /** Number of boosting rounds (default 100). */
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

// Resolve parameter defaults (xgboost's, nrounds 100).
function withDefaults(p: XGBoostParams): Required<XGBoostParams> {
  return {
    objective: p.objective ?? "reg:squarederror", eta: p.eta ?? 0.3, max_depth: p.max_depth ?? 6, min_child_weight: p.min_child_weight ?? 1,
    subsample: p.subsample ?? 1, colsample_bytree: p.colsample_bytree ?? 1, lambda: p.lambda ?? 1, alpha: p.alpha ?? 0, gamma: p.gamma ?? 0,
    base_score: p.base_score ?? 0.5, nrounds: p.nrounds ?? 100, seed: p.seed ?? 0,
  };
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
    else throw new Error(`trainXGBoost: split on feature ${m.feature[node]} reached by no non-missing training row`);
    m.threshold[node] = orig;
  }
}

/**
 * RMSE of every tree prefix (trees 1..t for t = 1..nTrees) in one pass over the trees: each
 * row's float32 leaf sum is carried forward, so prefix t's prediction equals
 * predictEnsemble(m, x, t) exactly, at the cost of one tree traversal per tree and row.
 *
 * @param m - the ensemble
 * @param x - row-major features (NaN = missing)
 * @param y - targets
 * @returns nTrees RMSE values
 */
export function prefixRmse(m: TreeEnsemble, x: ArrayLike<number>, y: ArrayLike<number>): number[] {
  const n = y.length;
  const sums = new Float64Array(n);
  const base = Math.fround(m.baseScore);
  const out: number[] = [];
  for (let t = 0; t < m.nTrees; t++) {
    let ss = 0;
    for (let i = 0; i < n; i++) {
      sums[i] = Math.fround(sums[i]! + m.value[leafIndex(m, t, x, i)]!);
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
 * @param p - predictions
 */
export function rmse(y: ArrayLike<number>, p: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i]! - p[i]!) ** 2;
  return Math.sqrt(s / y.length);
}

/**
 * Train a regression model with ml-xgboost (see the module comment for how its defects are
 * worked around).
 *
 * @param x - row-major features, nRows × nCols (NaN = missing; ±Infinity is an error)
 * @param nCols - number of features
 * @param y - targets (finite)
 * @param params - xgboost parameters
 * @param options - validation set, early stopping patience, feature names
 * @throws DataError for non-finite targets, infinite features or mismatched sizes
 */
export async function trainXGBoost(x: ArrayLike<number>, nCols: number, y: ArrayLike<number>, params: XGBoostParams = {}, options: TrainOptions = {}): Promise<XGBoostModel> {
  const p = withDefaults(params);
  const nRows = y.length;
  if (x.length !== nRows * nCols) throw new DataError({ file: "trainXGBoost" }, `x has ${x.length} values, expected ${nRows} rows × ${nCols} columns`);
  for (let i = 0; i < nRows; i++) if (!Number.isFinite(y[i])) throw new DataError({ file: `trainXGBoost row ${i}`, column: "y" }, `target ${y[i]}`);
  for (let k = 0; k < x.length; k++) {
    const v = x[k]!;
    if (v === Infinity || v === -Infinity) throw new DataError({ file: `trainXGBoost row ${Math.floor(k / nCols)}`, column: options.featureNames?.[k % nCols] ?? `f${k % nCols}` }, `value ${v}`);
  }
  if (options.earlyStoppingRounds !== undefined && options.validation === undefined) throw new Error("trainXGBoost: earlyStoppingRounds needs a validation set");
  const featureNames = options.featureNames !== undefined ? [...options.featureNames] : Array.from({ length: nCols }, (_, j) => `f${j}`);
  const { values, coded } = rankCode(x, nRows, nCols);
  const Engine = await loadEngine();
  const engine = new Engine({
    booster: "gbtree", objective: "reg:linear", eta: p.eta, max_depth: p.max_depth, min_child_weight: p.min_child_weight, subsample: p.subsample,
    colsample_bytree: p.colsample_bytree, lambda: p.lambda, alpha: p.alpha, gamma: p.gamma, base_score: p.base_score, seed: p.seed,
    tree_method: "exact", silent: 1, iterations: p.nrounds,
  });
  let ensemble: TreeEnsemble;
  try {
    engine.train(coded, Array.from(y));
    ensemble = parseLegacyBinary(Uint8Array.from(engine.toJSON().model, (b) => b & 0xff));
  } finally {
    engine.free();
  }
  mapThresholds(ensemble, values, coded);
  const trainRmse = prefixRmse(ensemble, x, y);
  const validationRmse = options.validation !== undefined ? prefixRmse(ensemble, options.validation.x, options.validation.y) : [];
  let bestIteration = ensemble.nTrees - 1;
  if (options.earlyStoppingRounds !== undefined) {
    let best = Infinity;
    bestIteration = 0;
    for (let t = 0; t < validationRmse.length; t++) {
      if (validationRmse[t]! < best) {
        best = validationRmse[t]!;
        bestIteration = t;
      } else if (t - bestIteration >= options.earlyStoppingRounds) break;
    }
  }
  return { ensemble, featureNames, params: p, bestIteration, bestNTrees: bestIteration + 1, trainRmse, validationRmse };
}

/**
 * Predict with a trained model, using its best iteration (as R xgboost does after early
 * stopping).
 *
 * @param model - a trained model
 * @param x - row-major features (NaN = missing)
 */
export function predictXGBoost(model: XGBoostModel, x: ArrayLike<number>): Float64Array {
  return predictEnsemble(model.ensemble, x, model.bestNTrees);
}

/**
 * The model as readable JSON (parameters, best iteration, feature names, curves, trees).
 *
 * @param model - a trained model
 */
export function xgboostModelToJSON(model: XGBoostModel): Record<string, unknown> {
  const e = model.ensemble;
  return {
    format: "permafrost-kit/xgboost-model", version: 1, params: model.params, featureNames: model.featureNames,
    bestIteration: model.bestIteration, trainRmse: model.trainRmse, validationRmse: model.validationRmse,
    ensemble: {
      nFeatures: e.nFeatures, baseScore: e.baseScore, nTrees: e.nTrees, objective: e.objective, treeStart: Array.from(e.treeStart), feature: Array.from(e.feature),
      threshold: Array.from(e.threshold), left: Array.from(e.left), right: Array.from(e.right), defaultLeft: Array.from(e.defaultLeft),
      value: Array.from(e.value), cover: Array.from(e.cover), gain: Array.from(e.gain),
    },
  };
}

/**
 * Restore a model saved with {@link xgboostModelToJSON}.
 *
 * @param json - the saved object (or its text)
 * @throws Error when the format tag is not recognised
 */
export function xgboostModelFromJSON(json: unknown): XGBoostModel {
  const d = (typeof json === "string" ? JSON.parse(json) : json) as ReturnType<typeof xgboostModelToJSON> & { ensemble: Record<string, number[] | number | string> };
  if (d["format"] !== "permafrost-kit/xgboost-model") throw new Error("xgboostModelFromJSON: not a permafrost-kit model");
  const e = d.ensemble;
  const ensemble: TreeEnsemble = {
    nFeatures: e["nFeatures"] as number, baseScore: e["baseScore"] as number, nTrees: e["nTrees"] as number, objective: e["objective"] as string,
    treeStart: Int32Array.from(e["treeStart"] as number[]), feature: Int32Array.from(e["feature"] as number[]), threshold: Float32Array.from(e["threshold"] as number[]),
    left: Int32Array.from(e["left"] as number[]), right: Int32Array.from(e["right"] as number[]), defaultLeft: Uint8Array.from(e["defaultLeft"] as number[]),
    value: Float64Array.from(e["value"] as number[]), cover: Float64Array.from(e["cover"] as number[]), gain: Float64Array.from(e["gain"] as number[]),
  };
  const bestIteration = d["bestIteration"] as number;
  return {
    ensemble, featureNames: d["featureNames"] as string[], params: d["params"] as Required<XGBoostParams>, bestIteration, bestNTrees: bestIteration + 1,
    trainRmse: d["trainRmse"] as number[], validationRmse: d["validationRmse"] as number[],
  };
}
