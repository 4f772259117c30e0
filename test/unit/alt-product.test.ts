/**
 * openAltProduct (issue 16): paper 1's published ALT product read in every layout it may come in,
 * from GDAL-made fixtures (test/oracles/alt-product/make-fixtures.sh, GDAL 3.6.2 gdal_translate):
 * Int16 per-year files with GDAL scale 0.1 and nodata −9999, Float32 per-year files in metres, a
 * multi-band file with year band names (Int16, scale 0.5, offset 10), one without names (needs
 * firstYear), a GEE tiled per-year export and a truncated copy. Each read equals the fixtures'
 * closed formulas (stored × scale + offset, in cm, NaN at nodata) exactly in Float32; reading by
 * row blocks equals one whole read; every refusal names the file (and year, row, column) and the value.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import {
  ALT_PRODUCT_RANGE_CM, ArgumentError, DataError, lonLatGrid, makeRaster, openAltProduct, projectRoot, readGeoTiffStorage, writeGeoTiff,
  type AltProduct, type AltProductOptions,
} from "permafrost-kit";
import { refusesAsync } from "../bad-input/corpus";

const FIX = path.join(projectRoot(), "test", "oracles", "alt-product");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pk-alt-product-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const W = 12;
const H = 8;
const f32 = Math.fround;

/** The fixtures' nodata cells (make-fixtures.sh): (row + col + year) % 17 == 0. */
const isNodata = (year: number, r: number, c: number): boolean => (r + c + year) % 17 === 0;

/** The stored value of each fixture at (year, row, col), as make-fixtures.sh writes it (Float32 as read). */
const stored = {
  int16: (y: number, r: number, c: number) => 500 + 40 * (y - 2003) + 12 * r + c,
  metres: (y: number, r: number, c: number) => f32(Number((0.5 + 0.01 * (y - 2003) + 0.001 * (12 * r + c)).toFixed(3))),
  named: (y: number, r: number, c: number) => 100 + 10 * (y - 2003) + r + c,
  unnamed: (y: number, r: number, c: number) => f32(30.25 + (y - 2010) + 0.5 * r + 0.25 * c),
};

/** Expected cm for one year: cm(stored) at data cells, NaN at nodata. */
function expected(year: number, value: (y: number, r: number, c: number) => number, cm: (s: number) => number): Float32Array {
  const out = new Float32Array(W * H);
  for (let r = 0; r < H; r++) for (let c = 0; c < W; c++) out[r * W + c] = isNodata(year, r, c) ? NaN : f32(cm(value(year, r, c)));
  return out;
}

/** Bit-for-bit equality of two Float32Arrays (NaN equals NaN), naming the first difference. */
function sameValues(got: Float32Array, want: Float32Array, label: string): void {
  assert.equal(got.length, want.length, `${label}: length`);
  for (let i = 0; i < got.length; i++) {
    const ok = Object.is(got[i], want[i]) || (Number.isNaN(got[i]) && Number.isNaN(want[i]));
    if (!ok) assert.fail(`${label}: cell ${i} (row ${Math.floor(i / W)}, column ${i % W}): got ${got[i]}, expected ${want[i]}`);
  }
}

/** readRows over blocks 0–3, 3–4, 4–8 concatenated equals readRows(0, 8). */
async function blocksEqualWhole(p: AltProduct): Promise<void> {
  const whole = await p.readRows(0, H);
  const parts = [await p.readRows(0, 3), await p.readRows(3, 4), await p.readRows(4, H)];
  whole.forEach((w, k) => {
    const joined = new Float32Array(W * H);
    let at = 0;
    for (const part of parts) {
      joined.set(part[k]!, at);
      at += part[k]!.length;
    }
    sameValues(joined, w, `year ${p.years[k]} by blocks`);
  });
}

const GRID = { width: W, height: H, originX: 100, originY: 70, resX: 0.25, resY: 0.25, crs: "EPSG:4326" };

