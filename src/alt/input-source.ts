/**
 * The one input interface of paper 1's chain (issue 15): an {@link AltInputSource} opened from an
 * `alt-inputs.json` manifest gives the chain's grid (the permafrost-extent mask's), years and
 * predictors, and reads any window of any predictor in any year on that grid, so the map side
 * can work by tiles in bounded memory. The demo world is one such source (it writes the same
 * manifest); real exports are another. Every raster is opened once (its header only); a raster
 * on another grid is resampled window by window (bilinear for continuous, nearest for
 * categorical, paper 1 §2.3) when its manifest entry allows it, and refused otherwise. What is
 * resampled is listed in `resampled`, never done silently.
 */
import * as path from "node:path";
import { DataError } from "../core/errors";
import { type Grid, gridDifferences } from "../raster/grid";
import { type CellWindow } from "../raster/geotiff-io";
import { type RasterSource, openRasterSource } from "../raster/mosaic";
import { resampleWindow, sourceWindowFor } from "../raster/resample-window";
import { type AltInputsManifest, type PredictorSpec, predictorFile, readAltInputsManifest } from "./manifest";

/** A predictor whose files are on another grid than the mask, and how it is brought onto it. */
export interface ResampledPredictor {
  /** Variable name. */
  name: string;
  /** "bilinear" (continuous) or "nearest" (categorical). */
  method: "bilinear" | "nearest";
  /** How its grid differs from the mask's (from gridDifferences), for the first file that differs. */
  differences: string[];
  /** That file. */
  file: string;
}

/** The chain's inputs, opened for reading by window. */
export interface AltInputSource {
  /** The validated manifest. */
  manifest: AltInputsManifest;
  /** The chain's grid: the mask's. */
  grid: Grid;
  /** The years. */
  years: number[];
  /** The predictors (annual, then static). */
  predictors: PredictorSpec[];
  /** Predictors resampled onto the mask's grid (empty when every file is on it). */
  resampled: ResampledPredictor[];
  /**
   * The mask in a window: 1 inside the permafrost domain, NaN outside.
   *
   * @param window - cells of the grid
   * @returns the window's values, row-major
   */
  readMask(window: CellWindow): Promise<Float32Array>;
  /**
   * A predictor in one year (ignored for static ones), in a window of the mask's grid.
   *
   * @param name - predictor name
   * @param year - year
   * @param window - cells of the grid
   * @returns the window's values, row-major (NaN = missing)
   */
  readPredictor(name: string, year: number, window: CellWindow): Promise<Float32Array>;
  /**
   * The fire year of each pixel in a window (paper 1 §2.5), from the manifest's `fire.file`:
   * the year it burned, NaN where it did not (0, NaN or nodata in the file).
   *
   * @param window - cells of the grid
   * @returns the window's fire years, row-major
   * @throws DataError when the manifest has no `fire` entry, or a value is not a whole year
   *   1850–2100 (naming the file, the cell's row and column, and the value)
   */
  readFireYear(window: CellWindow): Promise<Float32Array>;
}

/**
 * The window covering a whole grid.
 *
 * @param g - the grid
 * @returns columns 0 … width − 1, rows 0 … height − 1
 * @example
 * fullWindow(lonLatGrid([0, 0, 3, 2], 1)); // { col0: 0, row0: 0, col1: 3, row1: 2 }
 */
export function fullWindow(g: Grid): CellWindow {
  return { col0: 0, row0: 0, col1: g.width, row1: g.height };
}

async function openSingleBand(m: AltInputsManifest, key: string, file: string): Promise<RasterSource> {
  let src: RasterSource;
  try {
    src = await openRasterSource(file);
  } catch (e) {
    // the reader names the raster and what is wrong with it; add where the manifest names it
    if (e instanceof DataError) throw new DataError({ file: m.file, key }, e.message, { cause: e });
    throw e;
  }
  if (src.bandCount !== 1) throw new DataError({ file: m.file, key, value: `${src.bandCount} bands in ${path.relative(m.dir, file)}`, expected: "one band per file (one file per year for annual predictors)" }, "not a single-band raster");
  return src;
}

/**
 * How a raster named at `key` comes onto the mask's grid: null when it is on it, else `method`.
 *
 * @param m - the manifest
 * @param key - the manifest key naming the raster
 * @param file - the raster's path
 * @param src - the opened raster
 * @param grid - the mask's grid
 * @param method - the resampling its entry allows, or null when it refuses resampling
 * @returns null (on the grid) or the method
 * @throws DataError when its CRS differs, or its grid differs and `method` is null (resampling refused)
 */
