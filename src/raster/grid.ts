/**
 * The georeferenced grid of a raster: a north-up regular lon/lat (or projected) lattice with the
 * top-left corner (originX, originY), cell size (resX, resY > 0; rows run south), and a CRS
 * label. Paper 1 §2.3 puts every predictor on one WGS84 grid; a grid mismatch between rasters
 * is therefore an error here unless the caller resamples explicitly.
 */
import { ArgumentError, DataError } from "../core/errors";
import { checkNumber } from "../core/checks";

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
 * Require a valid {@link Grid}: positive integer width and height, finite origin, finite positive
 * cell sizes and a non-empty CRS label. Shared by every raster function that takes a grid.
 *
 * @param fn - the public function's name
 * @param arg - the argument path (`grid`, `r.grid`)
 * @param g - the value to check
 * @returns the grid
 * @throws ArgumentError naming the bad field and its value
 * @example
 * checkGrid("f", "grid", lonLatGrid([0, 0, 2, 2], 1)).width; // 2 (the grid itself)
 */
export function checkGrid(fn: string, arg: string, g: unknown): Grid {
  if (g === null || typeof g !== "object") throw new ArgumentError({ fn, arg, value: g, expected: "a grid {width, height, originX, originY, resX, resY, crs}" }, "not a grid");
  const o = g as Record<string, unknown>;
  for (const k of ["width", "height"]) {
    const v = o[k];
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1) throw new ArgumentError({ fn, arg: `${arg}.${k}`, value: v, expected: "an integer ≥ 1" }, "bad grid size");
  }
  checkNumber(fn, `${arg}.originX`, o.originX);
  checkNumber(fn, `${arg}.originY`, o.originY);
  checkNumber(fn, `${arg}.resX`, o.resX, { min: 0, exclusiveMin: true });
  checkNumber(fn, `${arg}.resY`, o.resY, { min: 0, exclusiveMin: true });
  if (typeof o.crs !== "string" || o.crs === "") throw new ArgumentError({ fn, arg: `${arg}.crs`, value: o.crs, expected: 'a CRS label such as "EPSG:4326"' }, "bad CRS");
  return g as Grid;
}

/**
 * A WGS84 lon/lat grid covering a bounding box at a given resolution. The box must hold a whole
 * number of cells in each direction (within 1e-6 of a cell), so the grid covers exactly the box
 * asked for.
 *
 * @param bbox - [west, south, east, north] in degrees (−180 ≤ west < east ≤ 360, −90 ≤ south < north ≤ 90)
 * @param res - cell size in degrees (> 0)
 * @returns the grid
 * @throws ArgumentError for a non-finite, inverted or empty box, a non-positive resolution, or a box that is not a whole number of cells
 */
export function lonLatGrid(bbox: readonly [number, number, number, number], res: number): Grid {
  const fn = "lonLatGrid";
  if (!Array.isArray(bbox) || bbox.length !== 4) throw new ArgumentError({ fn, arg: "bbox", value: bbox, expected: "[west, south, east, north]" }, "not a bounding box");
  const names = ["west", "south", "east", "north"];
  Array.from(bbox).forEach((v, k) => checkNumber(fn, `bbox[${k}] (${names[k]})`, v));
  const [w, s, e, n] = bbox;
  checkNumber(fn, "res", res, { min: 0, exclusiveMin: true });
  if (w < -180 || e > 360) throw new ArgumentError({ fn, arg: "bbox", value: bbox, expected: "longitudes within −180 … 360" }, "longitude out of range");
  if (s < -90 || n > 90) throw new ArgumentError({ fn, arg: "bbox", value: bbox, expected: "latitudes within −90 … 90" }, "latitude out of range");
  if (!(e > w)) throw new ArgumentError({ fn, arg: "bbox", value: bbox, expected: "east > west" }, "empty or inverted box");
  if (!(n > s)) throw new ArgumentError({ fn, arg: "bbox", value: bbox, expected: "north > south" }, "empty or inverted box");
  const cw = (e - w) / res;
  const ch = (n - s) / res;
  const width = Math.round(cw);
  const height = Math.round(ch);
  if (width < 1 || height < 1) throw new ArgumentError({ fn, arg: "res", value: res, expected: `at most the box size ${e - w}° × ${n - s}°` }, "resolution larger than the box");
  if (Math.abs(cw - width) > 1e-6 || Math.abs(ch - height) > 1e-6) {
    throw new ArgumentError({ fn, arg: "res", value: res, expected: `a cell size that divides the box ${e - w}° × ${n - s}° into whole cells (got ${cw} × ${ch} cells)` }, "box is not a whole number of cells");
  }
  return { width, height, originX: w, originY: n, resX: res, resY: res, crs: "EPSG:4326" };
}

