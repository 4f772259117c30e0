/**
 * Bad-input corpus of the raster area (issue "Trust every input"): truncated and corrupt GeoTIFFs
 * (the kit's own files and GDAL's tiled/deflate output), an atomic write that fails, and broken
 * arguments to every raster export. Each case is one broken input; it must be refused with the
 * stated class and a message naming the file (and byte offset / band / strip / tile) or the
 * function, argument, index and value — or be skipped and counted.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { after, describe } from "node:test";
import {
  ArgumentError, DataError, RasterStack, assertSameGrid, encodeGeoTiff, encodeTiff, extractPoints, latitudeBins, lonLatGrid, makeRaster,
  pixelTrends, pixelTrendsFromFile, quantileMaps, readAnnualFiles, readGeoTiff, readGeoTiffInfo, readStackDir, replicateStats, resampleRaster,
  sampleBilinear, sampleNearest, writeGeoTiff, type Raster, type SampleMethod,
} from "permafrost-kit";
import { countsExclusion, refuses, refusesAsync } from "../bad-input/corpus";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pk-bad-raster-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const hasGdal = spawnSync("gdal_translate", ["--version"]).status === 0;

const grid = lonLatGrid([0, 60, 8, 64], 1); // 8×4
const nCells = grid.width * grid.height;
const band = (f: (i: number) => number): Float32Array => Float32Array.from({ length: nCells }, (_, i) => f(i));
const twoBands = (): Raster => makeRaster(grid, [band((i) => i), band((i) => 100 - i)], ["2003", "2004"]);

/** Write `bytes` to a fresh file in tmp and return its path. */
function put(name: string, bytes: Uint8Array | string): string {
  const p = path.join(tmp, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, bytes);
  return p;
}

/** The first `keep` bytes of a file (negative: all but the last −keep bytes). */
function cut(bytes: Uint8Array, keep: number): Uint8Array {
  return bytes.subarray(0, keep < 0 ? bytes.length + keep : keep);
}

/** Byte position of IFD entry `tag` in a classic little-endian TIFF whose IFD is at byte 8 (the kit's writer). */
function entryAt(bytes: Uint8Array, tag: number): number {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = dv.getUint16(8, true);
  for (let k = 0; k < n; k++) if (dv.getUint16(10 + k * 12, true) === tag) return 10 + k * 12;
  throw new Error(`tag ${tag} not found`);
}

const own = encodeGeoTiff(twoBands());
const ownOne = encodeGeoTiff(makeRaster(grid, [band((i) => i * 2)], ["x"]));

// GDAL's tiled deflate output of a 64×64 two-band raster, and a striped deflate one
let gdalTiled = new Uint8Array(0);
let gdalStrips = new Uint8Array(0);
if (hasGdal) {
  const g = lonLatGrid([0, 0, 64, 64], 1);
  const b = Float32Array.from({ length: 64 * 64 }, (_, i) => Math.sin(i / 7) * 100 + 200);
  const src = writeGeoTiff(path.join(tmp, "gdal-src.tif"), makeRaster(g, [b, b], ["2003", "2004"]));
  const tiled = path.join(tmp, "gdal-tiled.tif");
  const strips = path.join(tmp, "gdal-strips.tif");
  assert.equal(spawnSync("gdal_translate", ["-q", "-co", "COMPRESS=DEFLATE", "-co", "TILED=YES", "-co", "BLOCKXSIZE=16", "-co", "BLOCKYSIZE=16", src, tiled]).status, 0);
  assert.equal(spawnSync("gdal_translate", ["-q", "-co", "COMPRESS=DEFLATE", src, strips]).status, 0);
  gdalTiled = fs.readFileSync(tiled);
  gdalStrips = fs.readFileSync(strips);
}
const gdalSkip = hasGdal ? {} : { skip: "gdal-bin not installed" };
/** Register a GDAL case only when gdal-bin is installed (the corpus helpers take no skip option). */
function withGdal(register: () => void): void {
  if (hasGdal) register();
  else describe("GDAL cases", gdalSkip, () => undefined);
}

