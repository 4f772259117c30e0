/**
 * Google Earth Engine tile sets read as one mosaic (issue 15): a known raster split 2×3 into
 * `x-<row offset>-<col offset>.tif` tiles (uneven sizes) reads back bit for bit equal to the
 * unsplit file for windows inside one tile, across tile borders and over the whole image; a path
 * that exists is one file; every inconsistent tile set is refused naming the files and numbers.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { ArgumentError, DataError, makeRaster, openRasterSource, readGeoTiff, writeCog, writeGeoTiff, type Grid, type Raster } from "permafrost-kit";
import { refusesAsync } from "../bad-input/corpus";
import { sameBits } from "../helpers/same-bits";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pk-mosaic-test-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const W = 37;
const H = 23;
const GRID: Grid = { width: W, height: H, originX: 60, originY: 70, resX: 1 / 120, resY: 1 / 120, crs: "EPSG:4326" };
const ROWS = [0, 10, 23];
const COLS = [0, 12, 25, 37];

function sample(): Raster {
  const a = Float32Array.from({ length: W * H }, (_, i) => (i % 11 === 5 ? NaN : Math.fround(Math.sqrt(i) - 3)));
  const b = Float32Array.from({ length: W * H }, (_, i) => (i % 13 === 0 ? NaN : i * 0.25));
  return makeRaster(GRID, [a, b], ["2003", "2004"]);
}

/** The window [r0, r1) × [c0, c1) of a raster, as a new raster on its own grid. */
function crop(r: Raster, r0: number, r1: number, c0: number, c1: number, edit: Partial<Grid> = {}): Raster {
  const grid: Grid = { ...r.grid, width: c1 - c0, height: r1 - r0, originX: r.grid.originX + c0 * r.grid.resX, originY: r.grid.originY - r0 * r.grid.resY, ...edit };
  const bands = r.bands.map((b) => {
    const out = new Float32Array(grid.width * grid.height);
    for (let i = r0; i < r1; i++) out.set(b.subarray(i * W + c0, i * W + c1), (i - r0) * (c1 - c0));
    return out;
  });
  return makeRaster(grid, bands, r.bandNames, r.nodata);
}

const name = (stem: string, row: number, col: number) => `${stem}-${String(row).padStart(10, "0")}-${String(col).padStart(10, "0")}.tif`;

/** Write the 2×3 split of `r` into a new folder as GEE tiles; `change` may alter or skip a tile. */
function writeTiles(r: Raster, folder: string, change: (i: number, j: number, t: Raster) => Raster | null = (_i, _j, t) => t): string {
  const dir = path.join(tmp, folder);
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 3; j++) {
      const t = change(i, j, crop(r, ROWS[i]!, ROWS[i + 1]!, COLS[j]!, COLS[j + 1]!));
      if (t !== null) writeGeoTiff(path.join(dir, name("x", ROWS[i]!, COLS[j]!)), t);
    }
  }
  return path.join(dir, "x.tif");
}

describe("openRasterSource: a GEE tile set read as one mosaic", () => {
  const r = sample();
  const whole = path.join(tmp, "whole.tif");
  writeGeoTiff(whole, r);
  const set = writeTiles(r, "ok");

  it("has the unsplit raster's grid, bands and nodata, and lists its six files in row, column order", async () => {
    const src = await openRasterSource(set);
    assert.deepEqual(src.grid, GRID);
    assert.equal(src.bandCount, 2);
    assert.deepEqual(src.bandNames, ["2003", "2004"]);
    assert.equal(src.nodata, -9999);
    assert.deepEqual(src.files.map((f) => path.basename(f)), [name("x", 0, 0), name("x", 0, 12), name("x", 0, 25), name("x", 10, 0), name("x", 10, 12), name("x", 10, 25)]);
    assert.deepEqual(src.tiles.map((t) => [t.row0, t.col0, t.height, t.width]), [[0, 0, 10, 12], [0, 12, 10, 13], [0, 25, 10, 12], [10, 0, 13, 12], [10, 12, 13, 13], [10, 25, 13, 12]]);
  });

  it("reads windows bit for bit equal to the unsplit file: inside a tile, across one border, across the four-tile corner, the whole image", async () => {
    const src = await openRasterSource(set);
    for (const w of [
      { col0: 2, row0: 1, col1: 7, row1: 4 },
      { col0: 10, row0: 3, col1: 14, row1: 6 },
      { col0: 11, row0: 8, col1: 27, row1: 12 },
      { col0: 24, row0: 9, col1: 26, row1: 11 },
      { col0: 0, row0: 22, col1: 37, row1: 23 },
      { col0: 0, row0: 0, col1: W, row1: H },
    ]) {
      const want = await readGeoTiff(whole, { window: w });
      const got = await src.readWindow(w);
      want.bands.forEach((b, k) => sameBits(got[k]!, b, `window ${JSON.stringify(w)} band ${k}`));
    }
    const one = await src.readWindow({ col0: 5, row0: 5, col1: 30, row1: 20 }, [1]);
    assert.equal(one.length, 1);
    sameBits(one[0]!, (await readGeoTiff(whole, { window: { col0: 5, row0: 5, col1: 30, row1: 20 }, bands: [1] })).bands[0]!, "band 1 only");
    const all = await src.readAll();
    assert.deepEqual(all.grid, GRID);
    r.bands.forEach((b, k) => sameBits(all.bands[k]!, b, `readAll band ${k}`));
  });

  it("a path that exists is read as one file (a COG too), even when tiles of the same name lie next to it", async () => {
    const cog = path.join(tmp, "ok", "x.tif");
    await writeCog(cog, r, { tileSize: 16 });
    const src = await openRasterSource(cog);
    assert.deepEqual(src.files, [cog]);
    sameBits((await src.readWindow({ col0: 10, row0: 3, col1: 30, row1: 20 }))[1]!, (await readGeoTiff(whole, { window: { col0: 10, row0: 3, col1: 30, row1: 20 }, bands: [1] })).bands[0]!, "single file");
    fs.rmSync(cog);
  });
});

