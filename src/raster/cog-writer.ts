/**
 * A streamed writer of Cloud Optimized GeoTIFFs (COG), in bounded memory: Float32 bands cut into
 * square tiles (TileWidth/TileLength, default 256), each tile deflate-compressed (Compression 8,
 * node:zlib) after the floating-point predictor (Predictor 3, optional), with internal overviews
 * (reduced-resolution IFDs, NewSubfileType 1): each level half the previous (rounded up), every
 * cell the mean of the non-missing cells of its 2×2 block of the level above (NaN when all four
 * are missing), down to the first level that fits one tile. The file is laid out as GDAL's COG
 * driver does: the header, all IFDs (full resolution first, then the overviews from large to
 * small), then the tile data with the smallest overview's tiles first and the full resolution last,
 * so a reader over HTTP gets every IFD with one request and a coarse view with the next.
 *
 * Memory: rows arrive in order ({@link CogWriter.writeRows}); each level keeps one tile row
 * (tileSize rows × its width × bands) and one row waiting for its pair. As soon as a tile row of a
 * level is complete its tiles are compressed and appended to a temporary file of that level next
 * to the target; {@link CogWriter.close} writes header + IFDs to a temporary file, appends the
 * levels' data (smallest first), renames it onto the target (atomic) and removes the temporaries.
 * Peak memory is about tileSize × width × bands × 4 bytes × 2, whatever the height.
 *
 * Classic TIFF only (offsets are 32-bit): an image whose uncompressed pixels (all levels) would
 * exceed 4 GiB is refused when the writer is created. GeoKeys, GDAL_NODATA and GDAL_METADATA
 * (band descriptions) are the same as the strip encoder's (tiff-tags.ts). Paper 1 §2.4: the 1 km
 * maps of the northern permafrost region are written with this writer.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import { deflateSync } from "node:zlib";
import { ArgumentError, DataError, EngineError, KitError, describeThrown } from "../core/errors";
import { checkInteger, checkNumber, checkOneOf, checkOptions } from "../core/checks";
import { type Grid, checkGrid } from "./grid";
import { type Raster, DEFAULT_NODATA, checkRaster } from "./raster";
import { type TiffEntry, tiffAscii, tiffGdalMetadata, tiffGeoEntries, tiffIfdSize, tiffLongs, tiffShorts, writeTiffIfd } from "./tiff-tags";

/** Options of {@link createCogWriter}. */
export interface CogWriterOptions {
  /** The full image's grid (its CRS must be "EPSG:<code>"). */
  grid: Grid;
  /** One name per band (GDAL band descriptions, e.g. years). */
  bandNames: string[];
  /** Nodata value in the file (finite, exact in Float32); default −9999. NaN cells are written as this. */
  nodata?: number;
  /** Tile width and height in pixels: a multiple of 16, 16–4096; default 256. */
  tileSize?: number;
  /** TIFF predictor: 1 none, 3 floating point (default: better compression of smooth fields). */
  predictor?: 1 | 3;
  /** zlib deflate level 1–9 (default 6). */
  deflateLevel?: number;
}

/** A COG being written: rows in order, then {@link CogWriter.close}. */
export interface CogWriter {
  /** The target path. */
  readonly file: string;
  /** The full image's grid. */
  readonly grid: Grid;
  /** Rows written so far (the next `row0` expected). */
  readonly rowsWritten: number;
  /** Number of overview levels (reduced-resolution images) the file will hold. */
  readonly overviewCount: number;
  /**
   * Add a block of whole rows, in order.
   *
   * @param row0 - the block's first row: must equal {@link CogWriter.rowsWritten}
   * @param bands - one Float32Array per band, k × width values (k ≥ 1 rows, the same for all bands); NaN = missing
   * @throws ArgumentError for rows out of order or past the end, bands of the wrong number or length, a ±Infinity value or a value equal to nodata (naming the band, row and column), or a closed writer
   */
  writeRows(row0: number, bands: Float32Array[]): void;
  /**
   * Finish the file: write header, IFDs and tile data to the target atomically and remove the temporary files.
   *
   * @returns the target path
   * @throws ArgumentError when not all rows were written (the writer is aborted)
   * @throws DataError naming the file when it cannot be written
   */
  close(): Promise<string>;
  /** Give up: remove the temporary files; the target is left as it was. */
  abort(): void;
}

