/**
 * The cells with a value in a large single-band raster (e.g. a 1 km map's mapped pixels), streamed
 * by row blocks so memory is one block, not the grid (issue 15). In row-major order these are the
 * chain's domain cells, so a seeded draw of positions among them equals the in-memory draw among
 * `inputs.cells`.
 */
import { ArgumentError } from "../core/errors";
import { checkInteger } from "../core/checks";
import { type RasterSource } from "./mosaic";
import { type CellWindow } from "./geotiff-io";

/** Cells per row block read by {@link forEachRowBlock} (about 4 MB of Float32 values). */
const BLOCK_CELLS = 1 << 20;

/**
 * Visit a raster's grid in row blocks of whole rows (about a million cells each), top to bottom.
 *
 * @param width - grid width (cells)
 * @param height - grid height (cells)
 * @param visit - called with each block's window, in order
 * @example
 * const rows: number[] = [];
 * await forEachRowBlock(4, 3, async (w) => { rows.push(w.row0); });
 * rows; // [0]
 */
export async function forEachRowBlock(width: number, height: number, visit: (w: CellWindow) => Promise<void>): Promise<void> {
  checkInteger("forEachRowBlock", "width", width, { min: 1 });
  checkInteger("forEachRowBlock", "height", height, { min: 1 });
  const rows = Math.max(1, Math.floor(BLOCK_CELLS / width));
  for (let row0 = 0; row0 < height; row0 += rows) await visit({ col0: 0, row0, col1: width, row1: Math.min(height, row0 + rows) });
}

/**
 * How many cells of band 1 hold a value (not NaN or nodata).
 *
 * @param src - the raster (one file or a GEE tile set, from openRasterSource)
 * @returns the count
 * @example
 * writeGeoTiff("m.tif", makeRaster(lonLatGrid([0, 0, 3, 1], 1), [Float32Array.from([1, NaN, 2])]));
 * await countFiniteCells(await openRasterSource("m.tif")); // 2
 */
export async function countFiniteCells(src: RasterSource): Promise<number> {
  let n = 0;
  await forEachRowBlock(src.grid.width, src.grid.height, async (w) => {
    const v = (await src.readWindow(w, [0]))[0]!;
    for (let i = 0; i < v.length; i++) if (!Number.isNaN(v[i]!)) n++;
  });
  return n;
}

/**
 * The grid cells of some positions among the cells with a value (row-major order): position k is
 * the (k+1)-th cell of band 1 that is not NaN or nodata.
 *
 * @param src - the raster
 * @param positions - positions, ascending (e.g. from a seeded sample)
 * @returns the row-major grid cell of each position
 * @throws ArgumentError when positions are not ascending, or one is past the last cell with a value
 * @example
 * writeGeoTiff("m.tif", makeRaster(lonLatGrid([0, 0, 3, 1], 1), [Float32Array.from([1, NaN, 2])]));
 * Array.from(await finiteCellsAt(await openRasterSource("m.tif"), Int32Array.from([1]))); // [2] (the second cell with a value is cell 2)
 */
export async function finiteCellsAt(src: RasterSource, positions: Int32Array): Promise<Int32Array> {
  const fn = "finiteCellsAt";
  for (let j = 1; j < positions.length; j++) {
    if (!(positions[j]! > positions[j - 1]!)) throw new ArgumentError({ fn, arg: "positions", at: j, value: positions[j], expected: `a position after ${positions[j - 1]} (ascending, no repeats)` }, "positions not ascending");
  }
  const out = new Int32Array(positions.length);
  let seen = 0, j = 0;
  const width = src.grid.width;
  await forEachRowBlock(width, src.grid.height, async (w) => {
    if (j >= positions.length) return;
    const v = (await src.readWindow(w, [0]))[0]!;
    for (let i = 0; i < v.length && j < positions.length; i++) {
      if (Number.isNaN(v[i]!)) continue;
      if (seen === positions[j]) out[j++] = w.row0 * width + i;
      seen++;
    }
  });
  if (j < positions.length) throw new ArgumentError({ fn, arg: "positions", at: j, value: positions[j], expected: `a position below ${seen} (the cells with a value)` }, "position past the last cell with a value");
  return out;
}
