/**
 * GeoTIFF reading and writing through the npm package `geotiff` (3.0.5).
 *
 * Reading handles what real products use — strips or tiles, deflate/LZW compression, Cloud
 * Optimized GeoTIFFs — with optional windowed reads. The georeferencing (north-up
 * ModelTiepoint + ModelPixelScale; PixelIsPoint rasters are shifted half a cell to the corner
 * convention), the CRS (EPSG code of the geokeys), GDAL's nodata tag and GDAL band descriptions
 * are read; nodata cells become NaN.
 *
 * Truncated or corrupt files are refused, never read as zeros: before any pixel is decoded the
 * header and the first IFD are checked against the file size (every out-of-line tag value and
 * every strip/tile's offset + byte count must lie inside the file), each decoded strip/tile must
 * have the size its position in the image requires, and anything the `geotiff` library throws is
 * wrapped in a {@link DataError} naming the file (and the band/strip/tile or byte offset where
 * known), with the library's error as `cause`. A file corrupted in the middle is refused too:
 * - strips/tiles whose byte ranges overlap each other, the header, the IFD or a tag's values;
 * - a StripOffsets/StripByteCounts (TileOffsets/TileByteCounts) count other than the layout needs;
 * - an uncompressed strip/tile whose byte count is not exactly rows × width × bytes per pixel
 *   (chunky: all samples; planar: one) — the last strip may hold fewer rows, or be padded to
 *   RowsPerStrip; a compressed one must decode to exactly that size;
 * - a SampleFormat/BitsPerSample other than unsigned/signed 8/16/32-bit integers and 32/64-bit
 *   floats (16-bit half floats included), or BitsPerSample/SampleFormat counts that do not match
 *   SamplesPerPixel;
 * - GDAL_NODATA text that is not a number ("nan", "inf", "-inf" are accepted, as GDAL writes them);
 * - a NaN/±Infinity tie point or pixel scale, a zero or negative scale (negative ScaleY means
 *   south-up by the spec, GDAL assumes north-up: refused rather than guessed).
 * A tie point at raster point (I, J) ≠ (0, 0) gives the origin X − I·resX, Y + J·resY, as in GDAL.
 * A strip/tile whose byte count is 0 is a GDAL "sparse" block and reads as nodata, as in GDAL;
 * in a file without a nodata value its pixels are unknown and it is refused (GDAL reads 0).
 *
 * Writes are atomic: the bytes go to a temporary file in the target folder, which is then
 * renamed onto the target, so a failed write leaves no partial file (and an existing file intact).
 *
 * Writing (the kit's own encoder, tiff-encoder.ts: geotiff 3.0.5's writer corrupts ASCII tags of
 * multi-band files) produces an uncompressed Float32 GeoTIFF, one strip per band, with EPSG
 * geokeys, GDAL_NODATA and GDAL band descriptions (e.g. years), which GDAL reads back exactly
 * (tested with Debian gdal-bin). It contains no timestamp, so the same raster gives the same
 * bytes. For tiled, deflate-compressed output with overviews (a Cloud Optimized GeoTIFF, written
 * by row blocks in bounded memory) use `writeCog`/`createCogWriter` (cog-writer.ts); the reader
 * reads such files (their first IFD: the full resolution). A GEE tile set is read as one image
 * through `openRasterSource` (mosaic.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type GeoTIFF, type GeoTIFFImage, fromFile } from "geotiff";
import { ArgumentError, DataError, KitError, describeThrown } from "../core/errors";
import { checkInteger, checkOptions } from "../core/checks";
import { type Grid } from "./grid";
import { type Raster, DEFAULT_NODATA, checkRaster } from "./raster";
import { encodeTiff } from "./tiff-encoder";

/** A window of a raster in cells: columns col0 … col1 − 1, rows row0 … row1 − 1. */
export interface CellWindow {
  /** First column. */
  col0: number;
  /** First row (from the top). */
  row0: number;
  /** One past the last column. */
  col1: number;
  /** One past the last row. */
  row1: number;
}

/** Options of {@link readGeoTiff}. */
export interface ReadGeoTiffOptions {
  /** Read only this window (integers inside the image, non-empty). */
  window?: CellWindow;
  /** Read only these bands (0-based integers). */
  bands?: number[];
}

/** Bytes per value of each TIFF field type (TIFF 6.0 and BigTIFF). */
const FIELD_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8 };

/**
 * Check a TIFF's header and first IFD against the file's size with plain reads, before the
 * `geotiff` library parses it (the library reads past the end of a truncated file as zeros, or
 * fails with a message that names neither the file nor the place).
 *
 * @param fn - the public function (for an argument error)
 * @param file - the file
 * @returns the file size in bytes and the byte ranges of the header, IFD and tag values
 */
/** A byte range of a TIFF that pixel data may not overlap (header, IFD, out-of-line tag values). */
interface Reserved { from: number; to: number; what: string }

/** The file size and the byte ranges of its header, first IFD and tag values. */
interface TiffStructure { size: number; reserved: Reserved[] }

