/**
 * Paper 1's annual ALT maps (§2.4.1, Figs 4a/5a) at any grid size, in bounded memory (issue 15):
 * the top-K members are trained once on all site-years; then the grid is cut into square tiles,
 * and for each tile the predictors of every year are read by window from the {@link AltInputSource},
 * every member predicts every domain pixel-year, and the tile's ensemble annual ALT, its 2003–2020
 * mean and OLS trend are written to a per-tile state file. A killed run resumes at the first tile
 * without a valid state file (each carries a SHA-256 of its payload; a truncated or corrupt one is
 * recomputed). Finally the tiles are assembled row block by row block into Cloud Optimized
 * GeoTIFFs. Memory is bounded by the tile size (predictors × years × tile cells), not the grid.
 *
 * The values equal the in-memory chain's (altMemberMaps, blockMeanTrend) bit for bit: the members
 * are trained and predict through the same forest-pool tasks as altMemberMaps (each tile retrains
 * them in the workers, about a tenth of a tile's time, rather than shipping trained forests), and
 * the ensemble and trends are computed per pixel.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ArgumentError, DataError } from "../core/errors";
import { checkInteger, checkOptions, isList } from "../core/checks";
import { type Matrix } from "../core/matrix";
import { type ForestOptions } from "../ml/forest/options";
import { withForestPool } from "../ml/forest/forest-pool";
import { engineFingerprint, contentHash, sha256Hex } from "../project/cache";
import { writeFileAtomic } from "../project/atomic";
import { type TrainingTable } from "../data/site-years/match";
import { createCogWriter } from "../raster/cog-writer";
import { stageProgress } from "../notebook/progress";
import { type AltInputSource } from "./input-source";
import { rasterFilesOf, predictorFile } from "./manifest";
import { elementwiseMean, yearBlockLayout } from "./ensemble-maps";
import { blockMeanTrend } from "./uncertainty";
import { checkTable } from "./checks";

/** Options of {@link altTiledMaps}. */
export interface AltTiledMapOptions {
  /** Folder for the tile states and the output maps (created). */
  dir: string;
  /** Tile side in cells (default 128; memory per tile ≈ side² × years × predictors × 8 bytes). */
  tileSize?: number;
  /** Years to map (default: all the source's years; consecutive, at least 2). */
  years?: number[];
  /** Called after each tile with (tiles done, tiles in all); default: a progress line with an ETA. */
  onProgress?: (done: number, total: number) => void;
  /** Worker threads predicting the members of a tile in parallel (default: the cores available; 0 = this thread). */
  workers?: number;
}

/** What {@link altTiledMaps} did. */
export interface AltTiledMaps {
  /** The output maps (single-band COGs): ensemble mean ALT (cm), OLS trend (cm/yr), and the annual ensemble ALT, one file `alt_<year>.tif` per year (cm), as the published product is laid out. */
  files: { mean: string; trend: string; annual: string[] };
  /** Folder of the per-tile states. */
  stateDir: string;
  /** Tiles in all, and those reused from an earlier (interrupted) run. */
  tiles: number;
  reusedTiles: number;
  /** Domain cells mapped, and domain cells left out because a predictor is missing in some year. */
  cells: number;
  droppedCells: number;
  /** Pixel-years predicted by each member in this run (reused tiles not counted). */
  pixelYears: number;
  /** Wall time, ms: the tiles (read, train and predict the members, write states), assembling the COGs. */
  ms: { tiles: number; assemble: number };
}

const MAGIC = "permafrost-kit/alt-tile@1\n";

/** What a tile state file of {@link altTiledMaps} (and of altTiledUncertainty's units) holds. */
export interface AltTileState {
  /** The tile's mapped domain cells (grid indices, row-major). */
  cells: Int32Array;
  /** Domain cells left out for a missing predictor. */
  dropped: number;
  /** years × cells values (cm; empty for a state without annual values). */
  annual: Float32Array;
  /** Per-cell mean (cm). */
  mean: Float32Array;
  /** Per-cell OLS trend (cm/yr). */
  trend: Float32Array;
}

/**
 * The bytes of a tile state file: a text header (magic line, then cells, dropped, years and the
 * SHA-256 of the payload) and the payload (cells, annual, mean, trend).
 *
 * @param s - the state
 * @returns the file's bytes (write them with writeFileAtomic)
 * @example
 * const s = { cells: Int32Array.from([4, 9]), dropped: 1, annual: new Float32Array(0), mean: Float32Array.from([50, 60]), trend: Float32Array.from([0.5, -1]) };
 * fs.writeFileSync("t.tile", encodeAltTileState(s));
 * Array.from(decodeAltTileState("t.tile", 0)!.trend); // [0.5, -1]
 */
