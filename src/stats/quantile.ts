/**
 * Sample quantiles by R's default definition (type 7, Hyndman & Fan 1996): for sorted values
 * x₁ ≤ … ≤ xₙ, Q(p) = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋) with h = (n − 1)p + 1. Used for paper 1's
 * 1–99 % ALT range (§2.2), the trend IQR (§3.1) and the 2.5/97.5 % uncertainty bands (§2.4.2).
 */

/**
 * Type-7 quantiles of values (NaN values are an error).
 *
 * @param values - the sample
 * @param probs - probabilities in [0, 1]
 * @returns one quantile per probability, in the values' units
 * @throws RangeError for an empty sample, a NaN value or a probability outside [0, 1]
 */
export function quantiles(values: ArrayLike<number>, probs: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) throw new RangeError("quantiles: empty sample");
  const x = Float64Array.from(values);
  for (let i = 0; i < n; i++) if (Number.isNaN(x[i]!)) throw new RangeError(`quantiles: value ${i} is NaN`);
  x.sort();
  return probs.map((p) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`quantiles: probability ${p} is outside [0, 1]`);
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, n - 1);
    return x[lo]! + (h - lo) * (x[hi]! - x[lo]!);
  });
}

/**
 * The median (type-7 quantile at 0.5).
 *
 * @param values - the sample
 * @returns the median
 */
export function median(values: ArrayLike<number>): number {
  return quantiles(values, [0.5])[0]!;
}
