/**
 * The inputs of the paper-1 chain, loaded the same way by notebooks 12–16: the demo world
 * (or real files in the same layout), the predictor stack, the site-years after QC (§2.2)
 * and the training table. Notebook 11 walks through each step; this is its short form.
 */
import * as path from "node:path";
import { type DemoWorldOnDisk, ensureDemoWorld } from "../data/demo-world/files";
import { type QcResult, qcSiteYears } from "../data/site-years/qc";
import { type TrainingTable, matchSiteYears } from "../data/site-years/match";
import { type SiteYearTable, readSiteYears } from "../io/site-years";
import { type Grid } from "../raster/grid";
import { type RasterStack, readStackDir } from "../raster/stack";
import { readGeoTiff } from "../raster/geotiff-io";
import { type AltSettings } from "./settings";
import { ArgumentError, DataError } from "../core/errors";
import { checkAltSettings } from "./checks";

/** Everything the chain starts from. */
export interface AltInputs {
  /** The world on disk (folder, manifest). */
  world: DemoWorldOnDisk;
  /** Predictor stack. */
  stack: RasterStack;
  /** Its grid. */
  grid: Grid;
  /** Years with annual predictors (2003–2020). */
  years: number[];
  /** Domain cells (row-major indices) where every predictor is finite in every year. */
  cells: Int32Array;
  /** Domain cells left out because some predictor is missing (NaN) in some year (counted, not in `cells`). */
  droppedCells: number;
  /** Site-years as read. */
  sites: SiteYearTable;
  /** QC result (kept rows and the exclusion ledger). */
  qc: QcResult;
  /** Training table of the kept, matched site-years. */
  table: TrainingTable;
}

/**
 * Load the world for the settings' profile and seed, QC the site-years and build the training
 * table. Skips and counts: a domain cell where some predictor is missing in some year is left out
 * of `cells` and counted in `droppedCells`; excluded site-years are listed with their reason in
 * `qc` and `table.unmatched`.
 *
 * @param settings - chain settings (profile and seed)
 * @returns the inputs
 * @throws ArgumentError for settings that are not complete, valid {@link AltSettings}
 * @throws DataError (from the readers) for a missing, unreadable or implausible file
 */
export async function loadAltInputs(settings: AltSettings): Promise<AltInputs> {
  checkAltSettings("loadAltInputs", "settings", settings);
  const world = ensureDemoWorld(settings.profile, { seed: settings.seed });
  const stack = await readStackDir(path.join(world.dir, "predictors"));
  const grid = stack.grid!;
  const years = stack.years();
  const domain = (await readGeoTiff(path.join(world.dir, "truth", "domain.tif"))).bands[0]!;
  const bands = stack.names.flatMap((n) => (stack.layers.get(n)!.kind === "annual" ? years.map((y) => stack.band(n, y)!) : [stack.band(n, 0)!]));
  const cells: number[] = [];
  let droppedCells = 0;
  for (let c = 0; c < domain.length; c++) {
    if (!(domain[c]! > 0)) continue;
    if (bands.every((b) => !Number.isNaN(b[c]!))) cells.push(c);
    else droppedCells++;
  }
  const sites = readSiteYears(path.join(world.dir, "site-years.csv"));
  const qc = qcSiteYears(sites);
  const table = matchSiteYears(sites, stack, { rows: qc.kept });
  return { world, stack, grid, years, cells: Int32Array.from(cells), droppedCells, sites, qc, table };
}

/**
 * Read a single-band truth map of the demo world (e.g. "alt_true_trend").
 *
 * @param inputs - the loaded inputs
 * @param name - file name below `truth/` without `.tif`
 * @returns the raster's bands (one per year for annual truth files) and band names
 * @throws ArgumentError for a name that is not a plain file name (no folder, no extension)
 * @throws DataError (from the reader) for a missing or unreadable file
 */
export async function readTruth(inputs: AltInputs, name: string): Promise<{ bands: Float32Array[]; bandNames: string[] }> {
  checkTruthName("readTruth", inputs, name);
  const r = await readGeoTiff(path.join(inputs.world.dir, "truth", `${name}.tif`));
  return { bands: r.bands, bandNames: r.bandNames };
}

/**
 * An annual truth file of the demo world (e.g. "alt_true", "alt_no_fire") on the domain cells,
 * in the years × cells layout of the ensemble maps (value y·cells + i is cell i in year y).
 *
 * @param inputs - the loaded inputs
 * @param name - file name below `truth/` without `.tif`
 * @returns years × cells values, cm
 * @throws ArgumentError for a bad name
 * @throws DataError when the file's band count differs from the stack's years, or a band is
 *   smaller than the grid
 */
export async function readTruthBlock(inputs: AltInputs, name: string): Promise<Float32Array> {
  checkTruthName("readTruthBlock", inputs, name);
  const t = await readTruth(inputs, name);
  const file = path.join(inputs.world.dir, "truth", `${name}.tif`);
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
  if (inputs === null || typeof inputs !== "object" || typeof inputs.world?.dir !== "string") {
    throw new ArgumentError({ fn, arg: "inputs", value: inputs, expected: "the inputs from loadAltInputs()" }, "not loaded inputs");
  }
  if (typeof name !== "string" || !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name)) {
    throw new ArgumentError({ fn, arg: "name", value: name, expected: 'a truth file name without folder or extension, e.g. "alt_true"' }, "bad name");
  }
}