/** One resolution level being streamed. */
interface Level {
  width: number;
  height: number;
  across: number;
  down: number;
  /** One tile row per band: tileSize × width values (NaN = missing). */
  buf: Float32Array[];
  /** Rows filled in `buf`. */
  filled: number;
  /** Rows received so far. */
  rows: number;
  /** The last even row, waiting for its pair (a copy), for the next level. */
  pending: Float32Array[];
  hasPending: boolean;
  /** Scratch row of the next level (its width). */
  half: Float32Array[];
  tmp: string;
  fd: number;
  /** Bytes written to `tmp`. */
  size: number;
  /** Offset in `tmp` and byte count of each tile (band-major, then row-major). */
  offsets: Float64Array;
  counts: Float64Array;
}

/** The most bytes a classic TIFF addresses. */
const MAX_TIFF_BYTES = 0xffffffff;

/**
 * Start writing a Cloud Optimized GeoTIFF by row blocks (see the module comment for the layout and
 * memory bound). Temporary files `.<name>.L<k>.<pid>.<hex>.tmp` are created next to `file`
 * (folders are created); {@link CogWriter.close} renames the finished file onto `file`.
 *
 * @param file - the target path
 * @param options - grid, band names, nodata, tile size, predictor, deflate level (other names are an error)
 * @returns the writer
 * @throws ArgumentError for a bad path or option: an invalid grid or a CRS that is not "EPSG:<code>", band names that are not strings, a nodata that is not finite or not exact in Float32, a tile size that is not a multiple of 16 in 16–4096, an image whose pixels exceed a classic TIFF's 4 GiB
 * @throws DataError naming the file when the temporary files cannot be created
 * @throws EngineError on a big-endian platform
 * @example
 * const w = createCogWriter("m.tif", { grid: lonLatGrid([0, 0, 4, 2], 1), bandNames: ["alt"], tileSize: 16 });
 * w.writeRows(0, [new Float32Array([1, 2, 3, 4, 5, 6, 7, NaN])]);
 * await w.close(); // 'm.tif'
 * (await readGeoTiff("m.tif")).bands[0]; // Float32Array [1, 2, 3, 4, 5, 6, 7, NaN]
 */
