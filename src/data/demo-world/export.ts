/**
 * A SYNTHETIC demo world written in the layout of a real export, described by an
 * `alt-inputs.json` manifest (format `permafrost-kit/alt-inputs@1`), so the paper-1 chain reads
 * the demo world through the same manifest path as real data:
 *
 * - `mask/permafrost_extent.tif` — 1 in the permafrost domain, nodata elsewhere (the target grid)
 * - `predictors/<var>/<var>_<year>.tif` for every annual predictor and year,
 *   `predictors/static/<var>.tif` for every static predictor
 * - `sites/calm.csv` — the sites whose source is CALM, in CALM's wide summary-table layout
 *   (`site,lat,lon,<year>,…`, ALT in cm, blank = no measurement); `sites/other.csv` — the other
 *   sources in the kit's long format (`site,lat,lon,year,alt_cm,source`)
 * - `fire/fire_year.tif` — the burned-area input: the year each pixel burned, NaN = unburned (paper 1 §2.5)
 * - `truth/alt_true/alt_true_<year>.tif`, `truth/alt_no_fire/alt_no_fire_<year>.tif`,
 *   `truth/alt_true_mean.tif`, `truth/alt_true_trend.tif`, `truth/fire_year.tif`,
 *   `truth/domain.tif`, `truth/site-years-truth.csv` (the planted errors and true ALT per site-year)
 * - `alt-inputs.json` (the manifest the chain reads), then, last, `manifest.json` (the spec,
 *   generator version, tiling and the SHA-256 of every file: a folder is reused only when all verify).
 *
 * A large world (more than {@link DEMO_EXPORT_SINGLE_FILE_CELLS} cells, or `tiled: true`) is written
 * as GEE tile sets: every raster `x.tif` becomes `x-<row offset>-<col offset>.tif` (10 digits each,
 * in pixels of the whole grid), one tile of `tileSize` × `tileSize` cells (smaller at the right and
 * bottom edges). A world with per-cell noise (`cellNoise: "per-cell"`) is then generated one tile at
 * a time — every variable and year of that window — so peak memory is bounded by the tile, not the
 * world; a world with sequential noise (quick, full) is generated whole and cut into tiles.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { checkInteger, checkOptions } from "../../core/checks";
import { ArgumentError } from "../../core/errors";
import { writeFileAtomic } from "../../project/atomic";
import { dataPath } from "../../project/paths";
import { sha256Hex } from "../../project/cache";
import { DEFAULT_SEED } from "../../random/rng";
import { type Grid, lonLatGrid } from "../../raster/grid";
import { DEMO_EXPORT_DESCRIPTION, cutDemoWorldBlock, demoAltInputsManifest, encodeDemoSiteExport, forEachDemoExportFile } from "./export-layout";
import { type GridWindow } from "./land-mask";
import { generateSites, generateSitesByCell } from "./sites";
import { DEMO_WORLD_VERSION, type DemoWorldSpec, regionalWorldSpec } from "./spec";
import { type DemoWorld, generateDemoWorld, generateDemoWorldWindow } from "./world";

/** Worlds with more cells than this are written as GEE tile sets unless `tiled` says otherwise (1024 × 1024). */
export const DEMO_EXPORT_SINGLE_FILE_CELLS = 1024 * 1024;

/** Default tile size of a tiled export, cells per side (a 512 × 512 tile of all 227 bands is ≈ 240 MB in memory). */
export const DEMO_EXPORT_TILE_SIZE = 512;

/** Options of {@link ensureDemoWorldExport}. */
export interface DemoWorldExportOptions {
  /** Name recorded in `alt-inputs.json` (default "demo-world"). */
  name?: string;
  /** Write GEE tile sets (default: when the grid has more than {@link DEMO_EXPORT_SINGLE_FILE_CELLS} cells). */
  tiled?: boolean;
  /** Tile size in cells per side, 16 … 16384 (default {@link DEMO_EXPORT_TILE_SIZE}); used when tiled. */
  tileSize?: number;
  /** Called after each tile is written with (tiles done, tiles in all), e.g. for a progress bar. */
  onTile?: (done: number, total: number) => void;
}

/** The counts of an exported world. */
export interface DemoWorldExportCounts {
  /** Grid columns. */
  width: number;
  /** Grid rows. */
  height: number;
  /** Cells in the permafrost domain. */
  domainCells: number;
  /** Years. */
  years: number;
  /** Sites with at least one site-year. */
  sites: number;
  /** Site-years (both files). */
  siteYears: number;
  /** Domain cells that burn once. */
  burnedCells: number;
  /** Tiles written (1 when not tiled). */
  tiles: number;
}

