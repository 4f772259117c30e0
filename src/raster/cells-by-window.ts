/**
 * Reading a raster at a set of cells window by window (issue 15: bounded memory at 1 km): the
 * cells are grouped by the square window of the grid they fall in, and each window that holds at
 * least one cell is read once, so memory is one window plus the values at the cells, whatever
 * the grid's size. Used to draw the driver table and the burned pixels of paper 1 (§2.4.3, §2.5)
 * from 1 km maps and inputs.
 */
import { ArgumentError } from "../core/errors";
import { checkInteger } from "../core/checks";
import { type CellWindow } from "./geotiff-io";

/** The cells that fall in one window. */
export interface CellWindowGroup {
  /** The window (grid cells). */
  window: CellWindow;
  /** Positions of the cells in the list given to {@link groupCellsByWindow}. */
  positions: Int32Array;
  /** Their offsets in the window's row-major values. */
  offsets: Int32Array;
}

/**
 * Group cells by the square windows of a grid (side `tileSize`, from the top-left corner).
 *
 * @param size - the grid's width and height (cells)
 * @param cells - row-major cell indices (any order; repeats allowed)
 * @param tileSize - window side (cells; default 256)
 * @returns the windows holding at least one cell, top row of windows first, each with its cells in the given order
 * @throws ArgumentError for a bad size or tile size, or a cell outside the grid (naming its position)
 * @example
 * const g = groupCellsByWindow({ width: 4, height: 4 }, Int32Array.from([0, 15, 5]), 2);
 * g.map((w) => Array.from(w.positions)); // [[0, 2], [1]]
 */
export function groupCellsByWindow(size: { width: number; height: number }, cells: Int32Array, tileSize = 256): CellWindowGroup[] {
  const fn = "groupCellsByWindow";
  checkInteger(fn, "size.width", size?.width, { min: 1 });
  checkInteger(fn, "size.height", size?.height, { min: 1 });
  checkInteger(fn, "tileSize", tileSize, { min: 1 });
  if (!(cells instanceof Int32Array)) throw new ArgumentError({ fn, arg: "cells", value: cells, expected: "an Int32Array of row-major cell indices" }, "not an Int32Array");
  const { width, height } = size;
  const tilesX = Math.ceil(width / tileSize);
  const byTile = new Map<number, number[]>();
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k]!;
    if (!(c >= 0 && c < width * height)) throw new ArgumentError({ fn, arg: "cells", at: k, value: c, expected: `a cell 0…${width * height - 1} of the ${width} × ${height} grid` }, "cell outside the grid");
    const t = Math.floor(Math.floor(c / width) / tileSize) * tilesX + Math.floor((c % width) / tileSize);
    let list = byTile.get(t);
    if (list === undefined) byTile.set(t, (list = []));
    list.push(k);
  }
  return [...byTile.keys()].sort((a, b) => a - b).map((t) => {
    const col0 = (t % tilesX) * tileSize, row0 = Math.floor(t / tilesX) * tileSize;
    const window = { col0, row0, col1: Math.min(width, col0 + tileSize), row1: Math.min(height, row0 + tileSize) };
    const positions = Int32Array.from(byTile.get(t)!);
    const w = window.col1 - col0;
    const offsets = Int32Array.from(positions, (k) => (Math.floor(cells[k]! / width) - row0) * w + (cells[k]! % width) - col0);
    return { window, positions, offsets };
  });
}

/**
 * The values of a raster at the grouped cells, reading each window once.
 *
 * @param groups - from {@link groupCellsByWindow}
 * @param nCells - how many cells were grouped (the length of the result)
 * @param read - reads a window's values, row-major
 * @returns the value at each cell, in the order the cells were given
 * @throws ArgumentError when a window read returns the wrong number of values
 * @example
 * const cells = Int32Array.from([0, 15, 5]);
 * const groups = groupCellsByWindow({ width: 4, height: 4 }, cells, 2);
 * const v = await readAtCellGroups(groups, 3, async (w) => Float32Array.from({ length: (w.col1 - w.col0) * (w.row1 - w.row0) }, (_, i) => w.row0 * 4 + w.col0 + Math.floor(i / 2) * 4 + (i % 2)));
 * Array.from(v); // [0, 15, 5]
 */
export async function readAtCellGroups(groups: readonly CellWindowGroup[], nCells: number, read: (window: CellWindow) => Promise<Float32Array>): Promise<Float32Array> {
  const out = new Float32Array(nCells);
  for (const g of groups) {
    const v = await read(g.window);
    const n = (g.window.col1 - g.window.col0) * (g.window.row1 - g.window.row0);
    if (v.length !== n) throw new ArgumentError({ fn: "readAtCellGroups", arg: "read", at: `window rows ${g.window.row0}–${g.window.row1 - 1}, columns ${g.window.col0}–${g.window.col1 - 1}`, value: v.length, expected: `${n} values` }, "a window read returned the wrong number of values");
    for (let j = 0; j < g.positions.length; j++) out[g.positions[j]!] = v[g.offsets[j]!]!;
  }
  return out;
}
