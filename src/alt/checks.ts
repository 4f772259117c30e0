/**
 * Argument checks shared by the paper-1 chain's stages (src/alt/*): the chain's settings, the
 * stages' `{ workers, onProgress }` options, cell lists, year lists and years × cells blocks.
 * Each names the public function, the argument, the position and the value.
 */
import { ArgumentError } from "../core/errors";
import { checkInteger, checkNumber, checkOneOf, checkOptions, isList } from "../core/checks";
import { type Matrix, checkMatrix } from "../core/matrix";
import { PROFILE_NAMES } from "../project/profile";
import { type RasterStack } from "../raster/stack";
import { type TrainingTable } from "../data/site-years/match";
import { type AltSettings } from "./settings";

/** The field names of {@link AltSettings}. */
export const ALT_SETTING_NAMES: readonly (keyof AltSettings)[] = [
  "profile", "seed", "grid", "nfolds", "topK", "bootstrapReplicates", "bootstrapShare", "structureReplicates",
  "latitudeBinDeg", "pdGridSize", "iceCurves", "driverPixels", "firePixels", "minSiteYears",
];

/**
 * Require complete, valid chain settings: every field present and no unknown one, a known
 * profile, integer counts, a grid of positive integers, a bootstrap share in (0, 1], and a top-K
 * no larger than the grid.
 *
 * @param fn - the public function
 * @param arg - the argument name
 * @param s - the settings
 * @returns the settings
 * @throws ArgumentError naming the field, its value and what was expected
 * @example
 * checkAltSettings("loadAltInputs", "settings", altSettings("quick"));
 */
export function checkAltSettings(fn: string, arg: string, s: unknown): AltSettings {
  if (s === undefined) throw new ArgumentError({ fn, arg, value: s, expected: "settings from altSettings()" }, "missing");
  checkOptions(fn, arg, s, ALT_SETTING_NAMES);
  const o = s as Record<string, unknown>;
  for (const k of ALT_SETTING_NAMES) if (!(k in o)) throw new ArgumentError({ fn, arg: `${arg}.${k}`, expected: "every field of altSettings()" }, "missing");
  checkOneOf(fn, `${arg}.profile`, o["profile"], PROFILE_NAMES);
  checkInteger(fn, `${arg}.seed`, o["seed"], { min: 0, max: Number.MAX_SAFE_INTEGER });
  const grid = o["grid"];
  checkOptions(fn, `${arg}.grid`, grid, ["ntrees", "mtries", "minRows"]);
  let size = 1;
  for (const k of ["ntrees", "mtries", "minRows"] as const) {
    const v = (grid as Record<string, unknown> | undefined)?.[k];
    if (!Array.isArray(v) || v.length === 0) throw new ArgumentError({ fn, arg: `${arg}.grid.${k}`, value: v, expected: "a non-empty array of positive integers" }, "bad grid axis");
    v.forEach((x, i) => checkInteger(fn, `${arg}.grid.${k}[${i}]`, x, { min: 1 }));
    size *= v.length;
  }
  checkInteger(fn, `${arg}.nfolds`, o["nfolds"], { min: 2 });
  checkInteger(fn, `${arg}.topK`, o["topK"], { min: 1, max: size });
  checkInteger(fn, `${arg}.bootstrapReplicates`, o["bootstrapReplicates"], { min: 1 });
  checkNumber(fn, `${arg}.bootstrapShare`, o["bootstrapShare"], { min: 0, exclusiveMin: true, max: 1 });
  checkInteger(fn, `${arg}.structureReplicates`, o["structureReplicates"], { min: 1 });
  checkNumber(fn, `${arg}.latitudeBinDeg`, o["latitudeBinDeg"], { min: 0, exclusiveMin: true, max: 90 });
  checkInteger(fn, `${arg}.pdGridSize`, o["pdGridSize"], { min: 2 });
  checkInteger(fn, `${arg}.iceCurves`, o["iceCurves"], { min: 0 });
  checkInteger(fn, `${arg}.driverPixels`, o["driverPixels"], { min: 1 });
  checkInteger(fn, `${arg}.firePixels`, o["firePixels"], { min: 1 });
  checkInteger(fn, `${arg}.minSiteYears`, o["minSiteYears"], { min: 3 });
  return s as AltSettings;
}

