/**
 * A minimal GeoTIFF encoder: little-endian baseline TIFF, Float32 samples, uncompressed, one
 * strip per band (PlanarConfiguration 2), with ModelPixelScale, ModelTiepoint, a GeoKey
 * directory (geographic or projected EPSG code, PixelIsArea), GDAL_NODATA and GDAL_METADATA
 * (band descriptions).
 *
 * Why not `geotiff`'s `writeArrayBuffer`? In geotiff 3.0.5 it (a) does not know the type of
 * the GDAL_METADATA tag and throws, and (b) with many bands writes ASCII tags whose values GDAL
 * reports as "contains null byte in value; value incorrectly truncated" (nodata read as 0,
 * band descriptions lost) — measured with Debian GDAL 3.6 on an 18-band file. Reading still
 * uses `geotiff`.
 */

import { ArgumentError } from "../core/errors";
import { checkInteger, checkNumber } from "../core/checks";

interface Entry { tag: number; type: number; count: number; bytes: Uint8Array }

const SHORT = 3;
const LONG = 4;
const ASCII = 2;
const DOUBLE = 12;

function shorts(v: number[]): Uint8Array {
  const b = new Uint8Array(v.length * 2);
  const dv = new DataView(b.buffer);
  v.forEach((x, i) => dv.setUint16(i * 2, x, true));
  return b;
}

function longs(v: number[]): Uint8Array {
  const b = new Uint8Array(v.length * 4);
  const dv = new DataView(b.buffer);
  v.forEach((x, i) => dv.setUint32(i * 4, x, true));
  return b;
}

function doubles(v: number[]): Uint8Array {
  const b = new Uint8Array(v.length * 8);
  const dv = new DataView(b.buffer);
  v.forEach((x, i) => dv.setFloat64(i * 8, x, true));
  return b;
}

function ascii(s: string): Uint8Array {
  return new TextEncoder().encode(`${s}\0`);
}

/** What {@link encodeTiff} writes. */
export interface TiffImage {
  /** Columns. */
  width: number;
  /** Rows. */
  height: number;
  /** One Float32 array per band (row-major), already with nodata in place of missing. */
  bands: Float32Array[];
  /** [resX, resY] (positive). */
  pixelScale: [number, number];
  /** [x, y] of the top-left corner. */
  origin: [number, number];
  /** EPSG code. */
  epsg: number;
  /** Nodata value. */
  nodata: number;
  /** GDAL band descriptions. */
  bandNames: string[];
}

/**
 * Encode a Float32 GeoTIFF.
 *
 * @param img - image, georeferencing and metadata
 * @returns the file's bytes
 * @throws ArgumentError for a bad size, a band that is not a Float32Array of width × height values, a wrong number of band names, a non-finite or non-positive scale, a non-finite origin or nodata, an EPSG code outside 1–32767, or an image too large for a classic TIFF (4 GiB)
 */
export function encodeTiff(img: TiffImage): Uint8Array {
  checkTiffImage(img);
  const nb = img.bands.length;
  const geographic = img.epsg >= 4000 && img.epsg < 5000;
  const citation = img.epsg === 4326 ? "WGS 84|" : `EPSG ${img.epsg}|`;
  // GeoKeyDirectory: header + keys (GTModelType, GTRasterType, Geographic/Projected CS, citation)
  const keys: number[][] = [
    [1024, 0, 1, geographic ? 2 : 1],
    [1025, 0, 1, 1],
    ...(geographic ? [[2048, 0, 1, img.epsg], [2049, 34737, citation.length, 0]] : [[3072, 0, 1, img.epsg]]),
  ];
  const geoKeyDir = [1, 1, 0, keys.length, ...keys.flat()];
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  // GDAL stores item values XML-escaped twice (CPLES_XML, then the XML serialiser) and unescapes
  // twice on reading: a singly escaped "a & b" reads in GDAL 3.6 as "a " (measured)
  const gdalMeta = `<GDALMetadata>${img.bandNames.map((n, b) => `<Item name="DESCRIPTION" sample="${b}" role="description">${esc(esc(n))}</Item>`).join("")}</GDALMetadata>`;
  const bandBytes = img.width * img.height * 4;
  const entries: Entry[] = [
    { tag: 256, type: LONG, count: 1, bytes: longs([img.width]) },
    { tag: 257, type: LONG, count: 1, bytes: longs([img.height]) },
    { tag: 258, type: SHORT, count: nb, bytes: shorts(Array.from({ length: nb }, () => 32)) },
    { tag: 259, type: SHORT, count: 1, bytes: shorts([1]) },
    { tag: 262, type: SHORT, count: 1, bytes: shorts([1]) },
    { tag: 273, type: LONG, count: nb, bytes: longs(new Array<number>(nb).fill(0)) }, // patched below
    { tag: 277, type: SHORT, count: 1, bytes: shorts([nb]) },
    { tag: 278, type: LONG, count: 1, bytes: longs([img.height]) },
    { tag: 279, type: LONG, count: nb, bytes: longs(new Array<number>(nb).fill(bandBytes)) },
    { tag: 284, type: SHORT, count: 1, bytes: shorts([2]) },
    ...(nb > 1 ? [{ tag: 338, type: SHORT, count: nb - 1, bytes: shorts(new Array<number>(nb - 1).fill(0)) }] : []),
    { tag: 339, type: SHORT, count: nb, bytes: shorts(new Array<number>(nb).fill(3)) },
    { tag: 33550, type: DOUBLE, count: 3, bytes: doubles([img.pixelScale[0], img.pixelScale[1], 0]) },
    { tag: 33922, type: DOUBLE, count: 6, bytes: doubles([0, 0, 0, img.origin[0], img.origin[1], 0]) },
    { tag: 34735, type: SHORT, count: geoKeyDir.length, bytes: shorts(geoKeyDir) },
    ...(geographic ? [{ tag: 34737, type: ASCII, count: citation.length + 1, bytes: ascii(citation) }] : []),
    { tag: 42112, type: ASCII, count: 0, bytes: ascii(gdalMeta) },
    { tag: 42113, type: ASCII, count: 0, bytes: ascii(String(img.nodata)) },
  ];
  for (const e of entries) if (e.type === ASCII) e.count = e.bytes.length;
  // layout: header (8) | IFD | out-of-line values | band strips
  const ifdSize = 2 + entries.length * 12 + 4;
  let extra = 0;
  for (const e of entries) if (e.bytes.length > 4) extra += e.bytes.length + (e.bytes.length % 2);
  const dataStart = 8 + ifdSize + extra;
  const offsets = Array.from({ length: nb }, (_, b) => dataStart + b * bandBytes);
  entries.find((e) => e.tag === 273)!.bytes = longs(offsets);
  const out = new Uint8Array(dataStart + nb * bandBytes);
  const dv = new DataView(out.buffer);
  out.set([0x49, 0x49, 42, 0]);
  dv.setUint32(4, 8, true);
  dv.setUint16(8, entries.length, true);
  let valuePos = 8 + ifdSize;
  entries.forEach((e, k) => {
    const p = 10 + k * 12;
    dv.setUint16(p, e.tag, true);
    dv.setUint16(p + 2, e.type, true);
    dv.setUint32(p + 4, e.count, true);
    if (e.bytes.length <= 4) out.set(e.bytes, p + 8);
    else {
      dv.setUint32(p + 8, valuePos, true);
      out.set(e.bytes, valuePos);
      valuePos += e.bytes.length + (e.bytes.length % 2);
    }
  });
  dv.setUint32(10 + entries.length * 12, 0, true);
  img.bands.forEach((band, b) => {
    const o = offsets[b]!;
    for (let i = 0; i < band.length; i++) dv.setFloat32(o + i * 4, band[i]!, true);
  });
  return out;
}

