/**
 * Rasters and the paper-1 data layer (§2.2–2.3): GeoTIFF round trip (values, transform, nodata,
 * band names) incl. read-back by GDAL (Debian gdal-bin, when installed), compressed tiled input,
 * windowed reads, grid-mismatch errors, nearest/bilinear extraction against hand computation,
 * the site-year loader, QC rules on a hand-made table, matching, and the demo world's
 * byte-identical regeneration.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import {
  ArgumentError, DataError, RasterStack, assertSameGrid, demoWorldSpec, encodeDemoWorld, encodeGeoTiff, ensureDemoWorld, extractPoints, generateDemoWorld,
  lonLatGrid, makeRaster, matchSiteYears, parseCsv, qcSiteYears, quantiles, readAnnualFiles, readGeoTiff, readGeoTiffInfo, resampleRaster, sampleBilinear,
  siteYearsFromCsv, writeGeoTiff, type Raster,
} from "permafrost-kit";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pk-raster-test-"));
const hasGdal = spawnSync("gdalinfo", ["--version"]).status === 0;
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function sample(): Raster {
  const g = lonLatGrid([-10, 40, 10, 50], 2.5);
  const b1 = Float32Array.from({ length: g.width * g.height }, (_, i) => i * 1.5 - 3);
  b1[3] = NaN;
  const b2 = Float32Array.from({ length: g.width * g.height }, (_, i) => -i);
  return makeRaster(g, [b1, b2], ["2003", "2004"]);
}

describe("GeoTIFF I/O", () => {
  it("round-trips values, transform, nodata and band names", async () => {
    const r = sample();
    const file = writeGeoTiff(path.join(tmp, "rt.tif"), r);
    const back = await readGeoTiff(file);
    assert.deepEqual(back.grid, r.grid);
    assert.deepEqual(back.bandNames, ["2003", "2004"]);
    assert.equal(back.nodata, -9999);
    assert.deepEqual(Array.from(back.bands[0]!), Array.from(r.bands[0]!));
    assert.deepEqual(Array.from(back.bands[1]!), Array.from(r.bands[1]!));
  });

  it("is byte-identical for the same raster", () => {
    const h = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
    assert.equal(h(encodeGeoTiff(sample())), h(encodeGeoTiff(sample())));
  });

  it("reads a window with the shifted origin", async () => {
    const file = writeGeoTiff(path.join(tmp, "win.tif"), sample());
    const w = await readGeoTiff(file, { window: { col0: 2, row0: 1, col1: 5, row1: 3 }, bands: [1] });
    assert.deepEqual(w.grid, { width: 3, height: 2, originX: -5, originY: 47.5, resX: 2.5, resY: 2.5, crs: "EPSG:4326" });
    assert.deepEqual(Array.from(w.bands[0]!), [-10, -11, -12, -18, -19, -20]);
    await assert.rejects(readGeoTiff(file, { window: { col0: 0, row0: 0, col1: 9, row1: 1 } }), (e: unknown) => e instanceof ArgumentError && /outside the 8×4 image/.test(e.message));
    await assert.rejects(readGeoTiff(path.join(tmp, "nope.tif")), DataError);
  });

  it("is read back correctly by GDAL (values, geotransform, nodata, descriptions)", { skip: hasGdal ? false : "Debian gdal-bin not installed (npm run setup -- --oracles)" }, () => {
    const file = writeGeoTiff(path.join(tmp, "gdal.tif"), sample());
    const info = JSON.parse(spawnSync("gdalinfo", ["-json", file], { encoding: "utf8" }).stdout) as { geoTransform: number[]; bands: { noDataValue: number; description: string }[]; coordinateSystem: { wkt: string } };
    assert.deepEqual(info.geoTransform, [-10, 2.5, 0, 50, 0, -2.5]);
    assert.deepEqual(info.bands.map((b) => b.noDataValue), [-9999, -9999]);
    assert.deepEqual(info.bands.map((b) => b.description), ["2003", "2004"]);
    assert.match(info.coordinateSystem.wkt, /WGS 84/);
    // cell (col 2, row 1) = index 10: band 1 = 10·1.5 − 3 = 12, band 2 = −10
    const v = spawnSync("gdallocationinfo", ["-valonly", "-geoloc", file, "-3.0", "47.0"], { encoding: "utf8" }).stdout.trim().split("\n").map(Number);
    assert.deepEqual(v, [12, -10]);
  });

  it("writes atomically: the file is replaced whole and no temporary file is left", async () => {
    const dir = path.join(tmp, "atomic");
    const file = writeGeoTiff(path.join(dir, "a.tif"), sample());
    const other = makeRaster(lonLatGrid([0, 0, 1, 1], 1), [Float32Array.from([7])], ["only"]);
    writeGeoTiff(file, other);
    assert.deepEqual(fs.readdirSync(dir), ["a.tif"]);
    assert.deepEqual((await readGeoTiff(file)).bandNames, ["only"]);
    // a refused raster leaves the existing file as it was
    const before = fs.readFileSync(file);
    assert.throws(() => writeGeoTiff(file, { ...other, nodata: NaN }), ArgumentError);
    assert.deepEqual(fs.readFileSync(file), before);
    assert.deepEqual(fs.readdirSync(dir), ["a.tif"]);
  });

  it("band names with & < > \" survive the kit and GDAL both ways (GDAL escapes item values twice)", { skip: hasGdal ? false : "Debian gdal-bin not installed" }, async () => {
    const names = ["a & b", "x<y>z", 'say "hi"'];
    const g = lonLatGrid([0, 0, 1, 1], 1);
    const file = writeGeoTiff(path.join(tmp, "names.tif"), makeRaster(g, names.map((_, k) => Float32Array.from([k])), names));
    const info = JSON.parse(spawnSync("gdalinfo", ["-json", file], { encoding: "utf8" }).stdout) as { bands: { description: string }[] };
    assert.deepEqual(info.bands.map((b) => b.description), names);
    const copy = path.join(tmp, "names-gdal.tif");
    assert.equal(spawnSync("gdal_translate", ["-q", "-co", "COMPRESS=DEFLATE", file, copy]).status, 0);
    assert.deepEqual((await readGeoTiffInfo(copy)).bandNames, names);
  });

  it("reads GDAL's pixel-interleaved multi-band deflate strips", { skip: hasGdal ? false : "Debian gdal-bin not installed" }, async () => {
    const r = sample();
    const src = writeGeoTiff(path.join(tmp, "planar.tif"), r);
    const pix = path.join(tmp, "pixel-interleaved.tif");
    assert.equal(spawnSync("gdal_translate", ["-q", "-co", "COMPRESS=DEFLATE", "-co", "INTERLEAVE=PIXEL", "-co", "PREDICTOR=2", src, pix]).status, 0);
    const back = await readGeoTiff(pix);
    assert.deepEqual(Array.from(back.bands[0]!), Array.from(r.bands[0]!));
    assert.deepEqual(Array.from(back.bands[1]!), Array.from(r.bands[1]!));
  });

  it("readAnnualFiles reads every file even with a global pattern (a stateful test() would skip some)", async () => {
    const dir = path.join(tmp, "annual");
    const g = lonLatGrid([0, 0, 2, 1], 1);
    for (const y of [2003, 2004, 2005, 2006]) writeGeoTiff(path.join(dir, `alt_${y}.tif`), makeRaster(g, [Float32Array.from([y, -y])]));
    const r = await readAnnualFiles(dir, /alt_\d+\.tif$/g);
    assert.deepEqual(r.bandNames, ["2003", "2004", "2005", "2006"]);
    assert.deepEqual(Array.from(r.bands[3]!), [2006, -2006]);
  });

  it("a corrupt GDAL tile is a DataError naming file and tile, with the decoder's failure as cause", { skip: hasGdal ? false : "Debian gdal-bin not installed" }, async () => {
    const g = lonLatGrid([0, 0, 32, 32], 1);
    const src = writeGeoTiff(path.join(tmp, "cause-src.tif"), makeRaster(g, [Float32Array.from({ length: 1024 }, (_, i) => Math.cos(i) * 50)], ["x"]));
    const tiled = path.join(tmp, "cause-tiled.tif");
    assert.equal(spawnSync("gdal_translate", ["-q", "-co", "COMPRESS=DEFLATE", "-co", "TILED=YES", "-co", "BLOCKXSIZE=16", "-co", "BLOCKYSIZE=16", src, tiled]).status, 0);
    const bytes = fs.readFileSync(tiled);
    bytes.fill(0x55, bytes.length - 400, bytes.length - 300); // inside the last tile
    fs.writeFileSync(tiled, bytes);
    await assert.rejects(readGeoTiff(tiled), (e: unknown) => {
      assert.ok(e instanceof DataError, String(e));
      assert.match(e.message, /cause-tiled\.tif: corrupt: cannot decode tile 4 \(column 2, row 2 of tiles\)/);
      assert.notEqual(e.cause, undefined);
      return true;
    });
    // a window that needs only the first tile still reads
    const w = await readGeoTiff(tiled, { window: { col0: 0, row0: 0, col1: 16, row1: 16 } });
    assert.equal(w.bands[0]![0], Math.fround(50));
  });

  it("reads GDAL's deflate-compressed, tiled output (as real products are)", { skip: hasGdal ? false : "Debian gdal-bin not installed" }, async () => {
    const g = lonLatGrid([0, 0, 64, 64], 1);
    const band = Float32Array.from({ length: 64 * 64 }, (_, i) => Math.sin(i / 7) * 100);
    const src = writeGeoTiff(path.join(tmp, "big.tif"), makeRaster(g, [band], ["x"]));
    const cog = path.join(tmp, "cog.tif");
    const r = spawnSync("gdal_translate", ["-q", "-co", "COMPRESS=DEFLATE", "-co", "TILED=YES", "-co", "BLOCKXSIZE=16", "-co", "BLOCKYSIZE=16", src, cog]);
    assert.equal(r.status, 0, String(r.stderr));
    const back = await readGeoTiff(cog, { window: { col0: 10, row0: 20, col1: 40, row1: 50 } });
    for (let row = 0; row < 30; row++) for (let col = 0; col < 30; col++) assert.equal(back.bands[0]![row * 30 + col], band[(row + 20) * 64 + col + 10]);
  });
});

describe("GeoTIFF header details that real files use (round 2)", () => {
  const g = lonLatGrid([-10, 50, -6, 53], 1);
  const one = (): Uint8Array => encodeGeoTiff(makeRaster(g, [Float32Array.from({ length: 12 }, (_, i) => i + 1)], ["a"]));
  /** Byte position of the out-of-line values of tag `tag` (the kit's writer: IFD at byte 8). */
  const valueAt = (b: Uint8Array, tag: number): number => {
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    for (let k = 0; k < dv.getUint16(8, true); k++) if (dv.getUint16(10 + k * 12, true) === tag) return dv.getUint32(10 + k * 12 + 8, true);
    throw new Error(`tag ${tag} not found`);
  };

  it("a ModelTiepoint at raster point (I, J) ≠ (0, 0) gives origin X − I·resX, Y + J·resY, as GDAL", async () => {
    const b = one();
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    dv.setFloat64(valueAt(b, 33922), 1, true); // I
    dv.setFloat64(valueAt(b, 33922) + 8, 2.5, true); // J
    const f = path.join(tmp, "tie-ij.tif");
    fs.writeFileSync(f, b);
    const r = await readGeoTiff(f);
    assert.deepEqual([r.grid.originX, r.grid.originY, r.grid.resX, r.grid.resY], [-11, 55.5, 1, 1]);
    if (hasGdal) {
      const info = JSON.parse(spawnSync("gdalinfo", ["-json", f], { encoding: "utf8" }).stdout) as { geoTransform: number[] };
      assert.deepEqual(info.geoTransform, [-11, 1, 0, 55.5, 0, -1]);
    }
  });

  it('GDAL_NODATA "nan" is accepted (GDAL writes it so): NaN cells stay NaN, the raster keeps the default nodata', async () => {
    const b = one();
    const at = valueAt(b, 42113);
    b.fill(0, at, at + 6);
    b.set(new TextEncoder().encode("nan"), at);
    const f = path.join(tmp, "nodata-nan.tif");
    fs.writeFileSync(f, b);
    const r = await readGeoTiff(f);
    assert.deepEqual(Array.from(r.bands[0]!), Array.from({ length: 12 }, (_, i) => i + 1));
    assert.equal(r.nodata, -9999);
  });

  it("a sparse tile (byte count 0) of a file with a nodata value reads as NaN, as in GDAL", { skip: hasGdal ? false : "Debian gdal-bin not installed" }, async () => {
    const gg = lonLatGrid([0, 0, 32, 32], 1);
    const band = Float32Array.from({ length: 32 * 32 }, (_, i) => ((i % 32) < 16 && i < 16 * 32 ? NaN : i));
    const src = writeGeoTiff(path.join(tmp, "sparse-src.tif"), makeRaster(gg, [band], ["x"]));
    const out = path.join(tmp, "sparse.tif");
    const r0 = spawnSync("gdal_translate", ["-q", "-co", "TILED=YES", "-co", "BLOCKXSIZE=16", "-co", "BLOCKYSIZE=16", "-co", "SPARSE_OK=TRUE", src, out]);
    assert.equal(r0.status, 0, String(r0.stderr));
    const r = await readGeoTiff(out);
    for (let i = 0; i < band.length; i++) assert.ok(Object.is(r.bands[0]![i], band[i]), `cell ${i}`);
  });
});

