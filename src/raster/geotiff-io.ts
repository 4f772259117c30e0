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
 * known), with the library's error as `cause`. A strip/tile whose byte count is 0 is a GDAL
 * "sparse" block and reads as nodata, as in GDAL.
 *
 * Writes are atomic: the bytes go to a temporary file in the target folder, which is then
 * renamed onto the target, so a failed write leaves no partial file (and an existing file intact).
 *
 * Writing (the kit's own encoder, tiff-encoder.ts: geotiff 3.0.5's writer corrupts ASCII tags of
 * multi-band files) produces an uncompressed Float32 GeoTIFF, one strip per band, with EPSG
 * geokeys, GDAL_NODATA and GDAL band descriptions (e.g. years), which GDAL reads back exactly
 * (tested with Debian gdal-bin). It contains no timestamp, so the same raster gives the same
 * bytes. For compressed, tiled output convert with `gdal_translate -co COMPRESS=DEFLATE -co TILED=YES`.
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
 * @returns the file size in bytes
 */
function checkTiffStructure(fn: string, file: string): number {
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
      }
    }
    return size;
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

/**
 * Check every strip/tile's offset + byte count against the file size, and make the image's
 * strip/tile reads check their decoded size and name the file and block on failure.
 *
 * @param file - the file
 * @param image - the image
 * @param size - the file size in bytes
 */
async function checkBlocks(file: string, image: GeoTIFFImage, size: number): Promise<void> {
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
  const planar = image.planarConfiguration;
  const layout: BlockLayout = { tiled, perRow: Math.ceil(width / tw), perCol: Math.ceil(height / th), planar };
  const need = layout.perRow * layout.perCol * (planar === 2 ? image.getSamplesPerPixel() : 1);
  const offsets = (await guardRead(file, offName, () => fd.loadValue(offName))) as ArrayLike<number | bigint> | undefined;
  const counts = (await guardRead(file, cntName, () => fd.loadValue(cntName))) as ArrayLike<number | bigint> | undefined;
  if (offsets === undefined || counts === undefined) throw new DataError({ file }, `corrupt: no ${offsets === undefined ? offName : cntName} tag`);
  if (offsets.length < need || counts.length < need) {
    throw new DataError({ file, value: Math.min(offsets.length, counts.length), expected: `${need} (${layout.perRow}×${layout.perCol} ${tiled ? "tiles" : "strips"}${planar === 2 ? " per band" : ""})` }, `corrupt: too few ${offName}/${cntName}`);
  }
  for (let i = 0; i < need; i++) {
    const off = Number(offsets[i]);
    const cnt = Number(counts[i]);
    if (cnt === 0) continue; // sparse block: nodata, as in GDAL
    if (off + cnt > size) {
      throw new DataError({ file }, `truncated: ${blockLabel(layout, i)} lies at bytes ${off}–${off + cnt - 1}, beyond the end of the file (${size} bytes)`);
    }
  }
  // decoded-size check and file-naming errors for every strip/tile read
  const read = image.getTileOrStrip.bind(image);
  image.getTileOrStrip = async (x, y, sample, decoder, signal) => {
    const index = planar === 2 ? sample * layout.perRow * layout.perCol + y * layout.perRow + x : y * layout.perRow + x;
    let r: Awaited<ReturnType<GeoTIFFImage["getTileOrStrip"]>>;
    try {
      r = await read(x, y, sample, decoder, signal);
    } catch (e) {
      throw new DataError({ file }, `corrupt: cannot decode ${blockLabel(layout, index)}: ${describeThrown(e)}`, { cause: e });
    }
    const bytesPerPixel = planar === 2 ? image.getSampleByteSize(sample) : image.getBytesPerPixel();
    const rows = image.getBlockHeight(y);
    const expected = tw * rows * bytesPerPixel;
    if (r.data.byteLength < expected) {
      throw new DataError({ file, value: `${r.data.byteLength} bytes`, expected: `${expected} bytes (${tw}×${rows} pixels × ${bytesPerPixel} bytes)` }, `truncated or corrupt: ${blockLabel(layout, index)} decodes to too few bytes`);
    }
    return r;
  };
}

/**
 * Open a GeoTIFF after checking its structure, and return its first image with checked strips/tiles.
 *
 * @param fn - the public function
 * @param file - the file
 * @returns the open file (close it) and its first image
 */
