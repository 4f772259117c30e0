/**
 * The per-pixel table for the driver analysis (paper 1 §2.4.3, Figs 6–7): one row per domain
 * pixel, the predictors averaged over 2003–2020 (static ones as they are), and a response —
 * the mapped mean ALT (cm) or the mapped ALT trend (cm yr⁻¹). A random forest on this table
 * gives the importance and the partial dependence of the mean and of the trend.
 */
import { type Matrix } from "../core/matrix";
import { type RasterStack } from "../raster/stack";
import { createRng } from "../random/rng";
import { ArgumentError } from "../core/errors";
import { checkInteger } from "../core/checks";
import { checkStackQuery } from "./checks";

/**
 * Per-pixel temporal means of every predictor at the given cells.
 *
 * @param stack - predictor stack
 * @param years - years to average annual predictors over
 * @param cells - row-major cell indices
 * @returns cells × variables (stack order)
 * @throws ArgumentError for an empty stack, an empty year list, a year that is not an integer, not
 *   after the one before it (years must be strictly increasing) or not in the stack, or a cell
 *   outside the grid (see checkStackQuery)
 */
export function pixelPredictorMeans(stack: RasterStack, years: readonly number[], cells: Int32Array): Matrix {
  const fn = "pixelPredictorMeans";
  checkStackQuery(fn, stack, years, cells);
  const names = stack.names;
  const p = names.length;
  const data = new Float64Array(cells.length * p);
  names.forEach((name, j) => {
    const annual = stack.layers.get(name)!.kind === "annual";
    const bands = annual ? years.map((y) => stack.band(name, y)!) : [stack.band(name, 0)!];
    for (let i = 0; i < cells.length; i++) {
      let s = 0;
      for (const b of bands) s += b[cells[i]!]!;
      data[i * p + j] = s / bands.length;
    }
  });
  return { data, nRows: cells.length, nCols: p, columns: names };
}

/**
 * A seeded sample of at most `k` of the indices 0…n−1, in ascending order.
 *
 * @param n - population size
 * @param k - sample size (all when k ≥ n)
 * @param seed - seed
 * @param stream - random stream name
 * @returns indices
 * @throws ArgumentError for a size or seed that is not a non-negative integer, or a stream that is not a string
 */
export function sampleIndices(n: number, k: number, seed: number, stream: string): Int32Array {
  checkInteger("sampleIndices", "n", n, { min: 0 });
  checkInteger("sampleIndices", "k", k, { min: 0 });
  checkInteger("sampleIndices", "seed", seed, { min: 0, max: Number.MAX_SAFE_INTEGER });
  if (typeof stream !== "string") throw new ArgumentError({ fn: "sampleIndices", arg: "stream", value: stream, expected: "a stream name" }, "not a string");
  if (k >= n) return Int32Array.from({ length: n }, (_, i) => i);
  return createRng(seed, stream).permutation(n).slice(0, k).sort();
}
