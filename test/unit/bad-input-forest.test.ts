/**
 * Bad-input corpus of the forest area (issue "Trust every input"): the random forest, its worker
 * pool, cross-validation, the grid search, the ensemble, permutation importance, partial
 * dependence and the regression metrics. Every case feeds one broken input and asserts the error
 * class and that the message names the function, the argument, the position and the value.
 */
import { describe } from "node:test";
import {
  ArgumentError, DataError, FitError, Forest, ForestEnsemble, ForestPool, assignFolds, checkFolds, crossValidate, ensembleHoldout, friedman1,
  gridSearch, groupedFolds, makeMatrix, partialDependence, permutationImportance, regressionMetrics, trainEnsemble, trainForest, trainMlRandomForest,
  type ForestJSON, type GridModel, type Matrix,
} from "permafrost-kit";
import { refuses, refusesAsync } from "../bad-input/corpus";

const { x, y } = friedman1(60, 5, 1, "bad-input-forest");
/** 30 rows × 2 named predictors (x0, x1): the first two columns of a Friedman set. */
const small = ((): { x: Matrix; y: Float64Array } => {
  const f = friedman1(30, 5, 2, "bad-input-forest-2");
  const data = Float64Array.from({ length: 60 }, (_, k) => f.x.data[Math.floor(k / 2) * 5 + (k % 2)]!);
  return { x: makeMatrix(data, 2, ["x0", "x1"]), y: f.y };
})();
const model2 = trainForest(small.x, small.y, { ntrees: 5, seed: 1 });
const model5 = trainForest(x, y, { ntrees: 5, seed: 1 });
const json = (): ForestJSON => JSON.parse(JSON.stringify(model2)) as ForestJSON;
/** A value typed as anything, to pass what the types forbid (as a JavaScript caller could). */
const loose = <T>(v: unknown): T => v as T;

describe("shapes: every entry that takes a Matrix checks it", () => {
  refuses("trainForest: a Matrix literal whose data is not nRows × nCols", () => trainForest({ data: new Float64Array(10), nRows: 3, nCols: 3 }, [1, 2, 3]), ArgumentError,
    ["trainForest", "x.data", "length does not match the shape", "got 10", "9 values"]);
  refuses("trainForest: a plain Float64Array where a Matrix is expected", () => trainForest(loose<Matrix>(new Float64Array(6)), [1, 2, 3]), ArgumentError,
    ["trainForest", "x", "not a Matrix", "Float64Array(6)"]);
  refuses("Forest.predict: a row of 4 values given to a 2-feature model", () => model2.predict(makeMatrix(new Float64Array([0.1, 0.2, 0.3, 0.4]), 4)), ArgumentError,
    ["Forest.predict", "x.nCols", "got 4", "2 columns"]);
  refuses("Forest.predict: columns in another order than in training", () => model2.predict(makeMatrix(new Float64Array([0.1, 0.2]), 2, ["x1", "x0"])), ArgumentError,
    ["Forest.predict", "x.columns[0]", "column differs from training", '"x1"', '"x0"']);
  refuses("Forest.predict: a Matrix literal with too few values", () => model2.predict({ data: new Float64Array(3), nRows: 2, nCols: 2 }), ArgumentError,
    ["Forest.predict", "x.data", "got 3"]);
  refuses("Forest.predict: a tree range beyond the forest", () => model2.predict(small.x, [0, 99]), ArgumentError, ["Forest.predict", "trees[1]", "got 99"]);
  refuses("Forest.leaves: a matrix of the wrong width", () => model5.leaves(small.x), ArgumentError, ["Forest.leaves", "x.nCols", "got 2"]);
  refusesAsync("crossValidate: a Matrix literal whose data is not nRows × nCols", () => crossValidate({ data: new Float64Array(7), nRows: 4, nCols: 2 }, [1, 2, 3, 4], {}, { workers: 0 }), ArgumentError,
    ["crossValidate", "x.data", "got 7"]);
  refusesAsync("gridSearch: a plain array where a Matrix is expected", () => gridSearch(loose<Matrix>([[1, 2], [3, 4]]), [1, 2], { workers: 0 }), ArgumentError,
    ["gridSearch", "x", "not a Matrix"]);
  refuses("permutationImportance: a matrix of the wrong width for the model", () => permutationImportance(model5, small.x, small.y), ArgumentError,
    ["permutationImportance", "x.nCols", "got 2"]);
  refuses("partialDependence: a plain Float64Array where a Matrix is expected", () => partialDependence(model2, loose<Matrix>(new Float64Array(4)), 0), ArgumentError,
    ["partialDependence", "x", "not a Matrix"]);
  refuses("ForestPool.register: a malformed matrix", () => new ForestPool({ workers: 0 }).register("d", { data: new Float64Array(5), nRows: 2, nCols: 2 }), ArgumentError,
    ["ForestPool.register", "x.data", "got 5"]);
  refuses("ForestEnsemble.predict: a matrix of the wrong width", () => new ForestEnsemble([model2]).predict(x), ArgumentError,
    ["ForestEnsemble.predict", "x.nCols", "got 5"]);
  refuses("ForestEnsemble: members trained on different predictors", () => new ForestEnsemble([model2, model5]), ArgumentError,
    ["ForestEnsemble", "members[1]", "different predictors"]);
});

