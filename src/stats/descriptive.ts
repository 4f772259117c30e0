/**
 * Descriptive statistics of paper 2 (Methods, "Descriptive analysis of temperature offsets"):
 * mean ± standard error, the sample standard deviation (n − 1), t-based 95 % confidence
 * intervals (Fig 2) and the coefficient of variation (Eq. 3).
 *
 * Policy: the core functions ({@link mean}, {@link sampleSd}, …) throw on NaN. The analysis
 * helper {@link summarize} skips NaN (missing values, e.g. a blank ALT) and **counts** them.
 */
import { studentTQuantile } from "./distributions/student-t";

function checkFinite(x: ArrayLike<number>, fn: string): void {
  if (x.length === 0) throw new RangeError(`${fn}: empty input`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError(`${fn}: value ${x[i]} at index ${i} (use summarize() to skip missing values)`);
  }
}

/**
 * Arithmetic mean, in the units of the input.
 *
 * @param x - finite values (at least one)
 * @throws RangeError for empty input or a non-finite value
 */
export function mean(x: ArrayLike<number>): number {
  checkFinite(x, "mean");
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s / x.length;
}

/**
 * Sample variance with Bessel's correction (divides by n − 1), in squared input units.
 * Two-pass algorithm for accuracy.
 *
 * @param x - finite values (at least two)
 * @throws RangeError for fewer than two values or a non-finite value
 */
export function sampleVariance(x: ArrayLike<number>): number {
  checkFinite(x, "sampleVariance");
  if (x.length < 2) throw new RangeError("sampleVariance: needs at least two values");
  const m = mean(x);
  let ss = 0;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i]! - m;
    ss += d * d;
    s += d;
  }
  return (ss - (s * s) / x.length) / (x.length - 1);
}

/**
 * Sample standard deviation (n − 1), in input units.
 *
 * @param x - finite values (at least two)
 * @throws RangeError as {@link sampleVariance}
 */
export function sampleSd(x: ArrayLike<number>): number {
  return Math.sqrt(sampleVariance(x));
}

/**
 * Standard error of the mean, SD / √n, in input units (the "±" of the paper's "mean ± SE").
 *
 * @param x - finite values (at least two)
 * @throws RangeError as {@link sampleVariance}
 */
export function standardError(x: ArrayLike<number>): number {
  return sampleSd(x) / Math.sqrt(x.length);
}

/**
 * t-based confidence interval of the mean: mean ± t(1 − α/2, n − 1) · SE.
 *
 * @param x - finite values (at least two)
 * @param level - confidence level in (0, 1), default 0.95
 * @returns `[lower, upper]` in input units
 * @throws RangeError as {@link sampleVariance}, or for a level outside (0, 1)
 */
export function meanConfidenceInterval(x: ArrayLike<number>, level = 0.95): [number, number] {
  const m = mean(x);
  const half = studentTQuantile(1 - (1 - level) / 2, x.length - 1) * standardError(x);
  return [m - half, m + half];
}

/**
 * Coefficient of variation (paper 2, Eq. 3), as a ratio: SD / |mean|. The paper prints it as
 * a ratio (e.g. "CV = 0.7") while Eq. 3 multiplies by 100 %; multiply by 100 for percent.
 * The absolute value of the mean keeps CV positive for negative offsets (the paper prints a
 * positive CV = 2.3 for the Arctic's negative mean TO).
 *
 * @param x - finite values (at least two)
 * @throws RangeError as {@link sampleVariance}, or when the mean is exactly 0
 */
export function coefficientOfVariation(x: ArrayLike<number>): number {
  const m = mean(x);
  if (m === 0) throw new RangeError("coefficientOfVariation: the mean is 0");
  return sampleSd(x) / Math.abs(m);
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
 * @param x - values; NaN means missing
 * @param level - confidence level for the CI, default 0.95
 * @throws RangeError for ±Infinity (never a valid measurement)
 */
export function summarize(x: ArrayLike<number>, level = 0.95): Summary {
  const kept: number[] = [];
  let nMissing = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (Number.isNaN(v)) nMissing++;
    else if (!Number.isFinite(v)) throw new RangeError(`summarize: value ${v} at index ${i}`);
    else kept.push(v);
  }
  const n = kept.length;
  const out: Summary = { n, nMissing, mean: null, sd: null, se: null, ciLower: null, ciUpper: null, cv: null, min: null, max: null };
  if (n === 0) return out;
  out.mean = mean(kept);
  out.min = Math.min(...kept);
  out.max = Math.max(...kept);
  if (n < 2) return out;
  out.sd = sampleSd(kept);
  out.se = out.sd / Math.sqrt(n);
  [out.ciLower, out.ciUpper] = meanConfidenceInterval(kept, level);
  out.cv = out.mean === 0 ? null : out.sd / Math.abs(out.mean);
  return out;
}