describe("grids, extraction and resampling", () => {
  it("names both rasters and every difference on a grid mismatch", () => {
    const a = lonLatGrid([-10, 40, 10, 50], 2.5);
    const b = lonLatGrid([-10, 40, 10, 50], 1);
    assert.throws(() => assertSameGrid(a, b, "ati.tif", "soc.tif"), (e: unknown) => e instanceof DataError && /soc\.tif: grid does not match ati\.tif: resolution 2\.5×2\.5 vs 1×1; size 8×4 vs 20×10 cells/.test(e.message));
    const stack = new RasterStack();
    stack.add({ name: "ati", kind: "static", raster: makeRaster(a, [new Float32Array(32)]), source: "ati.tif" });
    assert.throws(() => stack.add({ name: "soc", kind: "static", raster: makeRaster(b, [new Float32Array(200)]), source: "soc.tif" }), /grid does not match/);
    const fixed = resampleRaster(makeRaster(b, [new Float32Array(200).fill(3)]), a, "bilinear");
    stack.add({ name: "soc", kind: "static", raster: fixed, source: "soc resampled" });
    assert.deepEqual(stack.names, ["ati", "soc"]);
  });

  it("interpolates bilinearly between cell centres as computed by hand", () => {
    // 2×2 grid of 1° cells, centres at (0.5, 1.5), (1.5, 1.5), (0.5, 0.5), (1.5, 0.5)
    const g = lonLatGrid([0, 0, 2, 2], 1);
    const band = Float32Array.from([10, 20, 30, 40]);
    // at (0.8, 1.2): fx = 0.3, fy = 0.3 → (1−.3)[(1−.3)10 + .3·20] + .3[(1−.3)30 + .3·40] = .7·13 + .3·33 = 19
    assert.ok(Math.abs(sampleBilinear(g, band, 0.8, 1.2) - 19) < 1e-12);
    assert.deepEqual(Array.from(extractPoints(g, band, [0.8, 1.9, 5], [1.2, 0.1, 1], "nearest")), [10, 40, NaN]);
    assert.ok(Number.isNaN(sampleBilinear(g, Float32Array.from([10, NaN, 30, 40]), 0.8, 1.2)), "a missing neighbour gives NaN");
  });

  it("resamples categorical rasters by nearest neighbour (classes stay classes)", () => {
    const g = lonLatGrid([0, 0, 2, 2], 1);
    const classes = makeRaster(g, [Float32Array.from([1, 3, 8, 21])]);
    const fine = resampleRaster(classes, lonLatGrid([0, 0, 2, 2], 0.5), "nearest");
    assert.deepEqual(new Set(fine.bands[0]), new Set([1, 3, 8, 21]));
  });
});