describe("degenerate fits are refused with a reason", () => {
  refuses("trainForest: minRows larger than the data", () => trainForest(small.x, small.y, { minRows: 50 }), ArgumentError,
    ["trainForest", "options.minRows", "got 50", "at most 30"]);
  refuses("trainForest: every predictor missing", () => trainForest(makeMatrix(new Float64Array(8).fill(NaN), 2), [1, 2, 3, 4]), ArgumentError,
    ["trainForest", "x", "every predictor is missing", "4 rows × 2 columns"]);
  refuses("trainForest: every predictor constant over the frame rows", () => trainForest(x, y, {}, Int32Array.from([4, 4, 4])), ArgumentError,
    ["trainForest", "x", "every predictor is constant", "3 rows × 5 columns"]);
  refuses("trainForest: 3 rows, so some trees draw no row (would predict 0)", () => trainForest(makeMatrix(new Float64Array([1, 2, 3]), 1), [10, 20, 30], { ntrees: 50, seed: 1 }), FitError,
    ["trainForest", "drew no in-bag rows", "3 training rows", "sampleRate 0.632"]);
  refusesAsync("ForestPool.run (1 worker): a degenerate fit in a worker comes back as the same FitError", async () => {
    const pool = new ForestPool({ workers: 1 });
    try {
      pool.register("three", makeMatrix(new Float64Array([1, 2, 3]), 1), [10, 20, 30]);
      return await pool.run([{ data: "three", options: { ntrees: 50, seed: 1 }, trainRows: Int32Array.from([0, 1, 2]) }]);
    } finally {
      await pool.close();
    }
  }, FitError, ["trainForest", "drew no in-bag rows"]);
});

