/**
 * The statistics paper 1's claims ledger checks (issue 16), by name, both per pixel and
 * area-weighted: from the streamed {@link AnnualMapSummary} ({@link ledgerStatistics}), and
 * exactly, with every pixel in memory ({@link exactLedgerStatistics}: type-7 quantiles per pixel,
 * the weighted CDF's quantile area-weighted), so a reviewer sees how close the bounded-memory
 * numbers are on maps small enough to hold (the stand-ins; the full NPR is not).
 */
import { ArgumentError } from "../core/errors";
import { checkInteger } from "../core/checks";
import { pixelTrends } from "../raster/pixel-trends";
import { cellAreaKm2 } from "../raster/cell-area";
import { quantiles } from "../stats/quantile";
import { sampleSd } from "../stats/descriptive";
import { type AnnualMapSummary, type AnnualRowSource } from "./annual-map-summary";

/** The ledger's statistics, by name (OLS trend in cm/yr, ALT in cm, share in %). */
export interface LedgerValues {
  sharePct: number;
  trendMean: number;
  trendSd: number;
  trendQ25: number;
  trendQ75: number;
  zone25to50Mean: number;
  zone25to50Q25: number;
  zone25to50Q75: number;
  zoneNorth50Mean: number;
  zoneNorth50Q25: number;
  zoneNorth50Q75: number;
}

/** {@link LedgerValues} per pixel and area-weighted. */
export interface LedgerStatistics {
  perPixel: LedgerValues;
  areaWeighted: LedgerValues;
}

/**
 * The ledger's statistics read from a streamed summary.
 *
 * @param s - from annualMapSummary
 * @returns per pixel and area-weighted values
 * @example
 * const grid = lonLatGrid([0, 60, 2, 62], 1);
 * const years = [2003, 2004, 2005];
 * const s = await annualMapSummary({ grid, years, readRows: async (r0: number, r1: number) => years.map((y, t) => Float32Array.from({ length: (r1 - r0) * 2 }, (_, i) => 80 + t * (i + 1))) }, { progress: false });
 * ledgerStatistics(s).perPixel.trendMean; // 2.5
 */
export function ledgerStatistics(s: AnnualMapSummary): LedgerStatistics {
  const z = (name: string) => s.zones.find((x) => x.zone === name)!.meanAlt;
  const [z25, z50] = [z("25–50 °N"), z("≥ 50 °N")];
  const way = (k: "perPixel" | "areaWeighted"): LedgerValues => ({
    sharePct: 100 * s.shares[k].deepeningOls, trendMean: s.olsTrend[k].mean, trendSd: s.olsTrend[k].sd, trendQ25: s.olsTrend[k].q25, trendQ75: s.olsTrend[k].q75,
    zone25to50Mean: z25[k].mean, zone25to50Q25: z25[k].q25, zone25to50Q75: z25[k].q75, zoneNorth50Mean: z50[k].mean, zoneNorth50Q25: z50[k].q25, zoneNorth50Q75: z50[k].q75,
  });
  return { perPixel: way("perPixel"), areaWeighted: way("areaWeighted") };
}

/**
 * The weighted CDF's p-quantile: the smallest value whose cumulative weight reaches p·Σw.
 *
 * @param x - values
 * @param w - their weights
 * @param p - probability
 * @returns the quantile (NaN when empty)
 */
function weightedQuantile(x: Float64Array, w: Float64Array, p: number): number {
  if (x.length === 0) return NaN;
  const order = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => x[a]! - x[b]!);
  const total = w.reduce((a, b) => a + b, 0);
  let cum = 0;
  for (const i of order) {
    cum += w[i]!;
    if (cum >= p * total) return x[i]!;
  }
  return x[order[order.length - 1]!]!;
}

/**
 * The ledger's statistics computed exactly, every pixel in memory (for maps that fit: the stand-ins).
 *
 * @param source - the annual maps
 * @param options - fewest finite years for a trend (default all; as annualMapSummary), most cells (default 20 million)
 * @returns per pixel (type-7 quantiles, sample SD) and area-weighted (weighted mean, SD as annualMapSummary, weighted-CDF quantiles) values
 * @throws ArgumentError for maps with more cells than `maxCells`, or a bad option
 * @example
 * const grid = lonLatGrid([0, 60, 2, 62], 1);
 * const years = [2003, 2004, 2005];
 * const e = await exactLedgerStatistics({ grid, years, readRows: async (r0: number, r1: number) => years.map((y, t) => Float32Array.from({ length: (r1 - r0) * 2 }, (_, i) => 80 + t * (i + 1))) });
 * e.perPixel.trendQ75; // 3.25
 */
