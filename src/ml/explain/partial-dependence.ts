/**
 * Partial dependence (Friedman 2001) and individual conditional expectation curves (ICE;
 * Goldstein et al. 2015) of a fitted model — paper 1 §2.4.3 and Figs 6–7: the red PD line is
 * the mean prediction over all rows with one predictor set to each grid value; the black ICE
 * lines are single rows; the rugs are the predictor's deciles.
 *
 * The grid runs over the predictor's 5–95 % quantiles by default (as R's `pdp`/`iml` trim the
 * tails), or over its distinct values when it has no more than `gridSize` of them (categorical
 * predictors such as land cover). With `centred`, every curve is shifted to 0 at the first grid
 * value (c-ICE), which shows differences in shape rather than in level.
 */
import { checkInteger, checkNumber, checkOptions } from "../../core/checks";
import { ArgumentError, EngineError, formatValue } from "../../core/errors";
import { type Matrix, columnName } from "../../core/matrix";
import { type ModelLike, checkModelLike } from "../../core/model";
import { createRng, DEFAULT_SEED } from "../../random/rng";
import { quantiles } from "../../stats/quantile";

/**
 * Anything that predicts a matrix of rows.
 *
 * @deprecated Use `Model` / `ModelLike` (src/core/model.ts): the one model contract.
 */
export type Predictor = ModelLike;

/**
 * Check what a caller's model returned from `predict`: an array or typed array of exactly `n`
 * finite numbers. A model that returns NaN, strings or Infinity would otherwise turn every mean
 * into NaN or nonsense without a word.
 *
 * @param fn - the public function that called the model
 * @param engine - the model's engine name, for the error (e.g. "model", "kit-drf")
 * @param pred - what `predict` returned
 * @param n - the rows it was asked to predict
 * @param context - where in the computation (e.g. `grid value 3 of "x0"`), shown in the message
 * @returns the predictions
 * @throws EngineError when it is not an array of `n` values; ArgumentError naming `model.predict(x)`, the row and the value when a prediction is not a finite number
 * @example
 * checkModelOutput("partialDependence", "model", new Float64Array([1, 2]), 2, "grid value 0").length; // 2
 */
export function checkModelOutput(fn: string, engine: string, pred: unknown, n: number, context: string): ArrayLike<number> {
  const isArray = Array.isArray(pred) || (ArrayBuffer.isView(pred) && !(pred instanceof DataView));
  const len = isArray ? (pred as ArrayLike<unknown>).length : undefined;
  if (len !== n) throw new EngineError(engine, "predict", `returned ${isArray ? `${len} predictions` : formatValue(pred)} for ${n} rows (${context})`);
  const a = pred as ArrayLike<unknown>;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (!(typeof v === "number" && Number.isFinite(v))) {
      throw new ArgumentError({ fn, arg: "model.predict(x)", at: i, value: v, expected: `a finite number, one per row (${context})` }, "the model returned a bad prediction");
    }
  }
  return a as ArrayLike<number>;
}

/** Settings of {@link partialDependence}. */
export interface PartialDependenceOptions {
  /** Grid points (default 20; at most 10,000). */
  gridSize?: number;
  /** Quantile range of the grid (default [0.05, 0.95]). */
  range?: [number, number];
  /** ICE rows: explicit indices, or how many to draw at random (default 50). */
  iceRows?: Int32Array | number;
  /** Seed for drawing ICE rows (default {@link DEFAULT_SEED}). */
  seed?: number;
  /** Centre every curve at the first grid value (c-ICE; default false). */
  centred?: boolean;
}

/** A partial-dependence profile with its ICE curves. */
export interface PartialDependence {
  /** Predictor name. */
  feature: string;
  /** Grid values (predictor units). */
  grid: Float64Array;
  /** Mean prediction over all rows at each grid value (response units, centred if asked). */
  pd: Float64Array;
  /** One curve per ICE row (response units, centred if asked). */
  ice: Float64Array[];
  /** Rows the ICE curves belong to. */
  iceRows: Int32Array;
  /** The predictor's deciles 10 %…90 % (the rugs). */
  deciles: number[];
  /** Whether curves were centred. */
  centred: boolean;
  /** max(pd) − min(pd): the predictor's flatness (0 = no effect). */
  pdRange: number;
}

/**
 * PD and ICE curves of one predictor. Missing values (NaN) of the predictor are left out of the
 * grid and the deciles (the other rows still enter the averages with the grid value).
 *
 * @param model - any fitted `Model` (or an object with `predict`; its `featureNames`, when given, are checked against `x`)
 * @param x - the rows to average over (e.g. training rows or map pixels)
 * @param feature - predictor name or column index
 * @param options - grid, ICE rows, seed and centring
 * @returns the profile
 * @throws ArgumentError for a model without `predict`, a malformed or empty matrix, an unknown predictor (the valid names listed), a column without finite values, unknown options, `gridSize` not an integer 2…10,000, a `range` outside 0 ≤ lo < hi ≤ 1, ICE rows out of range (index named) or a bad seed
 * @throws EngineError when the model returns the wrong number of predictions; ArgumentError naming `model.predict(x)`, the row and the value when a prediction is not a finite number
 * @example
 * const { x, y } = friedman1(200, 5, 1, "demo");
 * partialDependence(trainForest(x, y, { ntrees: 20 }), x, "x3", { gridSize: 5 }).grid.length; // 5
 */
