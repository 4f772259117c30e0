/**
 * Quantiles by inverting an increasing CDF with bisection to full double precision (used by
 * the t, χ² and normal quantile functions).
 */
import { FitError } from "../../core/errors";

/**
 * The x ≥ 0 with cdf(x) = p, for an increasing CDF on [0, ∞). Internal: the public quantile
 * functions validate `p` and their parameters first.
 *
 * @param cdf - increasing function with cdf(0) ≤ p
 * @param p - target probability in (0, 1)
 * @param start - initial upper bracket (doubled until cdf(start) ≥ p), default 1
 * @param fn - the public function, for the error message
 * @param limit - the largest x at which cdf is accurate, and what to do when the answer is beyond it
 * @param limit.max - that x
 * @param limit.fail - throws the caller's error
 * @returns x
 * @throws FitError when no upper bracket is found below the largest double
 */
export function invertCdf(cdf: (x: number) => number, p: number, start = 1, fn = "invertCdf", limit?: { max: number; fail: () => never }): number {
  let lo = 0;
  let hi = start;
  while (cdf(hi) < p) {
    hi *= 2;
    if (limit !== undefined && hi > limit.max) limit.fail();
    if (!Number.isFinite(hi)) throw new FitError(fn, "bisection", `no upper bracket: the CDF stays below p = ${p} for every finite x`);
  }
  for (let i = 0; i < 300; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (cdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * The x ≥ 0 with sf(x) = p, for a decreasing upper-tail probability sf on [0, ∞) with sf(0) ≥ p:
 * a small lower-tail quantile found from the tail itself, so p keeps its full relative precision
 * (1 − p would round to 1 below p ≈ 1e-16). Internal, as {@link invertCdf}.
 *
 * @param sf - decreasing function, sf(x) = P(X > x)
 * @param p - target probability in (0, 0.5]
 * @param limit - the largest x at which sf is accurate, and what to do when the answer is beyond it
 * @param limit.max - that x
 * @param limit.fail - throws the caller's error
 * @returns x
 */
export function invertSf(sf: (x: number) => number, p: number, limit: { max: number; fail: () => never }): number {
  let lo = 0;
  let hi = 1;
  while (sf(hi) > p) {
    lo = hi;
    hi *= 2;
    if (hi > limit.max) limit.fail();
  }
  for (let i = 0; i < 300; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (sf(mid) > p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