function checkTiffStructure(fn: string, file: string): TiffStructure {
  if (typeof file !== "string" || file === "") throw new ArgumentError({ fn, arg: "file", value: file, expected: "a file path" }, "not a file path");
  if (!fs.existsSync(file)) throw new DataError({ file }, "cannot read: no such file");
  const st = fs.statSync(file);
  if (!st.isFile()) throw new DataError({ file }, "is not a file (a folder?)");
  const size = st.size;
  if (size === 0) throw new DataError({ file, value: "0 bytes", expected: "a GeoTIFF" }, "empty file");
  const fd = fs.openSync(file, "r");
  try {
    const read = (pos: number, n: number): DataView => {
      const b = Buffer.alloc(n);
      const got = fs.readSync(fd, b, 0, n, pos);
      if (got < n) throw new DataError({ file }, `truncated: needs bytes ${pos}–${pos + n - 1}, but the file has ${size} bytes`);
      return new DataView(b.buffer, b.byteOffset, n);
    };
    const head = Buffer.alloc(Math.min(16, size));
    fs.readSync(fd, head, 0, head.length, 0);
    const order = head.subarray(0, 2).toString("latin1");
    const hex = [...head.subarray(0, 4)].map((x) => x.toString(16).padStart(2, "0")).join(" ");
    if (order !== "II" && order !== "MM") throw new DataError({ file, column: "bytes 0–3", value: hex, expected: '49 49 2a 00 ("II*") or 4d 4d 00 2a ("MM*")' }, "not a TIFF file");
    if (size < 8) throw new DataError({ file, value: `${size} bytes` , expected: "at least the 8-byte TIFF header" }, "truncated inside the header");
    const le = order === "II";
    const h = new DataView(head.buffer, head.byteOffset, head.length);
    const version = h.getUint16(2, le);
    if (version !== 42 && version !== 43) throw new DataError({ file, column: "bytes 2–3", value: version, expected: "42 (TIFF) or 43 (BigTIFF)" }, "not a TIFF file");
    const big = version === 43;
    if (big && size < 16) throw new DataError({ file, value: `${size} bytes`, expected: "at least the 16-byte BigTIFF header" }, "truncated inside the header");
    const ifd = big ? Number(h.getBigUint64(8, le)) : h.getUint32(4, le);
    const countSize = big ? 8 : 2;
    if (ifd < (big ? 16 : 8) || ifd + countSize > size) throw new DataError({ file, column: `bytes ${big ? "8–15" : "4–7"}`, value: ifd, expected: `a first-IFD offset inside the file (${size} bytes)` }, "truncated or corrupt: the first IFD is beyond the end of the file");
    const cv = read(ifd, countSize);
    const count = big ? Number(cv.getBigUint64(0, le)) : cv.getUint16(0, le);
    const entrySize = big ? 20 : 12;
    const end = ifd + countSize + count * entrySize + (big ? 8 : 4);
    if (count === 0) throw new DataError({ file, column: `byte ${ifd}`, value: 0, expected: "at least one IFD entry" }, "corrupt: empty IFD");
    if (end > size) throw new DataError({ file }, `truncated inside the IFD: the IFD at byte ${ifd} has ${count} entries ending at byte ${end}, but the file has ${size} bytes`);
    const entries = read(ifd + countSize, count * entrySize);
    const reserved: Reserved[] = [{ from: 0, to: big ? 16 : 8, what: "the TIFF header" }, { from: ifd, to: end, what: `the IFD (bytes ${ifd}–${end - 1})` }];
    for (let k = 0; k < count; k++) {
      const p = k * entrySize;
      const tag = entries.getUint16(p, le);
      const type = entries.getUint16(p + 2, le);
      const n = big ? Number(entries.getBigUint64(p + 4, le)) : entries.getUint32(p + 4, le);
      const bytes = FIELD_SIZE[type];
      const at = ifd + countSize + p;
      if (bytes === undefined) throw new DataError({ file, column: `IFD entry ${k + 1} (tag ${tag}) at byte ${at}`, value: type, expected: "a TIFF field type 1–13 or 16–18" }, "corrupt: unknown field type");
      const len = bytes * n;
      if (len > (big ? 8 : 4)) {
        const off = big ? Number(entries.getBigUint64(p + 12, le)) : entries.getUint32(p + 8, le);
        if (off + len > size) throw new DataError({ file }, `truncated or corrupt: the values of tag ${tag} (IFD entry ${k + 1}) lie at bytes ${off}–${off + len - 1}, beyond the end of the file (${size} bytes)`);
        reserved.push({ from: off, to: off + len, what: `the values of tag ${tag} (bytes ${off}–${off + len - 1})` });
      }
    }
    return { size, reserved };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Run a call into the `geotiff` library, turning anything it throws into a {@link DataError}
 * naming the file and what was being read.
 *
 * @param file - the file
 * @param what - what is being read ("the IFD", "band names")
 * @param body - the call
 * @returns what the call returns
 */
async function guardRead<T>(file: string, what: string, body: () => Promise<T> | T): Promise<T> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof KitError) throw e;
    throw new DataError({ file }, `not a readable GeoTIFF (reading ${what}): ${describeThrown(e)}`, { cause: e });
  }
}