export function partialDependence(model: ModelLike, x: Matrix, feature: string | number, options: PartialDependenceOptions = {}): PartialDependence {
  const fn = "partialDependence";
  checkModelLike(fn, model, x);
  let j: number;
  if (typeof feature === "number") j = checkInteger(fn, "feature", feature, { min: 0, max: x.nCols - 1 });
  else if (typeof feature === "string") {
    j = (x.columns ?? []).indexOf(feature);
    if (j < 0) throw new ArgumentError({ fn, arg: "feature", value: feature, expected: x.columns === undefined ? `a column index 0..${x.nCols - 1} (x has no column names)` : `one of ${x.columns.join(", ")}` }, `no predictor ${JSON.stringify(feature)} (have: ${(x.columns ?? []).join(", ")})`);
  } else throw new ArgumentError({ fn, arg: "feature", value: feature, expected: "a predictor name or column index" }, "bad feature");
  const name = columnName(x, j);
  if (x.nRows === 0) throw new ArgumentError({ fn, arg: "x.nRows", value: 0, expected: "at least 1 row" }, "no rows");
  checkOptions(fn, "options", options, ["gridSize", "range", "iceRows", "seed", "centred"]);
  const gridSize = checkInteger(fn, "options.gridSize", options.gridSize ?? 20, { min: 2, max: 10_000 });
  const range = options.range ?? [0.05, 0.95];
  if (!Array.isArray(range) || range.length !== 2) throw new ArgumentError({ fn, arg: "options.range", value: range, expected: "two quantile levels [lo, hi]" }, "bad range");
  const lo = checkNumber(fn, "options.range[0]", range[0], { min: 0, max: 1 });
  const hi = checkNumber(fn, "options.range[1]", range[1], { min: 0, max: 1 });
  if (!(lo < hi)) throw new ArgumentError({ fn, arg: "options.range", value: range, expected: "lo < hi" }, "empty quantile range");
  const seed = checkInteger(fn, "options.seed", options.seed ?? DEFAULT_SEED, { min: 0, max: Number.MAX_SAFE_INTEGER });
  const centred = options.centred ?? false;
  if (typeof centred !== "boolean") throw new ArgumentError({ fn, arg: "options.centred", value: centred, expected: "true or false" }, "not a boolean");
  let iceRows: Int32Array;
  if (options.iceRows instanceof Int32Array) {
    iceRows = options.iceRows;
    for (let m = 0; m < iceRows.length; m++) {
      const r = iceRows[m]!;
      if (!(r >= 0 && r < x.nRows)) throw new ArgumentError({ fn, arg: "options.iceRows", at: m, value: r, expected: `a row index 0..${x.nRows - 1}` }, "row out of range");
    }
  } else {
    const k = Math.min(x.nRows, checkInteger(fn, "options.iceRows", options.iceRows ?? 50, { min: 0 }));
    iceRows = createRng(seed, "ice-rows").permutation(x.nRows).slice(0, k).sort();
  }
  const col: number[] = [];
  for (let i = 0; i < x.nRows; i++) {
    const v = x.data[i * x.nCols + j]!;
    if (!Number.isNaN(v)) col.push(v);
  }
  if (col.length === 0) throw new ArgumentError({ fn, arg: "x", at: `column ${JSON.stringify(name)}`, value: NaN, expected: "at least one value that is not missing" }, `predictor "${name}" has no finite values`);
  const distinct = [...new Set(col)].sort((a, b) => a - b);
  const grid = distinct.length <= gridSize
    ? Float64Array.from(distinct)
    : Float64Array.from([...new Set(quantiles(col, Array.from({ length: gridSize }, (_, g) => lo + ((hi - lo) * g) / (gridSize - 1))))]);
  const work = Float64Array.from(x.data);
  const probe: Matrix = x.columns === undefined ? { data: work, nRows: x.nRows, nCols: x.nCols } : { data: work, nRows: x.nRows, nCols: x.nCols, columns: x.columns };
  const pd = new Float64Array(grid.length);
  const ice = Array.from(iceRows, () => new Float64Array(grid.length));
  grid.forEach((g, k) => {
    for (let i = 0; i < x.nRows; i++) work[i * x.nCols + j] = g;
    const p = checkModelOutput(fn, "model", model.predict(probe), x.nRows, `grid value ${k} of ${JSON.stringify(name)}`);
    let s = 0;
    for (let i = 0; i < p.length; i++) s += p[i]!;
    pd[k] = s / p.length;
    iceRows.forEach((r, m) => (ice[m]![k] = p[r]!));
  });
  if (centred) {
    const p0 = pd[0]!;
    for (let k = 0; k < pd.length; k++) pd[k]! -= p0;
    for (const curve of ice) {
      const c0 = curve[0]!;
      for (let k = 0; k < curve.length; k++) curve[k]! -= c0;
    }
  }
  let pmin = Infinity;
  let pmax = -Infinity;
  for (const v of pd) {
    pmin = Math.min(pmin, v);
    pmax = Math.max(pmax, v);
  }
  return { feature: name, grid, pd, ice, iceRows, deciles: quantiles(col, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]), centred, pdRange: pmax - pmin };
}
