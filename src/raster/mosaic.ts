/**
 * A raster source read by window: one GeoTIFF, or a Google Earth Engine tile set read as one
 * mosaic. Earth Engine splits a large export `x` into files `x-RRRRRRRRRR-CCCCCCCCCC.tif`, where
 * the first 10-digit number is the tile's row offset and the second its column offset, in pixels
 * of the full image. {@link openRasterSource} reads only the headers; {@link RasterSource.readWindow}
 * reads only the tiles a window touches, each by window (bounded memory: never the whole mosaic).
 *
 * A tile set is refused loudly (DataError naming the files and numbers) unless it is one clean
 * image: the same CRS, cell size, band count, band names and nodata in every tile, every tile's
 * origin where its name puts it, no overlaps and no gaps (the tiles cover a full rectangle
 * starting at offset 0-0). Issue 15 / paper 1 §2.3: the predictors at 1 km come as such exports.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ArgumentError, DataError } from "../core/errors";
import { checkInteger, checkOptions } from "../core/checks";
import { type Grid } from "./grid";
import { type Raster } from "./raster";
import { type CellWindow, type GeoTiffInfo, readGeoTiff, readGeoTiffInfo } from "./geotiff-io";

/** One file of a {@link RasterSource}: its path and where it lies in the full image. */
export interface SourceTile {
  /** The file. */
  file: string;
  /** Row offset in the full image (the first number of a GEE tile name). */
  row0: number;
  /** Column offset in the full image (the second number). */
  col0: number;
  /** Rows. */
  height: number;
  /** Columns. */
  width: number;
}

/** A raster read by window: one GeoTIFF or a GEE tile set (see {@link openRasterSource}). */
export interface RasterSource {
  /** The path asked for (`x.tif`, which may not exist for a tile set). */
  readonly path: string;
  /** The full image's grid. */
  readonly grid: Grid;
  /** Number of bands. */
  readonly bandCount: number;
  /** Band names (GDAL descriptions, else "1", "2", …). */
  readonly bandNames: string[];
  /** Nodata value of the files (the default when they have none). */
  readonly nodata: number;
  /** The files, sorted by row then column offset (one file when `path` exists). */
  readonly files: string[];
  /** The files with their offsets and sizes. */
  readonly tiles: SourceTile[];
  /**
   * Read a window of the full image, touching only the tiles it overlaps.
   *
   * @param window - cells col0 … col1 − 1, rows row0 … row1 − 1 (integers inside the image, non-empty)
   * @param bands - 0-based bands to read (default all)
   * @returns one Float32Array per band, (col1 − col0) × (row1 − row0) values row-major; nodata → NaN
   * @throws ArgumentError for a window outside the image or a band that does not exist
   * @throws DataError naming the file when a tile cannot be read
   */
  readWindow(window: CellWindow, bands?: number[]): Promise<Float32Array[]>;
  /**
   * Read the whole image (all tiles) as one raster: only for images that fit in memory.
   *
   * @param bands - 0-based bands to read (default all)
   * @returns the raster
   * @throws ArgumentError for a band that does not exist
   */
  readAll(bands?: number[]): Promise<Raster>;
}

/** A GEE tile name's offsets: `<stem>-<10 digits>-<10 digits>.tif`. */
const TILE_OFFSETS = /^(\d{10})-(\d{10})$/;

/**
 * The files of a GEE tile set `x.tif`: the `x-<a>-<b>.tif` in its folder, with a and b parsed.
 *
 * @param file - the path asked for
 * @returns the tiles (sizes not yet known), unsorted
 */
