/**
 * Per-pixel trend maps over an annual raster stack (paper 1 §3.1, Figs 4a and 5a): for every
 * cell, the mean over the years (cm), the OLS slope (cm yr⁻¹) with its SE, Sen's slope
 * (cm yr⁻¹) and the Mann–Kendall z, two-sided p and τ. Cells with fewer than `minYears`
 * finite values are NaN in every output, and counted.
 *
 * Two entry points share one kernel: {@link pixelTrends} for bands already in memory and
 * {@link pixelTrendsFromFile}, which streams a multi-band GeoTIFF in blocks of rows, so that
 * peak memory is the outputs plus one block (bounded, whatever the number of years).
 */
import { type Grid } from "./grid";
import { readGeoTiff, readGeoTiffInfo } from "./geotiff-io";
import { DataError } from "../core/errors";
import { olsTrend } from "../stats/trend/ols-slope";
import { senSlope } from "../stats/trend/sen-slope";
import { mannKendall } from "../stats/trend/mann-kendall";

/** Which statistics to compute (OLS and the mean always). */
export interface PixelTrendOptions {
  /** Sen's slope (default true). */
  sen?: boolean;
  /** Mann–Kendall z, p and τ (default true). */
  mannKendall?: boolean;
  /** Fewest finite years for a cell to get a trend (default 3). */
  minYears?: number;
}

/** Per-cell trend maps; every array has one value per grid cell (row-major), NaN = no trend. */
export interface PixelTrendMaps {
  /** Mean over the finite years (units of the input, e.g. cm). */
  mean: Float32Array;
  /** OLS slope per year (e.g. cm yr⁻¹). */
  ols: Float32Array;
  /** Standard error of the OLS slope. */
  olsSe: Float32Array;
  /** Sen's slope per year (all NaN when not requested). */
  sen: Float32Array;
  /** Mann–Kendall continuity-corrected z (all NaN when not requested). */
  mkZ: Float32Array;
  /** Mann–Kendall two-sided p (all NaN when not requested). */
  mkP: Float32Array;
  /** Kendall's τ of (year, value) (all NaN when not requested). */
  tau: Float32Array;
  /** Finite years per cell. */
  nYears: Uint8Array;
  /** Cells with at least one finite value but fewer than `minYears`. */
  tooShort: number;
}

function allocate(n: number): PixelTrendMaps {
  const nan = (): Float32Array => new Float32Array(n).fill(NaN);
  return { mean: nan(), ols: nan(), olsSe: nan(), sen: nan(), mkZ: nan(), mkP: nan(), tau: nan(), nYears: new Uint8Array(n), tooShort: 0 };
}

/**
 * Fill cells offset … offset + cells − 1 of `out` from band blocks (each `cells` long).
 *
 * @param bands - one block per year
 * @param years - the years
 * @param out - the maps being filled
 * @param offset - first cell of the block in the full map
 * @param cells - cells in the block
 * @param options - statistics and fewest years
 */
function trendBlock(bands: readonly Float32Array[], years: readonly number[], out: PixelTrendMaps, offset: number, cells: number, options: PixelTrendOptions): void {
  const ny = years.length;
  const series = new Float64Array(ny);
  const minYears = options.minYears ?? 3;
  for (let c = 0; c < cells; c++) {
    let n = 0;
    let sum = 0;
    for (let k = 0; k < ny; k++) {
      const v = bands[k]![c]!;
      series[k] = v;
      if (!Number.isNaN(v)) {
        n++;
        sum += v;
      }
    }
    const cell = offset + c;
    out.nYears[cell] = n;
    if (n === 0) continue;
    out.mean[cell] = sum / n;
    if (n < minYears) {
      out.tooShort++;
      continue;
    }
    const o = olsTrend(years, series);
    out.ols[cell] = o.slope;
    out.olsSe[cell] = o.se;
    if (options.sen ?? true) out.sen[cell] = senSlope(years, series).slope;
    if (options.mannKendall ?? true) {
      const m = mannKendall(years, series);
      out.mkZ[cell] = m.z;
      out.mkP[cell] = m.p;
      out.tau[cell] = m.tau;
    }
  }
}

/**
 * Trend maps of bands held in memory, one band per year.
 *
 * @param bands - one band per year, all the same length (NaN = missing)
 * @param years - the year of each band
 * @param options - which statistics, and the fewest years
 * @returns the maps
 * @throws RangeError when the band count and the years differ, or band lengths differ
 */
export function pixelTrends(bands: readonly Float32Array[], years: readonly number[], options: PixelTrendOptions = {}): PixelTrendMaps {
  if (bands.length !== years.length) throw new RangeError(`pixelTrends: ${bands.length} bands but ${years.length} years`);
  if (bands.length === 0) throw new RangeError("pixelTrends: no bands");
  const n = bands[0]!.length;
  bands.forEach((b, k) => {
    if (b.length !== n) throw new RangeError(`pixelTrends: band ${k} (${years[k]}) has ${b.length} cells, band 0 has ${n}`);
  });
  const out = allocate(n);
  trendBlock(bands, years, out, 0, n, options);
  return out;
}

/**
 * Trend maps of a multi-band GeoTIFF whose band names are years, streamed `blockRows` rows at
 * a time (bounded memory: outputs + blockRows × width × bands values).
 *
 * @param file - the annual GeoTIFF (e.g. `build/maps/alt_ensemble_annual.tif`)
 * @param options - statistics, fewest years and the block height in rows (default 64)
 * @returns the maps and the file's grid
 * @throws DataError naming the file when a band name is not a year
 */
export async function pixelTrendsFromFile(file: string, options: PixelTrendOptions & { blockRows?: number } = {}): Promise<PixelTrendMaps & { grid: Grid; years: number[]; blocks: number }> {
  const info = await readGeoTiffInfo(file);
  const years = info.bandNames.map(Number);
  const bad = info.bandNames.findIndex((b) => !/^\d{4}$/.test(b));
  if (bad >= 0) throw new DataError({ file }, `band ${bad + 1} is named "${info.bandNames[bad]}", not a year; per-pixel trends need one band per year`);
  const { width, height } = info.grid;
  const blockRows = Math.max(1, options.blockRows ?? 64);
  const out = allocate(width * height);
  let blocks = 0;
  for (let row0 = 0; row0 < height; row0 += blockRows) {
    const row1 = Math.min(height, row0 + blockRows);
    const block = await readGeoTiff(file, { window: { col0: 0, col1: width, row0, row1 } });
    trendBlock(block.bands, years, out, row0 * width, (row1 - row0) * width, options);
    blocks++;
  }
  return { ...out, grid: info.grid, years, blocks };
}
