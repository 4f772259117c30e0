/**
 * Paper 1's annual ALT maps (§2.4.1, Figs 4a/5a) at any grid size, in bounded memory (issue 15):
 * the top-K members are trained once on all site-years; then the grid is cut into square tiles,
 * and for each tile the predictors of every year are read by window from the {@link AltInputSource},
 * every member predicts every domain pixel-year, and the tile's ensemble annual ALT, its 2003–2020
 * mean and OLS trend are written to a per-tile state file. A killed run resumes at the first tile
 * without a valid state file (each carries a SHA-256 of its payload; a truncated or corrupt one is
 * recomputed). Finally the tiles are assembled row block by row block into Cloud Optimized
 * GeoTIFFs. Memory is bounded by the tile size (predictors × years × tile cells), not the grid.
 * The tiling ({@link altTileWindows}), a tile's ensemble ({@link altTileStateFromPredictions}) and
 * the assembly ({@link assembleAltTileMaps}) are shared with the tile jobs of tile-jobs.ts, which
 * run the same tiles as separate processes (batch-scheduler array jobs) with saved members.
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
import { type CogWriter, createCogWriter } from "../raster/cog-writer";
import { type Grid } from "../raster/grid";
import { type CellWindow } from "../raster/geotiff-io";
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

/** The square tiles a grid is cut into (row-major: tile k is column k mod tilesX of tile row ⌊k / tilesX⌋). */
export interface AltTileWindows {
  /** Tiles across and down. */
  tilesX: number;
  tilesY: number;
  /** Every tile's window of grid cells, tile k at index k (the last column and row of tiles may be narrower). */
  windows: CellWindow[];
}

/**
 * Cut a grid into square tiles of `tileSize` cells, as {@link altTiledMaps} and the tile jobs do.
 *
 * @param grid - the grid (its width and height are used)
 * @param tileSize - tile side in cells
 * @returns tiles across and down and every tile's window, row-major
 * @throws ArgumentError for a tile size that is not an integer 16–4096
 * @example
 * const t = altTileWindows(lonLatGrid([0, 0, 40, 20], 1), 16);
 * [t.tilesX, t.tilesY, t.windows.length]; // [3, 2, 6]
 * t.windows[5]; // { col0: 32, row0: 16, col1: 40, row1: 20 }
 */
export function altTileWindows(grid: Pick<Grid, "width" | "height">, tileSize: number): AltTileWindows {
  checkInteger("altTileWindows", "tileSize", tileSize, { min: 16, max: 4096 });
  const tilesX = Math.ceil(grid.width / tileSize);
  const tilesY = Math.ceil(grid.height / tileSize);
  const windows: CellWindow[] = [];
  for (let ty = 0; ty < tilesY; ty++) {
    for (let tx = 0; tx < tilesX; tx++) windows.push({ col0: tx * tileSize, row0: ty * tileSize, col1: Math.min(grid.width, (tx + 1) * tileSize), row1: Math.min(grid.height, (ty + 1) * tileSize) });
  }
  return { tilesX, tilesY, windows };
}

/**
 * A tile's state from its members' predictions: the ensemble annual ALT (each member's
 * predictions rounded to Float32, then their mean, as altMemberMaps does), and per cell the
 * 2003–2020 mean and OLS trend ({@link blockMeanTrend}).
 *
 * @param cells - the tile's domain cells (grid indices)
 * @param dropped - domain cells left out for a missing predictor
 * @param predictions - one array per member: years × cells predictions (row y·n + i is cell i in years[y]), cm
 * @param years - the mapped years
 * @returns the state (empty arrays for a tile without cells)
 * @throws ArgumentError when the predictions are not years × cells values each
 * @example
 * const s = altTileStateFromPredictions(Int32Array.from([7]), 0, [Float64Array.from([50, 52, 54]), Float64Array.from([52, 54, 56])], [2003, 2004, 2005]);
 * [Array.from(s.annual), s.mean[0], s.trend[0]]; // [[51, 53, 55], 53, 2]
 */
export function altTileStateFromPredictions(cells: Int32Array, dropped: number, predictions: readonly Float64Array[], years: readonly number[]): AltTileState {
  if (cells.length === 0) return { cells, dropped, annual: new Float32Array(0), mean: new Float32Array(0), trend: new Float32Array(0) };
  const len = years.length * cells.length;
  predictions.forEach((p, k) => {
    if (p?.length !== len) throw new ArgumentError({ fn: "altTileStateFromPredictions", arg: "predictions", at: k, value: p?.length, expected: `${len} values (${years.length} years × ${cells.length} cells)` }, "wrong number of predictions");
  });
  const annual = elementwiseMean(predictions.map((p) => Float32Array.from(p)));
  const { mean, trend } = blockMeanTrend(annual, years);
  return { cells, dropped, annual, mean, trend };
}

/** What {@link assembleAltTileMaps} reads and where it writes. */
export interface AltTileAssembly {
  /** The maps' grid. */
  grid: Grid;
  /** The mapped years (the states hold years × cells annual values). */
  years: readonly number[];
  /** Tile side in cells (the tiling of {@link altTileWindows}). */
  tileSize: number;
  /** The state file of tile k (row-major, as altTileWindows numbers them). */
  stateFile: (k: number) => string;
  /** Folder the COGs are written to (must exist). */
  dir: string;
}

