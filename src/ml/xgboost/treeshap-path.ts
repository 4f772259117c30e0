/**
 * Internal to TreeSHAP (./treeshap.ts), not part of the public entry: the original exact
 * path-dependent TreeSHAP recursion (Lundberg, Erion & Lee 2018, "Consistent individualized
 * feature attribution for tree ensembles", arXiv 1802.03888, Algorithm 2), a port of xgboost's
 * `treeshap.cc` (`ExtendPath`, `UnwindPath`, `UnwoundPathSum`, `TreeShap`) with its conditioning
 * on one feature (`condition` = ±1) used for the interaction values. Cost per row and tree
 * O(L · D²) for L leaves and depth D. The unconditioned contributions normally go through
 * the precomputed tables of ./treeshap-fast.ts; this recursion serves trees too deep or too large
 * for them, the interaction values, and the tests as the reference the fast path must equal.
 */
import type { TreeEnsemble } from "./model";

// The unique path is stored as parallel arrays in a per-call pool (allocation-free recursion).
interface Path { feature: Int32Array; zero: Float64Array; one: Float64Array; pweight: Float64Array }

function newPath(size: number): Path {
  return { feature: new Int32Array(size), zero: new Float64Array(size), one: new Float64Array(size), pweight: new Float64Array(size) };
}

function extendPath(p: Path, o: number, depth: number, zero: number, one: number, feature: number): void {
  p.feature[o + depth] = feature;
  p.zero[o + depth] = zero;
  p.one[o + depth] = one;
  p.pweight[o + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    p.pweight[o + i + 1]! += (one * p.pweight[o + i]! * (i + 1)) / (depth + 1);
    p.pweight[o + i] = (zero * p.pweight[o + i]! * (depth - i)) / (depth + 1);
  }
}

function unwindPath(p: Path, o: number, depth: number, index: number): void {
  const one = p.one[o + index]!, zero = p.zero[o + index]!;
  let next = p.pweight[o + depth]!;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = p.pweight[o + i]!;
      p.pweight[o + i] = (next * (depth + 1)) / ((i + 1) * one);
      next = tmp - (p.pweight[o + i]! * zero * (depth - i)) / (depth + 1);
    } else {
      p.pweight[o + i] = (p.pweight[o + i]! * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) {
    p.feature[o + i] = p.feature[o + i + 1]!;
    p.zero[o + i] = p.zero[o + i + 1]!;
    p.one[o + i] = p.one[o + i + 1]!;
  }
}

function unwoundPathSum(p: Path, o: number, depth: number, index: number): number {
  const one = p.one[o + index]!, zero = p.zero[o + index]!;
  let next = p.pweight[o + depth]!;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = (next * (depth + 1)) / ((i + 1) * one);
      total += tmp;
      next = p.pweight[o + i]! - tmp * zero * ((depth - i) / (depth + 1));
    } else if (zero !== 0) {
      total += p.pweight[o + i]! / zero / ((depth - i) / (depth + 1));
    }
  }
  return total;
}

interface Ctx { m: TreeEnsemble; x: ArrayLike<number>; base: number; phi: Float64Array; phiOff: number; path: Path; condition: number; conditionFeature: number }

function recurse(c: Ctx, node: number, depth: number, parentOffset: number, offset: number, parentZero: number, parentOne: number, parentFeature: number, conditionFraction: number): void {
  if (conditionFraction === 0) return;
  const p = c.path;
  // copy the parent's path (depth + 1 elements, as treeshap.cc) into this level's slot
  for (let i = 0; i <= depth; i++) {
    p.feature[offset + i] = p.feature[parentOffset + i]!;
    p.zero[offset + i] = p.zero[parentOffset + i]!;
    p.one[offset + i] = p.one[parentOffset + i]!;
    p.pweight[offset + i] = p.pweight[parentOffset + i]!;
  }
  if (c.condition === 0 || c.conditionFeature !== parentFeature) extendPath(p, offset, depth, parentZero, parentOne, parentFeature);
  const m = c.m;
  if (m.left[node] === -1) {
    for (let i = 1; i <= depth; i++) {
      const w = unwoundPathSum(p, offset, depth, i);
      c.phi[c.phiOff + p.feature[offset + i]!]! += w * (p.one[offset + i]! - p.zero[offset + i]!) * m.value[node]! * conditionFraction;
    }
    return;
  }
  const split = m.feature[node]!;
  const v = c.x[c.base + split]!;
  const goLeft = Number.isNaN(v) ? m.defaultLeft[node] === 1 : Math.fround(v) < m.threshold[node]!;
  const hot = goLeft ? m.left[node]! : m.right[node]!;
  const cold = goLeft ? m.right[node]! : m.left[node]!;
  const w = m.cover[node]!;
  const hotZero = m.cover[hot]! / w;
  const coldZero = m.cover[cold]! / w;
  let incomingZero = 1, incomingOne = 1;
  let pathIndex = 0;
  for (; pathIndex <= depth; pathIndex++) if (p.feature[offset + pathIndex] === split) break;
  if (pathIndex !== depth + 1) {
    incomingZero = p.zero[offset + pathIndex]!;
    incomingOne = p.one[offset + pathIndex]!;
    unwindPath(p, offset, depth, pathIndex);
    depth -= 1;
  }
  let hotCond = conditionFraction, coldCond = conditionFraction;
  if (c.condition > 0 && split === c.conditionFeature) {
    coldCond = 0;
    depth -= 1;
  } else if (c.condition < 0 && split === c.conditionFeature) {
    hotCond *= hotZero;
    coldCond *= coldZero;
    depth -= 1;
  }
  const next = offset + depth + 2;
  recurse(c, hot, depth + 1, offset, next, hotZero * incomingZero, incomingOne, split, hotCond);
  recurse(c, cold, depth + 1, offset, next, coldZero * incomingZero, 0, split, coldCond);
}

