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

/**
 * Rasterise land on a grid.
 *
 * @param g - an EPSG:4326 grid
 * @returns 1 for land, 0 for sea, per cell (row-major)
 */
export function landMask(g: Grid): Uint8Array {
  const rings = landOutlines().map(unwrap);
  const out = new Uint8Array(g.width * g.height);
  for (let row = 0; row < g.height; row++) {
    const lat = cellCenter(g, 0, row)[1];
    const parity = new Uint8Array(g.width);
    for (const ring of rings) {
      const xs: number[] = [];
      for (let k = 0; k + 1 < ring.length; k++) {
        const [x0, y0] = ring[k]!;
        const [x1, y1] = ring[k + 1]!;
        if ((y0 <= lat && y1 > lat) || (y1 <= lat && y0 > lat)) xs.push(x0 + ((lat - y0) / (y1 - y0)) * (x1 - x0));
      }
      if (xs.length === 0 || xs.length % 2 === 1) continue; // not closed at this latitude (e.g. a ring around a pole)
      for (let col = 0; col < g.width; col++) {
        const lon = cellCenter(g, col, row)[0];
        let inside = 0;
        for (const shift of [-360, 0, 360]) {
          let c = 0;
          for (const x of xs) if (x < lon + shift) c++;
          inside |= c & 1;
        }
        parity[col]! ^= inside;
      }
    }
    out.set(parity, row * g.width);
  }
  return out;
}