/**
 * Assemble tile states into the single-band Cloud Optimized GeoTIFFs (with overviews) of
 * {@link altTiledMaps}: `alt_mean.tif`, `alt_trend.tif` and `alt_<year>.tif`, cells outside the
 * domain (and dropped cells) nodata. One COG at a time, by rows of tiles: memory is one tile row
 * of one map (plus the writer's row per overview level), whatever the number of years. The bytes
 * depend on the states' values only, not on the tile size they were computed with.
 *
 * @param a - grid, years, tile size, the state file of each tile, output folder
 * @returns the files written
 * @throws DataError naming a state file that is missing or corrupt (nothing is left behind: the COG being written is abandoned)
 * @example
 * fs.writeFileSync("t0.tile", encodeAltTileState({ cells: Int32Array.from([0, 1]), dropped: 0, annual: Float32Array.from([50, 60, 52, 61]), mean: Float32Array.from([51, 60.5]), trend: Float32Array.from([2, 1]) }));
 * const files = await assembleAltTileMaps({ grid: lonLatGrid([0, 60, 2, 61], 1), years: [2003, 2004], tileSize: 16, stateFile: () => "t0.tile", dir: "." });
 * (await readGeoTiff(files.trend)).bands[0]; // Float32Array [2, 1]
 */
export async function assembleAltTileMaps(a: AltTileAssembly): Promise<AltTiledMaps["files"]> {
  const { grid: g, years, tileSize, dir } = a;
  const { tilesX: nTx, tilesY: nTy } = altTileWindows(g, tileSize);
  const files = {
    mean: path.join(dir, "alt_mean.tif"),
    trend: path.join(dir, "alt_trend.tif"),
    annual: years.map((y) => path.join(dir, `alt_${y}.tif`)),
  };
  const outputs: { file: string; band: string; pick: (s: AltTileState, i: number, n: number) => number }[] = [
    { file: files.mean, band: `mean ALT ${years[0]}-${years[years.length - 1]} (cm)`, pick: (s, i) => s.mean[i]! },
    { file: files.trend, band: "OLS trend (cm/yr)", pick: (s, i) => s.trend[i]! },
    ...years.map((y, k) => ({ file: files.annual[k]!, band: String(y), pick: (s: AltTileState, i: number, n: number) => s.annual[k * n + i]! })),
  ];
  for (const out of outputs) {
    const writer: CogWriter = createCogWriter(out.file, { grid: g, bandNames: [out.band] });
    try {
      for (let ty = 0; ty < nTy; ty++) {
        const row0 = ty * tileSize;
        const block = new Float32Array((Math.min(g.height, row0 + tileSize) - row0) * g.width).fill(NaN);
        for (let tx = 0; tx < nTx; tx++) {
          const file = a.stateFile(ty * nTx + tx);
          const s = decodeAltTileState(file, years.length);
          if (s === null) throw new DataError({ file, expected: "the tile's state (written when the tile was mapped)" }, "tile state missing or corrupted while assembling the maps; map the tile again");
          const n = s.cells.length;
          for (let i = 0; i < n; i++) {
            const c = s.cells[i]!;
            block[(Math.floor(c / g.width) - row0) * g.width + (c % g.width)] = out.pick(s, i, n);
          }
        }
        writer.writeRows(row0, [block]);
      }
    } catch (e) {
      writer.abort();
      throw e;
    }
    await writer.close();
  }
  return files;
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
  const { tilesX: nTx, windows } = altTileWindows(g, tileSize);
  const total = windows.length;
  const progress = stageProgress("tiled maps", total, "tiles", options.onProgress);
  const stateFile = (k: number) => path.join(stateDir, `${Math.floor(k / nTx)}_${k % nTx}.tile`);
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
    for (let k = 0; k < total; k++) {
      const file = stateFile(k);
      let s = decodeAltTileState(file, years.length);
      if (s !== null) reused++;
      else {
        const { x, cells: c, dropped } = await altTileMatrix(source, columns, years, windows[k]!, scratch);
        let predictions: Float64Array[] = [];
        if (c.length > 0) {
          pool.register("tile", x, undefined, yearBlockLayout(years));
          const res = await pool.run(members.map((o) => ({ data: "train", options: o, trainRows: all, predictOn: ["tile"] })));
          pool.unregister("tile");
          predictions = res.map((r) => r.predictionsOn![0]!);
        }
        s = altTileStateFromPredictions(c, dropped, predictions, years);
        writeFileAtomic(file, encodeAltTileState(s));
        pixelYears += x.nRows;
      }
      cells += s.cells.length;
      droppedCells += s.dropped;
      progress(k + 1, total);
    }
  });
  const tTiles = performance.now() - t1;

  const t2 = performance.now();
  const files = await assembleAltTileMaps({ grid: g, years, tileSize, stateFile, dir: options.dir });
  return { files, stateDir, tiles: total, reusedTiles: reused, cells, droppedCells, pixelYears, ms: { tiles: tTiles, assemble: performance.now() - t2 } };
}
