/**
 * Bad-input corpus for the xgboost area (issue "Trust every input"): training inputs and
 * parameters, engine failures, corrupt model files (legacy binary, xgboost JSON, the kit's JSON),
 * corrupt in-memory ensembles and shape mismatches at prediction and SHAP time.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe } from "node:test";
import {
  ArgumentError, DataError, EngineError, FitError, loadEngine, makeMatrix, parseXGBoostModel, predictEnsemble, predictXGBoost, projectRoot, xgboostRmse, shapDependencePlot,
  shapSummary, trainXGBoost, treeShap, treeShapInteractions, xgboostModelFromJSON, xgboostModelToJSON, type EngineModel, type TreeEnsemble, type XGBoostModel,
} from "permafrost-kit";
import { refuses, refusesAsync } from "../bad-input/corpus";

const dir = path.join(projectRoot(), "test", "oracles", "xgboost");
const engineBin = new Uint8Array(fs.readFileSync(path.join(dir, "engine-model.bin")));
const pyJsonText = fs.readFileSync(path.join(dir, "model-py.json"), "utf8");

// Small clean training data: 20 rows × 2 columns.
const X = Float64Array.from({ length: 40 }, (_, k) => ((k * 37) % 11) / 3);
const Y = Array.from({ length: 20 }, (_, i) => X[2 * i]! - 0.5 * X[2 * i + 1]!);

/** A one-tree, two-feature stump: x0 < 0.5 → −1, else 1 (nodes: root, left leaf, right leaf). */
function stump(): TreeEnsemble {
  return {
    nFeatures: 2, baseScore: 0.5, nTrees: 1, objective: "reg:squarederror", treeStart: Int32Array.from([0, 3]),
    feature: Int32Array.from([0, -1, -1]), threshold: Float32Array.from([0.5, 0, 0]), left: Int32Array.from([1, -1, -1]), right: Int32Array.from([2, -1, -1]),
    defaultLeft: Uint8Array.from([1, 0, 0]), value: Float64Array.from([0, -1, 1]), cover: Float64Array.from([2, 1, 1]), gain: Float64Array.from([1, 0, 0]),
  };
}

/** A two-level tree on two features: root splits x0, its left child splits x1. */
function twoLevel(): TreeEnsemble {
  return {
    nFeatures: 2, baseScore: 0, nTrees: 1, objective: "reg:squarederror", treeStart: Int32Array.from([0, 5]),
    feature: Int32Array.from([0, 1, -1, -1, -1]), threshold: Float32Array.from([0.5, 0.5, 0, 0, 0]), left: Int32Array.from([1, 3, -1, -1, -1]),
    right: Int32Array.from([2, 4, -1, -1, -1]), defaultLeft: Uint8Array.from([1, 1, 0, 0, 0]), value: Float64Array.from([0, 0, 2, -1, 1]),
    cover: Float64Array.from([4, 2, 2, 1, 1]), gain: Float64Array.from([1, 1, 0, 0, 0]),
  };
}

/** Byte offset of node `k` of tree 0 in a legacy binary model. */
function nodeOffset(bytes: Uint8Array, k: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 136;
  o += 8 + Number(view.getBigUint64(o, true)); // objective
  o += 8 + Number(view.getBigUint64(o, true)); // booster
  o += 4 + 156; // num_trees, gbtree param
  return o + 148 + 20 * k;
}

function patchBinary(edit: (view: DataView, node0: (k: number) => number) => void): Uint8Array {
  const b = engineBin.slice();
  edit(new DataView(b.buffer), (k) => nodeOffset(b, k));
  return b;
}

function patchJson(edit: (tree0: Record<string, unknown[]>, doc: Record<string, Record<string, Record<string, unknown>>>) => void): string {
  const doc = JSON.parse(pyJsonText) as { learner: { gradient_booster: { model: { trees: Record<string, unknown[]>[] } } } };
  edit(doc.learner.gradient_booster.model.trees[0]!, doc);
  return JSON.stringify(doc);
}

let model: XGBoostModel;
let saved: Record<string, unknown>;
before(async () => {
  model = await trainXGBoost(X, 2, Y, { nrounds: 5, max_depth: 2 }, { featureNames: ["elev", "slope"] });
  saved = xgboostModelToJSON(model);
});

