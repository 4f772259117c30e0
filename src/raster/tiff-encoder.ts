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
import { type TiffEntry, tiffAscii, tiffGdalMetadata, tiffGeoEntries, tiffIfdSize, tiffLongs, tiffShorts, writeTiffIfd } from "./tiff-tags";

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
  const bandBytes = img.width * img.height * 4;
  const entries: TiffEntry[] = [
    tiffLongs(256, [img.width]),
    tiffLongs(257, [img.height]),
    tiffShorts(258, Array.from({ length: nb }, () => 32)),
    tiffShorts(259, [1]),
    tiffShorts(262, [1]),
    tiffLongs(273, new Array<number>(nb).fill(0)), // patched below
    tiffShorts(277, [nb]),
    tiffLongs(278, [img.height]),
    tiffLongs(279, new Array<number>(nb).fill(bandBytes)),
    tiffShorts(284, [2]),
    ...(nb > 1 ? [tiffShorts(338, new Array<number>(nb - 1).fill(0))] : []),
    tiffShorts(339, new Array<number>(nb).fill(3)),
    ...tiffGeoEntries(img.epsg, img.pixelScale, img.origin),
    tiffGdalMetadata(img.bandNames),
    tiffAscii(42113, String(img.nodata)),
  ];
  // layout: header (8) | IFD | out-of-line values | band strips
  const dataStart = 8 + tiffIfdSize(entries);
  const offsets = Array.from({ length: nb }, (_, b) => dataStart + b * bandBytes);
  entries[entries.findIndex((e) => e.tag === 273)] = tiffLongs(273, offsets);
  const out = new Uint8Array(dataStart + nb * bandBytes);
  const dv = new DataView(out.buffer);
  out.set([0x49, 0x49, 42, 0]);
  dv.setUint32(4, 8, true);
  writeTiffIfd(out, 8, entries, 0);
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
