/**
 * Pre/post-fire ALT change by land cover (paper 1 §2.5, Fig 8). For each burned pixel with
 * fire year F, the change at lag k is ALT(F + k) − baseline, where the baseline is the mean
 * ALT of the two years before the fire (F − 2, F − 1; fires in 2005–2015 always have both in
 * 2003–2020). Changes are averaged per land-cover class and lag for any number of annual
 * series on the same cells (e.g. the mapped ensemble, the true ALT, and the true fire-only
 * effect, which has a baseline of 0).
 */

import { ArgumentError } from "../core/errors";
import { checkArray, checkInteger, checkNumber, checkSameLength } from "../core/checks";
import { checkYears } from "./checks";
import { isList } from "../core/checks";

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

/** Burned pixels (and pixel-lags) that could not be used, by reason (see {@link fireResponse}). */
export interface FireSkips {
  /** Burned pixels whose two baseline years (F − 2, F − 1) are not both among the years. */
  noBaseline: number;
  /** Burned pixels whose baseline is missing: a NaN in F − 2 or F − 1 in some series. */
  missingBaseline: number;
  /** Pixel-lags left out because some series is NaN at that pixel in year F + lag. */
  missing: number;
}

/**
 * Mean pre/post-fire change per land cover and lag. Skips and counts (every series of a pixel is
 * skipped together, so the series' means always cover the same pixels, and no NaN reaches a
 * mean):
 * - a burned pixel whose two baseline years are not both in `years` is left out (counted in
 *   `skipped.noBaseline`, still counted in `burned`);
 * - a burned pixel whose baseline is NaN (missing) in some series is left out (counted in
 *   `skipped.missingBaseline`, still counted in `burned`);
 * - a pixel-lag where some series is NaN is left out of that lag's means (counted in
 *   `skipped.missing`);
 * - a lag whose year falls outside `years` is not reported for that pixel (not counted).
 *
 * A lag that no pixel of a land cover could use has no row.
 *
 * @param fireYear - fire year per cell (NaN or 0 = unburned)
 * @param landcover - land-cover code per cell
 * @param series - annual series, each years × cells (value y·cells + i is cell i in years[y]),
 *   cm; NaN = missing
 * @param years - the years
 * @param lags - lags to report (default −2…6)
 * @returns rows sorted by land cover then lag, the burned pixel count per land cover, and the
 *   skipped pixels by reason
 * @throws ArgumentError when the arrays do not match (naming both lengths), a fire year is not an
 *   integer (or NaN/0 for unburned) or is negative, a land cover is not finite, years are not
 *   consecutive, a lag is not an integer, there is no series, or a series value used is ±Infinity
 *   (naming the series, year and cell)
 * @example
 * // 2 cells (cell 0 burned in 2005, cell 1 unburned), land cover 1, one series of 4 years × 2 cells
 * const alt = Float32Array.from([50, 60, 50, 60, 70, 60, 75, 60]);
 * const r = fireResponse([2005, 0], [1, 1], [alt], [2003, 2004, 2005, 2006]);
 * r.rows.map((row) => row.lag); // [-2, -1, 0, 1]
 * r.rows[3].change; // [25] (cm deeper than the 2003–2004 baseline one year after the fire)
 */