function listTileSet(file: string): { file: string; row0: number; col0: number }[] {
  const dir = path.dirname(file);
  const base = path.basename(file);
  if (!base.endsWith(".tif")) throw new DataError({ file, expected: "a .tif file, or the x.tif of a tile set x-<row>-<col>.tif" }, "cannot read: no such file");
  const stem = base.slice(0, -4);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    throw new DataError({ file }, `cannot read: no such file, and its folder ${dir} cannot be listed`);
  }
  const out: { file: string; row0: number; col0: number }[] = [];
  for (const n of names.sort()) {
    if (!n.startsWith(`${stem}-`) || !n.endsWith(".tif")) continue;
    const middle = n.slice(stem.length + 1, -4);
    const parts = middle.split("-");
    if (parts.length !== 2) continue; // another file sharing the prefix (e.g. x-2.tif), not a tile
    const m = TILE_OFFSETS.exec(middle);
    if (m === null) {
      throw new DataError({ file: path.join(dir, n), column: "file name", value: middle, expected: `<10-digit row offset>-<10-digit column offset>, as ${stem}-0000000000-0000023296.tif` }, "bad offset in a tile name of an Earth Engine tile set");
    }
    out.push({ file: path.join(dir, n), row0: Number(m[1]), col0: Number(m[2]) });
  }
  if (out.length === 0) throw new DataError({ file, expected: `the file, or tiles ${stem}-<10 digits>-<10 digits>.tif in ${dir}` }, "cannot read: no such file and no tile set");
  return out;
}

/** Cell sizes (and origins, in cells) agree when they differ by less than this fraction of a cell. */
const CELL_TOLERANCE = 1e-6;

/**
 * Open a raster source for reading by window: `file` itself when it exists, else the Google Earth
 * Engine tile set `<stem>-<row offset>-<col offset>.tif` next to it (stem = `file` without
 * `.tif`), read as one mosaic. Only the headers are read here.
 *
 * @param file - path of the GeoTIFF, or the name the tile set was exported under (`x.tif`)
 * @returns the source: grid, band count and names, nodata, files, `readWindow`, `readAll`
 * @throws DataError naming the files and numbers: no file and no tile set; a tile name whose offsets are not two 10-digit numbers; tiles whose CRS, cell size, band count, band names or nodata differ; a tile whose origin does not match the offsets in its name; tiles that overlap; a gap (the tiles do not cover a full rectangle from offset 0-0); any file the GeoTIFF reader refuses
 * @example
 * const g = lonLatGrid([0, 0, 4, 2], 1);
 * writeGeoTiff("x-0000000000-0000000000.tif", makeRaster({ ...g, width: 2 }, [new Float32Array([1, 2, 5, 6])], ["v"]));
 * writeGeoTiff("x-0000000000-0000000002.tif", makeRaster({ ...g, width: 2, originX: 2 }, [new Float32Array([3, 4, 7, 8])], ["v"]));
 * const src = await openRasterSource("x.tif");
 * src.grid.width; // 4
 * (await src.readWindow({ col0: 1, row0: 1, col1: 3, row1: 2 }))[0]; // Float32Array [6, 7]
 */