export function encodeAltTileState(s: AltTileState): Uint8Array {
  const parts = [new Uint8Array(s.cells.buffer, s.cells.byteOffset, s.cells.byteLength), ...[s.annual, s.mean, s.trend].map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength))];
  const payload = Buffer.concat(parts);
  const header = Buffer.from(`${MAGIC}${JSON.stringify({ n: s.cells.length, dropped: s.dropped, years: s.annual.length / Math.max(1, s.cells.length), sha256: sha256Hex(payload) })}\n`);
  return Buffer.concat([header, payload]);
}

/**
 * Read a tile state file written with {@link encodeAltTileState}; a file that is absent,
 * truncated or corrupt (wrong magic, size or SHA-256) reads as null, so its tile is recomputed.
 *
 * @param file - the state file
 * @param nYears - the years of its annual values (0 for a state without them)
 * @returns the state, or null
 * @example
 * decodeAltTileState("no-such.tile", 18); // null
 */
export function decodeAltTileState(file: string, nYears: number): AltTileState | null {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch {
    return null;
  }
  if (buf.subarray(0, MAGIC.length).toString() !== MAGIC) return null;
  const nl = buf.indexOf(10, MAGIC.length);
  if (nl < 0) return null;
  let h: { n: number; dropped: number; sha256: string };
  try {
    h = JSON.parse(buf.subarray(MAGIC.length, nl).toString()) as typeof h;
  } catch {
    return null;
  }
  const payload = buf.subarray(nl + 1);
  if (!Number.isInteger(h.n) || payload.length !== h.n * 4 * (1 + nYears + 2)) return null;
  if (sha256Hex(payload) !== h.sha256) return null;
  const copy = new Uint8Array(payload); // aligned
  const f32 = (k: number, len: number) => new Float32Array(copy.buffer, k * 4, len);
  return { cells: new Int32Array(copy.buffer, 0, h.n), dropped: h.dropped, annual: f32(h.n, h.n * nYears), mean: f32(h.n * (1 + nYears), h.n), trend: f32(h.n * (2 + nYears), h.n) };
}

/**
 * A key that changes when the inputs (manifest text, each raster's size and time), the table,
 * the members, the years, the tiling or the engine change.
 *
 * @param source - the inputs
 * @param table - the training table
 * @param members - the members' options
 * @param years - the mapped years
 * @param tileSize - the tile side
 * @returns the content hash (64 hex digits)
 * @example
 * const inputs = await loadAltInputs(altSettings("quick"));
 * altTiledMapsKey(inputs.source, inputs.table, [{ ntrees: 5 }], [2003, 2004], 64).length; // 64
 */
export function altTiledMapsKey(source: AltInputSource, table: TrainingTable, members: readonly ForestOptions[], years: readonly number[], tileSize: number): string {
  const m = source.manifest;
  const stamp = (f: string) => rasterFilesOf(f).map((g) => {
    const st = fs.statSync(g);
    return `${g}:${st.size}:${st.mtimeMs}`;
  });
  const files = [m.mask, ...m.predictors.flatMap((p) => (p.kind === "annual" ? years.map((y) => predictorFile(p, y)) : [p.path]))].flatMap(stamp);
  return contentHash("alt-tiled-maps-v1", fs.readFileSync(m.file, "utf8"), files, table.x.data, table.y, members, years, tileSize, engineFingerprint());
}

/**
 * The predictors of one tile, every year, as the pixel matrix of the in-memory chain
 * (pixelMatrixForYears: row y·n + i is domain cell i in years[y], columns in the table's order).
 * Memory: years × tile cells × columns × 8 bytes.
 *
 * @param source - the inputs
 * @param columns - the training table's columns
 * @param years - the mapped years
 * @param w - the tile's window
 * @param scratch - optional buffer the matrix is written into (its first years × cells × columns
 *   values; e.g. one SharedArrayBuffer-backed array reused for every tile, so a long run neither
 *   allocates nor copies a tile's matrix again); a new array when absent or too small
 * @returns the matrix, the tile's domain cells (grid indices) and the domain cells dropped for a missing predictor
 * @throws DataError (from the readers) naming the manifest key and file of an unreadable input
 * @example
 * const inputs = await loadAltInputs(altSettings("quick"));
 * const t = await altTileMatrix(inputs.source, inputs.table.x.columns!, [2003, 2004], { col0: 0, row0: 0, col1: 16, row1: 16 });
 * t.x.nRows === 2 * t.cells.length; // true
 */
