/**
 * Sen's slope (Theil–Sen estimator; Sen 1968) of a time series: the median of all pairwise
 * slopes (y_j − y_i)/(t_j − t_i), i < j — the robust per-pixel ALT trend that paper 1 §3.1's
 * OLS trend is compared with (cm yr⁻¹). The intercept is median(y − b·t) (Conover 1980, as in
 * R's `zyp`/`mblm` convention). The confidence interval is Sen's rank-based one, as R's
 * `trend::sens.slope` computes it: C = z_{1−α/2}·√Var(S), the slopes of ranks round((N − C)/2)
 * and round((N + C)/2 + 1) among the N sorted pairwise slopes.
 *
 * Missing values: a pair (t_i, y_i) with NaN in either member is skipped and counted, the same
 * rule as every trend function of the kit.
 */
import { ArgumentError } from "../../core/errors";
import { normalQuantile } from "../distributions/normal";
import { checkLevel, usablePairs } from "../stat-checks";
import { mannKendallVarianceOf } from "./pair-kernels";
import { quantileOfSorted } from "../sorted-quantile";

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
  const n = idx.length;
  const slopes: number[] = [];
  let tiedTimePairs = 0;
  for (let a = 0; a < n; a++) {
    const i = idx[a]!;
    for (let b = a + 1; b < n; b++) {
      const j = idx[b]!;
      const dt = t[j]! - t[i]!;
      if (dt !== 0) slopes.push((y[j]! - y[i]!) / dt);
      else tiedTimePairs++;
    }
  }
  if (n < 2) return { slope: NaN, intercept: NaN, lower: NaN, upper: NaN, n, skipped, tiedTimePairs };
  if (slopes.length === 0) {
    throw new ArgumentError({ fn, arg: "t", value: t[idx[0]!], expected: "at least two distinct times among the usable pairs" }, "every usable point has the same time, so no slope exists");
  }
  const sorted = Float64Array.from(slopes).sort();
  const slope = quantileOfSorted(sorted, 0.5);
  const resid = Float64Array.from(idx, (i) => y[i]! - slope * t[i]!).sort();
  const intercept = quantileOfSorted(resid, 0.5);
  const c = normalQuantile(1 - (1 - level) / 2) * Math.sqrt(mannKendallVarianceOf(Float64Array.from(idx, (i) => y[i]!)));
  const N = sorted.length;
  const lo = Math.round((N - c) / 2);
  const hi = Math.round((N + c) / 2 + 1);
  const at = (rank: number): number => (rank >= 1 && rank <= N ? sorted[rank - 1]! : NaN);
  return { slope, intercept, lower: at(lo), upper: at(hi), n, skipped, tiedTimePairs };
}