export function createCogWriter(file: string, options: CogWriterOptions): CogWriter {
  const fn = "createCogWriter";
  if (typeof file !== "string" || file === "") throw new ArgumentError({ fn, arg: "file", value: file, expected: "a file path" }, "not a file path");
  if (options === null || typeof options !== "object") throw new ArgumentError({ fn, arg: "options", value: options, expected: "{ grid, bandNames, … }" }, "not an options object");
  checkOptions(fn, "options", options, ["grid", "bandNames", "nodata", "tileSize", "predictor", "deflateLevel"]);
  const grid = checkGrid(fn, "options.grid", options.grid);
  const m = /^EPSG:(\d+)$/.exec(grid.crs);
  if (m === null || Number(m[1]) < 1 || Number(m[1]) > 32767) throw new ArgumentError({ fn, arg: "options.grid.crs", value: grid.crs, expected: '"EPSG:<code>" (1–32767)' }, "CRS is not an EPSG code");
  const names: unknown = options.bandNames;
  if (!Array.isArray(names) || names.length === 0 || names.length > 65535) throw new ArgumentError({ fn, arg: "options.bandNames", value: names, expected: "1–65 535 names, one per band" }, "not a list of band names");
  for (let k = 0; k < names.length; k++) {
    const s: unknown = names[k];
    if (typeof s !== "string" || s.includes("\0")) throw new ArgumentError({ fn, arg: "options.bandNames", at: k, value: s, expected: "a string without NUL characters" }, "bad band name");
  }
  const nodata = options.nodata ?? DEFAULT_NODATA;
  checkNumber(fn, "options.nodata", nodata);
  if (Math.fround(nodata) !== nodata) throw new ArgumentError({ fn, arg: "options.nodata", value: nodata, expected: "a value exact in Float32 (e.g. -9999)" }, "nodata would change when stored as Float32");
  const tileSize = options.tileSize ?? 256;
  checkInteger(fn, "options.tileSize", tileSize, { min: 16, max: 4096 });
  if (tileSize % 16 !== 0) throw new ArgumentError({ fn, arg: "options.tileSize", value: tileSize, expected: "a multiple of 16 (TIFF tiles)" }, "bad tile size");
  const predictor = options.predictor === undefined ? 3 : checkOneOf(fn, "options.predictor", options.predictor, [1, 3] as const);
  const deflateLevel = options.deflateLevel ?? 6;
  checkInteger(fn, "options.deflateLevel", deflateLevel, { min: 1, max: 9 });
  if (os.endianness() !== "LE") throw new EngineError("node", "writing a COG", "a big-endian platform: the writer compresses the bytes of Float32Arrays, which must be little-endian");
  const sizes = levelSizes(grid.width, grid.height, tileSize);
  const nb = names.length;
  let raw = 0;
  for (const [w, h] of sizes) raw += Math.ceil(w / tileSize) * Math.ceil(h / tileSize) * tileSize * tileSize * 4 * nb;
  if (raw > MAX_TIFF_BYTES - 1e6) {
    throw new ArgumentError({ fn, arg: "options.grid", value: `${grid.width}×${grid.height} pixels × ${nb} bands = ${(raw / 2 ** 30).toFixed(2)} GiB with overviews`, expected: "at most 4 GiB (a classic TIFF; BigTIFF is not written): write fewer bands per file or smaller tiles of the map" }, "image too large");
  }
  return new StreamedCog(path.resolve(file), file, grid, names as string[], nodata, tileSize, predictor, deflateLevel, sizes);
}

/**
 * Width and height of each level: the full image, then halves (rounded up) until one fits a tile.
 *
 * @param width - full width
 * @param height - full height
 * @param tileSize - tile size
 * @returns [width, height] per level
 */
function levelSizes(width: number, height: number, tileSize: number): [number, number][] {
  const out: [number, number][] = [[width, height]];
  let [w, h] = [width, height];
  while (w > tileSize || h > tileSize) {
    w = Math.ceil(w / 2);
    h = Math.ceil(h / 2);
    out.push([w, h]);
  }
  return out;
}

class StreamedCog implements CogWriter {
  readonly grid: Grid;
  rowsWritten = 0;
  private readonly levels: Level[] = [];
  private state: "open" | "closed" | "failed" = "open";
  private readonly tile: Float32Array;
  private readonly tileBytes: Uint8Array;
  private readonly shuffled: Uint8Array;