describe("bad input: truncated and corrupt GeoTIFFs (DataError naming the file and where)", () => {
  {
    const f = put("own-cut30.tif", cut(own, -30));
    refusesAsync("own writer, last 30 bytes cut (inside band 2's pixels)", () => readGeoTiff(f), DataError, ["own-cut30.tif", "truncated", "band 2, strip 1", "beyond the end of the file"]);
  }
  {
    const dv = new DataView(own.buffer, own.byteOffset, own.byteLength);
    const band1 = dv.getUint32(dv.getUint32(entryAt(own, 273) + 8, true), true); // first StripOffsets value
    const f = put("own-band1.tif", cut(own, band1 + 50));
    refusesAsync("own writer, cut 50 bytes into band 1's pixels", () => readGeoTiff(f), DataError, ["own-band1.tif", "band 1, strip 1", `(${band1 + 50} bytes)`]);
  }
  {
    const f = put("own-ifd.tif", cut(own, 100));
    refusesAsync("own writer, cut inside the IFD", () => readGeoTiff(f), DataError, ["own-ifd.tif", "truncated inside the IFD", "byte 8", "100 bytes"]);
  }
  {
    const f = put("own-info-cut.tif", cut(own, -30));
    refusesAsync("own writer, truncated: readGeoTiffInfo refuses it already", () => readGeoTiffInfo(f), DataError, ["own-info-cut.tif", "band 2, strip 1"]);
  }
  {
    const f = put("empty.tif", new Uint8Array(0));
    refusesAsync("zero-length file", () => readGeoTiff(f), DataError, ["empty.tif", "empty file", "0 bytes"]);
  }
  {
    const f = put("text.tif", "site,lat,lon\nA,65,10\n");
    refusesAsync("a CSV saved as .tif (not a TIFF)", () => readGeoTiff(f), DataError, ["text.tif", "not a TIFF file", "73 69 74 65"]);
  }
  {
    const b = Uint8Array.from(own);
    new DataView(b.buffer).setUint32(4, b.length + 1000, true);
    const f = put("ifd-beyond.tif", b);
    refusesAsync("header points at an IFD beyond the end of the file", () => readGeoTiff(f), DataError, ["ifd-beyond.tif", "first IFD", String(own.length + 1000)]);
  }
  {
    const b = Uint8Array.from(own);
    const p = entryAt(b, 259);
    new DataView(b.buffer).setUint16(p + 2, 0, true); // field type 0
    const f = put("bad-type.tif", b);
    refusesAsync("IFD entry with field type 0", () => readGeoTiff(f), DataError, ["bad-type.tif", "tag 259", `byte ${p}`, "unknown field type", "got 0"]);
  }
  {
    // one band, StripByteCounts says 40 bytes: inside the file, but 32 pixels need 128
    const b = Uint8Array.from(ownOne);
    new DataView(b.buffer).setUint32(entryAt(b, 279) + 8, 40, true);
    const f = put("short-strip.tif", b);
    refusesAsync("uncompressed strip shorter than its 8×4 pixels", () => readGeoTiff(f), DataError, ["short-strip.tif", "strip 1", "StripByteCounts", "got \"40 bytes\"", "128 bytes"]);
  }
  {
    // one band, Compression = deflate, a valid stream that inflates to 100 of the 128 bytes
    const b = Uint8Array.from(ownOne);
    const dv = new DataView(b.buffer);
    const start = dv.getUint32(entryAt(b, 273) + 8, true);
    const z = zlib.deflateSync(Buffer.from(b.subarray(start, start + 100)));
    dv.setUint16(entryAt(b, 259) + 8, 8, true);
    dv.setUint32(entryAt(b, 279) + 8, z.length, true);
    const out = new Uint8Array(start + z.length);
    out.set(b.subarray(0, start));
    out.set(z, start);
    const f = put("short-deflate.tif", out);
    refusesAsync("deflate strip that inflates to too few bytes", () => readGeoTiff(f), DataError, ["short-deflate.tif", "strip 1", "decodes to too few bytes", "100 bytes"]);
  }
  withGdal(() => {
    const f1 = put("gdal-tiled-cut30.tif", cut(gdalTiled, -30));
    refusesAsync("GDAL tiled deflate, last 30 bytes cut", () => readGeoTiff(f1), DataError, ["gdal-tiled-cut30.tif", "truncated", "tile 16 (column 4, row 4 of tiles)"]);
    const half = Math.floor(gdalTiled.length / 2);
    const f2 = put("gdal-tiled-half.tif", cut(gdalTiled, half));
    refusesAsync("GDAL tiled deflate, cut in half", () => readGeoTiff(f2, { window: { col0: 0, row0: 0, col1: 4, row1: 4 } }), DataError, ["gdal-tiled-half.tif", "tile", `(${half} bytes)`]);
    const f3 = put("gdal-tiled-ifd.tif", cut(gdalTiled, 120));
    refusesAsync("GDAL tiled deflate, cut inside the IFD", () => readGeoTiff(f3), DataError, ["gdal-tiled-ifd.tif", "truncated inside the IFD", "120 bytes"]);
    const f4 = put("gdal-strips-cut30.tif", cut(gdalStrips, -30));
    refusesAsync("GDAL striped deflate, last 30 bytes cut", () => readGeoTiff(f4), DataError, ["gdal-strips-cut30.tif", "truncated", "strip 4"]);
    const b = Buffer.from(gdalTiled);
    b.fill(0x55, 5000, 5100);
    const f5 = put("gdal-tiled-garbled.tif", b);
    refusesAsync("GDAL tiled deflate with 100 garbled bytes in a tile", () => readGeoTiff(f5), DataError, ["gdal-tiled-garbled.tif", "cannot decode tile", "incorrect data check"]);
  });
  {
    const f = put("trend-cut.tif", cut(own, -30));
    refusesAsync("pixelTrendsFromFile on a truncated annual file", () => pixelTrendsFromFile(f), DataError, ["trend-cut.tif", "band 2, strip 1"]);
  }
  {
    const dir = path.join(tmp, "stack-cut");
    put("stack-cut/ati.tif", own);
    put("stack-cut/soc.tif", cut(own, -30));
    refusesAsync("readStackDir with one truncated predictor", () => readStackDir(dir), DataError, ["soc.tif", "truncated", "band 2"]);
  }
  {
    const dir = path.join(tmp, "annual-cut");
    put("annual-cut/alt_2003.tif", ownOne);
    put("annual-cut/alt_2004.tif", cut(ownOne, -10));
    refusesAsync("readAnnualFiles with one truncated year", () => readAnnualFiles(dir), DataError, ["alt_2004.tif", "strip 1", "beyond the end"]);
  }
  {
    const f = writeGeoTiff(path.join(tmp, "years-backwards.tif"), makeRaster(grid, [band(() => 1), band(() => 2), band(() => 3)], ["2005", "2003", "2004"]));
    refusesAsync("pixelTrendsFromFile on a file whose band years go backwards", () => pixelTrendsFromFile(f), DataError, ["years-backwards.tif", "band 2", "not strictly increasing", '"2003"']);
  }
  {
    const r = twoBands();
    r.bands[1]![13] = Infinity;
    // the kit's writer refuses Infinity, so write the file with the low-level encoder
    const f = put("trend-inf.tif", encodeTiff({ width: 8, height: 4, bands: r.bands, pixelScale: [1, 1], origin: [0, 64], epsg: 4326, nodata: -9999, bandNames: ["2003", "2004"] }));
    refusesAsync("pixelTrendsFromFile with minYears 3 on a 2-year file", () => pixelTrendsFromFile(f, { blockRows: 1, minYears: 3 }), ArgumentError, ["minYears", "at most 2"]);
    refusesAsync("pixelTrendsFromFile on a file with an infinite value (row 2, column 6)", () => pixelTrendsFromFile(f, { blockRows: 1 }), DataError, ["trend-inf.tif", "band 2 (2004), row 2, column 6", "Infinity"]);
  }
});

