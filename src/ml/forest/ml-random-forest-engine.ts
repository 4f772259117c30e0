/**
 * The npm package `ml-random-forest` (2.1) behind the kit's {@link RegressionModel} interface,
 * kept for comparison and teaching. Its trees are compiled into the kit's flat arrays, so its
 * models predict through the same fast code (predictions identical to the package's own
 * `predict`, checked in test/unit/forest.test.ts).
 *
 * Semantic differences from h2o DRF (paper 1 §2.4.1), which is what the kit's engine follows:
 * - `maxFeatures` draws the feature subset ONCE PER TREE, not at every split (`mtries`);
 * - `minNumSamples` is the smallest node that may be split, not the smallest leaf (`minRows`);
 * - rows are bootstrapped WITH replacement (`useSampleBagging`), h2o samples 63.2 % without;
 * - `maxSamples` takes the FIRST rows, not a random sample (not used here);
 * - its out-of-bag step throws "input must not be empty" when a row is in every bootstrap, so
 *   it is switched off (`noOOB: true`) and OOB predictions are not available;
 * - its ml-cart splitter rescans the data for each candidate split (about O(n²) per node).
 */
import { RandomForestRegression } from "ml-random-forest";
import { Forest, featureNamesOf } from "./forest";
import { type Matrix } from "../../core/matrix";
import { type ForestOptions, type ResolvedForestOptions, resolveForestOptions } from "./options";
import { checkTrainingFrame } from "./train-forest";
import { TreeStore } from "./tree-store";

interface CartNode {
  splitColumn?: number;
  splitValue?: number;
  left?: CartNode;
  right?: CartNode;
  distribution?: number;
  numberSamples?: number;
}

/**
 * Train `ml-random-forest`'s regression forest with the closest options to h2o's: `ntrees` →
 * `nEstimators`, `mtries` → `maxFeatures` (per tree!), `minRows` → `minNumSamples`, `maxDepth`
 * → `maxDepth`, `seed` → `seed`. `sampleRate`, `nbins` and `nbinsTopLevel` have no
 * counterpart and are ignored.
 *
 * @param x - predictors (no missing values: ml-cart cannot learn a missing-value side)
 * @param y - response per row
 * @param options - kit options (mapped as above)
 * @param rows - optional training frame (row indices of `x`)
 * @returns the fitted trees compiled into a {@link Forest} with `engine` "ml-random-forest" (no OOB predictions)
 * @throws RangeError for a missing predictor value (row and column named) or bad options
 */
export function trainMlRandomForest(x: Matrix, y: ArrayLike<number>, options: ForestOptions = {}, rows?: Int32Array): Forest {
  const p = x.nCols;
  const opt = resolveForestOptions(options, p);
  const frame = rows ?? Int32Array.from({ length: x.nRows }, (_, i) => i);
  checkTrainingFrame(x, y, frame);
  const X: number[][] = [];
  const Y: number[] = [];
  for (const i of frame) {
    const row = Array.from(x.data.subarray(i * p, i * p + p));
    const bad = row.findIndex((v) => Number.isNaN(v));
    if (bad >= 0) throw new RangeError(`trainMlRandomForest: row ${i}, ${featureNamesOf(x)[bad]} is missing; ml-random-forest cannot handle missing values`);
    X.push(row);
    Y.push(y[i]!);
  }
  const rf = new RandomForestRegression({
    nEstimators: opt.ntrees,
    maxFeatures: opt.mtries,
    seed: opt.seed % 2147483647,
    noOOB: true,
    useSampleBagging: true,
    treeOptions: { minNumSamples: opt.minRows, maxDepth: opt.maxDepth },
  });
  rf.train(X, Y);
  return compileMlRandomForest(rf, featureNamesOf(x), opt, frame.length);
}

/**
 * Compile a trained `ml-random-forest` regression forest into the kit's flat tree arrays
 * (a node is internal only when it has both children, as in ml-cart's own `predict`).
 *
 * @param trained - the package's trained `RandomForestRegression`
 * @param names - predictor names
 * @param opt - the options it was trained with (kept for the record)
 * @param nTrain - training rows
 * @returns a {@link Forest} whose predictions equal the package's own
 */
export function compileMlRandomForest(trained: RandomForestRegression, names: string[], opt: ResolvedForestOptions, nTrain: number): Forest {
  const rf = trained as unknown as { estimators: { root: CartNode }[]; indexes: number[][] };
  const store = new TreeStore(1024);
  const importance = new Float64Array(names.length);
  rf.estimators.forEach((est, t) => {
    const cols = rf.indexes[t]!;
    const root = store.addRoot();
    const visit = (node: CartNode, k: number): void => {
      const a = store.arrays;
      a.cover[k] = node.numberSamples ?? 0;
      if (node.left !== undefined && node.right !== undefined && node.splitColumn !== undefined && node.splitValue !== undefined) {
        const c = store.add(2);
        const b = store.arrays;
        b.feature[k] = cols[node.splitColumn]!;
        b.threshold[k] = node.splitValue;
        b.naRight[k] = 1; // NaN < v is false: ml-cart sends a missing value right
        b.child[k] = c;
        visit(node.left, c);
        visit(node.right, c + 1);
      } else {
        store.arrays.value[k] = typeof node.distribution === "number" ? node.distribution : NaN;
      }
    };
    visit(est.root, root);
  });
  return new Forest({
    engine: "ml-random-forest",
    options: opt,
    featureNames: names,
    nTrainRows: nTrain,
    trees: store.finish(),
    impurityImportance: importance,
    oobPermutationImportance: null,
    oobPredictions: new Float64Array(nTrain).fill(NaN),
  });
}