/** The checked layout of an image's strips or tiles. */
interface BlockLayout {
  tiled: boolean;
  perRow: number;
  perCol: number;
  planar: 1 | 2;
}

function blockLabel(l: BlockLayout, index: number): string {
  const perBand = l.perRow * l.perCol;
  const band = l.planar === 2 ? `band ${Math.floor(index / perBand) + 1}, ` : "";
  const k = index % perBand;
  const where = l.tiled ? `tile ${k + 1} (column ${(k % l.perRow) + 1}, row ${Math.floor(k / l.perRow) + 1} of tiles)` : `strip ${k + 1}`;
  return `${band}${where}`;
}

/** The sample formats the reader decodes: SampleFormat code → BitsPerSample values. */
const DECODABLE: Record<number, readonly number[]> = { 1: [8, 16, 32], 2: [8, 16, 32], 3: [32, 64] };
const FORMAT_NAME: Record<number, string> = { 1: "unsigned integer", 2: "signed integer", 3: "IEEE float" };

/**
 * A tag's value(s) as an array (the library returns a single value for a count of 1).
 *
 * @param v - the value as the library returns it
 * @returns the values, or undefined when the tag is absent
 */
function asList(v: unknown): number[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "number" || typeof v === "bigint") return [Number(v)];
  return Array.from(v as ArrayLike<number | bigint>, Number);
}

/**
 * Check that every sample has a SampleFormat/BitsPerSample the reader decodes correctly
 * (unsigned/signed 8, 16, 32-bit integers, 32/64-bit floats), the same for all samples, with one
 * value per sample (or one for all).
 *
 * @param file - the file
 * @param image - the image
 */
async function checkSampleType(file: string, image: GeoTIFFImage): Promise<void> {
  const fd = image.getFileDirectory();
  const spp = image.getSamplesPerPixel();
  if (!(Number.isInteger(spp) && spp >= 1)) throw new DataError({ file, column: "SamplesPerPixel", value: spp, expected: "an integer ≥ 1" }, "corrupt header");
  const bits = asList(await guardRead(file, "BitsPerSample", () => fd.loadValue("BitsPerSample")));
  const formats = asList(await guardRead(file, "SampleFormat", () => fd.loadValue("SampleFormat"))) ?? [1];
  if (bits === undefined) throw new DataError({ file, column: "BitsPerSample", value: "missing", expected: "a BitsPerSample tag" }, "corrupt header");
  for (const [tag, list] of [["BitsPerSample", bits], ["SampleFormat", formats]] as const) {
    if (list.length !== 1 && list.length !== spp) throw new DataError({ file, column: tag, value: `${list.length} values`, expected: spp === 1 ? "1 (SamplesPerPixel)" : `1 or ${spp} (SamplesPerPixel)` }, `corrupt header: ${tag} does not match SamplesPerPixel ${spp}`);
    const k = list.findIndex((v) => v !== list[0]);
    if (k >= 0) throw new DataError({ file, column: `${tag} of sample ${k + 1}`, value: list[k], expected: `${list[0]}, as sample 1` }, "samples of different types are not supported");
  }
  const f = formats[0]!;
  const bps = bits[0]!;
  if (!(DECODABLE[f] ?? []).includes(bps)) {
    const ok = Object.entries(DECODABLE).map(([c, b]) => `${FORMAT_NAME[Number(c)]} ${b.join("/")}`).join(", ");
    throw new DataError({ file, column: "SampleFormat/BitsPerSample", value: `${FORMAT_NAME[f] ?? `SampleFormat ${f}`} of ${bps} bits`, expected: `one of: ${ok} bits` }, f === 3 && bps === 16 ? "unsupported sample type (16-bit IEEE half floats are not supported)" : "unsupported sample type");
  }
}

/**
 * Check every strip/tile's offset + byte count against the file size, the image's layout and each
 * other (no overlaps, nothing inside the header, IFD or tag values; an uncompressed block has
 * exactly the bytes its pixels need), and make the image's strip/tile reads check their decoded
 * size, refuse a sparse block when the file has no nodata value, and name the file and block on failure.
 *
 * @param file - the file
 * @param image - the image
 * @param structure - the file size and the reserved byte ranges
 * @param nodata - the file's nodata value (null: none)
 */
