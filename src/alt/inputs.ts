/**
 * The inputs of the paper-1 chain, loaded the same way by notebooks 12–16, from one
 * `alt-inputs.json` manifest (src/alt/manifest.ts): the one named by the environment variable
 * `PERMAFROST_ALT_INPUTS` (a researcher's own data), else the demo world's (SYNTHETIC, generated
 * for the profile and seed). From it: the predictor stack on the mask's grid (predictors in
 * alphabetical order of their names, whatever the manifest's key order), the domain cells, the
 * site-years of every listed file pooled and QC'd (§2.2) and the training table. Notebook 11
 * walks through each step; this is its short form.
 *
 * This loads every predictor of every year into memory: right for the demo world's quick and full
 * profiles and regional inputs; the 1 km map side reads by window through `inputs.source` instead.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type DemoWorldOnDisk, ensureDemoWorld } from "../data/demo-world/files";
import { type QcResult, qcSiteYears } from "../data/site-years/qc";
import { type TrainingTable, matchSiteYears } from "../data/site-years/match";
import { type SiteYearTable, readSiteYears } from "../io/site-years";
import { readCalmWide } from "../io/calm-wide";
import { poolSiteYears } from "../io/site-year-pool";
import { type Grid } from "../raster/grid";
import { RasterStack } from "../raster/stack";
import { makeRaster } from "../raster/raster";
import { openRasterSource } from "../raster/mosaic";
import { type AltSettings } from "./settings";
import { ArgumentError, DataError } from "../core/errors";
import { checkAltSettings } from "./checks";
import { type AltInputsManifest, rasterFilesOf } from "./manifest";
import { type AltInputSource, fullWindow, openAltInputs } from "./input-source";

/** The environment variable that points the notebooks at a manifest of real inputs. */
export const ALT_INPUTS_ENV = "PERMAFROST_ALT_INPUTS";

/** The environment variable that sets the memory the in-memory chain may use, in GB (default: half the machine's). */
export const ALT_MEMORY_ENV = "PERMAFROST_MEMORY_GB";

/**
 * Bytes the in-memory chain would hold for some inputs: the predictor stack (Float32, every
 * predictor of every year on the whole grid) and the pixel matrix notebooks 13–16 build from it
 * (Float64, pixel-years × predictors, with every grid cell counted as a domain pixel: an upper
 * bound). The 1 km NPR needs terabytes: it must go the tiled way (altTiledMaps and the functions
 * that read its maps by window).
 *
 * @param source - the opened inputs (grid, years, predictors)
 * @returns bytes
 * @example
 * const s = await openAltInputs(path.join(ensureDemoWorld("quick").dir, "alt-inputs.json"));
 * altInMemoryBytes(s) < 100e6; // true (the quick world: about 40 MB)
 */
export function altInMemoryBytes(source: Pick<AltInputSource, "grid" | "years" | "predictors">): number {
  const cells = source.grid.width * source.grid.height;
  const bands = source.predictors.reduce((n, p) => n + (p.kind === "annual" ? source.years.length : 1), 0);
  return cells * bands * 4 + cells * source.years.length * source.predictors.length * 8;
}

function memoryBudgetBytes(): number {
  const v = process.env[ALT_MEMORY_ENV];
  if (v === undefined || v === "") return os.totalmem() / 2;
  const gb = Number(v);
  if (!(gb > 0)) throw new ArgumentError({ fn: "loadAltInputs", arg: `$${ALT_MEMORY_ENV}`, value: v, expected: "a positive number of GB" }, "bad memory budget");
  return gb * 2 ** 30;
}

