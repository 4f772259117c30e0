/**
 * Paper 1's §3.1 statistics of annual ALT maps too large for memory (issue 16: the published 1 km
 * product, 43,200 × 7,200 cells × 18 years; also the kit's own tiled maps): the maps are read
 * block of rows by block of rows (all years of one block at a time), each pixel gets its temporal
 * mean, OLS trend, Sen's slope and Mann–Kendall p (the kernel of {@link pixelTrends}), and only
 * summaries are kept: every statistic both **per pixel** and **area-weighted** (a 1/120° cell at
 * 70° N covers about a third of the area of one at 25° N), in bounded memory
 * ({@link BinnedDistribution}: exact counts, means and SDs; quantiles to a stated resolution).
 * Optionally the per-pixel maps are written as COGs, row block by row block, and a coarse display
 * copy (block means) is kept for figures. Peak memory: one block of all years, the bins, and the
 * display maps, whatever the map's size.
 */
import * as path from "node:path";
import { ArgumentError } from "../core/errors";
import { checkInteger, checkNumber, checkOptions } from "../core/checks";
import { type Grid, checkGrid } from "../raster/grid";
import { pixelTrends } from "../raster/pixel-trends";
import { cellAreaKm2 } from "../raster/cell-area";
import { type CogWriter, createCogWriter } from "../raster/cog-writer";
import { BinnedDistribution, type BinnedSummary, type BinnedSummaryResult, binnedSummaryResult } from "../stats/binned-distribution";
import { startProgress } from "../notebook/progress";
import { type LatitudeBin } from "../raster/latitude-bins";

/** Annual maps readable by blocks of rows (the product reader's `AltProduct`, or any other). */
export interface AnnualRowSource {
  /** The maps' grid (EPSG:4326). */
  grid: Grid;
  /** The years, ascending. */
  years: number[];
  /**
   * Rows row0 … row1 − 1 of every year.
   *
   * @param row0 - first row
   * @param row1 - row after the last
   * @returns one Float32Array per year, (row1 − row0) × width values in cm; NaN = no data
   */
  readRows(row0: number, row1: number): Promise<Float32Array[]>;
}

/** Options of {@link annualMapSummary}. */
export interface AnnualMapSummaryOptions {
  /** Rows per block (default: about a million cells per block). */
  blockRows?: number;
  /** Fewest finite years for a pixel's trend (default: all the years). */
  minYears?: number;
  /** Significance level of the Mann–Kendall test (default 0.05). */
  alpha?: number;
  /** Latitude bin width of the profiles, degrees (default 2.5). */
  latitudeBinDeg?: number;
  /** Write the per-pixel maps as COGs (mean_alt.tif, ols_trend.tif, sen_trend.tif, mk_p.tif) into this folder (default: none). */
  outDir?: string;
  /** Most columns of the display maps (block means; default 720). */
  displayWidth?: number;
  /** Report progress with an ETA (default true). */
  progress?: boolean;
}

/** A statistic per pixel and area-weighted. */
export interface TwoWays<T> {
  /** Every pixel counts once. */
  perPixel: T;
  /** Every pixel counts by its area (km²). */
  areaWeighted: T;
}

/** Shares of the pixels with a trend, 0–1. */
export interface TrendShares {
  /** OLS trend > 0. */
  deepeningOls: number;
  /** Sen's slope > 0. */
  deepeningSen: number;
  /** Mann–Kendall p < alpha. */
  significant: number;
  /** Mann–Kendall p < alpha and Sen's slope > 0. */
  significantDeepening: number;
}

/** One latitude band of a profile (per pixel). */
export interface LatitudeProfileBin {
  /** Southern and northern edge and centre, °N. */
  latFrom: number;
  latTo: number;
  lat: number;
  /** The distribution of the pixels' values in the band. */
  values: BinnedSummary;
}

