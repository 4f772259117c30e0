/**
 * Q-profile confidence interval for τ² (Viechtbauer 2007; metafor's `confint()` default, and
 * R meta's `method.tau.ci = "QP"`): the set of τ² whose generalized Q lies between the
 * χ²(k − 1) quantiles. Bounds below 0 are truncated to 0, as metafor does.
 */
import { checkNumber } from "../../core/checks";
import { checkLevel } from "../stat-checks";
import { checkEffects, qProfileOf, typicalWithinVarianceOf } from "./tau2-core";

/**
 * Q-profile interval for τ².
 *
 * @param y - effect sizes (finite, k ≥ 2)
 * @param v - sampling variances (finite, > 0), one per effect
 * @param level - confidence level in (0, 1), default 0.95
 * @param tol - relative tolerance of the bisection, a finite number > 0 (default 1e-13)
 * @returns [lower, upper] in squared effect units
 * @throws ArgumentError for k < 2, mismatched lengths, a non-finite value, a variance ≤ 0, a
 *   level outside (0, 1) or a bad tol; FitError ("QP") when a bound cannot be bracketed
 * @example
 * tau2QProfileCi([0.1, 0.5, 0.9], [0.01, 0.02, 0.01]); // [0.03337, 6.310]
 */
export function tau2QProfileCi(y: ArrayLike<number>, v: ArrayLike<number>, level = 0.95, tol = 1e-13): [number, number] {
  const fn = "tau2QProfileCi";
  checkEffects(fn, y, v, 2);
  checkLevel(fn, "level", level);
  checkNumber(fn, "tol", tol, { min: 0, exclusiveMin: true });
  return qProfileOf(y, v, level, tol);
}

/**
 * The "typical" within-study variance s² = (k − 1) Σw / ((Σw)² − Σw²), w = 1/v
 * (Higgins & Thompson 2002), used by metafor to express τ² as I² = τ²/(τ² + s²).
 *
 * @param v - sampling variances (finite, > 0, at least 2)
 * @returns s², in squared effect units
 * @throws ArgumentError for fewer than 2 variances, a non-finite value or a variance ≤ 0
 * @example
 * typicalWithinVariance([1, 1]); // 1
 */
export function typicalWithinVariance(v: ArrayLike<number>): number {
  checkEffects("typicalWithinVariance", v, v, 2, ["v", "v"]);
  return typicalWithinVarianceOf(v);
}