/** Everything the chain starts from. */
export interface AltInputs {
  /** The manifest the inputs come from. */
  manifest: AltInputsManifest;
  /** The same inputs, open for reading by window (the bounded-memory map side). */
  source: AltInputSource;
  /** "SYNTHETIC demo world …" or "REAL inputs …, manifest …": for banners and figure titles. */
  label: string;
  /** The demo world on disk, or null for a manifest of real inputs. */
  world: DemoWorldOnDisk | null;
  /** Predictor stack (every predictor, every year, in memory). */
  stack: RasterStack;
  /** Its grid (the mask's). */
  grid: Grid;
  /** Years with annual predictors (2003–2020). */
  years: number[];
  /** Domain cells (row-major indices) where every predictor is finite in every year. */
  cells: Int32Array;
  /** Domain cells left out because some predictor is missing (NaN) in some year (counted, not in `cells`). */
  droppedCells: number;
  /** Site-years as read (pooled over the manifest's files). */
  sites: SiteYearTable;
  /** QC result (kept rows and the exclusion ledger). */
  qc: QcResult;
  /** Training table of the kept, matched site-years. */
  table: TrainingTable;
}

/**
 * The manifest the chain reads: `options.manifest`, else `$PERMAFROST_ALT_INPUTS`, else the demo
 * world's for the settings' profile and seed (generated when missing).
 *
 * @param settings - chain settings (profile and seed)
 * @param options - `manifest`: an explicit path
 * @returns the manifest path and the demo world (null when the manifest is not the demo world's)
 * @throws ArgumentError for bad settings or options
 */
export function resolveAltInputs(settings: AltSettings, options: { manifest?: string } = {}): { manifest: string; world: DemoWorldOnDisk | null } {
  checkAltSettings("resolveAltInputs", "settings", settings);
  if (options === null || typeof options !== "object") throw new ArgumentError({ fn: "resolveAltInputs", arg: "options", value: options, expected: "{ manifest?: string }" }, "not an object");
  for (const k of Object.keys(options)) if (k !== "manifest") throw new ArgumentError({ fn: "resolveAltInputs", arg: `options.${k}`, value: (options as Record<string, unknown>)[k], expected: "only manifest" }, "unknown option");
  const explicit = options.manifest ?? process.env[ALT_INPUTS_ENV];
  if (explicit !== undefined && explicit !== "") return { manifest: path.resolve(explicit), world: null };
  const world = ensureDemoWorld(settings.profile, { seed: settings.seed });
  return { manifest: path.join(world.dir, "alt-inputs.json"), world };
}

/**
 * The site-years of every file a manifest lists, read in its layout and pooled in manifest order
 * (paper 1 §2.2: CALM, GTN-P and the other networks), as loadAltInputs reads them; QC is not applied.
 *
 * @param m - the validated manifest (e.g. `source.manifest` of openAltInputs)
 * @returns the pooled site-year table (one file's table as it is)
 * @throws DataError (from the readers) naming a file that is missing, unreadable or malformed
 * @example
 * const m = readAltInputsManifest(path.join(ensureDemoWorld("quick").dir, "alt-inputs.json"));
 * readAltSiteYears(m).site.length > 1000; // true
 */
export function readAltSiteYears(m: AltInputsManifest): SiteYearTable {
  const tables = m.siteYears.map((s) => (s.format === "calm-wide" ? readCalmWide(s.file, s.source) : readSiteYears(s.file)));
  return tables.length === 1 ? tables[0]! : poolSiteYears(tables);
}

/**
 * Load the chain's inputs (see the module comment for where they come from), QC the site-years
 * and build the training table. Skips and counts: a domain cell where some predictor is missing
 * in some year is left out of `cells` and counted in `droppedCells`; excluded site-years are
 * listed with their reason in `qc` and `table.unmatched`.
 *
 * @param settings - chain settings (profile and seed)
 * @param options - `manifest`: read this manifest instead of `$PERMAFROST_ALT_INPUTS` or the demo world's
 * @returns the inputs
 * @throws ArgumentError for settings that are not complete, valid {@link AltSettings}
 * @throws DataError (from the manifest and the readers) naming the manifest key and file for a
 *   missing, unreadable, implausible or mismatched input, or inputs too large for memory: when
 *   {@link altInMemoryBytes} exceeds `$PERMAFROST_MEMORY_GB` (default half the machine's memory),
 *   naming the grid and the estimate, before anything is read
 */
