import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ArgumentError, DataError, EngineError, Forest, crossValidate, crossValidateModel, ForestEnsemble, XGBoostRegressor, fitXGBoost, friedman1, makeMatrix, modelFromJSON, partialDependence,
  olsSimple, olsTrend, permutationImportance, predictXGBoost, trainForest, trainXGBoost, treeShap, xgboostModelToJSON, type Model,
} from "permafrost-kit";

// issue 14: one model contract — every engine's model is a Model, and every model-agnostic tool takes any Model
describe("one model contract", () => {
  const { x, y } = friedman1(120, 5, 1, "demo");
  const forest = trainForest(x, y, { ntrees: 8, seed: 1 });
  const ensemble = new ForestEnsemble([forest, trainForest(x, y, { ntrees: 8, seed: 2 })]);
  const params = { eta: 0.3, max_depth: 3, nrounds: 20, seed: 1 };
  const half = makeMatrix(x.data.slice(0, 60 * 5), 5, [...(x.columns ?? [])]);

  it("the XGBoost regressor is bit-identical to the free functions (predict, SHAP, early stopping)", async () => {
    const r = await fitXGBoost(x, y, params);
    const free = await trainXGBoost(x.data, x.nCols, y, params, { featureNames: x.columns });
    assert.deepEqual(r.model.ensemble, free.ensemble);
    assert.deepEqual(r.predict(x), predictXGBoost(free, x));
    assert.deepEqual(r.shap(x), treeShap(free.ensemble, x, free.bestNTrees));
    assert.deepEqual([...r.featureNames], [...(x.columns ?? [])]);
    const v = makeMatrix(x.data.slice(60 * 5), 5, [...(x.columns ?? [])]);
    const es = await fitXGBoost(half, y.slice(0, 60), { ...params, nrounds: 60 }, { validation: { x: v, y: y.slice(60) }, earlyStoppingRounds: 3 });
    const esFree = await trainXGBoost(half.data, 5, y.slice(0, 60), { ...params, nrounds: 60 }, { featureNames: x.columns, validation: { x: v.data, y: y.slice(60) }, earlyStoppingRounds: 3 });
    assert.equal(es.model.bestNTrees, esFree.bestNTrees);
    assert.deepEqual(es.predict(x), predictXGBoost(esFree, x));
  });

  it("every engine's model round-trips through modelFromJSON by its format tag", async () => {
    const r = await fitXGBoost(x, y, params);
    const models: Model[] = [forest, ensemble, r];
    for (const m of models) {
      const back = modelFromJSON(JSON.parse(JSON.stringify(m)));
      assert.equal(back.engine, m.engine);
      assert.match(m.toJSON().format, /^permafrost-kit\/[a-z]+@1$/);
      assert.deepEqual(back.predict(x), m.predict(x));
    }
    assert.ok(modelFromJSON(JSON.stringify(forest), "f.json") instanceof Forest);
    assert.ok(modelFromJSON(JSON.stringify(r)) instanceof XGBoostRegressor);
    // the legacy xgboost tag is still read
    const legacy = { ...xgboostModelToJSON(r.model), format: "permafrost-kit/xgboost-model", version: 1 };
    assert.deepEqual(modelFromJSON(legacy).predict(x), r.predict(x));
    assert.throws(() => modelFromJSON({ format: "permafrost-kit/svm@1" }), (e: unknown) => e instanceof ArgumentError && /modelFromJSON: json\.format/.test(e.message) && /svm@1/.test(e.message) && /forest@1/.test(e.message));
    assert.throws(() => modelFromJSON({ format: "nope" }, "m.json"), (e: unknown) => e instanceof DataError && /m\.json/.test(e.message) && /nope/.test(e.message));
    assert.throws(() => ForestEnsemble.fromJSON({ format: "permafrost-kit/ensemble@1", members: [] }), ArgumentError);
  });

  it("predict checks width and column names for every engine", async () => {
    const r = await fitXGBoost(x, y, params);
    const swapped = makeMatrix(x.data, 5, ["x1", "x0", "x2", "x3", "x4"]);
    for (const m of [forest, ensemble, r] as Model[]) {
      assert.throws(() => m.predict(swapped), (e: unknown) => e instanceof ArgumentError && /x\.columns/.test(e.message) && /"x1"/.test(e.message));
      assert.throws(() => m.predict(makeMatrix(new Float64Array(8), 4)), (e: unknown) => e instanceof ArgumentError && /x\.nCols/.test(e.message));
    }
    // an unnamed training matrix: names are not compared, the width is
    const u = await fitXGBoost(makeMatrix(x.data, 5), y, params);
    assert.deepEqual(u.predict(swapped), u.predict(makeMatrix(x.data, 5)));
    await assert.rejects(fitXGBoost(x, y, params, { validation: { x: swapped, y } }), (e: unknown) => e instanceof ArgumentError && /fitXGBoost: options\.validation\.x\.columns/.test(e.message));
    await assert.rejects(fitXGBoost(x, y, params, { patience: 3 } as never), (e: unknown) => e instanceof ArgumentError && /options\.patience/.test(e.message));
  });

  it("permutation importance and PD/ICE take the forest and the XGBoost model alike", async () => {
    const r = await fitXGBoost(x, y, params);
    for (const m of [forest, ensemble, r] as Model[]) {
      const imp = permutationImportance(m, x, y, { repeats: 2 });
      assert.equal(imp.length, 5);
      assert.ok(["x3", "x0", "x1"].includes(imp[0]!.feature), `${m.engine}: ${imp[0]!.feature}`);
      const pd = partialDependence(m, x, "x3", { gridSize: 5, iceRows: 3 });
      assert.equal(pd.grid.length, 5);
      assert.ok(pd.pdRange > 0);
      assert.throws(() => permutationImportance(m, makeMatrix(x.data, 5, ["a", "b", "c", "d", "e"]), y), (e: unknown) => e instanceof ArgumentError && /permutationImportance: x\.columns/.test(e.message));
      assert.throws(() => partialDependence(m, makeMatrix(x.data, 5, ["a", "b", "c", "d", "e"]), "a"), (e: unknown) => e instanceof ArgumentError && /partialDependence: x\.columns/.test(e.message));
    }
    // a plain { predict } object is still accepted
    const flat = { predict: (m: { nRows: number }) => new Float64Array(m.nRows).fill(1) };
    assert.equal(partialDependence(flat, x, "x0", { gridSize: 3 }).pdRange, 0);
  });

  it("crossValidateModel scores any model on the forest's folds", async () => {
    const opts = { ntrees: 5, seed: 3 };
    const any = await crossValidateModel((xs, ys) => trainForest(xs, ys, opts), x, y, { nfolds: 4 });
    const own = await crossValidate(x, y, opts, { nfolds: 4, workers: 0 });
    assert.deepEqual(any.folds, own.folds);
    assert.deepEqual(any.holdout, own.holdout);
    assert.equal(any.meanR2, own.meanR2);
    const xg = await crossValidateModel((xs, ys) => fitXGBoost(xs, ys, params), x, y, { nfolds: 4 });
    assert.ok(xg.pooled.r2 > 0.3, String(xg.pooled.r2));
    await assert.rejects(crossValidateModel((() => ({})) as never, x, y, { nfolds: 4 }), (e: unknown) => e instanceof ArgumentError && /crossValidateModel: fit/.test(e.message) && /fold 0/.test(e.message));
    await assert.rejects(crossValidateModel(() => ({ engine: "stub", featureNames: [], predict: () => new Float64Array(1), toJSON: () => ({ format: "x" }) }), x, y, { nfolds: 4 }), EngineError);
    await assert.rejects(crossValidateModel((xs, ys) => trainForest(xs, ys, opts), x, y, { nfold: 4 } as never), (e: unknown) => e instanceof ArgumentError && /cv\.nfold/.test(e.message));
  });
});

describe("the two OLS functions agree exactly on complete data", () => {
  it("olsSimple and olsTrend: same slope, intercept and SE bit for bit", () => {
    const { x, y } = friedman1(50, 5, 1, "demo");
    const col = Float64Array.from({ length: 50 }, (_, i) => x.data[i * 5]!);
    const a = olsSimple(col, y);
    const b = olsTrend(col, y);
    assert.equal(a.slope, b.slope);
    assert.equal(a.intercept, b.intercept);
    assert.equal(a.seSlope, b.se);
    assert.equal(b.skipped, 0);
  });
});
