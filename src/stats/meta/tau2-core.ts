/**
 * The τ² estimators' internals (not exported from the package): unchecked kernels called by the
 * checked public entries of tau2.ts, metagen.ts and q-profile.ts after they validated their
 * arguments once. The formulas are documented in tau2.ts.
 */
import { ArgumentError, FitError } from "../../core/errors";
import { checkArray, checkInteger, checkNumber, checkOptions } from "../../core/checks";
import { chiSquareQuantile } from "../distributions/chi-square";

/** The τ² estimators (R meta's `method.tau` names). */
export type Tau2Method = "DL" | "REML" | "ML" | "PM" | "EB" | "HE" | "SJ" | "HS";

/** Every valid {@link Tau2Method}, for checks and menus. */
export const TAU2_METHODS: readonly Tau2Method[] = ["DL", "REML", "ML", "PM", "EB", "HE", "SJ", "HS"];

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
 * Unchecked generalized Q (internal, for bisection loops).
 *
 * @param y - effect sizes
 * @param v - sampling variances
 * @param tau2 - τ²
 * @returns Q(τ²)
 */
export function genQ(y: ArrayLike<number>, v: ArrayLike<number>, tau2: number): number {
  return weighted(y, weightsFor(v, tau2)).rss;
}

/**
 * Check effects and their sampling variances as every meta-analysis entry needs them: arrays of
 * finite numbers of the same length (at least `minK`), every variance > 0.
 *
 * @param fn - the public function
 * @param y - effects
 * @param v - sampling variances
 * @param minK - fewest studies (default 1)
 * @param names - the arguments' names (default ["y", "v"])
 * @throws ArgumentError naming the argument, the index and the value
 */
export function checkEffects(fn: string, y: unknown, v: unknown, minK = 1, names: readonly [string, string] = ["y", "v"]): void {
  const a = checkArray(fn, names[0], y, { minLength: minK });
  const b = checkArray(fn, names[1], v, { length: a.length, lengthOf: `the length of ${names[0]}` });
  for (let i = 0; i < b.length; i++) {
    if (!(b[i]! > 0)) throw new ArgumentError({ fn, arg: names[1], at: i, value: b[i], expected: "a sampling variance > 0" }, "not positive");
    checkWeight(fn, names, a[i]!, b[i]!, i);
  }
}

/**
 * Require a study whose inverse-variance weight 1/v and weighted squared effect y²/v are finite
 * (a variance so small, or an effect so large, that these overflow would make every pooled
 * number NaN or infinite).
 *
 * @param fn - the public function
 * @param names - the names of the effect and variance arguments
 * @param y - the effect
 * @param v - its sampling variance (> 0)
 * @param i - the study index
 * @throws ArgumentError naming the argument and the study index
 */
export function checkWeight(fn: string, names: readonly [string, string], y: number, v: number, i: number): void {
  if (!(1 / v < Infinity)) {
    throw new ArgumentError({ fn, arg: names[1], at: i, value: v, expected: `a sampling variance whose weight 1/v is finite (v ≥ ${1 / Number.MAX_VALUE})` }, "weight overflows");
  }
  if (!((y * y) / v < Infinity)) {
    throw new ArgumentError({ fn, arg: names[0], at: i, value: y, expected: `an effect whose weighted square y²/v is finite (v = ${v}): values too large` }, "weighted square overflows");
  }
}

/**
 * Check and fill in the convergence controls.
 *
 * @param fn - the public function
 * @param arg - the argument's path (`control`, `options.control`)
 * @param control - the controls (or undefined)
 * @returns tol and maxIter with defaults filled in
 * @throws ArgumentError for an unknown control, a tol that is not a finite number > 0, or a maxIter that is not an integer ≥ 1
 */
