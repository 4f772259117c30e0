/**
 * Training the kit's random forest with h2o DRF semantics (paper 1 §2.4.1, which used R h2o):
 * each tree sees each training row with probability `sampleRate` (0.632, without replacement),
 * draws `mtries` candidate features at every split, keeps ≥ `minRows` rows per leaf and grows
 * to at most `maxDepth`. Every tree has its own named random stream (`drf-tree-<t>` of the
 * seed), so a forest is identical for the same seed however it is scheduled.
 */
import { createRng } from "../../random/rng";
import { binFeatures } from "./binning";
import { Forest, featureNamesOf } from "./forest";
import { growScratch, growTree } from "./grow-tree";
import { type Matrix, columnName } from "../../core/matrix";
import { type ForestOptions, resolveForestOptions } from "./options";
import { leafOf } from "./predict-trees";
import { TreeStore } from "./tree-store";

/**
 * Check a training frame: finite responses, no infinite predictors, indices in range.
 *
 * @param x - predictors
 * @param y - response per row of `x`
 * @param rows - training frame as row indices of `x`
 * @throws RangeError naming the first bad row (and column)
 */
export function checkTrainingFrame(x: Matrix, y: ArrayLike<number>, rows: Int32Array): void {
  if (y.length !== x.nRows) throw new RangeError(`trainForest: ${x.nRows} predictor rows but ${y.length} responses`);
  const p = x.nCols;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    if (!(i >= 0 && i < x.nRows)) throw new RangeError(`trainForest: training row index ${i} out of range 0..${x.nRows - 1}`);
    if (!Number.isFinite(y[i]!)) throw new RangeError(`trainForest: response of row ${i} is ${y[i]} (responses must be finite; drop or impute it first)`);
    for (let j = 0; j < p; j++) {
      const v = x.data[i * p + j]!;
      if (v === Infinity || v === -Infinity) throw new RangeError(`trainForest: row ${i}, ${columnName(x, j)} is ${v} (use NaN for a missing value)`);
    }
  }
}

/**
 * Train a regression random forest (h2o DRF semantics; defaults as h2o).
 *
 * @param x - predictors (row-major; NaN = missing, sent to a learned side at each split)
 * @param y - response per row of `x` (e.g. ALT in cm)
 * @param options - hyperparameters and seed (see {@link ForestOptions})
 * @param rows - optional training frame as row indices of `x` (duplicates allowed, e.g. a bootstrap); default all rows
 * @returns the fitted forest, with OOB predictions for the frame rows and impurity importance
 * @throws RangeError for bad options or a bad training frame (row and column named)
 */
export function trainForest(x: Matrix, y: ArrayLike<number>, options: ForestOptions = {}, rows?: Int32Array): Forest {
  const p = x.nCols;
  const opt = resolveForestOptions(options, p);
  const frame = rows ?? Int32Array.from({ length: x.nRows }, (_, i) => i);
  if (frame.length < 2) throw new RangeError(`trainForest: need at least 2 training rows, got ${frame.length}`);
  checkTrainingFrame(x, y, frame);
  const N = frame.length;
  const bins = binFeatures(x.data, p, frame);
  const yf = new Float64Array(N);
  for (let k = 0; k < N; k++) yf[k] = y[frame[k]!]!;

  const store = new TreeStore(opt.ntrees * 64);
  const scratch = growScratch(p, opt.nbinsTopLevel);
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
