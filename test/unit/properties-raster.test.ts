/**
 * Property-based tests of the raster area (fast-check, small sizes):
 * - streaming per-pixel trends from a GeoTIFF by row blocks equals the in-memory kernel exactly,
 *   for random rasters and random block heights;
 * - GeoTIFF write → read is bit-exact for random Float32 values (incl. NaN, −0, subnormals) and
 *   random grids;
 * - any band whose length does not match the grid is a shape error (ArgumentError) in every entry
 *   that takes bands;
 * - a kit-written GeoTIFF with one layout value changed (a strip offset or byte count, the width,
 *   the height, RowsPerStrip, SamplesPerPixel or BitsPerSample) is refused with a DataError or
 *   reads back bit-identical (a byte count set to 0 is a sparse strip: that band reads as NaN):
 *   never different pixels without an error.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import fc from "fast-check";
import "../bad-input/fast-check-seed";
import {
  ArgumentError, DataError, encodeGeoTiff, encodeTiff, makeRaster, pixelTrends, pixelTrendsFromFile, readGeoTiff, replicateStats, writeGeoTiff, type Grid,
} from "permafrost-kit";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pk-prop-raster-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
let fileNo = 0;
const nextFile = (): string => path.join(tmp, `p${fileNo++}.tif`);

/** A Float32 value: any finite float32 (incl. −0 and subnormals) or NaN, but never the nodata −9999. */
const f32 = fc.oneof(
  { weight: 4, arbitrary: fc.float({ noDefaultInfinity: true, noNaN: true }).filter((v) => v !== -9999) },
  { weight: 1, arbitrary: fc.constant(NaN) },
);

/** A small random grid (1–7 columns, 1–6 rows) with a random origin and cell size. */
const smallGrid = fc.record({
  width: fc.integer({ min: 1, max: 7 }),
  height: fc.integer({ min: 1, max: 6 }),
  originX: fc.double({ min: -180, max: 180, noNaN: true }),
  originY: fc.double({ min: -90, max: 90, noNaN: true }),
  resX: fc.double({ min: 1e-4, max: 10, noNaN: true }),
  resY: fc.double({ min: 1e-4, max: 10, noNaN: true }),
}).map((g): Grid => ({ ...g, crs: "EPSG:4326" }));

function bandsFor(g: Grid, nBands: number): fc.Arbitrary<Float32Array[]> {
  const n = g.width * g.height;
  return fc.array(fc.array(f32, { minLength: n, maxLength: n }).map((v) => Float32Array.from(v)), { minLength: nBands, maxLength: nBands });
}

/** Same values, NaN = NaN and −0 ≠ 0 (Object.is on every cell). */
function sameBits(a: Float32Array, b: Float32Array, what: string): void {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) assert.ok(Object.is(a[i], b[i]), `${what}[${i}]: ${a[i]} vs ${b[i]}`);
}

