/**
 * Sen's slope (Theil–Sen estimator; Sen 1968) of a time series: the median of all pairwise
 * slopes (y_j − y_i)/(t_j − t_i), i < j — the robust per-pixel ALT trend that paper 1 §3.1's
 * OLS trend is compared with (cm yr⁻¹). The intercept is median(y − b·t) (Conover 1980, as in
 * R's `zyp`/`mblm` convention). The confidence interval is Sen's rank-based one, as R's
 * `trend::sens.slope` computes it: C = z_{1−α/2}·√Var(S), the slopes of ranks round((N − C)/2)
 * and round((N + C)/2 + 1) among the N sorted pairwise slopes.
 */
import { normalQuantile } from "../distributions/normal";
import { mannKendallVariance } from "./mann-kendall";
import { median } from "../quantile";

/** Sen's slope estimate. */
export interface SenSlope {
  /** Median pairwise slope, units of y per unit of t (NaN for n < 2). */
  slope: number;
  /** median(y − slope·t). */
  intercept: number;
  /** Lower confidence limit (NaN when undefined for this n). */
  lower: number;
  /** Upper confidence limit (NaN when undefined for this n). */
  upper: number;
  /** Values used. */
  n: number;
}

/**
 * Sen's slope of y over t, skipping NaN values of y.
 *
 * @param t - times (e.g. years)
 * @param y - values (NaN = missing)
 * @param level - confidence level of the interval (default 0.95)
 * @returns slope, intercept, confidence limits and n
 * @throws RangeError when lengths differ or the level is outside (0, 1)
 */
export function senSlope(t: ArrayLike<number>, y: ArrayLike<number>, level = 0.95): SenSlope {
  if (t.length !== y.length) throw new RangeError(`senSlope: ${t.length} times but ${y.length} values`);
  if (!(level > 0 && level < 1)) throw new RangeError(`senSlope: level must be in (0, 1), got ${level}`);
  const idx: number[] = [];
  for (let i = 0; i < t.length; i++) if (!Number.isNaN(y[i]!)) idx.push(i);
  const n = idx.length;
  const slopes: number[] = [];
  for (let a = 0; a < n; a++) {
    const i = idx[a]!;
    for (let b = a + 1; b < n; b++) {
      const j = idx[b]!;
      const dt = t[j]! - t[i]!;
      if (dt !== 0) slopes.push((y[j]! - y[i]!) / dt);
    }
  }
  if (slopes.length === 0) return { slope: NaN, intercept: NaN, lower: NaN, upper: NaN, n };
  const sorted = Float64Array.from(slopes).sort();
  const slope = median(sorted);
  const intercept = median(idx.map((i) => y[i]! - slope * t[i]!));
  const c = normalQuantile(1 - (1 - level) / 2) * Math.sqrt(mannKendallVariance(idx.map((i) => y[i]!)));
  const N = sorted.length;
  const lo = Math.round((N - c) / 2);
  const hi = Math.round((N + c) / 2 + 1);
  const at = (rank: number): number => (rank >= 1 && rank <= N ? sorted[rank - 1]! : NaN);
  return { slope, intercept, lower: at(lo), upper: at(hi), n };
}
