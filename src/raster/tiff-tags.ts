/**
 * TIFF tag helpers shared by the kit's two GeoTIFF encoders (tiff-encoder.ts: one strip per band;
 * cog-writer.ts: tiled, deflate, with overviews): little-endian field encoders, the georeferencing
 * tags (ModelPixelScale, ModelTiepoint, GeoKey directory with an EPSG code, PixelIsArea), GDAL's
 * metadata (band descriptions) and nodata tags, and the serialisation of one IFD with its
 * out-of-line values.
 */

/** One IFD entry: tag, TIFF field type, value count and the value bytes (little-endian). */
export interface TiffEntry {
  /** Tag number. */
  tag: number;
  /** TIFF field type (2 ASCII, 3 SHORT, 4 LONG, 12 DOUBLE). */
  type: number;
  /** Number of values. */
  count: number;
  /** The values' bytes. */
  bytes: Uint8Array;
}

/** TIFF field type SHORT (uint16). */
export const TIFF_SHORT = 3;
/** TIFF field type LONG (uint32). */
export const TIFF_LONG = 4;
/** TIFF field type ASCII (NUL-terminated). */
export const TIFF_ASCII = 2;
/** TIFF field type DOUBLE (float64). */
export const TIFF_DOUBLE = 12;

/**
 * A SHORT entry.
 *
 * @param tag - tag number
 * @param v - values (0 … 65535)
 * @returns the entry
 * @example
 * tiffShorts(259, [8]).bytes.length; // 2
 */
export function tiffShorts(tag: number, v: readonly number[]): TiffEntry {
  const b = new Uint8Array(v.length * 2);
  const dv = new DataView(b.buffer);
  v.forEach((x, i) => dv.setUint16(i * 2, x, true));
  return { tag, type: TIFF_SHORT, count: v.length, bytes: b };
}

/**
 * A LONG entry.
 *
 * @param tag - tag number
 * @param v - values (0 … 2³² − 1)
 * @returns the entry
 * @example
 * tiffLongs(256, [4096]).count; // 1
 */
export function tiffLongs(tag: number, v: ArrayLike<number>): TiffEntry {
  const b = new Uint8Array(v.length * 4);
  const dv = new DataView(b.buffer);
  for (let i = 0; i < v.length; i++) dv.setUint32(i * 4, v[i]!, true);
  return { tag, type: TIFF_LONG, count: v.length, bytes: b };
}

/**
 * A DOUBLE entry.
 *
 * @param tag - tag number
 * @param v - values
 * @returns the entry
 * @example
 * tiffDoubles(33550, [0.5, 0.5, 0]).bytes.length; // 24
 */
export function tiffDoubles(tag: number, v: readonly number[]): TiffEntry {
  const b = new Uint8Array(v.length * 8);
  const dv = new DataView(b.buffer);
  v.forEach((x, i) => dv.setFloat64(i * 8, x, true));
  return { tag, type: TIFF_DOUBLE, count: v.length, bytes: b };
}

/**
 * An ASCII entry (NUL-terminated; the count includes the NUL).
 *
 * @param tag - tag number
 * @param s - the text (no NUL inside)
 * @returns the entry
 * @example
 * tiffAscii(42113, "-9999").count; // 6
 */
export function tiffAscii(tag: number, s: string): TiffEntry {
  const bytes = new TextEncoder().encode(`${s}\0`);
  return { tag, type: TIFF_ASCII, count: bytes.length, bytes };
}

/**
 * The georeferencing entries of a north-up image: ModelPixelScale, ModelTiepoint (corner of the
 * top-left cell at raster point (0, 0)), the GeoKey directory (geographic EPSG 4000–4999 or
 * projected, PixelIsArea) and, for a geographic CRS, the GeoAsciiParams citation.
 *
 * @param epsg - EPSG code
 * @param pixelScale - [resX, resY] (positive)
 * @param origin - [x, y] of the top-left corner
 * @returns the entries (tags 33550, 33922, 34735, 34737)
 * @example
 * tiffGeoEntries(4326, [1, 1], [0, 10]).map((e) => e.tag); // [33550, 33922, 34735, 34737]
 */
