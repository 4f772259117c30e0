/**
 * The streamed Cloud Optimized GeoTIFF writer (issue 15): what it writes reads back bit for bit
 * (kit reader, whole and by window; GDAL checksum equal to the strip writer's file), row blocks of
 * any size give the same bytes, the overviews are the NaN-ignoring 2×2 means of the level above
 * (read with the `geotiff` library), the layout is a COG (IFDs first, smallest overview's tiles
 * first, full resolution last; GDAL's validate_cloud_optimized_geotiff.py when python3-gdal is
 * installed), temporary files are removed, and bad calls are refused.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { fromFile } from "geotiff";
import { ArgumentError, TEMP_FILE_RE, createCogWriter, makeRaster, readGeoTiff, readGeoTiffInfo, writeCog, writeGeoTiff, type Grid, type Raster } from "permafrost-kit";
import { refuses, refusesAsync } from "../bad-input/corpus";
import { sameBits } from "../helpers/same-bits";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pk-cog-test-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const hasGdal = spawnSync("gdalinfo", ["--version"]).status === 0;
const VALIDATOR = ["/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_cloud_optimized_geotiff.py", "/usr/share/doc/python3-gdal/examples/validate_cloud_optimized_geotiff.py"].find((f) => fs.existsSync(f));
const hasPyGdal = spawnSync("/usr/bin/python3", ["-c", "from osgeo import gdal"]).status === 0;
if (!hasGdal) console.log("# raster-cog: GDAL checks SKIPPED: gdalinfo not found (Debian gdal-bin, environment/apt.txt)");

/** A 300×170 two-band raster (odd sizes: partial edge tiles, odd overview rows), smooth with NaN holes. */
function sample(width = 300, height = 170): Raster {
  const grid: Grid = { width, height, originX: -170, originY: 80, resX: 1 / 120, resY: 1 / 120, crs: "EPSG:4326" };
  const a = new Float32Array(width * height);
  for (let i = 0; i < height; i++) {
    for (let j = 0; j < width; j++) a[i * width + j] = (i * 7 + j * 3) % 97 === 0 ? NaN : Math.sin(i / 20) * Math.cos(j / 30) * 10 + i * 0.01;
  }
  for (let i = 40; i < 60; i++) for (let j = 0; j < 50; j++) a[i * width + j] = NaN; // a block of missing cells
  const b = Float32Array.from(a, (v) => v * 2 + 1);
  return makeRaster(grid, [a, b], ["2003", "a & <b>"]);
}

/** The level sizes and tile offsets of every IFD of a little-endian classic TIFF, read by hand. */
function ifds(file: string): { at: number; width: number; height: number; subfile: number; offsets: number[]; counts: number[]; end: number }[] {
  const b = fs.readFileSync(file);
  assert.equal(b.toString("latin1", 0, 2), "II");
  const out = [];
  let at = b.readUInt32LE(4);
  while (at !== 0) {
    const n = b.readUInt16LE(at);
    const tags = new Map<number, number[]>();
    let end = at + 2 + n * 12 + 4;
    for (let k = 0; k < n; k++) {
      const p = at + 2 + k * 12;
      const tag = b.readUInt16LE(p);
      const type = b.readUInt16LE(p + 2);
      const count = b.readUInt32LE(p + 4);
      const size = type === 3 ? 2 : type === 4 ? 4 : type === 12 ? 8 : 1;
      const off = count * size > 4 ? b.readUInt32LE(p + 8) : p + 8;
      if (count * size > 4) end = Math.max(end, off + count * size);
      if (type === 3 || type === 4) tags.set(tag, Array.from({ length: count }, (_, i) => (type === 3 ? b.readUInt16LE(off + 2 * i) : b.readUInt32LE(off + 4 * i))));
    }
    out.push({ at, width: tags.get(256)![0]!, height: tags.get(257)![0]!, subfile: tags.get(254)?.[0] ?? 0, offsets: tags.get(324) ?? [], counts: tags.get(325) ?? [], end });
    at = b.readUInt32LE(at + 2 + n * 12);
  }
  return out;
}