function onMaskGrid(m: AltInputsManifest, key: string, file: string, src: RasterSource, grid: Grid, method: "bilinear" | "nearest" | null): "bilinear" | "nearest" | null {
  const diff = gridDifferences(src.grid, grid);
  if (diff.length === 0) return null;
  const where = { file: m.file, key, value: path.relative(m.dir, file), expected: `the mask's grid (${path.relative(m.dir, m.mask)})` };
  if (src.grid.crs !== grid.crs) throw new DataError(where, `is in ${src.grid.crs}, the mask in ${grid.crs}: reproject it first (e.g. gdalwarp -t_srs ${grid.crs})`);
  if (method === null) throw new DataError(where, `grid differs from the mask's (${diff.join("; ")}) and the entry says "resample": false`);
  return method;
}

/**
 * Open the inputs named by an `alt-inputs.json` manifest: validate it, open the mask and every
 * predictor file (headers only), and decide per file whether it is on the mask's grid, is
 * resampled, or is refused.
 *
 * @param manifestFile - path of the manifest
 * @returns the source
 * @throws DataError naming the manifest, key and file for anything readAltInputsManifest refuses,
 *   a raster that is not single-band, a grid in another CRS, or a grid that differs from the mask's
 *   where the entry says `"resample": false`
 */
export async function openAltInputs(manifestFile: string): Promise<AltInputSource> {
  const m = readAltInputsManifest(manifestFile);
  const mask = await openSingleBand(m, "mask.file", m.mask);
  const grid = mask.grid;
  const files = new Map<string, { src: RasterSource; method: "bilinear" | "nearest" | null }>();
  const resampled: ResampledPredictor[] = [];
  for (const p of m.predictors) {
    const years = p.kind === "annual" ? m.years : [0];
    for (const y of years) {
      const file = predictorFile(p, y);
      const src = await openSingleBand(m, p.key, file);
      const method = onMaskGrid(m, p.key, file, src, grid, p.resample ? (p.type === "categorical" ? "nearest" : "bilinear") : null);
      if (method !== null && !resampled.some((r) => r.name === p.name)) resampled.push({ name: p.name, method, differences: gridDifferences(src.grid, grid), file });
      files.set(`${p.name}|${y}`, { src, method });
    }
  }
  let fire: { src: RasterSource; method: "bilinear" | "nearest" | null } | null = null;
  if (m.fire !== null) {
    const src = await openSingleBand(m, "fire.file", m.fire.path);
    const method = onMaskGrid(m, "fire.file", m.fire.path, src, grid, m.fire.resample ? "nearest" : null);
    if (method !== null) resampled.push({ name: "fire", method, differences: gridDifferences(src.grid, grid), file: m.fire.path });
    fire = { src, method };
  }
  const byName = new Map(m.predictors.map((p) => [p.name, p]));
  const readOn = async (src: RasterSource, method: "bilinear" | "nearest" | null, window: CellWindow): Promise<Float32Array> => {
    if (method === null) return (await src.readWindow(window))[0]!;
    const sw = sourceWindowFor(src.grid, grid, window, method);
    const values = sw === null ? new Float32Array(0) : (await src.readWindow(sw))[0]!;
    return resampleWindow(src.grid, values, sw, grid, window, method);
  };
  return {
    manifest: m, grid, years: m.years, predictors: m.predictors, resampled,
    async readMask(window) {
      const v = (await mask.readWindow(window))[0]!;
      for (let i = 0; i < v.length; i++) if (!(v[i]! > 0)) v[i] = NaN; else v[i] = 1;
      return v;
    },
    async readPredictor(name, year, window) {
      const p = byName.get(name);
      if (p === undefined) throw new DataError({ file: m.file, key: "annual / static", value: name, expected: `one of ${m.predictors.map((q) => q.name).join(", ")}` }, "no such predictor in the manifest");
      const f = files.get(`${name}|${p.kind === "annual" ? year : 0}`);
      if (f === undefined) throw new DataError({ file: m.file, key: "years", value: year, expected: `a year ${m.years[0]}–${m.years[m.years.length - 1]}` }, `no ${name} file for this year`);
      return readOn(f.src, f.method, window);
    },
    async readFireYear(window) {
      if (fire === null || m.fire === null) throw new DataError({ file: m.file, key: "fire", expected: '{ "file": "<fire-year raster>" } (paper 1 §2.5: MODIS burned area)' }, "the manifest names no burned-area input: the fire analysis needs one");
      const v = await readOn(fire.src, fire.method, window);
      const w = window.col1 - window.col0;
      for (let i = 0; i < v.length; i++) {
        const f = v[i]!;
        if (Number.isNaN(f) || f === 0) {
          v[i] = NaN;
          continue;
        }
        if (!Number.isInteger(f) || f < 1850 || f > 2100) {
          throw new DataError({ file: m.fire.path, column: `grid row ${window.row0 + Math.floor(i / w)}, column ${window.col0 + (i % w)}`, value: f, expected: "the year the pixel burned (a whole year 1850–2100), or 0 / nodata for unburned" }, "not a fire year");
        }
      }
      return v;
    },
  };
}