/**
 * The cover-weighted mean leaf value below every node (the expected value of a subtree; at a root,
 * the tree's contribution to the bias column).
 *
 * @param m - a validated ensemble
 * @returns one mean per (global) node, in leaf-value units
 */
export function nodeMeans(m: TreeEnsemble): Float64Array {
  const mean = new Float64Array(m.left.length);
  const fill = (node: number): number => {
    if (m.left[node] === -1) return (mean[node] = m.value[node]!);
    const l = m.left[node]!, r = m.right[node]!;
    return (mean[node] = (fill(l) * m.cover[l]! + fill(r) * m.cover[r]!) / m.cover[node]!);
  };
  for (let t = 0; t < m.nTrees; t++) fill(m.treeStart[t]!);
  return mean;
}

/**
 * The original algorithm for all rows: adds each row's SHAP values (and, unconditioned, the bias:
 * the root means and base_score) into `out`.
 *
 * @param m - a validated ensemble
 * @param x - row-major rows (NaN = missing)
 * @param nRows - row count
 * @param condition - 0 for plain SHAP values; +1 / −1 to condition on `conditionFeature` fixed on / off
 * @param conditionFeature - the conditioning feature (ignored when condition is 0)
 * @param means - {@link nodeMeans} of m
 * @param out - nRows × (nFeatures + 1), row-major, bias last; added to
 * @param nTrees - the first trees to use
 * @param depthMax - the deepest of those trees (sizes the path pool)
 */
export function contributions(m: TreeEnsemble, x: ArrayLike<number>, nRows: number, condition: number, conditionFeature: number, means: Float64Array, out: Float64Array, nTrees: number, depthMax: number): void {
  const p1 = m.nFeatures + 1;
  const size = ((depthMax + 2) * (depthMax + 3)) / 2 + depthMax + 8;
  const path = newPath(size * 2);
  for (let i = 0; i < nRows; i++) {
    const ctx: Ctx = { m, x, base: i * m.nFeatures, phi: out, phiOff: i * p1, path, condition, conditionFeature };
    for (let t = 0; t < nTrees; t++) {
      const root = m.treeStart[t]!;
      if (condition === 0) out[i * p1 + m.nFeatures]! += means[root]!;
      recurse(ctx, root, 0, 0, 0, 1, 1, -1, 1);
    }
    out[i * p1 + m.nFeatures]! += m.baseScore;
  }
}


/**
 * The original algorithm for one tree and all rows, unconditioned and without the bias: adds each
 * row's SHAP values from tree `t` into `out` (the fallback of ./treeshap-fast.ts for trees too deep
 * for its tables).
 *
 * @param m - a validated ensemble
 * @param x - row-major rows (NaN = missing)
 * @param nRows - row count
 * @param t - the tree
 * @param depth - the tree's depth (sizes the path pool)
 * @param out - nRows × (nFeatures + 1), row-major, bias last; added to
 */
export function pathTreeContributions(m: TreeEnsemble, x: ArrayLike<number>, nRows: number, t: number, depth: number, out: Float64Array): void {
  const p1 = m.nFeatures + 1;
  const size = ((depth + 2) * (depth + 3)) / 2 + depth + 8;
  const path = newPath(size * 2);
  const root = m.treeStart[t]!;
  const ctx: Ctx = { m, x, base: 0, phi: out, phiOff: 0, path, condition: 0, conditionFeature: 0 };
  for (let i = 0; i < nRows; i++) {
    ctx.base = i * m.nFeatures;
    ctx.phiOff = i * p1;
    recurse(ctx, root, 0, 0, 0, 1, 1, -1, 1);
  }
}

/**
 * The original interaction values (xgboost's `PredictInteractionContributions`): for each feature
 * i (and the bias), the recursion conditioned on i off and on; off-diagonal entries are half the
 * difference, the diagonal the SHAP value minus the row's other entries. 2 (p + 1) + 1 passes of
 * {@link contributions}.
 *
 * @param m - a validated ensemble
 * @param x - row-major rows (NaN = missing)
 * @param n - row count
 * @param means - {@link nodeMeans} of m
 * @param out - n × (p + 1) × (p + 1), row-major; written
 * @param nTrees - the first trees to use
 * @param depthMax - the deepest of those trees
 */
export function pathInteractions(m: TreeEnsemble, x: ArrayLike<number>, n: number, means: Float64Array, out: Float64Array, nTrees: number, depthMax: number): void {
  const p1 = m.nFeatures + 1;
  const diag = new Float64Array(n * p1);
  contributions(m, x, n, 0, 0, means, diag, nTrees, depthMax);
  const on = new Float64Array(n * p1), off = new Float64Array(n * p1);
  for (let i = 0; i < p1; i++) {
    on.fill(0); off.fill(0);
    contributions(m, x, n, -1, i, means, off, nTrees, depthMax);
    contributions(m, x, n, 1, i, means, on, nTrees, depthMax);
    for (let r = 0; r < n; r++) {
      const o = r * p1 * p1 + i * p1;
      const c = r * p1;
      out[o + i] = 0;
      for (let j = 0; j < p1; j++) {
        if (j === i) out[o + i]! += diag[c + j]!;
        else {
          out[o + j] = (on[c + j]! - off[c + j]!) / 2;
          out[o + i]! -= out[o + j]!;
        }
      }
    }
  }
}