describe("writeCog / createCogWriter", () => {
  const r = sample();
  const cog = path.join(tmp, "sample.tif");
  const ref = path.join(tmp, "sample-strips.tif");

  it("reads back bit for bit with the kit's reader (grid, names, nodata, values, NaN)", async () => {
    await writeCog(cog, r, { tileSize: 64 });
    writeGeoTiff(ref, r);
    const back = await readGeoTiff(cog);
    assert.deepEqual(back.grid, r.grid);
    assert.deepEqual(back.bandNames, r.bandNames);
    assert.equal(back.nodata, r.nodata);
    r.bands.forEach((b, k) => sameBits(back.bands[k]!, b, `band ${k}`));
    assert.deepEqual(await readGeoTiffInfo(cog), { grid: r.grid, bandNames: r.bandNames, nodata: r.nodata });
  });

  it("window reads (inside one tile, across tile borders, the ragged last tiles) equal the same cells of the raster", async () => {
    const W = r.grid.width;
    for (const w of [{ col0: 0, row0: 0, col1: 5, row1: 3 }, { col0: 60, row0: 62, col1: 70, row1: 130 }, { col0: 250, row0: 120, col1: 300, row1: 170 }, { col0: 1, row0: 45, col1: 299, row1: 46 }]) {
      const got = await readGeoTiff(cog, { window: w, bands: [1] });
      const want = new Float32Array((w.col1 - w.col0) * (w.row1 - w.row0));
      for (let i = w.row0; i < w.row1; i++) for (let j = w.col0; j < w.col1; j++) want[(i - w.row0) * (w.col1 - w.col0) + (j - w.col0)] = r.bands[1]![i * W + j]!;
      sameBits(got.bands[0]!, want, `window ${JSON.stringify(w)}`);
    }
  });

  it("row blocks of any size (1, 7, 64, the rest) give the same bytes as writeCog, and no temporary file is left", async () => {
    const f = path.join(tmp, "streamed.tif");
    const w = createCogWriter(f, { grid: r.grid, bandNames: r.bandNames, nodata: r.nodata, tileSize: 64 });
    const W = r.grid.width;
    let row = 0;
    for (const n of [1, 7, 64, 3, r.grid.height - 75]) {
      w.writeRows(row, r.bands.map((b) => b.slice(row * W, (row + n) * W)));
      row += n;
    }
    assert.equal(w.rowsWritten, r.grid.height);
    assert.equal(await w.close(), f);
    assert.ok(fs.readFileSync(f).equals(fs.readFileSync(cog)), "same bytes");
    assert.deepEqual(fs.readdirSync(tmp).filter((n) => n.endsWith(".tmp")), []);
  });

  it("has a COG layout: IFDs (full resolution, then halves down to one tile) before all tile data, smallest overview's tiles first", () => {
    const list = ifds(cog);
    assert.deepEqual(list.map((d) => [d.width, d.height, d.subfile]), [[300, 170, 0], [150, 85, 1], [75, 43, 1], [38, 22, 1]]);
    const lastIfdByte = Math.max(...list.map((d) => d.end));
    let previousStart = Infinity;
    for (const d of list) {
      const start = Math.min(...d.offsets);
      const stop = Math.max(...d.offsets.map((o, i) => o + d.counts[i]!));
      assert.ok(start >= lastIfdByte, "tile data after every IFD");
      assert.ok(stop <= previousStart, "each level's data lies before the larger level's");
      previousStart = start;
      const perBand = d.offsets.length / 2;
      for (let i = 1; i < d.offsets.length; i++) if (i % perBand !== 0) assert.ok(d.offsets[i]! > d.offsets[i - 1]!, "tiles in index order within a band (bands interleave by tile row)");
    }
    assert.equal(list[0]!.offsets.length, 5 * 3 * 2, "5×3 tiles per band, 2 bands (PlanarConfiguration 2)");
  });

  it("overview cells are the NaN-ignoring 2×2 means of the level above (read with the geotiff library)", async () => {
    const tiff = await fromFile(cog);
    try {
      assert.equal(await tiff.getImageCount(), 4);
      let above = r.bands[0]!;
      let [w, h] = [r.grid.width, r.grid.height];
      for (let k = 1; k < 4; k++) {
        const img = await tiff.getImage(k);
        const [w2, h2] = [Math.ceil(w / 2), Math.ceil(h / 2)];
        assert.deepEqual([img.getWidth(), img.getHeight()], [w2, h2]);
        const got = Float32Array.from((await img.readRasters({ samples: [0] }))[0] as ArrayLike<number>, (v) => (v === -9999 ? NaN : v));
        const want = new Float32Array(w2 * h2);
        for (let i = 0; i < h2; i++) {
          for (let j = 0; j < w2; j++) {
            let s = 0;
            let n = 0;
            for (let dj = 0; dj < 2; dj++) for (let di = 0; di < 2; di++) { // the writer's order of summation
              const [y, x] = [2 * i + di, 2 * j + dj];
              if (y < h && x < w && !Number.isNaN(above[y * w + x]!)) { s += above[y * w + x]!; n++; }
            }
            want[i * w2 + j] = n === 0 ? NaN : s / n;
          }
        }
        sameBits(got, want, `overview ${k}`);
        [above, w, h] = [want, w2, h2];
      }
    } finally {
      await tiff.close();
    }
  });

  it("predictor 1 (none) reads back the same; a raster that fits one tile has no overview", async () => {
    const f = path.join(tmp, "p1.tif");
    await writeCog(f, r, { tileSize: 256, predictor: 1, deflateLevel: 1 });
    const back = await readGeoTiff(f);
    r.bands.forEach((b, k) => sameBits(back.bands[k]!, b, `band ${k}`));
    assert.deepEqual(ifds(f).map((d) => [d.width, d.height]), [[300, 170], [150, 85]]);
    const small = makeRaster({ ...r.grid, width: 16, height: 16 }, [new Float32Array(256).fill(1.5)], ["x"]);
    await writeCog(path.join(tmp, "small.tif"), small, { tileSize: 16 });
    assert.equal(ifds(path.join(tmp, "small.tif")).length, 1);
  });

  it("GDAL reads it: checksums equal to the strip writer's, DEFLATE, overviews listed", { skip: hasGdal ? false : "gdalinfo not found (Debian gdal-bin, environment/apt.txt)" }, () => {
    const info = spawnSync("gdalinfo", ["-checksum", cog], { encoding: "utf8" }).stdout;
    const plain = spawnSync("gdalinfo", ["-checksum", ref], { encoding: "utf8" }).stdout;
    const sums = (s: string) => [...s.matchAll(/^ {2}Checksum=(\d+)$/gm)].map((m) => m[1]);
    assert.equal(sums(info).length, 2);
    assert.deepEqual(sums(info), sums(plain));
    assert.match(info, /COMPRESSION=DEFLATE/);
    assert.match(info, /Block=64x64 Type=Float32/);
    assert.match(info, /Overviews: 150x85, 75x43, 38x22/);
    assert.match(info, /Description = a & <b>/);
    assert.match(info, /NoData Value=-9999/);
  });

  it("GDAL's validate_cloud_optimized_geotiff.py accepts it", { skip: hasPyGdal && VALIDATOR !== undefined ? false : "python3-gdal (osgeo) or validate_cloud_optimized_geotiff.py not found" }, () => {
    const res = spawnSync("/usr/bin/python3", [VALIDATOR!, "--full-check=yes", cog], { encoding: "utf8" });
    assert.equal(res.status, 0, res.stdout + res.stderr);
    assert.match(res.stdout, /is a valid cloud optimized GeoTIFF/);
  });

  it("an aborted writer leaves no temporary file and the existing target intact", () => {
    const f = path.join(tmp, "keep.tif");
    fs.writeFileSync(f, "old");
    const w = createCogWriter(f, { grid: r.grid, bandNames: ["a"], tileSize: 16 });
    w.writeRows(0, [new Float32Array(r.grid.width * 40)]);
    w.abort();
    assert.equal(fs.readFileSync(f, "utf8"), "old");
    assert.deepEqual(fs.readdirSync(tmp).filter((n) => n.endsWith(".tmp")), []);
  });

  it("names its temporary files as project/atomic.ts does (so cleanStrayTemps finds those of a killed run)", () => {
    const f = path.join(tmp, "killed.tif");
    const w = createCogWriter(f, { grid: r.grid, bandNames: ["a"], tileSize: 16 });
    const temps = fs.readdirSync(tmp).filter((n) => n.startsWith(".killed.tif."));
    w.abort();
    assert.equal(temps.length, 6, temps.join(", ")); // 300×170 down to 10×6 in 16² tiles: 6 levels
    for (const n of temps) assert.equal(TEMP_FILE_RE.exec(n)?.[1], String(process.pid), n);
  });
});

