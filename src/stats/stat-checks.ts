/**
 * Argument checks specific to the statistics functions, built on the shared ones of
 * `src/core/checks.ts`: a confidence level in (0, 1) (with a hint when a percentage such as 95
 * was passed), a probability, a degrees-of-freedom value, an array of labels, and the usable
 * (t, y) pairs of a time series.
 */
import { ArgumentError } from "../core/errors";
import { checkArray, checkSameLength } from "../core/checks";

/**
 * Require a confidence level strictly between 0 and 1. A value in (1, 100) was almost certainly
 * meant as a percentage, and the message says so ("did you mean 0.95?").
 *
 * @param fn - the public function's name
 * @param arg - the argument path (`level`, `options.level`)
 * @param level - the value to check
 * @returns the level
 * @throws ArgumentError when the level is not a number in (0, 1)
 * @example
 * checkLevel("metagen", "options.level", 0.9); // 0.9
 */
export function checkLevel(fn: string, arg: string, level: unknown): number {
  if (typeof level === "number" && level > 0 && level < 1) return level;
  const hint = typeof level === "number" && level > 1 && level < 100 ? ` (did you mean ${level / 100}?)` : "";
  throw new ArgumentError({ fn, arg, value: level, expected: `a confidence level in (0, 1)${hint}` }, "not a confidence level");
}

/**
 * Require a probability: in [0, 1], or in the open interval (0, 1) when `open` is set (a
 * quantile function's argument, where 0 and 1 map to ±∞).
 *
 * @param fn - the public function's name
 * @param arg - the argument path
 * @param p - the value to check
 * @param open - when true, 0 and 1 themselves are refused
 * @param at - the index inside an array argument, when there is one
 * @returns the probability
 * @throws ArgumentError when `p` is NaN, not a number or out of range
 * @example
 * checkProbability("normalQuantile", "p", 0.975, true); // 0.975
 */
export function checkProbability(fn: string, arg: string, p: unknown, open: boolean, at?: number): number {
  const ok = typeof p === "number" && (open ? p > 0 && p < 1 : p >= 0 && p <= 1);
  if (ok) return p;
  throw new ArgumentError({ fn, arg, at, value: p, expected: open ? "a probability in (0, 1)" : "a probability in [0, 1]" }, "not a valid probability");
}

/**
 * Require degrees of freedom: a finite number > 0 (fractional values are allowed, as in R).
 *
 * @param fn - the public function's name
 * @param df - the value to check
 * @param arg - the argument's name (default `df`)
 * @returns the degrees of freedom
 * @throws ArgumentError when `df` is NaN, ±Infinity or ≤ 0
 * @example
 * checkDf("studentTQuantile", 3); // 3
 */
export function checkDf(fn: string, df: unknown, arg = "df"): number {
  if (typeof df === "number" && Number.isFinite(df) && df > 0) return df;
  throw new ArgumentError({ fn, arg, value: df, expected: "degrees of freedom > 0 (a finite number)" }, "not valid degrees of freedom");
}

/**
 * Require a number that is not NaN (±Infinity allowed: a CDF at ±∞ is 1 or 0).
 *
 * @param fn - the public function's name
 * @param arg - the argument's name
 * @param x - the value to check
 * @returns the number
 * @throws ArgumentError for NaN or a non-number
 * @example
 * checkNotNaN("normalCdf", "x", Infinity); // Infinity
 */
export function checkNotNaN(fn: string, arg: string, x: unknown): number {
  if (typeof x === "number" && !Number.isNaN(x)) return x;
  throw new ArgumentError({ fn, arg, value: x, expected: "a number (±Infinity allowed, NaN not)" }, "not a number");
}

/**
 * Require an array of non-empty strings (labels, groups), optionally of a given length.
 *
 * @param fn - the public function's name
 * @param arg - the argument path
 * @param values - the value to check
 * @param length - the required length, when fixed
 * @param lengthOf - what the length must equal, in words
 * @returns the labels
 * @throws ArgumentError naming the wrong length or the first entry that is not a non-empty string
 * @example
 * checkLabels("metagen", "input.subgroup", ["a", "b"], 2, "input.te"); // ["a", "b"]
 */
