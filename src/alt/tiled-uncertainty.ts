/**
 * Paper 1's uncertainty analysis (§2.4.2, Figs 4b–c and 5b–d) at any grid size, in bounded
 * memory (issue 15). Two ensembles of replicate maps, as bootstrapMaps and modelStructureMaps
 * build them in memory, but never a whole-grid map per replicate:
 *
 * - **Model structure** (pass 0): the top-K members are trained on all site-years; for each tile
 *   every member predicts every domain pixel-year, and modelStructureMaps draws the combinations
 *   on the tile (its draws depend on the seed only, not on the cells, so each tile gets the
 *   combinations the whole map gets).
 * - **Bootstrap** (passes 1 … R): replicate r draws its rows with bootstrapDraw and retrains the
 *   members with the seeds bootstrapMaps gives them; then every tile is predicted and the
 *   replicate's per-pixel mean ALT and OLS trend are kept.
 *
 * Each (pass, tile) unit writes its per-pixel means and trends to a tile state file (the format
 * of altTiledMaps: SHA-256 checked, written atomically). A killed run resumes at the first
 * unfinished unit; a pass whose tiles are all done is not even retrained. Finally, tile by tile,
 * the per-pixel statistics across replicates (replicateStats: mean, SD, CV; quantileMaps: 2.5 %
 * and 97.5 %) of the mean ALT and of the trend, for the bootstrap, the model structure and the
 * two combined (bootstrap replicates first, as notebook 14), are assembled row block by row block
 * into three Cloud Optimized GeoTIFFs.
 *
 * **Memory.** A replicate pass holds the K forests, one tile's pixel matrix (years × tile cells ×
 * predictors × 8 bytes) and K predictions of it (years × tile cells × 8 bytes each). The
 * assembly holds (R + S) × 2 per-pixel arrays of one tile (4 bytes a cell) and a row block of
 * the 30 output bands (30 × grid width × tile side × 4 bytes). Nothing scales with the grid's
 * height or with replicates × grid.
 *
 * The values equal the in-memory chain's (bootstrapMaps, modelStructureMaps, replicateStats,
 * quantileMaps) bit for bit: the same forests predict the same pixel rows and every statistic
 * is computed per pixel, in the same order of replicates.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ArgumentError, DataError } from "../core/errors";
import { checkInteger, checkNumber, checkOptions, isList } from "../core/checks";
import { type ForestOptions } from "../ml/forest/options";
import { type Forest, predictChecked } from "../ml/forest/forest";
import { type Matrix } from "../core/matrix";
import { checkModelMatrix } from "../core/model";
import { trainForest } from "../ml/forest/train-forest";
import { deriveSeed } from "../random/rng";
import { contentHash } from "../project/cache";
import { writeFileAtomic } from "../project/atomic";
import { type TrainingTable } from "../data/site-years/match";
import { type CellWindow } from "../raster/geotiff-io";
import { createCogWriter } from "../raster/cog-writer";
import { quantileMaps, replicateStats } from "../raster/replicate-stats";
import { stageProgress } from "../notebook/progress";
import { type AltInputSource } from "./input-source";
import { type AltTileState, altTileMatrix, altTiledMapsKey, decodeAltTileState, encodeAltTileState } from "./tiled-maps";
import { elementwiseMean, yearBlockLayout } from "./ensemble-maps";
import { blockMeanTrend, bootstrapDraw, modelStructureMaps } from "./uncertainty";
import { checkTable, checkYears } from "./checks";

/** The bands of each uncertainty map written by {@link altTiledUncertainty}, in order. */
export const ALT_UNCERTAINTY_BANDS: readonly string[] = [
  "mean_cm", "mean_sd_cm", "mean_cv", "mean_q025_cm", "mean_q975_cm",
  "trend_mean", "trend_sd", "trend_cv", "trend_q025", "trend_q975",
];

/** Options of {@link altTiledUncertainty}. */
export interface AltTiledUncertaintyOptions {
  /** Folder for the unit states and the output maps (created). */
  dir: string;
  /** Bootstrap replicates R (paper: 100; at least 2, the SD needs 2). */
  bootstrapReplicates: number;
  /** Share of site-years drawn per bootstrap replicate, with replacement (paper: 0.75). */
  bootstrapShare: number;
  /** Model-structure combinations S (paper: 100; at least 2). */
  structureReplicates: number;
  /** Master seed (as bootstrapMaps and modelStructureMaps take it). */
  seed: number;
  /** Tile side in cells (default 128). */
  tileSize?: number;
  /** Years (default: all the source's years; consecutive, at least 2). */
  years?: number[];
  /** Called after each (pass, tile) unit with (units done, units in all); default: a progress line with an ETA. */
  onProgress?: (done: number, total: number) => void;
}

