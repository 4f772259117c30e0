/**
 * Regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 − P(a, x)
 * (series for x < a + 1, continued fraction otherwise; Numerical Recipes §6.2). They give the
 * chi-square distribution (Cochran's Q test, paper 2 Eq. 10) and the normal tail (erfc).
 */
import { logGamma } from "./gamma";

function series(a: number, x: number): number {
  let sum = 1 / a;
  let term = sum;
  for (let n = 1; n < 100000; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function continuedFraction(a: number, x: number): number {
  const TINY = 1e-300;
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-17) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/**
 * Lower regularized incomplete gamma P(a, x).
 *
 * @param a - shape, > 0
 * @param x - ≥ 0
 * @throws RangeError for a ≤ 0 or x < 0
 */
export function gammaP(a: number, x: number): number {
  if (!(a > 0)) throw new RangeError(`gammaP: a must be > 0, got ${a}`);
  if (!(x >= 0)) throw new RangeError(`gammaP: x must be ≥ 0, got ${x}`);
  if (x === 0) return 0;
  return x < a + 1 ? series(a, x) : 1 - continuedFraction(a, x);
}

/**
 * Upper regularized incomplete gamma Q(a, x) = 1 − P(a, x), accurate in the far tail.
 *
 * @param a - shape, > 0
 * @param x - ≥ 0
 * @throws RangeError for a ≤ 0 or x < 0
 */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0)) throw new RangeError(`gammaQ: a must be > 0, got ${a}`);
  if (!(x >= 0)) throw new RangeError(`gammaQ: x must be ≥ 0, got ${x}`);
  if (x === 0) return 1;
  return x < a + 1 ? 1 - series(a, x) : continuedFraction(a, x);
}
