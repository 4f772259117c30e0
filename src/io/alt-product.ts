/**
 * A reader for paper 1's published ALT product (Liu et al. 2024 ERL §2.4: annual 1 km ALT maps
 * of the northern permafrost region, 2003–2020; Zenodo doi:10.5281/zenodo.10070610), as
 * downloaded (issue 16). The record's exact layout cannot be checked from here, so the plausible
 * variants are read, and every problem is refused naming the file (and, for a year problem, the
 * files and years) instead of being guessed.
 *
 * How to choose (`path` decides the layout):
 * - **per-year files**: `path` is a folder. Every file whose name matches `glob` (default
 *   `"*.tif"`) is one year; `yearPattern` (default `"(\\d{4})"`, first match in the name) gives the
 *   year. A Google Earth Engine tile set `<stem>-<10 digits>-<10 digits>.tif` counts as one file
 *   `<stem>.tif` (the glob and the year pattern see `<stem>.tif`) and is read as one mosaic
 *   (`openRasterSource`). Names like `ALT_1km_2003.tif`, `NPR_ALT_2003.tif`,
 *   `alt_2003-0000000000-0000023296.tif` work with the defaults; when another 4-digit number comes
 *   first in the name (a version, a DOI), give a tighter pattern, e.g. `"_(\\d{4})\\.tif$"`.
 * - **multi-band file**: `path` is one GeoTIFF (or the `x.tif` of a GEE tile set), one band per
 *   year. Band names (GDAL descriptions) holding one 4-digit year each (`"2003"`, `"ALT_2003"`)
 *   give the years; otherwise give `firstYear` (band k is firstYear + k − 1).
 *
 * Storage: integer or float samples; value = stored × scale + offset, with scale and offset from
 * the options, else from the file's GDAL metadata (`gdal_translate -a_scale/-a_offset`), else 1
 * and 0; a stored value equal to `nodata` (default: the file's GDAL_NODATA tag) or NaN is missing
 * (NaN). The file's own GDAL_NODATA value always reads as missing too (the GeoTIFF reader drops it
 * before scaling, on the stored value). `units: "m"` multiplies by 100: the result is always cm.
 * Every value read is checked: ±Infinity after scaling and ALT outside 0–2000 cm are refused naming
 * the file, year, row, column and value.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ArgumentError, DataError } from "../core/errors";
import { checkInteger, checkNumber, checkOneOf, checkOptions } from "../core/checks";
import { type Grid, gridDifferences } from "../raster/grid";
import { type RasterSource, openRasterSource } from "../raster/mosaic";
import { readGeoTiffStorage } from "../raster/geotiff-io";

/** Options of openAltProduct: where the product is and how its values are stored. */
export interface AltProductOptions {
  /** Folder of the product (per-year files or GEE tile sets), or the one multi-band file. */
  path: string;
  /** Per-year layout: file-name glob relative to `path` (default "*.tif"); only `*` and `?` wildcards. GEE tile sets `<stem>-<10 digits>-<10 digits>.tif` count as one file `<stem>.tif`. */
  glob?: string;
  /** Per-year layout: a regular expression with one capture group giving the 4-digit year from the file name (default "(\\d{4})"; a file matching the glob but not the pattern is an error naming it). */
  yearPattern?: string;
  /** Multi-band layout: the year of band 1 when band names are not years (band k is firstYear + k − 1). */
  firstYear?: number;
  /** value = stored × scale + offset (default: the file's GDAL scale/offset metadata if present, else 1 and 0). */
  scale?: number;
  /** See `scale` (same units as the scaled value: cm, or m with `units: "m"`). */
  offset?: number;
  /** Stored value meaning "no data" (default: the file's GDAL_NODATA tag). Compared before scaling. */
  nodata?: number;
  /** Units of the scaled values: "cm" (default) or "m" (then multiplied by 100 so the result is in cm). */
  units?: "cm" | "m";
}