/** A copy of `bytes` with `patch` applied to a DataView of it, written to tmp as `name`. */
function patched(name: string, bytes: Uint8Array, patch: (dv: DataView, b: Uint8Array) => void): string {
  const b = Uint8Array.from(bytes);
  patch(new DataView(b.buffer), b);
  return put(name, b);
}
/** The out-of-line value offset of IFD entry `tag` (the kit's writer). */
const valueAt = (b: Uint8Array, tag: number): number => new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(entryAt(b, tag) + 8, true);
/** Replace the GDAL_NODATA text (same length or shorter, NUL-padded). */
function withNodataText(name: string, text: string): string {
  return patched(name, ownOne, (_, b) => {
    const at = valueAt(b, 42113);
    const old = new TextDecoder().decode(b.subarray(at, at + 6)); // "-9999\0"
    assert.equal(old, "-9999\0");
    b.fill(0, at, at + 6);
    b.set(new TextEncoder().encode(text), at);
  });
}

describe("bad input: GeoTIFFs corrupted in the middle (round 2: DataError naming the file, the tag or block, and the value)", () => {
  {
    const f = patched("overlap.tif", own, (dv, b) => dv.setUint32(valueAt(b, 273) + 4, dv.getUint32(valueAt(b, 273), true), true));
    refusesAsync("band 2's StripOffset equal to band 1's (overlapping strips)", () => readGeoTiff(f), DataError, ["overlap.tif", "StripOffsets", "band 2, strip 1", "overlaps band 1, strip 1"]);
    refusesAsync("overlapping strips: readGeoTiffInfo refuses it already", () => readGeoTiffInfo(f), DataError, ["overlap.tif", "overlaps band 1, strip 1"]);
  }
  {
    const f = patched("into-ifd.tif", own, (dv, b) => dv.setUint32(valueAt(b, 273), 8, true));
    refusesAsync("band 1's StripOffset pointing into the IFD", () => readGeoTiff(f), DataError, ["into-ifd.tif", "band 1, strip 1 (bytes 8–135)", "overlaps the IFD"]);
  }
  {
    const f = patched("shift2.tif", own, (dv, b) => dv.setUint32(valueAt(b, 273), dv.getUint32(valueAt(b, 273), true) + 2, true));
    refusesAsync("band 1's StripOffset moved by 2 bytes", () => readGeoTiff(f), DataError, ["shift2.tif", "band 2, strip 1", "overlaps band 1, strip 1"]);
  }
  {
    const f = patched("offsets-short.tif", own, (dv, b) => dv.setUint16(entryAt(b, 273) + 2, 3, true));
    refusesAsync("StripOffsets field type LONG changed to SHORT", () => readGeoTiff(f), DataError, ["offsets-short.tif", "StripOffsets", "overlaps the TIFF header"]);
  }
  {
    const f = patched("offset-into-tag.tif", own, (dv, b) => dv.setUint32(valueAt(b, 273), valueAt(b, 33922), true));
    refusesAsync("band 1's StripOffset pointing at the ModelTiepoint values", () => readGeoTiff(f), DataError, ["offset-into-tag.tif", "band 1, strip 1", "overlaps the values of tag 33922"]);
  }
  {
    const f = patched("width7.tif", ownOne, (dv, b) => dv.setUint32(entryAt(b, 256) + 8, 7, true));
    refusesAsync("ImageWidth 8 → 7: the strip holds more bytes than 7×4 pixels", () => readGeoTiff(f), DataError, ["width7.tif", "strip 1 (StripByteCounts)", "got \"128 bytes\"", "112 bytes"]);
  }
  {
    const f = patched("height5.tif", ownOne, (dv, b) => {
      dv.setUint32(entryAt(b, 257) + 8, 5, true);
      dv.setUint32(entryAt(b, 278) + 8, 5, true);
    });
    refusesAsync("ImageLength and RowsPerStrip 4 → 5: the strip holds fewer bytes than 8×5 pixels", () => readGeoTiff(f), DataError, ["height5.tif", "strip 1", "got \"128 bytes\"", "160 bytes"]);
  }
  {
    const f = patched("bps16.tif", own, (dv, b) => {
      dv.setUint16(entryAt(b, 258) + 8, 16, true);
      dv.setUint16(entryAt(b, 258) + 10, 16, true);
    });
    refusesAsync("BitsPerSample 32 → 16 with SampleFormat float (IEEE half)", () => readGeoTiff(f), DataError, ["bps16.tif", "SampleFormat/BitsPerSample", "16-bit IEEE half floats", "IEEE float of 16 bits"]);
  }
  {
    const f = patched("bps8-float.tif", ownOne, (dv, b) => dv.setUint16(entryAt(b, 258) + 8, 8, true));
    refusesAsync("BitsPerSample 8 with SampleFormat float", () => readGeoTiff(f), DataError, ["bps8-float.tif", "unsupported sample type", "IEEE float of 8 bits"]);
  }
  {
    const f = patched("spp1.tif", own, (dv, b) => dv.setUint16(entryAt(b, 277) + 8, 1, true));
    refusesAsync("SamplesPerPixel 2 → 1 (band 2 would be dropped)", () => readGeoTiff(f), DataError, ["spp1.tif", "BitsPerSample", "SamplesPerPixel 1", "got \"2 values\""]);
  }
  {
    // one band, Compression = deflate, a valid stream that inflates to 160 bytes where 128 are needed
    const b = Uint8Array.from(ownOne);
    const dv = new DataView(b.buffer);
    const start = valueAt(b, 273);
    const z = zlib.deflateSync(Buffer.concat([Buffer.from(b.subarray(start, start + 128)), Buffer.alloc(32)]));
    dv.setUint16(entryAt(b, 259) + 8, 8, true);
    dv.setUint32(entryAt(b, 279) + 8, z.length, true);
    const out = new Uint8Array(start + z.length);
    out.set(b.subarray(0, start));
    out.set(z, start);
    const f = put("long-deflate.tif", out);
    refusesAsync("deflate strip that inflates to more bytes than the image needs", () => readGeoTiff(f), DataError, ["long-deflate.tif", "strip 1", "decodes to too many bytes", "160 bytes", "128 bytes"]);
  }
  {
    const f = withNodataText("nodata-x.tif", "-99x9");
    refusesAsync("GDAL_NODATA text \"-99x9\"", () => readGeoTiff(f), DataError, ["nodata-x.tif", "GDAL_NODATA", "not a number", "\"-99x9\""]);
    const g = withNodataText("nodata-abc.tif", "abc");
    refusesAsync("GDAL_NODATA text \"abc\" (readGeoTiffInfo)", () => readGeoTiffInfo(g), DataError, ["nodata-abc.tif", "GDAL_NODATA", "\"abc\""]);
    const h = withNodataText("nodata-empty.tif", "");
    refusesAsync("GDAL_NODATA text empty", () => readGeoTiff(h), DataError, ["nodata-empty.tif", "GDAL_NODATA", "got \"\""]);
  }
  {
    const f = patched("sparse-no-nodata.tif", ownOne, (dv, b) => {
      dv.setUint16(entryAt(b, 42113), 42114, true); // GDAL_NODATA lost
      dv.setUint32(entryAt(b, 279) + 8, 0, true); // StripByteCounts → 0 (sparse)
    });
    refusesAsync("sparse strip (byte count 0) in a file without a nodata value", () => readGeoTiff(f), DataError, ["sparse-no-nodata.tif", "strip 1 (StripByteCounts)", "sparse strip/tile with no nodata value", "got 0"]);
  }
  {
    const f = patched("tie-nan.tif", ownOne, (dv, b) => dv.setFloat64(valueAt(b, 33922) + 24, NaN, true));
    refusesAsync("ModelTiepoint X = NaN", () => readGeoTiff(f), DataError, ["tie-nan.tif", "ModelTiepoint value 4 (X)", "NaN"]);
    const g = patched("tie-i-inf.tif", ownOne, (dv, b) => dv.setFloat64(valueAt(b, 33922), Infinity, true));
    refusesAsync("ModelTiepoint I = Infinity", () => readGeoTiff(g), DataError, ["tie-i-inf.tif", "ModelTiepoint value 1 (I)", "Infinity"]);
  }
  {
    const f = patched("scale-zero.tif", ownOne, (dv, b) => dv.setFloat64(valueAt(b, 33550), 0, true));
    refusesAsync("ModelPixelScale X = 0", () => readGeoTiff(f), DataError, ["scale-zero.tif", "ModelPixelScale X", "got 0", "non-zero cell size"]);
    const g = patched("scale-neg-y.tif", ownOne, (dv, b) => dv.setFloat64(valueAt(b, 33550) + 8, -1, true));
    refusesAsync("ModelPixelScale Y = −1 (south-up by the spec; GDAL guesses north-up)", () => readGeoTiff(g), DataError, ["scale-neg-y.tif", "ModelPixelScale Y", "got -1", "south-up images are not supported"]);
  }
  {
    const f = put("win-extra.tif", own);
    refusesAsync("readGeoTiff window with a misspelt extra key colEnd", () => readGeoTiff(f, { window: { col0: 0, row0: 0, col1: 2, row1: 2, colEnd: 3 } as never }), ArgumentError, ["readGeoTiff", "options.window.colEnd", "unknown option", "col0, row0, col1, row1"]);
  }
  {
    const dir = path.join(tmp, "stack-dup");
    writeGeoTiff(path.join(dir, "tas.tif"), makeRaster(grid, [band(() => 1), band(() => 2), band(() => 3)], ["2001", "2002", "2001"]));
    refusesAsync("readStackDir: an annual file with two bands named 2001", () => readStackDir(dir), DataError, ["tas.tif", "bands 1 and 3", "year 2001 appears twice", '"2001"']);
  }
});

