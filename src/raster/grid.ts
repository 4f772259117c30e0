/**
 * The georeferenced grid of a raster: a north-up regular lon/lat (or projected) lattice with the
 * top-left corner (originX, originY), cell size (resX, resY > 0; rows run south), and a CRS
 * label. Paper 1 §2.3 puts every predictor on one WGS84 grid; a grid mismatch between rasters
 * is therefore an error here unless the caller resamples explicitly.
 */
import { DataError } from "../core/errors";

/** A north-up regular grid. */
export interface Grid {
  /** Columns. */
  readonly width: number;
  /** Rows. */
  readonly height: number;
  /** x of the left edge of column 0 (degrees east for EPSG:4326). */
  readonly originX: number;
  /** y of the top edge of row 0 (degrees north for EPSG:4326). */
  readonly originY: number;
  /** Cell width (degrees for EPSG:4326), > 0. */
  readonly resX: number;
  /** Cell height (degrees for EPSG:4326), > 0; row r spans originY − (r+1)·resY … originY − r·resY. */
  readonly resY: number;
  /** Coordinate reference system, e.g. "EPSG:4326". */
  readonly crs: string;
}

/**
 * A WGS84 lon/lat grid covering a bounding box at a given resolution.
 *
 * @param bbox - [west, south, east, north] in degrees
 * @param res - cell size in degrees
 * @returns the grid (width and height rounded to whole cells)
 * @throws RangeError for an empty box or non-positive resolution
 */
export function lonLatGrid(bbox: readonly [number, number, number, number], res: number): Grid {
  const [w, s, e, n] = bbox;
  if (!(res > 0) || !(e > w) || !(n > s)) throw new RangeError(`lonLatGrid: bad box ${bbox.join(",")} or resolution ${res}`);
  return { width: Math.round((e - w) / res), height: Math.round((n - s) / res), originX: w, originY: n, resX: res, resY: res, crs: "EPSG:4326" };
}

/**
 * Centre of cell (col, row).
 *
 * @param g - the grid
 * @param col - column (0-based)
 * @param row - row (0-based, from the top)
 * @returns [x, y] of the centre (lon, lat for EPSG:4326)
 */
export function cellCenter(g: Grid, col: number, row: number): [number, number] {
  return [g.originX + (col + 0.5) * g.resX, g.originY - (row + 0.5) * g.resY];
}

/**
 * Fractional cell coordinates of a point: (0.5, 0.5) is the centre of cell (0, 0).
 *
 * @param g - the grid
 * @param x - x (lon)
 * @param y - y (lat)
 * @returns [col, row] as real numbers
 */
export function pointToCell(g: Grid, x: number, y: number): [number, number] {
  return [(x - g.originX) / g.resX, (g.originY - y) / g.resY];
}

/**
 * The differences between two grids, in words (empty when they match within `tol` of a cell).
 *
 * @param a - first grid
 * @param b - second grid
 * @param tol - tolerance as a share of a cell (default 1e-6)
 * @returns one sentence per difference (CRS, size, resolution, origin)
 */
export function gridDifferences(a: Grid, b: Grid, tol = 1e-6): string[] {
  const out: string[] = [];
  if (a.crs !== b.crs) out.push(`CRS ${a.crs} vs ${b.crs}`);
  if (Math.abs(a.resX - b.resX) > tol * a.resX || Math.abs(a.resY - b.resY) > tol * a.resY) out.push(`resolution ${a.resX}×${a.resY} vs ${b.resX}×${b.resY}`);
  if (a.width !== b.width || a.height !== b.height) out.push(`size ${a.width}×${a.height} vs ${b.width}×${b.height} cells`);
  if (Math.abs(a.originX - b.originX) > tol * a.resX || Math.abs(a.originY - b.originY) > tol * a.resY) out.push(`origin (${a.originX}, ${a.originY}) vs (${b.originX}, ${b.originY})`);
  return out;
}

/**
 * Throw a clear error when two rasters are not on the same grid (paper 1 §2.3: all predictors on
 * one grid). Resample explicitly with `resample` when they are not.
 *
 * @param a - first grid
 * @param b - second grid
 * @param labelA - name of the first raster (file or variable)
 * @param labelB - name of the second
 * @throws DataError naming both rasters and every difference
 */
export function assertSameGrid(a: Grid, b: Grid, labelA: string, labelB: string): void {
  const diff = gridDifferences(a, b);
  if (diff.length > 0) {
    throw new DataError({ file: labelB }, `grid does not match ${labelA}: ${diff.join("; ")} (resample it explicitly: bilinear for continuous, nearest for categorical variables)`);
  }
}
