/**
 * Estimators of the between-study variance τ² for the random-effects model (paper 2, Eq. 9:
 * β̂_j = β_j + ε_j, β_j ~ N(μ, τ²)), intercept-only, following metafor's `rma.uni` formulas
 * (Viechtbauer 2010) that R meta's `metagen` calls. Each returns τ² ≥ 0 and its standard
 * error as metafor computes it (`se.tau2`).
 *
 * Iterative estimators (ML, REML, EB: Fisher scoring from the HE estimate, with metafor's
 * step halving and its check that the likelihood at τ² = 0 is not higher; PM: bisection on
 * the generalized Q) converge to |Δτ²| < `tol` (default 1e-12) within `maxIter` (default 1000)
 * iterations, else throw a {@link FitError} naming the estimator and the reason. metafor's own
 * defaults stop at 1e-5 (Fisher scoring threshold) and about 1e-5 (uniroot tol), so fixtures are
 * generated with tightened controls.
 */
import { checkNumber, checkOneOf } from "../../core/checks";
import { checkEffects, checkTau2Control, estimateTau2Of, genQ, TAU2_METHODS, type Tau2Control, type Tau2Estimate, type Tau2Method } from "./tau2-core";

export { TAU2_METHODS, type Tau2Control, type Tau2Estimate, type Tau2Method } from "./tau2-core";

/**
 * Generalized Q: Σ (y_i − μ̂(τ²))² / (v_i + τ²), the statistic whose root defines PM and
 * the Q-profile interval.
 *
 * @param y - effect sizes (finite, at least one)
 * @param v - sampling variances (finite, > 0), one per effect
 * @param tau2 - τ² ≥ 0
 * @returns Q(τ²)
 * @throws ArgumentError for mismatched lengths, a non-finite value, a variance ≤ 0, a weight 1/v
 *   or a weighted square y²/v that overflows (named with the study index), or τ² < 0
 * @example
 * generalizedQ([0, 2], [1, 1], 0); // 2
 */
export function generalizedQ(y: ArrayLike<number>, v: ArrayLike<number>, tau2: number): number {
  checkEffects("generalizedQ", y, v);
  checkNumber("generalizedQ", "tau2", tau2, { min: 0 });
  return genQ(y, v, tau2);
}

/**
 * Estimate τ² by the named method.
 *
 * @param y - effect sizes (finite, k ≥ 1)
 * @param v - sampling variances, all finite and > 0, one per effect
 * @param method - estimator, one of {@link TAU2_METHODS}
 * @param control - convergence controls for ML, REML, EB and PM
 * @returns τ², its SE (NaN for k = 1: as metafor, which fits k = 1 as a common-effect model with
 *   τ² = 0 and se.tau2 NA) and the iterations used
 * @throws ArgumentError for an unknown estimator (listing the valid ones), mismatched lengths,
 *   a non-finite value, a variance ≤ 0, a weight 1/v or a weighted square y²/v that overflows
 *   (named with the study index) or a bad control; FitError naming the estimator when an
 *   iterative estimator does not converge within the cap
 * @example
 * estimateTau2([0.1, 0.5, 0.9], [0.01, 0.02, 0.01], "DL").tau2; // 0.1875 = (Q − df) / C = (32 − 2) / 160
 */
export function estimateTau2(y: ArrayLike<number>, v: ArrayLike<number>, method: Tau2Method, control: Tau2Control = {}): Tau2Estimate {
  const fn = "estimateTau2";
  checkOneOf(fn, "method", method, TAU2_METHODS);
  checkEffects(fn, y, v);
  return estimateTau2Of(y, v, method, checkTau2Control(fn, "control", control));
}
