/**
 * The files of a SYNTHETIC demo world in the layout of a real export (see `export.ts` for the
 * layout and the writer): GEE tile names, the `alt-inputs.json` manifest, the rasters of a block of
 * cells (one file per variable and year, or per tile), and the site-year files (CALM-wide and long).
 */
import { ArgumentError } from "../../core/errors";
import { checkInteger } from "../../core/checks";
import { encodeGeoTiff } from "../../raster/geotiff-io";
import { demoTrueMeanTrend } from "./true-mean-trend";
import { makeRaster } from "../../raster/raster";
import { type DemoWorldBlock, allocDemoWorldBlock } from "./cell";
import { type GridWindow } from "./land-mask";
import { type DemoSiteYear, type DemoSiteYearTruth } from "./sites";
import { ANNUAL_PREDICTORS, CATEGORICAL_PREDICTORS, DEMO_LANDCOVER_NAMES, DEMO_PREDICTOR_UNITS, DEMO_WORLD_VERSION, type DemoWorldSpec, STATIC_PREDICTORS } from "./spec";
import { windowGrid } from "./world";

/** The manifest format the export's `alt-inputs.json` follows. */
export const ALT_INPUTS_FORMAT = "permafrost-kit/alt-inputs@1";

/** The description of every demo world written in the export layout. */
export const DEMO_EXPORT_DESCRIPTION = "SYNTHETIC northern-permafrost demo world of permafrost-kit (known-truth test bed for Liu et al. 2024 methods; NOT data)";

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
 * @param siteFiles - "split" (default): the site-years as two tagged files, CALM's in the CALM-wide
 *   layout and the rest in the long layout, pooled by the reader (the layout a compilation of several
 *   networks has); "long": the one long `site-years.csv` in generation order (the quick and full
 *   worlds use it, so their training table keeps the row order of earlier versions)
 * @returns the manifest object
 * @example
 * demoAltInputsManifest(demoWorldSpec("quick"), "demo-world-quick").annual.ati; // { pattern: 'predictors/ati/ati_{year}.tif', type: 'continuous', unit: '°C·day' }
 */
export function demoAltInputsManifest(spec: DemoWorldSpec, name: string, siteFiles: "split" | "long" = "split"): {
  format: string; name: string; synthetic: true; description: string; years: [number, number]; mask: { file: string };
  siteYears: { source: string; file: string; format: "calm-wide" | "site-years" }[];
  annual: Record<string, { pattern: string; type: "continuous" | "categorical"; unit: string }>;
  static: Record<string, { file: string; type: "continuous" | "categorical"; unit: string }>;
  fire: { file: string; groupBy: string; classes: Record<string, string> };
  truth: { dir: string };
} {
  const type = (v: string): "continuous" | "categorical" => (CATEGORICAL_PREDICTORS.includes(v) ? "categorical" : "continuous");
  const annual: Record<string, { pattern: string; type: "continuous" | "categorical"; unit: string }> = {};
  for (const v of ANNUAL_PREDICTORS) annual[v] = { pattern: `predictors/${v}/${v}_{year}.tif`, type: type(v), unit: demoPredictorUnit(v) };
  const stat: Record<string, { file: string; type: "continuous" | "categorical"; unit: string }> = {};
  for (const v of STATIC_PREDICTORS) stat[v] = { file: `predictors/static/${v}.tif`, type: type(v), unit: demoPredictorUnit(v) };
  return {
    format: ALT_INPUTS_FORMAT, name, synthetic: true,
    description: `${DEMO_EXPORT_DESCRIPTION}. Seed ${spec.seed}, ${spec.resolution === 1 / 120 ? "1/120" : spec.resolution}° cells over [${spec.bbox.join(", ")}], generator version ${DEMO_WORLD_VERSION}; the known truth is in truth/.`,
    years: [spec.years[0], spec.years[1]],
    mask: { file: "mask/permafrost_extent.tif" },
    siteYears: siteFiles === "long"
      ? [{ source: "all networks", file: "site-years.csv", format: "site-years" }]
      : [{ source: "CALM", file: "sites/calm.csv", format: "calm-wide" }, { source: "other", file: "sites/other.csv", format: "site-years" }],
    annual, static: stat,
    fire: { file: "fire/fire_year.tif", groupBy: "landcover", classes: { ...DEMO_LANDCOVER_NAMES } },
    truth: { dir: "truth" },
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
  forEachDemoExportFile(block, tile, (rel, bytes) => files.set(rel, bytes));
  return files;
}

/**
 * Encode the rasters of a block in the export layout one file at a time, handing each to `sink`, so
 * a writer holds one file's bytes at a time (see {@link encodeDemoWorldExportBlock} for the files).
 *
 * @param block - the block's values
 * @param tile - the block's offsets in the whole grid when tiled, or undefined for single files
 * @param sink - receives (relative path, bytes) per file
 * @example
 * const w = generateDemoWorld({ ...demoWorldSpec("quick"), resolution: 10 });
 * let n = 0;
 * forEachDemoExportFile(w, undefined, () => n++);
 * n; // 232 (1 mask, 180 annual, 10 static, 1 fire year, 40 truth)
 */
export function forEachDemoExportFile(block: DemoWorldBlock, tile: { row0: number; col0: number } | undefined, sink: (rel: string, bytes: Uint8Array) => void): void {
  const g = block.grid;
  const put = (rel: string, band: Float32Array, bandName: string): void => {
    sink(tile === undefined ? rel : geeTilePath(rel, tile.row0, tile.col0), encodeGeoTiff(makeRaster(g, [band], [bandName])));
  };
  const domain = Float32Array.from(block.domain, (v) => (v === 1 ? 1 : NaN));
  put("mask/permafrost_extent.tif", domain, "permafrost domain");
  block.years.forEach((y, t) => {
    for (const v of ANNUAL_PREDICTORS) put(`predictors/${v}/${v}_${y}.tif`, block.annual[v]![t]!, String(y));
  });
  for (const v of STATIC_PREDICTORS) put(`predictors/static/${v}.tif`, block.static[v]!, v);
  const { mean, trend } = demoTrueMeanTrend(block.domain, block.years, block.altTrue);
  block.years.forEach((y, t) => {
    put(`truth/alt_true/alt_true_${y}.tif`, block.altTrue[t]!, String(y));
    put(`truth/alt_no_fire/alt_no_fire_${y}.tif`, block.altNoFire[t]!, String(y));
  });
  put("truth/alt_true_mean.tif", mean, `mean ${block.years[0]}-${block.years[block.years.length - 1]}`);
  put("truth/alt_true_trend.tif", trend, "OLS trend cm/yr");
  put("fire/fire_year.tif", block.fireYear, "fire year"); // the burned-area input (paper 1 §2.5: MODIS MCD64A1)
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
  // a network with no site in the world gets no file (a header-only CSV is refused by the readers)
  const out = new Map<string, Uint8Array>();
  if (calm.length > 0) out.set("sites/calm.csv", enc.encode(wide));
  if (other.length > 0) out.set("sites/other.csv", enc.encode(long));
  out.set("truth/site-years-truth.csv", enc.encode(truth));
  return out;
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
