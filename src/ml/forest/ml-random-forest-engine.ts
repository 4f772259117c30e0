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
import { checkInteger } from "../../core/checks";
import { ArgumentError, EngineError, guardEngine } from "../../core/errors";
import { Forest, featureNamesOf } from "./forest";
import { type Matrix, checkMatrix, columnName } from "../../core/matrix";
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
 * @throws ArgumentError for a missing predictor value (row and column named), bad options or a bad training frame (as {@link trainForest})
 * @throws EngineError when ml-random-forest itself fails (its error kept as `cause`)
 * @example
 * const { x, y } = friedman1(60, 5, 1, "demo");
 * trainMlRandomForest(x, y, { ntrees: 3, mtries: 2, seed: 1 }).engine; // 'ml-random-forest'
 */
export function trainMlRandomForest(x: Matrix, y: ArrayLike<number>, options: ForestOptions = {}, rows?: Int32Array): Forest {
  const fn = "trainMlRandomForest";
  checkMatrix(fn, "x", x);
  const p = x.nCols;
  const opt = resolveForestOptions(options, p, fn);
  const frame = rows ?? Int32Array.from({ length: x.nRows }, (_, i) => i);
  checkTrainingFrame(fn, x, y, frame, opt.minRows, true);
  const X: number[][] = [];
  const Y: number[] = [];
  for (const i of frame) {
    const row = Array.from(x.data.subarray(i * p, i * p + p));
    const bad = row.findIndex((v) => Number.isNaN(v));
    if (bad >= 0) {
      throw new ArgumentError({ fn, arg: "x", at: `row ${i}, column ${JSON.stringify(columnName(x, bad))}`, value: NaN, expected: "a finite number (ml-random-forest cannot handle missing values; use the kit-drf engine)" }, "missing value");
    }
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
  guardEngine("ml-random-forest", "train", () => rf.train(X, Y));
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
 * @throws EngineError when the package's trees are not what the compiler expects (untrained, a leaf without a finite mean, a split column out of range)
 * @throws ArgumentError when `names` is empty or `nTrain` is not an integer ≥ 2
 * @example
 * const { RandomForestRegression } = require("ml-random-forest");
 * const { x, y } = friedman1(60, 5, 1, "demo");
 * const rows = Array.from({ length: 60 }, (_, i) => Array.from(x.data.subarray(5 * i, 5 * i + 5)));
 * const rf = new RandomForestRegression({ nEstimators: 3, maxFeatures: 2, seed: 1, noOOB: true });
 * rf.train(rows, Array.from(y));
 * const forest = compileMlRandomForest(rf, featureNamesOf(x), resolveForestOptions({ ntrees: 3, mtries: 2 }, 5), 60);
 * forest.predict(x)[0] === rf.predict([rows[0]])[0]; // true
 */
export function compileMlRandomForest(trained: RandomForestRegression, names: string[], opt: ResolvedForestOptions, nTrain: number): Forest {
  const fn = "compileMlRandomForest";
  if (!Array.isArray(names) || names.length === 0) throw new ArgumentError({ fn, arg: "names", value: names, expected: "one name per predictor" }, "no predictor names");
  checkInteger(fn, "nTrain", nTrain, { min: 2 });
  const rf = trained as unknown as { estimators?: { root: CartNode }[]; indexes?: number[][] };
  const estimators = rf.estimators;
  const indexes = rf.indexes;
  if (!Array.isArray(estimators) || estimators.length === 0 || !Array.isArray(indexes)) {
    throw new EngineError("ml-random-forest", "compile", "the forest has no trained estimators (call train first)");
  }
  const store = new TreeStore(1024);
  const importance = new Float64Array(names.length);
  estimators.forEach((est, t) => {
    const cols = indexes[t] ?? [];
    const root = store.addRoot();
    const visit = (node: CartNode, k: number): void => {
      const a = store.arrays;
      a.cover[k] = node.numberSamples ?? 0;
      if (node.left !== undefined && node.right !== undefined && node.splitColumn !== undefined && node.splitValue !== undefined) {
        const feature = cols[node.splitColumn];
        if (feature === undefined || !(feature >= 0 && feature < names.length)) {
          throw new EngineError("ml-random-forest", "compile", `tree ${t}: split column ${node.splitColumn} maps to predictor ${feature}, outside 0..${names.length - 1}`);
        }
        const c = store.add(2);
        const b = store.arrays;
        b.feature[k] = feature;
        b.threshold[k] = node.splitValue;
        b.naRight[k] = 1; // NaN < v is false: ml-cart sends a missing value right
        b.child[k] = c;
        visit(node.left, c);
        visit(node.right, c + 1);
      } else {
        if (typeof node.distribution !== "number" || !Number.isFinite(node.distribution)) {
          throw new EngineError("ml-random-forest", "compile", `tree ${t}: a leaf has no finite mean (distribution ${String(node.distribution)})`);
        }
        store.arrays.value[k] = node.distribution;
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