describe("options, labels and folds", () => {
  refuses("trainForest: an unknown option name (nTrees for ntrees)", () => trainForest(x, y, loose({ nTrees: 10 })), ArgumentError,
    ["trainForest", "options.nTrees", "unknown option", "ntrees"]);
  refuses("trainForest: ntrees 0", () => trainForest(x, y, { ntrees: 0 }), ArgumentError, ["trainForest", "options.ntrees", "got 0"]);
  refuses("trainForest: sampleRate above 1", () => trainForest(x, y, { sampleRate: 1.5 }), ArgumentError, ["trainForest", "options.sampleRate", "got 1.5"]);
  refuses("trainForest: maxDepth 0", () => trainForest(x, y, { maxDepth: 0 }), ArgumentError, ["trainForest", "options.maxDepth", "got 0"]);
  refuses("trainForest: minSplitImprovement NaN", () => trainForest(x, y, { minSplitImprovement: NaN }), ArgumentError, ["trainForest", "options.minSplitImprovement", "got NaN"]);
  refuses("trainForest: a negative seed", () => trainForest(x, y, { seed: -1 }), ArgumentError, ["trainForest", "options.seed", "got -1"]);
  refuses("trainForest: y shorter than the rows", () => trainForest(x, y.subarray(1)), ArgumentError, ["trainForest", "y", "wrong length", "got 59", "60"]);
  refuses("trainForest: y[5] is Infinity", () => trainForest(x, Float64Array.from(y, (v, i) => (i === 5 ? Infinity : v))), ArgumentError, ["trainForest", "y[5]", "got Infinity"]);
  refuses("trainForest: a frame row index out of range", () => trainForest(x, y, {}, Int32Array.from([0, 1, 60])), ArgumentError, ["trainForest", "rows[2]", "got 60"]);
  refuses("trainMlRandomForest: mtries above the predictor count", () => trainMlRandomForest(x, y, { mtries: 6 }), ArgumentError, ["trainMlRandomForest", "options.mtries", "got 6"]);
  refusesAsync("crossValidate: a fold id out of range", () => crossValidate(x, y, { ntrees: 2 }, { folds: Int32Array.from({ length: 60 }, (_, i) => (i === 3 ? -1 : i % 3)), workers: 0 }), ArgumentError,
    ["crossValidate", "cv.folds[3]", "got -1"]);
  refusesAsync("crossValidate: every row in one fold", () => crossValidate(x, y, { ntrees: 2 }, { folds: new Int32Array(60), workers: 0 }), ArgumentError,
    ["crossValidate", "cv.folds", "same fold", "got \"1 fold\""]);
  refusesAsync("crossValidate: more folds than rows", () => crossValidate(x, y, { ntrees: 2 }, { nfolds: 61, workers: 0 }), ArgumentError, ["crossValidate", "cv.nfolds", "got 61", "≤ 60"]);
  refusesAsync("crossValidate: an unknown setting (nFolds)", () => crossValidate(x, y, { ntrees: 2 }, loose({ nFolds: 5, workers: 0 })), ArgumentError,
    ["crossValidate", "cv.nFolds", "unknown option", "nfolds"]);
  refusesAsync("crossValidate: minRows larger than a fold's training rows", () => crossValidate(x, y, { minRows: 45 }, { nfolds: 3, foldAssignment: "modulo", workers: 0 }), ArgumentError,
    ["crossValidate", "options.minRows", "got 45", "at most 40"]);
  refuses("checkFolds: a fold id above k − 1", () => checkFolds(Int32Array.from([0, 1, 5]), 3), ArgumentError, ["checkFolds", "folds[2]", "got 5"]);
  refuses("assignFolds: random folds with an empty fold", () => assignFolds(5, 5, 1), ArgumentError, ["assignFolds", "k", "fold 1 of 5 has no rows", "got \"5 folds\""]);
  refuses("groupedFolds: more folds than groups", () => groupedFolds(["a", "a", "b"], 3, 1), ArgumentError, ["groupedFolds", "k", "got 3", "at most 2"]);
  refusesAsync("gridSearch: a grid mtries above the predictor count", () => gridSearch(small.x, small.y, { grid: { ntrees: [2], mtries: [1, 9], minRows: [1] }, nfolds: 3, workers: 0 }), ArgumentError,
    ["gridSearch", "options.grid.mtries[1]", "got 9"]);
  refusesAsync("trainEnsemble: no members", () => trainEnsemble(x, y, [], { workers: 0 }), ArgumentError, ["trainEnsemble", "members", "no members"]);
  refusesAsync("trainEnsemble: a bad option in member 1", () => trainEnsemble(x, y, [{ ntrees: 2 }, { ntrees: -3 }], { workers: 0 }), ArgumentError,
    ["trainEnsemble", "members[1].ntrees", "got -3"]);
  refuses("ensembleHoldout: k = 0", () => ensembleHoldout({ models: [loose<GridModel>({ holdout: new Float64Array(60) })], folds: new Int32Array(60), wallMs: 0 }, y, 0), ArgumentError,
    ["ensembleHoldout", "k", "got 0"]);
  refuses("ensembleHoldout: a result without models", () => ensembleHoldout({ models: [], folds: new Int32Array(0), wallMs: 0 }, y, 1), ArgumentError, ["ensembleHoldout", "result", "at least one model"]);
  refuses("friedman1: fewer than 5 predictors", () => friedman1(10, 3, 1, "s"), ArgumentError, ["friedman1", "p", "got 3"]);
  refuses("Forest.importance: permutation importance that was not computed", () => model2.importance("permutation"), ArgumentError,
    ["Forest.importance", "kind", "not computed", '"permutation"']);
});

