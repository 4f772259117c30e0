/**
 * Internal to TreeSHAP (./treeshap.ts), not part of the public entry: exact path-dependent SHAP
 * values through per-leaf tables that depend only on the tree, Fast TreeSHAP v2 (Yang 2021,
 * "Fast TreeSHAP: Accelerating SHAP Value Computation for Trees", arXiv 2109.09847, §3.2).
 *
 * For a leaf with value v whose path splits on the D distinct features F (repeated splits on a
 * feature merged, as TreeSHAP's unique path does), let z_j be the product of the cover fractions
 * of the path's splits on feature j and o_j ∈ {0, 1} whether the row follows all of them. The
 * leaf adds to feature i ∈ F (Lundberg et al. 2018, Eq. 2 with TreeSHAP's path-dependent value)
 *
 *   φ_i += v (o_i − z_i) Σ_{S ⊆ F∖{i}} w(|S|) Π_{j∈S} o_j Π_{j∈F∖S∖{i}} z_j,  w(k) = k!(D−k−1)!/D!.
 *
 * Only S inside the row's pattern M = {j : o_j = 1} count. With K(P) = Σ_{S⊆P} w(|S|) Π_{j∈P∖S} z_j
 * and Z̄(M) = Π_{j∈F∖M} z_j (both tables over the 2^D patterns, built once per tree):
 *   i ∈ M:  φ_i += (1 − z_i) · Z̄(M) · v K(M∖{i});   i ∉ M:  φ_i −= Z̄(M) · v K(M).
 * No division by z (a leaf cover may be 0). Per row and tree the cost is one pass over the split
 * nodes (the pattern of every leaf) and O(D) per leaf, against O(D²) per leaf for the original
 * recursion (./treeshap-path.ts); the tables cost O(2^D · D) per leaf once.
 *
 * Interaction values (xgboost's `PredictInteractionContributions`, Lundberg et al. 2018 §4): the
 * recursion conditioned on feature c fixed on / off multiplies a leaf on c's path by o_c / z_c and
 * plays the game without c, so half their difference is, per leaf and c ∈ F, (o_c − z_c) / 2 times
 * the SHAP values above with D − 1 players (a second table of v K(P) with the weights for D − 1
 * players, built on first use) and Z̄(M ∪ {c}). Leaves without c cancel. One pass per row instead
 * of 2 (p + 1) + 1 recursions.
 *
 * A tree gets tables when its depth is at most {@link FAST_SHAP_MAX_DEPTH} and the tables of the
 * ensemble stay within {@link FAST_SHAP_TABLE_BUDGET} numbers; other trees use the original
 * recursion (for the interaction values: the whole call, when any tree lacks tables). A call with
 * few rows does not build tables it would not repay: they are built when rows × leaves × 4 × depth
 * ≥ the tree's table entries (for a full tree: from about 4 rows at depth 6, 170 at depth 12;
 * measured here, building costs about as much as the recursion over 1–10 rows), otherwise that call
 * runs the recursion for the tree. The tables are cached per ensemble object and rebuilt when the
 * content of a node array changed (compared with a copy at every call: one pass over the nodes).
 */
import type { TreeEnsemble } from "./model";
import { pathTreeContributions } from "./treeshap-path";

/** Deepest tree given per-leaf tables (2^depth patterns per leaf); deeper trees use the original recursion. */
export const FAST_SHAP_MAX_DEPTH = 12;

/** Most table entries (float64: 2 per leaf pattern, 1 more for the interaction values) cached for one ensemble: 2^23 = 64 MiB. */
export const FAST_SHAP_TABLE_BUDGET = 2 ** 23;