async function checkBlocks(file: string, image: GeoTIFFImage, structure: TiffStructure, nodata: number | null): Promise<void> {
  const { size } = structure;
  const fd = image.getFileDirectory();
  const tiled = image.isTiled;
  const offName = tiled ? "TileOffsets" : "StripOffsets";
  const cntName = tiled ? "TileByteCounts" : "StripByteCounts";
  const width = image.getWidth();
  const height = image.getHeight();
  const tw = image.getTileWidth();
  const th = image.getTileHeight();
  if (!(width >= 1 && height >= 1)) throw new DataError({ file, value: `${width}×${height}`, expected: "at least 1×1 pixels" }, "empty image");
  if (!(tw >= 1 && th >= 1)) throw new DataError({ file, value: `${tw}×${th}`, expected: "a positive strip or tile size" }, `corrupt ${tiled ? "TileWidth/TileLength" : "RowsPerStrip"}`);
  await checkSampleType(file, image);
  const planar = image.planarConfiguration;
  const spp = image.getSamplesPerPixel();
  const layout: BlockLayout = { tiled, perRow: Math.ceil(width / tw), perCol: Math.ceil(height / th), planar };
  const perBand = layout.perRow * layout.perCol;
  const need = perBand * (planar === 2 ? spp : 1);
  const offsets = (await guardRead(file, offName, () => fd.loadValue(offName))) as ArrayLike<number | bigint> | undefined;
  const counts = (await guardRead(file, cntName, () => fd.loadValue(cntName))) as ArrayLike<number | bigint> | undefined;
  if (offsets === undefined || counts === undefined) throw new DataError({ file }, `corrupt: no ${offsets === undefined ? offName : cntName} tag`);
  const nOff = asList(offsets)!.length;
  const nCnt = asList(counts)!.length;
  if (nOff !== need || nCnt !== need) {
    throw new DataError({ file, column: nOff !== need ? offName : cntName, value: nOff !== need ? nOff : nCnt, expected: `${need} (${layout.perRow}×${layout.perCol} ${tiled ? "tiles" : "strips"}${planar === 2 ? ` per band × ${spp} bands` : ""})` }, `corrupt: the number of ${offName}/${cntName} does not match the image's ${width}×${height} pixels`);
  }
  const compression = Number(fd.getValue("Compression") ?? 1);
  const bytesPerPixel = planar === 2 ? image.getSampleByteSize(0) : image.getBytesPerPixel();
  const ranges: Reserved[] = [...structure.reserved];
  let sparse = false;
  for (let i = 0; i < need; i++) {
    const off = Number(asList(offsets[i])![0]);
    const cnt = Number(asList(counts[i])![0]);
    if (cnt === 0) {
      sparse = true;
      continue; // sparse block: nodata, as in GDAL (refused on reading when there is no nodata value)
    }
    if (off + cnt > size) {
      throw new DataError({ file }, `truncated: ${blockLabel(layout, i)} lies at bytes ${off}–${off + cnt - 1}, beyond the end of the file (${size} bytes)`);
    }
    if (compression === 1) {
      const row = Math.floor((i % perBand) / layout.perRow);
      const rows = image.getBlockHeight(row);
      const expected = tw * rows * bytesPerPixel;
      // the last strip may also be stored padded to RowsPerStrip rows (libtiff reads both)
      const padded = tw * th * bytesPerPixel;
      if (cnt !== expected && cnt !== padded) {
        throw new DataError({ file, column: `${blockLabel(layout, i)} (${cntName})`, value: `${cnt} bytes`, expected: `${expected} bytes (${tw}×${rows} pixels × ${bytesPerPixel} bytes, uncompressed)` }, `corrupt: ${blockLabel(layout, i)} does not hold the bytes its pixels need`);
      }
    }
    ranges.push({ from: off, to: off + cnt, what: `${blockLabel(layout, i)} (bytes ${off}–${off + cnt - 1})` });
  }
  ranges.sort((x, y) => x.from - y.from || x.to - y.to);
  for (let k = 1; k < ranges.length; k++) {
    const a = ranges[k - 1]!;
    const b = ranges[k]!;
    if (b.from < a.to) {
      const [blk, other] = /^(band|strip|tile)/.test(b.what) ? [b, a] : [a, b];
      throw new DataError({ file }, `corrupt ${offName}: ${blk.what} overlaps ${other.what}`);
    }
  }
  if (sparse && nodata === null) {
    const i = Array.from({ length: need }, (_, k) => k).find((k) => Number(asList(counts[k])![0]) === 0)!;
    throw new DataError({ file, column: `${blockLabel(layout, i)} (${cntName})`, value: 0, expected: "a byte count > 0, or a GDAL_NODATA tag" }, "sparse strip/tile with no nodata value: its pixels are unknown");
  }
  // decoded-size check, sparse blocks filled with the nodata value, and file-naming errors for every strip/tile read
  const read = image.getTileOrStrip.bind(image);
  image.getTileOrStrip = async (x, y, sample, decoder, signal) => {
    const index = planar === 2 ? sample * perBand + y * layout.perRow + x : y * layout.perRow + x;
    let r: Awaited<ReturnType<GeoTIFFImage["getTileOrStrip"]>>;
    try {
      r = await read(x, y, sample, decoder, signal);
    } catch (e) {
      throw new DataError({ file }, `corrupt: cannot decode ${blockLabel(layout, index)}: ${describeThrown(e)}`, { cause: e });
    }
    const rows = image.getBlockHeight(y);
    const expected = tw * rows * bytesPerPixel;
    const padded = tw * th * bytesPerPixel;
    const got = r.data.byteLength;
    if (got !== expected && got !== padded) {
      throw new DataError({ file, value: `${got} bytes`, expected: `${expected} bytes (${tw}×${rows} pixels × ${bytesPerPixel} bytes)` }, `truncated or corrupt: ${blockLabel(layout, index)} decodes to too ${got < expected ? "few" : "many"} bytes`);
    }
    if (Number(asList(counts[index])![0]) === 0) {
      // the library fills a sparse block with `GDAL_NODATA || 0`: fill it with the parsed value (NaN too)
      const view = image.getArrayForSample(sample, r.data) as unknown as { fill(v: number): void; 0: number };
      view.fill(nodata!);
      if (!(view[0] === nodata || (Number.isNaN(view[0]) && Number.isNaN(nodata)))) {
        throw new DataError({ file, column: blockLabel(layout, index), value: nodata, expected: "a nodata value the sample type can hold" }, "sparse strip/tile whose nodata value cannot be stored in the file's sample type");
      }
    }
    return r;
  };
}