describe("Forest.fromJSON validates once at load", () => {
  refuses("an unknown format tag", () => Forest.fromJSON({ ...json(), format: loose("permafrost-kit/forest@9") }), ArgumentError,
    ["Forest.fromJSON", "json.format", "forest@9"]);
  refuses("a child index out of range", () => {
    const j = json();
    const k = j.trees.feature.findIndex((f) => f >= 0);
    j.trees.child[k] = 10_000;
    return Forest.fromJSON(j);
  }, ArgumentError, ["Forest.fromJSON", "json.trees.child[", "got 10000"]);
  refuses("a cycle (a child pointing back at its parent)", () => {
    const j = json();
    const k = j.trees.feature.findIndex((f) => f >= 0);
    j.trees.child[k] = k;
    return Forest.fromJSON(j);
  }, ArgumentError, ["Forest.fromJSON", "json.trees.child[", "children follow their parent"]);
  refuses("a feature index ≥ the number of predictors", () => {
    const j = json();
    j.trees.feature[0] = 7;
    return Forest.fromJSON(j);
  }, ArgumentError, ["Forest.fromJSON", "json.trees.feature[0]", "got 7", "0..1"]);
  refuses("a leaf value that is not finite (null)", () => {
    const j = json();
    j.trees.value[2] = loose(null);
    return Forest.fromJSON(j);
  }, ArgumentError, ["Forest.fromJSON", "json.trees.value[2]", "got null"]);
  refuses("node arrays of different lengths", () => {
    const j = json();
    j.trees.cover.pop();
    return Forest.fromJSON(j);
  }, ArgumentError, ["Forest.fromJSON", "json.trees.cover", "wrong length"]);
  refuses("a bad file read by the kit is a DataError naming the file", () => {
    const j = json();
    j.trees.roots[0] = -4;
    return Forest.fromJSON(j, "model.json");
  }, DataError, ["model.json", "trees.roots[0]", "got -4"]);
});

describe("the worker pool", () => {
  refuses("ForestPool.register after close", () => {
    const pool = new ForestPool({ workers: 0 });
    void pool.close();
    pool.register("d", x, y);
  }, ArgumentError, ["ForestPool.register", "this", "the pool is closed", "a closed pool"]);
  refusesAsync("ForestPool.run after close", async () => {
    const pool = new ForestPool({ workers: 0 });
    await pool.close();
    return pool.run([]);
  }, ArgumentError, ["ForestPool.run", "this", "the pool is closed", "a closed pool"]);
  refusesAsync("ForestPool.run: a task on a dataset that was never registered", async () => {
    const pool = new ForestPool({ workers: 0 });
    return pool.run([{ data: "nope", options: {}, trainRows: Int32Array.from([0, 1]) }]);
  }, ArgumentError, ["ForestPool.run", "tasks[0].data", '"nope"']);
  refuses("ForestPool: a negative worker count", () => new ForestPool({ workers: -1 }), ArgumentError, ["ForestPool", "options.workers", "got -1"]);
  refuses("ForestPool.register: a response with NaN", () => new ForestPool({ workers: 0 }).register("d", x, Float64Array.from(y, (v, i) => (i === 8 ? NaN : v))), ArgumentError,
    ["ForestPool.register", "y[8]", "got NaN"]);
});

