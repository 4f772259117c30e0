/**
 * Stage 2 of the paper-1 chain (§2.4.1, Figs 4a/5a): train the top-K models on all
 * site-years and predict every domain pixel of every year. The members' annual predictions
 * are kept (they are the raw material of the model-structure uncertainty, §2.4.2); the
 * ensemble map of a year is their mean. Cached by content hash like the grid stage.
 */
import { type ForestOptions } from "../ml/forest/options";
import { type ForestProgress, withForestPool } from "../ml/forest/forest-pool";
import { type Cached, cached, contentHash, engineFingerprint } from "../project/cache";
import { type TrainingTable } from "../data/site-years/match";
import { type Matrix } from "../core/matrix";
import { scatterToMap } from "./pixel-matrix";
import { ArgumentError } from "../core/errors";
import { checkInteger } from "../core/checks";
import { checkBlock, checkCells, checkPixels, checkStageOptions, checkTable, checkYears } from "./checks";
import { isList } from "../core/checks";
import { stageProgress } from "../notebook/progress";
import { MAX_STACKED_BLOCKS } from "../ml/forest/stacked-walk";

/** Annual predictions of every member and of the ensemble, on the domain cells. */
export interface AltMemberMaps {
  /** Years, in block order. */
  years: number[];
  /** Domain cells (row-major indices). */
  cells: Int32Array;
  /** Per member: Float32 of years × cells (value y·cells + i is cell i in years[y]), cm. */
  members: Float32Array[];
  /** Mean of the members, same layout, cm. */
  ensemble: Float32Array;
  /** Impurity importance per member (h2o relative importance per predictor). */
  importance: Float64Array[];
  /** Summed training time of the members, ms. */
  trainMs: number;
}

/**
 * Mean of several equally long arrays.
 *
 * @param parts - the arrays
 * @returns their element-wise mean (Float32)
 * @throws ArgumentError for no arrays or arrays of different lengths
 */
export function elementwiseMean(parts: readonly ArrayLike<number>[]): Float32Array {
  if (!isList(parts) || parts.length === 0) throw new ArgumentError({ fn: "elementwiseMean", arg: "parts", value: parts, expected: "at least one array" }, "nothing to average");
  const n = parts[0]!.length;
  parts.forEach((p: unknown, k) => {
    if (!(isList(p) || ArrayBuffer.isView(p))) throw new ArgumentError({ fn: "elementwiseMean", arg: "parts", at: k, value: p, expected: "an array or typed array" }, "not an array");
    const len = (p as ArrayLike<number>).length;
    if (len !== n) throw new ArgumentError({ fn: "elementwiseMean", arg: `parts[${k}].length`, value: len, expected: `${n} (the length of parts[0])` }, "length differs");
  });
  const acc = new Float64Array(n);
  for (const p of parts) for (let i = 0; i < n; i++) acc[i]! += p[i]!;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = acc[i]! / parts.length;
  return out;
}

/**
 * Train the members on every row of the table and predict the pixel matrix (all years).
 *
 * @param table - training table
 * @param members - forest options per member (from the grid stage)
 * @param pixels - (years × cells) × variables, from `pixelMatrixForYears`
 * @param years - the years of the pixel blocks
 * @param cells - the domain cells of each block
 * @param options - worker count and progress callback `(members done, members)`; progress with
 *   an ETA is reported as `member maps` (see {@link stageProgress}; nothing on a cache hit)
 * @returns the member and ensemble predictions, with the cache hit flag
 * @throws ArgumentError for a bad table, no members, years that are not consecutive, a pixel
 *   matrix whose rows are not years × cells or whose columns differ from the table's, or an
 *   unknown option (listing the valid ones)
 */
export async function altMemberMaps(table: TrainingTable, members: readonly ForestOptions[], pixels: Matrix, years: readonly number[], cells: Int32Array, options: { workers?: number; onProgress?: ForestProgress } = {}): Promise<Cached<AltMemberMaps>> {
  const fn = "altMemberMaps";
  checkTable(fn, table);
  if (!isList(members) || members.length === 0) throw new ArgumentError({ fn, arg: "members", value: members, expected: "the forest options of at least one member (memberOptions)" }, "no members");
  checkYears(fn, "years", years);
  checkCells(fn, "cells", cells, 2 ** 31 - 1);
  checkPixels(fn, pixels, years, cells.length, table);
  checkStageOptions(fn, options);
  const key = contentHash("member-maps-v1", table.x.data, table.y, members, pixels.data, years, cells, engineFingerprint());
  return cached("alt-member-maps", key, async () =>
    withForestPool(options.workers === undefined ? {} : { workers: options.workers }, async (pool) => {
      pool.register("train", table.x, table.y);
      pool.register("pixels", pixels, undefined, yearBlockLayout(years));
      const all = Int32Array.from({ length: table.y.length }, (_, i) => i);
      const res = await pool.run(members.map((o) => ({ data: "train", options: o, trainRows: all, predictOn: ["pixels"] })), stageProgress("member maps", members.length, "members", options.onProgress));
      const maps = res.map((r) => Float32Array.from(r.predictionsOn![0]!));
      return { years: [...years], cells, members: maps, ensemble: elementwiseMean(maps), importance: res.map((r) => r.impurityImportance), trainMs: res.reduce((a, r) => a + r.trainMs, 0) };
    }));
}

/**
 * The bands (one per year) of a years × cells block, as full maps of the grid.
 *
 * @param block - years × cells values
 * @param cells - domain cells
 * @param nYears - number of years
 * @param size - grid cells (width × height)
 * @returns one full map per year (NaN off the domain)
 * @throws ArgumentError when the block is not nYears × cells long, or a cell lies outside the map
 */
export function blockAnnualMaps(block: Float32Array, cells: Int32Array, nYears: number, size: number): Float32Array[] {
  checkInteger("blockAnnualMaps", "nYears", nYears, { min: 1 });
  checkInteger("blockAnnualMaps", "size", size, { min: 1 });
  checkCells("blockAnnualMaps", "cells", cells, size);
  checkBlock("blockAnnualMaps", "block", block, nYears, cells.length);
  return blockAnnualViews(block, nYears).map((values) => scatterToMap(values, cells, size));
}

/**
 * The bands (one per year) of a years × cells block as views over the cells only.
 *
 * @param block - years × cells values
 * @param nYears - number of years
 * @returns one cells-long view per year
 * @throws ArgumentError when the block's length is not a positive multiple of nYears
 */
export function blockAnnualViews(block: Float32Array, nYears: number): Float32Array[] {
  checkInteger("blockAnnualViews", "nYears", nYears, { min: 1 });
  checkBlock("blockAnnualViews", "block", block, nYears);
  const n = block.length / nYears;
  return Array.from({ length: nYears }, (_, y) => block.subarray(y * n, (y + 1) * n));
}

/**
 * The pool layout of a years × cells pixel matrix (§2.4.1: every cell in every year): the years
 * are blocks of the same cells, so each cell's years walk a tree together (`predictStacked`, the
 * same predictions). More years than a block mask holds ({@link MAX_STACKED_BLOCKS}) or a single
 * year: no layout, rows are walked one by one.
 *
 * @param years - the years of the matrix's blocks
 * @returns the `layout` argument of `ForestPool.register`
 * @example
 * yearBlockLayout([2003, 2004, 2005]); // { blocks: 3 }
 * yearBlockLayout([2003]); // {}
 */
export function yearBlockLayout(years: readonly number[]): { blocks?: number } {
  return years.length >= 2 && years.length <= MAX_STACKED_BLOCKS ? { blocks: years.length } : {};
}
