/**
 * Sample quantiles by R's default definition (type 7, Hyndman & Fan 1996): for sorted values
 * x₁ ≤ … ≤ xₙ, Q(p) = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋) with h = (n − 1)p + 1. Used for paper 1's
 * 1–99 % ALT range (§2.2), the trend IQR (§3.1) and the 2.5/97.5 % uncertainty bands (§2.4.2).
 *
 * Missing values: refused (NaN is an error, with its index); drop them before calling.
 */
import { checkArray } from "../core/checks";
import { checkProbability } from "./stat-checks";
import { quantileOfSorted } from "./sorted-quantile";

function checkedQuantiles(fn: string, values: ArrayLike<number>, probs: ArrayLike<number>): number[] {
  const v = checkArray(fn, "values", values, { minLength: 1 });
  const ps = checkArray(fn, "probs", probs, { allowNaN: true });
  for (let j = 0; j < ps.length; j++) checkProbability(fn, "probs", ps[j], false, j);
  const x = Float64Array.from(v).sort();
  return Array.from(ps, (p) => quantileOfSorted(x, p));
}

/**
 * Type-7 quantiles of values.
 *
 * @param values - the sample: finite numbers, at least one (NaN is refused)
 * @param probs - probabilities in [0, 1]
 * @returns one quantile per probability, in the values' units
 * @throws ArgumentError for an empty sample, a NaN or ±Infinity value, or a probability that is
 *   NaN or outside [0, 1] (each named with its index)
 * @example
 * quantiles([1, 2, 3, 4], [0, 0.5, 1]); // [1, 2.5, 4]
 */
export function quantiles(values: ArrayLike<number>, probs: readonly number[]): number[] {
  return checkedQuantiles("quantiles", values, probs);
}

/**
 * The median (type-7 quantile at 0.5).
 *
 * @param values - the sample: finite numbers, at least one (NaN is refused)
 * @returns the median
 * @throws ArgumentError for an empty sample or a NaN or ±Infinity value
 * @example
 * median([3, 1, 2]); // 2
 */
export function median(values: ArrayLike<number>): number {
  return checkedQuantiles("median", values, [0.5])[0]!;
}