/**
 * The file's GDAL_NODATA value, parsed strictly: a decimal number, or "nan"/"inf"/"-inf" (any
 * case) as GDAL writes them. Text that is not a number is refused (it would leave the fill value
 * as data).
 *
 * @param file - the file
 * @param image - the image
 * @returns the nodata value, or null when the file has none
 */
function gdalNoData(file: string, image: GeoTIFFImage): number | null {
  const fd = image.getFileDirectory();
  if (!fd.hasTag("GDAL_NODATA")) return null;
  const raw: unknown = fd.getValue("GDAL_NODATA");
  if (typeof raw !== "string") throw new DataError({ file, column: "GDAL_NODATA (tag 42113)", value: raw, expected: "ASCII text" }, "corrupt nodata tag");
  const text = raw.replace(/\0+$/, "").trim();
  const lower = text.toLowerCase();
  if (lower === "nan" || lower === "-nan" || lower === "+nan") return NaN;
  if (lower === "inf" || lower === "+inf" || lower === "infinity") return Infinity;
  if (lower === "-inf" || lower === "-infinity") return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    throw new DataError({ file, column: "GDAL_NODATA (tag 42113)", value: raw.replace(/\0+$/, ""), expected: 'a number (e.g. "-9999") or "nan"' }, "nodata value is not a number");
  }
  return Number(text);
}

/**
 * Open a GeoTIFF after checking its structure, and return its first image with checked strips/tiles.
 *
 * @param fn - the public function
 * @param file - the file
 * @returns the open file (close it), its first image and its nodata value (null: none)
 */
async function openChecked(fn: string, file: string): Promise<{ tiff: GeoTIFF; image: GeoTIFFImage; nodata: number | null }> {
  const structure = checkTiffStructure(fn, file);
  const tiff = await guardRead(file, "the header", () => fromFile(file));
  try {
    const image = await guardRead(file, "the first IFD", () => tiff.getImage());
    const nodata = gdalNoData(file, image);
    await checkBlocks(file, image, structure, nodata);
    return { tiff, image, nodata };
  } catch (e) {
    await tiff.close();
    throw e;
  }
}

/**
 * Read a GeoTIFF (or COG) into a {@link Raster}. Truncated and corrupt files are refused (see the
 * module comment); nodata cells and sparse blocks become NaN.
 *
 * @param file - path of the .tif
 * @param options - optional window and bands (`window`, `bands`; other names are an error)
 * @returns the raster (nodata → NaN)
 * @throws DataError naming the file for a missing, empty, non-TIFF, truncated or corrupt file (with the byte offset, tag or band/strip/tile where known: overlapping strips, byte counts that do not fit the header, an unsupported sample type, nodata text that is not a number, a sparse block without nodata), a rotated, mirrored or south-up transform, or missing or non-finite georeferencing
 * @throws ArgumentError for a bad option: an unknown name (also inside `window`), a window that is not integers inside the image, a band that does not exist
 */
export async function readGeoTiff(file: string, options: ReadGeoTiffOptions = {}): Promise<Raster> {
  checkOptions("readGeoTiff", "options", options, ["window", "bands"]);
  // fromFile reads only the header, the IFD and the strips/tiles a window needs (bounded memory)
  const { tiff, image, nodata } = await openChecked("readGeoTiff", file);
  try {
    return await readImage(file, image, nodata, options);
  } finally {
    await tiff.close();
  }
}

/** What a GeoTIFF's header says, without reading pixels. */
export interface GeoTiffInfo {
  /** The full image's grid. */
  grid: Grid;
  /** Band names (GDAL descriptions, else "1", "2", …). */
  bandNames: string[];
  /** Nodata value (the default when the file has none). */
  nodata: number;
}

/**
 * Read only a GeoTIFF's header: its grid, band names and nodata (for streaming by windows). The
 * same structure checks as {@link readGeoTiff} run, so a truncated file is refused here already.
 *
 * @param file - path of the .tif
 * @returns grid, band names and nodata
 * @throws DataError naming the file when it is missing, empty, not a TIFF, truncated, corrupt or not georeferenced
 */
export async function readGeoTiffInfo(file: string): Promise<GeoTiffInfo> {
  const { tiff, image, nodata } = await openChecked("readGeoTiffInfo", file);
  try {
    const h = imageHeader(file, image);
    const bandNames: string[] = [];
    for (let b = 0; b < h.nSamples; b++) bandNames.push(await bandName(file, image, b));
    return { grid: h.grid, bandNames, nodata: rasterNoData(nodata) };
  } finally {
    await tiff.close();
  }
}

