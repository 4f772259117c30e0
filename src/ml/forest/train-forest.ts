/**
 * Training the kit's random forest with h2o DRF semantics (paper 1 §2.4.1, which used R h2o):
 * each tree sees each training row with probability `sampleRate` (0.632, without replacement),
 * draws `mtries` candidate features at every split, keeps ≥ `minRows` rows per leaf and grows
 * to at most `maxDepth`. Every tree has its own named random stream (`drf-tree-<t>` of the
 * seed), so a forest is identical for the same seed however it is scheduled.
 */
import { createRng } from "../../random/rng";
import { binRows } from "./binning";
import { Forest, MAX_RESPONSE_MAGNITUDE, featureNamesOf } from "./forest";
import { growScratch, growTree } from "./grow-tree";
import { isList } from "../../core/checks";
import { ArgumentError, FitError } from "../../core/errors";
import { type Matrix, checkMatrix } from "../../core/matrix";
import { type ForestOptions, resolveForestOptions } from "./options";
import { leafOf } from "./predict-trees";
import { TreeStore } from "./tree-store";

/**
 * Check a training set and frame before fitting: `x` a well-formed Matrix, `y` an array with one
 * response per row of `x` whose FRAME rows are finite and at most
 * {@link MAX_RESPONSE_MAGNITUDE} in magnitude (rows outside the frame are not used and not
 * checked), frame row indices integers in range, at least 2 frame rows, at least `minRows` frame
 * rows, and at least one predictor that is neither missing nor constant over the frame
 * (otherwise no tree could split and every prediction would be the mean).
 *
 * @param fn - the public function to name in an error
 * @param x - predictors
 * @param y - response per row of `x`
 * @param rows - training frame as row indices of `x`
 * @param minRows - the resolved `minRows` option (default 1)
 * @param xChecked - true when the caller has already checked `x` with `checkMatrix` (skips a second scan of every value; default false)
 * @throws ArgumentError naming the argument, the first bad index (row, column) and its value
 * @example
 * checkTrainingFrame("trainForest", makeMatrix(new Float64Array([1, 2, 3]), 1), [1, 2, 3], Int32Array.from([0, 1, 2])); // passes
 */
export function checkTrainingFrame(fn: string, x: Matrix, y: ArrayLike<number>, rows: Int32Array, minRows = 1, xChecked = false): void {
  if (!xChecked) checkMatrix(fn, "x", x);
  if (!(isList(y) || (ArrayBuffer.isView(y) && !(y instanceof DataView)))) throw new ArgumentError({ fn, arg: "y", value: y, expected: "an array or typed array of numbers" }, "not an array");
  if (y.length !== x.nRows) throw new ArgumentError({ fn, arg: "y", value: y.length, expected: `${x.nRows} (x.nRows, one response per row)` }, "wrong length");
  if (!(rows instanceof Int32Array)) throw new ArgumentError({ fn, arg: "rows", value: rows, expected: "an Int32Array of row indices" }, "not an Int32Array");
  if (rows.length < 2) throw new ArgumentError({ fn, arg: "rows", value: rows.length, expected: "at least 2 training rows" }, "too few training rows");
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    if (!(i >= 0 && i < x.nRows)) throw new ArgumentError({ fn, arg: "rows", at: k, value: i, expected: `a row index 0..${x.nRows - 1}` }, "row out of range");
  }
  // the response of every frame row (rows outside the frame are never read)
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    const v: unknown = y[i];
    if (!(typeof v === "number" && Number.isFinite(v))) throw new ArgumentError({ fn, arg: "y", at: i, value: v, expected: "a finite number" }, "bad value");
    if (Math.abs(v) > MAX_RESPONSE_MAGNITUDE) {
      throw new ArgumentError({ fn, arg: "y", at: i, value: v, expected: `a magnitude at most ${MAX_RESPONSE_MAGNITUDE} (MAX_RESPONSE_MAGNITUDE: squares must fit a double; rescale the response)` }, "response too large");
    }
  }
  if (minRows > rows.length) {
    throw new ArgumentError({ fn, arg: "options.minRows", value: minRows, expected: `at most ${rows.length} (the number of training rows)` }, "a leaf cannot hold more rows than the data");
  }
  const p = x.nCols;
  let anyPresent = false;
  for (let j = 0; j < p; j++) {
    const first = x.data[rows[0]! * p + j]!;
    if (!Number.isNaN(first)) anyPresent = true;
    for (let k = 1; k < rows.length; k++) {
      const v = x.data[rows[k]! * p + j]!;
      if (v !== first && !(Number.isNaN(v) && Number.isNaN(first))) return;
    }
  }
  const problem = anyPresent ? "every predictor is constant (or missing) over the training rows, so no tree can split" : "every predictor is missing over the training rows, so no tree can split";
  throw new ArgumentError({ fn, arg: "x", value: `${rows.length} rows × ${p} columns`, expected: "at least one predictor with two different values among the training rows" }, problem);
}

