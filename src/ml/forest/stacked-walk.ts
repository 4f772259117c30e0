/**
 * Prediction for a matrix whose rows are B blocks of the same units, such as paper 1's pixel
 * matrix (years × cells, §2.4.1–2.4.2: every cell is predicted in each of 18 years): all B rows of
 * a unit walk each tree together, as a set of blocks (a bit mask), instead of one by one.
 *
 * Many predictors do not change between the blocks (soil, terrain and land cover are the same in
 * every year), and the yearly ones often fall on the same side of a threshold in every year. A
 * split whose threshold lies outside the range of the unit's B codes of its column is decided
 * once for all of them (two comparisons with the unit's smallest and largest code); otherwise the
 * B codes are compared with the threshold (B independent comparisons, no dependent loads) and the
 * set splits in two. On the demo world's 0.5° pixels (18 years, 20
 * predictors, 9 of them static) a tree's walk of one cell's 18 rows visits ~14 nodes and makes
 * ~63 year comparisons instead of 18 × ~10 = ~183 dependent steps, and reaches ~3 distinct leaves.
 *
 * Every row still adds its own leaf's value tree by tree, in tree order, so the predictions are
 * bit-identical to {@link predictTrees} (on the same rank codes as {@link codeRows}, see
 * ./coded-trees.ts).
 */
import { ArgumentError } from "../../core/errors";
import { type CodedTrees, LEAF_CODE, codeRows } from "./coded-trees";
import { type TreeArrays } from "./tree-store";

/** Most blocks a unit's rows can form (the set of blocks is a 30-bit mask). */
export const MAX_STACKED_BLOCKS = 30;

/** Units whose rows are coded and walked together (their codes, ~20 kB, stay in the L1 cache). */
const UNIT_CHUNK = 32;

/**
 * Mean prediction of all trees for a matrix of `blocks` consecutive blocks of the same units:
 * row `b · units + i` is unit i in block b. The result equals {@link predictTrees} on the same
 * matrix bit for bit.
 *
 * @param t - tree arrays
 * @param coded - the same trees compiled by {@link compileCodedTrees}
 * @param x - row-major values, blocks × units rows of `nCols`, none NaN (unchecked: the caller
 *   walks matrices with missing values with {@link predictTrees})
 * @param nCols - columns per row
 * @param blocks - number of blocks B (2 … {@link MAX_STACKED_BLOCKS}); rows must be a multiple of B
 * @param out - receives the mean prediction per row (response units)
 * @throws ArgumentError for a block count outside 2 … {@link MAX_STACKED_BLOCKS}, rows that are not a
 *   multiple of it, or `x` and `out` of different row counts
 * @example
 * const { x, y } = friedman1(200, 5, 1, "demo");
 * const forest = trainForest(x, y, { ntrees: 10, seed: 1 });
 * const stacked = new Float64Array(200);
 * // the 200 rows as 4 blocks of 50 units
 * predictStacked(forest.trees, compileCodedTrees(forest.trees)!, x.data, 5, 4, stacked);
 * stacked[123] === forest.predict(x)[123]; // true
 */
export function predictStacked(t: TreeArrays, coded: CodedTrees, x: Float64Array, nCols: number, blocks: number, out: Float64Array): void {
  const fn = "predictStacked";
  const nRows = out.length;
  if (!(Number.isInteger(blocks) && blocks >= 2 && blocks <= MAX_STACKED_BLOCKS)) {
    throw new ArgumentError({ fn, arg: "blocks", value: blocks, expected: `an integer 2 … ${MAX_STACKED_BLOCKS}` }, "bad block count");
  }
  if (nRows % blocks !== 0 || x.length !== nRows * nCols) {
    throw new ArgumentError({ fn, arg: "x", value: `${x.length / nCols} rows`, expected: `${nRows} rows (out.length), a multiple of ${blocks} blocks` }, "rows do not match");
  }
  const units = nRows / blocks;
  const u = Math.max(1, coded.columns.length);
  const perUnit = u * blocks;
  const codes = new Uint16Array(UNIT_CHUNK * perUnit);
  const rowCodes = new Uint16Array(UNIT_CHUNK * u);
  // per unit and coded column, the smallest and largest code over the blocks
  const lowest = new Uint16Array(UNIT_CHUNK * u);
  const highest = new Uint16Array(UNIT_CHUNK * u);
  // the chunk's sums, unit-major (acc[ci · B + b]): a leaf adds to adjacent entries
  const acc = new Float64Array(UNIT_CHUNK * blocks);
  const stackK = new Int32Array(2 * blocks + 64);
  const stackM = new Int32Array(2 * blocks + 64);
  const node = coded.nodes;
  const value = t.value;
  const roots = t.roots;
  const nT = roots.length;
  const full = (1 << blocks) - 1;
  for (let c0 = 0; c0 < units; c0 += UNIT_CHUNK) {
    const nc = Math.min(UNIT_CHUNK, units - c0);
    // codes of the chunk's units, unit-major: codes[(ci · u + s) · B + b]
    for (let b = 0; b < blocks; b++) {
      codeRows(coded, x, nCols, b * units + c0, b * units + c0 + nc, rowCodes);
      for (let ci = 0; ci < nc; ci++) for (let s = 0; s < u; s++) codes[(ci * u + s) * blocks + b] = rowCodes[ci * u + s]!;
    }
    for (let q = 0; q < nc * u; q++) {
      const base = q * blocks;
      let lo = codes[base]!;
      let hi = lo;
      for (let b = 1; b < blocks; b++) {
        const c = codes[base + b]!;
        if (c < lo) lo = c;
        else if (c > hi) hi = c;
      }
      lowest[q] = lo;
      highest[q] = hi;
    }
    acc.fill(0);
    for (let tr = 0; tr < nT; tr++) {
      const root = roots[tr]! << 2;
      for (let ci = 0; ci < nc; ci++) {
        const unitCodes = ci * perUnit;
        const unitRange = ci * u;
        const unitSums = ci * blocks;
        let k = root;
        let m = full;
        let sp = 0;
        for (;;) {
          const j = node[k + 2]!;
          if (j === LEAF_CODE) {
            const v = value[k >> 2]!;
            if (m === full) for (let b = 0; b < blocks; b++) acc[unitSums + b]! += v;
            else for (let mm = m; mm !== 0; mm &= mm - 1) acc[unitSums + 31 - Math.clz32(mm & -mm)]! += v;
            if (sp === 0) break;
            sp--;
            k = stackK[sp]!;
            m = stackM[sp]!;
            continue;
          }
          const s = node[k]!;
          const base = unitCodes + s * blocks;
          const left = node[k + 1]!;
          // every block on one side (always so for a column that is the same in every block): no split of the set
          if (j < lowest[unitRange + s]!) {
            k = (left + 1) << 2;
            continue;
          }
          if (j >= highest[unitRange + s]!) {
            k = left << 2;
            continue;
          }
          let right = 0;
          for (let b = 0; b < blocks; b++) right |= ((j - codes[base + b]!) >>> 31) << b;
          right &= m;
          const leftSet = m & ~right;
          if (leftSet === 0) k = (left + 1) << 2;
          else if (right === 0) k = left << 2;
          else {
            stackK[sp] = (left + 1) << 2;
            stackM[sp] = right;
            sp++;
            k = left << 2;
            m = leftSet;
          }
        }
      }
    }
    for (let ci = 0; ci < nc; ci++) for (let b = 0; b < blocks; b++) out[b * units + c0 + ci] = acc[ci * blocks + b]! / nT;
  }
}
