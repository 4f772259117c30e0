/**
 * The Mann–Kendall test for a monotonic trend (paper 1 §3.1; per-pixel and per-site ALT trends
 * 2003–2020). Textbook form (Mann 1945; Kendall 1975; Hipel & McLeod 1994):
 *
 *   S = Σ_{i<j} sign(y_j − y_i) over time-ordered values,
 *   Var(S) = [n(n − 1)(2n + 5) − Σ_g t_g(t_g − 1)(2t_g + 5)] / 18  (t_g = size of tie group g),
 *   z = (S − sign(S)) / √Var(S)  (continuity correction), p = 2·(1 − Φ(|z|)),
 *   τ = Kendall's τ-b of (time, y).
 *
 * This is what R's `Kendall::MannKendall` reports (S, varS, τ, two-sided p). Missing values
 * (NaN) are skipped, so gappy series are ordered by their times, not by position.
 */
import { normalTwoSidedP } from "../distributions/normal";
import { kendallTau } from "./kendall-tau";

/** A Mann–Kendall test result. */
export interface MannKendall {
  /** Kendall's S (dimensionless count of concordant minus discordant pairs). */
  s: number;
  /** Var(S), ties-corrected. */
  varS: number;
  /** Continuity-corrected z (NaN when Var(S) = 0). */
  z: number;
  /** Two-sided p-value from the normal approximation (NaN when Var(S) = 0). */
  p: number;
  /** Kendall's τ-b of (time, y). */
  tau: number;
  /** Values used. */
  n: number;
}

/**
 * Ties-corrected variance of S for the values used.
 *
 * @param values - the non-missing values
 * @returns Var(S)
 */
export function mannKendallVariance(values: ArrayLike<number>): number {
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

/**
 * Mann–Kendall trend test of y over times t.
 *
 * @param t - times (e.g. years); must be distinct among the non-missing values
 * @param y - values (NaN = missing)
 * @returns S, Var(S), z, two-sided p, τ and n
 * @throws RangeError when lengths differ or two non-missing values share a time
 */
export function mannKendall(t: ArrayLike<number>, y: ArrayLike<number>): MannKendall {
  if (t.length !== y.length) throw new RangeError(`mannKendall: ${t.length} times but ${y.length} values`);
  const kept: number[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < t.length; i++) {
    if (Number.isNaN(y[i]!)) continue;
    if (seen.has(t[i]!)) throw new RangeError(`mannKendall: time ${t[i]} occurs twice (index ${i}); aggregate first`);
    seen.add(t[i]!);
    kept.push(y[i]!);
  }
  const k = kendallTau(t, y);
  const varS = mannKendallVariance(kept);
  const z = varS > 0 ? (k.s - Math.sign(k.s)) / Math.sqrt(varS) : NaN;
  return { s: k.s, varS, z, p: Number.isNaN(z) ? NaN : normalTwoSidedP(z), tau: k.tau, n: k.n };
}
