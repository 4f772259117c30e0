/**
 * Standard normal distribution: CDF via the incomplete gamma function (erfc) and quantile
 * by bisection, for z-based confidence intervals and p-values of pooled effects.
 */
import { gammaQ } from "./incomplete-gamma";
import { invertCdf } from "./invert-cdf";

/**
 * Φ(x), the standard normal CDF (accurate in both tails).
 *
 * @param x - the quantile
 * @throws RangeError for NaN
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) throw new RangeError("normalCdf: x is NaN");
  if (x === 0) return 0.5;
  const tail = 0.5 * gammaQ(0.5, (x * x) / 2); // = P(Z > |x|)
  return x > 0 ? 1 - tail : tail;
}

/**
 * Two-sided p-value 2·P(Z > |z|), computed without cancellation.
 *
 * @param z - the statistic
 * @throws RangeError for NaN
 */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z)) throw new RangeError("normalTwoSidedP: z is NaN");
  return z === 0 ? 1 : gammaQ(0.5, (z * z) / 2);
}

/**
 * The p-quantile of the standard normal (R's `qnorm(p)`), by bisection.
 *
 * @param p - probability in (0, 1)
 * @throws RangeError for p outside (0, 1)
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -normalQuantile(1 - p);
  return invertCdf(normalCdf, p, 1);
}
