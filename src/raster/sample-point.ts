/**
 * Reading a band at a point: the nearest cell, or bilinear interpolation between the four
 * surrounding cell centres (paper 1 §2.3: continuous variables bilinear, categorical nearest).
 *
 * What happens with unusual points, explicitly:
 * - a point outside the grid gives NaN (and {@link extractPoints} counts such points in `outside`);
 * - a point whose needed cells are missing (NaN) gives NaN (counted in `missing`);
 * - a NaN or ±Infinity coordinate is an {@link ArgumentError} (it is a bug upstream, not a point
 *   outside the map), as is a band whose length does not match the grid;
 * - a cell read that holds ±Infinity (or, in a plain array, something that is not a number) is an
 *   {@link ArgumentError} naming the band's cell: a band value is a finite number or NaN (missing).
 */
import { ArgumentError } from "../core/errors";
import { checkArray, checkOneOf, checkSameLength } from "../core/checks";
import { type Grid, checkGrid } from "./grid";
import { bilinearStencil, bilinearUnchecked, nearestUnchecked } from "./sample-kernels";

/** How a band is read between cell centres. */
export type SampleMethod = "nearest" | "bilinear";

/** The valid {@link SampleMethod}s. */
export const SAMPLE_METHODS: readonly SampleMethod[] = ["nearest", "bilinear"];

/**
 * The cells (row-major indices) that the kernel of `method` reads for (x, y); empty outside the grid.
 *
 * @param g - the grid
 * @param x - x
 * @param y - y
 * @param method - the kernel
 * @returns the cell indices
 */
function cellsRead(g: Grid, x: number, y: number, method: SampleMethod): number[] {
  const cf = (x - g.originX) / g.resX;
  const rf = (g.originY - y) / g.resY;
  if (method === "nearest") {
    const c = Math.floor(cf);
    const r = Math.floor(rf);
    return c < 0 || r < 0 || c >= g.width || r >= g.height ? [] : [r * g.width + c];
  }
  const st = bilinearStencil(g, x, y);
  if (st === null) return [];
  const { c0, c1, r0, r1 } = st;
  return [r0 * g.width + c0, r0 * g.width + c1, r1 * g.width + c0, r1 * g.width + c1];
}

/**
 * Refuse the first cell read for (x, y) that is not a number or is ±Infinity.
 *
 * @param fn - the public function
 * @param g - the grid
 * @param band - the band
 * @param x - x
 * @param y - y
 * @param method - the kernel
 * @param point - the point's index (for extractPoints)
 */
function checkCellsRead(fn: string, g: Grid, band: ArrayLike<number>, x: number, y: number, method: SampleMethod, point?: number): void {
  for (const i of cellsRead(g, x, y, method)) {
    const v: unknown = band[i];
    if (typeof v === "number" && v !== Infinity && v !== -Infinity) continue;
    const row = Math.floor(i / g.width);
    const col = i % g.width;
    const at = point === undefined ? `(${x}, ${y})` : `point ${point} (${x}, ${y})`;
    throw new ArgumentError({ fn, arg: "band", at: i, value: v, expected: "a finite number or NaN (missing)" }, `${typeof v === "number" ? "infinite" : "non-numeric"} cell value at row ${row}, column ${col}, read for ${at}`);
  }
}

function checkPoint(fn: string, g: Grid, band: ArrayLike<number>, x: number, y: number): void {
  if (!Number.isFinite(x)) throw new ArgumentError({ fn, arg: "x", value: x, expected: "a finite coordinate" }, "bad coordinate");
  if (!Number.isFinite(y)) throw new ArgumentError({ fn, arg: "y", value: y, expected: "a finite coordinate" }, "bad coordinate");
  if (band === null || typeof band !== "object" || band.length !== g.width * g.height) {
    throw new ArgumentError({ fn, arg: "band", value: band?.length, expected: `${g.width * g.height} values (the ${g.width}×${g.height} grid)` }, "band has the wrong length");
  }
}

/**
 * The value of the cell containing (x, y).
 *
 * @param g - the grid
 * @param band - band values (row-major, width × height)
 * @param x - x (lon), finite
 * @param y - y (lat), finite
 * @returns the cell's value (NaN when it is missing), or NaN outside the grid
 * @throws ArgumentError for a NaN or ±Infinity coordinate, a band that does not fit the grid, or a cell read that is ±Infinity or not a number (naming the cell)
 */
