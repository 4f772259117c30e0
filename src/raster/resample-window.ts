/**
 * Resampling by window (paper 1 §2.3: every predictor on one grid; bilinear for continuous,
 * nearest for categorical variables), for inputs too large to hold whole: a window of the target
 * grid needs only the source cells its cell centres fall on (and their bilinear neighbours), so
 * the source is read by window too. The values equal {@link resampleRaster} on the whole raster
 * bit for bit: the stencils are computed on the full source grid and only the reads are offset.
 */
import { ArgumentError, DataError } from "../core/errors";
import { checkOneOf } from "../core/checks";
import { type Grid, checkGrid } from "./grid";
import { type CellWindow } from "./geotiff-io";
import { type SampleMethod, SAMPLE_METHODS } from "./sample-point";
import { bilinearStencil } from "./sample-kernels";

function checkWindow(fn: string, arg: string, w: unknown, g: Grid): CellWindow {
  const o = w as CellWindow | null;
  const ok = o !== null && typeof o === "object" && [o.col0, o.row0, o.col1, o.row1].every((v) => Number.isInteger(v)) && o.col0 >= 0 && o.row0 >= 0 && o.col1 <= g.width && o.row1 <= g.height && o.col0 < o.col1 && o.row0 < o.row1;
  if (!ok) throw new ArgumentError({ fn, arg, value: w, expected: `integer { col0, row0, col1, row1 } with 0 ≤ col0 < col1 ≤ ${g.width} and 0 ≤ row0 < row1 ≤ ${g.height}` }, "bad window");
  return o;
}

/**
 * The window of the source grid that resampling a window of the target grid reads.
 *
 * @param source - the source raster's grid
 * @param target - the target grid
 * @param window - cells of the target grid
 * @param method - "nearest" or "bilinear"
 * @returns the source window, or null when no target cell centre falls inside the source
 * @throws ArgumentError for a bad grid, window or method
 * @throws DataError when the grids' CRS differ (reproject first)
 * @example
 * sourceWindowFor(lonLatGrid([0, 0, 10, 10], 1), lonLatGrid([0, 0, 10, 10], 0.5), { col0: 0, row0: 0, col1: 4, row1: 4 }, "nearest"); // { col0: 0, row0: 0, col1: 2, row1: 2 }
 */
export function sourceWindowFor(source: Grid, target: Grid, window: CellWindow, method: SampleMethod): CellWindow | null {
  const fn = "sourceWindowFor";
  checkGrid(fn, "source", source);
  checkGrid(fn, "target", target);
  checkWindow(fn, "window", window, target);
  checkOneOf(fn, "method", method, SAMPLE_METHODS);
  if (source.crs !== target.crs) throw new DataError({ file: "sourceWindowFor" }, `cannot resample from ${source.crs} to ${target.crs}: reproject it first (e.g. gdalwarp)`);
  let c0 = Infinity;
  let c1 = -Infinity;
  let r0 = Infinity;
  let r1 = -Infinity;
  // both methods are monotone in x and y, so the extreme cells come from the first and last centres
  for (const col of [window.col0, window.col1 - 1]) {
    for (const row of [window.row0, window.row1 - 1]) {
      const x = target.originX + (col + 0.5) * target.resX;
      const y = target.originY - (row + 0.5) * target.resY;
      if (method === "nearest") {
        const c = Math.floor((x - source.originX) / source.resX);
        const r = Math.floor((source.originY - y) / source.resY);
        c0 = Math.min(c0, c);
        c1 = Math.max(c1, c);
        r0 = Math.min(r0, r);
        r1 = Math.max(r1, r);
      } else {
        const cf = (x - source.originX) / source.resX;
        const rf = (source.originY - y) / source.resY;
        const u = Math.min(Math.max(cf - 0.5, 0), source.width - 1);
        const v = Math.min(Math.max(rf - 0.5, 0), source.height - 1);
        c0 = Math.min(c0, Math.floor(u));
        c1 = Math.max(c1, Math.floor(u) + 1);
        r0 = Math.min(r0, Math.floor(v));
        r1 = Math.max(r1, Math.floor(v) + 1);
      }
    }
  }
  const w = { col0: Math.max(0, c0), row0: Math.max(0, r0), col1: Math.min(source.width, c1 + 1), row1: Math.min(source.height, r1 + 1) };
  return w.col0 < w.col1 && w.row0 < w.row1 ? w : null;
}

