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
  /** Site-years as read. */
  sites: SiteYearTable;
  /** QC result (kept rows and the exclusion ledger). */
  qc: QcResult;
  /** Training table of the kept, matched site-years. */
  table: TrainingTable;
}

/**
 * Load the world for the settings' profile and seed, QC the site-years and build the training
 * table.
 *
 * @param settings - chain settings (profile and seed)
 * @returns the inputs
 */
export async function loadAltInputs(settings: AltSettings): Promise<AltInputs> {
  const world = ensureDemoWorld(settings.profile, { seed: settings.seed });
  const stack = await readStackDir(path.join(world.dir, "predictors"));
  const grid = stack.grid!;
  const years = stack.years();
  const domain = (await readGeoTiff(path.join(world.dir, "truth", "domain.tif"))).bands[0]!;
  const cells: number[] = [];
  for (let c = 0; c < domain.length; c++) {
    if (!(domain[c]! > 0)) continue;
    const complete = stack.names.every((n) => years.every((y) => !Number.isNaN(stack.band(n, y)![c]!)));
    if (complete) cells.push(c);
  }
  const sites = readSiteYears(path.join(world.dir, "site-years.csv"));
  const qc = qcSiteYears(sites);
  const table = matchSiteYears(sites, stack, { rows: qc.kept });
  return { world, stack, grid, years, cells: Int32Array.from(cells), sites, qc, table };
}

/**
 * Read a single-band truth map of the demo world (e.g. "alt_true_trend").
 *
 * @param inputs - the loaded inputs
 * @param name - file name below `truth/` without `.tif`
 * @returns the raster's bands (one per year for annual truth files) and band names
 */
export async function readTruth(inputs: AltInputs, name: string): Promise<{ bands: Float32Array[]; bandNames: string[] }> {
  const r = await readGeoTiff(path.join(inputs.world.dir, "truth", `${name}.tif`));
  return { bands: r.bands, bandNames: r.bandNames };
}
