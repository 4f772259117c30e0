/**
 * danfo.js bridges. DataFrames are for looking at data in a notebook; every method in the
 * kit works on typed arrays. These two functions cross between the two worlds with checks:
 * {@link float64Column} refuses a column that is not entirely numeric (naming the first bad
 * row) instead of letting NaN or strings leak into a computation.
 * danfojs-node is loaded lazily, so importing the kit does not load TensorFlow.js.
 */
import type * as Danfo from "danfojs-node";
import type { DataFrame } from "danfojs-node";
import { DataError } from "../core/errors";

/** A column for {@link toDataFrame}: numbers (typed or plain) or strings. */
export type ColumnValues = ArrayLike<number> | readonly string[] | readonly (string | number | null)[];

/**
 * Build a danfo DataFrame from named columns of equal length.
 *
 * @param columns - column name → values; typed arrays are copied to plain arrays
 * @throws Error when the columns differ in length
 */
export function toDataFrame(columns: Record<string, ColumnValues>): DataFrame {
  const names = Object.keys(columns);
  const lengths = new Set(names.map((n) => columns[n]?.length));
  if (lengths.size > 1) throw new Error(`toDataFrame: columns differ in length (${names.map((n) => `${n}: ${columns[n]?.length}`).join(", ")})`);
  const plain: Record<string, unknown[]> = {};
  for (const n of names) plain[n] = Array.from(columns[n] as ArrayLike<unknown>);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dfd = require("danfojs-node") as typeof Danfo;
  return new dfd.DataFrame(plain);
}

/**
 * One DataFrame column as a Float64Array.
 *
 * @param df - a danfo DataFrame
 * @param name - the column name
 * @param options - `allowNaN` (default false): accept NaN/null as NaN instead of failing;
 *   `label` names the source in error messages (default "DataFrame")
 * @throws DataError naming the row (0-based DataFrame row) of the first non-numeric value
 */
export function float64Column(df: DataFrame, name: string, options: { allowNaN?: boolean; label?: string } = {}): Float64Array {
  const label = options.label ?? "DataFrame";
  if (!df.columns.includes(name)) throw new DataError({ file: label, column: name }, `no such column (have ${df.columns.join(", ")})`);
  const values = df.column(name).values as unknown[];
  const out = new Float64Array(values.length);
  values.forEach((v, i) => {
    const missing = v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
    if (missing) {
      if (options.allowNaN === true) {
        out[i] = NaN;
        return;
      }
      throw new DataError({ file: `${label} row ${i}`, column: name }, "missing value (pass allowNaN to keep it as NaN)");
    }
    if (typeof v !== "number") throw new DataError({ file: `${label} row ${i}`, column: name }, `${JSON.stringify(v)} is not a number`);
    out[i] = v;
  });
  return out;
}