describe("permutation importance, partial dependence and the metrics", () => {
  refuses("permutationImportance: y of the wrong length", () => permutationImportance(model5, x, y.subarray(0, 9)), ArgumentError,
    ["permutationImportance", "y", "got 9", "60"]);
  refuses("permutationImportance: a NaN label", () => permutationImportance(model5, x, Float64Array.from(y, (v, i) => (i === 2 ? NaN : v))), ArgumentError,
    ["permutationImportance", "y[2]", "got NaN"]);
  refuses("permutationImportance: repeats 0 (would divide by zero)", () => permutationImportance(model5, x, y, { repeats: 0 }), ArgumentError,
    ["permutationImportance", "options.repeats", "got 0"]);
  refuses("permutationImportance: an unknown option (repeat)", () => permutationImportance(model5, x, y, loose({ repeat: 3 })), ArgumentError,
    ["permutationImportance", "options.repeat", "unknown option", "repeats"]);
  refuses("partialDependence: an unknown feature name", () => partialDependence(model2, small.x, "zz"), ArgumentError,
    ["partialDependence", "feature", '"zz"', "x0, x1"]);
  refuses("partialDependence: gridSize 1 (would divide by zero)", () => partialDependence(model2, small.x, "x0", { gridSize: 1 }), ArgumentError,
    ["partialDependence", "options.gridSize", "got 1"]);
  refuses("partialDependence: a reversed quantile range", () => partialDependence(model2, small.x, "x0", { range: [0.9, 0.1] }), ArgumentError,
    ["partialDependence", "options.range", "lo < hi"]);
  refuses("partialDependence: an ICE row out of range", () => partialDependence(model2, small.x, "x0", { iceRows: Int32Array.from([0, 99]) }), ArgumentError,
    ["partialDependence", "options.iceRows[1]", "got 99"]);
  refuses("partialDependence: a column index beyond the matrix", () => partialDependence(model2, small.x, 2), ArgumentError, ["partialDependence", "feature", "got 2"]);
  refuses("regressionMetrics: lengths differ", () => regressionMetrics([1, 2, 3, 4], [1, 2, 3]), ArgumentError, ["regressionMetrics", "predicted", "got 3", "4"]);
  refuses("regressionMetrics: a NaN observation", () => regressionMetrics([1, NaN, 3], [1, 2, 3]), ArgumentError, ["regressionMetrics", "observed[1]", "got NaN"]);
  refuses("regressionMetrics: a string where an array is expected", () => regressionMetrics(loose("1,2,3"), [1, 2, 3]), ArgumentError, ["regressionMetrics", "observed", "not an array"]);
});