/** What {@link altTiledUncertainty} did. */
export interface AltTiledUncertainty {
  /** The maps (COGs, bands {@link ALT_UNCERTAINTY_BANDS}): bootstrap only, model structure only, both combined. */
  files: { bootstrap: string; structure: string; combined: string };
  /** Folder of the unit states. */
  stateDir: string;
  /** Tiles of the grid. */
  tiles: number;
  /** Units in all ((1 + R) × tiles: the model-structure pass and R bootstrap passes), and those reused from an earlier run. */
  units: number;
  reusedUnits: number;
  /** Domain cells mapped. */
  cells: number;
  /** Distinct site-years in each bootstrap replicate's draw (as bootstrapMaps). */
  distinctRows: number[];
  /** Wall time, ms: training forests, the units (read + predict + write states), assembling the maps. */
  ms: { train: number; units: number; assemble: number };
}

/**
 * Validated years: consecutive, at least 2, all in the source.
 *
 * @param fn - the public function
 * @param source - the inputs
 * @param years - the years asked for
 * @returns the years
 */
function uncertaintyYears(fn: string, source: AltInputSource, years: unknown): readonly number[] {
  const ys = checkYears(fn, "options.years", years);
  const outside = ys.findIndex((y) => !source.years.includes(y));
  if (ys.length < 2 || outside >= 0) {
    throw new ArgumentError({ fn, arg: "options.years", at: outside >= 0 ? outside : undefined, value: outside >= 0 ? ys[outside] : ys.length, expected: `at least 2 years of the source (${source.years[0]}–${source.years[source.years.length - 1]})` }, "bad years");
  }
  return ys;
}

/**
 * The per-pixel statistics of one tile, the {@link ALT_UNCERTAINTY_BANDS} in order.
 *
 * @param means - per replicate, the tile's mean ALT per cell
 * @param trends - per replicate, the tile's trend per cell
 * @returns the ten per-cell bands
 */
function tileStatistics(means: Float32Array[], trends: Float32Array[]): Float32Array[] {
  const m = replicateStats(means);
  const t = replicateStats(trends);
  const [mLo, mHi] = quantileMaps(means, [0.025, 0.975]);
  const [tLo, tHi] = quantileMaps(trends, [0.025, 0.975]);
  return [m.mean, m.sd, m.cv, mLo!, mHi!, t.mean, t.sd, t.cv, tLo!, tHi!];
}

/**
 * Bootstrap and model-structure uncertainty of the ALT mean and trend over the whole grid of an
 * input source, tile by tile, resumably, into Cloud Optimized GeoTIFFs (see the module comment).
 *
 * @param source - the inputs (openAltInputs, or `inputs.source` from loadAltInputs)
 * @param table - the training table (columns = predictor names)
 * @param strata - stratum per training row (notebook 14: the site network), or null for a plain draw
 * @param members - forest options of the top-K members (altGridStage's `members`)
 * @param options - folder, replicates, share, seed, tile size, years, progress (spread altSettings() for the first four)
 * @returns output files, tile and unit counts, cells, distinct rows per draw and times
 * @throws ArgumentError for a bad table or strata, no members, a training column the source does
 *   not have, years outside the source's, fewer than 2 replicates of either kind, a bad share,
 *   seed or tile size, or an unknown option
 * @throws DataError (from the readers) naming the manifest key and file of an unreadable input,
 *   or for a state lost while the maps are assembled
 * @example
 * const inputs = await loadAltInputs(altSettings("quick"));
 * const strata = Array.from(inputs.table.rows, (r) => inputs.sites.source[r]);
 * const run = await altTiledUncertainty(inputs.source, inputs.table, strata, [{ ntrees: 3, mtries: 4, minRows: 5, seed: 1 }],
 *   { dir: "unc", bootstrapReplicates: 2, bootstrapShare: 0.75, structureReplicates: 2, seed: 7, years: [2003, 2004], tileSize: 64, onProgress: () => undefined });
 * run.cells === inputs.cells.length; // true
 */
