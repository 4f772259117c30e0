/**
 * Friedman's benchmark #1 (Friedman 1991, "Multivariate adaptive regression splines"), a
 * SYNTHETIC regression problem with known truth used to test and teach the random forest
 * (paper 1 §2.4.1's engine): p ≥ 5 uniform predictors on [0, 1], of which only the first five
 * matter, y = 10 sin(π x₀x₁) + 20 (x₂ − ½)² + 10 x₃ + 5 x₄ + N(0, 1).
 */
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
 * @throws RangeError when p < 5
 */
export function friedman1(n: number, p: number, seed: number, stream: string): { x: Matrix; y: Float64Array } {
  if (p < 5) throw new RangeError(`friedman1: needs at least 5 predictors, got ${p}`);
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