/** One tree flattened for the fast pass: split nodes in preorder, then leaves, with their tables. */
interface FastTree {
  /** Split nodes (preorder; slot k for k < nSplit). */
  nSplit: number;
  /** Leaves (slots nSplit .. nSplit + nLeaf − 1). */
  nLeaf: number;
  /** Split feature of each split node. */
  feature: Int32Array;
  /** Threshold (a float32 value) of each split node. */
  threshold: Float64Array;
  /** 1 when missing values go left. */
  defaultLeft: Uint8Array;
  /** Slot of the left child. */
  left: Int32Array;
  /** Slot of the right child. */
  right: Int32Array;
  /** ~(1 << bit of the split's feature in the unique path): the mask that clears it. */
  clear: Int32Array;
  /** Distinct features D of each leaf's path. */
  leafD: Int32Array;
  /** Offset of each leaf's features in `features` / `oneMinusZ`. */
  leafFeatures: Int32Array;
  /** Offset of each leaf's table in `table`. */
  leafTable: Int32Array;
  /** The leaves' path features (bit j of a pattern = the j-th). */
  features: Int32Array;
  /** 1 − z_j for each leaf's path feature. */
  oneMinusZ: Float64Array;
  /** z_j for each leaf's path feature. */
  z: Float64Array;
  /** Each leaf's value. */
  leafValue: Float64Array;
  /** For the interaction values, built on first use: per leaf, per pattern P, v K(P) for D − 1 players (offset leafTable / 2). */
  table1: Float64Array | null;
  /** Per leaf, per pattern P: [v K(P), Z̄(P)] interleaved. */
  table: Float64Array;
}

/** The cache of one ensemble: the copies its tables were built from and the trees built so far. */
interface FastCache {
  /** Copies of the node arrays the tables depend on. */
  copy: { feature: Int32Array; threshold: Float32Array; left: Int32Array; right: Int32Array; defaultLeft: Uint8Array; value: Float64Array; cover: Float64Array };
  /** Per tree: its tables, null when the tree uses the original recursion, undefined when not yet decided. */
  trees: (FastTree | null | undefined)[];
  /** Table entries used so far. */
  used: number;
  /** Per tree: the entries its tables need, 0 when not yet counted. */
  entries: Int32Array;
}

const caches = new WeakMap<TreeEnsemble, FastCache>();

/**
 * Whether the node arrays still hold what they held when the cache was made.
 *
 * @param m - the ensemble
 * @param c - its cache
 * @returns true when every array is equal entry by entry to the copy
 */
function sameContent(m: TreeEnsemble, c: FastCache): boolean {
  const k = c.copy;
  const pairs: [ArrayLike<number>, ArrayLike<number>][] = [[m.feature, k.feature], [m.threshold, k.threshold], [m.left, k.left], [m.right, k.right], [m.defaultLeft, k.defaultLeft], [m.value, k.value], [m.cover, k.cover]];
  for (const [a, b] of pairs) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  }
  return true;
}

/**
 * The ensemble's cache, new when there is none or the node arrays changed since it was made.
 *
 * @param m - a validated ensemble
 * @returns its cache
 */
function cacheOf(m: TreeEnsemble): FastCache {
  const c = caches.get(m);
  if (c !== undefined && c.trees.length === m.nTrees && sameContent(m, c)) return c;
  const copy = { feature: m.feature.slice(), threshold: m.threshold.slice(), left: m.left.slice(), right: m.right.slice(), defaultLeft: m.defaultLeft.slice(), value: m.value.slice(), cover: m.cover.slice() };
  const fresh: FastCache = { copy, trees: new Array<FastTree | null | undefined>(m.nTrees).fill(undefined), used: 0, entries: new Int32Array(m.nTrees) };
  caches.set(m, fresh);
  return fresh;
}

/**
 * The Shapley weights w(k) = k! (D − k − 1)! / D! = 1 / (D · C(D − 1, k)), k = 0..D − 1.
 *
 * @param d - the number of players D ≥ 1
 * @returns the D weights
 */
function shapleyWeights(d: number): Float64Array {
  const w = new Float64Array(d);
  let binom = 1; // C(d − 1, k)
  for (let k = 0; k < d; k++) {
    w[k] = 1 / (d * binom);
    binom = (binom * (d - 1 - k)) / (k + 1);
  }
  return w;
}