export async function exactLedgerStatistics(source: AnnualRowSource, options: { minYears?: number; maxCells?: number } = {}): Promise<LedgerStatistics> {
  const fn = "exactLedgerStatistics";
  const { grid, years } = source;
  const maxCells = options.maxCells === undefined ? 20_000_000 : checkInteger(fn, "options.maxCells", options.maxCells, { min: 1 });
  if (grid.width * grid.height > maxCells) throw new ArgumentError({ fn, arg: "source.grid", value: `${grid.width} × ${grid.height} cells`, expected: `at most ${maxCells} cells in memory (use annualMapSummary for larger maps)` }, "maps too large for the exact check");
  const minYears = options.minYears ?? years.length;
  const t = pixelTrends(await source.readRows(0, grid.height), years, { minYears, progress: false });
  const n = grid.width * grid.height;
  const area = (i: number) => cellAreaKm2(grid, Math.floor(i / grid.width));
  const lat = (i: number) => grid.originY - (Math.floor(i / grid.width) + 0.5) * grid.resY;
  const select = (keep: (i: number) => boolean, v: Float32Array) => {
    const idx: number[] = [];
    for (let i = 0; i < n; i++) if (!Number.isNaN(v[i]!) && keep(i)) idx.push(i);
    return { x: Float64Array.from(idx, (i) => v[i]!), w: Float64Array.from(idx, area) };
  };
  const trend = select(() => true, t.ols);
  const z25 = select((i) => lat(i) >= 25 && lat(i) < 50, t.mean), z50 = select((i) => lat(i) >= 50 && lat(i) < 90, t.mean);
  const q = (x: Float64Array, p: number) => (x.length === 0 ? NaN : quantiles(x, [p])[0]!);
  const wMean = (d: { x: Float64Array; w: Float64Array }) => d.x.reduce((a, v, i) => a + v * d.w[i]!, 0) / d.w.reduce((a, b) => a + b, 0);
  const wSd = (d: { x: Float64Array; w: Float64Array }) => {
    const m = wMean(d), W = d.w.reduce((a, b) => a + b, 0), k = d.x.length;
    return Math.sqrt((d.x.reduce((a, v, i) => a + d.w[i]! * (v - m) ** 2, 0) / W) * (k / (k - 1)));
  };
  const mean = (x: Float64Array) => (x.length === 0 ? NaN : x.reduce((a, b) => a + b, 0) / x.length);
  return {
    perPixel: {
      sharePct: (100 * trend.x.filter((v) => v > 0).length) / trend.x.length, trendMean: mean(trend.x), trendSd: sampleSd(trend.x), trendQ25: q(trend.x, 0.25), trendQ75: q(trend.x, 0.75),
      zone25to50Mean: mean(z25.x), zone25to50Q25: q(z25.x, 0.25), zone25to50Q75: q(z25.x, 0.75), zoneNorth50Mean: mean(z50.x), zoneNorth50Q25: q(z50.x, 0.25), zoneNorth50Q75: q(z50.x, 0.75),
    },
    areaWeighted: {
      sharePct: (100 * trend.w.reduce((a, w, i) => a + (trend.x[i]! > 0 ? w : 0), 0)) / trend.w.reduce((a, b) => a + b, 0), trendMean: wMean(trend), trendSd: wSd(trend),
      trendQ25: weightedQuantile(trend.x, trend.w, 0.25), trendQ75: weightedQuantile(trend.x, trend.w, 0.75),
      zone25to50Mean: wMean(z25), zone25to50Q25: weightedQuantile(z25.x, z25.w, 0.25), zone25to50Q75: weightedQuantile(z25.x, z25.w, 0.75),
      zoneNorth50Mean: wMean(z50), zoneNorth50Q25: weightedQuantile(z50.x, z50.w, 0.25), zoneNorth50Q75: weightedQuantile(z50.x, z50.w, 0.75),
    },
  };
}

/** One row of {@link compareLedgerStatistics}. */
export type LedgerComparisonRow = {
  statistic: keyof LedgerValues;
  /** Streamed and exact values per pixel and area-weighted, and their absolute differences; null where a value is missing. */
  streamedPixel: number | null;
  exactPixel: number | null;
  diffPixel: number | null;
  streamedArea: number | null;
  exactArea: number | null;
  diffArea: number | null;
  /** Why values are missing (e.g. no pixel in the zone), or null. */
  missing: string | null;
};

/**
 * Streamed against exact ledger statistics, row by statistic (for the known-answer table and the results file).
 *
 * @param streamed - from ledgerStatistics
 * @param exact - from exactLedgerStatistics
 * @returns one row per statistic, NaN as null with the reason
 * @example
 * const v = { sharePct: 60, trendMean: 0.1, trendSd: 0.3, trendQ25: 0, trendQ75: 0.2, zone25to50Mean: NaN, zone25to50Q25: NaN, zone25to50Q75: NaN, zoneNorth50Mean: 90, zoneNorth50Q25: 60, zoneNorth50Q75: 100 };
 * const rows = compareLedgerStatistics({ perPixel: v, areaWeighted: v }, { perPixel: { ...v, trendMean: 0.1001 }, areaWeighted: v });
 * rows[1].diffPixel; // ≈ 0.0001
 * rows[5].missing; // 'no pixels for this statistic in these maps'
 */
export function compareLedgerStatistics(streamed: LedgerStatistics, exact: LedgerStatistics): LedgerComparisonRow[] {
  const f = (v: number) => (Number.isFinite(v) ? v : null);
  const d = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) ? Math.abs(a - b) : null);
  return (Object.keys(streamed.perPixel) as (keyof LedgerValues)[]).map((k) => {
    const vals = [streamed.perPixel[k], exact.perPixel[k], streamed.areaWeighted[k], exact.areaWeighted[k]];
    return {
      statistic: k, streamedPixel: f(vals[0]!), exactPixel: f(vals[1]!), diffPixel: d(vals[0]!, vals[1]!), streamedArea: f(vals[2]!), exactArea: f(vals[3]!), diffArea: d(vals[2]!, vals[3]!),
      missing: vals.some((v) => !Number.isFinite(v)) ? "no pixels for this statistic in these maps" : null,
    };
  });
}
