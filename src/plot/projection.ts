/**
 * Map projections for site maps, computed here so plotly draws plain x/y scatter traces
 * (plotly's own geo maps fetch their basemap from a CDN, which is not reachable offline).
 */

/** A map projection: lon/lat in degrees → plot x/y, or null when the point is not shown. */
export type Projection = (lon: number, lat: number) => [number, number] | null;

/**
 * Plate Carrée (equirectangular): x = longitude, y = latitude, degrees.
 *
 * @param box - optional [lonMin, lonMax, latMin, latMax] window; points outside are dropped
 */
export function plateCarree(box?: [number, number, number, number]): Projection {
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
 */
export function polarAzimuthal(pole: "north" | "south", boundary: number): Projection {
  const s = pole === "north" ? 1 : -1;
  return (lon, lat) => {
    if (s * lat < s * boundary) return null;
    const r = 90 - s * lat;
    const t = (lon * Math.PI) / 180;
    return [r * Math.sin(t), -s * r * Math.cos(t)];
  };
}