/** How a GeoTIFF's values are stored, as GDAL records it (see {@link readGeoTiffStorage}). */
export interface GeoTiffStorage {
  /** The GDAL_NODATA value (stored units), or null when the file has none. */
  nodata: number | null;
  /** Per band: GDAL's scale and offset (value = stored × scale + offset), each null when the file does not state it. */
  bands: { scale: number | null; offset: number | null }[];
}

/**
 * Read how a GeoTIFF's values are stored: the GDAL_NODATA tag and each band's scale and offset
 * from the GDAL_METADATA tag (`<Item name="SCALE" sample="0" role="scale">0.1</Item>`, and
 * `OFFSET`), as `gdal_translate -a_scale/-a_offset` writes them. Only the header is read; the
 * same structure checks as {@link readGeoTiff} run. {@link readGeoTiff} and
 * {@link readGeoTiffInfo} return stored values and do not apply the scale: a product reader
 * (`openAltProduct`) does.
 *
 * @param file - path of the .tif
 * @returns the nodata value (null: none) and, per band, scale and offset (null: not stated)
 * @throws DataError naming the file and band when a SCALE or OFFSET item is not a finite number, and for a missing, truncated or corrupt file (as {@link readGeoTiffInfo})
 * @example
 * writeGeoTiff("a.tif", makeRaster(lonLatGrid([0, 0, 2, 1], 1), [new Float32Array([1, 2])], ["2003"]));
 * const s = await readGeoTiffStorage("a.tif");
 * s.nodata; // -9999
 * s.bands[0].scale; // null
 */
export async function readGeoTiffStorage(file: string): Promise<GeoTiffStorage> {
  const { tiff, image, nodata } = await openChecked("readGeoTiffStorage", file);
  try {
    const bands: GeoTiffStorage["bands"] = [];
    for (let b = 0; b < image.getSamplesPerPixel(); b++) {
      const md = await guardRead(file, `the GDAL metadata of band ${b + 1}`, () => image.getGDALMetadata(b));
      const item = (name: string): number | null => {
        const raw = md?.[name];
        if (raw === undefined || raw === null) return null;
        const text = typeof raw === "string" ? raw.trim() : "";
        const v = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
        if (!Number.isFinite(v)) throw new DataError({ file, column: `GDAL_METADATA item ${name} of band ${b + 1}`, value: raw, expected: "a finite number" }, `${name.toLowerCase()} is not a number`);
        return v;
      };
      bands.push({ scale: item("SCALE"), offset: item("OFFSET") });
    }
    return { nodata, bands };
  } finally {
    await tiff.close();
  }
}

async function bandName(file: string, image: GeoTIFFImage, b: number): Promise<string> {
  const md = await guardRead(file, `the GDAL metadata of band ${b + 1}`, () => image.getGDALMetadata(b));
  const d = md?.DESCRIPTION;
  // geotiff returns the XML text as stored; GDAL (and the kit's writer) escape item values twice
  return typeof d === "string" && d.length > 0 ? unescapeXml(unescapeXml(d)) : String(b + 1);
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-fA-F]+));/g, (m, name: string, dec?: string, hex?: string) => {
    if (dec !== undefined) return String.fromCodePoint(Number(dec));
    if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
    return ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" } as Record<string, string>)[name] ?? m;
  });
}

