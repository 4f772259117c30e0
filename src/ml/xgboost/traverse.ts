/**
 * Internal to prediction and early stopping (./predict.ts, ./early-stopping.ts), not part of the
 * public entry: the unchecked hot loops that walk a validated ensemble with xgboost's float32
 * semantics (`RegTree::GetLeafIndex` and the CPU predictor): a feature value is rounded to float32,
 * a row goes left when x < threshold, a missing value (NaN) goes to the node's default child, and
 * the margin Σ leaf values is accumulated in float32 from 0 before base_score is added. The
 * checked public entries are leafIndex and predictEnsemble (./predict.ts). The forest's walker
 * (../forest/predict-trees.ts) differs on purpose (float64 compare, adjacent children, `naRight`);
 * its module comment says why the two are kept apart.
 */
import type { TreeEnsemble } from "./model";

/**
 * {@link leafIndex} without checks, for the validated hot loops of the xgboost modules.
 *
 * @param m - a validated ensemble
 * @param tree - tree number
 * @param x - row-major features
 * @param row - the row
 * @returns the global index of the leaf
 */
export function leafOf(m: TreeEnsemble, tree: number, x: ArrayLike<number>, row: number): number {
  let node = m.treeStart[tree]!;
  const base = row * m.nFeatures;
  while (m.left[node] !== -1) {
    const v = x[base + m.feature[node]!]!;
    node = Number.isNaN(v) ? (m.defaultLeft[node] === 1 ? m.left[node]! : m.right[node]!) : Math.fround(v) < m.threshold[node]! ? m.left[node]! : m.right[node]!;
  }
  return node;
}

/**
 * Prediction without checks (a validated ensemble and rows).
 *
 * @param m - a validated ensemble
 * @param x - row-major rows
 * @param n - row count
 * @param nTrees - trees to use
 * @returns one margin per row
 */
export function predictRows(m: TreeEnsemble, x: ArrayLike<number>, n: number, nTrees: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < nTrees; t++) s = Math.fround(s + m.value[leafOf(m, t, x, i)]!);
    out[i] = Math.fround(s + Math.fround(m.baseScore));
  }
  return out;
}