/** The checksum manifest (`manifest.json`) of an exported world. */
export interface DemoWorldExportManifest {
  /** Always true: this world is synthetic. */
  synthetic: true;
  /** What it is. */
  description: string;
  /** Generator version ({@link DEMO_WORLD_VERSION}). */
  version: number;
  /** The spec. */
  spec: DemoWorldSpec;
  /** How the rasters are written: one file each, or GEE tile sets of `tileSize` cells. */
  tiling: { tiled: boolean; tileSize: number };
  /** Relative path → SHA-256 hex, every file but this manifest. */
  files: Record<string, string>;
  /** Sizes. */
  counts: DemoWorldExportCounts;
}

/** An exported world on disk. */
export interface DemoWorldExport {
  /** Its folder (holding `alt-inputs.json`). */
  dir: string;
  /** Its checksum manifest. */
  manifest: DemoWorldExportManifest;
  /** True when it was (re)written by this call, false when the folder was valid and reused. */
  generated: boolean;
  /** Wall time of this call, ms. */
  ms: number;
}

// A folder is reused only when its manifest parses, matches the spec, version and tiling, and every checksum verifies.
function validExport(dir: string, spec: DemoWorldSpec, tiling: { tiled: boolean; tileSize: number }): DemoWorldExportManifest | null {
  let manifest: DemoWorldExportManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as DemoWorldExportManifest;
  } catch {
    return null;
  }
  if (manifest === null || typeof manifest !== "object" || typeof manifest.files !== "object" || manifest.files === null) return null;
  if (manifest.version !== DEMO_WORLD_VERSION || JSON.stringify(manifest.spec) !== JSON.stringify(spec) || JSON.stringify(manifest.tiling) !== JSON.stringify(tiling)) return null;
  for (const [rel, hash] of Object.entries(manifest.files)) {
    try {
      if (sha256Hex(fs.readFileSync(path.join(dir, rel))) !== hash) return null;
    } catch {
      return null;
    }
  }
  return manifest;
}

const EXPORT_ENTRIES = new Set(["manifest.json", "alt-inputs.json", "mask", "predictors", "fire", "sites", "truth", "site-years.csv", "site-years-truth.csv"]);