function imageHeader(file: string, image: GeoTIFFImage): { grid: Grid; nSamples: number } {
  const width = image.getWidth();
  const height = image.getHeight();
  const fd = image.getFileDirectory() as unknown as { getValue(tag: string): unknown };
  let transform: number[] | undefined;
  try {
    transform = fd.getValue("ModelTransformation") as number[] | undefined;
  } catch (e) {
    throw new DataError({ file }, `not a readable GeoTIFF (reading ModelTransformation): ${describeThrown(e)}`, { cause: e });
  }
  let tie: number[] | undefined;
  let scale: number[] | undefined;
  try {
    tie = asList(fd.getValue("ModelTiepoint"));
    scale = asList(fd.getValue("ModelPixelScale"));
  } catch (e) {
    throw new DataError({ file }, `not a readable GeoTIFF (reading ModelTiepoint/ModelPixelScale): ${describeThrown(e)}`, { cause: e });
  }
  let originX: number;
  let originY: number;
  let resX: number;
  let resY: number;
  if (tie !== undefined && tie.length === 6 && scale !== undefined) {
    // GDAL (and the GeoTIFF spec): raster point (I, J) lies at model point (X, Y), so the
    // top-left corner is X − I·scaleX, Y + J·scaleY
    const bad = tie.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new DataError({ file, column: `ModelTiepoint value ${bad + 1} (${["I", "J", "K", "X", "Y", "Z"][bad]})`, value: tie[bad], expected: "a finite number" }, "corrupt georeferencing");
    if (scale.length < 2) throw new DataError({ file, column: "ModelPixelScale", value: `${scale.length} values`, expected: "at least 2 (scaleX, scaleY)" }, "corrupt georeferencing");
    for (let k = 0; k < 2; k++) {
      const v = scale[k]!;
      if (!(Number.isFinite(v) && v !== 0)) throw new DataError({ file, column: `ModelPixelScale ${k === 0 ? "X" : "Y"}`, value: v, expected: "a finite, non-zero cell size" }, "corrupt georeferencing");
    }
    if (scale[0]! < 0) throw new DataError({ file, column: "ModelPixelScale X", value: scale[0], expected: "a positive cell width (columns running east)" }, "mirrored images are not supported");
    if (scale[1]! < 0) throw new DataError({ file, column: "ModelPixelScale Y", value: scale[1], expected: "a positive cell height (north-up: rows running south)" }, "negative ScaleY: south-up images are not supported (the GeoTIFF spec reads it as south-up, GDAL warns and assumes north-up)");
    [resX, resY] = [scale[0]!, scale[1]!];
    originX = tie[3]! - tie[0]! * resX;
    originY = tie[4]! + tie[1]! * resY;
  } else {
    if (transform !== undefined) {
      if (transform.length < 8) throw new DataError({ file, column: "ModelTransformation", value: `${transform.length} values`, expected: "16 values" }, "corrupt georeferencing");
      if (transform[1] !== 0 || transform[4] !== 0) throw new DataError({ file }, "rotated or sheared transforms are not supported");
      const [a, d, e, f] = [transform[0]!, transform[3]!, transform[5]!, transform[7]!];
      if (![a, d, e, f].every(Number.isFinite) || a === 0 || e === 0) throw new DataError({ file, column: "ModelTransformation", value: `[${transform.join(", ")}]`, expected: "finite values and non-zero cell sizes" }, "corrupt georeferencing");
      if (a < 0) throw new DataError({ file, column: "ModelTransformation (cell width)", value: a, expected: "a positive cell width (columns running east)" }, "mirrored images are not supported");
      if (e > 0) throw new DataError({ file, column: "ModelTransformation (cell height)", value: e, expected: "a negative value (north-up: rows running south)" }, "south-up images are not supported");
      [resX, resY, originX, originY] = [a, -e, d, f];
    } else {
      throw new DataError({ file }, "has no georeferencing (ModelTiepoint/ModelPixelScale or ModelTransformation)");
    }
  }
  let keys: Record<string, number | undefined>;
  try {
    keys = (image.getGeoKeys() ?? {}) as Record<string, number | undefined>;
  } catch (e) {
    throw new DataError({ file }, `not a readable GeoTIFF (reading the GeoKey directory): ${describeThrown(e)}`, { cause: e });
  }
  const epsg = keys.ProjectedCSTypeGeoKey ?? keys.GeographicTypeGeoKey;
  const crs = epsg === undefined ? "unknown" : epsg === 32767 ? "user-defined" : `EPSG:${epsg}`;
  if (!(Number.isFinite(originX) && Number.isFinite(originY))) throw new DataError({ file, column: "ModelTiepoint", value: `(${originX}, ${originY})`, expected: "a finite origin" }, "corrupt georeferencing");
  if (keys.GTRasterTypeGeoKey === 2) {
    // PixelIsPoint: the tie point is the centre of the top-left cell
    originX -= resX / 2;
    originY += resY / 2;
  }
  return { grid: { width, height, originX, originY, resX, resY, crs }, nSamples: image.getSamplesPerPixel() };
}

/**
 * The nodata value a {@link Raster} carries: the file's when finite, else the default (NaN/±Infinity cells are NaN in memory anyway).
 *
 * @param nodata - the file's nodata value (null: none)
 * @returns the value for `Raster.nodata`
 */
function rasterNoData(nodata: number | null): number {
  return nodata !== null && Number.isFinite(nodata) ? nodata : DEFAULT_NODATA;
}

