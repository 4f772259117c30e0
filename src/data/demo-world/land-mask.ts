/**
 * A land mask on a lon/lat grid from the Natural Earth 1:110m land polygons (npm
 * `world-atlas`, shipped, never fetched): a cell is land when its centre is inside the polygons
 * (even–odd rule, one scanline per row). Rings that cross the antimeridian are unwrapped to
 * continuous longitudes and tested at lon and lon ± 360°.
 */
import { landOutlines } from "../../plot/coastlines";
import { type Grid, cellCenter } from "../../raster/grid";

function unwrap(ring: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let shift = 0;
  let prev = NaN;
  for (const [x, y] of ring) {
    if (!Number.isNaN(prev)) {
      if (x + shift - prev > 180) shift -= 360;
      else if (x + shift - prev < -180) shift += 360;
    }
    prev = x + shift;
    out.push([prev, y]);
  }
  return out;
}

let ringsCache: [number, number][][] | undefined;

/** A window of a grid, in cells: columns col0 … col0 + width − 1, rows row0 … row0 + height − 1. */
export interface GridWindow {
  /** First column. */
  col0: number;
  /** First row (from the top). */
  row0: number;
  /** Columns. */
  width: number;
  /** Rows. */
  height: number;
}

/**
 * Rasterise land on a grid, or on a window of it. Cell centres are computed from the whole grid's
 * indices, so a window's mask equals the same cells of the whole grid's mask, bit for bit.
 *
 * @param g - an EPSG:4326 grid
 * @param window - the cells to rasterise (default: the whole grid)
 * @returns 1 for land, 0 for sea, per cell of the window (row-major)
 * @example
 * Array.from(landMask(lonLatGrid([-150, 60, -100, 70], 10))); // [1, 1, 1, 1, 1]
 */
export function landMask(g: Grid, window: GridWindow = { col0: 0, row0: 0, width: g.width, height: g.height }): Uint8Array {
  ringsCache ??= landOutlines().map(unwrap);
  const rings = ringsCache;
  const { col0, row0, width, height } = window;
  const out = new Uint8Array(width * height);
  for (let r = 0; r < height; r++) {
    const lat = cellCenter(g, col0, row0 + r)[1];
    const parity = new Uint8Array(width);
    for (const ring of rings) {
      const xs: number[] = [];
      for (let k = 0; k + 1 < ring.length; k++) {
        const [x0, y0] = ring[k]!;
        const [x1, y1] = ring[k + 1]!;
        if ((y0 <= lat && y1 > lat) || (y1 <= lat && y0 > lat)) xs.push(x0 + ((lat - y0) / (y1 - y0)) * (x1 - x0));
      }
      if (xs.length === 0 || xs.length % 2 === 1) continue; // not closed at this latitude (e.g. a ring around a pole)
      for (let c = 0; c < width; c++) {
        const lon = cellCenter(g, col0 + c, row0 + r)[0];
        let inside = 0;
        for (const shift of [-360, 0, 360]) {
          let n = 0;
          for (const x of xs) if (x < lon + shift) n++;
          inside |= n & 1;
        }
        parity[c]! ^= inside;
      }
    }
    out.set(parity, r * width);
  }
  return out;
}