describe("bad tile sets and windows", () => {
  const r = sample();
  const set = writeTiles(r, "ok2");
  refusesAsync("a tile with another cell size", () => openRasterSource(writeTiles(r, "res", (i, j, t) => (i === 1 && j === 2 ? makeRaster({ ...t.grid, resX: 1 / 60 }, t.bands, t.bandNames) : t))), DataError, [name("x", 10, 25), "cell size", "0.0166", name("x", 0, 0)]);
  refusesAsync("a tile in another CRS", () => openRasterSource(writeTiles(r, "crs", (i, j, t) => (i === 0 && j === 1 ? makeRaster({ ...t.grid, crs: "EPSG:4269" }, t.bands, t.bandNames) : t))), DataError, [name("x", 0, 12), "CRS", "EPSG:4269", "EPSG:4326"]);
  refusesAsync("a tile with one band fewer", () => openRasterSource(writeTiles(r, "bands", (i, j, t) => (i === 1 && j === 0 ? makeRaster(t.grid, [t.bands[0]!], ["2003"]) : t))), DataError, [name("x", 10, 0), "band count", "1", "2"]);
  refusesAsync("a tile whose bands are named differently (another export)", () => openRasterSource(writeTiles(r, "names", (i, j, t) => (i === 1 && j === 1 ? makeRaster(t.grid, t.bands, ["2003", "2005"]) : t))), DataError, [name("x", 10, 12), "band 2", "2005", "2004"]);
  refusesAsync("a tile with another nodata value", () => openRasterSource(writeTiles(r, "nodata", (i, j, t) => (i === 0 && j === 2 ? makeRaster(t.grid, t.bands, t.bandNames, -1) : t))), DataError, [name("x", 0, 25), "nodata", "-1", "-9999"]);
  refusesAsync("a tile whose origin does not match the offsets in its name", () => openRasterSource(writeTiles(r, "origin", (i, j, t) => (i === 1 && j === 1 ? makeRaster({ ...t.grid, originX: t.grid.originX + 1 / 120 }, t.bands, t.bandNames) : t))), DataError, [name("x", 10, 12), "origin", "column offset 12", "row offset 10"]);
  refusesAsync("overlapping tiles (a tile one column too wide)", () => openRasterSource(writeTiles(r, "overlap", (i, j, t) => (i === 0 && j === 0 ? crop(r, 0, 10, 0, 13) : t))), DataError, ["overlap", name("x", 0, 0), name("x", 0, 12), "columns 12–12"]);
  refusesAsync("a gap (one tile missing)", () => openRasterSource(writeTiles(r, "gap", (i, j, t) => (i === 1 && j === 1 ? null : t))), DataError, ["gap", "rows 10–22", "columns 12–24", "x.tif"]);
  refusesAsync("a gap (a tile one row too short)", () => openRasterSource(writeTiles(r, "short", (i, j, t) => (i === 1 && j === 2 ? crop(r, 10, 22, 25, 37) : t))), DataError, ["gap", "rows 22–22", "columns 25–36"]);
  refusesAsync("no file and no tiles", () => openRasterSource(path.join(tmp, "ok2", "y.tif")), DataError, ["y.tif", "no tile set"]);
  refusesAsync("a tile name whose offset is not 10 digits", async () => {
    const dir = path.join(tmp, "badname");
    writeTiles(r, "badname");
    fs.renameSync(path.join(dir, name("x", 10, 12)), path.join(dir, "x-0000000010-000000012.tif"));
    await openRasterSource(path.join(dir, "x.tif"));
  }, DataError, ["x-0000000010-000000012.tif", "0000000010-000000012", "10-digit"]);
  refusesAsync("readWindow: a window past the mosaic's right edge", async () => (await openRasterSource(set)).readWindow({ col0: 30, row0: 0, col1: 38, row1: 5 }), ArgumentError, ["window", "cols 30..38", "37×23"]);
  refusesAsync("readWindow: an empty window", async () => (await openRasterSource(set)).readWindow({ col0: 3, row0: 4, col1: 3, row1: 5 }), ArgumentError, ["window", "cols 3..3"]);
  refusesAsync("readWindow: a band that does not exist", async () => (await openRasterSource(set)).readWindow({ col0: 0, row0: 0, col1: 2, row1: 2 }, [2]), ArgumentError, ["bands", "2", "0…1"]);
  it("a tile set of one tile is fine (a small export)", async () => {
    const dir = path.join(tmp, "one");
    fs.mkdirSync(dir);
    writeGeoTiff(path.join(dir, name("x", 0, 0)), r);
    const src = await openRasterSource(path.join(dir, "x.tif"));
    assert.deepEqual(src.grid, GRID);
    assert.equal(src.files.length, 1);
  });
});