/** The options every pooled stage takes. */
export interface StageOptions {
  /** Worker threads (default: the pool's). */
  workers?: number;
  /** Progress callback. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Require `{ workers?, onProgress? }` stage options.
 *
 * @param fn - the public function
 * @param options - the options
 * @throws ArgumentError for an unknown option (listing the valid ones), a worker count that is not
 *   a positive integer, or an `onProgress` that is not a function
 * @example
 * checkStageOptions("altGridStage", { workers: 2 });
 */
export function checkStageOptions(fn: string, options: unknown): void {
  checkOptions(fn, "options", options, ["workers", "onProgress"]);
  const o = (options ?? {}) as StageOptions;
  if (o.workers !== undefined) checkInteger(fn, "options.workers", o.workers, { min: 1, max: 256 });
  if (o.onProgress !== undefined && typeof o.onProgress !== "function") throw new ArgumentError({ fn, arg: "options.onProgress", value: o.onProgress, expected: "a function (done, total)" }, "not a function");
}

/**
 * Require a list of years: non-empty, integers, consecutive and ascending (the chain's blocks
 * assume year y is at index y − years[0]).
 *
 * @param fn - the public function
 * @param arg - the argument name
 * @param years - the years
 * @returns the years
 * @throws ArgumentError naming the first bad year
 * @example
 * checkYears("fireResponse", "years", [2003, 2004, 2005]);
 */
export function checkYears(fn: string, arg: string, years: unknown): readonly number[] {
  if (!Array.isArray(years) || years.length === 0) throw new ArgumentError({ fn, arg, value: years, expected: "a non-empty array of consecutive years" }, "not a list of years");
  years.forEach((y, i) => {
    checkInteger(fn, `${arg}[${i}]`, y, { min: 0 });
    if (i > 0 && y !== (years[i - 1] as number) + 1) throw new ArgumentError({ fn, arg, at: i, value: y, expected: `${(years[i - 1] as number) + 1} (consecutive, ascending years)` }, "years not consecutive");
  });
  return years as number[];
}

/**
 * Require row-major cell indices: an Int32Array with every index in [0, size).
 *
 * @param fn - the public function
 * @param arg - the argument name
 * @param cells - the indices
 * @param size - cells of the grid
 * @returns the cells
 * @throws ArgumentError naming the first cell outside the grid
 * @example
 * checkCells("scatterToMap", "cells", Int32Array.from([0, 5]), 10);
 */
export function checkCells(fn: string, arg: string, cells: unknown, size: number): Int32Array {
  if (!(cells instanceof Int32Array)) throw new ArgumentError({ fn, arg, value: cells, expected: "an Int32Array of row-major cell indices" }, "not an Int32Array");
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    if (c < 0 || c >= size) throw new ArgumentError({ fn, arg, at: i, value: c, expected: `a cell index in [0, ${size})` }, "cell outside the grid");
  }
  return cells;
}

/**
 * The number of cells of a stack's grid, or an error when the stack has no grid.
 *
 * @param fn - the public function
 * @param stack - the stack
 * @returns width × height
 * @throws ArgumentError for an empty stack
 * @example
 * stackSize("pixelMatrixForYears", stack); // 12960
 */
export function stackSize(fn: string, stack: RasterStack): number {
  if (stack === null || typeof stack !== "object" || stack.grid === null || stack.grid === undefined) {
    throw new ArgumentError({ fn, arg: "stack", value: stack, expected: "a RasterStack with at least one layer" }, "empty stack");
  }
  return stack.grid.width * stack.grid.height;
}

/**
 * Require a query of a stack's pixels (the preamble of `pixelMatrixForYears`, `pixelMatrixForYear` and
 * `pixelPredictorMeans`): a stack with a grid; a non-empty list of integer years, strictly
 * increasing, each one a year of the stack's annual layers (any year when the stack has only
 * static layers); and row-major cell indices inside the grid.
 *
 * @param fn - the public function
 * @param stack - the stack
 * @param years - the years asked for
 * @param cells - the cells asked for
 * @returns the number of cells of the stack's grid (width × height)
 * @throws ArgumentError for an empty stack, no years, a year that is not an integer, not greater
 *   than the one before it, or not in the stack (naming its index and value), or a cell outside
 *   the grid (naming its index and value)
 * @example
 * checkStackQuery("pixelMatrixForYears", stack, [2003, 2004], Int32Array.from([0, 5])); // 12960
 */
