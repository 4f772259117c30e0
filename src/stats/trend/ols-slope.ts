/**
 * The ordinary-least-squares trend of a time series (paper 1 §2.4.1–3.1: per-pixel ALT trend in
 * cm yr⁻¹ over 2003–2020): slope b = Σ(t − t̄)(y − ȳ) / Σ(t − t̄)², its standard error
 * √(Σ residual² / (n − 2) / Σ(t − t̄)²), and the intercept at t = 0.
 *
 * Missing values: a pair (t_i, y_i) with NaN in either member is skipped and counted, the same
 * rule as every trend function of the kit (olsSimple, the regression of paired complete cases,
 * refuses NaN instead; on complete data the two give identical slopes, intercepts and SEs). Values so large that a sum of squares, the slope, the
 * intercept or the residual sum of squares overflows are refused with an ArgumentError ("values
 * too large", naming t or y), never returned as ±Infinity or NaN.
 */
import { usablePairs } from "../stat-checks";
import { olsTrendOf } from "./pair-kernels";

/** An OLS trend. */
export interface OlsTrend {
  /** Slope, units of y per unit of t (e.g. cm yr⁻¹); NaN when fewer than 2 pairs are usable. */
  slope: number;
  /** Standard error of the slope (NaN when n < 3). */
  se: number;
  /** Intercept at t = 0; NaN with the slope. */
  intercept: number;
  /** Pairs used. */
  n: number;
  /** Pairs skipped because t or y (or both) was NaN. */
  skipped: number;
}

/**
 * OLS slope of y on t.
 *
 * A pair with NaN in t or y is skipped and counted in `skipped`. Repeated times are allowed (an
 * ordinary regression with replicated x), but when every usable pair has the same time the slope
 * does not exist and that is an error. Fewer than 2 usable pairs (missing data) give NaN slope,
 * SE and intercept, with the counts.
 *
 * @param t - times (e.g. years); NaN = missing
 * @param y - values; NaN = missing
 * @returns slope, SE, intercept and the counts
 * @throws ArgumentError when the lengths differ, there are fewer than 2 entries, a value is
 *   ±Infinity, or all usable times are equal
 * @example
 * olsTrend([1, 2, 3, NaN], [2, 4, 6, 8]); // { slope: 2, se: 0, intercept: 0, n: 3, skipped: 1 }
 */
export function olsTrend(t: ArrayLike<number>, y: ArrayLike<number>): OlsTrend {
  const { idx, skipped } = usablePairs("olsTrend", t, y);
  return olsTrendOf("olsTrend", t, y, idx, skipped);
}