/** What {@link annualMapSummary} found. */
export interface AnnualMapSummary {
  /** The maps' grid and years. */
  grid: Grid;
  years: number[];
  /** Pixels with a finite mean ALT, and with a trend (≥ minYears finite years). */
  pixels: number;
  trendPixels: number;
  /** Their total area, km². */
  areaKm2: number;
  /** Mean ALT over the years (cm): distribution across pixels. */
  meanAlt: TwoWays<BinnedSummary>;
  /** OLS trend (cm/yr) and Sen's slope (cm/yr): distributions across pixels. */
  olsTrend: TwoWays<BinnedSummary>;
  senTrend: TwoWays<BinnedSummary>;
  /** Shares deepening and significant. */
  shares: TwoWays<TrendShares>;
  /** Mean ALT in the paper's two zones: 25–50° N and ≥ 50° N (by the pixel centre's latitude). */
  zones: { zone: string; south: number; north: number; meanAlt: TwoWays<BinnedSummary> }[];
  /** Latitude profiles (Figs 4d, 5e) of the mean ALT and the OLS trend, per pixel. */
  latitude: { meanAlt: LatitudeProfileBin[]; olsTrend: LatitudeProfileBin[] };
  /** Display maps (block means of the mean ALT and the OLS trend) on a coarser grid, for figures. */
  display: { grid: Grid; factor: number; meanAlt: Float32Array; olsTrend: Float32Array };
  /** The per-pixel COGs written (null without outDir). */
  files: { meanAlt: string; olsTrend: string; senTrend: string; mkP: string } | null;
  /** The significance level used. */
  alpha: number;
  /** Blocks read and the wall time, ms. */
  blocks: number;
  ms: number;
}

/** Bins of the distributions: range and width, in the values' units (chosen finer than paper 1's printed rounding). */
const ALT_BINS = { lo: 0, hi: 2000, width: 0.01 } as const;
const TREND_BINS = { lo: -50, hi: 50, width: 0.0005 } as const;
const PROFILE_ALT_BINS = { lo: 0, hi: 2000, width: 0.5 } as const;
const PROFILE_TREND_BINS = { lo: -50, hi: 50, width: 0.01 } as const;

const binned = (b: { lo: number; hi: number; width: number }): BinnedDistribution => new BinnedDistribution(b.lo, b.hi, b.width);
const twoWays = (b: { lo: number; hi: number; width: number }): TwoWays<BinnedDistribution> => ({ perPixel: binned(b), areaWeighted: binned(b) });

/**
 * Stream annual ALT maps by blocks of rows and summarise them as paper 1 §3.1 does.
 *
 * @param source - the maps (e.g. from openAltProduct, or the annual COGs of altTiledMaps)
 * @param options - block height, fewest years, alpha, latitude bin width, COG folder, display width, progress
 * @returns the summaries (see {@link AnnualMapSummary})
 * @throws ArgumentError for a source without grid, years or readRows, a grid that is not EPSG:4326, an unknown or bad option
 * @throws DataError (from the source) naming a file that cannot be read; ArgumentError when a block
 *   holds ±Infinity (naming the year and cell) or has the wrong size
 * @example
 * const grid = lonLatGrid([0, 60, 2, 62], 1);
 * const years = [2003, 2004, 2005];
 * const source = { grid, years, readRows: async (r0: number, r1: number) => years.map((y, t) => Float32Array.from({ length: (r1 - r0) * 2 }, (_, i) => 50 + t * (i + 1))) };
 * const s = await annualMapSummary(source, { progress: false });
 * s.shares.perPixel.deepeningOls; // 1
 * s.olsTrend.perPixel.mean; // 2.5 (trends 1, 2, 3, 4 cm/yr)
 */