export function tiffGeoEntries(epsg: number, pixelScale: readonly [number, number], origin: readonly [number, number]): TiffEntry[] {
  const geographic = epsg >= 4000 && epsg < 5000;
  const citation = epsg === 4326 ? "WGS 84|" : `EPSG ${epsg}|`;
  // GeoKeyDirectory: header + keys (GTModelType, GTRasterType, Geographic/Projected CS, citation)
  const keys: number[][] = [
    [1024, 0, 1, geographic ? 2 : 1],
    [1025, 0, 1, 1],
    ...(geographic ? [[2048, 0, 1, epsg], [2049, 34737, citation.length, 0]] : [[3072, 0, 1, epsg]]),
  ];
  const geoKeyDir = [1, 1, 0, keys.length, ...keys.flat()];
  return [
    tiffDoubles(33550, [pixelScale[0], pixelScale[1], 0]),
    tiffDoubles(33922, [0, 0, 0, origin[0], origin[1], 0]),
    tiffShorts(34735, geoKeyDir),
    ...(geographic ? [tiffAscii(34737, citation)] : []),
  ];
}

/**
 * GDAL_METADATA (tag 42112) with one DESCRIPTION item per band. GDAL stores item values XML-escaped
 * twice (CPLES_XML, then the XML serialiser) and unescapes twice on reading: a singly escaped
 * "a & b" reads in GDAL 3.6 as "a " (measured).
 *
 * @param bandNames - one name per band
 * @returns the entry
 * @example
 * new TextDecoder().decode(tiffGdalMetadata(["a&b"]).bytes).includes("a&amp;amp;b"); // true
 */
export function tiffGdalMetadata(bandNames: readonly string[]): TiffEntry {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return tiffAscii(42112, `<GDALMetadata>${bandNames.map((n, b) => `<Item name="DESCRIPTION" sample="${b}" role="description">${esc(esc(n))}</Item>`).join("")}</GDALMetadata>`);
}

/**
 * The bytes one IFD takes in a classic TIFF: the entry table (2 + 12·n + 4) plus the out-of-line
 * values (over 4 bytes each, padded to even length).
 *
 * @param entries - the entries
 * @returns the size in bytes
 * @example
 * tiffIfdSize([tiffShorts(259, [1])]); // 18
 */
export function tiffIfdSize(entries: readonly TiffEntry[]): number {
  let extra = 0;
  for (const e of entries) if (e.bytes.length > 4) extra += e.bytes.length + (e.bytes.length % 2);
  return 2 + entries.length * 12 + 4 + extra;
}

/**
 * Write one IFD (entries sorted by tag as given, then the out-of-line values right after the
 * table) into `out` at byte `at`.
 *
 * @param out - the file bytes (or a buffer the IFD block is assembled in)
 * @param at - byte offset of the IFD in `out`
 * @param entries - entries in ascending tag order
 * @param next - offset of the next IFD (0: none)
 * @param base - the file offset of `out[0]` (when `out` is a piece of the file)
 * @returns the byte after the IFD block
 * @example
 * writeTiffIfd(new Uint8Array(18), 0, [tiffShorts(259, [1])], 0); // 18
 */
export function writeTiffIfd(out: Uint8Array, at: number, entries: readonly TiffEntry[], next: number, base = 0): number {
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  dv.setUint16(at, entries.length, true);
  const tableEnd = at + 2 + entries.length * 12 + 4;
  let valuePos = tableEnd;
  entries.forEach((e, k) => {
    const p = at + 2 + k * 12;
    dv.setUint16(p, e.tag, true);
    dv.setUint16(p + 2, e.type, true);
    dv.setUint32(p + 4, e.count, true);
    if (e.bytes.length <= 4) out.set(e.bytes, p + 8);
    else {
      dv.setUint32(p + 8, base + valuePos, true);
      out.set(e.bytes, valuePos);
      valuePos += e.bytes.length + (e.bytes.length % 2);
    }
  });
  dv.setUint32(tableEnd - 4, next, true);
  return valuePos;
}