  constructor(
    private readonly target: string,
    readonly file: string,
    grid: Grid,
    private readonly bandNames: string[],
    private readonly nodata: number,
    private readonly tileSize: number,
    private readonly predictor: 1 | 3,
    private readonly deflateLevel: number,
    sizes: [number, number][],
  ) {
    this.grid = grid;
    const ts = tileSize;
    const nb = bandNames.length;
    this.tile = new Float32Array(ts * ts);
    this.tileBytes = new Uint8Array(this.tile.buffer);
    this.shuffled = new Uint8Array(ts * ts * 4);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      sizes.forEach(([w, h], k) => {
        const next = sizes[k + 1];
        const across = Math.ceil(w / ts);
        const down = Math.ceil(h / ts);
        const tmp = this.tempName(`L${k}`);
        const lv: Level = {
          width: w, height: h, across, down,
          buf: Array.from({ length: nb }, () => new Float32Array(ts * w)),
          filled: 0, rows: 0,
          pending: next === undefined ? [] : Array.from({ length: nb }, () => new Float32Array(w)),
          hasPending: false,
          half: next === undefined ? [] : Array.from({ length: nb }, () => new Float32Array(next[0])),
          tmp, fd: -1, size: 0,
          offsets: new Float64Array(across * down * nb), counts: new Float64Array(across * down * nb),
        };
        this.levels.push(lv);
        lv.fd = fs.openSync(tmp, "wx");
      });
    } catch (e) {
      this.cleanup();
      throw new DataError({ file }, `cannot create the temporary files of a COG: ${describeThrown(e)}`, { cause: e });
    }
  }

  get overviewCount(): number {
    return this.levels.length - 1;
  }

  private tempName(tag: string): string {
    // `.<name>.<tag>.<pid>.<hex>.tmp`: the pattern of project/atomic.ts, so cleanStrayTemps removes those of a killed run
    return path.join(path.dirname(this.target), `.${path.basename(this.target)}.${tag}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  }

  writeRows(row0: number, bands: Float32Array[]): void {
    const fn = "CogWriter.writeRows";
    if (this.state !== "open") throw new ArgumentError({ fn, arg: "this", value: this.state, expected: "an open writer" }, `the writer of ${this.file} is ${this.state}`);
    const { width, height } = this.grid;
    const nb = this.bandNames.length;
    checkInteger(fn, "row0", row0);
    if (row0 !== this.rowsWritten) throw new ArgumentError({ fn, arg: "row0", value: row0, expected: `${this.rowsWritten} (rows are written in order; ${this.rowsWritten} of ${height} so far)` }, "rows out of order");
    if (!Array.isArray(bands) || bands.length !== nb) throw new ArgumentError({ fn, arg: "bands", value: Array.isArray(bands) ? `${bands.length} bands` : bands, expected: `${nb} Float32Array bands (${this.bandNames.join(", ")})` }, "wrong number of bands");
    let n = -1;
    for (let b = 0; b < nb; b++) {
      const a: unknown = bands[b];
      if (!(a instanceof Float32Array)) throw new ArgumentError({ fn, arg: "bands", at: b, value: a, expected: "a Float32Array" }, "band is not a Float32Array");
      if (a.length === 0 || a.length % width !== 0 || (n >= 0 && a.length !== n)) {
        throw new ArgumentError({ fn, arg: "bands", at: b, value: a.length, expected: n >= 0 ? `${n} values, as band 0` : `a positive multiple of the width ${width} (whole rows)` }, "band has the wrong length");
      }
      n = a.length;
    }
    const rows = n / width;
    if (row0 + rows > height) throw new ArgumentError({ fn, arg: "bands", value: `${rows} rows from row ${row0}`, expected: `at most ${height - row0} rows (the image has ${height})` }, "rows past the end of the image");
    const nodata = this.nodata;
    for (let b = 0; b < nb; b++) {
      const a = bands[b]!;
      for (let i = 0; i < n; i++) {
        const v = a[i]!;
        if (v === nodata || v === Infinity || v === -Infinity) {
          throw new ArgumentError({ fn, arg: `bands[${b}]`, at: `row ${row0 + Math.floor(i / width)}, column ${i % width}`, value: v, expected: `a finite value other than the nodata value ${nodata} (NaN for missing)` }, v === nodata ? "value equals nodata and would read back as missing" : "infinite value");
        }
      }
    }
    try {
      const row: Float32Array[] = new Array<Float32Array>(nb);
      for (let r = 0; r < rows; r++) {
        for (let b = 0; b < nb; b++) row[b] = bands[b]!.subarray(r * width, (r + 1) * width);
        this.pushRow(0, row);
        this.rowsWritten++;
      }
    } catch (e) {
      this.state = "failed";
      this.cleanup();
      if (e instanceof KitError) throw e;
      throw new DataError({ file: this.file }, `cannot write the COG's temporary data: ${describeThrown(e)}`, { cause: e });
    }
  }

  /**
   * Add one row (NaN = missing) to level k, cascading into the next level every two rows.
   *
   * @param k - the level (0: full resolution)
   * @param row - one array per band, the level's width (copied)
   */
  private pushRow(k: number, row: Float32Array[]): void {
    const lv = this.levels[k]!;
    const w = lv.width;
    for (let b = 0; b < row.length; b++) lv.buf[b]!.set(row[b]!, lv.filled * w);
    lv.filled++;
    lv.rows++;
    if (lv.filled === this.tileSize || lv.rows === lv.height) this.flushTileRow(k);
    if (k + 1 >= this.levels.length) return;
    const last = lv.rows === lv.height;
    if (!lv.hasPending) {
      for (let b = 0; b < row.length; b++) lv.pending[b]!.set(row[b]!);
      lv.hasPending = true;
      if (!last) return;
      this.averageInto(lv, undefined);
    } else this.averageInto(lv, row);
    lv.hasPending = false;
    this.pushRow(k + 1, lv.half);
  }

  /**
   * A level's pending row (and `second`, when there is one) averaged 2×2 into `lv.half`.
   *
   * @param lv - the level
   * @param second - the row below the pending one (undefined: the last row of an odd height)
   */
  private averageInto(lv: Level, second: Float32Array[] | undefined): void {
    const w = lv.width;
    for (let b = 0; b < lv.half.length; b++) {
      const a = lv.pending[b]!;
      const c = second?.[b];
      const out = lv.half[b]!;
      for (let j = 0; j < out.length; j++) {
        let s = 0;
        let cnt = 0;
        const x0 = 2 * j;
        const x1 = x0 + 1 < w ? x0 + 1 : x0;
        for (let x = x0; x <= x1; x++) {
          const v = a[x]!;
          if (v === v) { s += v; cnt++; }
          if (c !== undefined) {
            const u = c[x]!;
            if (u === u) { s += u; cnt++; }
          }
        }
        out[j] = cnt === 0 ? NaN : s / cnt;
      }
    }
  }

  /**
   * Compress the filled tile row of level k and append its tiles to the level's temporary file.
   *
   * @param k - the level
   */
  private flushTileRow(k: number): void {
    const lv = this.levels[k]!;
    const ts = this.tileSize;
    const ty = Math.floor((lv.rows - 1) / ts);
    const perBand = lv.across * lv.down;
    const tile = this.tile;
    const nodata = this.nodata;
    for (let b = 0; b < lv.buf.length; b++) {
      const src = lv.buf[b]!;
      for (let tx = 0; tx < lv.across; tx++) {
        tile.fill(nodata);
        const c0 = tx * ts;
        const cols = Math.min(ts, lv.width - c0);
        for (let r = 0; r < lv.filled; r++) {
          const s = r * lv.width + c0;
          const d = r * ts;
          for (let j = 0; j < cols; j++) {
            const v = src[s + j]!;
            tile[d + j] = v === v ? v : nodata;
          }
        }
        const bytes = deflateSync(this.predictor === 3 ? this.floatPredict() : this.tileBytes, { level: this.deflateLevel });
        const index = b * perBand + ty * lv.across + tx;
        lv.offsets[index] = lv.size;
        lv.counts[index] = bytes.length;
        for (let off = 0; off < bytes.length; ) off += fs.writeSync(lv.fd, bytes, off, bytes.length - off);
        lv.size += bytes.length;
      }
    }
    lv.filled = 0;
  }

  /**
   * The TIFF floating-point predictor (Predictor 3, as libtiff's fpDiff) applied to the current
   * tile: per row, the bytes of the values are regrouped by significance (most significant bytes
   * of all values first) and each byte replaced by its difference from the previous one.
   *
   * @returns the predicted bytes (a scratch buffer)
   */
  private floatPredict(): Uint8Array {
    const ts = this.tileSize;
    const src = this.tileBytes;
    const dst = this.shuffled;
    const rowBytes = ts * 4;
    // the tile bytes are little-endian (typed arrays use the platform's order; createCogWriter refuses a big-endian one)
    for (let r = 0; r < ts; r++) {
      const o = r * rowBytes;
      for (let i = 0; i < ts; i++) {
        const s = o + 4 * i;
        dst[o + i] = src[s + 3]!;
        dst[o + ts + i] = src[s + 2]!;
        dst[o + 2 * ts + i] = src[s + 1]!;
        dst[o + 3 * ts + i] = src[s]!;
      }
      for (let i = rowBytes - 1; i > 0; i--) dst[o + i] = (dst[o + i]! - dst[o + i - 1]!) & 0xff;
    }
    return dst;
  }

  /**
   * IFD entries of level k.
   *
   * @param k - the level
   * @param offsets - the final file offsets of its tiles
   * @returns the entries in ascending tag order
   */
  private entries(k: number, offsets: ArrayLike<number>): TiffEntry[] {
    const lv = this.levels[k]!;
    const nb = this.bandNames.length;
    const m = /^EPSG:(\d+)$/.exec(this.grid.crs)!;
    return [
      tiffLongs(254, [k === 0 ? 0 : 1]),
      tiffLongs(256, [lv.width]),
      tiffLongs(257, [lv.height]),
      tiffShorts(258, new Array<number>(nb).fill(32)),
      tiffShorts(259, [8]),
      tiffShorts(262, [1]),
      tiffShorts(277, [nb]),
      tiffShorts(284, [nb === 1 ? 1 : 2]),
      ...(this.predictor === 3 ? [tiffShorts(317, [3])] : []),
      tiffShorts(322, [this.tileSize]),
      tiffShorts(323, [this.tileSize]),
      tiffLongs(324, offsets),
      tiffLongs(325, lv.counts),
      ...(nb > 1 ? [tiffShorts(338, new Array<number>(nb - 1).fill(0))] : []),
      tiffShorts(339, new Array<number>(nb).fill(3)),
      ...(k === 0 ? tiffGeoEntries(Number(m[1]), [this.grid.resX, this.grid.resY], [this.grid.originX, this.grid.originY]) : []),
      ...(k === 0 ? [tiffGdalMetadata(this.bandNames)] : []),
      tiffAscii(42113, String(this.nodata)),
    ];
  }

  async close(): Promise<string> {
    const fn = "CogWriter.close";
    if (this.state !== "open") throw new ArgumentError({ fn, arg: "this", value: this.state, expected: "an open writer" }, `the writer of ${this.file} is ${this.state}`);
    if (this.rowsWritten < this.grid.height) {
      this.abort();
      throw new ArgumentError({ fn, arg: "rows", value: `${this.rowsWritten} of ${this.grid.height} rows`, expected: `all ${this.grid.height} rows written before close (the writer of ${this.file} is aborted)` }, "image incomplete");
    }
    this.state = "closed";
    const out = this.tempName("cog");
    try {
      for (const lv of this.levels) {
        fs.closeSync(lv.fd);
        lv.fd = -1;
      }
      // layout: header | IFD 0 … IFD n (each with its values) | data of level n … level 0
      const sizes = this.levels.map((lv, k) => tiffIfdSize(this.entries(k, lv.offsets)));
      const ifdAt: number[] = [];
      let pos = 8;
      for (const s of sizes) {
        ifdAt.push(pos);
        pos += s + (s % 2);
      }
      const base = new Array<number>(this.levels.length);
      for (let k = this.levels.length - 1; k >= 0; k--) {
        base[k] = pos;
        pos += this.levels[k]!.size;
      }
      if (pos > MAX_TIFF_BYTES) {
        throw new ArgumentError({ fn, arg: "data", value: `${pos} bytes`, expected: "at most 4 GiB (a classic TIFF; BigTIFF is not written)" }, `${this.file}: compressed image too large`);
      }
      const head = new Uint8Array(base[this.levels.length - 1]!);
      head.set([0x49, 0x49, 42, 0]);
      new DataView(head.buffer).setUint32(4, 8, true);
      this.levels.forEach((lv, k) => {
        const offsets = Float64Array.from(lv.offsets, (o) => o + base[k]!);
        writeTiffIfd(head, ifdAt[k]!, this.entries(k, offsets), ifdAt[k + 1] ?? 0);
      });
      const fh = await fs.promises.open(out, "wx");
      try {
        await fh.write(head);
        const chunk = Buffer.alloc(1 << 22);
        for (let k = this.levels.length - 1; k >= 0; k--) {
          const src = await fs.promises.open(this.levels[k]!.tmp, "r");
          try {
            for (;;) {
              const { bytesRead } = await src.read(chunk, 0, chunk.length, null);
              if (bytesRead === 0) break;
              await fh.write(chunk, 0, bytesRead);
            }
          } finally {
            await src.close();
          }
        }
      } finally {
        await fh.close();
      }
      await fs.promises.rename(out, this.target);
    } catch (e) {
      this.cleanup();
      fs.rmSync(out, { force: true });
      if (e instanceof KitError) throw e;
      throw new DataError({ file: this.file }, `cannot write: ${describeThrown(e)}`, { cause: e });
    }
    this.cleanup();
    return this.file;
  }

  abort(): void {
    if (this.state === "open") this.state = "failed";
    this.cleanup();
  }

  /** Close and remove the levels' temporary files (errors ignored: best effort). */
  private cleanup(): void {
    for (const lv of this.levels) {
      try {
        if (lv.fd >= 0) fs.closeSync(lv.fd);
      } catch {
        // already closed
      }
      lv.fd = -1;
      fs.rmSync(lv.tmp, { force: true });
    }
  }
}

