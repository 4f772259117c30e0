/**
 * Chi-square distribution: upper tail (p-value of Cochran's Q, paper 2 Eq. 10) and quantiles
 * (Q-profile confidence interval of τ²). Checked against R's pchisq()/qchisq().
 */
import { gammaP, gammaQ } from "./incomplete-gamma";
import { invertCdf } from "./invert-cdf";

/**
 * P(X ≤ x) for X ~ χ²(df).
 *
 * @param x - the quantile
 * @param df - degrees of freedom, > 0
 * @throws RangeError for df ≤ 0 or NaN
 */
export function chiSquareCdf(x: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`chiSquareCdf: df must be > 0, got ${df}`);
  if (Number.isNaN(x)) throw new RangeError("chiSquareCdf: x is NaN");
  return x <= 0 ? 0 : gammaP(df / 2, x / 2);
}

/**
 * P(X > x) for X ~ χ²(df), accurate for small p-values.
 *
 * @param x - the statistic
 * @param df - degrees of freedom, > 0
 * @throws RangeError for df ≤ 0 or NaN
 */
export function chiSquareSf(x: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`chiSquareSf: df must be > 0, got ${df}`);
  if (Number.isNaN(x)) throw new RangeError("chiSquareSf: x is NaN");
  return x <= 0 ? 1 : gammaQ(df / 2, x / 2);
}

/**
 * The p-quantile of χ²(df) (R's `qchisq(p, df)`), by bisection to full precision.
 *
 * @param p - probability in (0, 1)
 * @param df - degrees of freedom, > 0
 * @throws RangeError for p outside (0, 1) or df ≤ 0
 */
export function chiSquareQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`chiSquareQuantile: p must be in (0, 1), got ${p}`);
  if (!(df > 0)) throw new RangeError(`chiSquareQuantile: df must be > 0, got ${df}`);
  return invertCdf((x) => chiSquareCdf(x, df), p, Math.max(1, df));
}
