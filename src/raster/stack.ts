/**
 * A stack of predictor rasters on ONE grid (paper 1 §2.3): annual variables with one band per
 * year and static variables with one band. Adding a raster on another grid is an error naming
 * both files and every difference; resample it first (bilinear for continuous, nearest for
 * categorical variables).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ArgumentError, DataError } from "../core/errors";
import { checkOneOf } from "../core/checks";
import { type Grid, assertSameGrid } from "./grid";
import { readGeoTiff } from "./geotiff-io";
import { type Raster, checkRaster } from "./raster";

/** One variable of a stack. */
export interface StackLayer {
  /** Variable name. */
  name: string;
  /** Annual (bands named by year) or static (one band). */
  kind: "annual" | "static";
  /** The raster. */
  raster: Raster;
  /** Where it was read from (for messages). */
  source: string;
}

/** Predictor rasters on one grid. */
export class RasterStack {
  /** The shared grid (set by the first layer). */
  grid: Grid | null = null;
  /** Layers by name, in insertion order. */
  readonly layers = new Map<string, StackLayer>();
  private firstSource = "";

  /**
   * Add a layer.
   *
   * @param layer - the layer: a non-empty name, kind "annual" (bands named by 4-digit years) or "static" (one band), a valid raster and its source
   * @throws DataError when its grid differs from the stack's, a name repeats, or an annual layer has two bands of one year (naming both bands and the source)
   * @throws ArgumentError for a malformed layer (bad name or kind, invalid raster, a static layer with several bands, an annual band not named by a year)
   */
  add(layer: StackLayer): void {
    const fn = "RasterStack.add";
    if (layer === null || typeof layer !== "object") throw new ArgumentError({ fn, arg: "layer", value: layer, expected: "a layer {name, kind, raster, source}" }, "not a layer");
    if (typeof layer.name !== "string" || layer.name === "") throw new ArgumentError({ fn, arg: "layer.name", value: layer.name, expected: "a non-empty variable name" }, "bad name");
    if (typeof layer.source !== "string") throw new ArgumentError({ fn, arg: "layer.source", value: layer.source, expected: "a file name or label" }, "not a string");
    checkOneOf(fn, "layer.kind", layer.kind, ["annual", "static"] as const);
    checkRaster(fn, "layer.raster", layer.raster);
    if (layer.kind === "static" && layer.raster.bands.length !== 1) {
      throw new ArgumentError({ fn, arg: "layer.raster.bands", value: layer.raster.bands.length, expected: `1 band for the static variable "${layer.name}" (${layer.source})` }, "static layer with several bands");
    }
    if (layer.kind === "annual") {
      const k = layer.raster.bandNames.findIndex((b) => !/^\d{4}$/.test(b));
      if (k >= 0) throw new ArgumentError({ fn, arg: "layer.raster.bandNames", at: k, value: layer.raster.bandNames[k], expected: `a 4-digit year (annual variable "${layer.name}", ${layer.source})` }, "annual band not named by a year");
      const seen = new Map<string, number>();
      layer.raster.bandNames.forEach((y, j) => {
        const first = seen.get(y);
        if (first !== undefined) throw new DataError({ file: layer.source, column: `bands ${first + 1} and ${j + 1}`, value: y, expected: `one band per year (annual variable "${layer.name}")` }, `year ${y} appears twice`);
        seen.set(y, j);
      });
    }
    if (this.layers.has(layer.name)) throw new DataError({ file: layer.source }, `variable "${layer.name}" is already in the stack`);
    if (this.grid === null) {
      this.grid = layer.raster.grid;
      this.firstSource = layer.source;
    } else assertSameGrid(this.grid, layer.raster.grid, this.firstSource, layer.source);
    this.layers.set(layer.name, layer);
  }

  /** Variable names, in insertion order. */
  get names(): string[] {
    return [...this.layers.keys()];
  }

  /**
   * The band of `name` for `year` (static layers ignore the year).
   *
   * @param name - variable
   * @param year - year (annual layers)
   * @returns the band, or null when the annual layer has no band for that year
   * @throws ArgumentError when the variable is unknown (listing the stack's variables)
   */
  band(name: string, year: number): Float32Array | null {
    const l = this.layers.get(name);
    if (l === undefined) throw new ArgumentError({ fn: "RasterStack.band", arg: "name", value: name, expected: `one of ${this.names.join(", ")}` }, "no such variable in the stack");
    if (l.kind === "static") return l.raster.bands[0]!;
    const k = l.raster.bandNames.indexOf(String(year));
    return k < 0 ? null : l.raster.bands[k]!;
  }

  /**
   * Years available in every annual layer.
   *
   * @returns sorted years
   */
  years(): number[] {
    const annual = [...this.layers.values()].filter((l) => l.kind === "annual");
    if (annual.length === 0) return [];
    const common = annual[0]!.raster.bandNames.filter((y) => annual.every((l) => l.raster.bandNames.includes(y)));
    return common.map(Number).sort((a, b) => a - b);
  }
}