export function checkStackQuery(fn: string, stack: RasterStack, years: readonly number[], cells: Int32Array): number {
  const size = stackSize(fn, stack);
  if (!isList(years) || years.length === 0) throw new ArgumentError({ fn, arg: "years", value: years, expected: "a non-empty array of years" }, "no years");
  const have = stack.years();
  years.forEach((y, i) => {
    checkInteger(fn, `years[${i}]`, y);
    if (i > 0 && !(y > years[i - 1]!)) throw new ArgumentError({ fn, arg: "years", at: i, value: y, expected: `a year after ${years[i - 1]} (strictly increasing years)` }, "years not increasing");
    if (have.length > 0 && !have.includes(y)) throw new ArgumentError({ fn, arg: "years", at: i, value: y, expected: `one of the stack's years ${have[0]}–${have.at(-1)}` }, "year not in the stack");
  });
  checkCells(fn, "cells", cells, size);
  return size;
}

/**
 * Require a training table: a valid predictor matrix and one finite response per row.
 *
 * @param fn - the public function
 * @param table - the table
 * @throws ArgumentError for a bad matrix or a response of the wrong length or with a non-finite value
 * @example
 * checkTable("altGridStage", inputs.table);
 */
export function checkTable(fn: string, table: TrainingTable): void {
  if (table === null || typeof table !== "object") throw new ArgumentError({ fn, arg: "table", value: table, expected: "a TrainingTable" }, "not a table");
  checkMatrix(fn, "table.x", table.x);
  if (!(table.y instanceof Float64Array) || table.y.length !== table.x.nRows) {
    throw new ArgumentError({ fn, arg: "table.y", value: table.y, expected: `a Float64Array of ${table.x.nRows} values (table.x.nRows)` }, "wrong response");
  }
  for (let i = 0; i < table.y.length; i++) {
    if (!Number.isFinite(table.y[i]!)) throw new ArgumentError({ fn, arg: "table.y", at: i, value: table.y[i], expected: "a finite ALT (cm)" }, "bad value");
  }
}

/**
 * Require a pixel matrix of (years × cells) rows whose columns match the training table's.
 *
 * @param fn - the public function
 * @param pixels - the matrix
 * @param years - the years of the blocks
 * @param nCells - cells per block
 * @param table - the training table
 * @throws ArgumentError naming the mismatch
 * @example
 * checkPixels("altMemberMaps", pixels, years, cells.length, table);
 */
export function checkPixels(fn: string, pixels: Matrix, years: readonly number[], nCells: number, table: TrainingTable): void {
  checkMatrix(fn, "pixels", pixels);
  if (pixels.nRows !== years.length * nCells) {
    throw new ArgumentError({ fn, arg: "pixels.nRows", value: pixels.nRows, expected: `${years.length * nCells} (${years.length} years × ${nCells} cells)` }, "rows do not match years × cells");
  }
  if (pixels.nCols !== table.x.nCols) throw new ArgumentError({ fn, arg: "pixels.nCols", value: pixels.nCols, expected: `${table.x.nCols} (the training table's columns)` }, "columns do not match the table");
  const a = pixels.columns, b = table.x.columns;
  if (a !== undefined && b !== undefined) {
    for (let j = 0; j < b.length; j++) {
      if (a[j] !== b[j]) throw new ArgumentError({ fn, arg: "pixels.columns", at: j, value: a[j], expected: `${JSON.stringify(b[j])} (the training table's column order)` }, "column differs");
    }
  }
}

/**
 * Require a years × cells block: a Float32Array whose length is a multiple of the year count.
 *
 * @param fn - the public function
 * @param arg - the argument name
 * @param block - the values
 * @param nYears - the number of years
 * @param nCells - cells per year, when known
 * @returns cells per year
 * @throws ArgumentError naming the length
 * @example
 * checkBlock("blockAnnualViews", "block", new Float32Array(6), 3); // 2
 */
export function checkBlock(fn: string, arg: string, block: unknown, nYears: number, nCells?: number): number {
  if (!(block instanceof Float32Array)) throw new ArgumentError({ fn, arg, value: block, expected: "a Float32Array of years × cells values" }, "not a Float32Array");
  const expected = nCells === undefined ? `a multiple of ${nYears} (the number of years)` : `${nYears * nCells} (${nYears} years × ${nCells} cells)`;
  if ((nCells !== undefined && block.length !== nYears * nCells) || block.length % nYears !== 0 || block.length === 0) {
    throw new ArgumentError({ fn, arg: `${arg}.length`, value: block.length, expected }, "length does not match years × cells");
  }
  return block.length / nYears;
}
