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
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { checkInteger, checkOptions } from "../../core/checks";
import { ArgumentError } from "../../core/errors";
import { writeFileAtomic } from "../../project/atomic";
import { dataPath } from "../../project/paths";
import { DEFAULT_SEED } from "../../random/rng";
import { encodeGeoTiff } from "../../raster/geotiff-io";
import { type Grid, lonLatGrid } from "../../raster/grid";
import { makeRaster } from "../../raster/raster";
import { olsTrend } from "../../stats/trend/ols-slope";
import { type DemoWorldBlock, allocDemoWorldBlock } from "./cell";
import { type GridWindow } from "./land-mask";
import { type DemoSiteYear, type DemoSiteYearTruth, generateSites, generateSitesByCell } from "./sites";
import { ANNUAL_PREDICTORS, CATEGORICAL_PREDICTORS, DEMO_PREDICTOR_UNITS, DEMO_WORLD_VERSION, type DemoWorldSpec, STATIC_PREDICTORS, regionalWorldSpec } from "./spec";
import { type DemoWorld, generateDemoWorld, generateDemoWorldWindow, windowGrid } from "./world";

/** Worlds with more cells than this are written as GEE tile sets unless `tiled` says otherwise (1024 × 1024). */
export const DEMO_EXPORT_SINGLE_FILE_CELLS = 1024 * 1024;

/** Default tile size of a tiled export, cells per side (a 512 × 512 tile of all 227 bands is ≈ 240 MB in memory). */
export const DEMO_EXPORT_TILE_SIZE = 512;

/** The manifest format the export's `alt-inputs.json` follows. */
export const ALT_INPUTS_FORMAT = "permafrost-kit/alt-inputs@1";

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

const DESCRIPTION = "SYNTHETIC northern-permafrost demo world of permafrost-kit (known-truth test bed for Liu et al. 2024 methods; NOT data)";

function sha256(buf: Uint8Array | string): string {
  return createHash("sha256").update(buf).digest("hex");
}

/**
 * The file name of one tile of a GEE tile set: `x.tif` → `x-<row offset>-<col offset>.tif`, the
 * offsets in pixels of the whole image, 10 digits each.
 *
 * @param file - the raster's path as if it were one file (ending in `.tif`)
 * @param row0 - the tile's first row
 * @param col0 - the tile's first column
 * @returns the tile's path
 * @throws ArgumentError when the path does not end in `.tif` or an offset is not an integer ≥ 0
 * @example
 * geeTilePath("mask/permafrost_extent.tif", 0, 23296); // 'mask/permafrost_extent-0000000000-0000023296.tif'
 */
export function geeTilePath(file: string, row0: number, col0: number): string {
  const fn = "geeTilePath";
  if (typeof file !== "string" || !file.endsWith(".tif")) throw new ArgumentError({ fn, arg: "file", value: file, expected: "a path ending in .tif" }, "not a .tif path");
  checkInteger(fn, "row0", row0, { min: 0, max: 9999999999 });
  checkInteger(fn, "col0", col0, { min: 0, max: 9999999999 });
  return `${file.slice(0, -4)}-${String(row0).padStart(10, "0")}-${String(col0).padStart(10, "0")}.tif`;
}

/**
 * The unit of a demo predictor for `alt-inputs.json`: "class" for a categorical predictor,
 * otherwise the part of its {@link DEMO_PREDICTOR_UNITS} text after the first comma, without
 * parenthesised remarks.
 *
 * @param name - a predictor name of paper 1 Table 1
 * @returns the unit
 * @example
 * demoPredictorUnit("ati"); // '°C·day'
 * demoPredictorUnit("landcover"); // 'class'
 */
export function demoPredictorUnit(name: string): string {
  if (CATEGORICAL_PREDICTORS.includes(name)) return "class";
  const text = DEMO_PREDICTOR_UNITS[name];
  if (text === undefined) throw new ArgumentError({ fn: "demoPredictorUnit", arg: "name", value: name, expected: `one of ${Object.keys(DEMO_PREDICTOR_UNITS).join(", ")}` }, "not a demo predictor");
  const k = text.indexOf(", ");
  return (k < 0 ? text : text.slice(k + 2)).replace(/\s*\([^)]*\)/g, "").trim();
}

/**
 * The `alt-inputs.json` manifest of a demo-world export (paths relative to its folder).
 *
 * @param spec - the world's spec
 * @param name - the manifest's name
 * @returns the manifest object
 * @example
 * demoAltInputsManifest(demoWorldSpec("quick"), "demo-world-quick").annual.ati; // { pattern: 'predictors/ati/ati_{year}.tif', type: 'continuous', unit: '°C·day' }
 */
