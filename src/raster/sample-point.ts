/**
 * Reading a band at a point: the nearest cell, or bilinear interpolation between the four
 * surrounding cell centres (paper 1 §2.3: continuous variables bilinear, categorical nearest).
 * A point outside the grid, or whose needed cells are missing, gives NaN.
 */
import { type Grid, pointToCell } from "./grid";

/** How a band is read between cell centres. */
export type SampleMethod = "nearest" | "bilinear";

/**
 * The value of the cell containing (x, y).
 *
 * @param g - the grid
 * @param band - band values (row-major)
 * @param x - x (lon)
 * @param y - y (lat)
 * @returns the cell's value, or NaN outside the grid
 */
export function sampleNearest(g: Grid, band: ArrayLike<number>, x: number, y: number): number {
  const [cf, rf] = pointToCell(g, x, y);
  const c = Math.floor(cf);
  const r = Math.floor(rf);
  if (c < 0 || r < 0 || c >= g.width || r >= g.height) return NaN;
  return band[r * g.width + c]!;
}

/**
 * Bilinear interpolation between the four cell centres around (x, y). Within half a cell of
 * the grid's edge the edge cells are used (clamped). NaN if any of the four cells is missing.
 *
 * @param g - the grid
 * @param band - band values (row-major)
 * @param x - x (lon)
 * @param y - y (lat)
 * @returns the interpolated value, or NaN
 */
export function sampleBilinear(g: Grid, band: ArrayLike<number>, x: number, y: number): number {
  const [cf, rf] = pointToCell(g, x, y);
  if (cf < 0 || rf < 0 || cf > g.width || rf > g.height) return NaN;
  const u = Math.min(Math.max(cf - 0.5, 0), g.width - 1);
  const v = Math.min(Math.max(rf - 0.5, 0), g.height - 1);
  const c0 = Math.min(Math.floor(u), g.width - 2 < 0 ? 0 : g.width - 2);
  const r0 = Math.min(Math.floor(v), g.height - 2 < 0 ? 0 : g.height - 2);
  const c1 = Math.min(c0 + 1, g.width - 1);
  const r1 = Math.min(r0 + 1, g.height - 1);
  const fx = u - c0;
  const fy = v - r0;
  const w = g.width;
  const a = band[r0 * w + c0]!;
  const b = band[r0 * w + c1]!;
  const c = band[r1 * w + c0]!;
  const d = band[r1 * w + c1]!;
  return (1 - fy) * ((1 - fx) * a + fx * b) + fy * ((1 - fx) * c + fx * d);
}

/**
 * Read a band at many points.
 *
 * @param g - the grid
 * @param band - band values
 * @param xs - x (lon) of each point
 * @param ys - y (lat) of each point
 * @param method - "nearest" (default) or "bilinear"
 * @returns one value per point (NaN outside the grid or at missing cells)
 */
export function extractPoints(g: Grid, band: ArrayLike<number>, xs: ArrayLike<number>, ys: ArrayLike<number>, method: SampleMethod = "nearest"): Float64Array {
  const out = new Float64Array(xs.length);
  const f = method === "nearest" ? sampleNearest : sampleBilinear;
  for (let i = 0; i < xs.length; i++) out[i] = f(g, band, xs[i]!, ys[i]!);
  return out;
}