export async function loadAltInputs(settings: AltSettings, options: { manifest?: string } = {}): Promise<AltInputs> {
  checkAltSettings("loadAltInputs", "settings", settings);
  const { manifest: file, world } = resolveAltInputs(settings, options);
  const source = await openAltInputs(file);
  const m = source.manifest;
  const grid = source.grid;
  const need = altInMemoryBytes(source), budget = memoryBudgetBytes();
  if (need > budget) {
    const gb = (b: number) => `${(b / 2 ** 30).toFixed(b < 2 ** 30 ? 3 : 1)} GB`;
    throw new DataError({ file: m.file, key: "mask.file", value: `${grid.width} × ${grid.height} cells, ${source.predictors.length} predictors, ${source.years.length} years`, expected: `inputs whose in-memory chain fits in ${gb(budget)} ($${ALT_MEMORY_ENV})` },
      `too large for the in-memory chain (about ${gb(need)}): map them tile by tile with kit.altTiledMaps, then altTiledDriverTable, altTiledFireResponse and altTiledUncertainty (npm run region shows the whole chain), or raise $${ALT_MEMORY_ENV} if the machine has the memory`);
  }
  const all = fullWindow(grid);
  const stack = new RasterStack();
  for (const p of [...m.predictors].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const years = p.kind === "annual" ? source.years : [0];
    const bands: Float32Array[] = [];
    for (const y of years) bands.push(await source.readPredictor(p.name, y, all));
    stack.add({ name: p.name, kind: p.kind, raster: makeRaster(grid, bands, p.kind === "annual" ? years.map(String) : ["static"]), source: path.relative(m.dir, p.path) || p.path });
  }
  const domain = await source.readMask(all);
  const bands = stack.names.flatMap((n) => (stack.layers.get(n)!.kind === "annual" ? source.years.map((y) => stack.band(n, y)!) : [stack.band(n, 0)!]));
  const cells: number[] = [];
  let droppedCells = 0;
  for (let c = 0; c < domain.length; c++) {
    if (!(domain[c]! > 0)) continue;
    if (bands.every((b) => !Number.isNaN(b[c]!))) cells.push(c);
    else droppedCells++;
  }
  if (cells.length === 0) throw new DataError({ file: m.file, key: "mask.file", expected: "domain cells where every predictor has a value" }, `no usable domain cell (${droppedCells} domain cells have a missing predictor)`);
  const sites = readAltSiteYears(m);
  const qc = qcSiteYears(sites);
  const table = matchSiteYears(sites, stack, { rows: qc.kept });
  const label = m.synthetic ? `SYNTHETIC ${m.name}` : `REAL inputs "${m.name}" (${file})`;
  return { manifest: m, source, label, world, stack, grid, years: source.years, cells: Int32Array.from(cells), droppedCells, sites, qc, table };
}

/**
 * The file (or GEE tile set, or per-year folder) of a known-truth map of a synthetic world.
 *
 * @param inputs - the loaded inputs
 * @param fn - the public function, for messages
 * @param name - the truth map's name
 * @returns the files and whether they are one file per year
 */
function truthFiles(inputs: AltInputs, fn: string, name: string): { files: string[]; perYear: boolean; label: string } {
  const dir = inputs.manifest.truthDir;
  if (dir === null) throw new ArgumentError({ fn, arg: "inputs", value: inputs.manifest.name, expected: "a synthetic world with known truth (its manifest names a truth folder)" }, "these inputs have no known truth (real data): skip the comparison with the truth");
  const single = path.join(dir, `${name}.tif`);
  const files = rasterFilesOf(single);
  if (files.length > 0) return { files: [single], perYear: false, label: single };
  const perYear = inputs.years.map((y) => path.join(dir, name, `${name}_${y}.tif`));
  const missing = perYear.find((f) => rasterFilesOf(f).length === 0);
  if (missing !== undefined && fs.existsSync(path.join(dir, name))) throw new DataError({ file: missing, expected: `one file per year ${inputs.years[0]}–${inputs.years[inputs.years.length - 1]}` }, "truth file missing for a year");
  if (missing !== undefined) throw new DataError({ file: single, expected: `a truth map ${name}.tif or a folder ${name}/ of ${name}_<year>.tif` }, "no such truth file");
  return { files: perYear, perYear: true, label: path.join(dir, name) };
}