export async function annualMapSummary(source: AnnualRowSource, options: AnnualMapSummaryOptions = {}): Promise<AnnualMapSummary> {
  const fn = "annualMapSummary";
  const t0 = performance.now();
  if (source === null || typeof source !== "object" || typeof source.readRows !== "function") throw new ArgumentError({ fn, arg: "source", value: source, expected: "{ grid, years, readRows(row0, row1) }" }, "not an annual row source");
  const grid = checkGrid(fn, "source.grid", source.grid);
  if (grid.crs !== "EPSG:4326") throw new ArgumentError({ fn, arg: "source.grid.crs", value: grid.crs, expected: '"EPSG:4326" (paper 1\'s lon/lat grid; reproject with gdalwarp -t_srs EPSG:4326)' }, "not a lon/lat grid");
  const years = source.years;
  if (!Array.isArray(years) || years.length < 3) throw new ArgumentError({ fn, arg: "source.years", value: years, expected: "at least 3 years" }, "too few years for a trend");
  checkOptions(fn, "options", options, ["blockRows", "minYears", "alpha", "latitudeBinDeg", "outDir", "displayWidth", "progress"]);
  const { width, height } = grid;
  const blockRows = options.blockRows === undefined ? Math.max(1, Math.floor((1 << 20) / width)) : checkInteger(fn, "options.blockRows", options.blockRows, { min: 1 });
  const minYears = options.minYears === undefined ? years.length : checkInteger(fn, "options.minYears", options.minYears, { min: 3, max: years.length });
  const alpha = options.alpha === undefined ? 0.05 : checkNumber(fn, "options.alpha", options.alpha, { min: 0, exclusiveMin: true, max: 0.5 });
  const binDeg = options.latitudeBinDeg === undefined ? 2.5 : checkNumber(fn, "options.latitudeBinDeg", options.latitudeBinDeg, { min: 0, exclusiveMin: true, max: 90 });
  const displayWidth = options.displayWidth === undefined ? 720 : checkInteger(fn, "options.displayWidth", options.displayWidth, { min: 1 });
  if (options.outDir !== undefined && (typeof options.outDir !== "string" || options.outDir === "")) throw new ArgumentError({ fn, arg: "options.outDir", value: options.outDir, expected: "a folder path" }, "not a path");

  const meanAlt = twoWays(ALT_BINS), olsTrend = twoWays(TREND_BINS), senTrend = twoWays(TREND_BINS);
  const zoneDefs = [{ zone: "25–50 °N", south: 25, north: 50 }, { zone: "≥ 50 °N", south: 50, north: 90 }];
  const zoneDists = zoneDefs.map(() => twoWays(ALT_BINS));
  const counts = { perPixel: { ols: 0, sen: 0, sig: 0, sigDeep: 0, n: 0 }, areaWeighted: { ols: 0, sen: 0, sig: 0, sigDeep: 0, n: 0 } };
  // latitude profiles: bins of binDeg from the grid's southern edge (rounded down to a multiple of binDeg)
  const south = grid.originY - height * grid.resY;
  const latFrom = Math.floor(south / binDeg) * binDeg;
  const nLat = Math.ceil((grid.originY - latFrom) / binDeg);
  const latAlt = Array.from({ length: nLat }, () => binned(PROFILE_ALT_BINS));
  const latTrend = Array.from({ length: nLat }, () => binned(PROFILE_TREND_BINS));
  // display maps: block means over factor × factor cells
  const factor = Math.max(1, Math.ceil(width / displayWidth));
  const dw = Math.ceil(width / factor), dh = Math.ceil(height / factor);
  const dSum = { alt: new Float64Array(dw * dh), trend: new Float64Array(dw * dh) };
  const dN = { alt: new Uint32Array(dw * dh), trend: new Uint32Array(dw * dh) };
  let writers: Record<"meanAlt" | "olsTrend" | "senTrend" | "mkP", CogWriter> | null = null;
  if (options.outDir !== undefined) {
    const dir = options.outDir;
    const w = (name: string, band: string) => createCogWriter(path.join(dir, name), { grid, bandNames: [band] });
    writers = { meanAlt: w("mean_alt.tif", "mean ALT cm"), olsTrend: w("ols_trend.tif", "OLS trend cm/yr"), senTrend: w("sen_trend.tif", "Sen slope cm/yr"), mkP: w("mk_p.tif", "Mann-Kendall p") };
  }
  let pixels = 0, trendPixels = 0, areaKm2 = 0, blocks = 0;
  const nBlocks = Math.ceil(height / blockRows);
  const progress = options.progress === false ? undefined : startProgress("annual map summary", nBlocks, { unit: "row blocks" });
  try {
    for (let row0 = 0; row0 < height; row0 += blockRows) {
      const row1 = Math.min(height, row0 + blockRows);
      const bands = await source.readRows(row0, row1);
      const cells = (row1 - row0) * width;
      if (!Array.isArray(bands) || bands.length !== years.length || bands.some((b) => !(b instanceof Float32Array) || b.length !== cells)) {
        throw new ArgumentError({ fn, arg: "source.readRows", at: `rows ${row0}–${row1 - 1}`, value: Array.isArray(bands) ? bands.map((b) => (b as { length?: number })?.length) : bands, expected: `${years.length} Float32Arrays of ${cells} values` }, "a block of the wrong size");
      }
      const t = pixelTrends(bands, years, { minYears, progress: false });
      for (let r = row0; r < row1; r++) {
        const area = cellAreaKm2(grid, r);
        const lat = grid.originY - (r + 0.5) * grid.resY;
        const lb = Math.floor((lat - latFrom) / binDeg);
        const zs = zoneDefs.map((z, k) => (lat >= z.south && lat < z.north ? k : -1)).filter((k) => k >= 0);
        const dRow = Math.floor(r / factor) * dw;
        for (let c = 0; c < width; c++) {
          const i = (r - row0) * width + c;
          const m = t.mean[i]!;
          if (Number.isNaN(m)) continue;
          pixels++;
          areaKm2 += area;
          meanAlt.perPixel.add(m);
          meanAlt.areaWeighted.add(m, area);
          for (const k of zs) {
            zoneDists[k]!.perPixel.add(m);
            zoneDists[k]!.areaWeighted.add(m, area);
          }
          if (lb >= 0 && lb < nLat) latAlt[lb]!.add(m);
          const d = dRow + Math.floor(c / factor);
          dSum.alt[d]! += m;
          dN.alt[d]!++;
          const o = t.ols[i]!;
          if (Number.isNaN(o)) continue;
          trendPixels++;
          const s = t.sen[i]!, p = t.mkP[i]!;
          olsTrend.perPixel.add(o);
          olsTrend.areaWeighted.add(o, area);
          senTrend.perPixel.add(s);
          senTrend.areaWeighted.add(s, area);
          if (lb >= 0 && lb < nLat) latTrend[lb]!.add(o);
          dSum.trend[d]! += o;
          dN.trend[d]!++;
          const pp = counts.perPixel, aw = counts.areaWeighted; // no per-pixel allocation in this loop
          pp.n += 1;
          aw.n += area;
          if (o > 0) {
            pp.ols += 1;
            aw.ols += area;
          }
          if (s > 0) {
            pp.sen += 1;
            aw.sen += area;
          }
          if (p < alpha) {
            pp.sig += 1;
            aw.sig += area;
            if (s > 0) {
              pp.sigDeep += 1;
              aw.sigDeep += area;
            }
          }
        }
      }
      if (writers !== null) {
        writers.meanAlt.writeRows(row0, [t.mean]);
        writers.olsTrend.writeRows(row0, [t.ols]);
        writers.senTrend.writeRows(row0, [t.sen]);
        writers.mkP.writeRows(row0, [t.mkP]);
      }
      blocks++;
      progress?.tick();
    }
  } catch (e) {
    if (writers !== null) for (const w of Object.values(writers)) w.abort();
    throw e;
  }
  let files: AnnualMapSummary["files"] = null;
  if (writers !== null) files = { meanAlt: await writers.meanAlt.close(), olsTrend: await writers.olsTrend.close(), senTrend: await writers.senTrend.close(), mkP: await writers.mkP.close() };
  const share = (a: typeof counts.perPixel): TrendShares => ({ deepeningOls: a.ols / a.n, deepeningSen: a.sen / a.n, significant: a.sig / a.n, significantDeepening: a.sigDeep / a.n });
  const sum2 = (d: TwoWays<BinnedDistribution>): TwoWays<BinnedSummary> => ({ perPixel: d.perPixel.summary(), areaWeighted: d.areaWeighted.summary() });
  const profile = (ds: BinnedDistribution[]): LatitudeProfileBin[] => ds.map((d, b) => ({ latFrom: latFrom + b * binDeg, latTo: latFrom + (b + 1) * binDeg, lat: latFrom + (b + 0.5) * binDeg, values: d.summary() }));
  const displayGrid: Grid = { ...grid, width: dw, height: dh, resX: grid.resX * factor, resY: grid.resY * factor };
  const mean = (s: Float64Array, n: Uint32Array) => Float32Array.from(s, (v, k) => (n[k]! > 0 ? v / n[k]! : NaN));
  return {
    grid, years: [...years], pixels, trendPixels, areaKm2,
    meanAlt: sum2(meanAlt), olsTrend: sum2(olsTrend), senTrend: sum2(senTrend),
    shares: { perPixel: share(counts.perPixel), areaWeighted: share(counts.areaWeighted) },
    zones: zoneDefs.map((z, k) => ({ ...z, meanAlt: sum2(zoneDists[k]!) })),
    latitude: { meanAlt: profile(latAlt), olsTrend: profile(latTrend) },
    display: { grid: displayGrid, factor, meanAlt: mean(dSum.alt, dN.alt), olsTrend: mean(dSum.trend, dN.trend) },
    files, alpha, blocks, ms: performance.now() - t0,
  };
}