export async function openRasterSource(file: string): Promise<RasterSource> {
  if (typeof file !== "string" || file === "") throw new ArgumentError({ fn: "openRasterSource", arg: "file", value: file, expected: "a file path" }, "not a file path");
  const single = fs.existsSync(file);
  const listed = single ? [{ file, row0: 0, col0: 0 }] : listTileSet(file);
  listed.sort((a, b) => a.row0 - b.row0 || a.col0 - b.col0);
  const infos: GeoTiffInfo[] = [];
  for (const t of listed) infos.push(await readGeoTiffInfo(t.file));
  const first = infos[0]!;
  const g0 = first.grid;
  const ref = listed[0]!;
  const tiles: SourceTile[] = [];
  listed.forEach((t, k) => {
    const info = infos[k]!;
    const g = info.grid;
    const differs = (what: string, got: unknown, want: unknown): never => {
      throw new DataError({ file: t.file, column: what, value: got, expected: `${String(want)}, as in ${ref.file}` }, `the tiles of ${file} differ in ${what}`);
    };
    if (g.crs !== g0.crs) differs("CRS", g.crs, g0.crs);
    if (Math.abs(g.resX - g0.resX) > CELL_TOLERANCE * g0.resX || Math.abs(g.resY - g0.resY) > CELL_TOLERANCE * g0.resY) differs("cell size", `${g.resX} × ${g.resY}`, `${g0.resX} × ${g0.resY}`);
    if (info.bandNames.length !== first.bandNames.length) differs("band count", info.bandNames.length, first.bandNames.length);
    const nb = info.bandNames.findIndex((n, b) => n !== first.bandNames[b]);
    if (nb >= 0) differs(`the name of band ${nb + 1}`, info.bandNames[nb], first.bandNames[nb]);
    if (info.nodata !== first.nodata) differs("nodata", info.nodata, first.nodata);
    // the origin the offsets in the name put this tile at, relative to the tile at (row0, col0) of the first one
    const wantX = g0.originX + (t.col0 - ref.col0) * g0.resX;
    const wantY = g0.originY - (t.row0 - ref.row0) * g0.resY;
    if (Math.abs(g.originX - wantX) > CELL_TOLERANCE * g0.resX || Math.abs(g.originY - wantY) > CELL_TOLERANCE * g0.resY) {
      throw new DataError({ file: t.file, column: "origin", value: `(${g.originX}, ${g.originY})`, expected: `(${wantX}, ${wantY}): row offset ${t.row0}, column offset ${t.col0} from its name, on the grid of ${ref.file} (origin (${g0.originX}, ${g0.originY}), cells ${g0.resX} × ${g0.resY})` }, "tile origin does not match the offsets in its name");
    }
    tiles.push({ file: t.file, row0: t.row0, col0: t.col0, height: g.height, width: g.width });
  });
  const { width, height } = checkCover(file, tiles);
  const grid: Grid = { width, height, originX: g0.originX - ref.col0 * g0.resX, originY: g0.originY + ref.row0 * g0.resY, resX: g0.resX, resY: g0.resY, crs: g0.crs };
  return makeSource(file, grid, first.bandNames, first.nodata, tiles);
}

/**
 * Check that the tiles cover the rectangle 0 … maxRow × 0 … maxCol exactly once: on the lattice of
 * all tile edges, every cell of the lattice belongs to exactly one tile.
 *
 * @param file - the path asked for (for messages)
 * @param tiles - the tiles
 * @returns the full image's size
 */
function checkCover(file: string, tiles: SourceTile[]): { width: number; height: number } {
  const rows = [...new Set(tiles.flatMap((t) => [t.row0, t.row0 + t.height]).concat(0))].sort((a, b) => a - b);
  const cols = [...new Set(tiles.flatMap((t) => [t.col0, t.col0 + t.width]).concat(0))].sort((a, b) => a - b);
  const height = rows[rows.length - 1]!;
  const width = cols[cols.length - 1]!;
  const rowAt = new Map(rows.map((v, i) => [v, i]));
  const colAt = new Map(cols.map((v, i) => [v, i]));
  const nc = cols.length - 1;
  const owner = new Int32Array((rows.length - 1) * nc).fill(-1);
  tiles.forEach((t, k) => {
    const [i0, i1] = [rowAt.get(t.row0)!, rowAt.get(t.row0 + t.height)!];
    const [j0, j1] = [colAt.get(t.col0)!, colAt.get(t.col0 + t.width)!];
    for (let i = i0; i < i1; i++) {
      for (let j = j0; j < j1; j++) {
        const o = owner[i * nc + j]!;
        if (o >= 0) {
          const a = tiles[o]!;
          throw new DataError({ file: t.file, value: `rows ${t.row0}–${t.row0 + t.height - 1}, columns ${t.col0}–${t.col0 + t.width - 1}`, expected: `no overlap with ${a.file} (rows ${a.row0}–${a.row0 + a.height - 1}, columns ${a.col0}–${a.col0 + a.width - 1})` }, `tiles of ${file} overlap at rows ${rows[i]}–${rows[i + 1]! - 1}, columns ${cols[j]}–${cols[j + 1]! - 1}`);
        }
        owner[i * nc + j] = k;
      }
    }
  });
  const gap = owner.indexOf(-1);
  if (gap >= 0) {
    const i = Math.floor(gap / nc);
    const j = gap % nc;
    throw new DataError({ file, value: `${tiles.length} tiles: ${tiles.map((t) => path.basename(t.file)).join(", ")}`, expected: `tiles covering the full ${width}×${height} rectangle` }, `gap in the tile set: no tile covers rows ${rows[i]}–${rows[i + 1]! - 1}, columns ${cols[j]}–${cols[j + 1]! - 1}`);
  }
  return { width, height };
}