/**
 * Train a regression random forest (h2o DRF semantics; defaults as h2o).
 *
 * @param x - predictors (row-major; NaN = missing, sent to a learned side at each split)
 * @param y - response per row of `x` (e.g. ALT in cm)
 * @param options - hyperparameters and seed (see {@link ForestOptions})
 * @param rows - optional training frame as row indices of `x` (duplicates allowed, e.g. a bootstrap); default all rows
 * @returns the fitted forest, with OOB predictions for the frame rows and impurity importance
 * @throws ArgumentError for bad options, a malformed matrix, bad responses (not finite, or above {@link MAX_RESPONSE_MAGNITUDE} in magnitude) or frame rows, fewer rows than `minRows`, or predictors that are all missing or constant (index and value named)
 * @throws FitError when a tree draws no in-bag rows (too few rows for `sampleRate`): an empty tree would predict nothing meaningful
 * @example
 * const { x, y } = friedman1(100, 5, 1, "demo");
 * trainForest(x, y, { ntrees: 10, seed: 1 }).nTrees; // 10
 */
export function trainForest(x: Matrix, y: ArrayLike<number>, options: ForestOptions = {}, rows?: Int32Array): Forest {
  const fn = "trainForest";
  checkMatrix(fn, "x", x);
  return fitForest(fn, x, y, options, rows);
}

/**
 * {@link trainForest} for a matrix already checked with `checkMatrix` (by the public entry, or by
 * `ForestPool.register` for a pool's tasks): the same checks of options, responses and frame and
 * the same forest, without a second scan of every value of `x`.
 *
 * @param fn - the public function to name in an error
 * @param x - predictors (already checked)
 * @param y - response per row of `x`
 * @param options - hyperparameters and seed
 * @param rows - optional training frame as row indices of `x`
 * @returns the fitted forest
 * @throws ArgumentError and FitError as {@link trainForest}
 * @example
 * const { x, y } = friedman1(100, 5, 1, "demo");
 * fitForest("trainForest", checkMatrix("f", "x", x), y, { ntrees: 10 }).nTrees; // 10
 */
export function fitForest(fn: string, x: Matrix, y: ArrayLike<number>, options: ForestOptions = {}, rows?: Int32Array): Forest {
  const p = x.nCols;
  const opt = resolveForestOptions(options, p, fn);
  const frame = rows ?? Int32Array.from({ length: x.nRows }, (_, i) => i);
  checkTrainingFrame(fn, x, y, frame, opt.minRows, true);
  const N = frame.length;
  const bins = binRows(x.data, p, frame);
  const yf = new Float64Array(N);
  for (let k = 0; k < N; k++) yf[k] = y[frame[k]!]!;

  // initial capacity only (the store doubles as needed): bounded so a large ntrees does not reserve memory up front
  const store = new TreeStore(Math.min(opt.ntrees * 64, 1 << 20));
  const scratch = growScratch(p, opt.nbinsTopLevel, N);
  const importance = new Float64Array(p);
  const perm = opt.oobPermutationImportance ? new Float64Array(p) : null;
  const oobSum = new Float64Array(N);
  const oobCnt = new Int32Array(N);
  const idx = new Int32Array(N);
  const oob = new Int32Array(N);
  const rowBuf = new Float64Array(p);

  for (let t = 0; t < opt.ntrees; t++) {
    const rng = createRng(opt.seed, `drf-tree-${t}`);
    let nIn = 0;
    let nOut = 0;
    for (let k = 0; k < N; k++) {
      if (rng.uniform() < opt.sampleRate) idx[nIn++] = k;
      else oob[nOut++] = k;
    }
    if (nIn === 0) {
      throw new FitError(fn, "kit-drf", `tree ${t} drew no in-bag rows from the ${N} training rows (sampleRate ${opt.sampleRate}); use more rows or a larger sampleRate`);
    }
    const root = growTree(store, { bins, y: yf, idx: idx.subarray(0, nIn), options: opt, rng, importance, scratch });
    const trees = store.arrays;
    let baseSse = 0;
    for (let m = 0; m < nOut; m++) {
      const k = oob[m]!;
      const pred = trees.value[leafOf(trees, root, x.data, frame[k]! * p)]!;
      oobSum[k]! += pred;
      oobCnt[k]! += 1;
      const d = pred - yf[k]!;
      baseSse += d * d;
    }
    if (perm !== null && nOut > 1) {
      const permRng = createRng(opt.seed, `drf-oob-permutation-${t}`);
      for (let j = 0; j < p; j++) {
        const order = permRng.permutation(nOut);
        let sse = 0;
        for (let m = 0; m < nOut; m++) {
          const k = oob[m]!;
          const base = frame[k]! * p;
          for (let c = 0; c < p; c++) rowBuf[c] = x.data[base + c]!;
          rowBuf[j] = x.data[frame[oob[order[m]!]!]! * p + j]!;
          const d = trees.value[leafOf(trees, root, rowBuf, 0)]! - yf[k]!;
          sse += d * d;
        }
        perm[j]! += (sse - baseSse) / nOut / opt.ntrees;
      }
    }
  }
  const oobPredictions = new Float64Array(N);
  for (let k = 0; k < N; k++) oobPredictions[k] = oobCnt[k]! > 0 ? oobSum[k]! / oobCnt[k]! : NaN;
  return new Forest({
    options: opt,
    featureNames: featureNamesOf(x),
    nTrainRows: N,
    trees: store.finish(),
    impurityImportance: importance,
    oobPermutationImportance: perm,
    oobPredictions,
  });
}
