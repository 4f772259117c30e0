/**
 * The area of a cell of a lon/lat grid on the authalic sphere (radius 6371.0072 km, the sphere
 * with the WGS84 ellipsoid's area), for area-weighted statistics of 1 km maps (issue 16: a
 * 1/120° cell at 70° N covers about a third of the area of one at 25° N):
 * A = R² · Δλ · |sin φ_top − sin φ_bottom| with Δλ in radians.
 */
import { ArgumentError } from "../core/errors";
import { checkInteger } from "../core/checks";
import { type Grid, checkGrid } from "./grid";

/** Radius of the sphere with the WGS84 ellipsoid's surface area, km. */
export const AUTHALIC_RADIUS_KM = 6371.0072;

/**
 * The area of the cells of one row of a lon/lat grid (all cells of a row have the same area).
 *
 * @param grid - the grid (EPSG:4326)
 * @param row - the row (0 = northernmost)
 * @returns km²
 * @throws ArgumentError for a grid that is not EPSG:4326 or a row outside it
 * @example
 * const g = lonLatGrid([-180, -90, 180, 90], 1);
 * cellAreaKm2(g, 89); // 12363.7 (a 1° cell at the equator)
 * cellAreaKm2(g, 19) / cellAreaKm2(g, 64); // 0.370 (70–71° N against 25–26° N)
 */
export function cellAreaKm2(grid: Grid, row: number): number {
  const fn = "cellAreaKm2";
  checkGrid(fn, "grid", grid);
  if (grid.crs !== "EPSG:4326") throw new ArgumentError({ fn, arg: "grid.crs", value: grid.crs, expected: '"EPSG:4326" (a lon/lat grid; reproject with gdalwarp -t_srs EPSG:4326)' }, "not a lon/lat grid");
  checkInteger(fn, "row", row, { min: 0, max: grid.height - 1 });
  const rad = Math.PI / 180;
  const top = Math.min(90, grid.originY - row * grid.resY), bottom = Math.max(-90, grid.originY - (row + 1) * grid.resY);
  return AUTHALIC_RADIUS_KM ** 2 * grid.resX * rad * Math.abs(Math.sin(top * rad) - Math.sin(bottom * rad));
}
