/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2): the values of
 * xgboost's `treeshap.cc` / `RegTree::CalculateContributions` and of its interaction values
 * (`PredictInteractionContributions`), computed through per-leaf tables that depend only on the
 * tree (Fast TreeSHAP v2, Yang 2021, arXiv 2109.09847; ./treeshap-fast.ts, built once per
 * ensemble and cached), with the port of xgboost's recursion (./treeshap-path.ts) for trees too
 * deep for the tables and calls with too few rows to repay them. Both equal to 1e-7 (tests). Paper 2 computes SHAP values with R xgboost's
 * `predict(..., predcontrib = TRUE)` on the training rows (Methods, Eq. 5); global importance is
 * mean |SHAP| (Eq. 6) and direction is mean signed SHAP (Eq. 7).
 *
 * Output layout as xgboost: n × (p + 1) contributions with the bias (expected value plus
 * base_score) in the last column; each row sums to the model's margin. Missing values (NaN)
 * follow the default child, as in prediction.
 *
 * Every entry checks the ensemble (validated once per object: no cycle, children and features in
 * range), the rows (width, no ±Infinity) and the tree count, and refuses trees deeper than
 * {@link MAX_SHAP_DEPTH} with an ArgumentError.
 */
import { ArgumentError } from "../../core/errors";
import { checkArray } from "../../core/checks";
import type { TreeEnsemble } from "./model";
import { checkEnsemble, MAX_SHAP_DEPTH, readRows, treeCount, type FeatureRows, type Rows } from "./validate";
import { nodeMeans, pathInteractions } from "./treeshap-path";
import { fastContributions, fastInteractions } from "./treeshap-fast";

export { MAX_SHAP_DEPTH } from "./validate";

interface ShapInput { rows: Rows; nTrees: number; depthMax: number; depths: Int32Array }

function shapInput(fn: string, m: TreeEnsemble, x: unknown, nTrees: number | undefined): ShapInput {
  const depths = checkEnsemble(fn, "m", m);
  const k = treeCount(fn, m, nTrees);
  let depthMax = 0;
  for (let t = 0; t < k; t++) depthMax = Math.max(depthMax, depths[t]!);
  if (depthMax > MAX_SHAP_DEPTH) {
    const t = depths.indexOf(depthMax);
    throw new ArgumentError({ fn, arg: "m", at: `tree ${t}`, value: depthMax, expected: `a depth ≤ ${MAX_SHAP_DEPTH}` }, "tree too deep for TreeSHAP");
  }
  return { rows: readRows(fn, "x", x, m.nFeatures), nTrees: k, depthMax, depths };
}

/**
 * SHAP contributions of every feature for every row (xgboost `pred_contribs`): exact
 * path-dependent TreeSHAP (Lundberg et al. 2018, Algorithm 2) through Fast TreeSHAP v2 tables
 * (Yang 2021); contributions in the units of the model's margin.
 *
 * @param m - the ensemble
 * @param x - the rows: flat row-major (consecutive rows of nFeatures values), an array of rows, or a
 *   Matrix (NaN = missing); only the last two state their width (see predictEnsemble)
 * @param nTrees - use only the first nTrees trees (default all; e.g. the best iteration)
 * @returns nRows × (nFeatures + 1), row-major, bias last; rows sum to the margin
 * @throws ArgumentError for an invalid ensemble, rows of the wrong width or length, ±Infinity in x,
 *   nTrees out of 1..m.nTrees, or a tree deeper than MAX_SHAP_DEPTH
 * @example
 * const model = await trainXGBoost([0, 1, 2, 3], 1, [0, 0, 1, 1], { eta: 1, max_depth: 1, nrounds: 2 });
 * treeShap(model.ensemble, [[0], [3]], model.bestNTrees); // Float64Array [-0.4444, 0.5, 0.4444, 0.5] (feature, bias; per row)
 */
export function treeShap(m: TreeEnsemble, x: FeatureRows, nTrees?: number): Float64Array {
  const s = shapInput("treeShap", m, x, nTrees);
  const n = s.rows.nRows;
  const out = new Float64Array(n * (m.nFeatures + 1));
  fastContributions(m, s.rows.data, n, nodeMeans(m), out, s.nTrees, s.depths);
  return out;
}