describe("round 2: what the adversarial hunt found", () => {
  const boom = (): void => {
    throw new Error("callback failed");
  };
  refusesAsync("crossValidate (2 workers): an onProgress that throws rejects the run (was: uncaught, process exit 1)", () => crossValidate(x, y, { ntrees: 3, seed: 1 }, { nfolds: 3, workers: 2, onProgress: boom }), ArgumentError,
    ["crossValidate", "cv.onProgress", "the callback threw", "Error: callback failed"]);
  refusesAsync("crossValidate (inline): an onProgress that throws is an ArgumentError naming it, not a bare Error", () => crossValidate(x, y, { ntrees: 3, seed: 1 }, { nfolds: 3, workers: 0, onProgress: boom }), ArgumentError,
    ["crossValidate", "cv.onProgress", "callback failed"]);
  refusesAsync("gridSearch (1 worker): an onProgress that throws", () => gridSearch(x, y, { grid: { ntrees: [2], mtries: [1], minRows: [1] }, nfolds: 2, workers: 1, onProgress: boom }), ArgumentError,
    ["gridSearch", "options.onProgress", "callback failed"]);
  refusesAsync("ForestPool.run (1 worker): an onProgress that throws a string", async () => {
    const pool = new ForestPool({ workers: 1 });
    try {
      pool.register("d", x, y);
      return await pool.run([{ data: "d", options: { ntrees: 2, seed: 1 }, trainRows: Int32Array.from({ length: 60 }, (_, i) => i) }], () => {
        throw loose<Error>("nope");
      });
    } finally {
      await pool.close();
    }
  }, ArgumentError, ["ForestPool.run", "onProgress", "the callback threw", '"nope"']);

  const twoTrees = (): ForestJSON => JSON.parse(JSON.stringify(model5)) as ForestJSON;
  refuses("Forest.fromJSON: tree 0's root child pointing at tree 1's root (43 of 60 predictions changed)", () => {
    const j = twoTrees();
    j.trees.child[0] = j.trees.roots[1]!;
    return Forest.fromJSON(j);
  }, ArgumentError, ["Forest.fromJSON", "json.trees.child[0]", "inside their own tree", "of tree 0"]);
  refuses("Forest.fromJSON: roots out of order (a tree inside another)", () => {
    const j = twoTrees();
    j.trees.roots[2] = j.trees.roots[1]!;
    return Forest.fromJSON(j);
  }, ArgumentError, ["Forest.fromJSON", "json.trees.roots[2]", "bad root", "roots increase"]);
  refuses("Forest.fromJSON: duplicate feature names (trainForest refuses them)", () => {
    const j = json();
    j.featureNames[1] = j.featureNames[0]!;
    return Forest.fromJSON(j);
  }, ArgumentError, ["Forest.fromJSON", "json.featureNames[1]", "duplicate feature name", '"x0"']);
  refuses("Forest.fromJSON: a negative impurity importance", () => {
    const j = json();
    j.impurityImportance[0] = -100;
    return Forest.fromJSON(j);
  }, ArgumentError, ["Forest.fromJSON", "json.impurityImportance[0]", "negative importance", "got -100"]);
  refuses("Forest.fromJSON: a leaf value of 1e308 (predict would return Infinity)", () => {
    const j = json();
    j.trees.value[1] = 1e308;
    return Forest.fromJSON(j);
  }, ArgumentError, ["Forest.fromJSON", "json.trees.value[1]", "too large", "got 1e+308"]);
  refuses("Forest.fromJSON (file): an OOB prediction of -1e200 is a DataError naming the file", () => {
    const j = json();
    j.oobPredictions[3] = -1e200;
    return Forest.fromJSON(j, "forest.json");
  }, DataError, ["forest.json", "oobPredictions[3]", "got -1e+200"]);

  refuses("trainForest: ntrees 1e9 (was: RangeError Invalid typed array length)", () => trainForest(x, y, { ntrees: 1e9 }), ArgumentError,
    ["trainForest", "options.ntrees", "got 1000000000", "≤ 100000"]);
  refuses("trainForest: nbins 1e9 (sizes the histograms)", () => trainForest(x, y, { nbins: 1e9 }), ArgumentError, ["trainForest", "options.nbins", "got 1000000000", "≤ 4096"]);
  refuses("trainForest: maxDepth 1e6 (trees grow recursively)", () => trainForest(x, y, { maxDepth: 1e6 }), ArgumentError, ["trainForest", "options.maxDepth", "got 1000000", "≤ 1000"]);
  refuses("partialDependence: gridSize 1e9 (sizes the quantile levels)", () => partialDependence(model2, small.x, "x0", { gridSize: 1e9 }), ArgumentError,
    ["partialDependence", "options.gridSize", "got 1000000000", "≤ 10000"]);

  refusesAsync("gridSearch: a repeated ntrees value (two identical models with one id)", () => gridSearch(x, y, { grid: { ntrees: [3, 3], mtries: [1], minRows: [1] }, nfolds: 2, workers: 0 }), ArgumentError,
    ["gridSearch", "options.grid.ntrees[1]", "duplicate grid value", "got 3", "index 0"]);
  refusesAsync("crossValidate: a constant response (was: sampleSd: x[0]: bad value: got NaN)", () => crossValidate(x, new Float64Array(60).fill(3), { ntrees: 3, seed: 1 }, { nfolds: 3, workers: 0 }), ArgumentError,
    ["crossValidate", "y", "every response is equal", "3 at every one of the 60 rows"]);
  refusesAsync("crossValidate: nfolds = nRows (was: assignFolds: k: fold 1 of 60 has no rows)", () => crossValidate(x, y, { ntrees: 3, seed: 1 }, { nfolds: 60, workers: 0 }), ArgumentError,
    ["crossValidate", "cv.nfolds", "got 60", "without rows", "fewer folds"]);
  refusesAsync("crossValidate: modulo folds of one row (was: regressionMetrics: observed: too few values)", () => crossValidate(x, y, { ntrees: 3, seed: 1 }, { nfolds: 40, foldAssignment: "modulo", workers: 0 }), ArgumentError,
    ["crossValidate", "cv.nfolds", "got 40", "holds only 1 row"]);
  refusesAsync("crossValidate: an explicit fold whose responses are all equal", () => {
    const yc = Float64Array.from(y, (v, i) => (i % 3 === 2 ? 7 : v));
    return crossValidate(x, yc, { ntrees: 3, seed: 1 }, { folds: Int32Array.from({ length: 60 }, (_, i) => i % 3), workers: 0 });
  }, ArgumentError, ["crossValidate", "cv.folds", "fold 2 of 3", "is 7"]);
  refusesAsync("gridSearch: a constant response", () => gridSearch(x, new Float64Array(60).fill(1), { grid: { ntrees: [2], mtries: [1], minRows: [1] }, nfolds: 3, workers: 0 }), ArgumentError,
    ["gridSearch", "y", "every response is equal"]);

  const constant = (v: unknown) => ({ engine: "stub", nTrees: 1, nCols: 5, predict: (m: Matrix) => loose<Float64Array>(Array.from({ length: m.nRows }, () => v)) });
  refuses("partialDependence: a model whose predict returns NaN (was: pd NaN)", () => partialDependence(constant(NaN), x, 0), ArgumentError,
    ["partialDependence", "model.predict(x)[0]", "bad prediction", "got NaN", "grid value 0"]);
  refuses("partialDependence: a model whose predict returns strings (was: pd 1.85e57)", () => partialDependence(constant("1"), x, 0), ArgumentError,
    ["partialDependence", "model.predict(x)[0]", 'got "1"']);
  refuses("permutationImportance: a model whose predict returns Infinity", () => permutationImportance(constant(Infinity), x, y), ArgumentError,
    ["permutationImportance", "model.predict(x)[0]", "got Infinity", "unpermuted"]);
  refuses("permutationImportance: a model whose predict returns NaN once a column is permuted", () => {
    let calls = 0;
    const m = { engine: "stub", nTrees: 1, nCols: 5, predict: (mm: Matrix) => {
      const later = calls++ > 0;
      return Float64Array.from({ length: mm.nRows }, (_, i) => (later && i === 4 ? NaN : 1));
    } };
    return permutationImportance(m, x, y);
  }, ArgumentError, ["permutationImportance", "model.predict(x)[4]", "got NaN", "column \"x0\" permuted"]);

  refuses("trainForest: responses of 1e308 (finite, but predict returned Infinity)", () => trainForest(x, Float64Array.from(y, (v, i) => (i === 1 ? 1e308 : v)), { ntrees: 5, seed: 1 }), ArgumentError,
    ["trainForest", "y[1]", "response too large", "got 1e+308", "1e+150"]);
  refusesAsync("trainEnsemble: a response of -1e200", () => trainEnsemble(x, Float64Array.from(y, (v, i) => (i === 9 ? -1e200 : v)), [{ ntrees: 2 }], { workers: 0 }), ArgumentError,
    ["trainEnsemble", "y[9]", "got -1e+200"]);
});