/**
 * A streamed latitude profile as the LatitudeBin rows that latitudeProfile draws (cells, mean, SD,
 * quartiles; the quartiles to the profile's bin width).
 *
 * @param bins - `latitude.meanAlt` or `latitude.olsTrend` of an {@link AnnualMapSummary}
 * @returns one LatitudeBin per band
 * @example
 * const v = new BinnedDistribution(0, 10, 0.5);
 * v.add(2);
 * asLatitudeBins([{ latFrom: 60, latTo: 62.5, lat: 61.25, values: v.summary() }])[0].cells; // 1
 */
export function asLatitudeBins(bins: readonly LatitudeProfileBin[]): LatitudeBin[] {
  return bins.map((b) => ({ latFrom: b.latFrom, latTo: b.latTo, lat: b.lat, cells: b.values.n, mean: b.values.mean, sd: b.values.sd, q25: b.values.q25, median: b.values.median, q75: b.values.q75 }));
}

/**
 * The summaries of an {@link AnnualMapSummary} ready for writeResults: every distribution through
 * binnedSummaryResult (NaN → null with the reason), latitude bands without pixels left out.
 *
 * @param s - the summary
 * @returns pixel counts, area, distributions (both readings), shares, zones and latitude profiles
 * @example
 * const grid = lonLatGrid([0, 60, 2, 62], 1);
 * const years = [2003, 2004, 2005];
 * const s = await annualMapSummary({ grid, years, readRows: async (r0: number, r1: number) => years.map((y, t) => Float32Array.from({ length: (r1 - r0) * 2 }, (_, i) => 80 + t * (i + 1))) }, { progress: false });
 * annualSummaryResults(s).zones[0].meanAlt.perPixel.missing; // 'no values' (no pixel in 25–50 °N)
 */
