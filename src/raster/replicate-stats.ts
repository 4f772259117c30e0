/**
 * Per-pixel statistics across replicate maps (paper 1 §2.4.2, Figs 4b–c and 5b–d): the mean,
 * SD and coefficient of variation (SD / mean) of N bootstrap or model-structure maps, and
 * per-pixel quantile maps (the "ensemble of 2.5 % / 97.5 % quantile" trend maps). A cell that
 * is NaN in any replicate is NaN in the output (a replicate never silently drops a cell).
 */
import { quantiles } from "../stats/quantile";

/** Mean, SD and CV maps across replicates. */
export interface ReplicateStats {
  /** Per-cell mean (units of the maps). */
  mean: Float32Array;
  /** Per-cell sample SD (n − 1). */
  sd: Float32Array;
  /** Per-cell SD / |mean| (dimensionless; NaN where the mean is 0). */
  cv: Float32Array;
  /** Replicates. */
  n: number;
}

function checkMaps(maps: readonly Float32Array[], what: string): number {
  if (maps.length === 0) throw new RangeError(`${what}: no replicate maps`);
  const n = maps[0]!.length;
  maps.forEach((m, k) => {
    if (m.length !== n) throw new RangeError(`${what}: replicate ${k} has ${m.length} cells, replicate 0 has ${n}`);
  });
  return n;
}

/**
 * Mean, SD and CV across replicate maps, per cell.
 *
 * @param maps - replicate maps on one grid
 * @returns the three maps and the replicate count
 * @throws RangeError for no maps or maps of different sizes
 */
export function replicateStats(maps: readonly Float32Array[]): ReplicateStats {
  const cells = checkMaps(maps, "replicateStats");
  const r = maps.length;
  const mean = new Float32Array(cells);
  const sd = new Float32Array(cells);
  const cv = new Float32Array(cells);
  for (let c = 0; c < cells; c++) {
    let s = 0;
    for (let k = 0; k < r; k++) s += maps[k]![c]!;
    const m = s / r;
    let ss = 0;
    for (let k = 0; k < r; k++) ss += (maps[k]![c]! - m) ** 2;
    const d = r > 1 ? Math.sqrt(ss / (r - 1)) : NaN;
    mean[c] = m;
    sd[c] = d;
    cv[c] = m === 0 ? NaN : d / Math.abs(m);
  }
  return { mean, sd, cv, n: r };
}

/**
 * Per-cell quantile maps across replicates (R type 7, as `quantile()`), e.g. probs
 * [0.025, 0.975] for the low and high trend predictions of Fig 5b–c.
 *
 * @param maps - replicate maps on one grid
 * @param probs - probabilities in [0, 1]
 * @returns one map per probability
 * @throws RangeError for no maps or maps of different sizes
 */
export function quantileMaps(maps: readonly Float32Array[], probs: readonly number[]): Float32Array[] {
  const cells = checkMaps(maps, "quantileMaps");
  const out = probs.map(() => new Float32Array(cells).fill(NaN));
  const v = new Float64Array(maps.length);
  for (let c = 0; c < cells; c++) {
    let nan = false;
    for (let k = 0; k < maps.length; k++) {
      v[k] = maps[k]![c]!;
      if (Number.isNaN(v[k]!)) nan = true;
    }
    if (nan) continue;
    const q = quantiles(v, probs);
    q.forEach((x, j) => (out[j]![c] = x));
  }
  return out;
}
