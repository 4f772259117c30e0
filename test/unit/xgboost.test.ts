import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import {
  ArgumentError, loadEngine, makeMatrix, parseXGBoostModel, predictEnsemble, predictXGBoost, projectRoot, shapSummary, trainXGBoost, treeShap, treeShapInteractions,
  xgboostModelFromJSON, xgboostModelToJSON, type TreeEnsemble,
} from "permafrost-kit";
import { assertClose } from "../helpers";

const dir = path.join(projectRoot(), "test", "oracles", "xgboost");
const data = JSON.parse(fs.readFileSync(path.join(dir, "data.json"), "utf8")) as { n: number; p: number; x: (number | null)[]; y: number[] };
const fx = JSON.parse(fs.readFileSync(path.join(dir, "fixtures.json"), "utf8")) as { margin: number[]; contribs: number[]; interactionRows: number; interactions: number[]; engine: { margin: number[]; contribs: number[] } };
const x = Float64Array.from(data.x, (v) => (v === null ? NaN : v));
const pyModel = parseXGBoostModel(fs.readFileSync(path.join(dir, "model-py.json"), "utf8"));
// SHAP values are float32 sums in xgboost 1.7 (float64 here): 1e-5 relative (the bound)
// plus 1e-6 absolute for values near 0.
const SHAP_TOL = { rel: 1e-5, abs: 1e-6 };

function brute(m: TreeEnsemble, row: number[]): number[] {
  // Exact Shapley values by enumerating all subsets with path-dependent expectations (a
  // second, independent oracle for tiny models).
  const p = m.nFeatures;
  const expect = (node: number, set: number): number => {
    if (m.left[node] === -1) return m.value[node]!;
    const f = m.feature[node]!;
    if ((set >> f) & 1) {
      const v = row[f]!;
      const next = Number.isNaN(v) ? (m.defaultLeft[node] === 1 ? m.left[node]! : m.right[node]!) : Math.fround(v) < m.threshold[node]! ? m.left[node]! : m.right[node]!;
      return expect(next, set);
    }
    const l = m.left[node]!, r = m.right[node]!;
    return (expect(l, set) * m.cover[l]! + expect(r, set) * m.cover[r]!) / m.cover[node]!;
  };
  const value = (set: number) => { let s = 0; for (let t = 0; t < m.nTrees; t++) s += expect(m.treeStart[t]!, set); return s; };
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const phi = new Array<number>(p).fill(0);
  for (let i = 0; i < p; i++) {
    for (let set = 0; set < 1 << p; set++) {
      if ((set >> i) & 1) continue;
      let size = 0;
      for (let j = 0; j < p; j++) size += (set >> j) & 1;
      phi[i]! += ((fact(size) * fact(p - size - 1)) / fact(p)) * (value(set | (1 << i)) - value(set));
    }
  }
  return phi;
}

describe("XGBoost wrapper around ml-xgboost vs Debian xgboost 1.7 (test/oracles/xgboost)", () => {
  it("trains, with NaN and exact −1 values, the SAME trees xgboost 1.7 trains on the raw data (tree_method exact)", async () => {
    const m = await trainXGBoost(x, data.p, data.y, { eta: 0.1, max_depth: 4, nrounds: 20 });
    const e = m.ensemble;
    assert.equal(e.left.length, pyModel.left.length);
    for (let i = 0; i < e.left.length; i++) {
      assert.equal(e.feature[i], pyModel.feature[i], `node ${i} feature`);
      assert.equal(e.left[i], pyModel.left[i], `node ${i} left`);
      assert.equal(e.defaultLeft[i], pyModel.defaultLeft[i], `node ${i} default direction`);
      assert.equal(e.threshold[i], pyModel.threshold[i], `node ${i} threshold`);
      assert.equal(e.value[i], pyModel.value[i], `node ${i} leaf value`);
      assertClose(e.cover[i]!, pyModel.cover[i]!, { rel: 1e-6 }, `node ${i} cover`);
    }
  });
  it("parses xgboost's JSON model; batch margins equal xgboost's within float32 rounding", () => {
    const p = predictEnsemble(pyModel, x);
    fx.margin.forEach((v, i) => assertClose(p[i]!, v, { abs: 1e-6 }, `margin ${i}`));
  });
  it("parses ml-xgboost's legacy binary; batch predictions are bit-identical to the engine's own", () => {
    const eng = parseXGBoostModel(new Uint8Array(fs.readFileSync(path.join(dir, "engine-model.bin"))));
    const rows = JSON.parse(fs.readFileSync(path.join(dir, "engine-rows.json"), "utf8")) as { rows: number[][]; enginePredictions: number[] };
    assert.deepEqual(Array.from(predictEnsemble(eng, rows.rows.flat())), rows.enginePredictions);
    const c = treeShap(eng, rows.rows.flat());
    fx.engine.contribs.forEach((v, i) => assertClose(c[i]!, v, SHAP_TOL, `engine model contrib ${i}`));
  });
  it("treeShap equals pred_contribs (≤ 1e-5 relative) with missing values, and rows sum to the margin", () => {
    const c = treeShap(pyModel, x);
    fx.contribs.forEach((v, i) => assertClose(c[i]!, v, SHAP_TOL, `contrib ${i}`));
    const margin = predictEnsemble(pyModel, x);
    for (let r = 0; r < data.n; r++) {
      let s = 0;
      for (let j = 0; j <= data.p; j++) s += c[r * (data.p + 1) + j]!;
      assertClose(s, margin[r]!, { abs: 1e-5 }, `additivity row ${r}`);
    }
  });
  it("treeShapInteractions equals pred_interactions, is symmetric, and sums to the SHAP values", () => {
    const k = fx.interactionRows, p1 = data.p + 1;
    const I = treeShapInteractions(pyModel, x.subarray(0, k * data.p));
    fx.interactions.forEach((v, i) => assertClose(I[i]!, v, SHAP_TOL, `interaction ${i}`));
    const c = treeShap(pyModel, x.subarray(0, k * data.p));
    for (let r = 0; r < k; r++) for (let a = 0; a < p1; a++) {
      let s = 0;
      for (let b = 0; b < p1; b++) {
        s += I[r * p1 * p1 + a * p1 + b]!;
        assertClose(I[r * p1 * p1 + a * p1 + b]!, I[r * p1 * p1 + b * p1 + a]!, { abs: 1e-12 }, "symmetry");
      }
      assertClose(s, c[r * p1 + a]!, { abs: 1e-9 }, `row ${r} feature ${a} sum`);
    }
  });
  it("treeShap equals brute-force Shapley values (all 2^5 subsets) on a small model", async () => {
    const m = await trainXGBoost(x, data.p, data.y, { eta: 0.3, max_depth: 3, nrounds: 3 });
    const c = treeShap(m.ensemble, x.subarray(0, 10 * data.p));
    for (let r = 0; r < 10; r++) {
      const phi = brute(m.ensemble, Array.from(x.subarray(r * data.p, (r + 1) * data.p)));
      phi.forEach((v, j) => assertClose(c[r * (data.p + 1) + j]!, v, { abs: 1e-12, rel: 1e-10 }, `row ${r} feature ${j}`));
    }
  });
});