export function annualSummaryResults(s: AnnualMapSummary): {
  pixels: number; trendPixels: number; areaKm2: number; alpha: number;
  meanAlt: TwoWays<BinnedSummaryResult>; olsTrend: TwoWays<BinnedSummaryResult>; senTrend: TwoWays<BinnedSummaryResult>; shares: TwoWays<TrendShares>;
  zones: { zone: string; south: number; north: number; meanAlt: TwoWays<BinnedSummaryResult> }[];
  latitude: { meanAlt: (Omit<LatitudeProfileBin, "values"> & { values: BinnedSummaryResult })[]; olsTrend: (Omit<LatitudeProfileBin, "values"> & { values: BinnedSummaryResult })[] };
} {
  const two = (d: TwoWays<BinnedSummary>) => ({ perPixel: binnedSummaryResult(d.perPixel), areaWeighted: binnedSummaryResult(d.areaWeighted) });
  const prof = (bins: LatitudeProfileBin[]) => bins.filter((b) => b.values.n > 0).map((b) => ({ ...b, values: binnedSummaryResult(b.values) }));
  return {
    pixels: s.pixels, trendPixels: s.trendPixels, areaKm2: s.areaKm2, alpha: s.alpha,
    meanAlt: two(s.meanAlt), olsTrend: two(s.olsTrend), senTrend: two(s.senTrend), shares: s.shares,
    zones: s.zones.map((z) => ({ zone: z.zone, south: z.south, north: z.north, meanAlt: two(z.meanAlt) })),
    latitude: { meanAlt: prof(s.latitude.meanAlt), olsTrend: prof(s.latitude.olsTrend) },
  };
}