/**
 * Read a known-truth map of a synthetic world (e.g. "alt_true_trend"): `truth/<name>.tif` (one
 * band, or one band per year), its GEE tile set, or one file per year `truth/<name>/<name>_<year>.tif`.
 *
 * @param inputs - the loaded inputs
 * @param name - file name below `truth/` without `.tif`
 * @returns the raster's bands (one per year for annual truth files) and band names
 * @throws ArgumentError for a name that is not a plain file name (no folder, no extension), or
 *   inputs without known truth (real data)
 * @throws DataError (from the reader) for a missing or unreadable file
 */
export async function readTruth(inputs: AltInputs, name: string): Promise<{ bands: Float32Array[]; bandNames: string[] }> {
  checkTruthName("readTruth", inputs, name);
  const t = truthFiles(inputs, "readTruth", name);
  if (!t.perYear) {
    const src = await openRasterSource(t.files[0]!);
    return { bands: await src.readWindow(fullWindow(src.grid)), bandNames: src.bandNames };
  }
  const bands: Float32Array[] = [];
  for (const f of t.files) {
    const src = await openRasterSource(f);
    bands.push((await src.readWindow(fullWindow(src.grid), [0]))[0]!);
  }
  return { bands, bandNames: inputs.years.map(String) };
}

/**
 * An annual truth map of the demo world (e.g. "alt_true", "alt_no_fire") on the domain cells,
 * in the years × cells layout of the ensemble maps (value y·cells + i is cell i in year y).
 *
 * @param inputs - the loaded inputs
 * @param name - file name below `truth/` without `.tif`
 * @returns years × cells values, cm
 * @throws ArgumentError for a bad name, or inputs without known truth
 * @throws DataError when the file's band count differs from the stack's years, or a band is
 *   smaller than the grid
 */
export async function readTruthBlock(inputs: AltInputs, name: string): Promise<Float32Array> {
  checkTruthName("readTruthBlock", inputs, name);
  const t = await readTruth(inputs, name);
  const file = truthFiles(inputs, "readTruthBlock", name).label;
  if (t.bands.length !== inputs.years.length) throw new DataError({ file, value: t.bands.length, expected: `${inputs.years.length} bands, one per year of the stack` }, "band count differs from the stack's years");
  const size = inputs.grid.width * inputs.grid.height;
  t.bands.forEach((b, y) => {
    if (b.length !== size) throw new DataError({ file, column: `band ${y + 1}`, value: b.length, expected: `${size} cells (the stack's grid)` }, "band size differs from the grid");
  });
  const n = inputs.cells.length;
  const out = new Float32Array(inputs.years.length * n);
  t.bands.forEach((band, y) => {
    for (let i = 0; i < n; i++) out[y * n + i] = band[inputs.cells[i]!]!;
  });
  return out;
}

function checkTruthName(fn: string, inputs: AltInputs, name: unknown): void {
  if (inputs === null || typeof inputs !== "object" || typeof inputs.manifest?.file !== "string") {
    throw new ArgumentError({ fn, arg: "inputs", value: inputs, expected: "the inputs from loadAltInputs()" }, "not loaded inputs");
  }
  if (typeof name !== "string" || !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name)) {
    throw new ArgumentError({ fn, arg: "name", value: name, expected: 'a truth file name without folder or extension, e.g. "alt_true"' }, "bad name");
  }
}
