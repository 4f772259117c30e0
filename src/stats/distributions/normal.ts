/**
 * Standard normal distribution: CDF via the incomplete gamma function (erfc) and quantile
 * by bisection, for z-based confidence intervals and p-values of pooled effects.
 */
import { gammaQ } from "./incomplete-gamma";
import { FitError } from "../../core/errors";
import { invertCdf, invertSf } from "./invert-cdf";
import { checkNotNaN, checkProbability } from "../stat-checks";

/**
 * Φ(x), the standard normal CDF (accurate in both tails).
 *
 * @param x - the quantile (±Infinity allowed)
 * @returns Φ(x)
 * @throws ArgumentError for NaN
 * @example
 * normalCdf(1.959963984540054); // 0.975
 */
export function normalCdf(x: number): number {
  checkNotNaN("normalCdf", "x", x);
  if (x === 0) return 0.5;
  const tail = 0.5 * gammaQ(0.5, (x * x) / 2); // = P(Z > |x|)
  return x > 0 ? 1 - tail : tail;
}

/**
 * Two-sided p-value 2·P(Z > |z|), computed without cancellation.
 *
 * @param z - the statistic (±Infinity gives 0)
 * @returns the p-value
 * @throws ArgumentError for NaN
 * @example
 * normalTwoSidedP(1.959963984540054); // 0.05
 */
export function normalTwoSidedP(z: number): number {
  checkNotNaN("normalTwoSidedP", "z", z);
  return z === 0 ? 1 : gammaQ(0.5, (z * z) / 2);
}

/**
 * The p-quantile of the standard normal (R's `qnorm(p)`), by bisection; a lower quantile
 * (p < 1e-4) is found from the lower tail itself, so a tiny p (1e-20, 1e-300) keeps its precision.
 *
 * @param p - probability in (0, 1)
 * @returns the quantile
 * @throws ArgumentError for p outside (0, 1) or NaN
 * @example
 * normalQuantile(0.975); // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  checkProbability("normalQuantile", "p", p, true);
  if (p === 0.5) return 0;
  if (p < 1e-4) {
    const fail = (): never => { throw new FitError("normalQuantile", "bisection", `no bracket for p = ${p}`); };
    return -invertSf((x) => 0.5 * gammaQ(0.5, (x * x) / 2), p, { max: 1e3, fail });
  }
  if (p < 0.5) return -invertCdf(normalCdf, 1 - p, 1, "normalQuantile");
  return invertCdf(normalCdf, p, 1, "normalQuantile");
}