describe("bad input: trainXGBoost data", () => {
  refusesAsync("NaN in the validation labels (early stopping would pick iteration 0)", () => trainXGBoost(X, 2, Y, { nrounds: 5 }, { validation: { x: X.subarray(0, 8), y: [1, 2, 3, NaN] }, earlyStoppingRounds: 2 }), ArgumentError, ["trainXGBoost", "options.validation.y[3]", "got NaN", "finite"]);
  refusesAsync("+Infinity in the training labels", () => trainXGBoost(X, 2, Y.map((v, i) => (i === 2 ? Infinity : v)), { nrounds: 2 }), ArgumentError, ["trainXGBoost", "y[2]", "got Infinity"]);
  refusesAsync("validation x whose length is not a multiple of nCols", () => trainXGBoost(X, 2, Y, { nrounds: 2 }, { validation: { x: [1, 2, 3, 4, 5, 6, 7], y: [1, 2, 3] } }), ArgumentError, ["options.validation.x", "got 7", "multiple of nCols = 2"]);
  refusesAsync("validation rows ≠ validation labels", () => trainXGBoost(X, 2, Y, { nrounds: 2 }, { validation: { x: X.subarray(0, 6), y: [1, 2, 3, 4] } }), ArgumentError, ["options.validation.y", "got 4", "expected 3"]);
  refusesAsync("x whose length is not a multiple of nCols", () => trainXGBoost(X.subarray(0, 39), 2, Y, { nrounds: 2 }), ArgumentError, ["trainXGBoost: x", "got 39", "multiple of nCols = 2"]);
  refusesAsync("y longer than the rows of x", () => trainXGBoost(X, 2, [...Y, 1], { nrounds: 2 }), ArgumentError, ["trainXGBoost: y", "got 21", "expected 20"]);
  refusesAsync("−Infinity in x, named by row and feature", () => trainXGBoost(X.map((v, k) => (k === 3 ? -Infinity : v)), 2, Y, { nrounds: 2 }, { featureNames: ["elev", "slope"] }), ArgumentError, ["row 1", 'column "slope"', "got -Infinity"]);
  refusesAsync("every predictor value missing", () => trainXGBoost(new Float64Array(40).fill(NaN), 2, Y, { nrounds: 2 }), ArgumentError, ["trainXGBoost: x", "every predictor value is missing", "all 40 values NaN"]);
  refusesAsync("a feature value beyond the float32 range (became an infinite threshold)", () => trainXGBoost(X.map((v, k) => (k === 4 ? 1e39 : v)), 2, Y, { nrounds: 2 }), ArgumentError, ["trainXGBoost: x (row 2, column \"f0\")", "got 1e+39", "float32"]);
  refusesAsync("feature names of the wrong length", () => trainXGBoost(X, 2, Y, { nrounds: 2 }, { featureNames: ["a", "b", "c"] }), ArgumentError, ["options.featureNames", "expected 2 names"]);
});

describe("bad input: trainXGBoost parameters and options", () => {
  refusesAsync("eta NaN", () => trainXGBoost(X, 2, Y, { eta: NaN }), ArgumentError, ["trainXGBoost: params.eta", "got NaN"]);
  refusesAsync("nrounds 0", () => trainXGBoost(X, 2, Y, { nrounds: 0 }), ArgumentError, ["params.nrounds", "got 0", "≥ 1"]);
  refusesAsync("an unknown objective (trained as regression before)", () => trainXGBoost(X, 2, Y, { objective: "binary:logistic" as "reg:linear" }), ArgumentError, ["params.objective", '"binary:logistic"', "reg:squarederror"]);
  refusesAsync("an unknown parameter name", () => trainXGBoost(X, 2, Y, { learning_rate: 0.1 } as never), ArgumentError, ["params.learning_rate", "unknown option", "eta", "max_depth", "nrounds"]);
  refusesAsync("negative max_depth", () => trainXGBoost(X, 2, Y, { max_depth: -1 }), ArgumentError, ["params.max_depth", "got -1"]);
  refusesAsync("subsample above 1", () => trainXGBoost(X, 2, Y, { subsample: 1.5 }), ArgumentError, ["params.subsample", "got 1.5", "≤ 1"]);
  refusesAsync("subsample 0", () => trainXGBoost(X, 2, Y, { subsample: 0 }), ArgumentError, ["params.subsample", "got 0", "> 0"]);
  refusesAsync("earlyStoppingRounds without a validation set", () => trainXGBoost(X, 2, Y, { nrounds: 5 }, { earlyStoppingRounds: 3 }), ArgumentError, ["trainXGBoost: options.earlyStoppingRounds", "got 3", "validation"]);
  refusesAsync("an unknown option name", () => trainXGBoost(X, 2, Y, { nrounds: 2 }, { early_stopping_rounds: 3 } as never), ArgumentError, ["options.early_stopping_rounds", "unknown option", "earlyStoppingRounds"]);
});

