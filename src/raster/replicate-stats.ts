/**
 * Per-pixel statistics across replicate maps (paper 1 §2.4.2, Figs 4b–c and 5b–d): the mean,
 * SD and coefficient of variation (SD / mean) of N bootstrap or model-structure maps, and
 * per-pixel quantile maps (the "ensemble of 2.5 % / 97.5 % quantile" trend maps). A cell that
 * is NaN in any replicate is NaN in the output (a replicate never silently drops a cell).
 */
import { ArgumentError } from "../core/errors";
import { checkArray } from "../core/checks";
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
  /** Cells that are NaN in at least one replicate (NaN in every output map). */
  nanCells: number;
}

function checkMaps(maps: readonly Float32Array[], fn: string, min = 1): number {
  const list: unknown = maps;
  if (!Array.isArray(list)) throw new ArgumentError({ fn, arg: "maps", value: maps, expected: "an array of Float32Array maps" }, "not an array");
  if (maps.length === 0) throw new ArgumentError({ fn, arg: "maps", value: 0, expected: `at least ${min} replicate map${min === 1 ? "" : "s"}` }, "no replicate maps");
  if (maps.length < min) throw new ArgumentError({ fn, arg: "maps", value: maps.length, expected: `at least ${min} replicate maps (the SD needs 2)` }, "too few replicate maps");
  // a for loop, not forEach: forEach skips the holes of a sparse array
  for (let k = 0; k < maps.length; k++) {
    const m: unknown = maps[k];
    if (!(m instanceof Float32Array)) throw new ArgumentError({ fn, arg: "maps", at: k, value: m, expected: "a Float32Array" }, "replicate is not a Float32Array");
  }
  const n = maps[0]!.length;
  maps.forEach((m, k) => {
    if (m.length !== n) throw new ArgumentError({ fn, arg: "maps", at: k, value: m.length, expected: `${n} cells, as replicate 0` }, `replicate ${k} has ${m.length} cells`);
  });
  return n;
}

function infinite(fn: string, k: number, c: number, v: number): ArgumentError {
  return new ArgumentError({ fn, arg: `maps[${k}]`, at: c, value: v, expected: "a finite number or NaN (missing)" }, "bad value");
}

/**
 * Mean, SD and CV across replicate maps, per cell. A cell that is NaN in any replicate is NaN in
 * every output (never averaged over fewer replicates); such cells are counted in `nanCells`.
 *
 * @param maps - replicate maps on one grid (Float32Array, NaN = missing); at least 2 (the SD needs 2)
 * @returns the three maps, the replicate count and the count of NaN cells
 * @throws ArgumentError for fewer than 2 maps, a hole or non-Float32Array in the list, maps of different sizes, or a ±Infinity value (naming the replicate and cell)
 */
export function replicateStats(maps: readonly Float32Array[]): ReplicateStats {
  const cells = checkMaps(maps, "replicateStats", 2);
  const r = maps.length;
  const mean = new Float32Array(cells);
  const sd = new Float32Array(cells);
  const cv = new Float32Array(cells);
  let nanCells = 0;
  for (let c = 0; c < cells; c++) {
    let s = 0;
    for (let k = 0; k < r; k++) {
      const v = maps[k]![c]!;
      if (v === Infinity || v === -Infinity) throw infinite("replicateStats", k, c, v);
      s += v;
    }
    if (Number.isNaN(s)) nanCells++;
    const m = s / r;
    let ss = 0;
    for (let k = 0; k < r; k++) ss += (maps[k]![c]! - m) ** 2;
    const d = Math.sqrt(ss / (r - 1));
    mean[c] = m;
    sd[c] = d;
    cv[c] = m === 0 ? NaN : d / Math.abs(m);
  }
  return { mean, sd, cv, n: r, nanCells };
}

/**
 * Per-cell quantile maps across replicates (R type 7, as `quantile()`), e.g. probs
 * [0.025, 0.975] for the low and high trend predictions of Fig 5b–c.
 *
 * A cell that is NaN in any replicate is NaN in every output map.
 *
 * @param maps - replicate maps on one grid (Float32Array, NaN = missing)
 * @param probs - probabilities, each in [0, 1] (at least one)
 * @returns one map per probability
 * @throws ArgumentError for no maps, a hole or non-Float32Array in the list, maps of different sizes, a ±Infinity value, or a probability that is not a number in [0, 1] (naming its index)
 */
export function quantileMaps(maps: readonly Float32Array[], probs: readonly number[]): Float32Array[] {
  const cells = checkMaps(maps, "quantileMaps");
  checkArray("quantileMaps", "probs", probs, { minLength: 1 });
  probs.forEach((p, j) => {
    if (p < 0 || p > 1) throw new ArgumentError({ fn: "quantileMaps", arg: "probs", at: j, value: p, expected: "a probability in [0, 1]" }, "out of range");
  });
  const out = probs.map(() => new Float32Array(cells).fill(NaN));
  const v = new Float64Array(maps.length);
  for (let c = 0; c < cells; c++) {
    let nan = false;
    for (let k = 0; k < maps.length; k++) {
      const x = maps[k]![c]!;
      if (x === Infinity || x === -Infinity) throw infinite("quantileMaps", k, c, x);
      v[k] = x;
      if (Number.isNaN(x)) nan = true;
    }
    if (nan) continue;
    const q = quantiles(v, probs);
    q.forEach((x, j) => (out[j]![c] = x));
  }
  return out;
}
