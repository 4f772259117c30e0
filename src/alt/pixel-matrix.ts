/**
 * Predictor matrices for map pixels (paper 1 §2.4.1: the ensemble predicts every pixel of
 * every year). Rows are domain cells, columns are the stack's variables in the training
 * table's order; the all-years matrix stacks one block of cells per year.
 */
import { type Matrix } from "../core/matrix";
import { type RasterStack } from "../raster/stack";
import { ArgumentError, DataError } from "../core/errors";
import { checkArray, checkInteger } from "../core/checks";
import { checkBlock, checkCells, checkStackQuery, checkYears } from "./checks";
import { isList } from "../core/checks";

/**
 * Predictors of the given cells in one year.
 *
 * @param stack - predictor stack
 * @param year - year (static variables ignore it)
 * @param cells - row-major cell indices
 * @returns cells × variables
 * @throws ArgumentError for an empty stack, a year that is not an integer or that the stack does
 *   not have, or a cell outside the grid
 * @throws DataError naming the variable, year and cell of a missing value
 */
export function pixelMatrixForYear(stack: RasterStack, year: number, cells: Int32Array): Matrix {
  checkInteger("pixelMatrixForYear", "year", year);
  return matrixOf("pixelMatrixForYear", stack, [year], cells);
}

/**
 * Predictors of the given cells for several years, year blocks one after the other (row
 * y·cells.length + i is cell i in years[y]).
 *
 * @param stack - predictor stack
 * @param years - years
 * @param cells - row-major cell indices
 * @returns (years × cells) × variables
 * @throws ArgumentError for an empty stack, an empty year list, a year that is not an integer, not
 *   after the one before it (years must be strictly increasing) or not in the stack, or a cell
 *   outside the grid
 * @throws DataError naming the variable, year and cell of a missing value
 */
export function pixelMatrixForYears(stack: RasterStack, years: readonly number[], cells: Int32Array): Matrix {
  return matrixOf("pixelMatrixForYears", stack, years, cells);
}

function matrixOf(fn: string, stack: RasterStack, years: readonly number[], cells: Int32Array): Matrix {
  checkStackQuery(fn, stack, years, cells);
  const names = stack.names;
  const p = names.length;
  const n = cells.length;
  const data = new Float64Array(years.length * n * p);
  years.forEach((year, y) => {
    names.forEach((name, j) => {
      const band = stack.band(name, year);
      if (band === null) throw new DataError({ file: stack.layers.get(name)!.source }, `no band for year ${year}`);
      for (let i = 0; i < n; i++) {
        const v = band[cells[i]!]!;
        if (Number.isNaN(v)) throw new DataError({ file: stack.layers.get(name)!.source }, `missing value at cell ${cells[i]} in ${year}; choose cells where every predictor is present`);
        data[(y * n + i) * p + j] = v;
      }
    });
  });
  return { data, nRows: years.length * n, nCols: p, columns: names };
}

/**
 * Scatter per-cell values into a full map (NaN elsewhere).
 *
 * @param values - one value per listed cell
 * @param cells - row-major cell indices
 * @param size - cells of the grid (width × height)
 * @returns the map
 * @throws ArgumentError when values and cells differ in length, a value is ±Infinity, the size is
 *   not a positive integer, or a cell lies outside the map (it would be dropped silently)
 */
export function scatterToMap(values: ArrayLike<number>, cells: Int32Array, size: number): Float32Array {
  checkInteger("scatterToMap", "size", size, { min: 1 });
  checkCells("scatterToMap", "cells", cells, size);
  checkArray("scatterToMap", "values", values, { length: cells.length, lengthOf: "cells.length", allowNaN: true });
  const out = new Float32Array(size).fill(NaN);
  for (let i = 0; i < cells.length; i++) out[cells[i]!] = values[i]!;
  return out;
}

/**
 * Gather a map's values at the listed cells.
 *
 * @param map - full map
 * @param cells - row-major cell indices
 * @returns one value per cell
 * @throws ArgumentError when a cell lies outside the map (it would read as NaN silently)
 */
export function gatherAtCells(map: ArrayLike<number>, cells: Int32Array): Float32Array {
  if (!(isList(map) || ArrayBuffer.isView(map))) throw new ArgumentError({ fn: "gatherAtCells", arg: "map", value: map, expected: "an array or typed array" }, "not an array");
  checkCells("gatherAtCells", "cells", cells, map.length);
  const out = new Float32Array(cells.length);
  for (let i = 0; i < cells.length; i++) out[i] = map[cells[i]!]!;
  return out;
}

/**
 * The value of a years × cells block (e.g. the ensemble's annual maps, §2.4.1) at each site-year's
 * pixel and year (paper 1 §3.1, Fig 3d–e: the mapped ALT at the site's pixel in the same year).
 *
 * @param block - years × cells values (value y·cells.length + i is cell i in years[y]), e.g. cm
 * @param cells - the block's row-major cell indices
 * @param years - the block's consecutive years
 * @param cell - the row-major cell of each site-year
 * @param year - the year of each site-year, same length as `cell`
 * @returns one value per site-year (units of the block)
 * @throws ArgumentError when the block's length is not years × cells, years are not consecutive,
 *   the site-year arrays differ in length, or a site-year's cell is not among `cells` or its year
 *   not among `years` (index and value named)
 * @example
 * blockAtSiteYears(new Float32Array([1, 2, 3, 4]), Int32Array.from([7, 9]), [2003, 2004], Int32Array.from([9, 7]), Int32Array.from([2004, 2003])); // Float64Array [4, 1]
 */
export function blockAtSiteYears(block: Float32Array, cells: Int32Array, years: readonly number[], cell: ArrayLike<number>, year: ArrayLike<number>): Float64Array {
  const fn = "blockAtSiteYears";
  checkYears(fn, "years", years);
  if (!(cells instanceof Int32Array)) throw new ArgumentError({ fn, arg: "cells", value: cells, expected: "an Int32Array of row-major cell indices" }, "not an Int32Array");
  checkBlock(fn, "block", block, years.length, cells.length);
  checkArray(fn, "cell", cell);
  checkArray(fn, "year", year, { length: cell.length, lengthOf: "cell.length" });
  const nC = cells.length;
  const cellIndex = new Map(Array.from(cells, (c, i) => [c, i] as const));
  const out = new Float64Array(cell.length);
  for (let r = 0; r < cell.length; r++) {
    const i = cellIndex.get(cell[r]!);
    if (i === undefined) throw new ArgumentError({ fn, arg: "cell", at: r, value: cell[r], expected: "a cell of the block (in cells)" }, "cell not mapped");
    const y = year[r]! - years[0]!;
    if (!(Number.isInteger(y) && y >= 0 && y < years.length)) throw new ArgumentError({ fn, arg: "year", at: r, value: year[r], expected: `a year from ${years[0]} to ${years[years.length - 1]}` }, "year not mapped");
    out[r] = block[y * nC + i]!;
  }
  return out;
}