describe("bad input: engine failures", () => {
  let proto: EngineModel;
  let original: EngineModel["train"];
  before(async () => {
    proto = (await loadEngine()).prototype as EngineModel;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- put back on the same prototype afterwards
    original = proto.train;
  });
  after(() => {
    proto.train = original;
  });
  refusesAsync("the engine throws a bare string", async () => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- what emscripten's abort() throws
    proto.train = () => { throw "abort(OOM)"; };
    try { return await trainXGBoost(X, 2, Y, { nrounds: 2 }); } finally { proto.train = original; }
  }, EngineError, ["ml-xgboost", "train", '"abort(OOM)"']);
  refusesAsync("the engine traps (WebAssembly memory access out of bounds)", async () => {
    proto.train = () => { throw new WebAssembly.RuntimeError("memory access out of bounds"); };
    try { return await trainXGBoost(X, 2, Y, { nrounds: 2 }); } finally { proto.train = original; }
  }, EngineError, ["ml-xgboost failed during train", "RuntimeError: memory access out of bounds"]);
});

describe("bad input: model files", () => {
  refuses("truncated legacy binary", () => parseXGBoostModel(engineBin.subarray(0, 700), "engine-model.bin"), DataError, ["engine-model.bin", "byte", "truncated"]);
  refuses("binary: a child pointing back to the root (prediction hung)", () => parseXGBoostModel(patchBinary((v, n) => v.setInt32(n(1) + 4, 0, true)), "engine-model.bin"), DataError, ["engine-model.bin", /byte \d+ \(tree 0 node 1: cleft\)/, "got 0", "child index out of the tree"]);
  refuses("binary: a node that is its own child (a cycle)", () => parseXGBoostModel(patchBinary((v, n) => v.setInt32(n(2) + 8, 2, true))), DataError, ["xgboost binary model", "tree 0 node 2: cright", "got 2", "reached twice"]);
  refuses("binary: child index beyond the tree", () => parseXGBoostModel(patchBinary((v, n) => v.setInt32(n(0) + 8, 999, true)), "m.bin"), DataError, ["m.bin", "tree 0 node 0: cright", "got 999"]);
  refuses("binary: split feature index ≥ the feature count", () => parseXGBoostModel(patchBinary((v, n) => v.setUint32(n(0) + 12, 9, true)), "m.bin"), DataError, ["m.bin", "tree 0 node 0: sindex", "got 9", "0..4"]);
  refuses("JSON: a node that is its own child", () => parseXGBoostModel(patchJson((t) => { t["left_children"]![1] = 1; }), "model-py.json"), DataError, ["model-py.json", "trees[0].left_children[1]", "got 1", "reached twice"]);
  refuses("JSON: split feature out of range", () => parseXGBoostModel(patchJson((t) => { t["split_indices"]![0] = 7; }), "model-py.json"), DataError, ["trees[0].split_indices[0]", "got 7", "0..4"]);
  refuses("JSON: an infinite leaf value (1e400)", () => parseXGBoostModel(patchJson((t) => { const l = (t["left_children"] as number[]).indexOf(-1); t["split_conditions"]![l] = "LEAF"; }).replace('"LEAF"', "1e400"), "model-py.json"), DataError, ["model-py.json", "split_conditions", "got Infinity", "finite"]);
  refuses("JSON: a base_score that is not a number", () => parseXGBoostModel(patchJson((_, d) => { d["learner"]!["learner_model_param"]!["base_score"] = "abc"; }), "model-py.json"), DataError, ["learner.learner_model_param.base_score", '"abc"']);
  refuses("JSON: a default direction that is not a boolean", () => parseXGBoostModel(patchJson((t) => { t["default_left"]![2] = 2; }), "model-py.json"), DataError, ["model-py.json", "trees[0].default_left[2]", "got 2"]);
  refuses("binary: a tree with two roots (read as one before)", () => parseXGBoostModel(patchBinary((v, n) => v.setInt32(n(0) - 148, 2, true)), "m.bin"), DataError, ["m.bin", /byte \d+ \(num_roots of tree 0\)/, "got 2"]);
  refuses("JSON: truncated text", () => parseXGBoostModel(pyJsonText.slice(0, 500), "model-py.json"), DataError, ["model-py.json", "not valid JSON"]);
  refuses("a kit model JSON given to parseXGBoostModel (format tag)", () => parseXGBoostModel(saved, "saved.json"), DataError, ["saved.json", "format", "xgboostModelFromJSON"]);
  refuses("an xgboost JSON given to xgboostModelFromJSON (format tag)", () => xgboostModelFromJSON(pyJsonText, "model-py.json"), DataError, ["model-py.json", "format", "wrong format tag", "parseXGBoostModel"]);
  refuses("kit JSON: a cycle in ensemble.left", () => {
    const d = JSON.parse(JSON.stringify(saved)) as { ensemble: { left: number[]; treeStart: number[] } };
    const s = d.ensemble.treeStart[1]!;
    d.ensemble.left[s + 1] = s + 1;
    return xgboostModelFromJSON(d, "saved.json");
  }, DataError, ["saved.json", /ensemble\.(left|right)\[\d+\]/, "reached twice"]);
  refuses("kit JSON: best iteration beyond the trees", () => xgboostModelFromJSON({ ...saved, bestIteration: 99 }, "saved.json"), DataError, ["saved.json", "bestIteration", "got 99", "0..4"]);
  refuses("kit JSON: an unknown parameter", () => xgboostModelFromJSON({ ...saved, params: { ...(saved["params"] as object), etaa: 1 } }, "saved.json"), DataError, ["saved.json", "params.etaa"]);
  refuses("model bytes as an array holding a non-byte", () => parseXGBoostModel([...Array.from(engineBin.subarray(0, 10)), 300]), ArgumentError, ["parseXGBoostModel: model[10]", "got 300"]);
});