export function demoAltInputsManifest(spec: DemoWorldSpec, name: string): {
  format: string; name: string; synthetic: true; description: string; years: [number, number]; mask: { file: string };
  siteYears: { source: string; file: string; format: "calm-wide" | "site-years" }[];
  annual: Record<string, { pattern: string; type: "continuous" | "categorical"; unit: string }>;
  static: Record<string, { file: string; type: "continuous" | "categorical"; unit: string }>;
  truth: { dir: string };
} {
  const type = (v: string): "continuous" | "categorical" => (CATEGORICAL_PREDICTORS.includes(v) ? "categorical" : "continuous");
  const annual: Record<string, { pattern: string; type: "continuous" | "categorical"; unit: string }> = {};
  for (const v of ANNUAL_PREDICTORS) annual[v] = { pattern: `predictors/${v}/${v}_{year}.tif`, type: type(v), unit: demoPredictorUnit(v) };
  const stat: Record<string, { file: string; type: "continuous" | "categorical"; unit: string }> = {};
  for (const v of STATIC_PREDICTORS) stat[v] = { file: `predictors/static/${v}.tif`, type: type(v), unit: demoPredictorUnit(v) };
  return {
    format: ALT_INPUTS_FORMAT, name, synthetic: true,
    description: `${DESCRIPTION}. Seed ${spec.seed}, ${spec.resolution === 1 / 120 ? "1/120" : spec.resolution}° cells over [${spec.bbox.join(", ")}], generator version ${DEMO_WORLD_VERSION}; the known truth is in truth/.`,
    years: [spec.years[0], spec.years[1]],
    mask: { file: "mask/permafrost_extent.tif" },
    siteYears: [{ source: "CALM", file: "sites/calm.csv", format: "calm-wide" }, { source: "other", file: "sites/other.csv", format: "site-years" }],
    annual, static: stat, truth: { dir: "truth" },
  };
}

/**
 * Encode the rasters of one block of a world (the whole grid, or one tile) in the export layout.
 *
 * @param block - the block's values (its grid is the block's)
 * @param tile - the block's offsets in the whole grid when the export is tiled (file names get
 *   the GEE suffix), or undefined for single files
 * @returns relative path → file bytes
 * @example
 * const w = generateDemoWorld({ ...demoWorldSpec("quick"), resolution: 10 });
 * encodeDemoWorldExportBlock(w).has("predictors/ati/ati_2003.tif"); // true
 * encodeDemoWorldExportBlock(w, { row0: 0, col0: 0 }).has("mask/permafrost_extent-0000000000-0000000000.tif"); // true
 */
export function encodeDemoWorldExportBlock(block: DemoWorldBlock, tile?: { row0: number; col0: number }): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  eachDemoExportFile(block, tile, (rel, bytes) => files.set(rel, bytes));
  return files;
}

// Encode the block's rasters one file at a time, handing each to `sink` (so a writer holds one file's bytes at a time).
function eachDemoExportFile(block: DemoWorldBlock, tile: { row0: number; col0: number } | undefined, sink: (rel: string, bytes: Uint8Array) => void): void {
  const g = block.grid;
  const n = g.width * g.height;
  const put = (rel: string, band: Float32Array, bandName: string): void => {
    sink(tile === undefined ? rel : geeTilePath(rel, tile.row0, tile.col0), encodeGeoTiff(makeRaster(g, [band], [bandName])));
  };
  const domain = Float32Array.from(block.domain, (v) => (v === 1 ? 1 : NaN));
  put("mask/permafrost_extent.tif", domain, "permafrost domain");
  block.years.forEach((y, t) => {
    for (const v of ANNUAL_PREDICTORS) put(`predictors/${v}/${v}_${y}.tif`, block.annual[v]![t]!, String(y));
  });
  for (const v of STATIC_PREDICTORS) put(`predictors/static/${v}.tif`, block.static[v]!, v);
  const mean = new Float32Array(n).fill(NaN);
  const trend = new Float32Array(n).fill(NaN);
  const series = new Float64Array(block.years.length);
  for (let i = 0; i < n; i++) {
    if (block.domain[i] !== 1) continue;
    let s = 0;
    for (let t = 0; t < block.years.length; t++) {
      series[t] = block.altTrue[t]![i]!;
      s += series[t]!;
    }
    mean[i] = s / block.years.length;
    trend[i] = olsTrend(block.years, series).slope;
  }
  block.years.forEach((y, t) => {
    put(`truth/alt_true/alt_true_${y}.tif`, block.altTrue[t]!, String(y));
    put(`truth/alt_no_fire/alt_no_fire_${y}.tif`, block.altNoFire[t]!, String(y));
  });
  put("truth/alt_true_mean.tif", mean, `mean ${block.years[0]}-${block.years[block.years.length - 1]}`);
  put("truth/alt_true_trend.tif", trend, "OLS trend cm/yr");
  put("truth/fire_year.tif", block.fireYear, "fire year");
  put("truth/domain.tif", domain, "permafrost domain");
}

/**
 * Encode the site-years of a world in the export layout: `sites/calm.csv` (source CALM, wide),
 * `sites/other.csv` (every other source, long) and `truth/site-years-truth.csv`.
 *
 * @param spec - the world's spec (for the provenance lines)
 * @param years - the world's years (the wide file's year columns)
 * @param sites - the observations and their truth (from {@link generateSites} or {@link generateSitesByCell})
 * @returns relative path → file bytes
 * @example
 * const w = generateDemoWorld({ ...demoWorldSpec("quick"), resolution: 10, sites: 20 });
 * const f = encodeDemoSiteExport(w.spec, w.years, generateSites(w));
 * new TextDecoder().decode(f.get("sites/calm.csv")).split("\n").find((l) => l.startsWith("site,")).split(",").length; // 21
 */
