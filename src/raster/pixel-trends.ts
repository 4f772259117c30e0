/**
 * Per-pixel trend maps over an annual raster stack (paper 1 §3.1, Figs 4a and 5a): for every
 * cell, the mean over the years (cm), the OLS slope (cm yr⁻¹) with its SE, Sen's slope
 * (cm yr⁻¹) and the Mann–Kendall z, two-sided p and τ. Cells with fewer than `minYears`
 * finite values get no trend: NaN in every output but the mean, and counted in `tooShort`
 * (cells with no finite value at all are NaN everywhere and have `nYears` 0). Missing values are
 * NaN; a ±Infinity value is an error naming the band and the cell.
 *
 * Two entry points share one kernel: {@link pixelTrends} for bands already in memory and
 * {@link pixelTrendsFromFile}, which streams a multi-band GeoTIFF in blocks of rows, so that
 * peak memory is the outputs plus one block (bounded, whatever the number of years).
 *
 * Maps of more than {@link TREND_PROGRESS_CELLS} cells report progress with an ETA (label
 * `pixel trends`, in blocks; see {@link startProgress}) unless `progress: false`.
 */
import { type Grid } from "./grid";
import { MAX_CELLS } from "./raster";
import { readGeoTiff, readGeoTiffInfo } from "./geotiff-io";
import { ArgumentError, DataError } from "../core/errors";
import { checkArray, checkInteger, checkOptions } from "../core/checks";
import { mannKendallOf, olsTrendOf, senSlopeMedianOf } from "../stats/trend/pair-kernels";
import { type ProgressReporter, startProgress } from "../notebook/progress";

/** Which statistics to compute (OLS and the mean always). */
export interface PixelTrendOptions {
  /** Sen's slope (default true). */
  sen?: boolean;
  /** Mann–Kendall z, p and τ (default true). */
  mannKendall?: boolean;
  /** Fewest finite years for a cell to get a trend (default 3; when given, an integer from 3 to the number of years). */
  minYears?: number;
  /** Report progress with an ETA when the map has more than {@link TREND_PROGRESS_CELLS} cells (default true). */
  progress?: boolean;
}

/** Maps with more cells than this report per-block progress (unless `progress: false`). */
export const TREND_PROGRESS_CELLS = 1_000_000;

/** Cells per block when {@link pixelTrends} reports progress over a large in-memory map. */
const MEMORY_BLOCK_CELLS = 1 << 18;

/** Options of {@link pixelTrendsFromFile}: those of {@link PixelTrendOptions} and the block height. */
export interface PixelTrendFileOptions extends PixelTrendOptions {
  /** Rows per block read from the file (default 64; an integer ≥ 1). */
  blockRows?: number;
}

const TREND_OPTIONS = ["sen", "mannKendall", "minYears", "progress"] as const;

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
  /** Finite years per cell (Uint8: hence at most 255 years). */
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
 * @param options - statistics and fewest years (already checked)
 * @returns -1, or the first infinite value's position as band × cells + cell (the caller reports it)
 */
