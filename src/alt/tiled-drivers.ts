/**
 * The driver table of paper 1 (§2.4.3, Figs 6–7) from 1 km maps in bounded memory (issue 15): a
 * seeded sample of the mapped pixels (the same draw as notebook 15's `sampleIndices` over the
 * domain cells), their predictors averaged over the years, read window by window from the
 * {@link AltInputSource}, and the mapped mean ALT and trend at those pixels, read from the COGs of
 * altTiledMaps. Memory is one window plus the sample (pixels × predictors), and a transient Int32
 * per mapped pixel for the seeded draw (6 MB for the 1.46 M-pixel regional world, ≈ 190 MB for the
 * 48 M-pixel NPR). The table equals `selectRows(pixelPredictorMeans(…), sample)` bit for bit.
 */
import { type Matrix } from "../core/matrix";
import { checkInteger, checkOptions } from "../core/checks";
import { ArgumentError } from "../core/errors";
import { openRasterSource } from "../raster/mosaic";
import { countFiniteCells, finiteCellsAt } from "../raster/finite-cells";
import { groupCellsByWindow, readAtCellGroups } from "../raster/cells-by-window";
import { type AltInputSource } from "./input-source";
import { sampleIndices } from "./driver-table";
import { checkYears } from "./checks";

/** Options of {@link altTiledDriverTable}. */
export interface AltTiledDriverOptions {
  /** Most pixels in the table (a seeded sample of the mapped pixels; settings.driverPixels). */
  pixels: number;
  /** The chain's seed (stream "driver-pixels", as in notebook 15). */
  seed: number;
  /** Years the annual predictors are averaged over (default: the source's). */
  years?: number[];
  /** Window side for reading the inputs (cells; default 256). */
  tileSize?: number;
}

/** The driver table of {@link altTiledDriverTable}. */
export interface AltTiledDriverTable {
  /** Sampled pixels × predictors (alphabetical, as the in-memory stack): temporal means of annual predictors, static ones as they are. */
  table: Matrix;
  /** The grid cells of the rows (row-major, ascending). */
  cells: Int32Array;
  /** The mapped mean ALT (cm) and OLS trend (cm/yr) at those pixels. */
  mappedMean: Float64Array;
  mappedTrend: Float64Array;
  /** Mapped pixels the sample is drawn from. */
  mappedPixels: number;
  /** Wall time, ms. */
  ms: number;
}

/**
 * Draw the driver table from tiled maps and the inputs, by window.
 *
 * @param source - the inputs (openAltInputs, or `inputs.source`)
 * @param maps - the COGs of altTiledMaps (`files.mean`, `files.trend`), on the source's grid
 * @param options - sample size, seed, years, window side
 * @returns the table, its cells, the mapped mean and trend there, the mapped pixel count, the time
 * @throws ArgumentError for an unknown option, a bad size, seed, year or window side, or maps on another grid
 * @throws DataError (from the readers) naming a file that cannot be read
 * @example
 * const inputs = await loadAltInputs(altSettings("quick"));
 * const run = await altTiledMaps(inputs.source, inputs.table, [{ ntrees: 5, seed: 1 }], { dir: "maps", workers: 0, onProgress: () => undefined });
 * const d = await altTiledDriverTable(inputs.source, run, { pixels: 100, seed: 1 });
 * d.table.nRows; // 100
 * const forest = trainForest(d.table, d.mappedMean, { ntrees: 20, seed: 1 }); // Fig 6's model of mean ALT
 */
export async function altTiledDriverTable(source: AltInputSource, maps: { files: { mean: string; trend: string } }, options: AltTiledDriverOptions): Promise<AltTiledDriverTable> {
  const fn = "altTiledDriverTable";
  const t0 = performance.now();
  checkOptions(fn, "options", options, ["pixels", "seed", "years", "tileSize"]);
  checkInteger(fn, "options.pixels", options.pixels, { min: 1 });
  checkInteger(fn, "options.seed", options.seed, { min: 0, max: Number.MAX_SAFE_INTEGER });
  const years = options.years ?? source.years;
  checkYears(fn, "options.years", years);
  const missing = years.find((y) => !source.years.includes(y));
  if (missing !== undefined) throw new ArgumentError({ fn, arg: "options.years", value: missing, expected: `years of the inputs (${source.years[0]}–${source.years[source.years.length - 1]})` }, "year not in the inputs");
  const tileSize = options.tileSize === undefined ? 256 : checkInteger(fn, "options.tileSize", options.tileSize, { min: 16 });
  const mean = await openRasterSource(maps.files.mean);
  const trend = await openRasterSource(maps.files.trend);
  for (const m of [mean, trend]) {
    if (m.grid.width !== source.grid.width || m.grid.height !== source.grid.height) throw new ArgumentError({ fn, arg: "maps", value: `${m.path}: ${m.grid.width} × ${m.grid.height}`, expected: `the inputs' ${source.grid.width} × ${source.grid.height} grid` }, "map on another grid");
  }
  const mappedPixels = await countFiniteCells(mean);
  const positions = sampleIndices(mappedPixels, options.pixels, options.seed, "driver-pixels");
  const cells = await finiteCellsAt(mean, positions);
  const groups = groupCellsByWindow(source.grid, cells, tileSize);
  const names = source.predictors.map((p) => p.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const p = names.length, n = cells.length;
  const data = new Float64Array(n * p);
  for (const g of groups) {
    for (let j = 0; j < p; j++) {
      const annual = source.predictors.find((q) => q.name === names[j])!.kind === "annual";
      const bandYears = annual ? years : [0];
      const sums = new Float64Array(g.positions.length);
      for (const y of bandYears) {
        const v = await source.readPredictor(names[j]!, y, g.window);
        for (let k = 0; k < g.positions.length; k++) sums[k]! += v[g.offsets[k]!]!;
      }
      for (let k = 0; k < g.positions.length; k++) data[g.positions[k]! * p + j] = sums[k]! / bandYears.length;
    }
  }
  const at = async (src: typeof mean) => Float64Array.from(await readAtCellGroups(groups, n, async (w) => (await src.readWindow(w, [0]))[0]!));
  return { table: { data, nRows: n, nCols: p, columns: names }, cells, mappedMean: await at(mean), mappedTrend: await at(trend), mappedPixels, ms: performance.now() - t0 };
}
