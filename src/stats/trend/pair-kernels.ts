/**
 * Unchecked kernels shared by the trend functions (not exported from the package: every public
 * entry validates its arguments first, then calls these on the usable pair indices).
 */
import { ArgumentError } from "../../core/errors";
import { normalQuantile, normalTwoSidedP } from "../distributions/normal";
import { quantileOfSorted } from "../sorted-quantile";
import { valuesOutOfRange } from "../stat-checks";
import { type KendallTau } from "./kendall-tau";
import { type MannKendall } from "./mann-kendall";
import { type OlsTrend } from "./ols-slope";
import { type SenSlope } from "./sen-slope";

/**
 * τ-b over given pair indices (no checks; the caller ran {@link usablePairs}).
 *
 * @param x - first variable
 * @param y - second variable
 * @param idx - the usable indices
 * @param skipped - the number skipped, passed through
 * @returns τ-b, S, n and skipped
 */
export function kendallTauOf(x: ArrayLike<number>, y: ArrayLike<number>, idx: Int32Array, skipped: number): KendallTau {
  const n = idx.length;
  let s = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let a = 0; a < n; a++) {
    const i = idx[a]!;
    const xi = x[i]!;
    const yi = y[i]!;
    for (let b = a + 1; b < n; b++) {
      const j = idx[b]!;
      const dx = Math.sign(x[j]! - xi);
      const dy = Math.sign(y[j]! - yi);
      if (dx === 0) tiesX++;
      if (dy === 0) tiesY++;
      s += dx * dy;
    }
  }
  const n0 = (n * (n - 1)) / 2;
  const denom = Math.sqrt((n0 - tiesX) * (n0 - tiesY));
  return { tau: denom > 0 ? s / denom : NaN, s, n, skipped };
}

/**
 * Ties-corrected Var(S) of the given values (no checks).
 *
 * @param values - the values used (no NaN)
 * @returns Var(S)
 */
export function mannKendallVarianceOf(values: ArrayLike<number>): number {
  const v = Float64Array.from(values).sort();
  const n = v.length;
  let ties = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && v[j] === v[i]) j++;
    const t = j - i;
    if (t > 1) ties += t * (t - 1) * (2 * t + 5);
    i = j;
  }
  return (n * (n - 1) * (2 * n + 5) - ties) / 18;
}

/**
 * OLS slope over given pair indices (no checks; the caller validated the arrays and chose the
 * usable indices). Arithmetic identical to {@link olsTrend}.
 *
 * @param fn - the public function, for the error message
 * @param t - times
 * @param y - values
 * @param idx - the usable indices
 * @param skipped - the number skipped, passed through
 * @returns slope, SE, intercept, n and skipped
 * @throws ArgumentError when every usable time is the same
 */
export function olsTrendOf(fn: string, t: ArrayLike<number>, y: ArrayLike<number>, idx: Int32Array, skipped: number): OlsTrend {
  const n = idx.length;
  if (n < 2) return { slope: NaN, se: NaN, intercept: NaN, n, skipped };
  let st = 0;
  let sy = 0;
  for (let a = 0; a < n; a++) {
    const i = idx[a]!;
    st += t[i]!;
    sy += y[i]!;
  }
  const mt = st / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let a = 0; a < n; a++) {
    const i = idx[a]!;
    const d = t[i]! - mt;
    sxx += d * d;
    sxy += d * (y[i]! - my);
  }
  if (!(sxx < Infinity && Number.isFinite(mt))) throw valuesOutOfRange(fn, "t", t, "the sum of squared deviations");
  if (!(Number.isFinite(sxy) && Number.isFinite(my))) throw valuesOutOfRange(fn, "y", y, "the sum of cross-products");
  if (sxx === 0) {
    throw new ArgumentError({ fn, arg: "t", value: t[idx[0]!], expected: "at least two distinct times among the usable pairs" }, "every usable point has the same time, so no slope exists");
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mt;
  let sse = 0;
  for (let a = 0; a < n; a++) {
    const i = idx[a]!;
    const r = y[i]! - intercept - slope * t[i]!;
    sse += r * r;
  }
  if (!(Number.isFinite(slope) && Number.isFinite(intercept) && sse < Infinity)) throw valuesOutOfRange(fn, "y", y, "the slope, the intercept or the residual sum of squares (one of them)");
  return { slope, se: n > 2 ? Math.sqrt(sse / (n - 2) / sxx) : NaN, intercept, n, skipped };
}

/**
 * Only the slope of {@link senSlopeOf}, for per-pixel maps (paper 1 §3.1, millions of pixels): the
 * pairwise slopes go into a caller's scratch array instead of a new list, and the intercept and the
 * confidence limits are not computed. The slopes, their sort and the median are those of
 * senSlopeOf, so the result is identical to `senSlopeOf(…).slope`.
 *
 * @param fn - the public function, for the error message
 * @param t - times, strictly increasing over the usable indices (no tied times)
 * @param y - values
 * @param idx - the usable indices (at least 2)
 * @param scratch - room for idx.length · (idx.length − 1) / 2 slopes
 * @returns the median pairwise slope
 * @throws ArgumentError when a pairwise slope overflows
 */
