/**
 * The Mann–Kendall test for a monotonic trend (paper 1 §3.1; per-pixel and per-site ALT trends
 * 2003–2020). Textbook form (Mann 1945; Kendall 1975; Hipel & McLeod 1994):
 *
 *   S = Σ_{i<j} sign(y_j − y_i) over time-ordered values,
 *   Var(S) = [n(n − 1)(2n + 5) − Σ_g t_g(t_g − 1)(2t_g + 5)] / 18  (t_g = size of tie group g),
 *   z = (S − sign(S)) / √Var(S)  (continuity correction), p = 2·(1 − Φ(|z|)),
 *   τ = Kendall's τ-b of (time, y).
 *
 * This is what R's `Kendall::MannKendall` reports (S, varS, τ, two-sided p). Missing values: a
 * pair (t_i, y_i) with NaN in either member is skipped in S and in Var(S) alike (one rule for
 * every trend function), and the number skipped is returned. Gappy series are ordered by their
 * times, not by position.
 */
import { ArgumentError } from "../../core/errors";
import { checkArray } from "../../core/checks";
import { usablePairs } from "../stat-checks";
import { mannKendallOf, mannKendallVarianceOf } from "./pair-kernels";

/** A Mann–Kendall test result. */
export interface MannKendall {
  /** Kendall's S (dimensionless count of concordant minus discordant pairs). */
  s: number;
  /** Var(S), ties-corrected, over the same pairs as S. */
  varS: number;
  /** Continuity-corrected z; NaN when Var(S) = 0 (a constant series, or fewer than 2 usable pairs). */
  z: number;
  /** Two-sided p-value from the normal approximation; NaN when z is NaN. */
  p: number;
  /** Kendall's τ-b of (time, y); NaN when y is constant or fewer than 2 pairs are usable. */
  tau: number;
  /** Pairs used. */
  n: number;
  /** Pairs skipped because the time or the value (or both) was NaN. */
  skipped: number;
}

/**
 * Ties-corrected variance of S for the values used.
 *
 * @param values - the values used (no NaN: drop missing values first)
 * @returns Var(S)
 * @throws ArgumentError when `values` is not an array of finite numbers
 * @example
 * mannKendallVariance([1, 2, 3, 4, 5]); // 16.67 = 5·4·15/18
 */
export function mannKendallVariance(values: ArrayLike<number>): number {
  return mannKendallVarianceOf(checkArray("mannKendallVariance", "values", values));
}

/**
 * Mann–Kendall trend test of y over times t.
 *
 * A pair with NaN in t or y is skipped (in S, Var(S) and τ alike) and counted in `skipped`.
 * Two usable pairs may not share a time: a repeated time is refused (aggregate the values of a
 * year first), because S would depend on the arbitrary order of the tied pair. Fewer than 2
 * usable pairs give S = 0, Var(S) = 0 and NaN z, p and τ (documented, with the counts).
 *
 * @param t - times (e.g. years); NaN = missing
 * @param y - values; NaN = missing
 * @returns S, Var(S), z, two-sided p, τ, n and the number of pairs skipped
 * @throws ArgumentError when lengths differ, there are fewer than 2 entries, a value is
 *   ±Infinity, or two usable pairs share a time
 * @example
 * mannKendall([2001, 2002, 2003, 2004], [1, 2, NaN, 5]).skipped; // 1
 */
export function mannKendall(t: ArrayLike<number>, y: ArrayLike<number>): MannKendall {
  const { idx, skipped } = usablePairs("mannKendall", t, y);
  const seen = new Map<number, number>();
  const kept = new Float64Array(idx.length);
  for (let a = 0; a < idx.length; a++) {
    const i = idx[a]!;
    const ti = t[i]!;
    const first = seen.get(ti);
    if (first !== undefined) {
      throw new ArgumentError({ fn: "mannKendall", arg: "t", at: i, value: ti, expected: `distinct times (index ${first} has the same time; aggregate first)` }, `time ${ti} occurs twice`);
    }
    seen.set(ti, i);
    kept[a] = y[i]!;
  }
  return mannKendallOf(t, y, idx, skipped, kept);
}
