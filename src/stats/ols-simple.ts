/**
 * Simple linear regression y = α + βx + ε by ordinary least squares (paper 2, Eq. 8: the
 * offset regressed on PC1 within each study group; the slope and its SE are the effect size).
 *
 * Missing values: refused (ArgumentError naming the index), unlike the trend function olsTrend,
 * which skips and counts NaN pairs of a time series. olsSimple's callers hand it complete cases
 * (the meta-analysis' group rows, whose missing values are excluded and counted upstream), and
 * its result has no `skipped` count. The arithmetic of the slope, the intercept and the slope's
 * SE is the same as olsTrend's, operation for operation, so the two agree exactly on complete
 * data.
 */
import { ArgumentError } from "../core/errors";
import { checkArray, checkSameLength } from "../core/checks";

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
 * @param x - predictor values (finite, at least 3)
 * @param y - response values (finite), one per x
 * @param label - names the group in error messages (e.g. "Arctic / loam")
 * @returns slope, intercept, their SEs, residual df and SE, R² and n
 * @throws ArgumentError for a NaN or ±Infinity value (with its index), unequal lengths, n < 3
 *   (no residual df), or a constant x (a degenerate regression)
 * @example
 * olsSimple([1, 2, 3, 4], [2, 4, 6, 9]).slope; // 2.3
 */
export function olsSimple(x: ArrayLike<number>, y: ArrayLike<number>, label = "olsSimple"): OlsSimple {
  const fn = label === "olsSimple" ? "olsSimple" : `olsSimple (${label})`;
  const xs = checkArray(fn, "x", x, { minLength: 3 });
  const ys = checkArray(fn, "y", y);
  checkSameLength(fn, "x", xs, "y", ys);
  const n = xs.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) { mx += xs[i]!; my += ys[i]!; }
  mx /= n; my /= n;
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx, dy = ys[i]! - my;
    sxx += dx * dx; sxy += dx * dy; syy += dy * dy;
  }
  let constant = true;
  for (let i = 1; i < n && constant; i++) if (xs[i] !== xs[0]) constant = false;
  if (constant || !(sxx > 0)) throw new ArgumentError({ fn, arg: "x", value: xs[0], expected: "at least two distinct x values" }, "x is constant: the regression is degenerate");
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
