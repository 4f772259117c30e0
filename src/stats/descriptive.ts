/**
 * Descriptive statistics of paper 2 (Methods, "Descriptive analysis of temperature offsets"):
 * mean ± standard error, the sample standard deviation (n − 1), t-based 95 % confidence
 * intervals (Fig 2) and the coefficient of variation (Eq. 3).
 *
 * Finite values so large that a sum, a sum of squared deviations or a confidence limit overflows
 * (|x| near the double range) are refused with an ArgumentError ("values too large", naming the
 * largest |x|) by every function here, never returned as ±Infinity or NaN.
 *
 * Policy: the core functions ({@link mean}, {@link sampleSd}, …) refuse NaN and ±Infinity with an
 * ArgumentError naming the index. The analysis
 * helper {@link summarize} skips NaN (missing values, e.g. a blank ALT) and **counts** them.
 */
import { ArgumentError } from "../core/errors";
import { checkArray } from "../core/checks";
import { studentTQuantile } from "./distributions/student-t";
import { checkLevel, valuesOutOfRange } from "./stat-checks";

function meanOf(x: ArrayLike<number>, fn?: string): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  // never a wrong ±Infinity: a sum that overflows is refused (when the public function is known)
  if (fn !== undefined && !(Math.abs(s) < Infinity)) throw valuesOutOfRange(fn, "x", x, "the sum");
  return s / x.length;
}

function varianceOf(x: ArrayLike<number>, fn?: string): number {
  const m = meanOf(x, fn);
  let ss = 0;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i]! - m;
    ss += d * d;
    s += d;
  }
  const v = (ss - (s * s) / x.length) / (x.length - 1);
  if (fn !== undefined && !(v < Infinity)) throw valuesOutOfRange(fn, "x", x, "the sum of squared deviations");
  return v;
}

/**
 * Arithmetic mean, in the units of the input.
 *
 * @param x - finite values (at least one)
 * @returns the mean
 * @throws ArgumentError for empty input or a NaN or ±Infinity value (named with its index; use
 *   {@link summarize} to skip missing values)
 * @example
 * mean([1, 2, 6]); // 3
 */
export function mean(x: ArrayLike<number>): number {
  return meanOf(checkArray("mean", "x", x, { minLength: 1 }), "mean");
}

/**
 * Sample variance with Bessel's correction (divides by n − 1), in squared input units.
 * Two-pass algorithm for accuracy.
 *
 * @param x - finite values (at least two)
 * @returns the variance
 * @throws ArgumentError for fewer than two values or a NaN or ±Infinity value
 * @example
 * sampleVariance([1, 2, 3]); // 1
 */
export function sampleVariance(x: ArrayLike<number>): number {
  return varianceOf(checkArray("sampleVariance", "x", x, { minLength: 2 }), "sampleVariance");
}

/**
 * Sample standard deviation (n − 1), in input units.
 *
 * @param x - finite values (at least two)
 * @returns the SD
 * @throws ArgumentError for fewer than two values or a NaN or ±Infinity value
 * @example
 * sampleSd([1, 2, 3]); // 1
 */
export function sampleSd(x: ArrayLike<number>): number {
  return Math.sqrt(varianceOf(checkArray("sampleSd", "x", x, { minLength: 2 }), "sampleSd"));
}

/**
 * Standard error of the mean, SD / √n, in input units (the "±" of the paper's "mean ± SE").
 *
 * @param x - finite values (at least two)
 * @returns the SE
 * @throws ArgumentError for fewer than two values or a NaN or ±Infinity value
 * @example
 * standardError([1, 2, 3]); // 0.577 = 1/√3
 */
export function standardError(x: ArrayLike<number>): number {
  const v = checkArray("standardError", "x", x, { minLength: 2 });
  return Math.sqrt(varianceOf(v, "standardError")) / Math.sqrt(v.length);
}

/**
 * t-based confidence interval of the mean: mean ± t(1 − α/2, n − 1) · SE.
 *
 * @param x - finite values (at least two)
 * @param level - confidence level in (0, 1), default 0.95
 * @returns `[lower, upper]` in input units
 * @throws ArgumentError for fewer than two values, a NaN or ±Infinity value, or a level outside
 *   (0, 1) (95 is refused with "did you mean 0.95?")
 * @example
 * meanConfidenceInterval([1, 2, 3]); // [-0.48, 4.48]
 */
export function meanConfidenceInterval(x: ArrayLike<number>, level = 0.95): [number, number] {
  const fn = "meanConfidenceInterval";
  checkLevel(fn, "level", level);
  const v = checkArray(fn, "x", x, { minLength: 2 });
  return ciOf(v, level, fn);
}

