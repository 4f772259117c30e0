/**
 * Compiled prediction: every tree of a forest lives in the same flat typed arrays
 * ({@link TreeArrays}), and rows are scored in blocks of {@link PREDICT_BLOCK} so that one tree's
 * nodes stay in cache while it routes a whole block. Used for new data, OOB scoring and the
 * annual maps of paper 1 §2.4.1.
 *
 * Why the kit has two leaf walkers (this {@link leafOf} and the xgboost one in
 * ../xgboost/traverse.ts): they follow two engines' rules and two layouts, and sharing one would
 * change one engine's results. Here (h2o DRF) a value is compared in float64, a row goes left when
 * x < threshold and right when x ≥ threshold, a missing value follows the node's `naRight` flag,
 * and the two children are adjacent (`child`, `child + 1`). XGBoost rounds the value to float32
 * first, stores `left`/`right` separately and sends a missing value to the default-left child, as
 * xgboost's `RegTree::GetLeafIndex` does (its results must be bit-identical to xgboost's).
 */
import { ArgumentError } from "../../core/errors";
import { type TreeArrays } from "./tree-store";
import { type CodedTrees, addCodedLeafValues, codeRows, compileCodedTrees } from "./coded-trees";

/** Rows scored together per tree. */
export const PREDICT_BLOCK = 1024;

/**
 * Fewest rows per node of the forest for which {@link predictTrees} recompiles the trees for the
 * coded walk when the caller passes no compiled trees: below this, compiling (a sort of every
 * threshold) costs more than it saves. {@link Forest} compiles once and keeps the result.
 */
export const CODED_MIN_ROWS_PER_NODE = 1 / 8;

/**
 * Whether predicting `nRows` rows with trees of `nNodes` nodes is worth compiling the coded walk.
 *
 * @param nRows - rows to predict
 * @param nNodes - nodes of all the trees
 * @returns true when the rows are at least {@link CODED_MIN_ROWS_PER_NODE} per node
 * @example
 * worthCoding(1_000_000, 100_000); // true
 * worthCoding(100, 100_000); // false
 */
export function worthCoding(nRows: number, nNodes: number): boolean {
  return nRows >= CODED_MIN_ROWS_PER_NODE * nNodes;
}

/**
 * The leaf of one tree reached by row `row` of a row-major matrix.
 *
 * @param t - tree arrays
 * @param root - the tree's root node
 * @param x - row-major values
 * @param base - offset of the row in `x` (row · nCols)
 * @returns the leaf node index
 *
 * Unchecked (it runs once per row and tree inside the training and prediction loops): the
 * callers validate the matrix and the trees at their entry.
 * @example
 * const { x, y } = friedman1(100, 5, 1, "demo");
 * const forest = trainForest(x, y, { ntrees: 10, seed: 1 });
 * leafOf(forest.trees, forest.trees.roots[0], x.data, 0) === forest.leaves(x)[0]; // true
 */
export function leafOf(t: TreeArrays, root: number, x: Float64Array, base: number): number {
  const feature = t.feature;
  const threshold = t.threshold;
  const child = t.child;
  let k = root;
  let f = feature[k]!;
  while (f >= 0) {
    const v = x[base + f]!;
    const th = threshold[k]!;
    k = child[k]! + (v < th ? 0 : v >= th ? 1 : t.naRight[k]!);
    f = feature[k]!;
  }
  return k;
}

/**
 * Mean prediction of the trees `from … to − 1` for every row of a row-major matrix.
 *
 * @param t - tree arrays
 * @param x - row-major values (NaN = missing)
 * @param nCols - columns per row
 * @param out - receives the mean prediction per row (response units); length = rows
 * @param from - first tree (default 0)
 * @param to - one past the last tree (default all)
 * @param coded - the trees compiled by {@link compileCodedTrees} (null: walk the doubles; default:
 *   compiled here when {@link worthCoding} says so). Blocks without a missing value walk the
 *   codes, with bit-identical results; a block that holds NaN walks the doubles.
 * @throws ArgumentError when `x` does not hold `out.length` rows of `nCols` values or the tree range is empty or out of range (checked once, in O(1); the loops stay unchecked)
 * @example
 * const { x, y } = friedman1(100, 5, 1, "demo");
 * const forest = trainForest(x, y, { ntrees: 10, seed: 1 });
 * const out = new Float64Array(2);
 * predictTrees(forest.trees, x.data.subarray(0, 10), 5, out); // the first two rows
 * out[1] === forest.predict(x)[1]; // true
 */
export function predictTrees(t: TreeArrays, x: Float64Array, nCols: number, out: Float64Array, from = 0, to = t.roots.length, coded?: CodedTrees | null): void {
  const nRows = out.length;
  const fn = "predictTrees";
  if (!(Number.isInteger(nCols) && nCols >= 1 && x.length === nRows * nCols)) {
    throw new ArgumentError({ fn, arg: "x", value: x.length, expected: `out.length × nCols = ${nRows} × ${nCols} values` }, "length does not match the shape");
  }
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from < to && to <= t.roots.length)) {
    throw new ArgumentError({ fn, arg: "[from, to)", value: `[${from}, ${to})`, expected: `a non-empty range within 0..${t.roots.length}` }, "bad tree range");
  }
  const feature = t.feature;
  const threshold = t.threshold;
  const child = t.child;
  const naRight = t.naRight;
  const value = t.value;
  const roots = t.roots;
  const nT = to - from;
  const plan = coded === undefined ? (worthCoding(nRows, t.feature.length) ? compileCodedTrees(t) : null) : coded;
  const codes = plan === null ? null : new Uint16Array(PREDICT_BLOCK * Math.max(1, plan.columns.length));
  for (let r0 = 0; r0 < nRows; r0 += PREDICT_BLOCK) {
    const r1 = Math.min(nRows, r0 + PREDICT_BLOCK);
    let hasNaN = false;
    for (let i = r0; i < r1; i++) out[i] = 0;
    for (let q = r0 * nCols, qe = r1 * nCols; q < qe; q++) {
      if (Number.isNaN(x[q]!)) {
        hasNaN = true;
        break;
      }
    }
    if (!hasNaN && plan !== null) {
      codeRows(plan, x, nCols, r0, r1, codes!);
      addCodedLeafValues(plan, t, codes!, r1 - r0, from, to, out, r0);
      for (let i = r0; i < r1; i++) out[i]! /= nT;
      continue;
    }
    for (let tr = from; tr < to; tr++) {
      const root = roots[tr]!;
      for (let i = r0; i < r1; i++) {
        const base = i * nCols;
        let k = root;
        let f = feature[k]!;
        while (f >= 0) {
          const v = x[base + f]!;
          const th = threshold[k]!;
          k = child[k]! + (v < th ? 0 : v >= th ? 1 : naRight[k]!);
          f = feature[k]!;
        }
        out[i]! += value[k]!;
      }
    }
    for (let i = r0; i < r1; i++) out[i]! /= nT;
  }
}