describe("bad input: writing", () => {
  {
    const target = path.join(tmp, "is-a-folder.tif");
    fs.mkdirSync(target, { recursive: true });
    refuses("writeGeoTiff onto a folder: DataError, no temporary file left", () => {
      try {
        writeGeoTiff(target, twoBands());
      } finally {
        assert.deepEqual(fs.readdirSync(tmp).filter((f) => f.includes("is-a-folder.tif.") && f.endsWith(".tmp")), [], "temporary file left behind");
        assert.ok(fs.statSync(target).isDirectory());
      }
    }, DataError, ["is-a-folder.tif", "cannot write"]);
  }
  {
    const target = path.join(tmp, "keep.tif");
    writeGeoTiff(target, twoBands());
    const before = fs.readFileSync(target);
    const bad = twoBands();
    bad.bands[0]![5] = -9999;
    refuses("writeGeoTiff of a value equal to nodata leaves the existing file intact", () => {
      try {
        writeGeoTiff(target, bad);
      } finally {
        assert.deepEqual(fs.readFileSync(target), before);
      }
    }, ArgumentError, ["encodeGeoTiff", "r.bands[0][5]", "-9999", "nodata"]);
  }
  refuses("encodeGeoTiff with NaN nodata", () => encodeGeoTiff({ ...twoBands(), nodata: NaN }), ArgumentError, ["encodeGeoTiff", "r.nodata", "NaN"]);
  refuses("encodeGeoTiff with a band of 31 values on an 8×4 grid", () => encodeGeoTiff({ ...twoBands(), bands: [band((i) => i), new Float32Array(31)] }), ArgumentError, ["encodeGeoTiff", "r.bands[1]", "got 31", "32 values"]);
  refuses("encodeGeoTiff with a CRS that is not an EPSG code", () => encodeGeoTiff({ ...twoBands(), grid: { ...grid, crs: "+proj=longlat" } }), ArgumentError, ["encodeGeoTiff", "r.grid.crs", "+proj=longlat"]);
  refuses("encodeGeoTiff with an infinite value", () => {
    const r = twoBands();
    r.bands[1]![7] = -Infinity;
    return encodeGeoTiff(r);
  }, ArgumentError, ["r.bands[1][7]", "-Infinity"]);
  refuses("encodeTiff with NaN pixel scale", () => encodeTiff({ width: 8, height: 4, bands: [new Float32Array(32)], pixelScale: [NaN, 1], origin: [0, 0], epsg: 4326, nodata: -9999, bandNames: ["a"] }), ArgumentError, ["encodeTiff", "img.pixelScale[0]", "NaN"]);
});