export async function altTiledUncertainty(source: AltInputSource, table: TrainingTable, strata: readonly string[] | null, members: readonly ForestOptions[],
  options: AltTiledUncertaintyOptions): Promise<AltTiledUncertainty> {
  const fn = "altTiledUncertainty";
  checkTable(fn, table);
  if (!isList(members) || members.length === 0) throw new ArgumentError({ fn, arg: "members", value: members, expected: "the forest options of at least one member" }, "no members");
  checkOptions(fn, "options", options, ["dir", "bootstrapReplicates", "bootstrapShare", "structureReplicates", "seed", "tileSize", "years", "onProgress"]);
  if (options === undefined || typeof options.dir !== "string" || options.dir === "") throw new ArgumentError({ fn, arg: "options.dir", value: options?.dir, expected: "a folder path" }, "not a path");
  const nBoot = checkInteger(fn, "options.bootstrapReplicates", options.bootstrapReplicates, { min: 2 });
  const share = checkNumber(fn, "options.bootstrapShare", options.bootstrapShare, { min: 0, exclusiveMin: true, max: 1 });
  const nStruct = checkInteger(fn, "options.structureReplicates", options.structureReplicates, { min: 2 });
  const seed = checkInteger(fn, "options.seed", options.seed, { min: 0, max: Number.MAX_SAFE_INTEGER });
  const tileSize = checkInteger(fn, "options.tileSize", options.tileSize ?? 128, { min: 16, max: 4096 });
  const years = uncertaintyYears(fn, source, options.years ?? source.years);
  const columns = table.x.columns;
  if (columns === undefined) throw new ArgumentError({ fn, arg: "table.x.columns", value: undefined, expected: "the predictor names" }, "unnamed columns");
  const names = new Set(source.predictors.map((p) => p.name));
  columns.forEach((c, j) => {
    if (!names.has(c)) throw new ArgumentError({ fn, arg: "table.x.columns", at: j, value: c, expected: `a predictor of the manifest (${[...names].join(", ")})` }, "the source has no such predictor");
  });
  // bootstrapDraw checks the strata (one label per training row) on the first draw
  const draws = Array.from({ length: nBoot }, (_, r) => bootstrapDraw(table.y.length, share, seed, r, strata));

  const g = source.grid;
  // replicate counts are not in the key: more replicates reuse the states of the first ones
  const key = contentHash("alt-tiled-uncertainty-v1", altTiledMapsKey(source, table, members, years, tileSize), strata, share, seed);
  const stateDir = path.join(options.dir, `uncertainty-${key.slice(0, 16)}`);
  const nTx = Math.ceil(g.width / tileSize);
  const nTy = Math.ceil(g.height / tileSize);
  const tiles = nTx * nTy;
  const tileWindow = (t: number): CellWindow => {
    const col0 = (t % nTx) * tileSize;
    const row0 = Math.floor(t / nTx) * tileSize;
    return { col0, row0, col1: Math.min(g.width, col0 + tileSize), row1: Math.min(g.height, row0 + tileSize) };
  };
  const bootFile = (r: number, t: number) => path.join(stateDir, `bootstrap-${r}`, `${t}.tile`);
  const structFile = (c: number, t: number) => path.join(stateDir, `structure-${c}`, `${t}.tile`);
  for (let r = 0; r < nBoot; r++) fs.mkdirSync(path.dirname(bootFile(r, 0)), { recursive: true });
  for (let c = 0; c < nStruct; c++) fs.mkdirSync(path.dirname(structFile(c, 0)), { recursive: true });
  const unitDone = (pass: number, t: number): boolean => {
    if (pass > 0) return decodeAltTileState(bootFile(pass - 1, t), 0) !== null;
    for (let c = 0; c < nStruct; c++) if (decodeAltTileState(structFile(c, t), 0) === null) return false;
    return true;
  };
  const write = (file: string, cells: Int32Array, dropped: number, mean: Float32Array, trend: Float32Array) => {
    const s: AltTileState = { cells, dropped, annual: new Float32Array(0), mean, trend };
    writeFileAtomic(file, encodeAltTileState(s));
  };

  const units = (1 + nBoot) * tiles;
  const progress = stageProgress("tiled uncertainty", units, "replicate-tiles", options.onProgress);
  let done = 0;
  let reusedUnits = 0;
  let tTrain = 0;
  // the tile matrices are years × tile cells: each cell's years walk a tree together (the same predictions)
  const predictPixels = (f: Forest, x: Matrix): Float64Array => predictChecked(f, checkModelMatrix(fn, "tile predictors", x, f.featureNames), yearBlockLayout(years).blocks);
  const t0 = performance.now();
  for (let pass = 0; pass <= nBoot; pass++) {
    const todo = Array.from({ length: tiles }, (_, t) => !unitDone(pass, t));
    if (!todo.includes(true)) {
      reusedUnits += tiles;
      done += tiles;
      progress(done, units);
      continue;
    }
    const tt = performance.now();
    const forests: Forest[] = pass === 0
      ? members.map((o) => trainForest(table.x, table.y, o))
      : members.map((o, m) => trainForest(table.x, table.y, { ...o, seed: deriveSeed(o.seed ?? seed, `bootstrap-${pass - 1}/member-${m}`) }, draws[pass - 1]));
    tTrain += performance.now() - tt;
    for (let t = 0; t < tiles; t++) {
      if (!todo[t]) reusedUnits++;
      else {
        const { x, cells, dropped } = await altTileMatrix(source, columns, years, tileWindow(t));
        const empty = new Float32Array(0);
        if (pass === 0) {
          // each member's annual predictions of the tile, as altMemberMaps keeps them (Float32)
          const ms = cells.length > 0 ? modelStructureMaps(forests.map((f) => Float32Array.from(predictPixels(f, x))), years, nStruct, seed) : undefined;
          for (let c = 0; c < nStruct; c++) write(structFile(c, t), cells, dropped, ms?.mean[c] ?? empty, ms?.trend[c] ?? empty);
        } else {
          // the ensemble of the Float64 predictions, as bootstrapMaps averages the pool's
          const mt = cells.length > 0 ? blockMeanTrend(elementwiseMean(forests.map((f) => predictPixels(f, x))), years) : { mean: empty, trend: empty };
          write(bootFile(pass - 1, t), cells, dropped, mt.mean, mt.trend);
        }
      }
      progress(++done, units);
    }
  }
  const tUnits = performance.now() - t0 - tTrain;

  const t2 = performance.now();
  const files = { bootstrap: path.join(options.dir, "alt_uncertainty_bootstrap.tif"), structure: path.join(options.dir, "alt_uncertainty_structure.tif"), combined: path.join(options.dir, "alt_uncertainty_combined.tif") };
  const kinds = ["bootstrap", "structure", "combined"] as const;
  const writers = kinds.map((k) => createCogWriter(files[k], { grid: g, bandNames: [...ALT_UNCERTAINTY_BANDS] }));
  const load = (file: string): AltTileState => {
    const s = decodeAltTileState(file, 0);
    if (s === null) throw new DataError({ file, expected: "the replicate's tile state written a moment ago" }, "tile state lost or corrupted while assembling the maps; run again to recompute it");
    return s;
  };
  let cellCount = 0;
  for (let ty = 0; ty < nTy; ty++) {
    const row0 = ty * tileSize;
    const rows = Math.min(g.height, row0 + tileSize) - row0;
    const blocks = kinds.map(() => ALT_UNCERTAINTY_BANDS.map(() => new Float32Array(rows * g.width).fill(NaN)));
    for (let tx = 0; tx < nTx; tx++) {
      const t = ty * nTx + tx;
      const boot = Array.from({ length: nBoot }, (_, r) => load(bootFile(r, t)));
      const struct = Array.from({ length: nStruct }, (_, c) => load(structFile(c, t)));
      const cells = struct[0]!.cells;
      [...boot, ...struct].forEach((s, q) => {
        if (s.cells.length !== cells.length) {
          const file = q < nBoot ? bootFile(q, t) : structFile(q - nBoot, t);
          throw new DataError({ file, value: s.cells.length, expected: `${cells.length} cells, as ${structFile(0, t)}` }, "tile states of one tile disagree on its cells (inputs changed during the run?); delete the state folder and run again");
        }
      });
      cellCount += cells.length;
      if (cells.length === 0) continue;
      const stats = [
        tileStatistics(boot.map((s) => s.mean), boot.map((s) => s.trend)),
        tileStatistics(struct.map((s) => s.mean), struct.map((s) => s.trend)),
        tileStatistics([...boot, ...struct].map((s) => s.mean), [...boot, ...struct].map((s) => s.trend)),
      ];
      for (let i = 0; i < cells.length; i++) {
        const k = cells[i]! - row0 * g.width;
        stats.forEach((bands, q) => bands.forEach((b, j) => (blocks[q]![j]![k] = b[i]!)));
      }
    }
    writers.forEach((w, q) => w.writeRows(row0, blocks[q]!));
  }
  for (const w of writers) await w.close();
  return {
    files, stateDir, tiles, units, reusedUnits, cells: cellCount, distinctRows: draws.map((d) => new Set(d).size),
    ms: { train: tTrain, units: tUnits, assemble: performance.now() - t2 },
  };
}
