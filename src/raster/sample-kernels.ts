/**
 * The sampling kernels behind `sampleNearest`, `sampleBilinear`, `extractPoints` and `resampleRaster`,
 * without argument checks: the public functions check once at their entry and then call these
 * per point or per cell. Internal (not re-exported from the package index).
 */
import { type Grid } from "./grid";

/**
 * Nearest-cell value without argument checks (callers check once at their entry).
 *
 * @param g - the grid
 * @param band - band values (row-major)
 * @param x - x (lon), finite
 * @param y - y (lat), finite
 * @returns the cell's value, or NaN outside the grid
 */
export function nearestUnchecked(g: Grid, band: ArrayLike<number>, x: number, y: number): number {
  const c = Math.floor((x - g.originX) / g.resX);
  const r = Math.floor((g.originY - y) / g.resY);
  if (c < 0 || r < 0 || c >= g.width || r >= g.height) return NaN;
  return band[r * g.width + c]!;
}

/**
 * Bilinear value without argument checks (callers check once at their entry).
 *
 * @param g - the grid
 * @param band - band values (row-major)
 * @param x - x (lon), finite
 * @param y - y (lat), finite
 * @returns the interpolated value, or NaN
 */
export function bilinearUnchecked(g: Grid, band: ArrayLike<number>, x: number, y: number): number {
  const st = bilinearStencil(g, x, y);
  if (st === null) return NaN;
  const { c0, c1, r0, r1, fx, fy } = st;
  const w = g.width;
  const a = band[r0 * w + c0]!;
  const b = band[r0 * w + c1]!;
  const c = band[r1 * w + c0]!;
  const d = band[r1 * w + c1]!;
  return (1 - fy) * ((1 - fx) * a + fx * b) + fy * ((1 - fx) * c + fx * d);
}

/** The 2 × 2 cells bilinear interpolation reads for a point, and the point's offsets within them. */
export interface BilinearStencil {
  /** Left and right column. */
  c0: number;
  c1: number;
  /** Upper and lower row. */
  r0: number;
  r1: number;
  /** Offset from c0 (0–1) and from r0 (0–1). */
  fx: number;
  fy: number;
}

/**
 * The cells and weights of bilinear interpolation at (x, y) between cell centres, clamped at the
 * edges (a point in the outer half cell takes the edge value); null outside the grid.
 *
 * @param g - the grid
 * @param x - x (lon), finite
 * @param y - y (lat), finite
 * @returns the stencil, or null when (x, y) is outside the grid
 */
export function bilinearStencil(g: Grid, x: number, y: number): BilinearStencil | null {
  const cf = (x - g.originX) / g.resX;
  const rf = (g.originY - y) / g.resY;
  if (cf < 0 || rf < 0 || cf > g.width || rf > g.height) return null;
  const u = Math.min(Math.max(cf - 0.5, 0), g.width - 1);
  const v = Math.min(Math.max(rf - 0.5, 0), g.height - 1);
  const c0 = Math.min(Math.floor(u), g.width - 2 < 0 ? 0 : g.width - 2);
  const r0 = Math.min(Math.floor(v), g.height - 2 < 0 ? 0 : g.height - 2);
  return { c0, c1: Math.min(c0 + 1, g.width - 1), r0, r1: Math.min(r0 + 1, g.height - 1), fx: u - c0, fy: v - r0 };
}