describe("bad input: grids, rasters and sampling (ArgumentError naming the argument)", () => {
  refuses("lonLatGrid with NaN resolution", () => lonLatGrid([0, 60, 8, 64], NaN), ArgumentError, ["lonLatGrid", "res", "NaN"]);
  refuses("lonLatGrid with zero resolution", () => lonLatGrid([0, 60, 8, 64], 0), ArgumentError, ["lonLatGrid", "res", "got 0"]);
  refuses("lonLatGrid with east < west", () => lonLatGrid([8, 60, 0, 64], 1), ArgumentError, ["lonLatGrid", "bbox", "east > west", "[8, 60, 0, 64]"]);
  refuses("lonLatGrid with NaN north", () => lonLatGrid([0, 60, 8, NaN], 1), ArgumentError, ["lonLatGrid", "bbox[3] (north)", "NaN"]);
  refuses("lonLatGrid whose box is not a whole number of cells", () => lonLatGrid([0, 0, 10, 10], 3), ArgumentError, ["lonLatGrid", "res", "got 3", "whole cells"]);
  refuses("makeRaster with a band of 31 values on an 8×4 grid", () => makeRaster(grid, [new Float32Array(32), new Float32Array(31)]), ArgumentError, ["makeRaster", "bands[1]", "got 31", "32 values"]);
  refuses("makeRaster with 1 name for 2 bands", () => makeRaster(grid, [new Float32Array(32), new Float32Array(32)], ["2003"]), ArgumentError, ["makeRaster", "bandNames", "got 1", "2 names"]);
  refuses("makeRaster on a grid with height 0", () => makeRaster({ ...grid, height: 0 }, [new Float32Array(0)]), ArgumentError, ["makeRaster", "grid.height", "got 0"]);
  refuses("sampleNearest at a NaN longitude", () => sampleNearest(grid, new Float32Array(nCells), NaN, 62), ArgumentError, ["sampleNearest", "x", "NaN"]);
  refuses("extractPoints with a NaN latitude at index 2", () => extractPoints(grid, new Float32Array(nCells), [1, 2, 3], [61, 62, NaN]), ArgumentError, ["extractPoints", "ys[2]", "NaN"]);
  refuses("extractPoints with 3 xs and 2 ys", () => extractPoints(grid, new Float32Array(nCells), [1, 2, 3], [61, 62]), ArgumentError, ["extractPoints", "ys", "got 2", "3 values"]);
  refuses("extractPoints with a band that does not fit the grid", () => extractPoints(grid, new Float32Array(10), [1], [61]), ArgumentError, ["extractPoints", "band", "got 10", "32 values"]);
  refuses("resample with method \"cubic\"", () => resampleRaster(twoBands(), grid, "cubic" as SampleMethod), ArgumentError, ["resample", "method", "\"cubic\"", "\"nearest\", \"bilinear\""]);
  refuses("assertSameGrid with a NaN resolution (no longer 'no difference')", () => assertSameGrid(grid, { ...grid, resX: NaN }, "a.tif", "b.tif"), ArgumentError, ["assertSameGrid", "b.resX", "NaN"]);
  refuses("RasterStack.band of an unknown variable", () => {
    const s = new RasterStack();
    s.add({ name: "ati", kind: "static", raster: makeRaster(grid, [new Float32Array(nCells)]), source: "ati.tif" });
    return s.band("soc", 2005);
  }, ArgumentError, ["RasterStack.band", "name", "\"soc\"", "one of ati"]);
  refuses("RasterStack.add of a static layer with 2 bands", () => new RasterStack().add({ name: "soc", kind: "static", raster: twoBands(), source: "soc.tif" }), ArgumentError, ["RasterStack.add", "layer.raster.bands", "got 2", "soc.tif"]);
  refusesAsync("readGeoTiff of a folder", () => readGeoTiff(tmp), DataError, [tmp, "is not a file"]);
  refusesAsync("readStackDir of a folder that does not exist", () => readStackDir(path.join(tmp, "no-such-dir")), DataError, ["no-such-dir", "no such folder"]);
  refusesAsync("readAnnualFiles with a string instead of a RegExp", () => readAnnualFiles(tmp, "*.tif" as never), ArgumentError, ["readAnnualFiles", "pattern", "\"*.tif\""]);
  refuses("sampleBilinear with a band of 5 values on an 8×4 grid", () => sampleBilinear(grid, new Float32Array(5), 1, 62), ArgumentError, ["sampleBilinear", "band", "got 5", "32 values"]);
  refusesAsync("readGeoTiff with a misspelt option", () => readGeoTiff(put("opt.tif", own), { windows: { col0: 0 } } as never), ArgumentError, ["readGeoTiff", "options.windows", "unknown option", "window, bands"]);
  refusesAsync("readGeoTiff with a fractional window", () => readGeoTiff(put("win.tif", own), { window: { col0: 0.5, row0: 0, col1: 4, row1: 4 } }), ArgumentError, ["readGeoTiff", "options.window.col0", "0.5"]);
  refusesAsync("readGeoTiff of band 5 of a 2-band file", () => readGeoTiff(put("band5.tif", own), { bands: [0, 5] }), ArgumentError, ["readGeoTiff", "options.bands[1]", "got 5", "band5.tif has 2 bands"]);
});

