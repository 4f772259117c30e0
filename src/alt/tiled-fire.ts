/**
 * Paper 1's fire response (§2.5, Fig 8) from 1 km maps in bounded memory (issue 15): the burned
 * pixels are found by streaming the manifest's fire-year raster over the mapped pixels (row block
 * by row block), the seeded sample of at most `firePixels` burned in 2005–2015 is drawn as in
 * memory ({@link sampleBurnedPixels}), and only those pixels' annual ALT is read from the annual
 * COGs of altTiledMaps, window by window. Memory: one row block, the burned pixels' cells and fire
 * years (8 bytes each) and the sample's series (sample × years × series × 4 bytes). The response
 * equals the in-memory one (readFirePixels, blockColumns, fireResponse) bit for bit.
 */
import { checkInteger, checkOptions, isList } from "../core/checks";
import { ArgumentError, DataError } from "../core/errors";
import { type CellWindow } from "../raster/geotiff-io";
import { type RasterSource, openRasterSource } from "../raster/mosaic";
import { forEachRowBlock } from "../raster/finite-cells";
import { groupCellsByWindow, readAtCellGroups } from "../raster/cells-by-window";
import { type AltInputSource } from "./input-source";
import { type FireResponseRow, type FireSkips, fireResponse } from "./fire-response";
import { type BurnedPixelSample, sampleBurnedPixels } from "./fire-pixels";

/** A further annual series to compare at the burned pixels (e.g. the demo world's true ALT). */
export interface FireSeriesReader {
  /** Its name (the order of `change` in the rows is mapped, then these). */
  name: string;
  /**
   * Its values in one year and window of the grid.
   *
   * @param year - the year
   * @param window - cells of the grid
   * @returns row-major values (cm; NaN = missing)
   */
  read(year: number, window: CellWindow): Promise<Float32Array>;
}

/** Options of {@link altTiledFireResponse}. */
export interface AltTiledFireOptions {
  /** Most burned pixels (paper §2.5: 50,000; settings.firePixels). */
  firePixels: number;
  /** The chain's seed (stream "fire-pixels"). */
  seed: number;
  /** Further series compared at the same pixels (default none). */
  series?: FireSeriesReader[];
  /** Window side for reading the sampled pixels (cells; default 256). */
  tileSize?: number;
}

/** What {@link altTiledFireResponse} found. */
export interface AltTiledFire {
  /** Mean change per group and lag (change[0] = the mapped ALT, then the further series). */
  rows: FireResponseRow[];
  /** Sampled burned pixels per group code. */
  burned: Record<string, number>;
  /** Sampled pixels left out, by reason (see fireResponse). */
  skipped: FireSkips;
  /** The draw: sampled positions (among the burned pixels), burned pixels in 2005–2015, burned outside. */
  sample: BurnedPixelSample;
  /** The sampled pixels' grid cells. */
  cells: Int32Array;
  /** Series names, in the order of `change`. */
  series: string[];
  /** Wall time, ms. */
  ms: number;
}

/**
 * The pre/post-fire ALT change per land cover, from tiled maps.
 *
 * @param source - the inputs (their manifest must have a `fire` entry)
 * @param maps - the COGs of altTiledMaps (`files.mean` marks the mapped pixels; `files.annual` one per year)
 * @param years - the years of `files.annual`, consecutive
 * @param options - sample size, seed, further series, window side
 * @returns the response rows, burned counts, skips, the draw, the cells, the series names and the time
 * @throws ArgumentError for an unknown option, a bad size, seed or series, or annual maps that do not match the years
 * @throws DataError when the manifest has no fire input, or a fire year is not a year (naming the file and cell)
 * @example
 * const inputs = await loadAltInputs(altSettings("quick"));
 * const run = await altTiledMaps(inputs.source, inputs.table, [{ ntrees: 5, seed: 1 }], { dir: "maps", workers: 0, onProgress: () => undefined });
 * const f = await altTiledFireResponse(inputs.source, run, inputs.years, { firePixels: 50000, seed: 1 });
 * f.series; // ["mapped"]
 * f.cells.length === f.sample.burned; // true (all burned pixels: the quick world has fewer than 50,000)
 * const shrub = fireRecovery(f.rows, 21, 0); // shrub tundra: the mapped change one year after fire, and its half-life
 */
