/**
 * Paper 1's zone contrast (Liu et al. 2024 §3.1, Fig 4d): mean ALT and its interquartile range over
 * the domain pixels whose centre lies in a band of latitude, e.g. the temperate plateau bins
 * (25–50 °N, paper: 252.3 cm [219.2, 293.4]) against the permafrost poleward of 50 °N (87.8 cm).
 */
import { checkNumber, isList } from "../core/checks";
import { ArgumentError } from "../core/errors";
import { mean } from "../stats/descriptive";
import { quantiles } from "../stats/quantile";
import { type Grid, cellCenter } from "../raster/grid";
import { checkCells } from "./checks";

/** Summary of a map over one latitude zone (units of the map, e.g. cm). */
export interface LatitudeZoneSummary {
  /** Domain pixels whose centre lies in the zone. */
  pixels: number;
  /** Mean of the map over those pixels; NaN when there are none. */
  mean: number;
  /** 25 % quantile (type 7); NaN when there are no pixels. */
  q25: number;
  /** 75 % quantile (type 7); NaN when there are no pixels. */
  q75: number;
}

/**
 * Mean and IQR of a map over the domain cells whose centre latitude is in [south, north).
 *
 * @param grid - the map's grid (EPSG:4326, degrees)
 * @param map - full map, row-major, `grid.width × grid.height` values
 * @param cells - the domain's row-major cell indices
 * @param south - southern edge of the zone, inclusive (°N)
 * @param north - northern edge of the zone, exclusive (°N), greater than `south`
 * @returns pixels, mean, q25 and q75 (NaN statistics for an empty zone)
 * @throws ArgumentError for a map whose length is not the grid's cell count, a cell outside the
 *   grid, non-finite or inverted zone edges, or a NaN/±Infinity map value inside the zone (index named)
 * @example
 * const g = lonLatGrid([0, 57, 1, 60], 1); // one column, rows centred at 59.5, 58.5, 57.5 °N
 * latitudeZoneSummary(g, [10, 20, 30], Int32Array.from([0, 1, 2]), 58, 60); // { pixels: 2, mean: 15, q25: 12.5, q75: 17.5 }
 */
export function latitudeZoneSummary(grid: Grid, map: ArrayLike<number>, cells: Int32Array, south: number, north: number): LatitudeZoneSummary {
  const fn = "latitudeZoneSummary";
  if (grid === null || typeof grid !== "object" || !Number.isInteger(grid.width) || !Number.isInteger(grid.height)) throw new ArgumentError({ fn, arg: "grid", value: grid, expected: "a Grid" }, "not a grid");
  const size = grid.width * grid.height;
  if (!(isList(map) || ArrayBuffer.isView(map)) || map.length !== size) throw new ArgumentError({ fn, arg: "map", value: isList(map) || ArrayBuffer.isView(map) ? map.length : map, expected: `${size} values (grid.width × grid.height)` }, "wrong length or not an array");
  checkCells(fn, "cells", cells, size);
  checkNumber(fn, "south", south, { min: -90, max: 90 });
  checkNumber(fn, "north", north, { min: south, exclusiveMin: true, max: 90 });
  const v: number[] = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    const lat = cellCenter(grid, c % grid.width, Math.floor(c / grid.width))[1];
    if (lat >= south && lat < north) v.push(map[c]!);
  }
  const q = v.length > 0 ? quantiles(v, [0.25, 0.75]) : [NaN, NaN];
  return { pixels: v.length, mean: v.length > 0 ? mean(v) : NaN, q25: q[0]!, q75: q[1]! };
}
