/**
 * The demo world's true 2003–2020 mean ALT and its OLS trend per cell (the truth behind paper 1's
 * Figs 4a and 5a), computed the same way for a whole world and for one tile of it.
 */
import { olsTrend } from "../../stats/trend/ols-slope";

/**
 * Per-cell mean and OLS slope of the true annual ALT over the domain (NaN elsewhere).
 *
 * @param domain - 1 inside the permafrost domain, per cell
 * @param years - the years, ascending
 * @param altTrue - true ALT per year, cm (one band per year, each as long as `domain`)
 * @returns the mean (cm) and the OLS trend (cm/yr) per cell
 * @example
 * const t = demoTrueMeanTrend(Uint8Array.of(1, 0), [2003, 2004], [Float32Array.of(50, 1), Float32Array.of(52, 1)]);
 * [t.mean[0], t.trend[0], t.mean[1]]; // [51, 2, NaN]
 */
export function demoTrueMeanTrend(domain: ArrayLike<number>, years: readonly number[], altTrue: readonly Float32Array[]): { mean: Float32Array; trend: Float32Array } {
  const n = domain.length;
  const mean = new Float32Array(n).fill(NaN);
  const trend = new Float32Array(n).fill(NaN);
  const series = new Float64Array(years.length);
  for (let i = 0; i < n; i++) {
    if (domain[i] !== 1) continue;
    let s = 0;
    for (let t = 0; t < years.length; t++) {
      series[t] = altTrue[t]![i]!;
      s += series[t]!;
    }
    mean[i] = s / years.length;
    trend[i] = olsTrend(years, series).slope;
  }
  return { mean, trend };
}