describe("bad input: round 2 arguments (ArgumentError naming the function, argument, index and value)", () => {
  refuses("extractPoints with a band of strings", () => extractPoints(grid, Array.from({ length: nCells }, (_, i) => String(i)) as never, [0.5], [63.5]), ArgumentError, ["extractPoints", "band[0]", '"0"']);
  refuses("extractPoints reading a cell that holds Infinity", () => {
    const b = band((i) => i);
    b[9] = Infinity;
    return extractPoints(grid, b, [0.5, 1.5], [63.5, 62.5]);
  }, ArgumentError, ["extractPoints", "band[9]", "row 1, column 1", "point 1", "Infinity"]);
  refuses("extractPoints bilinear between +Infinity and −Infinity (would be NaN, counted as missing)", () => {
    const b = band((i) => i);
    b[1] = Infinity;
    b[2] = -Infinity;
    return extractPoints(grid, b, [2], [63.5], "bilinear");
  }, ArgumentError, ["extractPoints", "band[1]", "point 0", "Infinity"]);
  refuses("sampleBilinear next to a −Infinity cell", () => {
    const b = band((i) => i);
    b[10] = -Infinity;
    return sampleBilinear(grid, b, 2.2, 62.3);
  }, ArgumentError, ["sampleBilinear", "band[10]", "row 1, column 2", "-Infinity"]);
  refuses("sampleNearest on a plain-array band holding a string", () => sampleNearest(grid, Array.from({ length: nCells }, () => "7") as never, 0.5, 63.5), ArgumentError, ["sampleNearest", "band[0]", "non-numeric", '"7"']);
  refuses("replicateStats with one replicate (SD undefined in every cell)", () => replicateStats([new Float32Array(4).fill(1)]), ArgumentError, ["replicateStats", "maps", "got 1", "at least 2"]);
  refuses("replicateStats with a hole in the list of maps", () => replicateStats([new Float32Array(2), , new Float32Array(2)] as Float32Array[]), ArgumentError, ["replicateStats", "maps[1]", "undefined", "Float32Array"]);
  refuses("quantileMaps with a hole in the list of maps", () => quantileMaps([new Float32Array(2), , new Float32Array(2)] as Float32Array[], [0.5]), ArgumentError, ["quantileMaps", "maps[1]", "undefined"]);
  refuses("pixelTrends with a hole in the bands [b, <hole>, b]", () => pixelTrends([new Float32Array(4).fill(1), , new Float32Array(4).fill(3)] as Float32Array[], [2001, 2002, 2003]), ArgumentError, ["pixelTrends", "bands[1]", "undefined", "Float32Array"]);
  refuses("makeRaster with a hole in the bands", () => makeRaster(grid, [band(() => 1), , band(() => 2)] as Float32Array[]), ArgumentError, ["makeRaster", "bands[1]", "undefined", "Float32Array"]);
  refuses("makeRaster with a hole in the band names", () => makeRaster(grid, [band(() => 1), band(() => 2)], ["a", ,] as string[]), ArgumentError, ["makeRaster", "bandNames[1]", "undefined"]);
  refuses("resample onto a 10⁹ × 10⁹ grid", () => resampleRaster(twoBands(), { ...grid, width: 1e9, height: 1e9, resX: 1e-8, resY: 1e-8 }, "nearest"), ArgumentError, ["resample", "target", "1000000000×1000000000", "2147483647 cells"]);
  refuses("RasterStack.add of an annual layer with year 2004 twice", () => new RasterStack().add({ name: "tas", kind: "annual", raster: makeRaster(grid, [band(() => 1), band(() => 2)], ["2004", "2004"]), source: "tas.tif" }), DataError, ["tas.tif", "bands 1 and 2", "year 2004 appears twice"]);
  refusesAsync("readStackDir with a hole in the names", () => readStackDir(tmp, ["a", , "b"] as string[]), ArgumentError, ["readStackDir", "names[1]", "undefined"]);
});

