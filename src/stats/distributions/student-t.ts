/**
 * Student t distribution: CDF and quantile, for t-based confidence intervals
 * (paper 2 Fig 2: mean with 95 % CI per sub-region; the meta-analysis' prediction interval).
 * Checked against R's pt()/qt() in test/oracles/descriptive/.
 */
import { incompleteBeta } from "./gamma";
import { invertCdf } from "./invert-cdf";
import { checkDf, checkNotNaN, checkProbability } from "../stat-checks";

function cdf(t: number, df: number): number {
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/**
 * P(T ≤ t) for Student's t with `df` degrees of freedom.
 *
 * @param t - the quantile (±Infinity allowed)
 * @param df - degrees of freedom, a finite number > 0 (may be fractional)
 * @returns the probability
 * @throws ArgumentError for df ≤ 0, df infinite, or NaN input
 * @example
 * studentTCdf(0, 5); // 0.5
 */
export function studentTCdf(t: number, df: number): number {
  checkDf("studentTCdf", df);
  checkNotNaN("studentTCdf", "t", t);
  return cdf(t, df);
}

/**
 * The p-quantile of Student's t with `df` degrees of freedom (R's `qt(p, df)`), found by
 * bisection on {@link studentTCdf} to full double precision.
 *
 * @param p - probability in (0, 1)
 * @param df - degrees of freedom, a finite number > 0
 * @returns the quantile
 * @throws ArgumentError for p outside (0, 1), df ≤ 0, or NaN
 * @example
 * studentTQuantile(0.975, 10); // 2.228
 */
export function studentTQuantile(p: number, df: number): number {
  checkProbability("studentTQuantile", "p", p, true);
  checkDf("studentTQuantile", df);
  if (p === 0.5) return 0;
  if (p < 0.5) return -invertCdf((t) => cdf(t, df), 1 - p, 1, "studentTQuantile");
  return invertCdf((t) => cdf(t, df), p, 1, "studentTQuantile");
}

/**
 * Two-sided p-value 2·P(T > |t|) for Student's t, computed without cancellation.
 *
 * @param t - the statistic (±Infinity gives 0)
 * @param df - degrees of freedom, a finite number > 0
 * @returns the p-value
 * @throws ArgumentError for df ≤ 0, df infinite, or NaN
 * @example
 * studentTTwoSidedP(0, 5); // 1
 */
export function studentTTwoSidedP(t: number, df: number): number {
  checkDf("studentTTwoSidedP", df);
  checkNotNaN("studentTTwoSidedP", "t", t);
  if (!Number.isFinite(t)) return 0;
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}
