/**
 * Kendall's rank correlation τ-b between two variables (paper 1 §3.1: the monotonic ALT trend
 * behind the Mann–Kendall test; τ of a series against time). τ-b = S / √((n₀ − n₁)(n₀ − n₂)),
 * with n₀ = n(n − 1)/2 and n₁, n₂ the tied pairs of x and y — what R's
 * `cor(x, y, method = "kendall", use = "complete.obs")` returns.
 *
 * Missing values: a pair (x_i, y_i) with NaN in either member is skipped, and the number skipped
 * is returned (`skipped`), the same rule as every trend function of the kit.
 */
import { usablePairs } from "../stat-checks";
import { kendallTauOf } from "./pair-kernels";

/** Kendall's S and τ-b. */
export interface KendallTau {
  /** τ-b (dimensionless, −1…1); NaN when either variable is constant over the pairs used or fewer than 2 pairs are usable. */
  tau: number;
  /** S = Σ_{i<j} sign(x_j − x_i)·sign(y_j − y_i). */
  s: number;
  /** Complete pairs used. */
  n: number;
  /** Pairs skipped because x or y (or both) was NaN. */
  skipped: number;
}

/**
 * Kendall's τ-b of x and y, skipping (and counting) pairs where either is NaN. O(n²), meant for
 * the short series of per-pixel and per-site trends (18 years). Ties in x or y are allowed
 * (that is what the b correction is for).
 *
 * @param x - first variable (e.g. years); NaN = missing
 * @param y - second variable (e.g. ALT, cm); NaN = missing
 * @returns τ-b, S, the number of complete pairs and the number skipped
 * @throws ArgumentError when either is not an array of numbers, the lengths differ, there are
 *   fewer than 2 entries, or a value is ±Infinity
 * @example
 * kendallTau([1, 2, 3, NaN], [1, 3, 2, 4]); // { tau: 0.333…, s: 1, n: 3, skipped: 1 }
 */
export function kendallTau(x: ArrayLike<number>, y: ArrayLike<number>): KendallTau {
  const { idx, skipped } = usablePairs("kendallTau", x, y, ["x", "y"]);
  return kendallTauOf(x, y, idx, skipped);
}