describe("site-year loader, QC and matching (paper 1 §2.2)", () => {
  const csv = (rows: string[]) => parseCsv(["site,lat,lon,year,alt_cm,source", ...rows].join("\n"), "sites.csv");

  it("rejects bad rows naming the line and column", () => {
    assert.throws(() => siteYearsFromCsv(csv(["A,95,10,2005,50,CALM"])), /sites\.csv line 2, column lat: latitude 95/);
    assert.throws(() => siteYearsFromCsv(csv(["A,65,10,2005,50,CALM", "A,65,10,2005,51,CALM"])), /line 3, column year: site A year 2005 already given on line 2/);
    assert.throws(() => siteYearsFromCsv(csv(["A,65,10,2005.5,50,CALM"])), /not an integer/);
    assert.throws(() => siteYearsFromCsv(csv(["A,65,10,2005,-1,CALM"])), /line 2, column alt_cm: ALT -1 cm is negative/);
    assert.throws(() => siteYearsFromCsv(csv(["A,65,10,2005,x,CALM"])), /line 2/);
  });

  it("drops values > 2 SD from the site mean, then keeps the 1–99 % range, with a ledger", () => {
    const rows = ["100", "101", "99", "100", "102", "98", "100", "300"].map((v, k) => `A,65,10,${2003 + k},${v},CALM`);
    for (let k = 0; k < 40; k++) rows.push(`S${k},66,11,2010,${10 + 10 * k},CALM`);
    const t = siteYearsFromCsv(csv(rows));
    const qc = qcSiteYears(t);
    const site = qc.ledger.filter((r) => r.rule === "site-2sd");
    assert.deepEqual(site.map((r) => [r.site, r.year, r.value, r.line]), [["A", 2010, 300, 9]]);
    // 47 values left: 98..102 (7) and 10..400; type-7 1 % / 99 % quantiles exclude exactly 10 and 400
    const [lo] = quantiles([100, 101, 99, 100, 102, 98, 100, ...Array.from({ length: 40 }, (_, k) => 10 + 10 * k)], [0.01, 0.99]);
    assert.equal(qc.summary.lowerCm, lo);
    assert.deepEqual(qc.ledger.filter((r) => r.rule === "quantile-1-99").map((r) => r.value), [10, 400]);
    assert.equal(qc.summary.rowsKept, 48 - 3);
    assert.equal(qc.summary.sitesWithOneValue, 40);
  });

  it("computes R's type-7 quantiles (R: quantile(c(1,2,3,4,10), c(.1,.5,.9)) = 1.4, 3, 7.6)", () => {
    const q = quantiles([10, 2, 3, 1, 4], [0.1, 0.5, 0.9]);
    [1.4, 3, 7.6].forEach((v, k) => assert.ok(Math.abs(q[k]! - v) < 1e-12, `${q[k]} vs ${v}`));
  });

  it("lists site-years it cannot match, with the reason", () => {
    const g = lonLatGrid([0, 60, 4, 62], 1);
    const stack = new RasterStack();
    const ati = makeRaster(g, [new Float32Array(8).fill(500), new Float32Array(8).fill(600)], ["2005", "2006"]);
    const soc = Float32Array.from([1, 2, 3, 4, 5, 6, 7, NaN]);
    stack.add({ name: "ati", kind: "annual", raster: ati, source: "ati.tif" });
    stack.add({ name: "soc", kind: "static", raster: makeRaster(g, [soc]), source: "soc.tif" });
    const t = siteYearsFromCsv(csv(["A,61.5,0.5,2005,50,CALM", "A,61.5,0.5,2006,55,CALM", "B,61.5,0.5,2009,50,CALM", "C,70,0.5,2005,40,CALM", "D,60.5,3.5,2005,40,CALM"]));
    const m = matchSiteYears(t, stack);
    assert.deepEqual(Array.from(m.x.data), [500, 1, 600, 1]);
    assert.deepEqual(m.unmatched.map((u) => [u.site, u.threshold.split(" ")[0]]), [["B", "year"], ["C", "site"], ["D", "no"]]);
    assert.match(m.unmatched[2]!.threshold, /soc/);
  });
});

