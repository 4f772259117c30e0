/**
 * Simple linear regression y = α + βx + ε by ordinary least squares (paper 2, Eq. 8: the
 * offset regressed on PC1 within each study group; the slope and its SE are the effect size).
 */
import { DataError } from "../core/errors";

/** An OLS fit. */
export interface OlsSimple {
  /** Slope β̂ (units of y per unit of x). */
  slope: number;
  /** Standard error of the slope. */
  seSlope: number;
  /** Intercept α̂ (units of y). */
  intercept: number;
  /** Standard error of the intercept. */
  seIntercept: number;
  /** Residual degrees of freedom, n − 2. */
  df: number;
  /** Residual standard error √(RSS/(n − 2)) (units of y). */
  residualSe: number;
  /** Coefficient of determination. */
  r2: number;
  /** Number of points. */
  n: number;
}

/**
 * Fit y = α + βx by OLS.
 *
 * @param x - predictor values
 * @param y - response values
 * @param label - names the group in error messages (e.g. "Arctic / loam")
 * @throws DataError for NaN, unequal lengths, n < 3 (no residual df), or a constant x
 *   (a degenerate regression)
 */
export function olsSimple(x: ArrayLike<number>, y: ArrayLike<number>, label = "olsSimple"): OlsSimple {
  const n = x.length;
  if (y.length !== n) throw new DataError({ file: label }, `x has ${n} values, y has ${y.length}`);
  if (n < 3) throw new DataError({ file: label }, `needs at least 3 points for a slope with a standard error, got ${n}`);
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new DataError({ file: `${label} point ${i}` }, `x = ${x[i]}, y = ${y[i]}`);
    mx += x[i]!; my += y[i]!;
  }
  mx /= n; my /= n;
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx, dy = y[i]! - my;
    sxx += dx * dx; sxy += dx * dy; syy += dy * dy;
  }
  if (!(sxx > 0)) throw new DataError({ file: label }, "x is constant: the regression is degenerate");
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (y[i]! - intercept - slope * x[i]!) ** 2;
  const df = n - 2;
  const s2 = rss / df;
  return {
    slope, seSlope: Math.sqrt(s2 / sxx), intercept, seIntercept: Math.sqrt(s2 * (1 / n + (mx * mx) / sxx)),
    df, residualSe: Math.sqrt(s2), r2: syy > 0 ? 1 - rss / syy : 1, n,
  };
}