describe("trainXGBoost: early stopping, saving, bad input", () => {
  const nTrain = 110;
  const xt = x.subarray(0, nTrain * data.p), yt = data.y.slice(0, nTrain);
  const xv = x.subarray(nTrain * data.p), yv = data.y.slice(nTrain);
  it("picks the best iteration by xgboost's rule from exact tree-prefix validation RMSE", async () => {
    const m = await trainXGBoost(xt, data.p, yt, { eta: 0.3, nrounds: 100 }, { validation: { x: xv, y: yv }, earlyStoppingRounds: 10 });
    const best = m.validationRmse.indexOf(Math.min(...m.validationRmse.slice(0, m.bestIteration + 11)));
    assert.equal(m.bestIteration, best);
    for (let t = m.bestIteration + 1; t <= Math.min(m.bestIteration + 10, m.validationRmse.length - 1); t++) assert.ok(m.validationRmse[t]! >= m.validationRmse[m.bestIteration]!);
    assert.equal(predictXGBoost(m, xv).length, yv.length);
    const back = xgboostModelFromJSON(JSON.parse(JSON.stringify(xgboostModelToJSON(m))));
    assert.deepEqual(Array.from(predictXGBoost(back, xv)), Array.from(predictXGBoost(m, xv)));
    assert.equal(back.bestIteration, m.bestIteration);
  });
  it("refuses ±Infinity and non-finite targets, naming the row; summarizes SHAP as Eqs 6–7", async () => {
    await assert.rejects(trainXGBoost([1, Infinity, 2, 3], 1, [1, 2, 3, 4]), (e: unknown) => e instanceof ArgumentError && /x \(row 1, column "f0"\): infinite value: got Infinity/.test(e.message));
    await assert.rejects(trainXGBoost([1, 2], 1, [1, NaN]), (e: unknown) => e instanceof ArgumentError && /y\[1\]: bad value: got NaN/.test(e.message));
    const s = shapSummary([1, -3, 0.5, 3, 2, 0.5], ["a", "b"]); // rows: (a, b, bias)
    assert.deepEqual(s.map((r) => [r.feature, r.meanAbs, r.meanSigned, r.rank]), [["b", 2.5, -0.5, 1], ["a", 2, 2, 2]]);
    assert.ok(typeof (await loadEngine()) === "function");
  });
});

describe("xgboost inputs: row forms and pruned nodes", () => {
  it("flat rows, an array of rows and a Matrix give the same predictions and SHAP values", () => {
    const k = 12, p = data.p;
    const flat = x.subarray(0, k * p);
    const rows = Array.from({ length: k }, (_, i) => Array.from(flat.subarray(i * p, (i + 1) * p)));
    const mat = makeMatrix(Float64Array.from(flat), p);
    assert.deepEqual(Array.from(predictEnsemble(pyModel, rows)), Array.from(predictEnsemble(pyModel, flat)));
    assert.deepEqual(Array.from(predictEnsemble(pyModel, mat)), Array.from(predictEnsemble(pyModel, flat)));
    assert.deepEqual(Array.from(treeShap(pyModel, rows)), Array.from(treeShap(pyModel, flat)));
  });
  it("accepts a tree with an unreachable (pruned, deleted) leaf, as xgboost saves them", () => {
    const m: TreeEnsemble = {
      nFeatures: 1, baseScore: 0, nTrees: 1, objective: "reg:squarederror", treeStart: Int32Array.from([0, 4]),
      feature: Int32Array.from([0, -1, -1, -1]), threshold: Float32Array.from([0.5, 0, 0, 0]), left: Int32Array.from([1, -1, -1, -1]), right: Int32Array.from([2, -1, -1, -1]),
      defaultLeft: Uint8Array.from([1, 0, 0, 0]), value: Float64Array.from([0, -1, 1, 0]), cover: Float64Array.from([2, 1, 1, 0]), gain: Float64Array.from([1, 0, 0, 0]),
    };
    assert.deepEqual(Array.from(predictEnsemble(m, [0, 1])), [-1, 1]);
  });
});