export function checkLabels(fn: string, arg: string, values: unknown, length?: number, lengthOf?: string): readonly string[] {
  if (!Array.isArray(values)) throw new ArgumentError({ fn, arg, value: values, expected: "an array of strings" }, "not an array");
  if (length !== undefined && values.length !== length) {
    throw new ArgumentError({ fn, arg, value: values.length, expected: `${length}${lengthOf === undefined ? "" : ` (the length of ${lengthOf})`}` }, "wrong length");
  }
  for (let i = 0; i < values.length; i++) {
    const v: unknown = values[i];
    if (typeof v !== "string" || v === "") throw new ArgumentError({ fn, arg, at: i, value: v, expected: "a non-empty string" }, "bad label");
  }
  return values as readonly string[];
}

/** The usable pairs of a time series: both members not NaN. */
export interface UsablePairs {
  /** Indices of the pairs used, in input order. */
  idx: Int32Array;
  /** Pairs skipped because t or y (or both) was NaN. */
  skipped: number;
}

/**
 * The pairs (t_i, y_i) a trend statistic uses: both arrays checked (numbers, same length, no
 * ±Infinity, at least `minLength` entries), and a pair with NaN in either member skipped and
 * counted. One rule for every trend function, so S, Var(S), Sen's slope, τ and the OLS slope use
 * the same points. Fewer usable pairs than a statistic needs is not an error here (missing data):
 * each function documents the NaN it then returns, with the counts.
 *
 * @param fn - the public function's name
 * @param t - times (or the first variable)
 * @param y - values (or the second variable)
 * @param names - the arguments' names, default ["t", "y"]
 * @param minLength - fewest entries (before skipping) accepted (default 2)
 * @returns the usable indices and the number skipped
 * @throws ArgumentError for a non-array, different lengths, ±Infinity (with its index), or fewer than `minLength` entries
 * @example
 * usablePairs("olsTrend", [1, 2, NaN, 4], [1, NaN, 3, 4]).skipped; // 2
 */
export function usablePairs(fn: string, t: unknown, y: unknown, names: readonly [string, string] = ["t", "y"], minLength = 2): UsablePairs {
  const a = checkArray(fn, names[0], t, { allowNaN: true, minLength });
  const b = checkArray(fn, names[1], y, { allowNaN: true });
  checkSameLength(fn, names[0], a, names[1], b);
  const idx = new Int32Array(a.length);
  let n = 0;
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i]!) && !Number.isNaN(b[i]!)) idx[n++] = i;
  return { idx: idx.subarray(0, n), skipped: a.length - n };
}

/**
 * The error for values so large (or so small) that an intermediate sum, square or difference
 * overflows (or underflows) in double precision: names the argument and its largest |value|.
 *
 * @param fn - the public function's name
 * @param arg - the argument's name
 * @param x - the argument's values (NaN ignored)
 * @param what - the intermediate that is not finite ("the sum of squared deviations", …)
 * @param small - true when the intermediate underflowed (values too small) rather than overflowed
 * @returns the error, for the caller to throw
 * @example
 * throw valuesOutOfRange("pearsonR", "x", [1e200, 2e200], "the sum of squared deviations");
 */
export function valuesOutOfRange(fn: string, arg: string, x: ArrayLike<number>, what: string, small = false): ArgumentError {
  let big = 0;
  for (let i = 0; i < x.length; i++) if (Math.abs(x[i]!) > Math.abs(big)) big = x[i]!;
  if (small) {
    return new ArgumentError({ fn, arg, value: big, expected: `values for which ${what} is a normal double (scale the values up)` }, `values too small (|x| up to ${Math.abs(big)}): ${what} underflows`);
  }
  return new ArgumentError({ fn, arg, value: big, expected: `values for which ${what} is finite in double precision (scale the values down)` }, `values too large (|x| up to ${Math.abs(big)}): ${what} overflows`);
}
