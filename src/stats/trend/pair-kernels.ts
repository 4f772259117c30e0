/**
 * Unchecked kernels shared by the trend functions (not exported from the package: every public
 * entry validates its arguments first, then calls these on the usable pair indices).
 */
import { type KendallTau } from "./kendall-tau";

/**
 * τ-b over given pair indices (no checks; the caller ran {@link usablePairs}).
 *
 * @param x - first variable
 * @param y - second variable
 * @param idx - the usable indices
 * @param skipped - the number skipped, passed through
 * @returns τ-b, S, n and skipped
 */
export function kendallTauOf(x: ArrayLike<number>, y: ArrayLike<number>, idx: Int32Array, skipped: number): KendallTau {
  const n = idx.length;
  let s = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let a = 0; a < n; a++) {
    const i = idx[a]!;
    const xi = x[i]!;
    const yi = y[i]!;
    for (let b = a + 1; b < n; b++) {
      const j = idx[b]!;
      const dx = Math.sign(x[j]! - xi);
      const dy = Math.sign(y[j]! - yi);
      if (dx === 0) tiesX++;
      if (dy === 0) tiesY++;
      s += dx * dy;
    }
  }
  const n0 = (n * (n - 1)) / 2;
  const denom = Math.sqrt((n0 - tiesX) * (n0 - tiesY));
  return { tau: denom > 0 ? s / denom : NaN, s, n, skipped };
}

/**
 * Ties-corrected Var(S) of the given values (no checks).
 *
 * @param values - the values used (no NaN)
 * @returns Var(S)
 */
export function mannKendallVarianceOf(values: ArrayLike<number>): number {
  const v = Float64Array.from(values).sort();
  const n = v.length;
  let ties = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && v[j] === v[i]) j++;
    const t = j - i;
    if (t > 1) ties += t * (t - 1) * (2 * t + 5);
    i = j;
  }
  return (n * (n - 1) * (2 * n + 5) - ties) / 18;
}
