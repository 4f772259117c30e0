/**
 * The per-pixel table for the driver analysis (paper 1 §2.4.3, Figs 6–7): one row per domain
 * pixel, the predictors averaged over 2003–2020 (static ones as they are), and a response —
 * the mapped mean ALT (cm) or the mapped ALT trend (cm yr⁻¹). A random forest on this table
 * gives the importance and the partial dependence of the mean and of the trend.
 */
import { type Matrix } from "../core/matrix";
import { type RasterStack } from "../raster/stack";
import { createRng } from "../random/rng";

/**
 * Per-pixel temporal means of every predictor at the given cells.
 *
 * @param stack - predictor stack
 * @param years - years to average annual predictors over
 * @param cells - row-major cell indices
 * @returns cells × variables (stack order)
 */
export function pixelPredictorMeans(stack: RasterStack, years: readonly number[], cells: Int32Array): Matrix {
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
 */
export function sampleIndices(n: number, k: number, seed: number, stream: string): Int32Array {
  if (k >= n) return Int32Array.from({ length: n }, (_, i) => i);
  return createRng(seed, stream).permutation(n).slice(0, k).sort();
}