describe("bad input: trends, replicate maps and latitude bins", () => {
  const years = [2003, 2004, 2005, 2006];
  const four = (): Float32Array[] => years.map((_, k) => band((i) => i + k));
  refuses("pixelTrends with 4 bands but 3 years", () => pixelTrends(four(), [2003, 2004, 2005]), ArgumentError, ["pixelTrends", "years", "got 3", "4 years"]);
  refuses("pixelTrends with years out of order", () => pixelTrends(four(), [2003, 2005, 2004, 2006]), ArgumentError, ["pixelTrends", "years[2]", "got 2004", "not strictly increasing"]);
  refuses("pixelTrends with a NaN year", () => pixelTrends(four(), [2003, NaN, 2005, 2006]), ArgumentError, ["pixelTrends", "years[1]", "NaN"]);
  refuses("pixelTrends with minYears 2.5", () => pixelTrends(four(), years, { minYears: 2.5 }), ArgumentError, ["pixelTrends", "options.minYears", "2.5"]);
  refuses("pixelTrends with minYears larger than the years", () => pixelTrends(four(), years, { minYears: 5 }), ArgumentError, ["pixelTrends", "options.minYears", "got 5", "at most 4"]);
  refuses("pixelTrends with a misspelt option", () => pixelTrends(four(), years, { minyears: 4 } as never), ArgumentError, ["pixelTrends", "options.minyears", "unknown option", "minYears"]);
  refuses("pixelTrends with an infinite value", () => {
    const b = four();
    b[2]![9] = Infinity;
    return pixelTrends(b, years);
  }, ArgumentError, ["pixelTrends", "bands[2][9]", "Infinity"]);
  refuses("pixelTrends with 256 years (nYears would wrap around)", () => {
    const ys = Array.from({ length: 256 }, (_, k) => 1800 + k);
    return pixelTrends(ys.map(() => new Float32Array(1)), ys);
  }, ArgumentError, ["pixelTrends", "years[255]", "too many years", "at most 255"]);
  refusesAsync("pixelTrendsFromFile with blockRows 0", () => pixelTrendsFromFile(put("blk.tif", own), { blockRows: 0 }), ArgumentError, ["pixelTrendsFromFile", "options.blockRows", "got 0"]);
  refuses("replicateStats with maps of 2 and 3 cells", () => replicateStats([new Float32Array(2), new Float32Array(3)]), ArgumentError, ["replicateStats", "maps[1]", "got 3", "2 cells"]);
  refuses("replicateStats with no maps", () => replicateStats([]), ArgumentError, ["replicateStats", "maps", "got 0"]);
  refuses("quantileMaps with p = 1.5", () => quantileMaps([new Float32Array(2), new Float32Array(2)], [0.5, 1.5]), ArgumentError, ["quantileMaps", "probs[1]", "1.5", "[0, 1]"]);
  refuses("quantileMaps with p = NaN", () => quantileMaps([new Float32Array(2), new Float32Array(2)], [NaN]), ArgumentError, ["quantileMaps", "probs[0]", "NaN"]);
  refuses("quantileMaps with maps of different sizes", () => quantileMaps([new Float32Array(2), new Float32Array(5)], [0.5]), ArgumentError, ["quantileMaps", "maps[1]", "got 5"]);
  refuses("latitudeBins with width 0", () => latitudeBins(grid, new Float32Array(nCells), { width: 0 }), ArgumentError, ["latitudeBins", "options.width", "got 0"]);
  refuses("latitudeBins with from 85 to 25", () => latitudeBins(grid, new Float32Array(nCells), { from: 85, to: 25 }), ArgumentError, ["latitudeBins", "options.to", "got 25", "options.from (85)"]);
  refuses("latitudeBins with a misspelt option", () => latitudeBins(grid, new Float32Array(nCells), { binWidth: 2 } as never), ArgumentError, ["latitudeBins", "options.binWidth", "unknown option"]);
  refuses("latitudeBins with to = 95 °N", () => latitudeBins(grid, new Float32Array(nCells), { to: 95 }), ArgumentError, ["latitudeBins", "options.to", "got 95"]);
});

