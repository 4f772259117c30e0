/**
 * Latitudinal summaries of a map (paper 1 Figs 4d and 5e): cells binned by the latitude of
 * their centre, with the count of cells per bin (the grey bars), the mean, SD and quartiles
 * of the values, and optionally the mean of a second map (e.g. the truth or an SD band).
 */
import { ArgumentError } from "../core/errors";
import { checkNumber, checkOptions } from "../core/checks";
import { type Grid, checkGrid } from "./grid";
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

/** Options of {@link latitudeBins}. */
export interface LatitudeBinOptions {
  /** Bin width in degrees (default 5; > 0, at most 10 000 bins). */
  width?: number;
  /** Southern edge of the first bin, °N (default 25; ≥ −90). */
  from?: number;
  /** Northern edge of the range, °N (default 85; ≤ 90, > from). */
  to?: number;
}

/** The bins, south to north, with the counts of the cells left out of every bin. */
export type LatitudeBinList = LatitudeBin[] & {
  /** Finite cells whose centre lies outside from … to (in no bin). */
  outside: number;
  /** NaN cells (outside the domain; in no bin). */
  missing: number;
};

/**
 * Bin a map's finite cells by latitude. Skips and counts: NaN cells (`missing`) and finite cells
 * whose centre is outside the range (`outside`) are in no bin.
 *
 * @param grid - the map's grid (EPSG:4326)
 * @param values - one value per cell (NaN = outside the domain; ±Infinity is an error)
 * @param options - bin width in degrees (default 5) and the range (default 25–85 °N)
 * @returns the bins from south to north (empty bins included, with cells = 0), with the counts `outside` and `missing`
 * @throws ArgumentError when the grid is not EPSG:4326, the map and the grid differ in size, a value is ±Infinity, an option is unknown, or the bins are bad (width ≤ 0, to ≤ from, outside −90…90, more than 10 000 bins)
 */
export function latitudeBins(grid: Grid, values: ArrayLike<number>, options: LatitudeBinOptions = {}): LatitudeBinList {
  const fn = "latitudeBins";
  checkGrid(fn, "grid", grid);
  if (grid.crs !== "EPSG:4326") throw new ArgumentError({ fn, arg: "grid.crs", value: grid.crs, expected: '"EPSG:4326" (latitudes in degrees)' }, "not a lon/lat grid");
  if (values === null || typeof values !== "object" || values.length !== grid.width * grid.height) {
    throw new ArgumentError({ fn, arg: "values", value: values?.length, expected: `${grid.width * grid.height} values` }, `${values?.length} values for a ${grid.width}×${grid.height} grid`);
  }
  const { width, from, nb } = latitudeBinRange(fn, options);
  const groups: number[][] = Array.from({ length: nb }, () => []);
  let outside = 0;
  let missing = 0;
  for (let r = 0; r < grid.height; r++) {
    const lat = grid.originY - (r + 0.5) * grid.resY;
    const b = Math.floor((lat - from) / width);
    const inRange = b >= 0 && b < nb;
    for (let c = 0; c < grid.width; c++) {
      const v = values[r * grid.width + c]!;
      if (Number.isNaN(v)) missing++;
      else if (v === Infinity || v === -Infinity || typeof v !== "number") throw new ArgumentError({ fn, arg: "values", at: r * grid.width + c, value: v, expected: "a finite number or NaN (outside the domain)" }, "bad value");
      else if (inRange) groups[b]!.push(v);
      else outside++;
    }
  }
  const bins = groups.map((g, b) => latitudeBinSummary(from + b * width, width, g));
  return Object.assign(bins, { outside, missing });
}

/**
 * The checked bin options of {@link latitudeBins}: width, range and the number of bins.
 *
 * @param fn - the public function to name in an error
 * @param options - bin width in degrees (default 5) and the range (default 25–85 °N)
 * @returns width, from, to (°) and the bin count
 * @throws ArgumentError for an unknown option or bad bins (width ≤ 0, to ≤ from, outside −90…90, more than 10 000 bins)
 * @example
 * latitudeBinRange("f", { width: 10 }).nb; // 6
 */
export function latitudeBinRange(fn: string, options: LatitudeBinOptions): { width: number; from: number; to: number; nb: number } {
  checkOptions(fn, "options", options, ["width", "from", "to"]);
  const width = checkNumber(fn, "options.width", options.width ?? 5, { min: 0, exclusiveMin: true });
  const from = checkNumber(fn, "options.from", options.from ?? 25, { min: -90, max: 90 });
  const to = checkNumber(fn, "options.to", options.to ?? 85, { min: -90, max: 90 });
  if (!(to > from)) throw new ArgumentError({ fn, arg: "options.to", value: to, expected: `> options.from (${from})` }, "empty or inverted latitude range");
  if ((to - from) / width > 10000) throw new ArgumentError({ fn, arg: "options.width", value: width, expected: `at least ${(to - from) / 10000}° (at most 10 000 bins)` }, "too many bins");
  return { width, from, to, nb: Math.ceil((to - from) / width - 1e-9) };
}

/**
 * The summary of one latitude bin from its finite values in row-major grid order (the order
 * fixes the floating-point sums of the mean and SD): what {@link latitudeBins} and
 * LatitudeBinAccumulator report per bin.
 *
 * @param latFrom - southern edge (°N)
 * @param width - bin width (degrees)
 * @param values - the bin's finite values, in row-major order of their cells
 * @returns the bin (NaN statistics for an empty bin, NaN SD for one value)
 * @example
 * latitudeBinSummary(60, 5, [1, 2, 3, 4]).median; // 2.5
 */
export function latitudeBinSummary(latFrom: number, width: number, values: ArrayLike<number>): LatitudeBin {
  const n = values.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i]!;
  const m = n > 0 ? s / n : NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - m) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : NaN;
  const q = n > 0 ? quantiles(values, [0.25, 0.5, 0.75]) : [NaN, NaN, NaN];
  return { latFrom, latTo: latFrom + width, lat: latFrom + width / 2, cells: n, mean: m, sd, q25: q[0]!, median: q[1]!, q75: q[2]! };
}