/**
 * Write an in-memory raster as a Cloud Optimized GeoTIFF (see {@link createCogWriter}): the rows
 * are streamed one tile row at a time. NaN cells are written as the raster's nodata value.
 *
 * @param file - the target path (folders are created)
 * @param r - the raster: "EPSG:<code>" CRS, nodata exact in Float32
 * @param options - tile size, predictor, deflate level (as {@link createCogWriter})
 * @returns the path written
 * @throws ArgumentError for an invalid raster or option, a value equal to nodata or ±Infinity, an image over 4 GiB
 * @throws DataError naming the file when it cannot be written
 * @example
 * const r = makeRaster(lonLatGrid([0, 0, 40, 40], 1), [Float32Array.from({ length: 1600 }, (_, i) => i)], ["v"]);
 * await writeCog("r.tif", r, { tileSize: 16 }); // 'r.tif'
 * (await readGeoTiff("r.tif", { window: { col0: 20, row0: 30, col1: 22, row1: 31 } })).bands[0]; // Float32Array [1220, 1221]
 */
export async function writeCog(file: string, r: Raster, options: Omit<CogWriterOptions, "grid" | "bandNames" | "nodata"> = {}): Promise<string> {
  checkRaster("writeCog", "r", r);
  checkOptions("writeCog", "options", options, ["tileSize", "predictor", "deflateLevel"]);
  const w = createCogWriter(file, { ...options, grid: r.grid, bandNames: r.bandNames, nodata: r.nodata });
  try {
    const { width, height } = r.grid;
    const step = options.tileSize ?? 256;
    for (let r0 = 0; r0 < height; r0 += step) {
      const r1 = Math.min(height, r0 + step);
      w.writeRows(r0, r.bands.map((b) => b.subarray(r0 * width, r1 * width)));
    }
  } catch (e) {
    w.abort();
    throw e;
  }
  return w.close();
}