/** The product, open for reading by row blocks. */
export interface AltProduct {
  /** "per-year files" or "multi-band file". */
  layout: "per-year files" | "multi-band file";
  /** The folder or file it was opened from (absolute). */
  path: string;
  /** The grid (all years must share it exactly: a file on another grid is refused, naming both files). */
  grid: Grid;
  /** The years, ascending, consecutive (a missing year or a repeated year is an error naming the files). */
  years: number[];
  /** Per year, the file (or GEE tile-set stem) it is read from; for multi-band, the same file repeated. */
  files: string[];
  /** The storage actually applied: scale, offset, nodata (NaN when none), units. */
  storage: { scale: number; offset: number; nodata: number; units: "cm" | "m" };
  /** Rows row0 … row1 − 1 of every year: one Float32Array per year (width × rows, row-major), in cm, nodata and NaN → NaN. */
  readRows(row0: number, row1: number): Promise<Float32Array[]>;
}

/**
 * The ALT values (cm, after scaling) {@link openAltProduct}'s `readRows` accepts: outside this
 * range a value is impossible (as in the site-year loaders' plausibility table; paper 1 §2.2 keeps
 * 27–660 cm of the site data, and the maps of §3.1 lie well inside 0–2000 cm).
 *
 * @example
 * ALT_PRODUCT_RANGE_CM; // [0, 2000]
 */
export const ALT_PRODUCT_RANGE_CM: readonly [number, number] = [0, 2000];

const FN = "openAltProduct";
const OPTION_NAMES = ["path", "glob", "yearPattern", "firstYear", "scale", "offset", "nodata", "units"] as const;
/** `<stem>-<10 digits>-<10 digits>.tif`: one tile of a GEE export. */
const GEE_TILE = /^(.*)-\d{10}-\d{10}\.tif$/;
/** A band name that holds one year: optional non-digits, 4 digits, optional non-digits. */
const BAND_YEAR = /^\D*(\d{4})\D*$/;
/** Years outside this range are not a year of the record (a version or DOI digit run, most likely). */
const YEAR_RANGE: readonly [number, number] = [1900, 2100];

/**
 * A file-name glob as an anchored regular expression: `*` any run of characters, `?` one
 * character, everything else literal.
 *
 * @param glob - the glob (checked by the caller)
 * @returns the expression
 */
function globToRegExp(glob: string): RegExp {
  const body = [...glob].map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("");
  return new RegExp(`^${body}$`);
}

/** One year's source as found on disk. */
interface YearFile {
  year: number;
  /** The file, or the `<stem>.tif` of a GEE tile set (absolute). */
  file: string;
}

/**
 * The per-year files of a folder: names matching the glob (GEE tiles folded into their stem), each
 * with its year; refused when none match, a name has no year, a year repeats or a year is missing.
 *
 * @param dir - the folder (absolute)
 * @param glob - the glob
 * @param yearPattern - the year expression (one capture group)
 * @returns the files, by ascending year
 */
function listYearFiles(dir: string, glob: string, yearPattern: RegExp): YearFile[] {
  const match = globToRegExp(glob);
  const plain = new Set<string>();
  const tiled = new Map<string, string[]>(); // stem name → tile names
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!e.isFile() || e.name.startsWith(".")) continue;
    const t = GEE_TILE.exec(e.name);
    if (t !== null) {
      const stem = `${t[1]!}.tif`;
      tiled.set(stem, [...(tiled.get(stem) ?? []), e.name]);
    } else {
      plain.add(e.name);
    }
  }
  for (const [stem, tiles] of tiled) {
    if (plain.has(stem) && match.test(stem)) {
      throw new DataError({ file: path.join(dir, stem), value: `${stem} and ${tiles.length} tiles (${tiles[0]!}, …)`, expected: "either one file or one Earth Engine tile set per name" }, "ambiguous: both the file and an Earth Engine tile set of the same name exist");
    }
  }
  const names = [...new Set([...plain, ...tiled.keys()])].filter((n) => match.test(n)).sort();
  if (names.length === 0) {
    const all = [...new Set([...plain, ...tiled.keys()])].sort();
    const held = all.length === 0 ? "the folder holds no files" : `the folder holds ${all.slice(0, 8).join(", ")}${all.length > 8 ? `, … (${all.length} files)` : ""}`;
    throw new DataError({ file: dir, expected: `at least one file matching it (case-sensitive; GEE tiles <stem>-<10 digits>-<10 digits>.tif count as <stem>.tif; hidden files are ignored); ${held}` }, `no file of the ALT product matches the glob ${JSON.stringify(glob)}`);
  }
  const byYear = new Map<number, string[]>();
  for (const n of names) {
    const file = path.join(dir, n);
    const m = yearPattern.exec(n);
    if (m === null || m[1] === undefined) {
      throw new DataError({ file, column: "file name", value: n, expected: `a year matched by the yearPattern ${JSON.stringify(yearPattern.source)} (set yearPattern, or a glob that leaves this file out)` }, "file of the ALT product without a year");
    }
    const year = /^\d{4}$/.test(m[1]) ? Number(m[1]) : NaN;
    if (!(year >= YEAR_RANGE[0] && year <= YEAR_RANGE[1])) {
      throw new DataError({ file, column: "file name", value: m[1], expected: `a 4-digit year ${YEAR_RANGE[0]}–${YEAR_RANGE[1]} captured by the yearPattern ${JSON.stringify(yearPattern.source)} (give a tighter pattern, e.g. "_(\\\\d{4})\\\\.tif$")` }, "the year pattern does not capture a year");
    }
    byYear.set(year, [...(byYear.get(year) ?? []), file]);
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  for (const y of years) {
    const fs2 = byYear.get(y)!;
    if (fs2.length > 1) throw new DataError({ file: fs2[0]!, value: y, expected: "one file per year (narrow the glob or the yearPattern)" }, `two files for year ${y}: ${fs2.join(" and ")}`);
  }
  for (let k = 1; k < years.length; k++) {
    const [a, b] = [years[k - 1]!, years[k]!];
    if (b !== a + 1) {
      throw new DataError({ file: dir, value: `${a + 1}${b - a > 2 ? `–${b - 1}` : ""} missing`, expected: "consecutive years" }, `gap in the years of the ALT product: year ${b} (${byYear.get(b)![0]!}) follows year ${a} (${byYear.get(a)![0]!})`);
    }
  }
  return years.map((year) => ({ year, file: byYear.get(year)![0]! }));
}

