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
 * @returns x
 * @throws FitError when no upper bracket is found below the largest double
 */
export function invertCdf(cdf: (x: number) => number, p: number, start = 1, fn = "invertCdf"): number {
  let lo = 0;
  let hi = start;
  while (cdf(hi) < p) {
    hi *= 2;
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