describe("openAltProduct: each layout reads the known values", () => {
  it("Int16 per-year files, GDAL scale 0.1 and nodata −9999: cm = stored × 0.1, NaN at nodata", async () => {
    const p = await openAltProduct({ path: path.join(FIX, "int16-scaled") });
    assert.equal(p.layout, "per-year files");
    assert.equal(p.path, path.join(FIX, "int16-scaled"));
    assert.deepEqual(p.grid, GRID);
    assert.deepEqual(p.years, [2003, 2004, 2005]);
    assert.deepEqual(p.files, p.years.map((y) => path.join(FIX, "int16-scaled", `alt_${y}.tif`)));
    assert.deepEqual(p.storage, { scale: 0.1, offset: 0, nodata: -9999, units: "cm" });
    const got = await p.readRows(0, H);
    p.years.forEach((y, k) => sameValues(got[k]!, expected(y, stored.int16, (s) => s * 0.1), `int16 ${y}`));
    await blocksEqualWhole(p);
  });

  it("Float32 per-year files in metres (units \"m\", glob and yearPattern): cm = stored × 100", async () => {
    const p = await openAltProduct({ path: path.join(FIX, "float32-metres"), glob: "ALT_*_m.tif", yearPattern: "_(\\d{4})_m\\.tif$", units: "m" });
    assert.deepEqual(p.years, [2003, 2004, 2005]);
    assert.deepEqual(p.storage, { scale: 1, offset: 0, nodata: -9999, units: "m" });
    const got = await p.readRows(0, H);
    p.years.forEach((y, k) => sameValues(got[k]!, expected(y, stored.metres, (s) => s * 100), `metres ${y}`));
    await blocksEqualWhole(p);
  });

  it("one multi-band file with year band names (Int16, scale 0.5, offset 10, nodata −32768)", async () => {
    const file = path.join(FIX, "multiband-named.tif");
    const p = await openAltProduct({ path: file });
    assert.equal(p.layout, "multi-band file");
    assert.deepEqual(p.years, [2003, 2004, 2005, 2006]);
    assert.deepEqual(p.files, [file, file, file, file]);
    assert.deepEqual(p.storage, { scale: 0.5, offset: 10, nodata: -32768, units: "cm" });
    const got = await p.readRows(0, H);
    p.years.forEach((y, k) => sameValues(got[k]!, expected(y, stored.named, (s) => s * 0.5 + 10), `named ${y}`));
    await blocksEqualWhole(p);
    // firstYear agreeing with the band names is accepted
    assert.deepEqual((await openAltProduct({ path: file, firstYear: 2003 })).years, p.years);
  });

  it("one multi-band file without band names: firstYear gives the years (Float32 cm, no scale)", async () => {
    const p = await openAltProduct({ path: path.join(FIX, "multiband-unnamed.tif"), firstYear: 2010 });
    assert.deepEqual(p.years, [2010, 2011, 2012]);
    assert.deepEqual(p.storage, { scale: 1, offset: 0, nodata: -9999, units: "cm" });
    const got = await p.readRows(0, H);
    p.years.forEach((y, k) => sameValues(got[k]!, expected(y, stored.unnamed, (s) => s), `unnamed ${y}`));
    await blocksEqualWhole(p);
  });

  it("a GEE tiled per-year export (two tiles per year) reads as the untiled files, bit for bit", async () => {
    const dir = path.join(FIX, "gee-tiled");
    const p = await openAltProduct({ path: dir });
    assert.deepEqual(p.years, [2003, 2004, 2005]);
    assert.deepEqual(p.files, p.years.map((y) => path.join(dir, `alt_${y}.tif`)));
    assert.deepEqual(p.grid, GRID);
    assert.deepEqual(p.storage, { scale: 0.1, offset: 0, nodata: -9999, units: "cm" });
    const plain = await (await openAltProduct({ path: path.join(FIX, "int16-scaled") })).readRows(2, 7);
    const got = await p.readRows(2, 7);
    got.forEach((g, k) => sameValues(g, plain[k]!, `tiled ${p.years[k]}`));
    await blocksEqualWhole(p);
  });

  it("a multi-band GEE tile set (the x.tif of x-<row>-<col>.tif) is one multi-band file", async () => {
    const dir = path.join(tmp, "multi-tiles");
    const g = { ...GRID, width: 6 };
    const band = (y: number, c0: number) => Float32Array.from({ length: 6 * H }, (_, i) => 100 + (y - 2003) + Math.floor(i / 6) + c0 + (i % 6));
    for (const c0 of [0, 6]) writeGeoTiff(path.join(dir, `npr-0000000000-000000000${c0}.tif`), makeRaster({ ...g, originX: 100 + c0 * 0.25 }, [band(2003, c0), band(2004, c0)], ["ALT_2003", "ALT_2004"]));
    const p = await openAltProduct({ path: path.join(dir, "npr.tif") });
    assert.equal(p.layout, "multi-band file");
    assert.deepEqual(p.years, [2003, 2004]);
    assert.deepEqual(p.grid, GRID);
    const got = await p.readRows(1, 3);
    assert.deepEqual([got[1]![0], got[1]![11], got[1]![12]], [101 + 1, 101 + 1 + 11, 101 + 2]);
  });

  it("options override the file's storage: scale 1 reads the stored integers; nodata 500 drops that stored value too", async () => {
    const p = await openAltProduct({ path: path.join(FIX, "int16-scaled"), scale: 1, nodata: 500 });
    assert.deepEqual(p.storage, { scale: 1, offset: 0, nodata: 500, units: "cm" });
    const got = (await p.readRows(0, 1))[0]!;
    assert.ok(Number.isNaN(got[0]), "stored 500 at (0, 0) of 2003 is nodata");
    assert.equal(got[1], 501);
  });

  it("readGeoTiffStorage reads GDAL's per-band scale and offset and the nodata tag", async () => {
    assert.deepEqual(await readGeoTiffStorage(path.join(FIX, "int16-scaled", "alt_2003.tif")), { nodata: -9999, bands: [{ scale: 0.1, offset: 0 }] });
    const s = await readGeoTiffStorage(path.join(FIX, "multiband-named.tif"));
    assert.equal(s.nodata, -32768);
    assert.deepEqual(s.bands, [2003, 2004, 2005, 2006].map(() => ({ scale: 0.5, offset: 10 })));
    assert.deepEqual(await readGeoTiffStorage(path.join(FIX, "multiband-unnamed.tif")), { nodata: -9999, bands: [1, 2, 3].map(() => ({ scale: null, offset: null })) });
    assert.deepEqual(ALT_PRODUCT_RANGE_CM, [0, 2000]);
  });
});