export async function altTileMatrix(source: AltInputSource, columns: readonly string[], years: readonly number[], w: { col0: number; row0: number; col1: number; row1: number }, scratch?: Float64Array): Promise<{ x: Matrix; cells: Int32Array; dropped: number }> {
  const width = w.col1 - w.col0;
  const mask = await source.readMask(w);
  const bands = new Map<string, Float32Array[]>();
  const byName = new Map(source.predictors.map((p) => [p.name, p]));
  for (const name of columns) {
    const p = byName.get(name)!;
    const ys = p.kind === "annual" ? years : [0];
    const bs: Float32Array[] = [];
    for (const y of ys) bs.push(await source.readPredictor(name, y, w));
    bands.set(name, bs);
  }
  const keep: number[] = [];
  let dropped = 0;
  for (let k = 0; k < mask.length; k++) {
    if (!(mask[k]! > 0)) continue;
    let ok = true;
    for (const bs of bands.values()) {
      for (const b of bs) {
        if (Number.isNaN(b[k]!)) {
          ok = false;
          break;
        }
      }
      if (!ok) break;
    }
    if (ok) keep.push(k);
    else dropped++;
  }
  const n = keep.length;
  const p = columns.length;
  const len = years.length * n * p;
  const data = scratch !== undefined && scratch.length >= len ? scratch.subarray(0, len) : new Float64Array(len);
  columns.forEach((name, j) => {
    const bs = bands.get(name)!;
    years.forEach((_, y) => {
      const b = bs.length === 1 ? bs[0]! : bs[y]!;
      for (let i = 0; i < n; i++) data[(y * n + i) * p + j] = b[keep[i]!]!;
    });
  });
  const gridWidth = source.grid.width;
  const cells = Int32Array.from(keep, (k) => (w.row0 + Math.floor(k / width)) * gridWidth + w.col0 + (k % width));
  return { x: { data, nRows: years.length * n, nCols: p, columns }, cells, dropped };
}

/**
 * Map the ensemble's annual ALT, mean and trend over the whole grid of an input source, tile by
 * tile, resumably, into Cloud Optimized GeoTIFFs (see the module comment).
 *
 * @param source - the inputs (openAltInputs, or `inputs.source` from loadAltInputs)
 * @param table - the training table (columns = predictor names)
 * @param members - forest options of the top-K members (altGridStage's `members`)
 * @param options - folder, tile size, years, progress, worker threads
 * @returns output files, tile counts, cells, pixel-years and times
 * @throws ArgumentError for a bad table, no members, a training column the source does not have,
 *   years outside the source's, a bad tile size or an unknown option
 * @throws DataError (from the readers) naming the manifest key and file of an unreadable input
 * @example
 * const inputs = await loadAltInputs(altSettings("quick"));
 * const grid = await altGridStage(inputs.table, altSettings("quick"));
 * const run = await altTiledMaps(inputs.source, inputs.table, grid.value.members, { dir: "maps", tileSize: 64 });
 * run.cells === inputs.cells.length; // true
 */
