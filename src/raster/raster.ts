/**
 * The kit's in-memory raster: a {@link Grid} plus one `Float32Array` per band (row-major, row 0
 * at the top). Missing cells are `NaN` in memory; the file's nodata value is kept so that a
 * raster is written back with the same nodata marker.
 */
import { type Grid } from "./grid";

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

/** Default nodata written to files. */
export const DEFAULT_NODATA = -9999;

/**
 * A raster with the given bands.
 *
 * @param grid - the grid
 * @param bands - band arrays (each width × height)
 * @param bandNames - names (default "1", "2", …)
 * @param nodata - nodata value for files
 * @returns the raster
 * @throws RangeError when a band has the wrong length or the names do not match
 */
export function makeRaster(grid: Grid, bands: Float32Array[], bandNames?: string[], nodata = DEFAULT_NODATA): Raster {
  const n = grid.width * grid.height;
  bands.forEach((b, k) => {
    if (b.length !== n) throw new RangeError(`makeRaster: band ${k} has ${b.length} values, the ${grid.width}×${grid.height} grid has ${n}`);
  });
  const names = bandNames ?? bands.map((_, k) => String(k + 1));
  if (names.length !== bands.length) throw new RangeError(`makeRaster: ${names.length} band names for ${bands.length} bands`);
  return { grid, bands, bandNames: names, nodata };
}

/**
 * The band called `name`.
 *
 * @param r - the raster
 * @param name - band name (e.g. "2010")
 * @param label - raster label for the error
 * @returns the band values
 * @throws RangeError naming the raster and its bands when absent
 */
export function bandByName(r: Raster, name: string, label = "raster"): Float32Array {
  const k = r.bandNames.indexOf(name);
  if (k < 0) throw new RangeError(`${label} has no band "${name}" (bands: ${r.bandNames.join(", ")})`);
  return r.bands[k]!;
}
