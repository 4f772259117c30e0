/**
 * Chi-square distribution: upper tail (p-value of Cochran's Q, paper 2 Eq. 10) and quantiles
 * (Q-profile confidence interval of τ²). Checked against R's pchisq()/qchisq().
 */
import { gammaP, gammaQ } from "./incomplete-gamma";
import { invertCdf } from "./invert-cdf";
import { checkDf, checkNotNaN, checkProbability } from "../stat-checks";

/**
 * P(X ≤ x) for X ~ χ²(df).
 *
 * @param x - the quantile (±Infinity allowed)
 * @param df - degrees of freedom, a finite number > 0
 * @returns the probability
 * @throws ArgumentError for df ≤ 0, df or x NaN, or df infinite; FitError if the incomplete gamma does not converge
 * @example
 * chiSquareCdf(3.841458820694124, 1); // 0.95
 */
export function chiSquareCdf(x: number, df: number): number {
  checkDf("chiSquareCdf", df);
  checkNotNaN("chiSquareCdf", "x", x);
  return x <= 0 ? 0 : gammaP(df / 2, x / 2);
}

/**
 * P(X > x) for X ~ χ²(df), accurate for small p-values.
 *
 * @param x - the statistic (±Infinity allowed)
 * @param df - degrees of freedom, a finite number > 0
 * @returns the p-value
 * @throws ArgumentError for df ≤ 0, df or x NaN, or df infinite; FitError if the incomplete gamma does not converge
 * @example
 * chiSquareSf(3.841458820694124, 1); // 0.05
 */
export function chiSquareSf(x: number, df: number): number {
  checkDf("chiSquareSf", df);
  checkNotNaN("chiSquareSf", "x", x);
  return x <= 0 ? 1 : gammaQ(df / 2, x / 2);
}

/**
 * The p-quantile of χ²(df) (R's `qchisq(p, df)`), by bisection to full precision.
 *
 * @param p - probability in (0, 1)
 * @param df - degrees of freedom, a finite number > 0
 * @returns the quantile
 * @throws ArgumentError for p outside (0, 1), df ≤ 0, or NaN
 * @example
 * chiSquareQuantile(0.95, 1); // 3.841458820694124
 */
export function chiSquareQuantile(p: number, df: number): number {
  checkProbability("chiSquareQuantile", "p", p, true);
  checkDf("chiSquareQuantile", df);
  return invertCdf((x) => chiSquareCdf(x, df), p, Math.max(1, df), "chiSquareQuantile");
}