/**
 * The elementary symmetric polynomials of the cover fractions over every pattern P of a leaf's D
 * features: e[P (D + 1) + r] = e_r({z_j : j ∈ P}).
 *
 * @param e - written, at least 2^D (D + 1) numbers
 * @param z - the D cover fractions z_j
 * @param d - D
 */
function symmetricPolynomials(e: Float64Array, z: Float64Array, d: number): void {
  const n = 1 << d, d1 = d + 1;
  e.fill(0, 0, n * d1);
  e[0] = 1;
  for (let pt = 1; pt < n; pt++) {
    const h = 31 - Math.clz32(pt), q = pt ^ (1 << h), zh = z[h]!;
    const ob = pt * d1, qb = q * d1, size = bitCount(pt);
    e[ob] = 1;
    for (let r = 1; r <= size; r++) e[ob + r] = e[qb + r]! + zh * e[qb + r - 1]!;
  }
}

/**
 * Write v K(P) for every pattern P of a leaf's D features, with the Shapley weights of a game of
 * `players` players (D for the SHAP values; D − 1 for the interaction values, where one feature is
 * held fixed); patterns with as many features as players get 0 (never read).
 *
 * @param dst - the table
 * @param at - the leaf's offset in it
 * @param stride - entries per pattern (the value goes at at + stride · P)
 * @param e - the polynomials of {@link symmetricPolynomials}
 * @param d - D
 * @param players - D or D − 1
 * @param v - the leaf value
 */
function fillK(dst: Float64Array, at: number, stride: number, e: Float64Array, d: number, players: number, v: number): void {
  const w = shapleyWeights(players), d1 = d + 1;
  for (let pt = 0; pt < 1 << d; pt++) {
    const size = bitCount(pt);
    let k = 0;
    if (size < players) for (let s = 0; s <= size; s++) k += w[s]! * e[pt * d1 + size - s]!;
    dst[at + stride * pt] = v * k;
  }
}

/**
 * Fill one leaf's table: for every pattern P of its D features, v K(P) and Z̄(P) (module comment).
 *
 * @param table - the tree's table, written at `at` .. at + 2^(D+1) − 1
 * @param at - the leaf's offset
 * @param z - the D cover fractions z_j
 * @param d - D
 * @param v - the leaf value
 * @param e - scratch of at least 2^D (D + 1) numbers
 */
function fillLeafTable(table: Float64Array, at: number, z: Float64Array, d: number, v: number, e: Float64Array): void {
  const full = (1 << d) - 1;
  symmetricPolynomials(e, z, d);
  fillK(table, at, 2, e, d, d, v);
  table[at + 2 * full + 1] = 1;
  for (let pt = full - 1; pt >= 0; pt--) {
    const j = 31 - Math.clz32(~pt & (pt + 1)); // lowest bit not in pt
    table[at + 2 * pt + 1] = table[at + 2 * (pt | (1 << j)) + 1]! * z[j]!;
  }
}

/**
 * Number of set bits.
 *
 * @param v - a non-negative 31-bit integer
 * @returns its population count
 */
function bitCount(v: number): number {
  let c = 0;
  for (let u = v; u !== 0; u &= u - 1) c++;
  return c;
}

/**
 * Flatten one tree and build its leaf tables (module comment).
 *
 * @param m - a validated ensemble
 * @param t - the tree (depth ≤ FAST_SHAP_MAX_DEPTH)
 * @param leafEntries - the table entries its leaves need (Σ 2^(D+1)), from {@link tableEntries}
 * @returns the flattened tree
 */