export function senSlopeMedianOf(fn: string, t: ArrayLike<number>, y: ArrayLike<number>, idx: Int32Array, scratch: Float64Array): number {
  const n = idx.length;
  let m = 0;
  for (let a = 0; a < n; a++) {
    const i = idx[a]!;
    for (let b = a + 1; b < n; b++) {
      const j = idx[b]!;
      const s = (y[j]! - y[i]!) / (t[j]! - t[i]!);
      if (!(s - s === 0)) throw valuesOutOfRange(fn, "y", y, "a pairwise difference or slope");
      scratch[m++] = s;
    }
  }
  return quantileOfSorted(scratch.subarray(0, m).sort(), 0.5);
}

/**
 * Sen's slope over given pair indices (no checks; the caller validated the arrays and the level
 * and chose the usable indices). Arithmetic identical to {@link senSlope}.
 *
 * @param fn - the public function, for the error message
 * @param t - times
 * @param y - values
 * @param idx - the usable indices
 * @param skipped - the number skipped, passed through
 * @param level - confidence level in (0, 1)
 * @returns slope, intercept, confidence limits and the counts
 * @throws ArgumentError when every usable time is the same
 */
export function senSlopeOf(fn: string, t: ArrayLike<number>, y: ArrayLike<number>, idx: Int32Array, skipped: number, level: number): SenSlope {
  const n = idx.length;
  const slopes: number[] = [];
  let tiedTimePairs = 0;
  let overflow: "t" | "y" | undefined;
  for (let a = 0; a < n; a++) {
    const i = idx[a]!;
    for (let b = a + 1; b < n; b++) {
      const j = idx[b]!;
      const dt = t[j]! - t[i]!;
      if (dt !== 0) {
        const s = (y[j]! - y[i]!) / dt;
        if (!(s - s === 0 && dt - dt === 0)) overflow ??= dt - dt === 0 ? "y" : "t";
        slopes.push(s);
      } else tiedTimePairs++;
    }
  }
  if (overflow !== undefined) throw valuesOutOfRange(fn, overflow, overflow === "t" ? t : y, "a pairwise difference or slope");
  if (n < 2) return { slope: NaN, intercept: NaN, lower: NaN, upper: NaN, n, skipped, tiedTimePairs };
  if (slopes.length === 0) {
    throw new ArgumentError({ fn, arg: "t", value: t[idx[0]!], expected: "at least two distinct times among the usable pairs" }, "every usable point has the same time, so no slope exists");
  }
  const sorted = Float64Array.from(slopes).sort();
  const slope = quantileOfSorted(sorted, 0.5);
  const resid = Float64Array.from(idx, (i) => y[i]! - slope * t[i]!).sort();
  const intercept = quantileOfSorted(resid, 0.5);
  if (!Number.isFinite(intercept)) throw valuesOutOfRange(fn, "y", y, "the median residual y − slope·t");
  const c = normalQuantile(1 - (1 - level) / 2) * Math.sqrt(mannKendallVarianceOf(Float64Array.from(idx, (i) => y[i]!)));
  const N = sorted.length;
  const lo = Math.round((N - c) / 2);
  const hi = Math.round((N + c) / 2 + 1);
  const at = (rank: number): number => (rank >= 1 && rank <= N ? sorted[rank - 1]! : NaN);
  return { slope, intercept, lower: at(lo), upper: at(hi), n, skipped, tiedTimePairs };
}

/**
 * Mann–Kendall S, Var(S), z, p and τ over given pair indices with distinct times (no checks; the
 * caller validated the arrays, chose the usable indices and made sure the times are distinct).
 * Arithmetic identical to {@link mannKendall}.
 *
 * @param t - times
 * @param y - values
 * @param idx - the usable indices
 * @param skipped - the number skipped, passed through
 * @param kept - y at the usable indices, in order (a buffer of at least idx.length values)
 * @returns S, Var(S), z, two-sided p, τ, n and skipped
 */
export function mannKendallOf(t: ArrayLike<number>, y: ArrayLike<number>, idx: Int32Array, skipped: number, kept: Float64Array): MannKendall {
  const k = kendallTauOf(t, y, idx, skipped);
  const varS = mannKendallVarianceOf(kept.subarray(0, idx.length));
  const z = varS > 0 ? (k.s - Math.sign(k.s)) / Math.sqrt(varS) : NaN;
  return { s: k.s, varS, z, p: Number.isNaN(z) ? NaN : normalTwoSidedP(z), tau: k.tau, n: k.n, skipped };
}
