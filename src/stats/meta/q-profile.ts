/**
 * Q-profile confidence interval for τ² (Viechtbauer 2007; metafor's `confint()` default, and
 * R meta's `method.tau.ci = "QP"`): the set of τ² whose generalized Q lies between the
 * χ²(k − 1) quantiles. Bounds below 0 are truncated to 0, as metafor does.
 */
import { chiSquareQuantile } from "../distributions/chi-square";
import { generalizedQ } from "./tau2";

function solveDecreasing(f: (t: number) => number, target: number, tol: number): number {
  // f is decreasing in t ≥ 0 with f(0) > target; find t with f(t) = target.
  let lo = 0;
  let hi = 1;
  while (f(hi) > target) {
    hi *= 2;
    if (hi > 1e15) throw new Error("Q-profile: no bound below 1e15");
  }
  for (let i = 0; i < 400 && hi - lo > tol * Math.max(1, hi); i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) > target) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * Q-profile interval for τ².
 *
 * @param y - effect sizes (k ≥ 2)
 * @param v - sampling variances (> 0)
 * @param level - confidence level, default 0.95
 * @param tol - relative tolerance of the bisection (default 1e-13)
 * @returns [lower, upper] in squared effect units
 * @throws RangeError for k < 2
 */
export function tau2QProfileCi(y: ArrayLike<number>, v: ArrayLike<number>, level = 0.95, tol = 1e-13): [number, number] {
  const k = y.length;
  if (k < 2) throw new RangeError("tau2QProfileCi: needs k ≥ 2");
  const alpha = 1 - level;
  const qUpper = chiSquareQuantile(1 - alpha / 2, k - 1); // gives the lower bound
  const qLower = chiSquareQuantile(alpha / 2, k - 1); // gives the upper bound
  const f = (t: number) => generalizedQ(y, v, t);
  const q0 = f(0);
  const lower = q0 <= qUpper ? 0 : solveDecreasing(f, qUpper, tol);
  const upper = q0 <= qLower ? 0 : solveDecreasing(f, qLower, tol);
  return [lower, upper];
}

/**
 * The "typical" within-study variance s² = (k − 1) Σw / ((Σw)² − Σw²), w = 1/v
 * (Higgins & Thompson 2002), used by metafor to express τ² as I² = τ²/(τ² + s²).
 *
 * @param v - sampling variances (> 0)
 */
export function typicalWithinVariance(v: ArrayLike<number>): number {
  let sw = 0, sw2 = 0;
  for (let i = 0; i < v.length; i++) { const w = 1 / v[i]!; sw += w; sw2 += w * w; }
  return ((v.length - 1) * sw) / (sw * sw - sw2);
}