function buildTree(m: TreeEnsemble, t: number, leafEntries: number): FastTree {
  const root = m.treeStart[t]!;
  const splits: number[] = [], leaves: number[] = [];
  const order = (u: number): void => {
    if (m.left[u] === -1) { leaves.push(u); return; }
    splits.push(u);
    order(m.left[u]!);
    order(m.right[u]!);
  };
  order(root);
  const nSplit = splits.length, nLeaf = leaves.length;
  const slot = new Map<number, number>();
  splits.forEach((u, k) => slot.set(u, k));
  leaves.forEach((u, k) => slot.set(u, nSplit + k));
  const tree: FastTree = {
    nSplit, nLeaf,
    feature: new Int32Array(nSplit), threshold: new Float64Array(nSplit), defaultLeft: new Uint8Array(nSplit),
    left: new Int32Array(nSplit), right: new Int32Array(nSplit), clear: new Int32Array(nSplit),
    leafD: new Int32Array(nLeaf), leafFeatures: new Int32Array(nLeaf), leafTable: new Int32Array(nLeaf),
    features: new Int32Array(0), oneMinusZ: new Float64Array(0), z: new Float64Array(0), leafValue: new Float64Array(nLeaf), table: new Float64Array(leafEntries), table1: null,
  };
  const feats: number[] = [], omz: number[] = [], zs: number[] = [];
  const pathF = new Int32Array(FAST_SHAP_MAX_DEPTH + 1), pathZ = new Float64Array(FAST_SHAP_MAX_DEPTH + 1);
  const zLeaf = new Float64Array(FAST_SHAP_MAX_DEPTH + 1);
  const scratch = new Float64Array((1 << FAST_SHAP_MAX_DEPTH) * (FAST_SHAP_MAX_DEPTH + 1));
  let tableAt = 0;
  const walk = (u: number, d: number): void => {
    const s = slot.get(u)!;
    if (m.left[u] === -1) {
      const l = s - nSplit;
      tree.leafD[l] = d;
      tree.leafFeatures[l] = feats.length;
      tree.leafTable[l] = tableAt;
      tree.leafValue[l] = m.value[u]!;
      for (let j = 0; j < d; j++) { feats.push(pathF[j]!); omz.push(1 - pathZ[j]!); zs.push(pathZ[j]!); zLeaf[j] = pathZ[j]!; }
      fillLeafTable(tree.table, tableAt, zLeaf, d, m.value[u]!, scratch);
      tableAt += 2 << d;
      return;
    }
    const f = m.feature[u]!;
    let bit = 0;
    while (bit < d && pathF[bit] !== f) bit++;
    const isNew = bit === d;
    tree.feature[s] = f;
    tree.threshold[s] = m.threshold[u]!;
    tree.defaultLeft[s] = m.defaultLeft[u]!;
    tree.left[s] = slot.get(m.left[u]!)!;
    tree.right[s] = slot.get(m.right[u]!)!;
    tree.clear[s] = ~(1 << bit);
    const before = isNew ? 1 : pathZ[bit]!;
    pathF[bit] = f;
    for (const c of [m.left[u]!, m.right[u]!]) {
      pathZ[bit] = (m.cover[c]! / m.cover[u]!) * before;
      walk(c, isNew ? d + 1 : d);
    }
    pathZ[bit] = before;
  };
  walk(root, 0);
  tree.features = Int32Array.from(feats);
  tree.oneMinusZ = Float64Array.from(omz);
  tree.z = Float64Array.from(zs);
  return tree;
}

/**
 * The table entries a tree's leaves need: Σ over leaves of 2 · 2^D (D = distinct features on the
 * leaf's path).
 *
 * @param m - a validated ensemble
 * @param t - the tree (depth ≤ FAST_SHAP_MAX_DEPTH)
 * @returns the entry count
 */
function tableEntries(m: TreeEnsemble, t: number): number {
  const seen: number[] = [];
  const walk = (u: number): number => {
    if (m.left[u] === -1) return 2 << seen.length;
    const f = m.feature[u]!;
    const isNew = !seen.includes(f);
    if (isNew) seen.push(f);
    const n = walk(m.left[u]!) + walk(m.right[u]!);
    if (isNew) seen.pop();
    return n;
  };
  return walk(m.treeStart[t]!);
}

