/**
 * The unchecked type-7 quantile kernel (not exported from the package; `quantiles()` in quantile.ts is the
 * checked public entry).
 */

/**
 * The type-7 quantile of values already sorted ascending (no checks: internal use by callers
 * that have validated and sorted their sample).
 *
 * @param x - sorted finite values (at least one)
 * @param p - probability in [0, 1]
 * @returns the quantile
 */
export function quantileOfSorted(x: ArrayLike<number>, p: number): number {
  const n = x.length;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = x[lo]!, b = x[hi]!, f = h - lo;
  const d = b - a;
  // b − a overflows only for values of opposite sign near the double range: interpolate as (1 − f)·a + f·b
  return d < Infinity ? a + f * d : (1 - f) * a + f * b;
}