async function openChecked(fn: string, file: string): Promise<{ tiff: GeoTIFF; image: GeoTIFFImage }> {
  const size = checkTiffStructure(fn, file);
  const tiff = await guardRead(file, "the header", () => fromFile(file));
  try {
    const image = await guardRead(file, "the first IFD", () => tiff.getImage());
    await checkBlocks(file, image, size);
    return { tiff, image };
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
 * @throws DataError naming the file for a missing, empty, non-TIFF, truncated or corrupt file (with the byte offset or band/strip/tile where known), a rotated transform or missing georeferencing
 * @throws ArgumentError for a bad option: an unknown name, a window that is not integers inside the image, a band that does not exist
 */
export async function readGeoTiff(file: string, options: ReadGeoTiffOptions = {}): Promise<Raster> {
  checkOptions("readGeoTiff", "options", options, ["window", "bands"]);
  // fromFile reads only the header, the IFD and the strips/tiles a window needs (bounded memory)
  const { tiff, image } = await openChecked("readGeoTiff", file);
  try {
    return await readImage(file, image, options);
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
  const { tiff, image } = await openChecked("readGeoTiffInfo", file);
  try {
    const h = imageHeader(file, image);
    const bandNames: string[] = [];
    for (let b = 0; b < h.nSamples; b++) bandNames.push(await bandName(file, image, b));
    return { grid: h.grid, bandNames, nodata: image.getGDALNoData() ?? DEFAULT_NODATA };
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
  if (transform !== undefined && (transform[1] !== 0 || transform[4] !== 0)) throw new DataError({ file }, "rotated or sheared transforms are not supported");
  let origin: number[];
  let res: number[];
  try {
    origin = image.getOrigin();
    res = image.getResolution();
  } catch (e) {
    throw new DataError({ file }, "has no georeferencing (ModelTiepoint/ModelPixelScale or ModelTransformation)", { cause: e });
  }
  let keys: Record<string, number | undefined>;
  try {
    keys = (image.getGeoKeys() ?? {}) as Record<string, number | undefined>;
  } catch (e) {
    throw new DataError({ file }, `not a readable GeoTIFF (reading the GeoKey directory): ${describeThrown(e)}`, { cause: e });
  }
  const epsg = keys.ProjectedCSTypeGeoKey ?? keys.GeographicTypeGeoKey;
  const crs = epsg === undefined ? "unknown" : epsg === 32767 ? "user-defined" : `EPSG:${epsg}`;
  const resX = res[0]!;
  const resY = Math.abs(res[1]!);
  let originX = origin[0]!;
  let originY = origin[1]!;
  if (!(Number.isFinite(resX) && resX > 0 && Number.isFinite(resY) && resY > 0)) throw new DataError({ file, column: "ModelPixelScale", value: `${res[0]} × ${res[1]}`, expected: "positive finite cell sizes" }, "corrupt georeferencing");
  if (!(Number.isFinite(originX) && Number.isFinite(originY))) throw new DataError({ file, column: "ModelTiepoint", value: `(${originX}, ${originY})`, expected: "a finite origin" }, "corrupt georeferencing");
  if (keys.GTRasterTypeGeoKey === 2) {
    // PixelIsPoint: the tie point is the centre of the top-left cell
    originX -= resX / 2;
    originY += resY / 2;
  }
  return { grid: { width, height, originX, originY, resX, resY, crs }, nSamples: image.getSamplesPerPixel() };
}

async function readImage(file: string, image: GeoTIFFImage, options: ReadGeoTiffOptions): Promise<Raster> {
  const fn = "readGeoTiff";
  const { grid: full, nSamples } = imageHeader(file, image);
  const { width, height, originX, originY, resX, resY, crs } = full;
  const win = options.window ?? { col0: 0, row0: 0, col1: width, row1: height };
  if (win === null || typeof win !== "object") throw new ArgumentError({ fn, arg: "options.window", value: win, expected: "{col0, row0, col1, row1}" }, "not a window");
  for (const k of ["col0", "row0", "col1", "row1"] as const) checkInteger(fn, `options.window.${k}`, win[k]);
  if (win.col0 < 0 || win.row0 < 0 || win.col1 > width || win.row1 > height || win.col1 <= win.col0 || win.row1 <= win.row0) {
    throw new ArgumentError({ fn, arg: "options.window", value: `cols ${win.col0}..${win.col1}, rows ${win.row0}..${win.row1}`, expected: `a non-empty window inside the ${width}×${height} image of ${file}` }, `window is outside the ${width}×${height} image`);
  }
  const bands = options.bands ?? Array.from({ length: nSamples }, (_, k) => k);
  if (!Array.isArray(bands) || bands.length === 0) throw new ArgumentError({ fn, arg: "options.bands", value: bands, expected: "a non-empty array of 0-based band indices" }, "not a list of bands");
  bands.forEach((b, k) => {
    if (!(Number.isInteger(b) && b >= 0 && b < nSamples)) throw new ArgumentError({ fn, arg: "options.bands", at: k, value: b, expected: `a 0-based band index 0…${nSamples - 1} (${file} has ${nSamples} bands)` }, "no such band");
  });
  const nodataTag = image.getGDALNoData();
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
  return { grid, bands: out, bandNames: names, nodata: nodataTag ?? DEFAULT_NODATA };
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
