/**
 * Estimators of the between-study variance τ² for the random-effects model (paper 2, Eq. 9:
 * β̂_j = β_j + ε_j, β_j ~ N(μ, τ²)), intercept-only, following metafor's `rma.uni` formulas
 * (Viechtbauer 2010) that R meta's `metagen` calls. Each returns τ² ≥ 0 and its standard
 * error as metafor computes it (`se.tau2`).
 *
 * Iterative estimators (ML, REML, EB: Fisher scoring from the HE estimate, with metafor's
 * step halving and its check that the likelihood at τ² = 0 is not higher; PM: bisection on
 * the generalized Q) converge to |Δτ²| < `tol` (default 1e-12) within `maxIter` (default 1000)
 * iterations, else throw. metafor's own defaults stop at 1e-5 (Fisher scoring threshold) and
 * about 1e-5 (uniroot tol), so fixtures are generated with tightened controls.
 */

/** The τ² estimators (R meta's `method.tau` names). */
export type Tau2Method = "DL" | "REML" | "ML" | "PM" | "EB" | "HE" | "SJ" | "HS";

/** A τ² estimate. */
export interface Tau2Estimate {
  /** Between-study variance, in squared effect units. */
  tau2: number;
  /** Its standard error as metafor reports it (`se.tau2`). */
  seTau2: number;
  /** Iterations used (0 for closed-form estimators). */
  iterations: number;
}

/** Convergence controls for iterative estimators. */
export interface Tau2Control {
  /** Convergence threshold on |Δτ²| (default 1e-12). */
  tol?: number;
  /** Iteration cap (default 1000). */
  maxIter?: number;
}

interface Weighted {
  sw: number;
  sw2: number;
  sw3: number;
  theta: number;
  rss: number;
}

function weighted(y: ArrayLike<number>, w: ArrayLike<number>): Weighted {
  let sw = 0, sw2 = 0, sw3 = 0, swy = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w[i]!;
    sw += wi; sw2 += wi * wi; sw3 += wi * wi * wi; swy += wi * y[i]!;
  }
  const theta = swy / sw;
  let rss = 0;
  for (let i = 0; i < y.length; i++) rss += w[i]! * (y[i]! - theta) ** 2;
  return { sw, sw2, sw3, theta, rss };
}

function weightsFor(v: ArrayLike<number>, tau2: number): Float64Array {
  const w = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) w[i] = 1 / (v[i]! + tau2);
  return w;
}

// Σ_ij P_ij² for P = W − w wᵀ/Σw.
function sumPP(s: Weighted): number {
  return s.sw2 - (2 * s.sw3) / s.sw + (s.sw2 * s.sw2) / (s.sw * s.sw);
}

/**
 * Generalized Q: Σ (y_i − μ̂(τ²))² / (v_i + τ²), the statistic whose root defines PM and
 * the Q-profile interval.
 *
 * @param y - effect sizes
 * @param v - sampling variances (> 0)
 * @param tau2 - τ² ≥ 0
 */
export function generalizedQ(y: ArrayLike<number>, v: ArrayLike<number>, tau2: number): number {
  return weighted(y, weightsFor(v, tau2)).rss;
}

function heEstimate(y: ArrayLike<number>, v: ArrayLike<number>): { tau2: number; trPV: number; sumPVPV: number } {
  const k = y.length;
  let ybar = 0, sv = 0, sv2 = 0;
  for (let i = 0; i < k; i++) { ybar += y[i]!; sv += v[i]!; sv2 += v[i]! * v[i]!; }
  ybar /= k;
  let rss = 0;
  for (let i = 0; i < k; i++) rss += (y[i]! - ybar) ** 2;
  const trPV = sv * (1 - 1 / k);
  return { tau2: (rss - trPV) / (k - 1), trPV, sumPVPV: sv2 * (1 - 2 / k) + (sv * sv) / (k * k) };
}

function logLik(y: ArrayLike<number>, v: ArrayLike<number>, tau2: number, reml: boolean): number {
  const w = weightsFor(v, tau2);
  const s = weighted(y, w);
  let sumLog = 0;
  for (let i = 0; i < v.length; i++) sumLog += Math.log(v[i]! + tau2);
  const k = y.length;
  return reml ? -0.5 * (k - 1) * Math.log(2 * Math.PI) - 0.5 * sumLog - 0.5 * Math.log(s.sw) - 0.5 * s.rss : -0.5 * k * Math.log(2 * Math.PI) - 0.5 * sumLog - 0.5 * s.rss;
}

/**
 * Estimate τ² by the named method.
 *
 * @param y - effect sizes (k ≥ 1)
 * @param v - sampling variances, all > 0
 * @param method - estimator
 * @param control - convergence controls for ML, REML, EB and PM
 * @throws Error when an iterative estimator does not converge within the cap
 */