/**
 * The tables of tree t: cached ones, or built now when the call has enough rows to repay them
 * (module comment); null when the tree uses the original recursion (always, when it is deeper
 * than FAST_SHAP_MAX_DEPTH or its tables would overrun the budget; in this call, when there are
 * too few rows).
 *
 * @param m - a validated ensemble
 * @param c - its cache
 * @param t - the tree
 * @param depth - the tree's depth
 * @param nRows - the rows of this call, times the recursion passes per row the tables replace
 * @returns the flattened tree, or null for the original recursion
 */
function fastTree(m: TreeEnsemble, c: FastCache, t: number, depth: number, nRows: number): FastTree | null {
  const have = c.trees[t];
  if (have !== undefined) return have;
  if (depth > FAST_SHAP_MAX_DEPTH) return (c.trees[t] = null);
  let entries = c.entries[t]!;
  if (entries === 0) entries = c.entries[t] = tableEntries(m, t);
  if (c.used + entries > FAST_SHAP_TABLE_BUDGET) return (c.trees[t] = null);
  const leaves = (m.treeStart[t + 1]! - m.treeStart[t]! + 1) / 2;
  if (nRows * leaves * 4 * Math.max(depth, 1) < entries) return null;
  const tree = buildTree(m, t, entries);
  c.used += entries;
  return (c.trees[t] = tree);
}

/**
 * One row's path through a tree as bit patterns: after the call, `mask[nSplit + l]` holds, for
 * leaf l, which of its path's features the row satisfies (bit j set = the row follows the leaf's
 * branch at its j-th distinct feature); missing values follow the default child.
 *
 * @param tr - the flattened tree
 * @param xf - row-major rows rounded to float32 (NaN = missing)
 * @param base - offset of the row in `xf`
 * @param mask - scratch of at least nSplit + nLeaf integers; receives the patterns
 */
function leafPatterns(tr: FastTree, xf: Float64Array, base: number, mask: Int32Array): void {
  const { nSplit, feature, threshold, defaultLeft, left, right, clear } = tr;
  mask[0] = -1;
  for (let k = 0; k < nSplit; k++) {
    const v = xf[base + feature[k]!]!;
    const pm = mask[k]!;
    const goLeft = v !== v ? defaultLeft[k] === 1 : v < threshold[k]!;
    if (goLeft) { mask[left[k]!] = pm; mask[right[k]!] = pm & clear[k]!; } else { mask[left[k]!] = pm & clear[k]!; mask[right[k]!] = pm; }
  }
}

/**
 * Add one tree's SHAP values (no bias) for all rows through its tables.
 *
 * @param tr - the flattened tree
 * @param xf - row-major rows rounded to float32 (NaN = missing)
 * @param nRows - row count
 * @param p - features per row
 * @param out - nRows × (p + 1), row-major; added to
 * @param mask - scratch of at least nSplit + nLeaf integers
 */
function addTree(tr: FastTree, xf: Float64Array, nRows: number, p: number, out: Float64Array, mask: Int32Array): void {
  const { nSplit, nLeaf, leafD, leafFeatures, leafTable, features, oneMinusZ, table } = tr;
  const p1 = p + 1;
  for (let i = 0; i < nRows; i++) {
    const base = i * p, o = i * p1;
    leafPatterns(tr, xf, base, mask);
    for (let l = 0; l < nLeaf; l++) {
      const d = leafD[l]!;
      if (d === 0) continue;
      const pt = mask[nSplit + l]! & ((1 << d) - 1);
      const at = leafTable[l]!, fo = leafFeatures[l]!;
      const zc = table[at + 2 * pt + 1]!;
      const off = zc * table[at + 2 * pt]!;
      for (let j = 0; j < d; j++) {
        const f = o + features[fo + j]!;
        if ((pt >> j) & 1) out[f]! += oneMinusZ[fo + j]! * zc * table[at + 2 * (pt ^ (1 << j))]!;
        else out[f]! -= off;
      }
    }
  }
}

