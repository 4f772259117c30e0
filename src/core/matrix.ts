/**
 * The small dense matrix type the models and the paper-1 analyses share: row-major
 * `Float64Array` values with their shape and (optionally) column names. A missing predictor
 * value is `NaN`; the forest learns which side of each split it goes to (h2o DRF semantics).
 * ±Infinity is never a valid predictor value.
 */
import { ArgumentError } from "./errors";

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
 * @throws ArgumentError when the length is not a multiple of `nCols` or the names do not match
 * @example
 * makeMatrix(new Float64Array([1, 2, 3, 4, 5, 6]), 2).nRows; // 3
 */
export function makeMatrix(data: Float64Array, nCols: number, columns?: readonly string[]): Matrix {
  const m = columns === undefined ? { data, nRows: data.length / nCols, nCols } : { data, nRows: data.length / nCols, nCols, columns };
  if (!Number.isInteger(nCols) || nCols < 1) throw new ArgumentError({ fn: "matrix", arg: "nCols", value: nCols, expected: "a positive integer" }, "bad column count");
  if (data.length % nCols !== 0) {
    throw new ArgumentError({ fn: "matrix", arg: "data", value: data.length, expected: `a multiple of nCols = ${nCols}` }, "length is not rows × columns");
  }
  return checkMatrix("matrix", "data", m);
}

/**
 * Require a well-formed {@link Matrix}: a `Float64Array` of exactly `nRows × nCols` values,
 * integer dimensions, `columns` (when present) of length `nCols` with unique names, and no
 * ±Infinity (NaN, a missing value, is allowed). Every public function that takes a matrix calls
 * this first, so a plain array, a hand-built literal of the wrong size or a matrix with an
 * infinite cell is refused with its position.
 *
 * @param fn - the public function's name
 * @param arg - the argument's name (`x`, `newdata`)
 * @param x - the value to check
 * @param minRows - smallest number of rows accepted (default 0)
 * @returns the value, typed as a Matrix
 * @throws ArgumentError naming the argument and the first problem (shape, name, row and column of an infinite value)
 * @example
 * checkMatrix("predict", "x", makeMatrix(new Float64Array([1, NaN]), 2)).nCols; // 2
 */
export function checkMatrix(fn: string, arg: string, x: unknown, minRows = 0): Matrix {
  if (x === null || typeof x !== "object" || !("data" in x) || !("nRows" in x) || !("nCols" in x)) {
    throw new ArgumentError({ fn, arg, value: x, expected: "a Matrix { data: Float64Array, nRows, nCols } (build one with makeMatrix() or matrixFromColumns())" }, "not a Matrix");
  }
  const m = x as Matrix;
  if (!(m.data instanceof Float64Array)) throw new ArgumentError({ fn, arg: `${arg}.data`, value: m.data, expected: "a Float64Array" }, "bad storage");
  if (!Number.isInteger(m.nCols) || m.nCols < 1) throw new ArgumentError({ fn, arg: `${arg}.nCols`, value: m.nCols, expected: "a positive integer" }, "bad column count");
  if (!Number.isInteger(m.nRows) || m.nRows < 0) throw new ArgumentError({ fn, arg: `${arg}.nRows`, value: m.nRows, expected: "a non-negative integer" }, "bad row count");
  if (m.data.length !== m.nRows * m.nCols) {
    throw new ArgumentError({ fn, arg: `${arg}.data`, value: m.data.length, expected: `nRows × nCols = ${m.nRows} × ${m.nCols} = ${m.nRows * m.nCols} values` }, "length does not match the shape");
  }
  if (m.nRows < minRows) throw new ArgumentError({ fn, arg: `${arg}.nRows`, value: m.nRows, expected: `at least ${minRows} rows` }, "too few rows");
  if (m.columns !== undefined) {
    if (!Array.isArray(m.columns) || m.columns.length !== m.nCols) {
      throw new ArgumentError({ fn, arg: `${arg}.columns`, value: m.columns, expected: `${m.nCols} names, one per column` }, "column names do not match the shape");
    }
    const seen = new Set<string>();
    m.columns.forEach((name, j) => {
      if (typeof name !== "string" || name === "" || seen.has(name)) {
        throw new ArgumentError({ fn, arg: `${arg}.columns`, at: j, value: name, expected: "a unique, non-empty name" }, "bad column name");
      }
      seen.add(name);
    });
  }
  const d = m.data;
  for (let k = 0; k < d.length; k++) {
    const v = d[k]!;
    if (v === Infinity || v === -Infinity) {
      const j = k % m.nCols;
      throw new ArgumentError({ fn, arg, at: `row ${(k - j) / m.nCols}, column ${JSON.stringify(columnName(m, j))}`, value: v, expected: "a finite number or NaN (missing)" }, "infinite value");
    }
  }
  return m;
}