export function estimateTau2(y: ArrayLike<number>, v: ArrayLike<number>, method: Tau2Method, control: Tau2Control = {}): Tau2Estimate {
  const k = y.length;
  const tol = control.tol ?? 1e-12;
  const maxIter = control.maxIter ?? 1000;
  if (k === 1) return { tau2: 0, seTau2: NaN, iterations: 0 };
  const fixedW = weightsFor(v, 0);
  const fe = weighted(y, fixedW);
  switch (method) {
    case "DL": {
      const trP = fe.sw - fe.sw2 / fe.sw;
      const tau2 = Math.max(0, (fe.rss - (k - 1)) / trP);
      const se = Math.sqrt((1 / trP ** 2) * (2 * (k - 1) + 4 * tau2 * trP + 2 * tau2 ** 2 * sumPP(fe)));
      return { tau2, seTau2: se, iterations: 0 };
    }
    case "HS": {
      const trP = fe.sw - fe.sw2 / fe.sw;
      const tau2 = Math.max(0, (fe.rss - k) / fe.sw);
      const se = Math.sqrt((1 / fe.sw ** 2) * (2 * (k - 1) + 4 * tau2 * trP + 2 * tau2 ** 2 * sumPP(fe)));
      return { tau2, seTau2: se, iterations: 0 };
    }
    case "HE": {
      const he = heEstimate(y, v);
      const tau2 = Math.max(0, he.tau2);
      const se = Math.sqrt((1 / (k - 1) ** 2) * (2 * he.sumPVPV + 4 * tau2 * he.trPV + 2 * tau2 ** 2 * (k - 1)));
      return { tau2, seTau2: se, iterations: 0 };
    }
    case "SJ": {
      let ybar = 0;
      for (let i = 0; i < k; i++) ybar += y[i]!;
      ybar /= k;
      let tau20 = 0;
      for (let i = 0; i < k; i++) tau20 += (y[i]! - ybar) ** 2;
      tau20 /= k;
      const w = weightsFor(v, tau20);
      const s = weighted(y, w);
      const tau2 = Math.max(0, (tau20 * s.rss) / (k - 1));
      // Σ P_ij² v_i v_j and Σ P_ij² v_j for P = W − w wᵀ/Σw.
      let a = 0, b = 0;
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          const pij = (i === j ? w[i]! : 0) - (w[i]! * w[j]!) / s.sw;
          a += pij * pij * v[i]! * v[j]!;
          b += pij * pij * v[j]!;
        }
      }
      const se = Math.sqrt((tau20 ** 2 / (k - 1) ** 2) * (2 * a + 4 * tau2 * b + 2 * tau2 ** 2 * sumPP(s)));
      return { tau2, seTau2: se, iterations: 0 };
    }
    case "PM": {
      const target = k - 1;
      let iterations = 0;
      let tau2 = 0;
      if (generalizedQ(y, v, 0) >= target) {
        let lo = 0;
        let hi = 1;
        while (generalizedQ(y, v, hi) > target) {
          hi *= 2;
          if (hi > 1e12) throw new Error("estimateTau2(PM): no root below 1e12");
        }
        while (hi - lo > tol * Math.max(1, hi)) {
          if (++iterations > maxIter) throw new Error(`estimateTau2(PM): not converged in ${maxIter} iterations`);
          const mid = 0.5 * (lo + hi);
          if (generalizedQ(y, v, mid) > target) lo = mid;
          else hi = mid;
        }
        tau2 = 0.5 * (lo + hi);
      }
      const sw = weighted(y, weightsFor(v, tau2)).sw;
      return { tau2, seTau2: Math.sqrt((2 * k * k) / (k - 1) / sw ** 2), iterations };
    }
    case "ML":
    case "REML":
    case "EB": {
      let tau2 = Math.max(0, heEstimate(y, v).tau2);
      let iterations = 0;
      for (;;) {
        if (++iterations > maxIter) throw new Error(`estimateTau2(${method}): Fisher scoring did not converge in ${maxIter} iterations`);
        const w = weightsFor(v, tau2);
        const s = weighted(y, w);
        let ypp = 0; // Yᵀ P P Y = Σ w_i² (y_i − θ)²
        for (let i = 0; i < k; i++) ypp += w[i]! ** 2 * (y[i]! - s.theta) ** 2;
        let adj: number;
        if (method === "ML") adj = (ypp - s.sw) / s.sw2;
        else if (method === "REML") adj = (ypp - (s.sw - s.sw2 / s.sw)) / sumPP(s);
        else adj = ((s.rss * k) / (k - 1) - k) / s.sw;
        if (Number.isNaN(adj)) adj = 0;
        while (tau2 + adj < 0) adj /= 2;
        const old = tau2;
        tau2 += adj;
        if (Math.abs(tau2 - old) <= tol) break;
      }
      if (method !== "EB" && tau2 > tol && logLik(y, v, 0, method === "REML") - logLik(y, v, tau2, method === "REML") > 1e-12) tau2 = 0;
      tau2 = Math.max(0, tau2);
      const w = weightsFor(v, tau2);
      const s = weighted(y, w);
      const se = method === "ML" ? Math.sqrt(2 / s.sw2) : method === "REML" ? Math.sqrt(2 / sumPP(s)) : Math.sqrt((2 * k * k) / (k - 1) / s.sw ** 2);
      return { tau2, seTau2: se, iterations };
    }
  }
}