/**
 * The years of a multi-band file: from band names holding one year each, else from firstYear.
 *
 * @param file - the file
 * @param names - the band names
 * @param firstYear - the year of band 1 (or undefined)
 * @returns the years, one per band, consecutive
 */
function bandYears(file: string, names: readonly string[], firstYear: number | undefined): number[] {
  const parsed = names.map((n) => BAND_YEAR.exec(n.trim()));
  const named = parsed.every((m) => m !== null);
  if (!named) {
    if (firstYear === undefined) {
      const k = parsed.findIndex((m) => m === null);
      throw new DataError({ file, column: `band ${k + 1} name`, value: names[k], expected: "band names holding one year each (\"2003\", \"ALT_2003\"), or the option firstYear (band k is firstYear + k − 1)" }, "band names of the multi-band ALT product are not years and no firstYear was given");
    }
    return names.map((_, k) => firstYear + k);
  }
  const years = parsed.map((m) => Number(m?.[1]));
  years.forEach((y, k) => {
    if (k > 0 && y !== years[k - 1]! + 1) {
      throw new DataError({ file, column: `band ${k + 1} name`, value: names[k], expected: `year ${years[k - 1]! + 1}: consecutive years after band ${k} (${names[k - 1]!})` }, y === years[k - 1] ? `two bands for year ${y}` : "band years are not consecutive");
    }
    if (firstYear !== undefined && y !== firstYear + k) {
      throw new DataError({ file, column: `band ${k + 1} name`, value: names[k], expected: `year ${firstYear + k} from firstYear ${firstYear}` }, "the band names and the option firstYear disagree");
    }
  });
  return years;
}

/** The storage options as checked (undefined: take the file's). */
interface StorageOptions {
  scale: number | undefined;
  offset: number | undefined;
  nodata: number | undefined;
  units: "cm" | "m";
}

/**
 * The storage actually applied: the options, else the files' GDAL metadata; the files (every
 * tile, every band read) must agree on what the options leave open.
 *
 * @param sources - per year, its source
 * @param bandOf - per year, the 0-based band it is read from
 * @param opts - the checked options
 * @returns scale, offset, nodata (NaN: none), units
 */