function checkTiffImage(img: TiffImage): void {
  const fn = "encodeTiff";
  if (img === null || typeof img !== "object") throw new ArgumentError({ fn, arg: "img", value: img, expected: "a TiffImage" }, "not an image");
  checkInteger(fn, "img.width", img.width, { min: 1, max: 0xffffffff });
  checkInteger(fn, "img.height", img.height, { min: 1, max: 0xffffffff });
  if (!Array.isArray(img.bands) || img.bands.length === 0) throw new ArgumentError({ fn, arg: "img.bands", value: img.bands, expected: "at least one Float32Array band" }, "no bands");
  if (img.bands.length > 65535) throw new ArgumentError({ fn, arg: "img.bands", value: img.bands.length, expected: "at most 65 535 bands" }, "too many bands");
  const n = img.width * img.height;
  (Array.from(img.bands) as unknown[]).forEach((b, k) => {
    if (!(b instanceof Float32Array)) throw new ArgumentError({ fn, arg: "img.bands", at: k, value: b, expected: "a Float32Array" }, "band is not a Float32Array");
    if (b.length !== n) throw new ArgumentError({ fn, arg: "img.bands", at: k, value: b.length, expected: `${n} values (${img.width}×${img.height})` }, "band has the wrong length");
  });
  if (!Array.isArray(img.bandNames) || img.bandNames.length !== img.bands.length) {
    throw new ArgumentError({ fn, arg: "img.bandNames", value: Array.isArray(img.bandNames) ? img.bandNames.length : img.bandNames, expected: `${img.bands.length} names, one per band` }, "wrong number of band names");
  }
  (Array.from(img.bandNames) as unknown[]).forEach((s, k) => {
    if (typeof s !== "string" || s.includes("\0")) throw new ArgumentError({ fn, arg: "img.bandNames", at: k, value: s, expected: "a string without NUL characters" }, "bad band name");
  });
  if (!Array.isArray(img.pixelScale) || img.pixelScale.length !== 2) throw new ArgumentError({ fn, arg: "img.pixelScale", value: img.pixelScale, expected: "[resX, resY]" }, "not a pixel scale");
  Array.from(img.pixelScale).forEach((v, k) => checkNumber(fn, `img.pixelScale[${k}]`, v, { min: 0, exclusiveMin: true }));
  if (!Array.isArray(img.origin) || img.origin.length !== 2) throw new ArgumentError({ fn, arg: "img.origin", value: img.origin, expected: "[x, y]" }, "not an origin");
  Array.from(img.origin).forEach((v, k) => checkNumber(fn, `img.origin[${k}]`, v));
  checkInteger(fn, "img.epsg", img.epsg, { min: 1, max: 32767 });
  checkNumber(fn, "img.nodata", img.nodata);
  const total = n * 4 * img.bands.length;
  if (total > 0xffffffff - 65536) throw new ArgumentError({ fn, arg: "img", value: `${total} bytes of pixels`, expected: "less than 4 GiB (a classic TIFF); write smaller tiles or use GDAL for BigTIFF" }, "image too large");
}
