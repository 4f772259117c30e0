/**
 * Real inputs for paper 1 (issue 15): the alt-inputs.json manifest, CALM-wide site-year tables,
 * pooling of several networks, and resampling by window. Every refusal names the manifest key
 * (or file, line and column) and the value.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  ALT_INPUTS_FORMAT, ArgumentError, DataError, calmWideToSiteYears, lonLatGrid, makeRaster, manifestFromJson, parseCsv, poolSiteYears,
  openAltInputs, predictorFile, qcSiteYears, rasterFilesOf, readAltInputsManifest, readCalmWide, resampleRaster, resampleWindow, siteYearsFromCsv,
  sourceWindowFor, writeGeoTiff,
} from "permafrost-kit";
import { refuses, refusesAsync } from "../bad-input/corpus";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "alt-manifest-"));
const g = lonLatGrid([-150, 60, -140, 70], 1);
const band = (f: (i: number) => number) => Float32Array.from({ length: g.width * g.height }, (_, i) => f(i));
writeGeoTiff(path.join(tmp, "mask.tif"), makeRaster(g, [band((i) => (i % 7 === 0 ? NaN : 1))]));
for (const y of [2003, 2004]) writeGeoTiff(path.join(tmp, `ati_${y}.tif`), makeRaster(g, [band((i) => 500 + i + y)]));
writeGeoTiff(path.join(tmp, "lc.tif"), makeRaster(g, [band((i) => 1 + (i % 3))]));
const fine = lonLatGrid([-150, 60, -140, 70], 0.5);
writeGeoTiff(path.join(tmp, "fire-fine.tif"), makeRaster(fine, [Float32Array.from({ length: fine.width * fine.height }, (_, i) => (i < 2 * fine.width && i % fine.width < 2 ? 2011 : 0))]));
fs.writeFileSync(path.join(tmp, "calm.csv"), "site,lat,lon,2003,2004\nU1,68.5,-149.5,52,-\nU2,65.5,-145.5,,61\n");
fs.writeFileSync(path.join(tmp, "other.csv"), "site,lat,lon,year,alt_cm,source\nB1,66.5,-147.5,2003,70,ABoVE\n");
const good = () => ({
  format: ALT_INPUTS_FORMAT, name: "test", synthetic: true, description: "SYNTHETIC test inputs", years: [2003, 2004],
  mask: { file: "mask.tif" },
  siteYears: [{ source: "CALM", file: "calm.csv", format: "calm-wide" }, { source: "ABoVE", file: "other.csv", format: "site-years" }],
  annual: { ati: { pattern: "ati_{year}.tif", type: "continuous", unit: "°C·day" } },
  static: { landcover: { file: "lc.tif", type: "categorical" } },
});
const mf = path.join(tmp, "alt-inputs.json");
fs.writeFileSync(mf, JSON.stringify(good()));

test("a valid manifest: absolute paths, consecutive years, annual then static predictors", () => {
  const m = readAltInputsManifest(mf);
  assert.equal(m.synthetic, true);
  assert.deepEqual(m.years, [2003, 2004]);
  assert.deepEqual(m.predictors.map((p) => [p.name, p.kind, p.type, p.unit, p.resample]), [["ati", "annual", "continuous", "°C·day", true], ["landcover", "static", "categorical", "", true]]);
  assert.equal(predictorFile(m.predictors[0]!, 2004), path.join(tmp, "ati_2004.tif"));
  assert.equal(m.siteYears[0]!.file, path.join(tmp, "calm.csv"));
  assert.equal(m.truthDir, null);
});

describe("manifest refusals name the manifest, the key and the value", () => {
  const bad = (edit: (j: ReturnType<typeof good> & Record<string, unknown>) => void) => () => {
    const j = good() as ReturnType<typeof good> & Record<string, unknown>;
    edit(j);
    return manifestFromJson(j, mf);
  };
  refuses("manifest with a wrong format tag", bad((j) => { j.format = "alt-inputs@2"; }), DataError, ["alt-inputs.json", "key format", '"alt-inputs@2"']);
  refuses("manifest with an unknown key (typo)", bad((j) => { j.yeras = [2003, 2004]; }), DataError, ["key yeras", "unknown key"]);
  refuses("manifest with years backwards", bad((j) => { j.years = [2020, 2003]; }), DataError, ["key years", "backwards"]);
  refuses("manifest with a fractional year", bad((j) => { j.years = [2003.5, 2004]; }), DataError, ["key years[0]", "2003.5"]);
  refuses("manifest with no site-year files", bad((j) => { j.siteYears = []; }), DataError, ["key siteYears", "no site-year files"]);
  refuses("manifest with an unknown site-year layout", bad((j) => { j.siteYears[0]!.format = "calm"; }), DataError, ["key siteYears[0].format", '"calm"', "calm-wide"]);
  refuses("manifest annual pattern without {year}", bad((j) => { j.annual.ati.pattern = "ati.tif"; }), DataError, ["key annual.ati.pattern", "no {year}"]);
  refuses("manifest static file with {year}", bad((j) => { j.static.landcover.file = "lc_{year}.tif"; }), DataError, ["key static.landcover.file", "{year} in a static file"]);
  refuses("manifest with an unknown predictor type", bad((j) => { j.annual.ati.type = "numeric"; }), DataError, ["key annual.ati.type", '"numeric"', "continuous"]);
  refuses("manifest naming a variable twice", bad((j) => { (j.static as Record<string, unknown>).ati = { file: "lc.tif", type: "continuous" }; }), DataError, ["key static.ati", "named twice"]);
  refuses("manifest with synthetic missing", bad((j) => { delete (j as Record<string, unknown>).synthetic; }), DataError, ["key synthetic", "missing"]);
  refuses("manifest whose annual file is missing for one year", bad((j) => { j.years = [2003, 2005]; }), DataError, ["key annual.ati.pattern", "ati_2005.tif", "year 2005", "file not found"]);
  refuses("manifest whose mask is missing", bad((j) => { j.mask.file = "nomask.tif"; }), DataError, ["key mask.file", "nomask.tif", "file not found"]);
  refuses("manifest whose site-year file is missing", bad((j) => { j.siteYears[1]!.file = "gone.csv"; }), DataError, ["key siteYears[1].file", "gone.csv"]);
  refuses("manifest fire grouped by a continuous predictor", bad((j) => { (j as Record<string, unknown>).fire = { file: "fire.tif", groupBy: "ati" }; }), DataError, ["key fire.groupBy", '"ati"', "not a categorical static predictor", "landcover"]);
  refuses("manifest fire grouped by a predictor that does not exist", bad((j) => { (j as Record<string, unknown>).fire = { file: "fire.tif", groupBy: "biome" }; }), DataError, ["key fire.groupBy", '"biome"', "no such predictor"]);
  refuses("manifest fire with a per-year pattern", bad((j) => { (j as Record<string, unknown>).fire = { file: "fire_{year}.tif" }; }), DataError, ["key fire.file", "{year} in the fire file"]);
  refuses("manifest fire class code that is not an integer", bad((j) => { (j as Record<string, unknown>).fire = { file: "fire.tif", classes: { tundra: "21" } }; }), DataError, ["key fire.classes.tundra", "not an integer code"]);
  refuses("manifest fire with an unknown key", bad((j) => { (j as Record<string, unknown>).fire = { file: "fire.tif", pattern: "x" }; }), DataError, ["key fire.pattern", "unknown key"]);
  refuses("manifest whose fire file is missing", bad((j) => { (j as Record<string, unknown>).fire = { file: "nofire.tif" }; }), DataError, ["key fire.file", "nofire.tif", "file not found"]);
  const broken = path.join(tmp, "broken.json");
  fs.writeFileSync(broken, '{"format": "permafrost-kit/alt-inputs@1", "name": ');
  refuses("manifest truncated (invalid JSON)", () => readAltInputsManifest(broken), DataError, ["broken.json", "not valid JSON"]);
});

test("a fire input: years per pixel, 0 and nodata unburned, grouped by landcover unless named", async () => {
  writeGeoTiff(path.join(tmp, "fire.tif"), makeRaster(g, [band((i) => (i === 3 ? 2007 : i === 4 ? NaN : 0))]));
  const ok = path.join(tmp, "with-fire.json");
  fs.writeFileSync(ok, JSON.stringify({ ...good(), fire: { file: "fire.tif", classes: { "2": "shrub tundra" } } }));
  const m = readAltInputsManifest(ok);
  assert.deepEqual([m.fire!.groupBy, m.fire!.classes], ["landcover", { "2": "shrub tundra" }]);
  const f = await (await openAltInputs(ok)).readFireYear({ col0: 0, row0: 0, col1: 6, row1: 1 });
  assert.deepEqual(Array.from(f), [NaN, NaN, NaN, 2007, NaN, NaN]);
  // on a finer grid: resampled nearest (a fire year is categorical), and listed
  fs.writeFileSync(ok, JSON.stringify({ ...good(), fire: { file: "fire-fine.tif" } }));
  const src = await openAltInputs(ok);
  assert.deepEqual(src.resampled.map((r) => [r.name, r.method]), [["fire", "nearest"]]);
  assert.equal((await src.readFireYear({ col0: 0, row0: 0, col1: 1, row1: 1 }))[0], 2011);
});

describe("fire-year refusals name the file and the cell", () => {
  writeGeoTiff(path.join(tmp, "fire-bad.tif"), makeRaster(g, [band((i) => (i === 12 ? 2007.5 : 0))]));
  const badFire = path.join(tmp, "with-bad-fire.json");
  fs.writeFileSync(badFire, JSON.stringify({ ...good(), fire: { file: "fire-bad.tif" } }));
  refusesAsync("fire year that is not a whole year", async () => (await openAltInputs(badFire)).readFireYear({ col0: 0, row0: 0, col1: g.width, row1: g.height }), DataError, ["fire-bad.tif", "grid row 1, column 2", "2007.5", "not a fire year"]);
  const strict = path.join(tmp, "with-strict-fire.json");
  fs.writeFileSync(strict, JSON.stringify({ ...good(), fire: { file: "fire-fine.tif", resample: false } }));
  refusesAsync("fire raster on another grid with resample false", () => openAltInputs(strict), DataError, ["key fire.file", "fire-fine.tif", '"resample": false']);
  refusesAsync("fire analysis without a burned-area input", async () => (await openAltInputs(mf)).readFireYear({ col0: 0, row0: 0, col1: 1, row1: 1 }), DataError, ["alt-inputs.json", "key fire", "no burned-area input"]);
});

test("a raster path resolves to the file, or to its GEE tile set, sorted", () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "gee-"));
  for (const n of ["ati_2003-0000000000-0000000256.tif", "ati_2003-0000000000-0000000000.tif", "ati_2003-000-0.tif", "ati_20034-0000000000-0000000000.tif"]) fs.writeFileSync(path.join(d, n), "");
  assert.deepEqual(rasterFilesOf(path.join(d, "ati_2003.tif")).map((f) => path.basename(f)), ["ati_2003-0000000000-0000000000.tif", "ati_2003-0000000000-0000000256.tif"]);
  fs.writeFileSync(path.join(d, "ati_2003.tif"), "");
  assert.deepEqual(rasterFilesOf(path.join(d, "ati_2003.tif")), [path.join(d, "ati_2003.tif")]);
});

test("CALM-wide rows become one site-year per measured year; no-value marks are not site-years", () => {
  const t = readCalmWide(path.join(tmp, "calm.csv"));
  assert.deepEqual(t.site, ["U1", "U2"]);
  assert.deepEqual([...t.year], [2003, 2004]);
  assert.deepEqual([...t.altCm], [52, 61]);
  assert.deepEqual([...t.line], [2, 3]);
  assert.deepEqual(t.source, ["CALM", "CALM"]);
  const marks = calmWideToSiteYears(parseCsv("site,lat,lon,2001,2002,2003,2004\nA,68,-149,NA,n/a,-,40\n", "c.csv"), "CALM");
  assert.deepEqual([...marks.year], [2004]);
});

describe("CALM-wide refusals name file, line and the year column", () => {
  const c = (text: string) => () => calmWideToSiteYears(parseCsv(text, "calm.csv"), "CALM");
  refuses("CALM-wide cell that is not a number", c("site,lat,lon,2003,2004\nA,68,-149,52,5x\n"), DataError, ["calm.csv line 2", "column 2004", "5x"]);
  refuses("CALM-wide negative ALT", c("site,lat,lon,2003\nA,68,-149,-12\n"), DataError, ["calm.csv line 2", "column 2003", "-12"]);
  refuses("CALM-wide header that is not a year", c("site,lat,lon,2003,notes\nA,68,-149,52,x\n"), DataError, ["calm.csv line 1", "column notes", "not a year column"]);
  refuses("CALM-wide year column twice", c("site,lat,lon,2003,2003\nA,68,-149,52,53\n"), DataError, ["column 2003", "duplicate column"]);
  refuses("CALM-wide without a lat column", c("site,latitude,lon,2003\nA,68,-149,52\n"), DataError, ["calm.csv line 1", "column latitude", '"lat" as column 2']);
  refuses("CALM-wide with no year columns", c("site,lat,lon\nA,68,-149\n"), DataError, ["calm.csv", "no year columns"]);
  refuses("CALM-wide with no measurement at all", c("site,lat,lon,2003\nA,68,-149,-\n"), DataError, ["calm.csv", "no measurement"]);
});

test("pooling keeps every row, its source and its file; QC ledger rows name the file", () => {
  const m = readAltInputsManifest(mf);
  const calm = readCalmWide(m.siteYears[0]!.file, "CALM");
  const other = siteYearsFromCsv(parseCsv(fs.readFileSync(m.siteYears[1]!.file, "utf8"), m.siteYears[1]!.file));
  const pooled = poolSiteYears([calm, other]);
  assert.deepEqual(pooled.site, ["U1", "U2", "B1"]);
  assert.deepEqual(pooled.source, ["CALM", "CALM", "ABoVE"]);
  assert.deepEqual(pooled.rowFile!.map((f) => path.basename(f)), ["calm.csv", "calm.csv", "other.csv"]);
  // a site-year far from its site's others is excluded by the quantile rule; the ledger names its file
  const rows = Array.from({ length: 60 }, (_, i) => `S${i % 6},66,-147,${2000 + Math.floor(i / 6)},${i === 59 ? 700 : 50 + (i % 5)},X`);
  const many = siteYearsFromCsv(parseCsv(["site,lat,lon,year,alt_cm,source", ...rows].join("\n"), "many.csv"));
  const qc = qcSiteYears(poolSiteYears([calm, many]));
  assert.ok(qc.ledger.length > 0);
  assert.ok(qc.ledger.every((e) => e.file === "many.csv" || e.file?.endsWith("calm.csv")), JSON.stringify(qc.ledger[0]));
});

describe("pooling refuses a site-year reported by two files, naming both", () => {
  const a = siteYearsFromCsv(parseCsv("site,lat,lon,year,alt_cm,source\nA,68,-149,2005,52,CALM\n", "calm.csv"));
  const b = siteYearsFromCsv(parseCsv("site,lat,lon,year,alt_cm,source\nX,66,-147,2004,40,ABoVE\nA,68,-149,2005,55,ABoVE\n", "above.csv"));
  refuses("pooling a site-year given in two files", () => poolSiteYears([a, b]), DataError, ["above.csv line 3", "site A year 2005", "calm.csv line 2"]);
  refuses("pooling nothing", () => poolSiteYears([]), ArgumentError, ["poolSiteYears", "tables", "nothing to pool"]);
});

test("resampling by window equals resampling the whole raster, bit for bit", () => {
  const src = { width: 31, height: 29, originX: -150.3, originY: 70.2, resX: 0.37, resY: 0.37, crs: "EPSG:4326" };
  const values = Float32Array.from({ length: src.width * src.height }, (_, i) => Math.sin(i * 0.37) * 100 + (i % 11));
  const target = lonLatGrid([-151, 59, -139, 71], 0.25);
  for (const method of ["nearest", "bilinear"] as const) {
    const whole = resampleRaster(makeRaster(src, [values]), target, method).bands[0]!;
    for (const w of [{ col0: 0, row0: 0, col1: target.width, row1: target.height }, { col0: 5, row0: 3, col1: 17, row1: 29 }, { col0: 40, row0: 40, col1: 48, row1: 48 }]) {
      const sw = sourceWindowFor(src, target, w, method);
      const read = sw === null ? new Float32Array(0) : Float32Array.from({ length: (sw.col1 - sw.col0) * (sw.row1 - sw.row0) }, (_, k) => values[(sw.row0 + Math.floor(k / (sw.col1 - sw.col0))) * src.width + sw.col0 + (k % (sw.col1 - sw.col0))]!);
      const got = resampleWindow(src, read, sw, target, w, method);
      const want = Float32Array.from({ length: (w.col1 - w.col0) * (w.row1 - w.row0) }, (_, k) => whole[(w.row0 + Math.floor(k / (w.col1 - w.col0))) * target.width + w.col0 + (k % (w.col1 - w.col0))]!);
      assert.deepEqual(got, want, `${method} ${JSON.stringify(w)}`);
    }
  }
});

describe("resampling by window: refusals", () => {
  const src = { width: 31, height: 29, originX: -150.3, originY: 70.2, resX: 0.37, resY: 0.37, crs: "EPSG:4326" };
  const target = lonLatGrid([-151, 59, -139, 71], 0.25);
  refuses("resampleWindow with values of the wrong length", () => resampleWindow(src, new Float32Array(3), { col0: 0, row0: 0, col1: 2, row1: 2 }, target, { col0: 0, row0: 0, col1: 2, row1: 2 }, "nearest"), ArgumentError, ["resampleWindow", "values", "4 values"]);
  refuses("sourceWindowFor with a window outside the target", () => sourceWindowFor(src, target, { col0: 0, row0: 0, col1: 999, row1: 2 }, "nearest"), ArgumentError, ["sourceWindowFor", "window", "bad window"]);
});

// ---- openAltInputs: the manifest's rasters on the mask's grid, read by window -------------------

const gee = fs.mkdtempSync(path.join(os.tmpdir(), "alt-source-"));
const coarse = lonLatGrid([-150, 60, -140, 70], 2);
const atiValues = (y: number) => band((i) => 500 + (i % 37) * 3 + y);
writeGeoTiff(path.join(gee, "mask.tif"), makeRaster(g, [band((i) => (i % 7 === 0 ? NaN : 1))]));
for (const y of [2003, 2004]) {
  // the ATI of each year as a GEE tile set: 2 × 2 tiles of the 10 × 10 grid (rows 0–5 / 6–9, columns 0–3 / 4–9)
  const full = atiValues(y);
  for (const [r0, r1, c0, c1] of [[0, 6, 0, 4], [0, 6, 4, 10], [6, 10, 0, 4], [6, 10, 4, 10]] as const) {
    const tg = { ...g, width: c1 - c0, height: r1 - r0, originX: g.originX + c0 * g.resX, originY: g.originY - r0 * g.resY };
    const vals = Float32Array.from({ length: tg.width * tg.height }, (_, k) => full[(r0 + Math.floor(k / tg.width)) * g.width + c0 + (k % tg.width)]!);
    writeGeoTiff(path.join(gee, `ati_${y}-${String(r0).padStart(10, "0")}-${String(c0).padStart(10, "0")}.tif`), makeRaster(tg, [vals]));
  }
}
// soil carbon on a 2° grid (resampled bilinear), land cover on a 2° grid (resampled nearest)
const socCoarse = Float32Array.from({ length: coarse.width * coarse.height }, (_, i) => 10 + i);
writeGeoTiff(path.join(gee, "soc.tif"), makeRaster(coarse, [socCoarse]));
writeGeoTiff(path.join(gee, "lc.tif"), makeRaster(coarse, [Float32Array.from({ length: 25 }, (_, i) => 1 + (i % 4))]));
writeGeoTiff(path.join(gee, "two-bands.tif"), makeRaster(g, [band(() => 1), band(() => 2)], ["a", "b"]));
fs.writeFileSync(path.join(gee, "sites.csv"), "site,lat,lon,year,alt_cm,source\nB1,66.5,-147.5,2003,70,ABoVE\n");
const sourceManifest = (edit: (j: Record<string, unknown> & { static: Record<string, Record<string, unknown>> }) => void = () => undefined) => {
  const j = {
    format: ALT_INPUTS_FORMAT, name: "gee test", synthetic: false, years: [2003, 2004], mask: { file: "mask.tif" },
    siteYears: [{ source: "ABoVE", file: "sites.csv", format: "site-years" }],
    annual: { ati: { pattern: "ati_{year}.tif", type: "continuous" } },
    static: { soc: { file: "soc.tif", type: "continuous" }, landcover: { file: "lc.tif", type: "categorical" } } as Record<string, Record<string, unknown>>,
  };
  edit(j);
  const f = path.join(gee, `m-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(f, JSON.stringify(j));
  return f;
};

test("openAltInputs: a GEE tile set reads as one raster; other grids are resampled, listed, and equal whole-raster resampling", async () => {
  const src = await openAltInputs(sourceManifest());
  assert.deepEqual(src.grid, g);
  assert.deepEqual(src.resampled.map((r) => [r.name, r.method]), [["soc", "bilinear"], ["landcover", "nearest"]]);
  const all = { col0: 0, row0: 0, col1: g.width, row1: g.height };
  assert.deepEqual(await src.readPredictor("ati", 2004, all), atiValues(2004));
  const w = { col0: 2, row0: 3, col1: 7, row1: 8 }; // crosses all four tiles
  const want = atiValues(2003);
  assert.deepEqual(await src.readPredictor("ati", 2003, w), Float32Array.from({ length: 25 }, (_, k) => want[(3 + Math.floor(k / 5)) * g.width + 2 + (k % 5)]!));
  assert.deepEqual(await src.readPredictor("soc", 0, all), resampleRaster(makeRaster(coarse, [socCoarse]), g, "bilinear").bands[0]);
  const mask = await src.readMask(all);
  assert.equal(mask.filter((v) => v === 1).length, 100 - Math.ceil(100 / 7));
  assert.ok(mask.every((v) => v === 1 || Number.isNaN(v)));
});

describe("openAltInputs refusals name the manifest key and the file", () => {
  refusesAsync("a predictor on another grid with resample: false", () => openAltInputs(sourceManifest((j) => { j.static.soc!.resample = false; })), DataError, ["key static.soc.file", "soc.tif", "grid differs", '"resample": false']);
  refusesAsync("a multi-band predictor file", () => openAltInputs(sourceManifest((j) => { j.static.soc!.file = "two-bands.tif"; })), DataError, ["key static.soc.file", "2 bands in two-bands.tif", "single-band"]);
  refusesAsync("a tile set with a tile missing (a gap)", async () => {
    const f = sourceManifest();
    fs.renameSync(path.join(gee, "ati_2004-0000000006-0000000004.tif"), path.join(gee, "ati_2004-hidden.tif.bak"));
    try {
      return await openAltInputs(f);
    } finally {
      fs.renameSync(path.join(gee, "ati_2004-hidden.tif.bak"), path.join(gee, "ati_2004-0000000006-0000000004.tif"));
    }
  }, DataError, ["key annual.ati.pattern", "ati_2004.tif", "gap in the tile set", "rows 6–9, columns 4–9"]);
});