async function resolveStorage(sources: readonly RasterSource[], bandOf: readonly number[], opts: StorageOptions): Promise<AltProduct["storage"]> {
  let ref: { file: string; band: number; scale: number | null; offset: number | null; nodata: number | null } | undefined;
  const seen = new Set<RasterSource>();
  for (let k = 0; k < sources.length; k++) {
    const src = sources[k]!;
    if (seen.has(src)) continue; // multi-band: one source, every band checked below
    seen.add(src);
    const bands = bandOf.filter((_, j) => sources[j] === src); // the bands read from this source
    for (const file of src.files) {
      const st = await readGeoTiffStorage(file);
      for (const b of bands) {
        const here = { file, band: b, scale: st.bands[b]!.scale, offset: st.bands[b]!.offset, nodata: st.nodata };
        if (ref === undefined) {
          ref = here;
          continue;
        }
        const where = `band ${b + 1} of ${file}`;
        const other = `band ${ref.band + 1} of ${ref.file}`;
        const same = (a: number | null, c: number | null): boolean => a === c || (a !== null && c !== null && Number.isNaN(a) && Number.isNaN(c));
        if (opts.scale === undefined && !same(here.scale, ref.scale)) throw new DataError({ file, column: `GDAL scale of band ${b + 1}`, value: here.scale ?? "none", expected: `${ref.scale ?? "none"}, as ${other} (or give the option scale)` }, `the files of the ALT product differ in scale: ${where}`);
        if (opts.offset === undefined && !same(here.offset, ref.offset)) throw new DataError({ file, column: `GDAL offset of band ${b + 1}`, value: here.offset ?? "none", expected: `${ref.offset ?? "none"}, as ${other} (or give the option offset)` }, `the files of the ALT product differ in offset: ${where}`);
        if (opts.nodata === undefined && !same(here.nodata, ref.nodata)) throw new DataError({ file, column: "GDAL_NODATA", value: here.nodata ?? "none", expected: `${ref.nodata ?? "none"}, as ${ref.file} (or give the option nodata)` }, "the files of the ALT product differ in nodata");
      }
    }
  }
  const r = ref!;
  const scale = opts.scale ?? r.scale ?? 1;
  if (scale === 0) throw new DataError({ file: r.file, column: `GDAL scale of band ${r.band + 1}`, value: 0, expected: "a non-zero scale (or give the option scale)" }, "scale 0 would make every value equal");
  return { scale, offset: opts.offset ?? r.offset ?? 0, nodata: opts.nodata ?? r.nodata ?? NaN, units: opts.units };
}

/**
 * Open paper 1's published ALT product (Liu et al. 2024 ERL §2.4, annual 1 km maps 2003–2020,
 * Zenodo doi:10.5281/zenodo.10070610) for reading by row blocks, in cm. The layout follows from
 * `path`: a folder is read as **per-year files** (`glob`, `yearPattern`; a GEE tile set
 * `<stem>-<10 digits>-<10 digits>.tif` is one file `<stem>.tif`, read as one mosaic); a file (or
 * the `x.tif` of a GEE tile set) as one **multi-band file** (band names that are years, or
 * `firstYear`). Only headers are read here; `readRows` reads each year by window.
 *
 * Values: cm = (stored × scale + offset) × (100 when `units` is "m", else 1); a stored value equal
 * to `nodata` or to the file's GDAL_NODATA, or NaN, reads as NaN. Scale, offset and nodata default
 * to the files' GDAL metadata (which must then agree across files, tiles and bands), else 1, 0 and
 * none. `readRows` refuses a value that is ±Infinity after scaling or outside 0–2000 cm
 * ({@link ALT_PRODUCT_RANGE_CM}), naming the file (the tile, for a tile set), year, row, column and value.
 *
 * @param options - `path` and the optional `glob`, `yearPattern` (per-year files), `firstYear` (multi-band file), `scale`, `offset`, `nodata`, `units`
 * @returns the product: layout, absolute path, grid, years, per-year files, the storage applied, `readRows(row0, row1)`
 * @throws ArgumentError for an unknown option, an option of the other layout (`firstYear` with a folder, `glob`/`yearPattern` with a file), a path that is not a non-empty string, a glob with a path separator or a wildcard other than `*` and `?`, a yearPattern that is not a regular expression with exactly one capture group, a scale that is 0 or not finite, a non-finite offset or nodata, a firstYear that is not an integer, units other than "cm"/"m"
 * @throws DataError naming the file(s): no file matching the glob; a matched file without a year (or whose captured text is not a year 1900–2100); two files for one year; a gap in the years; a file on another grid (naming both files and every difference); a per-year file with more than one band; a multi-band file whose band names are not years and no firstYear, or whose band years are not consecutive or disagree with firstYear; files that differ in GDAL scale, offset or nodata; a GDAL scale of 0; a folder holding both `x.tif` and a tile set `x-…-….tif`; a truncated or corrupt file (the GeoTIFF reader's message, naming it)
 * @example
 * const g = lonLatGrid([0, 0, 2, 1], 1);
 * writeGeoTiff("product/alt_2003.tif", makeRaster(g, [new Float32Array([0.5, NaN])], ["alt"]));
 * writeGeoTiff("product/alt_2004.tif", makeRaster(g, [new Float32Array([0.625, 1.25])], ["alt"]));
 * const p = await openAltProduct({ path: "product", units: "m" });
 * p.years; // [2003, 2004]
 * p.storage; // { scale: 1, offset: 0, nodata: -9999, units: 'm' }
 * (await p.readRows(0, 1))[1]; // Float32Array [62.5, 125]
 */