function trendBlock(bands: readonly Float32Array[], years: readonly number[], out: PixelTrendMaps, offset: number, cells: number, options: PixelTrendOptions): number {
  const ny = years.length;
  const series = new Float64Array(ny);
  const usable = new Int32Array(ny);
  const kept = new Float64Array(ny);
  const pairSlopes = new Float64Array((ny * (ny - 1)) / 2);
  // one view per possible count of usable years, made once per block, not once per pixel
  const usableViews = Array.from({ length: ny + 1 }, (_, n) => usable.subarray(0, n));
  const minYears = options.minYears ?? 3;
  // The years were checked once at the entry (finite, strictly increasing) and each value is
  // checked here, so the statistics run on their unchecked kernels: the same arithmetic as
  // olsTrend/senSlope/mannKendall, without re-validating both arrays for every pixel.
  for (let c = 0; c < cells; c++) {
    let n = 0;
    let sum = 0;
    for (let k = 0; k < ny; k++) {
      const v = bands[k]![c]!;
      if (v === Infinity || v === -Infinity) return k * cells + c;
      series[k] = v;
      if (!Number.isNaN(v)) {
        usable[n] = k;
        kept[n] = v;
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
    const idx = usableViews[n]!;
    const skipped = ny - n;
    const o = olsTrendOf("pixelTrends", years, series, idx, skipped);
    out.ols[cell] = o.slope;
    out.olsSe[cell] = o.se;
    if (options.sen ?? true) out.sen[cell] = senSlopeMedianOf("pixelTrends", years, series, idx, pairSlopes);
    if (options.mannKendall ?? true) {
      const m = mannKendallOf(years, series, idx, skipped, kept);
      out.mkZ[cell] = m.z;
      out.mkP[cell] = m.p;
      out.tau[cell] = m.tau;
    }
  }
  return -1;
}

/**
 * Check the statistics options shared by both entry points.
 *
 * @param fn - the public function
 * @param options - the options
 * @param nYears - number of years (bands)
 */
function checkTrendOptions(fn: string, options: PixelTrendOptions, nYears: number): void {
  for (const k of ["sen", "mannKendall", "progress"] as const) {
    const v = options[k];
    if (v !== undefined && typeof v !== "boolean") throw new ArgumentError({ fn, arg: `options.${k}`, value: v, expected: "true or false" }, "not a boolean");
  }
  if (options.minYears === undefined) return;
  const minYears = checkInteger(fn, "options.minYears", options.minYears, { min: 3 });
  if (minYears > nYears) throw new ArgumentError({ fn, arg: "options.minYears", value: minYears, expected: `at most ${nYears} (the number of years); otherwise no cell can get a trend` }, "more years required than there are");
}

/**
 * Check years: finite, strictly increasing, at most 255 of them (`nYears` is a Uint8Array).
 *
 * @param years - the years
 * @param bad - how to report the bad year at index k
 */
function checkYears(years: readonly number[], bad: (k: number, problem: string, expected: string) => never): void {
  if (years.length > 255) bad(years.length - 1, "too many years", "at most 255 years (nYears is a Uint8Array)");
  for (let k = 0; k < years.length; k++) {
    const y = years[k]!;
    if (!Number.isFinite(y)) bad(k, "bad year", "a finite number");
    if (k > 0 && !(y > years[k - 1]!)) bad(k, "years are not strictly increasing", `a year after ${years[k - 1]}`);
  }
}

/**
 * Trend maps of bands held in memory, one band per year. Skips and counts: cells with fewer than
 * `minYears` finite years get no trend (`tooShort`), cells with none are NaN (`nYears` 0).
 *
 * @param bands - one Float32Array band per year, all the same length (NaN = missing)
 * @param years - the year of each band: finite and strictly increasing (at most 255)
 * @param options - which statistics, the fewest years and progress (`sen`, `mannKendall`, `minYears`, `progress`; other names are an error)
 * @returns the maps, with `tooShort` and `nYears`
 * @throws ArgumentError when the band count and the years differ, band lengths differ, a year is NaN or out of order, a value is ±Infinity, or an option is unknown or bad
 */
export function pixelTrends(bands: readonly Float32Array[], years: readonly number[], options: PixelTrendOptions = {}): PixelTrendMaps {
  const fn = "pixelTrends";
  const list: unknown = bands;
  if (!Array.isArray(list)) throw new ArgumentError({ fn, arg: "bands", value: bands, expected: "an array of Float32Array bands" }, "not an array");
  checkArray(fn, "years", years, { allowNaN: true });
  if (bands.length !== years.length) throw new ArgumentError({ fn, arg: "years", value: years.length, expected: `${bands.length} years, one per band` }, `${bands.length} bands but ${years.length} years`);
  if (bands.length === 0) throw new ArgumentError({ fn, arg: "bands", value: 0, expected: "at least one band" }, "no bands");
  checkOptions(fn, "options", options, TREND_OPTIONS);
  checkYears(years, (k, problem, expected) => {
    throw new ArgumentError({ fn, arg: "years", at: k, value: years[k], expected }, problem);
  });
  // a for loop, not forEach: forEach skips the holes of a sparse array
  for (let k = 0; k < bands.length; k++) {
    const b: unknown = bands[k];
    if (!(b instanceof Float32Array)) throw new ArgumentError({ fn, arg: "bands", at: k, value: b, expected: "a Float32Array" }, "band is not a Float32Array");
  }
  const n = bands[0]!.length;
  bands.forEach((b, k) => {
    if (b.length !== n) throw new ArgumentError({ fn, arg: "bands", at: k, value: b.length, expected: `${n} cells, as band 0` }, `band ${k} (${years[k]}) has ${b.length} cells`);
  });
  checkTrendOptions(fn, options, years.length);
  const out = allocate(n);
  // a large map goes in blocks of cells (the same per-cell arithmetic), so progress can be reported
  const blockCells = (options.progress ?? true) && n > TREND_PROGRESS_CELLS ? MEMORY_BLOCK_CELLS : Math.max(1, n);
  const progress = n > blockCells ? startProgress("pixel trends", Math.ceil(n / blockCells), { unit: "blocks" }) : undefined;
  let start = 0;
  do {
    const cells = Math.min(blockCells, n - start);
    const views = progress === undefined ? bands : bands.map((b) => b.subarray(start, start + cells));
    const inf = trendBlock(views, years, out, start, cells, options);
    if (inf >= 0) {
      const k = Math.floor(inf / cells);
      const c = start + (inf % cells);
      throw new ArgumentError({ fn, arg: `bands[${k}]`, at: c, value: bands[k]![c], expected: "a finite number or NaN (missing)" }, "bad value");
    }
    progress?.tick();
    start += cells;
  } while (start < n);
  return out;
}

/**
 * Trend maps of a multi-band GeoTIFF whose band names are years, streamed `blockRows` rows at
 * a time (bounded memory: outputs + blockRows × width × bands values). The maps are exactly those
 * {@link pixelTrends} gives for the same bands in memory, whatever the block size; skipped cells
 * are counted the same way (`tooShort`, `nYears`).
 *
 * @param file - the annual GeoTIFF (e.g. `build/quick/maps/alt_ensemble_annual.tif`, as notebook 13 writes it)
 * @param options - statistics, fewest years, progress (reported per block for more than
 *   {@link TREND_PROGRESS_CELLS} pixels unless `progress: false`) and the block height in rows
 *   (default 64); other names are an error
 * @returns the maps, the file's grid, its years and the number of blocks read
 * @throws DataError naming the file when it is missing, truncated or corrupt, a band name is not a year, the years are not increasing, or a value is ±Infinity (naming band, row and column)
 * @throws ArgumentError for an unknown or bad option
 */
export async function pixelTrendsFromFile(file: string, options: PixelTrendFileOptions = {}): Promise<PixelTrendMaps & { grid: Grid; years: number[]; blocks: number }> {
  const fn = "pixelTrendsFromFile";
  if (typeof file !== "string" || file === "") throw new ArgumentError({ fn, arg: "file", value: file, expected: "a file path" }, "not a file path");
  checkOptions(fn, "options", options, [...TREND_OPTIONS, "blockRows"]);
  const blockRows = options.blockRows === undefined ? 64 : checkInteger(fn, "options.blockRows", options.blockRows, { min: 1 });
  const info = await readGeoTiffInfo(file);
  const bad = info.bandNames.findIndex((b) => !/^\d{4}$/.test(b));
  if (bad >= 0) throw new DataError({ file }, `band ${bad + 1} is named "${info.bandNames[bad]}", not a year; per-pixel trends need one band per year`);
  const years = info.bandNames.map(Number);
  checkYears(years, (k, problem, expected) => {
    throw new DataError({ file, column: `band ${k + 1}`, value: info.bandNames[k], expected }, problem);
  });
  checkTrendOptions(fn, options, years.length);
  const { width, height } = info.grid;
  if (width * height > MAX_CELLS) throw new DataError({ file, value: `${width}×${height} pixels`, expected: `at most ${MAX_CELLS} cells (what a Float32Array can hold)` }, "image too large for in-memory trend maps");
  const out = allocate(width * height);
  let blocks = 0;
  const progress: ProgressReporter | undefined = (options.progress ?? true) && width * height > TREND_PROGRESS_CELLS
    ? startProgress("pixel trends", Math.ceil(height / blockRows), { unit: "blocks" }) : undefined;
  for (let row0 = 0; row0 < height; row0 += blockRows) {
    const row1 = Math.min(height, row0 + blockRows);
    const block = await readGeoTiff(file, { window: { col0: 0, col1: width, row0, row1 } });
    const cells = (row1 - row0) * width;
    const inf = trendBlock(block.bands, years, out, row0 * width, cells, options);
    if (inf >= 0) {
      const k = Math.floor(inf / cells);
      const c = inf % cells;
      throw new DataError({ file, column: `band ${k + 1} (${years[k]}), row ${row0 + Math.floor(c / width) + 1}, column ${(c % width) + 1}`, value: block.bands[k]![c], expected: "a finite value or nodata" }, "infinite value");
    }
    blocks++;
    progress?.tick();
  }
  return { ...out, grid: info.grid, years, blocks };
}
