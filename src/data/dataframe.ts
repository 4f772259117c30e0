/**
 * danfo.js bridges. DataFrames are for looking at data in a notebook; every method in the
 * kit works on typed arrays. These two functions cross between the two worlds with checks:
 * {@link float64Column} refuses a column that is not entirely numeric (naming the first bad
 * row) instead of letting NaN or strings leak into a computation.
 * danfojs-node is loaded lazily, so importing the kit does not load TensorFlow.js.
 */
import type * as Danfo from "danfojs-node";
import type { DataFrame } from "danfojs-node";
import { checkOptions } from "../core/checks";
import { ArgumentError } from "../core/errors";
import { type MissingOptions, missingPolicy } from "../io/csv";

/** A column for {@link toDataFrame}: numbers (typed or plain) or strings. */
export type ColumnValues = ArrayLike<number> | readonly string[] | readonly (string | number | null)[];

/**
 * Build a danfo DataFrame from named columns of equal length.
 *
 * @param columns - column name → values; typed arrays are copied to plain arrays
 * @returns the DataFrame
 * @throws ArgumentError when `columns` is not an object, a column is not an array, or the
 *   columns differ in length (naming the first column whose length differs from the first one's)
 * @example
 * toDataFrame({ site: ["a", "b"], v: new Float64Array([1, 2]) }).shape; // [2, 2]
 */
export function toDataFrame(columns: Record<string, ColumnValues>): DataFrame {
  if (columns === null || typeof columns !== "object" || Array.isArray(columns)) {
    throw new ArgumentError({ fn: "toDataFrame", arg: "columns", value: columns, expected: "an object of named columns" }, "not an object");
  }
  const names = Object.keys(columns);
  for (const n of names) {
    const c = columns[n] as unknown;
    if (!(Array.isArray(c) || (ArrayBuffer.isView(c) && !(c instanceof DataView)))) {
      throw new ArgumentError({ fn: "toDataFrame", arg: `columns.${n}`, value: c, expected: "an array or typed array" }, "not a column");
    }
  }
  const first = names[0];
  for (const n of names) {
    if (columns[n]!.length !== columns[first!]!.length) {
      throw new ArgumentError(
        { fn: "toDataFrame", arg: `columns.${n}`, value: columns[n]!.length, expected: `${columns[first!]!.length} values, the length of columns.${first} (lengths: ${names.map((k) => `${k}: ${columns[k]!.length}`).join(", ")})` },
        "columns differ in length",
      );
    }
  }
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
 * @param options - the missing-value policy, as for the CSV loaders: `missing: "nan"` keeps
 *   NaN/null/undefined as NaN, `missing: "error"` (default) refuses them (`allowNaN: true` is the
 *   older spelling of `missing: "nan"`); `label` names the source in error messages (default "DataFrame")
 * @returns the values (finite, or NaN where missing values are allowed)
 * @throws ArgumentError naming the column, the row (0-based DataFrame row, `(row i)`) and the value
 *   of the first missing, non-numeric or infinite value; a missing column; an unknown option or a
 *   DataFrame-less `df` (a DataFrame is an in-memory argument: it has no file lines)
 * @example
 * float64Column(toDataFrame({ v: [1, null] }), "v", { missing: "nan" }); // Float64Array [1, NaN]
 */
export function float64Column(df: DataFrame, name: string, options: MissingOptions & { allowNaN?: boolean; label?: string } = {}): Float64Array {
  checkOptions("float64Column", "options", options, ["missing", "allowNaN", "label"]);
  const { allowNaN, label: labelOpt, ...missingOpts } = options;
  if (allowNaN !== undefined && typeof allowNaN !== "boolean") throw new ArgumentError({ fn: "float64Column", arg: "options.allowNaN", value: allowNaN, expected: "true or false" }, "not a boolean");
  const policy = allowNaN === true ? "nan" : missingPolicy("float64Column", missingOpts);
  if (labelOpt !== undefined && (typeof labelOpt !== "string" || labelOpt === "")) throw new ArgumentError({ fn: "float64Column", arg: "options.label", value: labelOpt, expected: "a non-empty name for messages" }, "not a label");
  const label = labelOpt ?? "DataFrame";
  if (df === null || typeof df !== "object" || !Array.isArray((df as { columns?: unknown }).columns)) {
    throw new ArgumentError({ fn: "float64Column", arg: "df", value: df, expected: "a danfo DataFrame" }, "not a DataFrame");
  }
  if (typeof name !== "string" || !df.columns.includes(name)) {
    throw new ArgumentError({ fn: "float64Column", arg: "name", value: name, expected: `one of ${df.columns.join(", ")}` }, `no such column${label === "DataFrame" ? "" : ` in ${label}`} (have ${df.columns.join(", ")})`);
  }
  const values = df.column(name).values as unknown[];
  const out = new Float64Array(values.length);
  const arg = `${label} column ${name}`;
  values.forEach((v, i) => {
    const missing = v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
    if (missing) {
      if (policy === "nan") {
        out[i] = NaN;
        return;
      }
      throw new ArgumentError({ fn: "float64Column", arg, at: `row ${i}`, value: v, expected: "a finite number" }, 'missing value (pass { missing: "nan" } to keep it as NaN)');
    }
    if (typeof v !== "number") throw new ArgumentError({ fn: "float64Column", arg, at: `row ${i}`, value: v, expected: "a finite number" }, `${JSON.stringify(v)} is not a number`);
    if (!Number.isFinite(v)) throw new ArgumentError({ fn: "float64Column", arg, at: `row ${i}`, value: v, expected: "a finite number" }, "infinite value");
    out[i] = v;
  });
  return out;
}