// ---- refusals ------------------------------------------------------------------------------------

/** A fresh folder in tmp with copies of fixture files (`name in the folder` → `fixture path`). */
function folder(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const [to, from] of Object.entries(files)) fs.copyFileSync(path.join(FIX, from), path.join(dir, to));
  return dir;
}

/** A folder of Float32 per-year files written by the kit (cm, nodata −9999); `edit` changes one year's raster. */
function written(name: string, years: number[], edit: (year: number, v: Float32Array) => Partial<typeof GRID> | void = () => undefined): string {
  const dir = path.join(tmp, name);
  for (const y of years) {
    const v = Float32Array.from({ length: W * H }, (_, i) => 50 + i);
    const g = edit(y, v) ?? {};
    writeGeoTiff(path.join(dir, `alt_${y}.tif`), makeRaster({ ...GRID, ...g }, [v], [String(y)]));
  }
  return dir;
}

const int16 = (y: number): string => `int16-scaled/alt_${y}.tif`;
const open = (o: AltProductOptions) => () => openAltProduct(o);
const read = (o: AltProductOptions) => async () => (await openAltProduct(o)).readRows(0, H);

describe("openAltProduct refuses, naming the file and the value", () => {
  const trunc = path.join(FIX, "truncated");
  refusesAsync("a truncated file (the GeoTIFF reader's message reaches the user with the file name)", open({ path: trunc }), DataError, [path.join(trunc, "alt_2004.tif"), "truncated"]);
  const cutData = folder("cut-data", { "alt_2003.tif": int16(2003), "alt_2004.tif": int16(2004) });
  const cutFile = path.join(cutData, "alt_2004.tif");
  fs.truncateSync(cutFile, fs.statSync(cutFile).size - 50);
  refusesAsync("a file truncated inside its pixels (the strip is named with the file)", open({ path: cutData }), DataError, [cutFile, "truncated", "strip 1", `(${fs.statSync(cutFile).size} bytes)`]);
  refusesAsync("no file matching the glob", open({ path: path.join(FIX, "int16-scaled"), glob: "*.nc" }), DataError, [path.join(FIX, "int16-scaled"), "glob \"*.nc\"", "no file"]);
  const noYear = folder("no-year", { "alt_2003.tif": int16(2003), "alt_2004.tif": int16(2004), "readme.tif": int16(2005) });
  refusesAsync("a matched file without a year", open({ path: noYear }), DataError, [path.join(noYear, "readme.tif"), "without a year"]);
  const notYear = folder("not-year", { "alt_v1007_2003.tif": int16(2003) });
  refusesAsync("a year pattern capturing a number that is not a year", open({ path: notYear }), DataError, ["alt_v1007_2003.tif", "got \"1007\"", "tighter pattern"]);
  const twice = folder("twice", { "alt_2003.tif": int16(2003), "alt_2004.tif": int16(2004), "ALT_2004_v2.tif": int16(2004) });
  refusesAsync("two files for one year", open({ path: twice }), DataError, ["two files for year 2004", path.join(twice, "ALT_2004_v2.tif"), path.join(twice, "alt_2004.tif")]);
  const gap = folder("gap", { "alt_2003.tif": int16(2003), "alt_2005.tif": int16(2005), "alt_2006.tif": int16(2005) });
  refusesAsync("a gap in the years", open({ path: gap }), DataError, ["gap", "\"2004 missing\"", path.join(gap, "alt_2003.tif"), path.join(gap, "alt_2005.tif")]);
  const shifted = written("shifted", [2003, 2004, 2005], (y) => (y === 2004 ? { originX: 100.5 } : undefined));
  refusesAsync("a file on another grid (both files and the difference)", open({ path: shifted }), DataError, [path.join(shifted, "alt_2004.tif"), path.join(shifted, "alt_2003.tif"), "origin (100, 70) vs (100.5, 70)"]);
  refusesAsync("a multi-band file whose band names are not years, without firstYear", open({ path: path.join(FIX, "multiband-unnamed.tif") }), DataError, [path.join(FIX, "multiband-unnamed.tif"), "band 1 name", "got \"1\"", "firstYear"]);
  refusesAsync("firstYear disagreeing with the band names", open({ path: path.join(FIX, "multiband-named.tif"), firstYear: 2000 }), DataError, ["multiband-named.tif", "band 1 name", "\"2003\"", "year 2000"]);
  const multiInFolder = folder("multi-in-folder", { "alt_2003.tif": "multiband-named.tif" });
  refusesAsync("a per-year file with several bands", open({ path: multiInFolder }), DataError, [path.join(multiInFolder, "alt_2003.tif"), "4 bands"]);
  const mixed = folder("mixed-scale", { "alt_2003.tif": int16(2003), "alt_2004.tif": "float32-metres/ALT_2004_m.tif" });
  refusesAsync("files that differ in GDAL scale", open({ path: mixed }), DataError, [path.join(mixed, "alt_2004.tif"), path.join(mixed, "alt_2003.tif"), "differ in scale", "got \"none\"", "0.1"]);
  const both = folder("file-and-tiles", { "alt_2003.tif": int16(2003), "alt_2003-0000000000-0000000000.tif": "gee-tiled/alt_2003-0000000000-0000000000.tif", "alt_2003-0000000000-0000000006.tif": "gee-tiled/alt_2003-0000000000-0000000006.tif" });
  refusesAsync("a file and a GEE tile set of the same name", open({ path: both }), DataError, [path.join(both, "alt_2003.tif"), "ambiguous", "2 tiles"]);

  // a stored +Infinity (the kit's writer refuses to write one: patch the Float32 bytes of 1234.5)
  const big = written("infinite", [2003], (_y, v) => void (v[13] = 1234.5));
  const infFile = path.join(big, "alt_2003.tif");
  const infBytes = fs.readFileSync(infFile);
  const marker = Buffer.from(new Float32Array([1234.5]).buffer);
  const mAt = infBytes.indexOf(marker);
  assert.ok(mAt > 0 && infBytes.indexOf(marker, mAt + 1) < 0, "1234.5 occurs once in the file");
  Buffer.from(new Float32Array([Infinity]).buffer).copy(infBytes, mAt);
  fs.writeFileSync(infFile, infBytes);
  refusesAsync("a value that is ±Infinity after scaling (file, year, row, column, value)", read({ path: big }), DataError, [infFile, "year 2003, row 1, column 1", "Infinity cm", "stored Infinity", "infinite ALT after scaling"]);
  const deep = written("implausible", [2003, 2004], (y, v) => void (y === 2004 && (v[2 * W + 5] = 2500)));
  refusesAsync("ALT above 2000 cm (file, year, row, column, value)", read({ path: deep }), DataError, [path.join(deep, "alt_2004.tif"), "year 2004, row 2, column 5", "got \"2500 cm", "0–2000 cm"]);
  refusesAsync("ALT below 0 cm after the offset, in a GEE tile set: the tile is named", read({ path: path.join(FIX, "gee-tiled"), offset: -60 }), DataError, [path.join(FIX, "gee-tiled", "alt_2003-0000000000-0000000000.tif"), "year 2003, row 0, column 0", "-10", "implausible ALT"]);
  refusesAsync("a product in cm opened with units \"m\" is implausible", read({ path: path.join(FIX, "int16-scaled"), units: "m" }), DataError, ["alt_2003.tif", "year 2003, row 0, column 0", "5000 cm", "in m × 100"]);
  refusesAsync("multi-band: the band is named too", read({ path: path.join(FIX, "multiband-named.tif"), offset: 2000 }), DataError, ["multiband-named.tif", "year 2003 (band 1), row 0, column 0"]);

  const p = path.join(FIX, "int16-scaled");
  refusesAsync("units other than cm/m", open({ path: p, units: "mm" as "cm" }), ArgumentError, ["options.units", "\"mm\""]);
  refusesAsync("scale 0", open({ path: p, scale: 0 }), ArgumentError, ["options.scale", "got 0"]);
  refusesAsync("scale NaN", open({ path: p, scale: NaN }), ArgumentError, ["options.scale", "NaN"]);
  refusesAsync("offset Infinity", open({ path: p, offset: Infinity }), ArgumentError, ["options.offset", "Infinity"]);
  refusesAsync("an unknown option", open({ path: p, years: [2003] } as unknown as AltProductOptions), ArgumentError, ["options.years", "unknown option"]);
  refusesAsync("a yearPattern that is not a regular expression", open({ path: p, yearPattern: "(\\d{4}" }), ArgumentError, ["options.yearPattern", "(\\\\d{4}", "not a regular expression"]);
  refusesAsync("a yearPattern without a capture group", open({ path: p, yearPattern: "\\d{4}" }), ArgumentError, ["options.yearPattern", "0 capture groups"]);
  refusesAsync("a glob with a wildcard other than * and ?", open({ path: p, glob: "alt_[0-9]*.tif" }), ArgumentError, ["options.glob", "alt_[0-9]*.tif"]);
  refusesAsync("a glob with a folder", open({ path: p, glob: "sub/*.tif" }), ArgumentError, ["options.glob", "sub/*.tif"]);
  refusesAsync("firstYear with a folder (an option of the other layout)", open({ path: p, firstYear: 2003 }), ArgumentError, ["options.firstYear", "2003", "other layout"]);
  refusesAsync("a glob with a multi-band file", open({ path: path.join(FIX, "multiband-named.tif"), glob: "*.tif" }), ArgumentError, ["options.glob", "other layout"]);
  refusesAsync("a path that is neither a folder nor a file nor a tile set", open({ path: path.join(tmp, "nothing.tif") }), DataError, ["nothing.tif", "no such file"]);
  refusesAsync("readRows outside the image", async () => (await openAltProduct({ path: p })).readRows(0, H + 1), ArgumentError, ["AltProduct.readRows", "row1", `${H + 1}`]);
  refusesAsync("readRows with an empty range", async () => (await openAltProduct({ path: p })).readRows(3, 3), ArgumentError, ["AltProduct.readRows", "row1", "empty"]);

  const badScale = path.join(tmp, "bad-scale.tif");
  const bytes = Buffer.from(fs.readFileSync(path.join(FIX, "multiband-named.tif")));
  const at = bytes.indexOf('role="scale">0.5<');
  assert.ok(at > 0, "the fixture holds GDAL's SCALE item");
  bytes.write("x", at + 'role="scale">'.length, "latin1");
  fs.writeFileSync(badScale, bytes);
  refusesAsync("a GDAL SCALE item that is not a number (readGeoTiffStorage, via openAltProduct)", open({ path: badScale }), DataError, ["bad-scale.tif", "SCALE of band 1", "\"x.5\""]);
});

describe("the example layout in the doc comment works as stated with a real folder", () => {
  it("a lonLatGrid-based Float32 product in metres reads in cm", async () => {
    const dir = path.join(tmp, "doc");
    const g = lonLatGrid([0, 0, 2, 1], 1);
    writeGeoTiff(path.join(dir, "alt_2003.tif"), makeRaster(g, [new Float32Array([0.5, NaN])], ["alt"]));
    writeGeoTiff(path.join(dir, "alt_2004.tif"), makeRaster(g, [new Float32Array([0.625, 1.25])], ["alt"]));
    const p = await openAltProduct({ path: dir, units: "m" });
    const [a, b] = await p.readRows(0, 1);
    assert.deepEqual([...a!], [50, NaN]);
    assert.deepEqual([...b!], [62.5, 125]);
  });
});
