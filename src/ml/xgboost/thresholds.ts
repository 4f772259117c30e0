/**
 * Internal to training (./train.ts): mapping the split thresholds of a tree trained on rank-coded
 * features (./rank-coding.ts) back to the original feature scale with xgboost's own rule
 * (`SplitEvaluator` / the exact splitter `ColMaker::EnumerateSplit`): (a + b)·0.5 in float32 for
 * the adjacent values a < b present in the node, and a ± (|a| + kRtEps) for the "all values one
 * side" split. With subsample = 1 (paper 2's setting) the model is then the one xgboost trains on
 * the raw data. With subsample < 1 the node's sampled rows are not known and the mapped
 * thresholds can differ (same partition of the sample, not necessarily the same threshold).
 */
import { EngineError } from "../../core/errors";
import type { TreeEnsemble } from "./model";

const RT_EPS = 1e-6; // xgboost's kRtEps

/**
 * Map rank-space thresholds back to the original scale, in place. xgboost's exact splitter puts a
 * threshold halfway between the two ADJACENT VALUES PRESENT IN THE NODE (not globally
 * adjacent), so the training rows are routed through each rank-space tree to find, per
 * split, the largest rank below and the smallest rank above the threshold among the node's
 * non-missing rows. Exact when every row reaches the tree (subsample = 1, the paper's setting).
 *
 * @param m - the ensemble trained on ranks (its thresholds are overwritten)
 * @param values - the sorted distinct float32 training values of each feature
 * @param coded - the rank-coded training rows
 * @throws EngineError when the engine returned a split that no non-missing training row reaches
 */
export function mapThresholds(m: TreeEnsemble, values: Float32Array[], coded: number[][]): void {
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
