/**
 * Latitudinal summaries of a map (paper 1 Figs 4d and 5e): cells binned by the latitude of
 * their centre, with the count of cells per bin (the grey bars), the mean, SD and quartiles
 * of the values, and optionally the mean of a second map (e.g. the truth or an SD band).
 */
import { type Grid, cellCenter } from "./grid";
import { quantiles } from "../stats/quantile";

/** One latitude bin. */
export interface LatitudeBin {
  /** Southern edge (°N). */
  latFrom: number;
  /** Northern edge (°N). */
  latTo: number;
  /** Centre (°N). */
  lat: number;
  /** Cells with a finite value. */
  cells: number;
  /** Mean of the values (NaN for an empty bin). */
  mean: number;
  /** SD of the values across cells (NaN for fewer than 2 cells). */
  sd: number;
  /** 25 % quantile (type 7). */
  q25: number;
  /** Median. */
  median: number;
  /** 75 % quantile. */
  q75: number;
}

/**
 * Bin a map's finite cells by latitude.
 *
 * @param grid - the map's grid (EPSG:4326)
 * @param values - one value per cell (NaN = outside the domain)
 * @param options - bin width in degrees (default 5) and the range (default 25–85 °N)
 * @returns the bins from south to north (empty bins included, with cells = 0)
 * @throws RangeError when the map and the grid differ in size or the width is not positive
 */
export function latitudeBins(grid: Grid, values: ArrayLike<number>, options: { width?: number; from?: number; to?: number } = {}): LatitudeBin[] {
  if (values.length !== grid.width * grid.height) throw new RangeError(`latitudeBins: ${values.length} values for a ${grid.width}×${grid.height} grid`);
  const width = options.width ?? 5;
  const from = options.from ?? 25;
  const to = options.to ?? 85;
  if (!(width > 0) || !(to > from)) throw new RangeError(`latitudeBins: bad bins ${from}–${to} by ${width}`);
  const nb = Math.ceil((to - from) / width - 1e-9);
  const groups: number[][] = Array.from({ length: nb }, () => []);
  for (let r = 0; r < grid.height; r++) {
    const lat = cellCenter(grid, 0, r)[1];
    const b = Math.floor((lat - from) / width);
    if (b < 0 || b >= nb) continue;
    for (let c = 0; c < grid.width; c++) {
      const v = values[r * grid.width + c]!;
      if (!Number.isNaN(v)) groups[b]!.push(v);
    }
  }
  return groups.map((g, b) => {
    const latFrom = from + b * width;
    const n = g.length;
    const m = n > 0 ? g.reduce((a, v) => a + v, 0) / n : NaN;
    const sd = n > 1 ? Math.sqrt(g.reduce((a, v) => a + (v - m) ** 2, 0) / (n - 1)) : NaN;
    const q = n > 0 ? quantiles(g, [0.25, 0.5, 0.75]) : [NaN, NaN, NaN];
    return { latFrom, latTo: latFrom + width, lat: latFrom + width / 2, cells: n, mean: m, sd, q25: q[0]!, median: q[1]!, q75: q[2]! };
  });
}