export async function openAltProduct(options: AltProductOptions): Promise<AltProduct> {
  if (options === null || typeof options !== "object") throw new ArgumentError({ fn: FN, arg: "options", value: options, expected: "an options object with at least `path`" }, "not an object");
  checkOptions(FN, "options", options, OPTION_NAMES);
  const o = options as Partial<AltProductOptions>;
  if (typeof o.path !== "string" || o.path === "") throw new ArgumentError({ fn: FN, arg: "options.path", value: o.path, expected: "the product's folder, or its multi-band file" }, "not a path");
  const abs = path.resolve(o.path);
  const isDir = fs.existsSync(abs) && fs.statSync(abs).isDirectory();
  const storageOpts: StorageOptions = {
    scale: o.scale === undefined ? undefined : checkNumber(FN, "options.scale", o.scale),
    offset: o.offset === undefined ? undefined : checkNumber(FN, "options.offset", o.offset),
    nodata: o.nodata === undefined ? undefined : checkNumber(FN, "options.nodata", o.nodata),
    units: o.units === undefined ? "cm" : checkOneOf(FN, "options.units", o.units, ["cm", "m"] as const),
  };
  if (storageOpts.scale === 0) throw new ArgumentError({ fn: FN, arg: "options.scale", value: 0, expected: "a finite, non-zero number" }, "scale 0 would make every value equal");
  let layout: AltProduct["layout"];
  let years: number[];
  let sources: RasterSource[];
  let bandOf: number[];
  if (isDir) {
    if (o.firstYear !== undefined) throw new ArgumentError({ fn: FN, arg: "options.firstYear", value: o.firstYear, expected: "no firstYear: it is for a multi-band file, and the path is a folder (per-year files, years from the file names)" }, "option of the other layout");
    const glob = o.glob ?? "*.tif";
    if (typeof glob !== "string" || glob === "" || /[/\\[\]{}]/.test(glob)) throw new ArgumentError({ fn: FN, arg: "options.glob", value: glob, expected: "a file-name glob with only * and ? wildcards and no path separator (e.g. \"ALT_*.tif\")" }, "not a supported glob");
    const patternText = o.yearPattern ?? "(\\d{4})";
    let yearPattern: RegExp;
    try {
      if (typeof patternText !== "string") throw new TypeError("not a string");
      yearPattern = new RegExp(patternText);
    } catch (e) {
      throw new ArgumentError({ fn: FN, arg: "options.yearPattern", value: patternText, expected: `a regular expression with one capture group (${e instanceof Error ? e.message : String(e)})` }, "not a regular expression");
    }
    const groups = new RegExp(`${patternText}|`).exec("")!.length - 1;
    if (groups !== 1) throw new ArgumentError({ fn: FN, arg: "options.yearPattern", value: patternText, expected: "exactly one capture group around the 4-digit year (use (?:…) for other groups)" }, `${groups} capture groups`);
    const found = listYearFiles(abs, glob, yearPattern);
    layout = "per-year files";
    years = found.map((f) => f.year);
    sources = [];
    for (const f of found) {
      const src = await openRasterSource(f.file);
      if (src.bandCount !== 1) throw new DataError({ file: f.file, value: `${src.bandCount} bands`, expected: "1 band: one year per file (a file with one band per year is the multi-band layout: open it by its path)" }, "per-year file of the ALT product with several bands");
      const first = sources[0];
      if (first !== undefined) {
        const diff = gridDifferences(first.grid, src.grid);
        if (diff.length > 0) throw new DataError({ file: f.file, value: diff.join("; "), expected: `the grid of ${found[0]!.file} (year ${found[0]!.year})` }, `year ${f.year} is on another grid than ${found[0]!.file}`);
      }
      sources.push(src);
    }
    bandOf = years.map(() => 0);
  } else {
    for (const k of ["glob", "yearPattern"] as const) {
      if (o[k] !== undefined) throw new ArgumentError({ fn: FN, arg: `options.${k}`, value: o[k], expected: `no ${k}: it is for a folder of per-year files, and the path is one file (multi-band: years from the band names or firstYear)` }, "option of the other layout");
    }
    const firstYear = o.firstYear === undefined ? undefined : checkInteger(FN, "options.firstYear", o.firstYear, { min: YEAR_RANGE[0], max: YEAR_RANGE[1] });
    const src = await openRasterSource(abs);
    layout = "multi-band file";
    years = bandYears(abs, src.bandNames, firstYear);
    sources = years.map(() => src);
    bandOf = years.map((_, k) => k);
  }
  const storage = await resolveStorage(sources, bandOf, storageOpts);
  const grid = sources[0]!.grid;
  const files = years.map((_, k) => sources[k]!.path);
  const readRows = async (row0: number, row1: number): Promise<Float32Array[]> => {
    const fnr = "AltProduct.readRows";
    checkInteger(fnr, "row0", row0, { min: 0 });
    checkInteger(fnr, "row1", row1, { min: 1, max: grid.height });
    if (row1 <= row0) throw new ArgumentError({ fn: fnr, arg: "row1", value: row1, expected: `more than row0 (${row0})` }, "empty row range");
    const window = { col0: 0, row0, col1: grid.width, row1 };
    const stored = layout === "multi-band file" ? await sources[0]!.readWindow(window, bandOf) : await Promise.all(sources.map((s) => s.readWindow(window, [0]).then((b) => b[0]!)));
    return stored.map((band, k) => toCm(band, storage, sources[k]!, bandOf[k]!, years[k]!, row0));
  };
  return { layout, path: abs, grid, years, files, storage, readRows };
}