export async function altTiledFireResponse(source: AltInputSource, maps: { files: { mean: string; annual: string[] } }, years: readonly number[], options: AltTiledFireOptions): Promise<AltTiledFire> {
  const fn = "altTiledFireResponse";
  const t0 = performance.now();
  checkOptions(fn, "options", options, ["firePixels", "seed", "series", "tileSize"]);
  checkInteger(fn, "options.firePixels", options.firePixels, { min: 1 });
  checkInteger(fn, "options.seed", options.seed, { min: 0, max: Number.MAX_SAFE_INTEGER });
  const extra = options.series ?? [];
  if (!isList(extra)) throw new ArgumentError({ fn, arg: "options.series", value: extra, expected: "a list of { name, read(year, window) }" }, "not a list");
  extra.forEach((s, k) => {
    if (s === null || typeof s !== "object" || typeof s.name !== "string" || typeof s.read !== "function") throw new ArgumentError({ fn, arg: `options.series[${k}]`, value: s, expected: "{ name, read(year, window) }" }, "not a series reader");
  });
  const tileSize = options.tileSize === undefined ? 256 : checkInteger(fn, "options.tileSize", options.tileSize, { min: 16 });
  if (!isList(maps?.files?.annual) || maps.files.annual.length !== years.length) throw new ArgumentError({ fn, arg: "maps.files.annual", value: maps?.files?.annual?.length, expected: `${years.length} annual maps, one per year` }, "annual maps do not match the years");
  const spec = source.manifest.fire;
  if (spec === null) throw new DataError({ file: source.manifest.file, key: "fire", expected: '{ "file": "<fire-year raster>" } (paper 1 §2.5: MODIS burned area)' }, "the manifest names no burned-area input: the fire analysis needs one");
  const mean = await openRasterSource(maps.files.mean);
  const { width, height } = source.grid;
  if (mean.grid.width !== width || mean.grid.height !== height) throw new ArgumentError({ fn, arg: "maps.files.mean", value: `${mean.grid.width} × ${mean.grid.height}`, expected: `the inputs' ${width} × ${height} grid` }, "map on another grid");
  // the burned mapped pixels, row-major (the order of inputs.cells)
  const burnedCells: number[] = [];
  const burnedYears: number[] = [];
  await forEachRowBlock(width, height, async (w) => {
    const m = (await mean.readWindow(w, [0]))[0]!;
    const f = await source.readFireYear(w);
    for (let i = 0; i < m.length; i++) {
      if (Number.isNaN(m[i]!) || Number.isNaN(f[i]!)) continue;
      burnedCells.push(w.row0 * width + i);
      burnedYears.push(f[i]!);
    }
  });
  const sample = sampleBurnedPixels(burnedYears, options.firePixels, options.seed);
  const cells = Int32Array.from(sample.index, (j) => burnedCells[j]!);
  const fireYear = Float32Array.from(sample.index, (j) => burnedYears[j]!);
  const groups = groupCellsByWindow(source.grid, cells, tileSize);
  const k = cells.length;
  const group = await readAtCellGroups(groups, k, (w) => source.readPredictor(spec.groupBy, 0, w));
  const annual: RasterSource[] = [];
  for (const f of maps.files.annual) annual.push(await openRasterSource(f)); // headers only
  const readers: ((year: number, t: number, w: CellWindow) => Promise<Float32Array>)[] = [
    async (_year, t, w) => (await annual[t]!.readWindow(w, [0]))[0]!,
    ...extra.map((s) => (year: number, _t: number, w: CellWindow) => s.read(year, w)),
  ];
  const series: Float32Array[] = [];
  for (const read of readers) {
    const block = new Float32Array(years.length * k);
    for (let t = 0; t < years.length; t++) block.set(await readAtCellGroups(groups, k, (w) => read(years[t]!, t, w)), t * k);
    series.push(block);
  }
  const r = fireResponse(fireYear, group, series, years);
  return { ...r, sample, cells, series: ["mapped", ...extra.map((s) => s.name)], ms: performance.now() - t0 };
}