function makeSource(file: string, grid: Grid, bandNames: string[], nodata: number, tiles: SourceTile[]): RasterSource {
  const bandCount = bandNames.length;
  const checkBands = (fn: string, bands: unknown): number[] => {
    if (bands === undefined) return Array.from({ length: bandCount }, (_, b) => b);
    if (!Array.isArray(bands) || bands.length === 0) throw new ArgumentError({ fn, arg: "bands", value: bands, expected: "a non-empty array of 0-based band indices" }, "not a list of bands");
    bands.forEach((b, k) => {
      if (!(Number.isInteger(b) && (b as number) >= 0 && (b as number) < bandCount)) throw new ArgumentError({ fn, arg: "bands", at: k, value: b, expected: `a 0-based band index 0…${bandCount - 1} (${file} has ${bandCount} bands)` }, "no such band");
    });
    return bands as number[];
  };
  const readWindow = async (window: CellWindow, bands?: number[]): Promise<Float32Array[]> => {
    const fn = "RasterSource.readWindow";
    if (window === null || typeof window !== "object") throw new ArgumentError({ fn, arg: "window", value: window, expected: "{col0, row0, col1, row1}" }, "not a window");
    checkOptions(fn, "window", window, ["col0", "row0", "col1", "row1"]);
    for (const k of ["col0", "row0", "col1", "row1"] as const) checkInteger(fn, `window.${k}`, window[k]);
    const { col0, row0, col1, row1 } = window;
    if (col0 < 0 || row0 < 0 || col1 > grid.width || row1 > grid.height || col1 <= col0 || row1 <= row0) {
      throw new ArgumentError({ fn, arg: "window", value: `cols ${col0}..${col1}, rows ${row0}..${row1}`, expected: `a non-empty window inside the ${grid.width}×${grid.height} image of ${file}` }, `window is outside the ${grid.width}×${grid.height} image`);
    }
    const bs = checkBands(fn, bands);
    const w = col1 - col0;
    const out = bs.map(() => new Float32Array(w * (row1 - row0)));
    for (const t of tiles) {
      const r0 = Math.max(row0, t.row0);
      const r1 = Math.min(row1, t.row0 + t.height);
      const c0 = Math.max(col0, t.col0);
      const c1 = Math.min(col1, t.col0 + t.width);
      if (r0 >= r1 || c0 >= c1) continue;
      const part = await readGeoTiff(t.file, { window: { col0: c0 - t.col0, row0: r0 - t.row0, col1: c1 - t.col0, row1: r1 - t.row0 }, bands: bs });
      const pw = c1 - c0;
      part.bands.forEach((src, k) => {
        const dst = out[k]!;
        for (let r = r0; r < r1; r++) dst.set(src.subarray((r - r0) * pw, (r - r0 + 1) * pw), (r - row0) * w + (c0 - col0));
      });
    }
    return out;
  };
  const readAll = async (bands?: number[]): Promise<Raster> => {
    const bs = checkBands("RasterSource.readAll", bands);
    const data = await readWindow({ col0: 0, row0: 0, col1: grid.width, row1: grid.height }, bs);
    return { grid, bands: data, bandNames: bs.map((b) => bandNames[b]!), nodata };
  };
  return { path: file, grid, bandCount, bandNames, nodata, files: tiles.map((t) => t.file), tiles, readWindow, readAll };
}