// The folder is deleted before a world is written: refuse unless it is absent, empty, holds a
// synthetic manifest, or holds nothing but demo-world entries (and temporary files).
function checkExportReplaceable(fn: string, dir: string): void {
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    return;
  }
  if (!st.isDirectory()) throw new ArgumentError({ fn, arg: "dir", value: dir, expected: "a folder for the demo world (new, empty or an earlier world)" }, "is a file, not a folder");
  try {
    if (/"synthetic":\s*true/.test(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"))) return;
  } catch {
    // no readable manifest: look at the entries
  }
  for (const entry of fs.readdirSync(dir)) {
    if (EXPORT_ENTRIES.has(entry) || /\.tmp(-\d+)?$/.test(entry)) continue;
    throw new ArgumentError({ fn, arg: "dir", value: dir, expected: "a new or empty folder, or one holding only a demo world" }, `holds ${JSON.stringify(entry)}, which is not part of a demo world; the folder would be deleted and rewritten, so it is refused`);
  }
}

/**
 * Make sure a demo world exists in the real-export layout (see the module comment) in `dir`:
 * reuse the folder when its `manifest.json` matches the spec, generator version and tiling and
 * every checksum verifies; otherwise delete it and write the world tile by tile, `alt-inputs.json`
 * after every raster and site file, and `manifest.json` last (an interrupted run leaves no
 * manifest, so the next call rewrites). Works for any spec: a spec with `cellNoise: "per-cell"`
 * is generated one window at a time (peak memory ≈ one tile of all bands plus the encoder's copy
 * of one file); a sequential spec (quick, full) is generated whole first.
 *
 * @param spec - the world's spec (e.g. {@link regionalWorldSpec}() or demoWorldSpec("quick"))
 * @param dir - the folder (created; deleted and rewritten when invalid)
 * @param options - name, tiling, progress callback
 * @returns the folder, manifest, whether it was written, and the time taken
 * @throws ArgumentError for an unknown option, a tile size outside 16 … 16384, a folder that is a
 *   file or holds anything but a demo world (it would be wiped), or a bad spec (from the grid)
 * @example
 * const spec = { ...regionalWorldSpec(), resolution: 0.5, sites: 10 };
 * const x = ensureDemoWorldExport(spec, "world", { tiled: true, tileSize: 16 });
 * [x.generated, x.manifest.counts.tiles]; // [true, 2]
 * fs.existsSync("world/predictors/ati/ati_2003-0000000000-0000000016.tif"); // true
 * ensureDemoWorldExport(spec, "world", { tiled: true, tileSize: 16 }).generated; // false
 */
export function ensureDemoWorldExport(spec: DemoWorldSpec, dir: string, options: DemoWorldExportOptions = {}): DemoWorldExport {
  const fn = "ensureDemoWorldExport";
  const t0 = performance.now();
  checkOptions(fn, "options", options, ["name", "tiled", "tileSize", "onTile"]);
  if (typeof dir !== "string" || dir === "") throw new ArgumentError({ fn, arg: "dir", value: dir, expected: "a folder path" }, "not a path");
  if (options.name !== undefined && (typeof options.name !== "string" || options.name === "")) throw new ArgumentError({ fn, arg: "options.name", value: options.name, expected: "a non-empty string" }, "not a name");
  if (options.tiled !== undefined && typeof options.tiled !== "boolean") throw new ArgumentError({ fn, arg: "options.tiled", value: options.tiled, expected: "true or false" }, "not a boolean");
  if (options.onTile !== undefined && typeof options.onTile !== "function") throw new ArgumentError({ fn, arg: "options.onTile", value: options.onTile, expected: "a function (done, total)" }, "not a function");
  checkSpec(fn, spec);
  const tileSize = options.tileSize === undefined ? DEMO_EXPORT_TILE_SIZE : checkInteger(fn, "options.tileSize", options.tileSize, { min: 16, max: 16384 });
  const grid = lonLatGrid(spec.bbox, spec.resolution);
  const tiled = options.tiled ?? grid.width * grid.height > DEMO_EXPORT_SINGLE_FILE_CELLS;
  const tiling = { tiled, tileSize: tiled ? tileSize : 0 };
  const cached = validExport(dir, spec, tiling);
  if (cached !== null) return { dir, manifest: cached, generated: false, ms: performance.now() - t0 };
  checkExportReplaceable(fn, dir);
  fs.rmSync(dir, { recursive: true, force: true });
  const world = spec.cellNoise === "per-cell" ? null : generateDemoWorld(spec);
  const written = writeDemoExportRasters(spec, grid, dir, tiling, world, options.onTile);
  const sites = world === null ? generateSitesByCell(spec) : generateSites(world);
  const years = Array.from({ length: spec.years[1] - spec.years[0] + 1 }, (_, k) => spec.years[0] + k);
  const extra = encodeDemoSiteExport(spec, years, sites);
  const altInputs = demoAltInputsManifest(spec, options.name ?? "demo-world");
  altInputs.siteYears = altInputs.siteYears.filter((e) => extra.has(e.file)); // only the networks with sites in this world
  extra.set("alt-inputs.json", new TextEncoder().encode(`${JSON.stringify(altInputs, null, 2)}\n`));
  for (const [rel, bytes] of extra) written.files[rel] = writeDemoFile(dir, rel, bytes);
  const manifest: DemoWorldExportManifest = {
    synthetic: true, description: DEMO_EXPORT_DESCRIPTION, version: DEMO_WORLD_VERSION, spec, tiling,
    files: Object.fromEntries(Object.entries(written.files).sort((a, b) => a[0].localeCompare(b[0]))),
    counts: {
      width: grid.width, height: grid.height, domainCells: written.domainCells, years: years.length,
      sites: new Set(sites.observations.map((o) => o.site)).size, siteYears: sites.observations.length, burnedCells: written.burnedCells, tiles: written.tiles,
    },
  };
  // the manifest last: an interrupted run leaves no manifest, so the next call rewrites
  writeFileAtomic(path.join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, manifest, generated: true, ms: performance.now() - t0 };
}

function checkSpec(fn: string, spec: DemoWorldSpec): void {
  if (spec === null || typeof spec !== "object") throw new ArgumentError({ fn, arg: "spec", value: spec, expected: "a demo-world spec (demoWorldSpec, regionalWorldSpec)" }, "not a spec");
  checkOptions(fn, "spec", spec, ["seed", "resolution", "bbox", "years", "sites", "cellNoise"]);
  checkInteger(fn, "spec.seed", spec.seed, { min: 0 });
  if (!Array.isArray(spec.years) || spec.years.length !== 2) throw new ArgumentError({ fn, arg: "spec.years", value: spec.years, expected: "[first, last]" }, "not a year range");
  checkInteger(fn, "spec.years[0]", spec.years[0], { min: 1850, max: 2100 });
  checkInteger(fn, "spec.years[1]", spec.years[1], { min: spec.years[0], max: 2100 });
  checkInteger(fn, "spec.sites", spec.sites, { min: 1 });
  if (spec.cellNoise !== undefined && spec.cellNoise !== "per-cell") throw new ArgumentError({ fn, arg: "spec.cellNoise", value: spec.cellNoise, expected: 'absent or "per-cell"' }, "unknown noise mode");
}

/**
 * The folder of the regional 1 km world of a seed: `data/demo-world/region1km-seed<seed>/` (git-ignored).
 *
 * @param seed - the seed (default {@link DEFAULT_SEED})
 * @returns the absolute path
 * @example
 * path.basename(regionalWorldDir(7)); // 'region1km-seed7'
 */
export function regionalWorldDir(seed: number = DEFAULT_SEED): string {
  checkInteger("regionalWorldDir", "seed", seed, { min: 0 });
  return dataPath("demo-world", `region1km-seed${seed}`);
}

/**
 * Make sure the regional 1 km world ({@link regionalWorldSpec}) exists in the real-export layout,
 * as GEE tile sets, in {@link regionalWorldDir} (or `options.dir`): {@link ensureDemoWorldExport}
 * with the name "demo-world-region1km". Writing it takes about 40 s and 1.5 GB on disk; peak memory
 * ≈ 0.4 GB at the default tile size (≈ 0.23 GB at 256).
 *
 * @param options - seed (default {@link DEFAULT_SEED}), folder, tile size, progress callback
 * @returns the folder (holding `alt-inputs.json`), manifest, whether it was written, and the time taken
 * @throws ArgumentError for an unknown option or a bad seed, folder or tile size
 */
export function ensureRegionalWorld(options: { seed?: number; dir?: string; tileSize?: number; onTile?: (done: number, total: number) => void } = {}): DemoWorldExport {
  checkOptions("ensureRegionalWorld", "options", options, ["seed", "dir", "tileSize", "onTile"]);
  const seed = options.seed === undefined ? DEFAULT_SEED : checkInteger("ensureRegionalWorld", "options.seed", options.seed, { min: 0 });
  return ensureDemoWorldExport(regionalWorldSpec(seed), options.dir ?? regionalWorldDir(seed), { name: "demo-world-region1km", tiled: true, tileSize: options.tileSize, onTile: options.onTile });
}

function writeDemoFile(dir: string, rel: string, bytes: Uint8Array): string {
  const p = path.join(dir, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  writeFileAtomic(p, bytes);
  return sha256Hex(bytes);
}

// Write every raster, one tile (or the whole grid) at a time; returns the checksums and counts.
function writeDemoExportRasters(spec: DemoWorldSpec, grid: Grid, dir: string, tiling: { tiled: boolean; tileSize: number }, world: DemoWorld | null, onTile?: (done: number, total: number) => void): { files: Record<string, string>; domainCells: number; burnedCells: number; tiles: number } {
  const windows: GridWindow[] = [];
  const size = tiling.tiled ? tiling.tileSize : Math.max(grid.width, grid.height);
  for (let row0 = 0; row0 < grid.height; row0 += size) {
    for (let col0 = 0; col0 < grid.width; col0 += size) windows.push({ col0, row0, width: Math.min(size, grid.width - col0), height: Math.min(size, grid.height - row0) });
  }
  const files: Record<string, string> = {};
  let domainCells = 0;
  let burnedCells = 0;
  windows.forEach((w, k) => {
    const whole = w.width === grid.width && w.height === grid.height;
    const block = world === null ? generateDemoWorldWindow(spec, w) : whole ? world : cutDemoWorldBlock(world, w);
    for (let i = 0; i < block.domain.length; i++) {
      domainCells += block.domain[i]!;
      if (!Number.isNaN(block.fireYear[i]!)) burnedCells++;
    }
    forEachDemoExportFile(block, tiling.tiled ? { row0: w.row0, col0: w.col0 } : undefined, (rel, bytes) => {
      files[rel] = writeDemoFile(dir, rel, bytes);
    });
    onTile?.(k + 1, windows.length);
  });
  return { files, domainCells, burnedCells, tiles: windows.length };
}