/**
 * Centre of cell (col, row).
 *
 * @param g - the grid
 * @param col - column (0-based)
 * @param row - row (0-based, from the top)
 * @returns [x, y] of the centre (lon, lat for EPSG:4326); a col/row outside the grid extrapolates
 * @throws ArgumentError when col or row is not a finite number (the grid itself is not re-checked: this runs per cell)
 */
export function cellCenter(g: Grid, col: number, row: number): [number, number] {
  if (!Number.isFinite(col)) throw new ArgumentError({ fn: "cellCenter", arg: "col", value: col, expected: "a finite number" }, "bad cell index");
  if (!Number.isFinite(row)) throw new ArgumentError({ fn: "cellCenter", arg: "row", value: row, expected: "a finite number" }, "bad cell index");
  return [g.originX + (col + 0.5) * g.resX, g.originY - (row + 0.5) * g.resY];
}

/**
 * Fractional cell coordinates of a point: (0.5, 0.5) is the centre of cell (0, 0).
 *
 * @param g - the grid
 * @param x - x (lon)
 * @param y - y (lat)
 * @returns [col, row] as real numbers (outside 0 … width, 0 … height for a point outside the grid)
 * @throws ArgumentError when x or y is not a finite number (the grid itself is not re-checked: this runs per point)
 */
export function pointToCell(g: Grid, x: number, y: number): [number, number] {
  if (!Number.isFinite(x)) throw new ArgumentError({ fn: "pointToCell", arg: "x", value: x, expected: "a finite coordinate" }, "bad coordinate");
  if (!Number.isFinite(y)) throw new ArgumentError({ fn: "pointToCell", arg: "y", value: y, expected: "a finite coordinate" }, "bad coordinate");
  return [(x - g.originX) / g.resX, (g.originY - y) / g.resY];
}

/**
 * The differences between two grids, in words (empty when they match within `tol` of a cell).
 *
 * @param a - first grid
 * @param b - second grid
 * @param tol - tolerance as a share of a cell (default 1e-6; finite, ≥ 0)
 * @returns one sentence per difference (CRS, size, resolution, origin)
 * @throws ArgumentError for an invalid grid or tolerance
 */
export function gridDifferences(a: Grid, b: Grid, tol = 1e-6): string[] {
  checkGrid("gridDifferences", "a", a);
  checkGrid("gridDifferences", "b", b);
  checkNumber("gridDifferences", "tol", tol, { min: 0 });
  const out: string[] = [];
  if (a.crs !== b.crs) out.push(`CRS ${a.crs} vs ${b.crs}`);
  if (Math.abs(a.resX - b.resX) > tol * a.resX || Math.abs(a.resY - b.resY) > tol * a.resY) out.push(`resolution ${a.resX}×${a.resY} vs ${b.resX}×${b.resY}`);
  if (a.width !== b.width || a.height !== b.height) out.push(`size ${a.width}×${a.height} vs ${b.width}×${b.height} cells`);
  if (Math.abs(a.originX - b.originX) > tol * a.resX || Math.abs(a.originY - b.originY) > tol * a.resY) out.push(`origin (${a.originX}, ${a.originY}) vs (${b.originX}, ${b.originY})`);
  return out;
}

/**
 * Throw a clear error when two rasters are not on the same grid (paper 1 §2.3: all predictors on
 * one grid). Resample explicitly with `resampleRaster` when they are not.
 *
 * @param a - first grid
 * @param b - second grid
 * @param labelA - name of the first raster (file or variable)
 * @param labelB - name of the second
 * @throws DataError naming both rasters and every difference
 * @throws ArgumentError for an invalid grid or a label that is not a string
 */
export function assertSameGrid(a: Grid, b: Grid, labelA: string, labelB: string): void {
  checkGrid("assertSameGrid", "a", a);
  checkGrid("assertSameGrid", "b", b);
  if (typeof labelA !== "string") throw new ArgumentError({ fn: "assertSameGrid", arg: "labelA", value: labelA, expected: "a file name or label" }, "not a string");
  if (typeof labelB !== "string") throw new ArgumentError({ fn: "assertSameGrid", arg: "labelB", value: labelB, expected: "a file name or label" }, "not a string");
  const diff = gridDifferences(a, b);
  if (diff.length > 0) {
    throw new DataError({ file: labelB }, `grid does not match ${labelA}: ${diff.join("; ")} (resample it explicitly: bilinear for continuous, nearest for categorical variables)`);
  }
}