describe("properties: GeoTIFF I/O and streamed trends", () => {
  it("pixelTrendsFromFile equals pixelTrends in memory exactly, for any block height", async () => {
    const input = smallGrid.chain((g) => fc.record({
      g: fc.constant(g),
      nYears: fc.integer({ min: 3, max: 7 }),
      firstYear: fc.integer({ min: 1990, max: 2010 }),
      blockRows: fc.integer({ min: 1, max: g.height + 2 }),
      values: fc.array(fc.oneof(fc.integer({ min: -500, max: 500 }).map((v) => v / 4), fc.constant(NaN)), { minLength: 7 * g.width * g.height, maxLength: 7 * g.width * g.height }),
      sen: fc.boolean(),
    }));
    await fc.assert(fc.asyncProperty(input, async ({ g, nYears, firstYear, blockRows, values, sen }) => {
      const n = g.width * g.height;
      const bands = Array.from({ length: nYears }, (_, k) => Float32Array.from(values.slice(k * n, (k + 1) * n)));
      const years = bands.map((_, k) => firstYear + k);
      const file = writeGeoTiff(nextFile(), makeRaster(g, bands, years.map(String)));
      const streamed = await pixelTrendsFromFile(file, { blockRows, sen });
      const memory = pixelTrends(bands, years, { sen });
      for (const k of ["mean", "ols", "olsSe", "sen", "mkZ", "mkP", "tau"] as const) sameBits(streamed[k], memory[k], k);
      assert.deepEqual(Array.from(streamed.nYears), Array.from(memory.nYears));
      assert.equal(streamed.tooShort, memory.tooShort);
      assert.equal(streamed.blocks, Math.ceil(g.height / blockRows));
      assert.deepEqual(streamed.years, years);
    }), { numRuns: 25 });
  });

  it("write → read is bit-exact for random Float32 values (NaN, −0, subnormals) and grids", async () => {
    const input = smallGrid.chain((g) => fc.integer({ min: 1, max: 3 }).chain((nb) => fc.record({ g: fc.constant(g), bands: bandsFor(g, nb) })));
    await fc.assert(fc.asyncProperty(input, async ({ g, bands }) => {
      const names = bands.map((_, k) => `band <${k}> & "x"`);
      const file = writeGeoTiff(nextFile(), makeRaster(g, bands, names));
      const back = await readGeoTiff(file);
      // an origin of −0 is the same place as 0 (x + 0 maps −0 to 0); every other grid field is exact
      const signless = (grid: typeof g): typeof g => ({ ...grid, originX: grid.originX + 0, originY: grid.originY + 0 });
      assert.deepEqual(signless(back.grid), signless(g));
      assert.deepEqual(back.bandNames, names);
      assert.equal(back.nodata, -9999);
      bands.forEach((b, k) => sameBits(back.bands[k]!, b, `band ${k}`));
    }), { numRuns: 40 });
  });

  it("any band length other than width × height is an ArgumentError", () => {
    const input = smallGrid.chain((g) => fc.record({
      g: fc.constant(g),
      bad: fc.integer({ min: 0, max: 60 }).filter((n) => n !== g.width * g.height),
      at: fc.integer({ min: 0, max: 2 }),
    }));
    fc.assert(fc.property(input, ({ g, bad, at }) => {
      const n = g.width * g.height;
      const bands = [0, 1, 2].map((k) => new Float32Array(k === at ? bad : n));
      const names = ["2001", "2002", "2003"];
      const isShapeError = (e: unknown): boolean => e instanceof ArgumentError && e.message.includes(`got ${bad}`);
      assert.throws(() => makeRaster(g, bands, names), isShapeError);
      assert.throws(() => encodeGeoTiff({ grid: g, bands, bandNames: names, nodata: -9999 }), isShapeError);
      assert.throws(() => encodeTiff({ width: g.width, height: g.height, bands, pixelScale: [g.resX, g.resY], origin: [g.originX, g.originY], epsg: 4326, nodata: -9999, bandNames: names }), isShapeError);
      if (at > 0) {
        // pixelTrends and replicateStats compare with band 0
        assert.throws(() => pixelTrends(bands, [2001, 2002, 2003]), isShapeError);
        assert.throws(() => replicateStats(bands), isShapeError);
      }
    }), { numRuns: 100 });
  });

  it("one corrupted layout value is refused (DataError) or changes nothing", async () => {
    // tag → which value of the entry to change (an index into the tag's values)
    const tags = [256, 257, 258, 273, 277, 278, 279];
    const input = smallGrid.chain((g) => fc.integer({ min: 1, max: 3 }).chain((nb) => fc.record({
      g: fc.constant(g),
      bands: bandsFor(g, nb),
      tag: fc.constantFrom(...tags),
      which: fc.integer({ min: 0, max: nb - 1 }),
      value: fc.oneof(fc.integer({ min: 0, max: 700 }), fc.integer({ min: -8, max: 8 })),
      relative: fc.boolean(),
    })));
    await fc.assert(fc.asyncProperty(input, async ({ g, bands, tag, which, value, relative }) => {
      const names = bands.map((_, k) => String(2001 + k));
      const bytes = encodeGeoTiff(makeRaster(g, bands, names));
      const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      let p = -1;
      for (let k = 0; k < dv.getUint16(8, true); k++) if (dv.getUint16(10 + k * 12, true) === tag) p = 10 + k * 12;
      assert.ok(p > 0);
      const type = dv.getUint16(p + 2, true);
      const count = dv.getUint32(p + 4, true);
      const size = type === 3 ? 2 : 4;
      const i = Math.min(which, count - 1);
      const at = count * size > 4 ? dv.getUint32(p + 8, true) + i * size : p + 8 + i * size;
      const old = size === 2 ? dv.getUint16(at, true) : dv.getUint32(at, true);
      const v = Math.max(0, relative ? old + value : value);
      if (size === 2) dv.setUint16(at, Math.min(v, 65535), true);
      else dv.setUint32(at, v, true);
      const file = nextFile();
      fs.writeFileSync(file, bytes);
      let back: Awaited<ReturnType<typeof readGeoTiff>>;
      try {
        back = await readGeoTiff(file);
      } catch (e) {
        assert.ok(e instanceof DataError, `expected a DataError, got ${String(e)}`);
        return;
      }
      assert.equal(back.grid.width, g.width);
      assert.equal(back.grid.height, g.height);
      assert.equal(back.bands.length, bands.length);
      // a byte count of 0 is a sparse strip: that band reads as nodata (NaN), as in GDAL
      const sparse = tag === 279 && v === 0 ? i : -1;
      bands.forEach((b, k) => sameBits(back.bands[k]!, k === sparse ? new Float32Array(b.length).fill(NaN) : b, `band ${k}`));
    }), { numRuns: 150 });
  });
});