export function sampleNearest(g: Grid, band: ArrayLike<number>, x: number, y: number): number {
  checkPoint("sampleNearest", g, band, x, y);
  checkCellsRead("sampleNearest", g, band, x, y, "nearest");
  return nearestUnchecked(g, band, x, y);
}

/**
 * Bilinear interpolation between the four cell centres around (x, y). Within half a cell of
 * the grid's edge the edge cells are used (clamped). NaN if any of the four cells is missing.
 *
 * @param g - the grid
 * @param band - band values (row-major, width × height)
 * @param x - x (lon), finite
 * @param y - y (lat), finite
 * @returns the interpolated value, or NaN outside the grid or next to a missing cell
 * @throws ArgumentError for a NaN or ±Infinity coordinate, a band that does not fit the grid, or a cell read that is ±Infinity or not a number (naming the cell)
 */
export function sampleBilinear(g: Grid, band: ArrayLike<number>, x: number, y: number): number {
  checkPoint("sampleBilinear", g, band, x, y);
  checkCellsRead("sampleBilinear", g, band, x, y, "bilinear");
  return bilinearUnchecked(g, band, x, y);
}

/** What {@link extractPoints} returns: one value per point, and the counts of the NaN results. */
export type ExtractedPoints = Float64Array & {
  /** Points outside the grid (their value is NaN). */
  outside: number;
  /** Points inside the grid whose value is NaN (a missing cell, or a missing bilinear neighbour). */
  missing: number;
};

/**
 * Read a band at many points. Points outside the grid and points on missing cells give NaN and
 * are counted (`outside`, `missing`); a NaN or ±Infinity coordinate is an error.
 *
 * @param g - the grid
 * @param band - band values (width × height)
 * @param xs - x (lon) of each point, finite
 * @param ys - y (lat) of each point, finite, as many as xs
 * @param method - "nearest" (default) or "bilinear"
 * @returns one value per point (NaN outside the grid or at missing cells), with the counts `outside` and `missing`
 * @throws ArgumentError for an invalid grid, a band that does not fit it, a plain-array band holding a non-number or ±Infinity, a cell read that is ±Infinity (naming the cell and the point), a coordinate that is not a finite number (naming its index), different lengths of xs and ys, or an unknown method
 */
export function extractPoints(g: Grid, band: ArrayLike<number>, xs: ArrayLike<number>, ys: ArrayLike<number>, method: SampleMethod = "nearest"): ExtractedPoints {
  const fn = "extractPoints";
  checkGrid(fn, "g", g);
  if (band === null || typeof band !== "object" || band.length !== g.width * g.height) {
    throw new ArgumentError({ fn, arg: "band", value: band?.length, expected: `${g.width * g.height} values (the ${g.width}×${g.height} grid)` }, "band has the wrong length");
  }
  // a plain array may hold anything: one scan (typed arrays hold numbers; their ±Infinity is caught where read)
  if (!ArrayBuffer.isView(band) || band instanceof BigInt64Array || band instanceof BigUint64Array) checkArray(fn, "band", band, { allowNaN: true });
  checkArray(fn, "xs", xs);
  checkArray(fn, "ys", ys);
  checkSameLength(fn, "xs", xs, "ys", ys);
  checkOneOf(fn, "method", method, SAMPLE_METHODS);
  const out = new Float64Array(xs.length);
  const f = method === "nearest" ? nearestUnchecked : bilinearUnchecked;
  let outside = 0;
  let missing = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    const v = f(g, band, x, y);
    out[i] = v;
    if (v === Infinity || v === -Infinity) checkCellsRead(fn, g, band, x, y, method, i);
    if (Number.isNaN(v)) {
      const cf = (x - g.originX) / g.resX;
      const rf = (g.originY - y) / g.resY;
      if (cf < 0 || rf < 0 || cf > g.width || rf > g.height || (method === "nearest" && (cf === g.width || rf === g.height))) outside++;
      else {
        // bilinear weights can turn ±Infinity neighbours into NaN: a NaN result is missing only when no cell read is infinite
        checkCellsRead(fn, g, band, x, y, method, i);
        missing++;
      }
    }
  }
  return Object.assign(out, { outside, missing });
}
