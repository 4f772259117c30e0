/**
 * Features are binned ONCE per training set: each value becomes a 16-bit code on a uniform
 * grid of {@link FINE_CODES} cells between the column's minimum and maximum (column-major
 * `Uint16Array`, {@link NA_CODE} for `NaN`). The tree grower then builds h2o's
 * "UniformAdaptive" histograms at every node from these codes: `nbins` uniform bins spanning
 * the node's own min..max (more near the root, `nbinsTopLevel` halved per level), which is
 * h2o DRF's split finding to within 1/65,534 of a column's range.
 *
 * The cell edges are computed by one formula (`lo + c·width`) that is used both to code the
 * training data and as the split thresholds of the fitted trees, and each code is corrected
 * against those edges, so `code < c ⟺ value < edge(c)` holds exactly: a training row is routed
 * the same way by code during growth and by value at prediction.
 */
import { checkInteger } from "../../core/checks";
import { ArgumentError } from "../../core/errors";
import { checkMatrix } from "../../core/matrix";

/** Number of fine cells per column (codes 0 … FINE_CODES − 1). */
export const FINE_CODES = 65534;
/** The code of a missing value. */
export const NA_CODE = 65535;

/** Binned training features. */
export interface BinnedFeatures {
  /** Rows in the training frame. */
  readonly nRows: number;
  /** Number of feature columns. */
  readonly nCols: number;
  /** Column-major codes: `codes[j * nRows + i]`. */
  readonly codes: Uint16Array;
  /** Per column: left edge of cell 0 (the column minimum). */
  readonly lo: Float64Array;
  /** Per column: cell width ((max − min)/FINE_CODES; 0 for a constant or all-missing column). */
  readonly width: Float64Array;
}

/**
 * The value at the left edge of fine cell `c` of column `j` (a split threshold).
 *
 * @param b - binned features
 * @param j - column
 * @param c - cell code (1 … FINE_CODES − 1)
 * @returns the edge value, in the column's units
 *
 * Unchecked (called for every split while growing): `j` and `c` come from the grower.
 * @example
 * const b = binFeatures(new Float64Array([0, 10, 5, 20]), 2, Int32Array.from([0, 1]));
 * cellEdge(b, 0, 32767); // 2.5 (column 0 spans 0…5 in 65534 fine cells of width 5 / 65534)
 */
export function cellEdge(b: BinnedFeatures, j: number, c: number): number {
  return b.lo[j]! + c * b.width[j]!;
}

/**
 * Bin the rows `rows` of a row-major matrix (duplicates allowed: a bootstrap frame).
 *
 * @param x - row-major values, `nCols` per row
 * @param nCols - number of columns
 * @param rows - the training frame as row indices into `x`
 * @returns the binned frame (row k of the frame is `rows[k]` of `x`)
 * @throws ArgumentError when `nCols` is not a positive integer, `x` is not a Float64Array of whole rows (or holds ±Infinity), or a row index is out of range
 * @example
 * binFeatures(new Float64Array([0, 10, 5, 20]), 2, Int32Array.from([0, 1, 1])).nRows; // 3
 */
export function binFeatures(x: Float64Array, nCols: number, rows: Int32Array): BinnedFeatures {
  const fn = "binFeatures";
  checkInteger(fn, "nCols", nCols, { min: 1 });
  if (!(x instanceof Float64Array)) throw new ArgumentError({ fn, arg: "x", value: x, expected: "a Float64Array" }, "bad storage");
  checkMatrix(fn, "x", { data: x, nRows: x.length / nCols, nCols });
  const nX = x.length / nCols;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    if (!(Number.isInteger(i) && i >= 0 && i < nX)) throw new ArgumentError({ fn, arg: "rows", at: k, value: i, expected: `a row index 0..${nX - 1}` }, "row out of range");
  }
  return binRows(x, nCols, rows);
}

/**
 * {@link binFeatures} without its checks, for the trainer, which has checked the matrix and the
 * frame once at its entry.
 *
 * @param x - row-major values, `nCols` per row (finite or NaN)
 * @param nCols - number of columns (≥ 1)
 * @param rows - the training frame (indices in range)
 * @returns the binned frame
 * @example
 * binRows(new Float64Array([1, 2, 3]), 1, Int32Array.from([0, 1, 2])).nRows; // 3
 */
export function binRows(x: Float64Array, nCols: number, rows: Int32Array): BinnedFeatures {
  const n = rows.length;
  const codes = new Uint16Array(n * nCols);
  const lo = new Float64Array(nCols);
  const width = new Float64Array(nCols);
  for (let j = 0; j < nCols; j++) {
    let min = Infinity;
    let max = -Infinity;
    for (let k = 0; k < n; k++) {
      const v = x[rows[k]! * nCols + j]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const base = j * n;
    if (!(max > min)) {
      // constant or all missing: every present value gets code 0, never split on
      lo[j] = Number.isFinite(min) ? min : 0;
      width[j] = 0;
      for (let k = 0; k < n; k++) codes[base + k] = Number.isNaN(x[rows[k]! * nCols + j]!) ? NA_CODE : 0;
      continue;
    }
    const w = (max - min) / FINE_CODES;
    lo[j] = min;
    width[j] = w;
    const inv = 1 / w;
    for (let k = 0; k < n; k++) {
      const v = x[rows[k]! * nCols + j]!;
      if (Number.isNaN(v)) {
        codes[base + k] = NA_CODE;
        continue;
      }
      let c = Math.floor((v - min) * inv);
      if (c > FINE_CODES - 1) c = FINE_CODES - 1;
      if (c < 0) c = 0;
      // exact agreement with the edges used as thresholds
      while (c < FINE_CODES - 1 && v >= min + (c + 1) * w) c++;
      while (c > 0 && v < min + c * w) c--;
      codes[base + k] = c;
    }
  }
  return { nRows: n, nCols, codes, lo, width };
}
