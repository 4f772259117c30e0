/**
 * The kit's in-memory raster: a {@link Grid} plus one `Float32Array` per band (row-major, row 0
 * at the top). Missing cells are `NaN` in memory; the file's nodata value is kept so that a
 * raster is written back with the same nodata marker.
 */
import { ArgumentError } from "../core/errors";
import { checkNumber } from "../core/checks";
import { type Grid, checkGrid } from "./grid";

/** A multi-band raster on one grid. */
export interface Raster {
  /** The grid. */
  readonly grid: Grid;
  /** Band values, row-major, `NaN` = missing; each of length width × height. */
  readonly bands: Float32Array[];
  /** Band names (e.g. years "2003" … "2020"). */
  readonly bandNames: string[];
  /** Nodata value used in files (in memory missing is NaN). */
  readonly nodata: number;
}

/** Most cells a band may have: 2³¹ − 1 (a typed array's length limit the kit relies on). */
export const MAX_CELLS = 2 ** 31 - 1;

/** Default nodata written to files. */
export const DEFAULT_NODATA = -9999;

/**
 * Require band arrays that fit a grid: an array of `Float32Array`s, each of width × height values.
 * Values are not scanned (NaN means missing).
 *
 * @param fn - the public function's name
 * @param arg - the argument path (`bands`, `r.bands`)
 * @param grid - the grid the bands must fit (already checked)
 * @param bands - the value to check
 * @param minBands - fewest bands (default 1)
 * @returns the bands
 * @throws ArgumentError naming the band index and its length
 * @example
 * checkBands("f", "bands", lonLatGrid([0, 0, 2, 2], 1), [new Float32Array(4)]); // passes
 */
export function checkBands(fn: string, arg: string, grid: Grid, bands: unknown, minBands = 1): Float32Array[] {
  if (!Array.isArray(bands)) throw new ArgumentError({ fn, arg, value: bands, expected: "an array of Float32Array bands" }, "not an array of bands");
  if (bands.length < minBands) throw new ArgumentError({ fn, arg, value: bands.length, expected: `at least ${minBands} band${minBands === 1 ? "" : "s"}` }, "too few bands");
  const n = grid.width * grid.height;
  // a for loop, not forEach: forEach skips the holes of a sparse array
  for (let k = 0; k < bands.length; k++) {
    const b: unknown = bands[k];
    if (!(b instanceof Float32Array)) throw new ArgumentError({ fn, arg, at: k, value: b, expected: "a Float32Array" }, "band is not a Float32Array");
    if (b.length !== n) throw new ArgumentError({ fn, arg, at: k, value: b.length, expected: `${n} values (the ${grid.width}×${grid.height} grid)` }, "band has the wrong length");
  }
  return bands as Float32Array[];
}

/**
 * Require a valid {@link Raster}: a valid grid, at least one band of width × height values, one
 * name (a string) per band and a finite nodata value.
 *
 * @param fn - the public function's name
 * @param arg - the argument path (`r`)
 * @param r - the value to check
 * @returns the raster
 * @throws ArgumentError naming the bad field, band index and value
 * @example
 * checkRaster("f", "r", makeRaster(lonLatGrid([0, 0, 2, 2], 1), [new Float32Array(4)])); // passes
 */
export function checkRaster(fn: string, arg: string, r: unknown): Raster {
  if (r === null || typeof r !== "object") throw new ArgumentError({ fn, arg, value: r, expected: "a raster {grid, bands, bandNames, nodata}" }, "not a raster");
  const o = r as Record<string, unknown>;
  const grid = checkGrid(fn, `${arg}.grid`, o.grid);
  const bands = checkBands(fn, `${arg}.bands`, grid, o.bands);
  checkNames(fn, `${arg}.bandNames`, o.bandNames, bands.length);
  checkNumber(fn, `${arg}.nodata`, o.nodata);
  return r as Raster;
}

function checkNames(fn: string, arg: string, names: unknown, nBands: number): string[] {
  if (!Array.isArray(names)) throw new ArgumentError({ fn, arg, value: names, expected: `${nBands} band names` }, "not an array of names");
  if (names.length !== nBands) throw new ArgumentError({ fn, arg, value: names.length, expected: `${nBands} names, one per band` }, "wrong number of band names");
  for (let k = 0; k < names.length; k++) {
    const s: unknown = names[k];
    if (typeof s !== "string" || s === "") throw new ArgumentError({ fn, arg, at: k, value: s, expected: "a non-empty string" }, "bad band name");
  }
  return names as string[];
}

/**
 * A raster with the given bands.
 *
 * @param grid - the grid
 * @param bands - band arrays (at least one; each a Float32Array of width × height values)
 * @param bandNames - names, one non-empty string per band (default "1", "2", …)
 * @param nodata - nodata value for files (finite)
 * @returns the raster
 * @throws ArgumentError for an invalid grid, a band of the wrong type or length, a wrong number of names, or a non-finite nodata
 */
export function makeRaster(grid: Grid, bands: Float32Array[], bandNames?: string[], nodata = DEFAULT_NODATA): Raster {
  checkGrid("makeRaster", "grid", grid);
  checkBands("makeRaster", "bands", grid, bands);
  const names = bandNames ?? bands.map((_, k) => String(k + 1));
  checkNames("makeRaster", "bandNames", names, bands.length);
  checkNumber("makeRaster", "nodata", nodata);
  return { grid, bands, bandNames: names, nodata };
}

/**
 * The band called `name`.
 *
 * @param r - the raster
 * @param name - band name (e.g. "2010")
 * @param label - raster label for the error
 * @returns the band values
 * @throws ArgumentError naming the raster and listing its bands when absent
 */
export function bandByName(r: Raster, name: string, label = "raster"): Float32Array {
  const k = r.bandNames.indexOf(name);
  if (k < 0) throw new ArgumentError({ fn: "bandByName", arg: "name", value: name, expected: `one of the bands of ${label}: ${r.bandNames.join(", ")}` }, `${label} has no such band`);
  return r.bands[k]!;
}
