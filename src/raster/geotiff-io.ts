/**
 * GeoTIFF reading and writing through the npm package `geotiff` (3.0.5).
 *
 * Reading handles what real products use — strips or tiles, deflate/LZW compression, Cloud
 * Optimized GeoTIFFs — with optional windowed reads. The georeferencing (north-up
 * ModelTiepoint + ModelPixelScale; PixelIsPoint rasters are shifted half a cell to the corner
 * convention), the CRS (EPSG code of the geokeys), GDAL's nodata tag and GDAL band descriptions
 * are read; nodata cells become NaN.
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
import { DataError } from "../core/errors";
import { type Grid } from "./grid";
import { type Raster, DEFAULT_NODATA } from "./raster";
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
  /** Read only this window. */
  window?: CellWindow;
  /** Read only these bands (0-based). */
  bands?: number[];
}

/**
 * Read a GeoTIFF (or COG) into a {@link Raster}.
 *
 * @param file - path of the .tif
 * @param options - optional window and bands
 * @returns the raster (nodata → NaN)
 * @throws DataError naming the file for an unreadable file, a rotated transform, or a window outside the image
 */
export async function readGeoTiff(file: string, options: ReadGeoTiffOptions = {}): Promise<Raster> {
  if (!fs.existsSync(file)) throw new DataError({ file }, "cannot read: no such file");
  // fromFile reads only the header, the IFD and the strips/tiles a window needs (bounded memory)
  const tiff = await fromFile(file).catch((e: unknown) => {
    throw new DataError({ file }, `not a readable GeoTIFF: ${(e as Error).message}`);
  });
  try {
    return await readImage(file, tiff, options);
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
 * Read only a GeoTIFF's header: its grid, band names and nodata (for streaming by windows).
 *
 * @param file - path of the .tif
 * @returns grid, band names and nodata
 * @throws DataError naming the file when it is missing, unreadable or not georeferenced
 */
export async function readGeoTiffInfo(file: string): Promise<GeoTiffInfo> {
  if (!fs.existsSync(file)) throw new DataError({ file }, "cannot read: no such file");
  const tiff = await fromFile(file).catch((e: unknown) => {
    throw new DataError({ file }, `not a readable GeoTIFF: ${(e as Error).message}`);
  });
  try {
    const image = await tiff.getImage();
    const h = imageHeader(file, image);
    const bandNames: string[] = [];
    for (let b = 0; b < h.nSamples; b++) bandNames.push(await bandName(image, b));
    return { grid: h.grid, bandNames, nodata: image.getGDALNoData() ?? DEFAULT_NODATA };
  } finally {
    await tiff.close();
  }
}

async function bandName(image: GeoTIFFImage, b: number): Promise<string> {
  const md = await image.getGDALMetadata(b);
  const d = md?.DESCRIPTION;
  return typeof d === "string" && d.length > 0 ? d : String(b + 1);
}

function imageHeader(file: string, image: GeoTIFFImage): { grid: Grid; nSamples: number } {
  const width = image.getWidth();
  const height = image.getHeight();
  const fd = image.getFileDirectory() as unknown as { getValue(tag: string): unknown };
  const transform = fd.getValue("ModelTransformation") as number[] | undefined;
  if (transform !== undefined && (transform[1] !== 0 || transform[4] !== 0)) throw new DataError({ file }, "rotated or sheared transforms are not supported");
  let origin: number[];
  let res: number[];
  try {
    origin = image.getOrigin();
    res = image.getResolution();
  } catch {
    throw new DataError({ file }, "has no georeferencing (ModelTiepoint/ModelPixelScale or ModelTransformation)");
  }
  const keys = (image.getGeoKeys() ?? {}) as Record<string, number | undefined>;
  const epsg = keys.ProjectedCSTypeGeoKey ?? keys.GeographicTypeGeoKey;
  const crs = epsg === undefined ? "unknown" : epsg === 32767 ? "user-defined" : `EPSG:${epsg}`;
  const resX = res[0]!;
  const resY = Math.abs(res[1]!);
  let originX = origin[0]!;
  let originY = origin[1]!;
  if (keys.GTRasterTypeGeoKey === 2) {
    // PixelIsPoint: the tie point is the centre of the top-left cell
    originX -= resX / 2;
    originY += resY / 2;
  }
  return { grid: { width, height, originX, originY, resX, resY, crs }, nSamples: image.getSamplesPerPixel() };
}

async function readImage(file: string, tiff: GeoTIFF, options: ReadGeoTiffOptions): Promise<Raster> {
  const image = await tiff.getImage();
  const { grid: full, nSamples } = imageHeader(file, image);
  const { width, height, originX, originY, resX, resY, crs } = full;
  const win = options.window ?? { col0: 0, row0: 0, col1: width, row1: height };
  if (win.col0 < 0 || win.row0 < 0 || win.col1 > width || win.row1 > height || win.col1 <= win.col0 || win.row1 <= win.row0) {
    throw new DataError({ file }, `window cols ${win.col0}..${win.col1}, rows ${win.row0}..${win.row1} is outside the ${width}×${height} image`);
  }
  const bands = options.bands ?? Array.from({ length: nSamples }, (_, k) => k);
  const bad = bands.find((b) => !(b >= 0 && b < nSamples));
  if (bad !== undefined) throw new DataError({ file }, `has ${nSamples} bands; band ${bad} requested`);
  const nodataTag = image.getGDALNoData();
  const data = (await image.readRasters({ window: [win.col0, win.row0, win.col1, win.row1], samples: bands, interleave: false })) as unknown as ArrayLike<number>[];
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
  for (const b of bands) names.push(await bandName(image, b));
  const grid: Grid = { width: win.col1 - win.col0, height: win.row1 - win.row0, originX: originX + win.col0 * resX, originY: originY - win.row0 * resY, resX, resY, crs };
  return { grid, bands: out, bandNames: names, nodata: nodataTag ?? DEFAULT_NODATA };
}

/**
 * Encode a raster as GeoTIFF bytes (Float32, uncompressed, one strip per band; see
 * `tiff-encoder.ts` for why the kit encodes itself).
 *
 * @param r - the raster (NaN cells are written as its nodata value)
 * @returns the file's bytes
 * @throws RangeError when the CRS is not an EPSG code
 */
export function encodeGeoTiff(r: Raster): Uint8Array {
  const m = /^EPSG:(\d+)$/.exec(r.grid.crs);
  if (m === null) throw new RangeError(`encodeGeoTiff: CRS must be "EPSG:<code>", got ${r.grid.crs}`);
  const bands = r.bands.map((b) => Float32Array.from(b, (v) => (Number.isNaN(v) ? r.nodata : v)));
  return encodeTiff({
    width: r.grid.width, height: r.grid.height, bands, pixelScale: [r.grid.resX, r.grid.resY], origin: [r.grid.originX, r.grid.originY],
    epsg: Number(m[1]), nodata: r.nodata, bandNames: r.bandNames,
  });
}

/**
 * Write a raster as a GeoTIFF file (see {@link encodeGeoTiff}).
 *
 * @param file - output path (folders are created)
 * @param r - the raster
 * @returns the path written
 */
export function writeGeoTiff(file: string, r: Raster): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, encodeGeoTiff(r));
  return file;
}