describe("bad input: in-memory ensembles, shapes", () => {
  refuses("an ensemble with a cycle given to predictEnsemble (hung before)", () => {
    const m = twoLevel();
    m.left[1] = 0;
    return predictEnsemble(m, [0, 0]);
  }, ArgumentError, ["predictEnsemble: m.left[1]", "got 0", "tree 0"]);
  refuses("an ensemble with a shared child given to treeShap", () => {
    const m = twoLevel();
    m.right[0] = 1;
    return treeShap(m, [1, 1]);
  }, ArgumentError, ["treeShap: m.right[0]", "got 1", "reached twice"]);
  refuses("an ensemble whose split feature is beyond nFeatures", () => {
    const m = stump();
    m.feature[0] = 5;
    return treeShap(m, [1, 1]);
  }, ArgumentError, ["treeShap: m.feature[0]", "got 5", "0..1"]);
  refuses("an ensemble with a NaN leaf value", () => {
    const m = stump();
    m.value[2] = NaN;
    return predictEnsemble(m, [1, 1]);
  }, ArgumentError, ["predictEnsemble: m.value[2]", "got NaN"]);
  refuses("a 4-column Matrix given to a 2-feature model", () => predictEnsemble(stump(), makeMatrix(new Float64Array([1, 2, 3, 4]), 4)), ArgumentError, ["predictEnsemble: x.nCols", "got 4", "2 (the model's feature count)"]);
  refuses("a row of 4 values given to a 2-feature model", () => treeShap(stump(), [[1, 2, 3, 4]]), ArgumentError, ["treeShap: x (row 0)", "got 4", "expected 2 values"]);
  refuses("flat rows whose length is not a multiple of the feature count", () => treeShap(stump(), [1, 2, 3]), ArgumentError, ["treeShap: x", "got 3", "multiple of 2"]);
  refuses("+Infinity in the rows given to treeShapInteractions", () => treeShapInteractions(stump(), [0, Infinity]), ArgumentError, ["treeShapInteractions: x (row 0", "got Infinity"]);
  refuses("nTrees beyond the model's trees", () => predictEnsemble(stump(), [0, 0], 7), ArgumentError, ["predictEnsemble: nTrees", "got 7", "≤ 1"]);
  refuses("a Matrix whose columns are not the model's features", () => predictXGBoost(model, makeMatrix(new Float64Array([1, 2]), 2, ["slope", "elev"])), ArgumentError, ["predictXGBoost: x.columns[0]", '"slope"', '"elev"']);
  refuses("shapSummary: contributions that do not fit the names", () => shapSummary([1, 2, 3, 4, 5, 6, 7], ["a", "b"]), ArgumentError, ["shapSummary: contribs", "got 7", "multiple of 3"]);
  refuses("shapSummary: a NaN contribution", () => shapSummary([1, 2, NaN], ["a", "b"]), ArgumentError, ["shapSummary: contribs[2]", "got NaN"]);
  refuses("shapDependencePlot: unknown colour feature", () => shapDependencePlot("d", { contribs: [1, 2, 3], x: [1, 2], featureNames: ["a", "b"], summary: [] }, "a", "LAT", "t"), ArgumentError, ["shapDependencePlot: colorBy", '"LAT"', "one of a, b"]);
  refuses("a model whose feature names do not match its trees", () => predictXGBoost({ ...model, featureNames: ["elev"] }, [1, 2]), ArgumentError, ["predictXGBoost: model.featureNames", "expected 2 names"]);
  refuses("rmse of arrays of different lengths", () => xgboostRmse([1, 2, 3], [1, 2]), ArgumentError, ["xgboostRmse: p", "got 2", "expected 3"]);
  // Round 2 (adversarial hunt and code review).
  refusesAsync("subsample so small that no row is sampled", () => trainXGBoost(X, 2, Y, { nrounds: 3, subsample: 1e-9 }), ArgumentError, ["trainXGBoost: params.subsample", "got 1e-9", "1 / nRows = 0.05"]);
  refusesAsync("targets equal to base_score: no tree split, every prediction base_score", () => trainXGBoost(X, 2, Y.map(() => 0.5), { nrounds: 3 }), FitError, ["trainXGBoost", "no tree split", "3 trees"]);
  refusesAsync("a target beyond the float32 range", () => trainXGBoost(X, 2, Y.map((v, i) => (i === 3 ? 1e39 : v)), { nrounds: 3 }), ArgumentError, ["trainXGBoost: y[3]", "got 1e+39", "float32"]);
  refusesAsync("a validation target beyond the float32 range", () => trainXGBoost(X, 2, Y, { nrounds: 3 }, { validation: { x: X, y: Y.map((v, i) => (i === 5 ? -1e39 : v)) } }), ArgumentError, ["trainXGBoost: options.validation.y[5]", "got -1e+39", "float32"]);
  refusesAsync("base_score beyond the float32 range", () => trainXGBoost(X, 2, Y, { nrounds: 3, base_score: 1e308 }), ArgumentError, ["trainXGBoost: params.base_score", "got 1e+308", "3.4028234663852886e+38"]);
  refuses("JSON: a binary:logistic model (predictions would be raw margins)", () => parseXGBoostModel(patchJson((_, d) => { d["learner"]!["objective"]!["name"] = "binary:logistic"; }), "model-py.json"), DataError, ["model-py.json", "learner.objective.name", '"binary:logistic"', "reg:squarederror"]);
  refuses("JSON: a count:poisson model", () => parseXGBoostModel(patchJson((_, d) => { d["learner"]!["objective"]!["name"] = "count:poisson"; }), "model-py.json"), DataError, ["learner.objective.name", '"count:poisson"', "unsupported objective"]);
  refuses("JSON: a hexadecimal base_score (\"0x10\" is not 16)", () => parseXGBoostModel(patchJson((_, d) => { d["learner"]!["learner_model_param"]!["base_score"] = "0x10"; }), "model-py.json"), DataError, ["learner.learner_model_param.base_score", '"0x10"', "finite number"]);
  refuses("JSON: an in-memory object without a label is an argument", () => parseXGBoostModel(JSON.parse(patchJson((t) => { t["split_indices"]![0] = 7; })) as object), ArgumentError, ["parseXGBoostModel: json.learner.gradient_booster.model.trees[0].split_indices[0]", "got 7", "0..4"]);
  refuses("kit JSON: duplicate feature names", () => { const j = xgboostModelToJSON(model) as { featureNames: string[] }; j.featureNames[1] = "elev"; return xgboostModelFromJSON(JSON.stringify(j), "m.json"); }, DataError, ["m.json", "featureNames[1]", '"elev"', "duplicate feature name"]);
  refuses("kit JSON: ensemble.baseScore differs from params.base_score", () => { const j = JSON.parse(JSON.stringify(xgboostModelToJSON(model))) as { ensemble: { baseScore: number } }; j.ensemble.baseScore = 100; return xgboostModelFromJSON(j); }, ArgumentError, ["xgboostModelFromJSON: json.ensemble.baseScore", "got 100", "params.base_score = 0.5"]);
  refuses("a leaf value set to NaN after the ensemble was first used", () => { const e = stump(); predictEnsemble(e, [0, 0]); e.value[2] = NaN; return predictEnsemble(e, [1, 0]); }, ArgumentError, ["predictEnsemble: m.value", "2", "got NaN"]);
  refuses("a cover set to NaN after treeShap first used the ensemble", () => { const e = stump(); treeShap(e, [0, 0]); e.cover[1] = NaN; return treeShap(e, [1, 0]); }, ArgumentError, ["treeShap: m.cover", "got NaN"]);
  refuses("a leaf value array replaced by a shorter one after first use", () => { const e = stump(); predictEnsemble(e, [0, 0]); e.value = Float64Array.from([0, 1]); return predictEnsemble(e, [1, 0]); }, ArgumentError, ["predictEnsemble: m.value", "Float64Array(2)", "3 entries"]);
});