/**
 * SHAP values of all rows through the first nTrees trees, tables where the tree allows and the
 * original recursion otherwise, plus the bias column (root means, then base_score), into `out`.
 *
 * @param m - a validated ensemble
 * @param x - row-major rows (NaN = missing)
 * @param nRows - row count
 * @param means - the node means (./treeshap-path.ts nodeMeans)
 * @param out - nRows × (nFeatures + 1), zero on entry
 * @param nTrees - the first trees to use
 * @param depths - every tree's depth
 */
export function fastContributions(m: TreeEnsemble, x: ArrayLike<number>, nRows: number, means: Float64Array, out: Float64Array, nTrees: number, depths: Int32Array): void {
  const p = m.nFeatures, p1 = p + 1;
  const cache = cacheOf(m);
  let xf: Float64Array | undefined;
  for (let t = 0; t < nTrees; t++) {
    const tr = fastTree(m, cache, t, depths[t]!, nRows);
    if (tr === null) { pathTreeContributions(m, x, nRows, t, depths[t]!, out); continue; }
    if (tr.nSplit === 0) continue;
    if (xf === undefined) { xf = new Float64Array(nRows * p); for (let k = 0; k < xf.length; k++) xf[k] = Math.fround(x[k]!); }
    addTree(tr, xf, nRows, p, out, scratchMask(tr.nSplit + tr.nLeaf));
  }
  for (let i = 0; i < nRows; i++) {
    let b = out[i * p1 + p]!;
    for (let t = 0; t < nTrees; t++) b += means[m.treeStart[t]!]!;
    out[i * p1 + p] = b + m.baseScore;
  }
}

/**
 * The interaction table of a tree (v K(P) with D − 1 players per leaf), built on first use.
 *
 * @param tr - the flattened tree
 * @returns its table1
 */
function interactionTable(tr: FastTree): Float64Array {
  if (tr.table1 !== null) return tr.table1;
  const t1 = new Float64Array(tr.table.length / 2);
  const e = new Float64Array((1 << FAST_SHAP_MAX_DEPTH) * (FAST_SHAP_MAX_DEPTH + 1));
  for (let l = 0; l < tr.nLeaf; l++) {
    const d = tr.leafD[l]!;
    if (d < 2) continue;
    const fo = tr.leafFeatures[l]!;
    symmetricPolynomials(e, tr.z.subarray(fo, fo + d), d);
    fillK(t1, tr.leafTable[l]! / 2, 1, e, d, d - 1, tr.leafValue[l]!);
  }
  return (tr.table1 = t1);
}

/**
 * Add one tree's off-diagonal interaction values for all rows through its tables: for each leaf
 * and each feature c on its path, (o_c − z_c) / 2 times the SHAP values of the other path features
 * in the game without c (D − 1 players), with Z̄ of the pattern with c set; the original gets the
 * same as half the difference of the recursion conditioned on c on (leaf value × o_c) and off
 * (× z_c).
 *
 * @param tr - the flattened tree
 * @param xf - row-major rows rounded to float32 (NaN = missing)
 * @param nRows - row count
 * @param p - features per row
 * @param out - nRows × (p + 1) × (p + 1), row-major; added to
 * @param mask - scratch of at least nSplit + nLeaf integers
 */