export function encodeDemoSiteExport(spec: DemoWorldSpec, years: readonly number[], sites: { observations: DemoSiteYear[]; truth: DemoSiteYearTruth[] }): Map<string, Uint8Array> {
  const provenance = [
    "# SYNTHETIC site-years of the permafrost-kit demo world (NOT observations).",
    `# generator version ${DEMO_WORLD_VERSION}, seed ${spec.seed}, resolution ${spec.resolution} deg; planted errors are listed in truth/site-years-truth.csv`,
  ];
  const calm = sites.observations.filter((o) => o.source === "CALM");
  const other = sites.observations.filter((o) => o.source !== "CALM");
  const bySite = new Map<string, { lat: number; lon: number; alt: Map<number, number> }>();
  for (const o of calm) {
    const s = bySite.get(o.site) ?? { lat: o.lat, lon: o.lon, alt: new Map<number, number>() };
    s.alt.set(o.year, o.altCm);
    bySite.set(o.site, s);
  }
  const wide = [
    ...provenance, "# CALM summary-table layout: ALT in cm per year, blank = no measurement",
    ["site", "lat", "lon", ...years.map(String)].join(","),
    ...[...bySite].map(([site, s]) => [site, s.lat, s.lon, ...years.map((y) => (s.alt.has(y) ? String(s.alt.get(y)) : ""))].join(",")),
  ].join("\n") + "\n";
  const long = [...provenance, "site,lat,lon,year,alt_cm,source", ...other.map((o) => `${o.site},${o.lat},${o.lon},${o.year},${o.altCm},${o.source}`)].join("\n") + "\n";
  const truth = ["# SYNTHETIC: the truth behind sites/calm.csv and sites/other.csv, per site-year", "site,year,planted,alt_true_cm", ...sites.truth.map((t) => `${t.site},${t.year},${t.planted},${t.altTrueCm}`)].join("\n") + "\n";
  const enc = new TextEncoder();
  return new Map([["sites/calm.csv", enc.encode(wide)], ["sites/other.csv", enc.encode(long)], ["truth/site-years-truth.csv", enc.encode(truth)]]);
}

/**
 * Copy a window out of a block held in memory.
 *
 * @param block - the block
 * @param window - the cells, in the block's grid
 * @returns the window's block
 * @example
 * const w = generateDemoWorld({ ...demoWorldSpec("quick"), resolution: 10 });
 * cutDemoWorldBlock(w, { col0: 2, row0: 1, width: 3, height: 2 }).grid.width; // 3
 */
export function cutDemoWorldBlock(block: DemoWorldBlock, window: GridWindow): DemoWorldBlock {
  const g = block.grid;
  const out = allocDemoWorldBlock(windowGrid(g, window), block.years);
  const copy = (from: Float32Array | Uint8Array, to: Float32Array | Uint8Array): void => {
    for (let r = 0; r < window.height; r++) {
      const start = (window.row0 + r) * g.width + window.col0;
      to.set(from.subarray(start, start + window.width), r * window.width);
    }
  };
  copy(block.domain, out.domain);
  copy(block.fireYear, out.fireYear);
  for (const v of Object.keys(block.annual)) block.annual[v]!.forEach((b, t) => copy(b, out.annual[v]![t]!));
  for (const v of Object.keys(block.static)) copy(block.static[v]!, out.static[v]!);
  block.altTrue.forEach((b, t) => copy(b, out.altTrue[t]!));
  block.altNoFire.forEach((b, t) => copy(b, out.altNoFire[t]!));
  return out;
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
      if (sha256(fs.readFileSync(path.join(dir, rel))) !== hash) return null;
    } catch {
      return null;
    }
  }
  return manifest;
}

const EXPORT_ENTRIES = new Set(["manifest.json", "alt-inputs.json", "mask", "predictors", "sites", "truth", "site-years.csv", "site-years-truth.csv"]);

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
  extra.set("alt-inputs.json", new TextEncoder().encode(`${JSON.stringify(demoAltInputsManifest(spec, options.name ?? "demo-world"), null, 2)}\n`));
  for (const [rel, bytes] of extra) written.files[rel] = writeDemoFile(dir, rel, bytes);
  const manifest: DemoWorldExportManifest = {
    synthetic: true, description: DESCRIPTION, version: DEMO_WORLD_VERSION, spec, tiling,
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
  return sha256(bytes);
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
    eachDemoExportFile(block, tiling.tiled ? { row0: w.row0, col0: w.col0 } : undefined, (rel, bytes) => {
      files[rel] = writeDemoFile(dir, rel, bytes);
    });
    onTile?.(k + 1, windows.length);
  });
  return { files, domainCells, burnedCells, tiles: windows.length };
}
