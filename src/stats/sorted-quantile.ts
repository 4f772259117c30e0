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
  return x[lo]! + (h - lo) * (x[hi]! - x[lo]!);
}
