/**
 * Friedman's benchmark #1 (Friedman 1991, "Multivariate adaptive regression splines"), a
 * SYNTHETIC regression problem with known truth used to test and teach the random forest
 * (paper 1 §2.4.1's engine): p ≥ 5 uniform predictors on [0, 1], of which only the first five
 * matter, y = 10 sin(π x₀x₁) + 20 (x₂ − ½)² + 10 x₃ + 5 x₄ + N(0, 1).
 */
import { checkInteger } from "../core/checks";
import { ArgumentError } from "../core/errors";
import { type Matrix } from "../core/matrix";
import { createRng } from "../random/rng";

/**
 * Draw a Friedman #1 data set (row by row: the p predictors, then the noise).
 *
 * @param n - rows
 * @param p - predictors (≥ 5)
 * @param seed - seed
 * @param stream - name of the random stream
 * @returns predictors (columns "x0" … ) and response
 * @throws ArgumentError when n is not an integer ≥ 1, p not an integer ≥ 5, the seed not a non-negative safe integer or the stream not a string
 * @example
 * friedman1(100, 5, 1, "demo").x.nCols; // 5
 */
export function friedman1(n: number, p: number, seed: number, stream: string): { x: Matrix; y: Float64Array } {
  const fn = "friedman1";
  checkInteger(fn, "n", n, { min: 1 });
  checkInteger(fn, "p", p, { min: 5 });
  checkInteger(fn, "seed", seed, { min: 0, max: Number.MAX_SAFE_INTEGER });
  if (typeof stream !== "string") throw new ArgumentError({ fn, arg: "stream", value: stream, expected: "a stream name (string)" }, "not a string");
  const rng = createRng(seed, stream);
  const data = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) data[i * p + j] = rng.uniform();
    const r = data.subarray(i * p, i * p + 5);
    y[i] = 10 * Math.sin(Math.PI * r[0]! * r[1]!) + 20 * (r[2]! - 0.5) ** 2 + 10 * r[3]! + 5 * r[4]! + rng.normal();
  }
  return { x: { data, nRows: n, nCols: p, columns: Array.from({ length: p }, (_, j) => `x${j}`) }, y };
}