describe("bad input to the COG writer", () => {
  const grid: Grid = { width: 40, height: 20, originX: 0, originY: 10, resX: 0.5, resY: 0.5, crs: "EPSG:4326" };
  const f = path.join(tmp, "bad.tif");
  const open = () => createCogWriter(f, { grid, bandNames: ["a"], tileSize: 16 });
  refuses("createCogWriter: a CRS that is not an EPSG code", () => createCogWriter(f, { grid: { ...grid, crs: "unknown" }, bandNames: ["a"] }), ArgumentError, ["options.grid.crs", "unknown"]);
  refuses("createCogWriter: a tile size that is not a multiple of 16", () => createCogWriter(f, { grid, bandNames: ["a"], tileSize: 100 }), ArgumentError, ["options.tileSize", "100"]);
  refuses("createCogWriter: predictor 2", () => createCogWriter(f, { grid, bandNames: ["a"], predictor: 2 as 3 }), ArgumentError, ["options.predictor", "2"]);
  refuses("createCogWriter: nodata not exact in Float32", () => createCogWriter(f, { grid, bandNames: ["a"], nodata: 0.1 }), ArgumentError, ["options.nodata", "0.1"]);
  refuses("createCogWriter: an image over a classic TIFF's 4 GiB", () => createCogWriter(f, { grid: { ...grid, width: 40000, height: 30000 }, bandNames: ["a"] }), ArgumentError, ["options.grid", "40000×30000", "4 GiB"]);
  refuses("createCogWriter: an unknown option", () => createCogWriter(f, { grid, bandNames: ["a"], compress: "lzw" } as never), ArgumentError, ["compress"]);
  refuses("writeRows: rows out of order", () => {
    const w = open();
    try { w.writeRows(5, [new Float32Array(40)]); } finally { w.abort(); }
  }, ArgumentError, ["row0", "5", "0"]);
  refuses("writeRows: a band that is not whole rows", () => {
    const w = open();
    try { w.writeRows(0, [new Float32Array(41)]); } finally { w.abort(); }
  }, ArgumentError, ["bands", "41", "40"]);
  refuses("writeRows: two bands for a one-band image", () => {
    const w = open();
    try { w.writeRows(0, [new Float32Array(40), new Float32Array(40)]); } finally { w.abort(); }
  }, ArgumentError, ["bands", "2 bands"]);
  refuses("writeRows: rows past the end", () => {
    const w = open();
    try { w.writeRows(0, [new Float32Array(40 * 21)]); } finally { w.abort(); }
  }, ArgumentError, ["bands", "21 rows"]);
  refuses("writeRows: a value equal to nodata", () => {
    const w = open();
    const a = new Float32Array(80);
    a[47] = -9999;
    try { w.writeRows(0, [a]); } finally { w.abort(); }
  }, ArgumentError, ["bands[0]", "row 1, column 7", "-9999"]);
  refuses("writeRows: an infinite value", () => {
    const w = open();
    const a = new Float32Array(40);
    a[3] = Infinity;
    try { w.writeRows(0, [a]); } finally { w.abort(); }
  }, ArgumentError, ["bands[0]", "Infinity"]);
  refusesAsync("close: before all rows are written (the writer is aborted)", async () => {
    const w = open();
    w.writeRows(0, [new Float32Array(40 * 3)]);
    await w.close();
  }, ArgumentError, ["3 of 20 rows", "bad.tif"]);
  refusesAsync("writeRows after close", async () => {
    const w = open();
    w.writeRows(0, [new Float32Array(40 * 20)]);
    await w.close();
    w.writeRows(20, [new Float32Array(40)]);
  }, ArgumentError, ["closed", "bad.tif"]);
  refusesAsync("writeCog: a raster whose CRS is not an EPSG code", () => writeCog(f, makeRaster({ ...grid, crs: "local" }, [new Float32Array(800)], ["a"])), ArgumentError, ["crs", "local"]);
  it("leaves no temporary files behind after the refusals", () => {
    assert.deepEqual(fs.readdirSync(tmp).filter((n) => n.startsWith(".bad.tif")), []);
  });
});