describe("counted: what the raster functions skip is counted", () => {
  countsExclusion("extractPoints: points outside the grid are NaN and counted", () => {
    const v = extractPoints(grid, band((i) => i), [0.5, 20, -3, 7.5], [63.5, 62, 62, 60.5]);
    assert.deepEqual(Array.from(v), [0, NaN, NaN, 31]);
    assert.equal(v.outside, 2);
    assert.equal(v.missing, 0);
  });
  countsExclusion("extractPoints: points on missing cells are NaN and counted", () => {
    const b = band((i) => i);
    b[0] = NaN;
    const v = extractPoints(grid, b, [0.5, 1.0], [63.5, 63.5], "bilinear");
    assert.ok(Number.isNaN(v[0]!) && Number.isNaN(v[1]!), "both need cell 0");
    assert.equal(v.missing, 2);
    assert.equal(v.outside, 0);
  });
  countsExclusion("latitudeBins: NaN cells and cells outside the range are counted", () => {
    const b = band((i) => i);
    b[3] = NaN;
    const bins = latitudeBins(grid, b, { width: 1, from: 61, to: 64 }); // row 3 (60.5 °N) is outside
    assert.equal(bins.missing, 1);
    assert.equal(bins.outside, 8);
    assert.equal(bins.reduce((a, x) => a + x.cells, 0), 32 - 1 - 8);
  });
  countsExclusion("replicateStats: cells NaN in any replicate are counted", () => {
    const r = replicateStats([Float32Array.from([1, NaN, 3]), Float32Array.from([2, 2, NaN])]);
    assert.equal(r.nanCells, 2);
    assert.equal(r.mean[0], 1.5);
  });
  countsExclusion("pixelTrends: cells with too few years are counted (regression guard)", () => {
    const years = [2003, 2004, 2005, 2006];
    const b = years.map((_, k) => band((i) => (i === 4 && k > 0 ? NaN : i + k)));
    const m = pixelTrends(b, years);
    assert.equal(m.tooShort, 1);
    assert.equal(m.nYears[4], 1);
    assert.ok(Number.isNaN(m.ols[4]!));
  });
});