/**
 * Read every `*.tif` of a folder into a stack: a file whose band names are all years (4 digits)
 * is annual, a one-band file static. File `<name>.tif` becomes variable `<name>`.
 *
 * @param dir - folder of GeoTIFFs (e.g. the demo world's `predictors/`)
 * @param names - variables to read (default all files)
 * @returns the stack
 * @throws DataError for a missing folder or file, an empty folder, a truncated or corrupt file (naming it), an annual file with two bands of one year (naming the file and both bands), or a grid mismatch
 * @throws ArgumentError when `names` is not an array of non-empty strings
 */
export async function readStackDir(dir: string, names?: readonly string[]): Promise<RasterStack> {
  const fn = "readStackDir";
  checkDir(fn, dir);
  if (names !== undefined) {
    if (!Array.isArray(names)) throw new ArgumentError({ fn, arg: "names", value: names, expected: "an array of variable names" }, "not an array");
    for (let k = 0; k < names.length; k++) {
      const n: unknown = names[k];
      if (typeof n !== "string" || n === "") throw new ArgumentError({ fn, arg: "names", at: k, value: n, expected: "a non-empty variable name" }, "bad name");
    }
  }
  const files = names?.map((n) => `${n}.tif`) ?? fs.readdirSync(dir).filter((f) => f.endsWith(".tif")).sort();
  if (files.length === 0) throw new DataError({ file: dir }, "no .tif files in the folder");
  const stack = new RasterStack();
  for (const f of files) {
    const p = path.join(dir, f);
    if (!fs.existsSync(p)) throw new DataError({ file: p }, "missing predictor file");
    const raster = await readGeoTiff(p);
    const annual = raster.bandNames.every((b) => /^\d{4}$/.test(b));
    if (!annual && raster.bands.length !== 1) throw new DataError({ file: p }, `has ${raster.bands.length} bands whose names are not years (${raster.bandNames.slice(0, 3).join(", ")}…)`);
    stack.add({ name: f.replace(/\.tif$/, ""), kind: annual ? "annual" : "static", raster, source: p });
  }
  return stack;
}

/**
 * Read an annual product stored as one GeoTIFF per year, e.g. the published ALT maps of paper 1
 * (Zenodo 10.5281/zenodo.10070610), into one annual raster. The year is the first 4-digit
 * group (1900–2099) in each file name.
 *
 * Only the first band of each file is read. A global or sticky `pattern` is used without its
 * `g`/`y` flag (a stateful `test` would skip files).
 *
 * @param dir - folder of the yearly files
 * @param pattern - file filter (default /\.tif$/i)
 * @returns one raster with a band per year, named by year
 * @throws DataError when the folder is missing, no file matches, a name has no year, a year repeats, a file is truncated or corrupt, or grids differ
 * @throws ArgumentError when `pattern` is not a RegExp
 */
export async function readAnnualFiles(dir: string, pattern: RegExp = /\.tif$/i): Promise<Raster> {
  const fn = "readAnnualFiles";
  checkDir(fn, dir);
  if (!(pattern instanceof RegExp)) throw new ArgumentError({ fn, arg: "pattern", value: pattern, expected: "a RegExp such as /\\.tif$/i" }, "not a regular expression");
  const re = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ""));
  const files = fs.readdirSync(dir).filter((f) => re.test(f)).sort();
  if (files.length === 0) throw new DataError({ file: dir }, `no files match ${String(pattern)}`);
  const byYear = new Map<number, string>();
  for (const f of files) {
    const m = /(19|20)\d{2}/.exec(f);
    if (m === null) throw new DataError({ file: path.join(dir, f) }, "file name has no year");
    const y = Number(m[0]);
    if (byYear.has(y)) throw new DataError({ file: path.join(dir, f) }, `year ${y} also in ${byYear.get(y)}`);
    byYear.set(y, f);
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  let first: Raster | null = null;
  const bands: Float32Array[] = [];
  for (const y of years) {
    const p = path.join(dir, byYear.get(y)!);
    const r = await readGeoTiff(p, { bands: [0] });
    if (first === null) first = r;
    else assertSameGrid(first.grid, r.grid, path.join(dir, byYear.get(years[0]!)!), p);
    bands.push(r.bands[0]!);
  }
  return { grid: first!.grid, bands, bandNames: years.map(String), nodata: first!.nodata };
}


function checkDir(fn: string, dir: string): void {
  if (typeof dir !== "string" || dir === "") throw new ArgumentError({ fn, arg: "dir", value: dir, expected: "a folder path" }, "not a folder path");
  if (!fs.existsSync(dir)) throw new DataError({ file: dir }, "cannot read: no such folder");
  if (!fs.statSync(dir).isDirectory()) throw new DataError({ file: dir }, "is not a folder");
}
