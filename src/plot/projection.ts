/**
 * Map projections for site maps, computed here so plotly draws plain x/y scatter traces
 * (plotly's own geo maps fetch their basemap from a CDN, which is not reachable offline).
 */

import { ArgumentError } from "../core/errors";
import { checkArray, checkNumber, checkOneOf } from "../core/checks";

/** A map projection: lon/lat in degrees → plot x/y, or null when the point is not shown. */
export type Projection = (lon: number, lat: number) => [number, number] | null;

/**
 * Plate Carrée (equirectangular): x = longitude, y = latitude, degrees.
 *
 * @param box - optional [lonMin, lonMax, latMin, latMax] window; points outside are dropped
 * @returns the projection
 * @throws ArgumentError when the box is not 4 finite numbers with lonMin < lonMax and latMin < latMax
 *   within −180…180 / −90…90 (a box given in the wrong order would drop every point)
 */
export function plateCarree(box?: [number, number, number, number]): Projection {
  if (box !== undefined) {
    checkArray("plateCarree", "box", box, { length: 4, lengthOf: "[lonMin, lonMax, latMin, latMax]" });
    if (!(box[0] < box[1]) || !(box[2] < box[3]) || box[2] < -90 || box[3] > 90 || box[0] < -360 || box[1] > 360) {
      throw new ArgumentError({ fn: "plateCarree", arg: "box", value: box, expected: "[lonMin, lonMax, latMin, latMax] with lonMin < lonMax and −90 ≤ latMin < latMax ≤ 90" }, "not a window");
    }
  }
  return (lon, lat) => {
    if (box !== undefined && (lon < box[0] || lon > box[1] || lat < box[2] || lat > box[3])) return null;
    return [lon, lat];
  };
}

/**
 * Polar azimuthal equidistant projection centred on a pole; x/y are degrees of arc from the
 * pole (so a circle of radius 90 − |φ| is the parallel φ). Longitude 0 points down for the
 * north pole and up for the south pole, as in conventional polar maps.
 *
 * @param pole - "north" or "south"
 * @param boundary - the latitude (degrees, same hemisphere) where the map stops, e.g. 45 or -60
 * @returns the projection
 * @throws ArgumentError for an unknown pole or a boundary that is not a latitude of the pole's hemisphere
 */
export function polarAzimuthal(pole: "north" | "south", boundary: number): Projection {
  checkOneOf("polarAzimuthal", "pole", pole, ["north", "south"] as const);
  checkNumber("polarAzimuthal", "boundary", boundary, pole === "north" ? { min: 0, max: 90 } : { min: -90, max: 0 });
  const s = pole === "north" ? 1 : -1;
  return (lon, lat) => {
    if (s * lat < s * boundary) return null;
    const r = 90 - s * lat;
    const t = (lon * Math.PI) / 180;
    return [r * Math.sin(t), -s * r * Math.cos(t)];
  };
}