describe("the SYNTHETIC demo world", () => {
  const tiny = { ...demoWorldSpec("quick"), resolution: 6, sites: 40 };

  it("is byte-identical for the same seed and differs for another", () => {
    const hash = (spec: typeof tiny) => {
      const h = createHash("sha256");
      for (const [name, bytes] of [...encodeDemoWorld(generateDemoWorld(spec)).files].sort((a, b) => a[0].localeCompare(b[0]))) h.update(name).update(bytes);
      return h.digest("hex");
    };
    const a = hash(tiny);
    assert.equal(hash(tiny), a);
    assert.notEqual(hash({ ...tiny, seed: 7 }), a);
  });

  it("has permafrost only where it is cold, ALT in a plausible range, and fires in 2005–2015", () => {
    const w = generateDemoWorld(tiny);
    const alt = Array.from(w.altTrue[0]!).filter((v) => !Number.isNaN(v));
    assert.ok(alt.length > 50, `${alt.length} domain cells`);
    assert.ok(Math.min(...alt) > 5 && Math.max(...alt) < 800, `ALT range ${Math.min(...alt)}–${Math.max(...alt)} cm`);
    const fy = Array.from(w.fireYear).filter((v) => !Number.isNaN(v));
    assert.ok(fy.every((y) => y >= 2005 && y <= 2015));
    const burned = Array.from(w.fireYear.keys()).filter((i) => !Number.isNaN(w.fireYear[i]!));
    for (const i of burned) {
      const t = w.fireYear[i]! + 1 - 2003;
      assert.ok(w.altTrue[t]![i]! > w.altNoFire[t]![i]!, "post-fire ALT deeper than the no-fire counterfactual");
    }
  });

  it("caches on disk with a checksum manifest and regenerates a corrupted world", () => {
    const dir = path.join(tmp, "world");
    const first = ensureDemoWorld("quick", { dir });
    assert.equal(first.generated, true);
    assert.equal(first.manifest.synthetic, true);
    const again = ensureDemoWorld("quick", { dir });
    assert.equal(again.generated, false);
    fs.appendFileSync(path.join(dir, "predictors", "ati.tif"), "x");
    assert.equal(ensureDemoWorld("quick", { dir }).generated, true);
    const csvText = fs.readFileSync(path.join(dir, "site-years.csv"), "utf8");
    assert.match(csvText, /^# SYNTHETIC/);
  });
});
