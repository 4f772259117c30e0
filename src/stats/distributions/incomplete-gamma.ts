/**
 * Regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 − P(a, x)
 * (series for x < a + 1, continued fraction otherwise; Numerical Recipes §6.2). They give the
 * chi-square distribution (Cochran's Q test, paper 2 Eq. 10) and the normal tail (erfc).
 */
import { ArgumentError, FitError } from "../../core/errors";
import { logGamma } from "./gamma";

const MAX_TERMS = 100000;

function series(fn: string, a: number, x: number): number {
  let sum = 1 / a;
  let term = sum;
  let converged = false;
  for (let n = 1; n < MAX_TERMS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-17) {
      converged = true;
      break;
    }
  }
  // As the continued fraction: a series whose last term is still at rounding level relative to
  // the sum after MAX_TERMS terms has converged too (the code before the error policy returned it).
  if (!converged && Math.abs(term) <= Math.abs(sum) * 1e-15) converged = true;
  if (!converged) throw new FitError(fn, "series", `did not converge in ${MAX_TERMS} terms (a = ${a}, x = ${x})`);
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function continuedFraction(fn: string, a: number, x: number): number {
  const TINY = 1e-300;
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  let converged = false;
  let lastStep = Infinity;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    // Stop only when the update is exactly 1 (as before the error policy: results stay bit-identical);
    // a fraction still wobbling at rounding level after MAX_TERMS steps has converged too.
    lastStep = Math.abs(delta - 1);
    if (lastStep < 1e-17) {
      converged = true;
      break;
    }
  }
  if (lastStep <= 1e-15) converged = true;
  if (!converged) throw new FitError(fn, "continued fraction", `did not converge in ${MAX_TERMS} iterations (a = ${a}, x = ${x})`);
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/**
 * Lower regularized incomplete gamma P(a, x).
 *
 * @param a - shape, a finite number > 0
 * @param x - ≥ 0 (+Infinity gives 1)
 * @returns P(a, x)
 * @throws ArgumentError for a ≤ 0, x < 0 or NaN; FitError if the series or continued fraction does not converge
 * @example
 * gammaP(1, 1); // 0.632 = 1 − e⁻¹
 */
export function gammaP(a: number, x: number): number {
  checkGammaArgs("gammaP", a, x);
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? series("gammaP", a, x) : 1 - continuedFraction("gammaP", a, x);
}

/**
 * Upper regularized incomplete gamma Q(a, x) = 1 − P(a, x), accurate in the far tail.
 *
 * @param a - shape, a finite number > 0
 * @param x - ≥ 0 (+Infinity gives 0)
 * @returns Q(a, x)
 * @throws ArgumentError for a ≤ 0, x < 0 or NaN; FitError if the series or continued fraction does not converge
 * @example
 * gammaQ(1, 1); // 0.368 = e⁻¹
 */
export function gammaQ(a: number, x: number): number {
  checkGammaArgs("gammaQ", a, x);
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - series("gammaQ", a, x) : continuedFraction("gammaQ", a, x);
}

function checkGammaArgs(fn: string, a: number, x: number): void {
  if (!(typeof a === "number" && a > 0 && a < Infinity)) throw new ArgumentError({ fn, arg: "a", value: a, expected: "a finite number > 0" }, "out of the domain");
  if (!(typeof x === "number" && x >= 0)) throw new ArgumentError({ fn, arg: "x", value: x, expected: "a number ≥ 0" }, "out of the domain");
}