async function readImage(file: string, image: GeoTIFFImage, nodataTag: number | null, options: ReadGeoTiffOptions): Promise<Raster> {
  const fn = "readGeoTiff";
  const { grid: full, nSamples } = imageHeader(file, image);
  const { width, height, originX, originY, resX, resY, crs } = full;
  const win = options.window ?? { col0: 0, row0: 0, col1: width, row1: height };
  if (win === null || typeof win !== "object") throw new ArgumentError({ fn, arg: "options.window", value: win, expected: "{col0, row0, col1, row1}" }, "not a window");
  checkOptions(fn, "options.window", win, ["col0", "row0", "col1", "row1"]);
  for (const k of ["col0", "row0", "col1", "row1"] as const) checkInteger(fn, `options.window.${k}`, win[k]);
  if (win.col0 < 0 || win.row0 < 0 || win.col1 > width || win.row1 > height || win.col1 <= win.col0 || win.row1 <= win.row0) {
    throw new ArgumentError({ fn, arg: "options.window", value: `cols ${win.col0}..${win.col1}, rows ${win.row0}..${win.row1}`, expected: `a non-empty window inside the ${width}×${height} image of ${file}` }, `window is outside the ${width}×${height} image`);
  }
  const bands = options.bands ?? Array.from({ length: nSamples }, (_, k) => k);
  if (!Array.isArray(bands) || bands.length === 0) throw new ArgumentError({ fn, arg: "options.bands", value: bands, expected: "a non-empty array of 0-based band indices" }, "not a list of bands");
  for (let k = 0; k < bands.length; k++) {
    const b = bands[k];
    if (!(Number.isInteger(b) && b! >= 0 && b! < nSamples)) throw new ArgumentError({ fn, arg: "options.bands", at: k, value: b, expected: `a 0-based band index 0…${nSamples - 1} (${file} has ${nSamples} bands)` }, "no such band");
  }
  const data = (await guardRead(file, "pixels", () => image.readRasters({ window: [win.col0, win.row0, win.col1, win.row1], samples: bands, interleave: false }))) as unknown as ArrayLike<number>[];
  // a Float32 file stores the nodata value rounded to float32
  const nodataF = nodataTag === null ? NaN : Math.fround(nodataTag);
  const out = data.map((arr) => {
    const f = new Float32Array(arr.length);
    for (let i = 0; i < arr.length; i++) {
      const v = arr[i]!;
      f[i] = v === nodataTag || v === nodataF ? NaN : v;
    }
    return f;
  });
  const names: string[] = [];
  for (const b of bands) names.push(await bandName(file, image, b));
  const grid: Grid = { width: win.col1 - win.col0, height: win.row1 - win.row0, originX: originX + win.col0 * resX, originY: originY - win.row0 * resY, resX, resY, crs };
  return { grid, bands: out, bandNames: names, nodata: rasterNoData(nodataTag) };
}

/**
 * Encode a raster as GeoTIFF bytes (Float32, uncompressed, one strip per band; see
 * `tiff-encoder.ts` for why the kit encodes itself). NaN cells are written as the raster's
 * nodata value.
 *
 * @param r - the raster: valid grid with an "EPSG:<code>" CRS, bands of width × height values, one name per band, a finite nodata that is exact in Float32
 * @returns the file's bytes
 * @throws ArgumentError for an invalid raster, a CRS that is not an EPSG code, a nodata that is NaN or not exact in Float32, a ±Infinity value, or a value equal to nodata (it would read back as missing), naming the band and cell
 */
export function encodeGeoTiff(r: Raster): Uint8Array {
  const fn = "encodeGeoTiff";
  checkRaster(fn, "r", r);
  const m = /^EPSG:(\d+)$/.exec(r.grid.crs);
  if (m === null) throw new ArgumentError({ fn, arg: "r.grid.crs", value: r.grid.crs, expected: '"EPSG:<code>"' }, "CRS is not an EPSG code");
  const nodata = r.nodata;
  if (Math.fround(nodata) !== nodata) throw new ArgumentError({ fn, arg: "r.nodata", value: nodata, expected: "a value exact in Float32 (e.g. -9999)" }, "nodata would change when stored as Float32");
  const bands = r.bands.map((b, k) => {
    const out = new Float32Array(b.length);
    for (let i = 0; i < b.length; i++) {
      const v = b[i]!;
      if (Number.isNaN(v)) out[i] = nodata;
      else if (v === nodata || v === Infinity || v === -Infinity) {
        throw new ArgumentError({ fn, arg: `r.bands[${k}]`, at: i, value: v, expected: `a finite value other than the nodata value ${nodata} (NaN for missing)` }, v === nodata ? "value equals nodata and would read back as missing" : "infinite value");
      } else out[i] = v;
    }
    return out;
  });
  return encodeTiff({
    width: r.grid.width, height: r.grid.height, bands, pixelScale: [r.grid.resX, r.grid.resY], origin: [r.grid.originX, r.grid.originY],
    epsg: Number(m[1]), nodata, bandNames: r.bandNames,
  });
}

/**
 * Write a raster as a GeoTIFF file (see {@link encodeGeoTiff}), atomically: the bytes go to a
 * temporary file in the same folder, which is then renamed onto `file`. A failure leaves no
 * partial file at `file` (an existing file there is left as it was) and no temporary file.
 *
 * @param file - output path (folders are created)
 * @param r - the raster
 * @returns the path written
 * @throws ArgumentError for an invalid raster (see {@link encodeGeoTiff}) or a bad path
 * @throws DataError naming the file when it cannot be written
 */
export function writeGeoTiff(file: string, r: Raster): string {
  if (typeof file !== "string" || file === "") throw new ArgumentError({ fn: "writeGeoTiff", arg: "file", value: file, expected: "a file path" }, "not a file path");
  const bytes = encodeGeoTiff(r);
  writeFileAtomic(file, bytes);
  return file;
}

/**
 * Write bytes to a file atomically: a temporary file in the same folder, then `fs.renameSync`.
 *
 * @param file - the target
 * @param bytes - the content
 */
function writeFileAtomic(file: string, bytes: Uint8Array): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // the temporary file could not be removed either; the original error is what matters
    }
    throw new DataError({ file }, `cannot write: ${describeThrown(e)}`, { cause: e });
  }
}
