/**
 * A land mask on a lon/lat grid from the Natural Earth 1:110m land polygons (npm
 * `world-atlas`, shipped, never fetched): a cell is land when its centre is inside the polygons
 * (even–odd rule over all rings, one scanline per row).
 */
import { landOutlines } from "../../plot/coastlines";
import { type Grid, cellCenter } from "../../raster/grid";

/**
 * Rasterise land on a grid.
 *
 * @param g - an EPSG:4326 grid
 * @returns 1 for land, 0 for sea, per cell (row-major)
 */
export function landMask(g: Grid): Uint8Array {
  const rings = landOutlines();
  const out = new Uint8Array(g.width * g.height);
  const xs: number[] = [];
  for (let row = 0; row < g.height; row++) {
    const lat = cellCenter(g, 0, row)[1];
    xs.length = 0;
    for (const ring of rings) {
      for (let k = 0; k + 1 < ring.length; k++) {
        const [x0, y0] = ring[k]!;
        const [x1, y1] = ring[k + 1]!;
        if ((y0 <= lat && y1 > lat) || (y1 <= lat && y0 > lat)) xs.push(x0 + ((lat - y0) / (y1 - y0)) * (x1 - x0));
      }
    }
    xs.sort((a, b) => a - b);
    for (let col = 0; col < g.width; col++) {
      const lon = cellCenter(g, col, row)[0];
      let inside = 0;
      for (const x of xs) {
        if (x > lon) break;
        inside ^= 1;
      }
      out[row * g.width + col] = inside;
    }
  }
  return out;
}