/**
 * SHAP interaction values (xgboost `pred_interactions`): for each row a (p + 1) × (p + 1)
 * matrix whose off-diagonal entries are half the difference between the contributions with
 * feature i fixed on and off, and whose diagonal holds the remaining main effect; each row of
 * the matrix sums to the row's SHAP value, and the whole matrix to the margin (Lundberg et al.
 * 2018, §4; computed through the Fast TreeSHAP v2 tables, module comment); in margin units.
 *
 * @param m - the ensemble
 * @param x - the rows, as for {@link treeShap} (NaN = missing)
 * @param nTrees - use only the first nTrees trees (default all)
 * @returns nRows × (p + 1) × (p + 1), row-major
 * @throws ArgumentError as {@link treeShap}
 * @example
 * const model = await trainXGBoost([0, 1, 2, 3], 1, [0, 0, 1, 1], { eta: 1, max_depth: 1, nrounds: 2 });
 * treeShapInteractions(model.ensemble, [[3]]); // Float64Array [0.4444, 0, 0, 0.5] (2 × 2: feature, bias)
 */
export function treeShapInteractions(m: TreeEnsemble, x: FeatureRows, nTrees?: number): Float64Array {
  const s = shapInput("treeShapInteractions", m, x, nTrees);
  const n = s.rows.nRows;
  const xs = s.rows.data;
  const k = s.nTrees, dm = s.depthMax;
  const p1 = m.nFeatures + 1;
  const means = nodeMeans(m);
  const fast = new Float64Array(n * p1 * p1);
  if (fastInteractions(m, xs, n, means, fast, k, s.depths)) return fast;
  pathInteractions(m, xs, n, means, fast, k, dm);
  return fast;
}

/** Global SHAP summary of one feature (paper 2, Eqs 6–7). */
export interface ShapFeatureSummary {
  /** Feature name. */
  feature: string;
  /** Mean |SHAP| over rows (Eq. 6), in model output units. */
  meanAbs: number;
  /** Mean signed SHAP over rows (Eq. 7). */
  meanSigned: number;
  /** Rank by mean |SHAP| (1 = most important). */
  rank: number;
}

/**
 * Mean |SHAP| and mean signed SHAP per feature, ranked by importance.
 *
 * @param contribs - output of {@link treeShap} (n × (p + 1), bias last), at least one row
 * @param featureNames - the p feature names (unique, non-empty)
 * @returns one summary per feature, most important first
 * @throws ArgumentError when a name is missing or repeated, a contribution is not finite, or the
 *   length is not a whole number of rows of p + 1 values
 * @example
 * shapSummary([1, -3, 0.5, 3, 2, 0.5], ["a", "b"])[0].feature; // 'b'
 */
export function shapSummary(contribs: ArrayLike<number>, featureNames: readonly string[]): ShapFeatureSummary[] {
  const fn = "shapSummary";
  const namesArg: unknown = featureNames;
  if (!Array.isArray(namesArg) || featureNames.length === 0) {
    throw new ArgumentError({ fn, arg: "featureNames", value: featureNames, expected: "an array of at least one feature name" }, "no feature names");
  }
  const seen = new Set<string>();
  featureNames.forEach((name: unknown, j) => {
    if (typeof name !== "string" || name === "" || seen.has(name)) throw new ArgumentError({ fn, arg: "featureNames", at: j, value: name, expected: "a unique, non-empty name" }, "bad feature name");
    seen.add(name);
  });
  const p1 = featureNames.length + 1;
  checkArray(fn, "contribs", contribs, { minLength: p1 });
  if (contribs.length % p1 !== 0) {
    throw new ArgumentError({ fn, arg: "contribs", value: contribs.length, expected: `a multiple of ${p1} (${featureNames.length} features + bias per row)` }, "length is not rows × (features + 1)");
  }
  const n = contribs.length / p1;
  const rows = featureNames.map((feature, j) => {
    let a = 0, s = 0;
    for (let i = 0; i < n; i++) { const v = contribs[i * p1 + j]!; a += Math.abs(v); s += v; }
    return { feature, meanAbs: a / n, meanSigned: s / n, rank: 0 };
  });
  [...rows].sort((u, v) => v.meanAbs - u.meanAbs).forEach((r, k) => { r.rank = k + 1; });
  return rows.sort((u, v) => u.rank - v.rank);
}
