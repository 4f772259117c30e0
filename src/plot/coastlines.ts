/**
 * Coastlines for site maps, from the Natural Earth 1:110m land polygons shipped by the npm
 * package `world-atlas` (read from node_modules, never fetched at run time).
 */
import { feature } from "topojson-client";

/** A polyline of [lon, lat] points in degrees. */
export type LonLatLine = [number, number][];

let cache: LonLatLine[] | undefined;

/**
 * Natural Earth 1:110m land outlines as lon/lat rings (degrees).
 */
export function landOutlines(): LonLatLine[] {
  if (cache !== undefined) return cache;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const topo = require("world-atlas/land-110m.json") as { objects: { land: unknown } };
  const land = feature(topo, topo.objects.land);
  const geoms = land.features !== undefined ? land.features.map((f) => f.geometry) : land.geometry !== undefined ? [land.geometry] : [];
  const rings: LonLatLine[] = [];
  for (const geom of geoms) {
    const polys = (geom.type === "Polygon" ? [geom.coordinates] : geom.coordinates) as [number, number][][][];
    for (const poly of polys) for (const ring of poly) rings.push(ring);
  }
  cache = rings;
  return rings;
}