export function fireResponse(fireYear: ArrayLike<number>, landcover: ArrayLike<number>, series: readonly Float32Array[], years: readonly number[],
  lags: readonly number[] = [-2, -1, 0, 1, 2, 3, 4, 5, 6]): { rows: FireResponseRow[]; burned: Record<string, number>; skipped: FireSkips } {
  const fn = "fireResponse";
  checkArray(fn, "fireYear", fireYear, { allowNaN: true });
  const n = fireYear.length;
  checkArray(fn, "landcover", landcover);
  checkSameLength(fn, "fireYear", fireYear, "landcover", landcover);
  for (let i = 0; i < n; i++) {
    const f = fireYear[i]!;
    if (!Number.isNaN(f) && (!Number.isInteger(f) || f < 0)) throw new ArgumentError({ fn, arg: "fireYear", at: i, value: f, expected: "a fire year (integer), or NaN or 0 for unburned" }, "bad fire year");
  }
  checkYears(fn, "years", years);
  checkArray(fn, "lags", lags, { minLength: 1 });
  lags.forEach((l, i) => {
    if (!Number.isInteger(l)) throw new ArgumentError({ fn, arg: "lags", at: i, value: l, expected: "an integer number of years" }, "bad lag");
  });
  if (!isList(series) || series.length === 0) throw new ArgumentError({ fn, arg: "series", value: series, expected: "at least one years × cells series" }, "no series");
  series.forEach((s, k) => {
    if (!(s instanceof Float32Array)) throw new ArgumentError({ fn, arg: `series[${k}]`, value: s, expected: "a Float32Array of years × cells values" }, "not a Float32Array");
    if (s.length !== years.length * n) throw new ArgumentError({ fn, arg: `series[${k}].length`, value: s.length, expected: `${years.length * n} (${years.length} years × ${n} cells)` }, "length does not match years × cells");
  });
  const y0 = years[0]!;
  const nY = years.length;
  const nS = series.length;
  const skipped: FireSkips = { noBaseline: 0, missingBaseline: 0, missing: 0 };
  const acc = new Map<string, { lc: number; lag: number; n: number; sums: number[] }>();
  const burned: Record<string, number> = {};
  const base = new Float64Array(nS);
  const delta = new Float64Array(nS);
  // A value used: NaN = missing (skipped by the caller), ±Infinity = refused.
  const usable = (v: number, k: number, y: number, i: number): boolean => {
    if (Number.isNaN(v)) return false;
    if (!Number.isFinite(v)) throw new ArgumentError({ fn, arg: `series[${k}]`, at: `year ${years[y]}, cell ${i}`, value: v, expected: "a finite ALT, or NaN for a missing one" }, "bad value");
    return true;
  };
  for (let i = 0; i < n; i++) {
    const f = fireYear[i]!;
    if (!(f > 0)) continue;
    const lc = landcover[i]!;
    burned[String(lc)] = (burned[String(lc)] ?? 0) + 1;
    const b2 = f - 2 - y0, b1 = f - 1 - y0;
    if (b2 < 0 || b1 >= nY) {
      skipped.noBaseline++;
      continue;
    }
    let baseOk = true;
    for (let k = 0; k < nS; k++) {
      const s = series[k]!;
      const v2 = s[b2 * n + i]!, v1 = s[b1 * n + i]!;
      const u2 = usable(v2, k, b2, i), u1 = usable(v1, k, b1, i); // both checked: an Infinity is refused even next to a NaN
      if (!u2 || !u1) baseOk = false;
      base[k] = (v2 + v1) / 2;
    }
    if (!baseOk) {
      skipped.missingBaseline++;
      continue;
    }
    for (const lag of lags) {
      const y = f + lag - y0;
      if (y < 0 || y >= nY) continue;
      let ok = true;
      for (let k = 0; k < nS; k++) {
        const v = series[k]![y * n + i]!;
        if (!usable(v, k, y, i)) ok = false;
        delta[k] = v - base[k]!;
      }
      if (!ok) {
        skipped.missing++;
        continue;
      }
      const key = `${lc}:${lag}`;
      let a = acc.get(key);
      if (a === undefined) {
        a = { lc, lag, n: 0, sums: new Array<number>(nS).fill(0) };
        acc.set(key, a);
      }
      a.n++;
      for (let k = 0; k < nS; k++) a.sums[k]! += delta[k]!;
    }
  }
  const rows = [...acc.values()].map((a) => ({ landcover: a.lc, lag: a.lag, pixels: a.n, change: a.sums.map((v) => v / a.n) }));
  rows.sort((a, b) => a.landcover - b.landcover || a.lag - b.lag);
  return { rows, burned, skipped };
}

/** How long the fire signal of one series lasts in one land cover (see {@link fireRecovery}). */
export interface FireRecovery {
  /** Mean change at lag 1, the first year after the fire (cm); NaN when there is no lag-1 row. */
  lag1: number;
  /** First lag > 1 whose change is below half of the lag-1 change (years), or null if none in the record. */
  halfLag: number | null;
}

/**
 * The apparent recovery of one series after fire (paper 1 §2.5, Fig 8: "gone after 1–2 years in
 * the maps"): its change one year after the fire, and the first later lag at which the change has
 * fallen below half of that (null when it never does within the rows, or when there is no lag-1 row).
 *
 * @param rows - rows of {@link fireResponse}, sorted by land cover then lag
 * @param landcover - the land-cover code to read
 * @param series - index of the series in each row's `change` (e.g. 0 = mapped, 1 = true)
 * @returns the lag-1 change (cm) and the half-recovery lag (years)
 * @throws ArgumentError when rows is not a list, the land cover is not finite, or the series is not
 *   an index of the rows' `change`
 * @example
 * const rows = [1, 2, 3].map((lag) => ({ landcover: 21, lag, pixels: 5, change: [[8, 6, 3][lag - 1]!] }));
 * fireRecovery(rows, 21, 0); // { lag1: 8, halfLag: 3 }
 */
export function fireRecovery(rows: readonly FireResponseRow[], landcover: number, series: number): FireRecovery {
  const fn = "fireRecovery";
  if (!isList(rows)) throw new ArgumentError({ fn, arg: "rows", value: rows, expected: "the rows of fireResponse" }, "not a list");
  checkNumber(fn, "landcover", landcover);
  const own = rows.filter((r) => r.landcover === landcover);
  const width = own.length > 0 ? Math.min(...own.map((r) => r.change.length)) : 1;
  checkInteger(fn, "series", series, { min: 0, max: width - 1 });
  const lag1 = own.find((r) => r.lag === 1)?.change[series] ?? NaN;
  const r = own.find((x) => x.lag > 1 && x.change[series]! < lag1 / 2);
  return { lag1, halfLag: r === undefined ? null : r.lag };
}
