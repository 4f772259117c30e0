/**
 * Pre/post-fire ALT change by land cover (paper 1 §2.5, Fig 8). For each burned pixel with
 * fire year F, the change at lag k is ALT(F + k) − baseline, where the baseline is the mean
 * ALT of the two years before the fire (F − 2, F − 1; fires in 2005–2015 always have both in
 * 2003–2020). Changes are averaged per land-cover class and lag for any number of annual
 * series on the same cells (e.g. the mapped ensemble, the true ALT, and the true fire-only
 * effect, which has a baseline of 0).
 */

/** Mean change per land cover and lag. */
export interface FireResponseRow {
  /** Land-cover code. */
  landcover: number;
  /** Years since the fire (negative = before). */
  lag: number;
  /** Burned pixels with a value at this lag. */
  pixels: number;
  /** Mean change of each series, cm (same order as the input series). */
  change: number[];
}

/**
 * Mean pre/post-fire change per land cover and lag.
 *
 * @param fireYear - fire year per cell (NaN or 0 = unburned)
 * @param landcover - land-cover code per cell
 * @param series - annual series, each years × cells (value y·cells + i is cell i in years[y]), cm
 * @param years - the years
 * @param lags - lags to report (default −2…6)
 * @returns rows sorted by land cover then lag, and the burned pixel count per land cover
 * @throws RangeError when the arrays do not match
 */
export function fireResponse(fireYear: ArrayLike<number>, landcover: ArrayLike<number>, series: readonly Float32Array[], years: readonly number[],
  lags: readonly number[] = [-2, -1, 0, 1, 2, 3, 4, 5, 6]): { rows: FireResponseRow[]; burned: Record<string, number> } {
  const n = fireYear.length;
  if (landcover.length !== n) throw new RangeError(`fireResponse: ${n} fire years but ${landcover.length} land-cover values`);
  series.forEach((s, k) => {
    if (s.length !== years.length * n) throw new RangeError(`fireResponse: series ${k} has ${s.length} values, expected ${years.length} years × ${n} cells`);
  });
  const y0 = years[0]!;
  const acc = new Map<string, { lc: number; lag: number; n: number; sums: number[] }>();
  const burned: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const f = fireYear[i]!;
    if (!(f > 0)) continue;
    const lc = landcover[i]!;
    burned[String(lc)] = (burned[String(lc)] ?? 0) + 1;
    const yi = (yr: number): number => yr - y0;
    if (yi(f - 2) < 0) continue;
    const base = series.map((s) => (s[yi(f - 2) * n + i]! + s[yi(f - 1) * n + i]!) / 2);
    for (const lag of lags) {
      const y = yi(f + lag);
      if (y < 0 || y >= years.length) continue;
      const key = `${lc}:${lag}`;
      const a = acc.get(key) ?? { lc, lag, n: 0, sums: series.map(() => 0) };
      acc.set(key, a);
      a.n++;
      series.forEach((s, k) => (a.sums[k]! += s[y * n + i]! - base[k]!));
    }
  }
  const rows = [...acc.values()].map((a) => ({ landcover: a.lc, lag: a.lag, pixels: a.n, change: a.sums.map((v) => v / a.n) }));
  rows.sort((a, b) => a.landcover - b.landcover || a.lag - b.lag);
  return { rows, burned };
}