function ciOf(v: ArrayLike<number>, level: number, fn: string): [number, number] {
  const m = meanOf(v, fn);
  const half = studentTQuantile(1 - (1 - level) / 2, v.length - 1) * (Math.sqrt(varianceOf(v, fn)) / Math.sqrt(v.length));
  if (!(Math.abs(m) + half < Infinity)) throw valuesOutOfRange(fn, "x", v, "a confidence limit");
  return [m - half, m + half];
}

/**
 * Coefficient of variation (paper 2, Eq. 3), as a ratio: SD / |mean|. The paper prints it as
 * a ratio (e.g. "CV = 0.7") while Eq. 3 multiplies by 100 %; multiply by 100 for percent.
 * The absolute value of the mean keeps CV positive for negative offsets (the paper prints a
 * positive CV = 2.3 for the Arctic's negative mean TO).
 *
 * @param x - finite values (at least two)
 * @returns the CV (ratio)
 * @throws ArgumentError for fewer than two values, a NaN or ±Infinity value, or a mean of
 *   exactly 0 (the CV is undefined)
 * @example
 * coefficientOfVariation([1, 2, 3]); // 0.5
 */
export function coefficientOfVariation(x: ArrayLike<number>): number {
  const fn = "coefficientOfVariation";
  const v = checkArray(fn, "x", x, { minLength: 2 });
  const m = meanOf(v, fn);
  if (m === 0) throw new ArgumentError({ fn, arg: "x", value: m, expected: "values whose mean is not 0" }, "the mean is 0, so the CV (SD / |mean|) is undefined");
  return Math.sqrt(varianceOf(v, fn)) / Math.abs(m);
}

/** A summary of one group of values, as reported in the descriptive tables. */
export interface Summary {
  /** Number of non-missing values used. */
  n: number;
  /** Number of missing (NaN) values skipped. */
  nMissing: number;
  /** Mean (input units); null when n = 0. */
  mean: number | null;
  /** Sample SD, n − 1 (input units); null when n < 2. */
  sd: number | null;
  /** Standard error of the mean (input units); null when n < 2. */
  se: number | null;
  /** Lower bound of the t-based CI (input units); null when n < 2. */
  ciLower: number | null;
  /** Upper bound of the t-based CI (input units); null when n < 2. */
  ciUpper: number | null;
  /** SD / |mean| (ratio, Eq. 3); null when n < 2 or the mean is 0. */
  cv: number | null;
  /** Smallest value; null when n = 0. */
  min: number | null;
  /** Largest value; null when n = 0. */
  max: number | null;
}

/**
 * Summarize values, skipping and counting NaN (missing). Statistics that need more values
 * than are present are null rather than NaN, so results stay valid JSON.
 *
 * @param x - values; NaN means missing (skipped, counted in `nMissing`)
 * @param level - confidence level for the CI, in (0, 1), default 0.95
 * @returns the summary, with the number of values used and skipped
 * @throws ArgumentError for a non-array, ±Infinity (never a valid measurement; named with its
 *   index), a level outside (0, 1), or values so large that a sum overflows ("values too large")
 * @example
 * summarize([1, NaN, 3]); // { n: 2, nMissing: 1, mean: 2, … }
 */
export function summarize(x: ArrayLike<number>, level = 0.95): Summary {
  checkLevel("summarize", "level", level);
  const v = checkArray("summarize", "x", x, { allowNaN: true });
  const kept: number[] = [];
  let nMissing = 0;
  for (let i = 0; i < v.length; i++) {
    if (Number.isNaN(v[i]!)) nMissing++;
    else kept.push(v[i]!);
  }
  const n = kept.length;
  const out: Summary = { n, nMissing, mean: null, sd: null, se: null, ciLower: null, ciUpper: null, cv: null, min: null, max: null };
  if (n === 0) return out;
  out.mean = meanOf(kept, "summarize");
  let lo = Infinity;
  let hi = -Infinity;
  for (const k of kept) {
    if (k < lo) lo = k;
    if (k > hi) hi = k;
  }
  out.min = lo;
  out.max = hi;
  if (n < 2) return out;
  out.sd = Math.sqrt(varianceOf(kept, "summarize"));
  out.se = out.sd / Math.sqrt(n);
  [out.ciLower, out.ciUpper] = ciOf(kept, level, "summarize");
  out.cv = out.mean === 0 ? null : out.sd / Math.abs(out.mean);
  return out;
}