export async function altTiledMaps(source: AltInputSource, table: TrainingTable, members: readonly ForestOptions[], options: AltTiledMapOptions): Promise<AltTiledMaps> {
  const fn = "altTiledMaps";
  checkTable(fn, table);
  if (!isList(members) || members.length === 0) throw new ArgumentError({ fn, arg: "members", value: members, expected: "the forest options of at least one member" }, "no members");
  checkOptions(fn, "options", options, ["dir", "tileSize", "years", "onProgress", "workers"]);
  if (typeof options.dir !== "string" || options.dir === "") throw new ArgumentError({ fn, arg: "options.dir", value: options.dir, expected: "a folder path" }, "not a path");
  const tileSize = options.tileSize ?? 128;
  checkInteger(fn, "options.tileSize", tileSize, { min: 16, max: 4096 });
  const years = options.years ?? source.years;
  if (!Array.isArray(years) || years.length < 2 || years.some((y, k) => !source.years.includes(y) || (k > 0 && y !== years[k - 1]! + 1))) {
    throw new ArgumentError({ fn, arg: "options.years", value: years, expected: `at least 2 consecutive years of the source (${source.years[0]}–${source.years[source.years.length - 1]})` }, "bad years");
  }
  const columns = table.x.columns;
  if (columns === undefined) throw new ArgumentError({ fn, arg: "table.x.columns", value: undefined, expected: "the predictor names" }, "unnamed columns");
  const missing = columns.find((c) => !source.predictors.some((p) => p.name === c));
  if (missing !== undefined) throw new ArgumentError({ fn, arg: "table.x.columns", value: missing, expected: `a predictor of the manifest (${source.predictors.map((p) => p.name).join(", ")})` }, "the source has no such predictor");

  const g = source.grid;
  const stateDir = path.join(options.dir, `tiles-${altTiledMapsKey(source, table, members, years, tileSize).slice(0, 16)}`);
  fs.mkdirSync(stateDir, { recursive: true });
  const nTx = Math.ceil(g.width / tileSize);
  const nTy = Math.ceil(g.height / tileSize);
  const total = nTx * nTy;
  const progress = stageProgress("tiled maps", total, "tiles", options.onProgress);
  const windowOf = (tx: number, ty: number) => ({ col0: tx * tileSize, row0: ty * tileSize, col1: Math.min(g.width, (tx + 1) * tileSize), row1: Math.min(g.height, (ty + 1) * tileSize) });
  const stateFile = (tx: number, ty: number) => path.join(stateDir, `${ty}_${tx}.tile`);
  let reused = 0;
  let cells = 0;
  let droppedCells = 0;
  let pixelYears = 0;
  const t1 = performance.now();
  const all = Int32Array.from({ length: table.y.length }, (_, i) => i);
  // one shared buffer for every tile's matrix: the pool registers it without a copy, and no tile
  // leaves a matrix behind for the workers' garbage collectors (which free shared memory late)
  const scratch = new Float64Array(new SharedArrayBuffer(tileSize * tileSize * years.length * columns.length * 8));
  await withForestPool(options.workers === undefined ? {} : { workers: options.workers }, async (pool) => {
    pool.register("train", table.x, table.y);
    for (let ty = 0; ty < nTy; ty++) {
      for (let tx = 0; tx < nTx; tx++) {
        const file = stateFile(tx, ty);
        let s = decodeAltTileState(file, years.length);
        if (s !== null) reused++;
        else {
          const { x, cells: c, dropped } = await altTileMatrix(source, columns, years, windowOf(tx, ty), scratch);
          let annual: Float32Array = new Float32Array(0);
          let mean: Float32Array = new Float32Array(0);
          let trend: Float32Array = new Float32Array(0);
          if (c.length > 0) {
            pool.register("tile", x, undefined, yearBlockLayout(years));
            const res = await pool.run(members.map((o) => ({ data: "train", options: o, trainRows: all, predictOn: ["tile"] })));
            pool.unregister("tile");
            annual = elementwiseMean(res.map((r) => Float32Array.from(r.predictionsOn![0]!)));
            ({ mean, trend } = blockMeanTrend(annual, years));
          }
          s = { cells: c, dropped, annual, mean, trend };
          writeFileAtomic(file, encodeAltTileState(s));
          pixelYears += x.nRows;
        }
        cells += s.cells.length;
        droppedCells += s.dropped;
        progress(ty * nTx + tx + 1, total);
      }
    }
  });
  const tTiles = performance.now() - t1;

  const t2 = performance.now();
  // one single-band COG at a time, each assembled by rows of tiles from the states: memory is one
  // tile row of one map (plus the writer's row per overview level), whatever the number of years
  const files = {
    mean: path.join(options.dir, "alt_mean.tif"),
    trend: path.join(options.dir, "alt_trend.tif"),
    annual: years.map((y) => path.join(options.dir, `alt_${y}.tif`)),
  };
  const outputs: { file: string; band: string; pick: (s: AltTileState, i: number, n: number) => number }[] = [
    { file: files.mean, band: `mean ALT ${years[0]}-${years[years.length - 1]} (cm)`, pick: (s, i) => s.mean[i]! },
    { file: files.trend, band: "OLS trend (cm/yr)", pick: (s, i) => s.trend[i]! },
    ...years.map((y, k) => ({ file: files.annual[k]!, band: String(y), pick: (s: AltTileState, i: number, n: number) => s.annual[k * n + i]! })),
  ];
  for (const out of outputs) {
    const writer = createCogWriter(out.file, { grid: g, bandNames: [out.band] });
    for (let ty = 0; ty < nTy; ty++) {
      const row0 = ty * tileSize;
      const block = new Float32Array((Math.min(g.height, row0 + tileSize) - row0) * g.width).fill(NaN);
      for (let tx = 0; tx < nTx; tx++) {
        const s = decodeAltTileState(stateFile(tx, ty), years.length);
        if (s === null) throw new DataError({ file: stateFile(tx, ty), expected: "the tile state written a moment ago" }, "tile state lost or corrupted while assembling the maps; run again to recompute it");
        const n = s.cells.length;
        for (let i = 0; i < n; i++) {
          const c = s.cells[i]!;
          block[(Math.floor(c / g.width) - row0) * g.width + (c % g.width)] = out.pick(s, i, n);
        }
      }
      writer.writeRows(row0, [block]);
    }
    await writer.close();
  }
  return { files, stateDir, tiles: total, reusedTiles: reused, cells, droppedCells, pixelYears, ms: { tiles: tTiles, assemble: performance.now() - t2 } };
}
