/**
 * Sen's slope (Theil–Sen estimator; Sen 1968) of a time series: the median of all pairwise
 * slopes (y_j − y_i)/(t_j − t_i), i < j — the robust per-pixel ALT trend that paper 1 §3.1's
 * OLS trend is compared with (cm yr⁻¹). The intercept is median(y − b·t) (Conover 1980, as in
 * R's `zyp`/`mblm` convention). The confidence interval is Sen's rank-based one, as R's
 * `trend::sens.slope` computes it: C = z_{1−α/2}·√Var(S), the slopes of ranks round((N − C)/2)
 * and round((N + C)/2 + 1) among the N sorted pairwise slopes.
 *
 * Values so large that a pairwise difference, slope or residual overflows are refused with an
 * ArgumentError ("values too large", naming t or y), never returned as NaN.
 *
 * Missing values: a pair (t_i, y_i) with NaN in either member is skipped and counted, the same
 * rule as every trend function of the kit.
 */
import { checkLevel, usablePairs } from "../stat-checks";
import { senSlopeOf } from "./pair-kernels";

/** Sen's slope estimate. */
export interface SenSlope {
  /** Median pairwise slope, units of y per unit of t; NaN when fewer than 2 pairs are usable. */
  slope: number;
  /** median(y − slope·t); NaN with the slope. */
  intercept: number;
  /** Lower confidence limit (NaN when undefined for this n). */
  lower: number;
  /** Upper confidence limit (NaN when undefined for this n). */
  upper: number;
  /** Pairs (t, y) used. */
  n: number;
  /** Pairs skipped because t or y (or both) was NaN. */
  skipped: number;
  /** Pairs of used points with equal times, which give no slope and are left out of the median. */
  tiedTimePairs: number;
}

/**
 * Sen's slope of y over t.
 *
 * A pair with NaN in t or y is skipped and counted in `skipped`. Repeated times are allowed:
 * two points at the same time give no slope, so that pair is left out of the median and counted
 * in `tiedTimePairs`; when every usable pair shares one time no slope exists and that is an
 * error. Fewer than 2 usable pairs give NaN (documented, with the counts).
 *
 * @param t - times (e.g. years); NaN = missing
 * @param y - values; NaN = missing
 * @param level - confidence level of the interval, in (0, 1) (default 0.95)
 * @returns slope, intercept, confidence limits, n and the counts
 * @throws ArgumentError when lengths differ, there are fewer than 2 entries, a value is
 *   ±Infinity, the level is outside (0, 1), or all usable times are equal
 * @example
 * senSlope([1, 2, 3, 4], [2, 4, NaN, 8]).slope; // 2
 */
export function senSlope(t: ArrayLike<number>, y: ArrayLike<number>, level = 0.95): SenSlope {
  const fn = "senSlope";
  checkLevel(fn, "level", level);
  const { idx, skipped } = usablePairs(fn, t, y);
  return senSlopeOf(fn, t, y, idx, skipped, level);
}