/**
 * Resample a window of the target grid from a window of the source that was read by
 * {@link sourceWindowFor}: each target cell centre is sampled on the full source grid (nearest
 * cell, or bilinear between cell centres clamped at the edges, as resampleRaster), reading the
 * values from the window.
 *
 * @param source - the source grid
 * @param values - the source window's values (row-major, its width × height)
 * @param sourceWindow - the window `values` covers (null: nothing inside, every cell NaN)
 * @param target - the target grid
 * @param window - the target window
 * @param method - "nearest" or "bilinear"
 * @returns the target window's values (row-major), NaN outside the source
 * @throws ArgumentError for bad grids, windows, method, or `values` of the wrong length
 * @throws DataError when a needed cell lies outside `sourceWindow` (it was not read by sourceWindowFor)
 * @example
 * const src = lonLatGrid([0, 0, 2, 2], 1), dst = lonLatGrid([0, 0, 2, 2], 0.5);
 * const w = { col0: 0, row0: 0, col1: 4, row1: 1 };
 * const sw = sourceWindowFor(src, dst, w, "nearest")!;
 * resampleWindow(src, Float32Array.of(1, 2), sw, dst, w, "nearest"); // Float32Array [1, 1, 2, 2]
 */
export function resampleWindow(source: Grid, values: ArrayLike<number>, sourceWindow: CellWindow | null, target: Grid, window: CellWindow, method: SampleMethod): Float32Array {
  const fn = "resampleWindow";
  checkGrid(fn, "source", source);
  checkGrid(fn, "target", target);
  checkWindow(fn, "window", window, target);
  checkOneOf(fn, "method", method, SAMPLE_METHODS);
  const tw = window.col1 - window.col0;
  const out = new Float32Array(tw * (window.row1 - window.row0)).fill(NaN);
  if (sourceWindow === null) return out;
  checkWindow(fn, "sourceWindow", sourceWindow, source);
  const sw = sourceWindow.col1 - sourceWindow.col0;
  const need = sw * (sourceWindow.row1 - sourceWindow.row0);
  if (values === null || typeof values !== "object" || values.length !== need) throw new ArgumentError({ fn, arg: "values", value: values, expected: `${need} values (the source window's ${sw} × ${sourceWindow.row1 - sourceWindow.row0} cells)` }, "wrong length");
  const at = (r: number, c: number): number => {
    if (c < sourceWindow.col0 || c >= sourceWindow.col1 || r < sourceWindow.row0 || r >= sourceWindow.row1) {
      throw new DataError({ file: fn, value: `row ${r}, column ${c}`, expected: `a cell of the source window rows ${sourceWindow.row0}–${sourceWindow.row1 - 1}, columns ${sourceWindow.col0}–${sourceWindow.col1 - 1}` }, "source cell outside the window that was read");
    }
    return values[(r - sourceWindow.row0) * sw + (c - sourceWindow.col0)]!;
  };
  for (let row = window.row0; row < window.row1; row++) {
    const y = target.originY - (row + 0.5) * target.resY;
    for (let col = window.col0; col < window.col1; col++) {
      const x = target.originX + (col + 0.5) * target.resX;
      let v = NaN;
      if (method === "nearest") {
        const c = Math.floor((x - source.originX) / source.resX);
        const r = Math.floor((source.originY - y) / source.resY);
        if (c >= 0 && r >= 0 && c < source.width && r < source.height) v = at(r, c);
      } else {
        const st = bilinearStencil(source, x, y);
        if (st !== null) {
          const { c0, c1, r0, r1, fx, fy } = st;
          v = (1 - fy) * ((1 - fx) * at(r0, c0) + fx * at(r0, c1)) + fy * ((1 - fx) * at(r1, c0) + fx * at(r1, c1));
        }
      }
      out[(row - window.row0) * tw + (col - window.col0)] = v;
    }
  }
  return out;
}
