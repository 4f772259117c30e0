/**
 * The ordinary-least-squares trend of a time series (paper 1 §2.4.1–3.1: per-pixel ALT trend in
 * cm yr⁻¹ over 2003–2020): slope b = Σ(t − t̄)(y − ȳ) / Σ(t − t̄)², its standard error
 * √(Σ residual² / (n − 2) / Σ(t − t̄)²), and the intercept at t = 0. Missing values (NaN) are
 * skipped and counted.
 */

/** An OLS trend. */
export interface OlsTrend {
  /** Slope, units of y per unit of t (e.g. cm yr⁻¹). */
  slope: number;
  /** Standard error of the slope (NaN when n < 3). */
  se: number;
  /** Intercept at t = 0. */
  intercept: number;
  /** Points used. */
  n: number;
  /** Points skipped because y was NaN. */
  skipped: number;
}

/**
 * OLS slope of y on t, skipping NaN values of y.
 *
 * @param t - times (e.g. years)
 * @param y - values (NaN = missing)
 * @returns slope, SE, intercept and counts; slope NaN when fewer than 2 points or all t equal
 * @throws RangeError when the lengths differ
 */
export function olsTrend(t: ArrayLike<number>, y: ArrayLike<number>): OlsTrend {
  if (t.length !== y.length) throw new RangeError(`olsTrend: ${t.length} times but ${y.length} values`);
  let n = 0;
  let st = 0;
  let sy = 0;
  for (let i = 0; i < t.length; i++) {
    const v = y[i]!;
    if (Number.isNaN(v)) continue;
    n++;
    st += t[i]!;
    sy += v;
  }
  const skipped = t.length - n;
  if (n < 2) return { slope: NaN, se: NaN, intercept: NaN, n, skipped };
  const mt = st / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < t.length; i++) {
    const v = y[i]!;
    if (Number.isNaN(v)) continue;
    const d = t[i]! - mt;
    sxx += d * d;
    sxy += d * (v - my);
  }
  if (sxx === 0) return { slope: NaN, se: NaN, intercept: NaN, n, skipped };
  const slope = sxy / sxx;
  const intercept = my - slope * mt;
  let sse = 0;
  for (let i = 0; i < t.length; i++) {
    const v = y[i]!;
    if (Number.isNaN(v)) continue;
    const r = v - intercept - slope * t[i]!;
    sse += r * r;
  }
  return { slope, se: n > 2 ? Math.sqrt(sse / (n - 2) / sxx) : NaN, intercept, n, skipped };
}