export function checkTau2Control(fn: string, arg: string, control: unknown): Required<Tau2Control> {
  checkOptions(fn, arg, control, ["tol", "maxIter"]);
  const c = (control ?? {}) as Tau2Control;
  return {
    tol: c.tol === undefined ? 1e-12 : checkNumber(fn, `${arg}.tol`, c.tol, { min: 0, exclusiveMin: true }),
    maxIter: c.maxIter === undefined ? 1000 : checkInteger(fn, `${arg}.maxIter`, c.maxIter, { min: 1 }),
  };
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
 * Unchecked τ² estimation (internal: the caller validated the effects, method and controls).
 *
 * @param y - effect sizes
 * @param v - sampling variances
 * @param method - estimator
 * @param control - filled-in controls
 * @returns the estimate
 * @throws FitError when an iterative estimator does not converge
 */
export function estimateTau2Of(y: ArrayLike<number>, v: ArrayLike<number>, method: Tau2Method, control: Required<Tau2Control>): Tau2Estimate {
  const k = y.length;
  const { tol, maxIter } = control;
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
      if (genQ(y, v, 0) >= target) {
        let lo = 0;
        let hi = 1;
        while (genQ(y, v, hi) > target) {
          hi *= 2;
          if (hi > 1e12) throw new FitError("estimateTau2", "PM", "no root of the generalized Q below τ² = 1e12 (bisection found no upper bracket)");
        }
        while (hi - lo > tol * Math.max(1, hi)) {
          if (++iterations > maxIter) throw new FitError("estimateTau2", "PM", `bisection did not converge to tol = ${tol} in maxIter = ${maxIter} iterations`);
          const mid = 0.5 * (lo + hi);
          if (genQ(y, v, mid) > target) lo = mid;
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
        if (++iterations > maxIter) throw new FitError("estimateTau2", method, `Fisher scoring did not converge to tol = ${tol} in maxIter = ${maxIter} iterations (last τ² = ${tau2})`);
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

function solveDecreasing(f: (t: number) => number, target: number, tol: number, bound: string): number {
  // f is decreasing in t ≥ 0 with f(0) > target; find t with f(t) = target.
  let lo = 0;
  let hi = 1;
  while (f(hi) > target) {
    hi *= 2;
    if (hi > 1e15) throw new FitError("tau2QProfileCi", "QP", `no ${bound} bound: the generalized Q stays above the χ² quantile ${target} for every τ² up to 1e15`);
  }
  for (let i = 0; i < 400 && hi - lo > tol * Math.max(1, hi); i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) > target) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * Unchecked Q-profile interval for τ² (internal; `tau2QProfileCi` is the checked entry).
 *
 * @param y - effect sizes (k ≥ 2)
 * @param v - sampling variances (> 0)
 * @param level - confidence level in (0, 1)
 * @param tol - relative tolerance of the bisection
 * @returns [lower, upper]
 * @throws FitError when a bound cannot be bracketed
 */
export function qProfileOf(y: ArrayLike<number>, v: ArrayLike<number>, level: number, tol: number): [number, number] {
  const k = y.length;
  const alpha = 1 - level;
  const qUpper = chiSquareQuantile(1 - alpha / 2, k - 1); // gives the lower bound
  const qLower = chiSquareQuantile(alpha / 2, k - 1); // gives the upper bound
  const f = (t: number): number => genQ(y, v, t);
  const q0 = f(0);
  const lower = q0 <= qUpper ? 0 : solveDecreasing(f, qUpper, tol, "lower");
  const upper = q0 <= qLower ? 0 : solveDecreasing(f, qLower, tol, "upper");
  return [lower, upper];
}

/**
 * Unchecked typical within-study variance (internal; `typicalWithinVariance` is the checked entry).
 *
 * @param v - sampling variances (> 0, at least 2)
 * @returns s²
 */
export function typicalWithinVarianceOf(v: ArrayLike<number>): number {
  let sw = 0, sw2 = 0;
  for (let i = 0; i < v.length; i++) { const w = 1 / v[i]!; sw += w; sw2 += w * w; }
  return ((v.length - 1) * sw) / (sw * sw - sw2);
}
