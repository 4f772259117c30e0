/**
 * Log-gamma and the regularized incomplete beta function, the building blocks of the
 * Student t distribution used for confidence intervals (paper 2, Methods: Descriptive
 * analysis, "mean ± standard error" and Fig 2's 95 % intervals).
 */
import { ArgumentError, FitError } from "../../core/errors";

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * Natural log of the gamma function, ln Γ(x), for x > 0 (Lanczos approximation, g = 7,
 * relative error below 1e-14 over the range used here).
 *
 * @param x - a positive finite number
 * @returns ln Γ(x)
 * @throws ArgumentError for x ≤ 0, NaN or ±Infinity
 * @example
 * logGamma(5); // 3.178 = ln 24
 */
export function logGamma(x: number): number {
  if (!(typeof x === "number" && x > 0 && x < Infinity)) throw new ArgumentError({ fn: "logGamma", arg: "x", value: x, expected: "a finite number > 0" }, "out of the domain");
  return logGammaOf(x);
}

function logGammaOf(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGammaOf(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const TINY = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) return h;
  }
  throw new FitError("incompleteBeta", "continued fraction", `did not converge in 10000 iterations (a = ${a}, b = ${b}, x = ${x})`);
}

/**
 * Regularized incomplete beta function I_x(a, b) (continued fraction, Numerical Recipes §6.4).
 *
 * @param x - in [0, 1]
 * @param a - shape, a finite number > 0
 * @param b - shape, a finite number > 0
 * @returns I_x(a, b)
 * @throws ArgumentError for arguments out of range (NaN included); FitError if the continued
 *   fraction does not converge
 * @example
 * incompleteBeta(0.5, 2, 2); // 0.5
 */
export function incompleteBeta(x: number, a: number, b: number): number {
  const fn = "incompleteBeta";
  for (const [arg, v] of [["a", a], ["b", b]] as const) {
    if (!(typeof v === "number" && v > 0 && v < Infinity)) throw new ArgumentError({ fn, arg, value: v, expected: "a finite number > 0" }, "out of the domain");
  }
  if (!(typeof x === "number" && x >= 0 && x <= 1)) throw new ArgumentError({ fn, arg: "x", value: x, expected: "a number in [0, 1]" }, "out of the domain");
  if (x === 0 || x === 1) return x;
  const lbt = logGammaOf(a + b) - logGammaOf(a) - logGammaOf(b) + a * Math.log(x) + b * Math.log(1 - x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lbt) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(lbt) * betaContinuedFraction(b, a, 1 - x)) / b;
}