/**
 * Build a {@link Matrix} from named numeric columns (e.g. the columns of a training table).
 *
 * @param columns - column name → values; all of the same length
 * @param names - the columns to take, in order (default: all, in insertion order)
 * @returns the row-major matrix with `columns` set
 * @throws ArgumentError when a column is missing or the lengths differ
 * @example
 * matrixFromColumns({ a: [1, 2], b: [3, 4] }).data; // Float64Array [1, 3, 2, 4]
 */
export function matrixFromColumns(columns: Readonly<Record<string, ArrayLike<number>>>, names: readonly string[] = Object.keys(columns)): Matrix {
  const fn = "matrixFromColumns";
  if (names.length === 0) throw new ArgumentError({ fn, arg: "names", value: names, expected: "at least one column name" }, "no columns");
  const first = columns[names[0]!];
  if (first === undefined) throw new ArgumentError({ fn, arg: "names", at: 0, value: names[0], expected: `one of ${Object.keys(columns).join(", ")}` }, "no such column");
  const n = first.length;
  const p = names.length;
  const data = new Float64Array(n * p);
  names.forEach((name, j) => {
    const col = columns[name];
    if (col === undefined) throw new ArgumentError({ fn, arg: "names", at: j, value: name, expected: `one of ${Object.keys(columns).join(", ")}` }, "no such column");
    if (col.length !== n) throw new ArgumentError({ fn, arg: `columns.${name}`, value: col.length, expected: `${n} values, the length of column ${JSON.stringify(names[0])}` }, "length differs");
    for (let i = 0; i < n; i++) data[i * p + j] = col[i]!;
  });
  return checkMatrix(fn, "columns", { data, nRows: n, nCols: p, columns: [...names] });
}

/**
 * The rows `rows` of a matrix as a new matrix (duplicates allowed, e.g. for a bootstrap).
 *
 * @param x - the matrix
 * @param rows - row indices to take, in order
 * @returns a new matrix with `rows.length` rows
 * @throws ArgumentError when an index is out of range
 * @example
 * selectRows(makeMatrix(new Float64Array([1, 2, 3, 4]), 2), [1, 1]).data; // Float64Array [3, 4, 3, 4]
 */
export function selectRows(x: Matrix, rows: ArrayLike<number>): Matrix {
  checkMatrix("selectRows", "x", x);
  const p = x.nCols;
  const out = new Float64Array(rows.length * p);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    if (!(Number.isInteger(i) && i >= 0 && i < x.nRows)) throw new ArgumentError({ fn: "selectRows", arg: "rows", at: k, value: i, expected: `a row index 0..${x.nRows - 1}` }, "row out of range");
    out.set(x.data.subarray(i * p, i * p + p), k * p);
  }
  return x.columns === undefined ? { data: out, nRows: rows.length, nCols: p } : { data: out, nRows: rows.length, nCols: p, columns: x.columns };
}

/**
 * The kit's one placeholder name for unnamed column `j`: "f0", "f1", …, the names xgboost gives
 * features trained without names (so a forest, an XGBoost model and every error message name an
 * unnamed column the same way, and xgboost's own model files need no renaming).
 *
 * @param j - 0-based column index
 * @returns the placeholder name
 * @example
 * defaultColumnName(3); // 'f3'
 */
export function defaultColumnName(j: number): string {
  return `f${j}`;
}

/**
 * The placeholder names of `nCols` unnamed columns ({@link defaultColumnName}).
 *
 * @param nCols - number of columns
 * @returns ["f0", "f1", …]
 * @example
 * defaultColumnNames(2); // ['f0', 'f1']
 */
export function defaultColumnNames(nCols: number): string[] {
  return Array.from({ length: nCols }, (_, j) => defaultColumnName(j));
}

/**
 * Name of column `j` (its placeholder {@link defaultColumnName}, "f3", when the matrix has no names).
 *
 * @param x - the matrix
 * @param j - 0-based column index
 * @returns the name
 * @example
 * columnName(makeMatrix(new Float64Array(2), 2), 1); // 'f1'
 */
export function columnName(x: Matrix, j: number): string {
  return x.columns?.[j] ?? defaultColumnName(j);
}
