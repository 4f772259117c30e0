/**
 * Kendall's rank correlation τ-b between two variables (paper 1 §3.1: the monotonic ALT trend
 * behind the Mann–Kendall test; τ of a series against time). Pairs with a NaN in either
 * variable are skipped. τ-b = S / √((n₀ − n₁)(n₀ − n₂)), with n₀ = n(n − 1)/2 and n₁, n₂ the
 * tied pairs of x and y — what R's `cor(x, y, method = "kendall")` returns.
 */

/** Kendall's S and τ-b. */
export interface KendallTau {
  /** τ-b (dimensionless, −1…1; NaN when either variable is constant or n < 2). */
  tau: number;
  /** S = Σ_{i<j} sign(x_j − x_i)·sign(y_j − y_i). */
  s: number;
  /** Complete pairs used. */
  n: number;
}

/**
 * Kendall's τ-b of x and y, skipping rows where either is NaN. O(n²), meant for the short
 * series of per-pixel and per-site trends (18 years).
 *
 * @param x - first variable (e.g. years)
 * @param y - second variable (e.g. ALT, cm)
 * @returns τ-b, S and the number of complete rows
 * @throws RangeError when the lengths differ
 */
export function kendallTau(x: ArrayLike<number>, y: ArrayLike<number>): KendallTau {
  if (x.length !== y.length) throw new RangeError(`kendallTau: ${x.length} x values but ${y.length} y values`);
  let s = 0;
  let n = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    if (Number.isNaN(xi) || Number.isNaN(yi)) continue;
    n++;
    for (let j = i + 1; j < x.length; j++) {
      const xj = x[j]!;
      const yj = y[j]!;
      if (Number.isNaN(xj) || Number.isNaN(yj)) continue;
      const dx = Math.sign(xj - xi);
      const dy = Math.sign(yj - yi);
      if (dx === 0) tiesX++;
      if (dy === 0) tiesY++;
      s += dx * dy;
    }
  }
  const n0 = (n * (n - 1)) / 2;
  const denom = Math.sqrt((n0 - tiesX) * (n0 - tiesY));
  return { tau: denom > 0 ? s / denom : NaN, s, n };
}