function addTreeInteractions(tr: FastTree, xf: Float64Array, nRows: number, p: number, out: Float64Array, mask: Int32Array): void {
  const { nSplit, nLeaf, leafD, leafFeatures, leafTable, features, oneMinusZ, z, table } = tr;
  const t1 = interactionTable(tr);
  const p1 = p + 1;
  for (let i = 0; i < nRows; i++) {
    const base = i * p, o = i * p1 * p1;
    leafPatterns(tr, xf, base, mask);
    for (let l = 0; l < nLeaf; l++) {
      const d = leafD[l]!;
      if (d < 2) continue;
      const pt = mask[nSplit + l]! & ((1 << d) - 1);
      const at = leafTable[l]!, at1 = at / 2, fo = leafFeatures[l]!;
      for (let b = 0; b < d; b++) {
        const bb = 1 << b;
        const g = (((pt >> b) & 1) - z[fo + b]!) / 2;
        const q = pt & ~bb;
        const zc = g * table[at + 2 * (pt | bb) + 1]!;
        const off = zc * t1[at1 + q]!;
        const row = o + features[fo + b]! * p1;
        for (let j = 0; j < d; j++) {
          if (j === b) continue;
          const f = row + features[fo + j]!;
          if ((q >> j) & 1) out[f]! += oneMinusZ[fo + j]! * zc * t1[at1 + (q ^ (1 << j))]!;
          else out[f]! -= off;
        }
      }
    }
  }
}

/**
 * SHAP interaction values of all rows through the first nTrees trees, when every one of them has
 * tables (returns false, writing nothing, otherwise: the caller runs the original recursion).
 * Off-diagonal entries from {@link addTreeInteractions}; the diagonal holds the SHAP value minus
 * the row's other entries, as xgboost's `PredictInteractionContributions`.
 *
 * @param m - a validated ensemble
 * @param x - row-major rows (NaN = missing)
 * @param nRows - row count
 * @param means - the node means (./treeshap-path.ts nodeMeans)
 * @param out - nRows × (p + 1) × (p + 1), zero on entry
 * @param nTrees - the first trees to use
 * @param depths - every tree's depth
 * @returns whether the tables were used
 */
export function fastInteractions(m: TreeEnsemble, x: ArrayLike<number>, nRows: number, means: Float64Array, out: Float64Array, nTrees: number, depths: Int32Array): boolean {
  const p = m.nFeatures, p1 = p + 1;
  const cache = cacheOf(m);
  const trees: FastTree[] = [];
  for (let t = 0; t < nTrees; t++) {
    const tr = fastTree(m, cache, t, depths[t]!, nRows * (2 * p1 + 1));
    if (tr === null) return false;
    trees.push(tr);
  }
  // the interaction tables (half the size of the SHAP tables) count against the same budget
  let extra = 0;
  for (const tr of trees) if (tr.table1 === null) extra += tr.table.length / 2;
  if (cache.used + extra > FAST_SHAP_TABLE_BUDGET) return false;
  cache.used += extra;
  const diag = new Float64Array(nRows * p1);
  fastContributions(m, x, nRows, means, diag, nTrees, depths);
  const xf = new Float64Array(nRows * p);
  for (let k = 0; k < xf.length; k++) xf[k] = Math.fround(x[k]!);
  for (const tr of trees) if (tr.nSplit > 0) addTreeInteractions(tr, xf, nRows, p, out, scratchMask(tr.nSplit + tr.nLeaf));
  for (let r = 0; r < nRows; r++) {
    for (let i = 0; i < p1; i++) {
      const o = r * p1 * p1 + i * p1;
      let s = diag[r * p1 + i]!;
      for (let k = 0; k < p1; k++) if (k !== i) s -= out[o + k]!;
      out[o + i] = s;
    }
  }
  return true;
}

let maskScratch = new Int32Array(0);

/**
 * A module-level scratch of at least n integers (grown when needed).
 *
 * @param n - the length needed
 * @returns the scratch
 */
function scratchMask(n: number): Int32Array {
  if (maskScratch.length < n) maskScratch = new Int32Array(n);
  return maskScratch;
}

/**
 * How many trees of an ensemble have cached tables (for the tests: the fast path was taken).
 *
 * @param m - an ensemble
 * @returns the count, 0 when nothing is cached
 */
export function treesWithTables(m: TreeEnsemble): number {
  const c = caches.get(m);
  return c === undefined ? 0 : c.trees.filter((t) => t !== undefined && t !== null).length;
}