/**
 * Stored values of one year's row block → cm, checked (±Infinity and ALT outside 0–2000 cm refused).
 *
 * @param band - stored values (the reader's nodata already NaN)
 * @param storage - scale, offset, nodata, units
 * @param src - the source (for the file naming a bad value)
 * @param bandIndex - the 0-based band of `src` the values come from
 * @param year - the year
 * @param row0 - the block's first row in the full image
 * @returns the values in cm
 */
function toCm(band: Float32Array, storage: AltProduct["storage"], src: RasterSource, bandIndex: number, year: number, row0: number): Float32Array {
  const { scale, offset, nodata, units } = storage;
  const nodataF = Math.fround(nodata);
  const factor = units === "m" ? 100 : 1;
  const width = src.grid.width;
  const out = new Float32Array(band.length);
  for (let i = 0; i < band.length; i++) {
    const v = band[i]!;
    if (Number.isNaN(v) || v === nodata || v === nodataF) {
      out[i] = NaN;
      continue;
    }
    const cm = (v * scale + offset) * factor;
    if (!(cm >= ALT_PRODUCT_RANGE_CM[0] && cm <= ALT_PRODUCT_RANGE_CM[1])) {
      const row = row0 + Math.floor(i / width);
      const col = i % width;
      const tile = src.tiles.find((t) => row >= t.row0 && row < t.row0 + t.height && col >= t.col0 && col < t.col0 + t.width) ?? src.tiles[0]!;
      const where = `year ${year}${src.bandCount > 1 ? ` (band ${bandIndex + 1})` : ""}, row ${row}, column ${col}`;
      throw new DataError({ file: tile.file, column: where, value: `${cm} cm (stored ${v} × scale ${scale} + offset ${offset}${factor === 100 ? ", in m × 100" : ""})`, expected: Number.isFinite(cm) ? `ALT ${ALT_PRODUCT_RANGE_CM[0]}–${ALT_PRODUCT_RANGE_CM[1]} cm (check scale, offset, units and nodata)` : "a finite value after scaling (check scale and nodata)" }, Number.isFinite(cm) ? "implausible ALT in the product" : "infinite ALT after scaling");
    }
    out[i] = cm;
  }
  return out;
}
