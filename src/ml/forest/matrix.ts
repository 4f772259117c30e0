/**
 * The small dense matrix type the forest engine and the paper-1 analyses share: row-major
 * `Float64Array` values with their shape and (optionally) column names. A missing predictor
 * value is `NaN`; the forest learns which side of each split it goes to (h2o DRF semantics).
 */

/** A dense row-major matrix: value (i, j) is `data[i * nCols + j]`. */
export interface Matrix {
  /** Row-major values; `NaN` marks a missing predictor value. */
  readonly data: Float64Array;
  /** Number of rows (observations, e.g. site-years). */
  readonly nRows: number;
  /** Number of columns (predictors). */
  readonly nCols: number;
  /** Column names, when known (used in importance tables and error messages). */
  readonly columns?: readonly string[];
}

/**
 * Wrap row-major values as a {@link Matrix}, checking the shape.
 *
 * @param data - row-major values, length `nRows * nCols`
 * @param nCols - number of columns
 * @param columns - optional column names (length `nCols`)
 * @returns the matrix
 * @throws RangeError when the length is not a multiple of `nCols` or the names do not match
 */
export function matrix(data: Float64Array, nCols: number, columns?: readonly string[]): Matrix {
  if (!Number.isInteger(nCols) || nCols < 1) throw new RangeError(`matrix: nCols must be a positive integer, got ${nCols}`);
  if (data.length % nCols !== 0) throw new RangeError(`matrix: ${data.length} values are not a multiple of nCols = ${nCols}`);
  if (columns !== undefined && columns.length !== nCols) {
    throw new RangeError(`matrix: ${columns.length} column names for ${nCols} columns`);
  }
  return columns === undefined ? { data, nRows: data.length / nCols, nCols } : { data, nRows: data.length / nCols, nCols, columns };
}

/**
 * Build a {@link Matrix} from named numeric columns (e.g. the columns of a training table).
 *
 * @param columns - column name → values; all of the same length
 * @param names - the columns to take, in order (default: all, in insertion order)
 * @returns the row-major matrix with `columns` set
 * @throws RangeError when a column is missing or the lengths differ
 */
export function matrixFromColumns(columns: Readonly<Record<string, ArrayLike<number>>>, names: readonly string[] = Object.keys(columns)): Matrix {
  if (names.length === 0) throw new RangeError("matrixFromColumns: no columns");
  const first = columns[names[0]!];
  if (first === undefined) throw new RangeError(`matrixFromColumns: no column "${names[0]}"`);
  const n = first.length;
  const p = names.length;
  const data = new Float64Array(n * p);
  names.forEach((name, j) => {
    const col = columns[name];
    if (col === undefined) throw new RangeError(`matrixFromColumns: no column "${name}"`);
    if (col.length !== n) throw new RangeError(`matrixFromColumns: column "${name}" has ${col.length} values, expected ${n}`);
    for (let i = 0; i < n; i++) data[i * p + j] = col[i]!;
  });
  return { data, nRows: n, nCols: p, columns: [...names] };
}

/**
 * The rows `rows` of a matrix as a new matrix (duplicates allowed, e.g. for a bootstrap).
 *
 * @param x - the matrix
 * @param rows - row indices to take, in order
 * @returns a new matrix with `rows.length` rows
 * @throws RangeError when an index is out of range
 */
export function selectRows(x: Matrix, rows: ArrayLike<number>): Matrix {
  const p = x.nCols;
  const out = new Float64Array(rows.length * p);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    if (!(i >= 0 && i < x.nRows)) throw new RangeError(`selectRows: row ${i} out of range 0..${x.nRows - 1}`);
    out.set(x.data.subarray(i * p, i * p + p), k * p);
  }
  return x.columns === undefined ? { data: out, nRows: rows.length, nCols: p } : { data: out, nRows: rows.length, nCols: p, columns: x.columns };
}

/**
 * Name of column `j` ("column 3" when the matrix has no names).
 *
 * @param x - the matrix
 * @param j - 0-based column index
 * @returns the name
 */
export function columnName(x: Matrix, j: number): string {
  return x.columns?.[j] ?? `column ${j}`;
}
