/**
 * Student t distribution: CDF and quantile, for t-based confidence intervals
 * (paper 2 Fig 2: mean with 95 % CI per sub-region; the meta-analysis' prediction interval).
 * Checked against R's pt()/qt() in test/oracles/descriptive/.
 */
import { incompleteBeta } from "./gamma";
import { invertCdf } from "./invert-cdf";

/**
 * P(T ≤ t) for Student's t with `df` degrees of freedom.
 *
 * @param t - the quantile
 * @param df - degrees of freedom, > 0 (may be fractional)
 * @throws RangeError for df ≤ 0 or NaN input
 */
export function studentTCdf(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`studentTCdf: df must be > 0, got ${df}`);
  if (Number.isNaN(t)) throw new RangeError("studentTCdf: t is NaN");
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/**
 * The p-quantile of Student's t with `df` degrees of freedom (R's `qt(p, df)`), found by
 * bisection on {@link studentTCdf} to full double precision.
 *
 * @param p - probability in (0, 1)
 * @param df - degrees of freedom, > 0
 * @throws RangeError for p outside (0, 1) or df ≤ 0
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile: p must be in (0, 1), got ${p}`);
  if (!(df > 0)) throw new RangeError(`studentTQuantile: df must be > 0, got ${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  return invertCdf((t) => studentTCdf(t, df), p, 1);
}

/**
 * Two-sided p-value 2·P(T > |t|) for Student's t, computed without cancellation.
 *
 * @param t - the statistic
 * @param df - degrees of freedom, > 0
 * @throws RangeError for df ≤ 0 or NaN
 */
export function studentTTwoSidedP(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`studentTTwoSidedP: df must be > 0, got ${df}`);
  if (Number.isNaN(t)) throw new RangeError("studentTTwoSidedP: t is NaN");
  if (!Number.isFinite(t)) return 0;
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}
