/**
 * The kit's random forest (h2o DRF semantics, paper 1 §2.4.1): binning, split finding,
 * sampling, missing values, determinism, serialisation, the worker pool, and agreement with
 * R ranger and scikit-learn on the fixtures of test/oracles/forest/.
 */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RandomForestRegression } from "ml-random-forest";
import {
  ArgumentError, DataError, EngineError, FINE_CODES, FitError, ForestPool, rebuildWorkerError, serializeError, NA_CODE, Forest, friedman1, assignFolds, binFeatures, cellEdge, compileMlRandomForest, createRng, crossValidate, ensembleHoldout,
  expandGrid, gridSearch, makeMatrix, permutationImportance, regressionMetrics, resolveForestOptions, selectRows, trainEnsemble, trainForest,
  trainMlRandomForest, type Matrix,
} from "permafrost-kit";
import { readFixture } from "../helpers";

interface DataSet { n: number; p: number; x: number[]; y: number[]; folds: number[] }
interface OracleSet { meanFoldR2: number; seedSdMeanFoldR2: number; impurity: number[]; mtry: number }
const data = readFixture<Record<string, DataSet>>("forest", "data.json");
const ranger = readFixture<Record<string, OracleSet>>("forest", "ranger.json");
const sklearn = readFixture<Record<string, OracleSet & { minSamplesLeaf: number }>>("forest", "sklearn.json");

function friedman(n: number, p: number, seed: number): { x: Matrix; y: Float64Array } {
  return friedman1(n, p, seed, "friedman-test");
}

function ranks(v: readonly number[]): number[] {
  const order = v.map((_, i) => i).sort((a, b) => v[a]! - v[b]!);
  const r = new Array<number>(v.length);
  order.forEach((i, k) => (r[i] = k));
  return r;
}

function spearman(a: readonly number[], b: readonly number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  let d2 = 0;
  for (let i = 0; i < n; i++) d2 += (ra[i]! - rb[i]!) ** 2;
  return 1 - (6 * d2) / (n * (n * n - 1));
}

function leafCovers(f: Forest): number[] {
  const out: number[] = [];
  f.trees.feature.forEach((ft, k) => {
    if (ft < 0) out.push(f.trees.cover[k]!);
  });
  return out;
}

describe("binning (features binned once per training set)", () => {
  it("routes every value the same way by code and by threshold: code < c ⟺ value < edge(c)", () => {
    const rng = createRng(3, "binning");
    const n = 2000;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = i % 7 === 0 ? NaN : Math.round(rng.normal() * 1e3) / 7 - 40;
    const b = binFeatures(x, 1, Int32Array.from({ length: n }, (_, i) => i));
    for (const c of [1, 2, 17, 1000, 32767, FINE_CODES - 1]) {
      const edge = cellEdge(b, 0, c);
      for (let i = 0; i < n; i++) {
        if (Number.isNaN(x[i]!)) assert.equal(b.codes[i], NA_CODE);
        else assert.equal(b.codes[i]! < c, x[i]! < edge, `row ${i} value ${x[i]} code ${b.codes[i]} edge(${c}) = ${edge}`);
      }
    }
  });

  it("gives a constant column one code and zero width", () => {
    const b = binFeatures(new Float64Array([2, 2, 2, NaN]), 1, Int32Array.from([0, 1, 2, 3]));
    assert.deepEqual(Array.from(b.codes), [0, 0, 0, NA_CODE]);
    assert.equal(b.width[0], 0);
  });
});

describe("split finding and tree growth", () => {
  it("finds a step: one tree on all rows splits between the two groups and predicts the group means", () => {
    const xs = [0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9];
    const y = [1, 1, 1, 1, 5, 5, 5, 5];
    const f = trainForest(makeMatrix(Float64Array.from(xs), 1), y, { ntrees: 1, mtries: 1, sampleRate: 1, minRows: 1 });
    const th = f.trees.threshold[0]!;
    assert.ok(th > 0.4 && th <= 0.6, `threshold ${th} should separate 0.4 from 0.6`);
    const probe = [0, 0.45, 0.59, 1];
    assert.deepEqual(Array.from(f.predict(makeMatrix(Float64Array.from(probe), 1))), probe.map((v) => (v < th ? 1 : 5)));
    assert.equal(f.trees.feature.length, 3, "a perfect split leaves two pure leaves");
  });

  it("never makes a leaf with fewer than minRows in-bag rows", () => {
    const { x, y } = friedman(400, 6, 1);
    for (const minRows of [1, 3, 7]) {
      const covers = leafCovers(trainForest(x, y, { ntrees: 20, mtries: 2, minRows, seed: 4 }));
      assert.ok(Math.min(...covers) >= minRows, `minRows ${minRows}: smallest leaf ${Math.min(...covers)}`);
      if (minRows === 1) assert.equal(Math.min(...covers), 1, "fully grown trees reach single-row leaves");
    }
  });

  it("samples about 63.2 % of rows per tree, without replacement", () => {
    const { x, y } = friedman(1000, 5, 2);
    const f = trainForest(x, y, { ntrees: 50, seed: 9 });
    const share = Array.from(f.trees.roots, (r) => f.trees.cover[r]! / 1000);
    const mean = share.reduce((a, b) => a + b, 0) / share.length;
    assert.ok(Math.abs(mean - 0.632) < 0.01, `mean in-bag share ${mean}`);
    assert.ok(share.every((s) => s <= 1), "no tree sees more rows than the frame");
  });

  it("draws the candidate features at every split, not once per tree (mtries = 1 uses many features in one tree)", () => {
    const { x, y } = friedman(500, 8, 3);
    const f = trainForest(x, y, { ntrees: 1, mtries: 1, seed: 2 });
    const used = new Set(Array.from(f.trees.feature).filter((v) => v >= 0));
    assert.ok(used.size >= 6, `one tree split on ${used.size} distinct features`);
  });

  it("respects maxDepth", () => {
    const { x, y } = friedman(500, 5, 3);
    const f = trainForest(x, y, { ntrees: 3, maxDepth: 2, minRows: 1, seed: 2 });
    assert.ok(f.trees.feature.length <= 3 * 7, `${f.trees.feature.length} nodes for 3 trees of depth ≤ 2`);
  });

  it("learns the side of missing values: rows with NaN and high y go to the high side", () => {
    const n = 600;
    const rng = createRng(5, "na-test");
    const xs = new Float64Array(n * 2);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const missing = i % 4 === 0;
      xs[i * 2] = missing ? NaN : rng.uniform();
      xs[i * 2 + 1] = rng.uniform();
      y[i] = missing ? 10 : xs[i * 2]! < 0.5 ? 0 : 3;
    }
    const f = trainForest(makeMatrix(xs, 2), y, { ntrees: 30, mtries: 2, seed: 1 });
    const pred = f.predict(makeMatrix(Float64Array.from([NaN, 0.5, 0.2, 0.5, 0.8, 0.5]), 2));
    assert.ok(Math.abs(pred[0]! - 10) < 0.5, `NaN row predicted ${pred[0]}`);
    assert.ok(Math.abs(pred[1]!) < 0.5 && Math.abs(pred[2]! - 3) < 0.5, `present rows ${pred[1]}, ${pred[2]}`);
  });
});

describe("determinism, OOB and serialisation", () => {
  const { x, y } = friedman(600, 8, 7);

  it("gives identical forests for the same seed and different ones for another seed", () => {
    const a = JSON.stringify(trainForest(x, y, { ntrees: 10, seed: 11 }));
    assert.equal(JSON.stringify(trainForest(x, y, { ntrees: 10, seed: 11 })), a);
    assert.notEqual(JSON.stringify(trainForest(x, y, { ntrees: 10, seed: 12 })), a);
  });

  it("round-trips through JSON with identical predictions", () => {
    const f = trainForest(x, y, { ntrees: 15, seed: 1, oobPermutationImportance: true });
    const g = Forest.fromJSON(JSON.parse(JSON.stringify(f)) as ReturnType<Forest["toJSON"]>);
    assert.deepEqual(g.predict(x), f.predict(x));
    assert.deepEqual(g.importance("permutation"), f.importance("permutation"));
  });

  it("has OOB predictions whose R² is close to the CV R²", async () => {
    const f = trainForest(x, y, { ntrees: 100, mtries: 3, seed: 2 });
    const ok = Array.from(f.oobPredictions.keys()).filter((i) => !Number.isNaN(f.oobPredictions[i]!));
    assert.equal(ok.length, 600, "every row is out of bag in some of 100 trees");
    const oob = regressionMetrics(ok.map((i) => y[i]!), ok.map((i) => f.oobPredictions[i]!)).r2;
    const cv = await crossValidate(x, y, { ntrees: 100, mtries: 3, seed: 2 }, { nfolds: 5, seed: 1, workers: 0 });
    assert.ok(Math.abs(oob - cv.pooled.r2) < 0.03, `OOB R² ${oob} vs CV R² ${cv.pooled.r2}`);
  });

  it("ranks the planted signal first by OOB permutation and by holdout permutation importance", () => {
    const f = trainForest(x, y, { ntrees: 60, mtries: 3, seed: 2, oobPermutationImportance: true });
    const top5 = new Set(f.importance("permutation").slice(0, 5).map((r) => r.feature));
    assert.deepEqual(top5, new Set(["x0", "x1", "x2", "x3", "x4"]));
    const perm = permutationImportance(f, x, y, { repeats: 2, seed: 1 });
    assert.equal(perm[0]!.feature, "x3", "x3 (coefficient 10) is the strongest single effect");
  });
});

describe("cross-validation, worker pool, grid search and ensemble", () => {
  const { x, y } = friedman(400, 6, 8);

  it("gives identical CV results with 0, 1 and 2 workers", async () => {
    const runs = await Promise.all([0, 1, 2].map((workers) => crossValidate(x, y, { ntrees: 20, mtries: 2, seed: 3 }, { nfolds: 4, seed: 3, workers })));
    for (const r of runs.slice(1)) assert.deepEqual(r.holdout, runs[0]!.holdout);
  });

  it("expands the paper's grid to 108 models", () => {
    const g = expandGrid();
    assert.equal(g.length, 108);
    assert.deepEqual(g[0], { ntrees: 50, mtries: 2, minRows: 2 });
    assert.deepEqual(g[107], { ntrees: 150, mtries: 10, minRows: 5 });
  });

  it("ranks grid models by mean fold R² on shared folds and ensembles the top k", async () => {
    const res = await gridSearch(x, y, { grid: { ntrees: [10], mtries: [1, 4], minRows: [2, 8] }, nfolds: 4, seed: 2, base: { seed: 5 }, workers: 2 });
    assert.equal(res.models.length, 4);
    for (let m = 1; m < 4; m++) assert.ok(res.models[m - 1]!.meanR2 >= res.models[m]!.meanR2);
    assert.equal(res.models[0]!.foldR2.length, 4);
    const ens = ensembleHoldout(res, y, 2);
    assert.ok(ens.metrics.r2 > 0.5, `ensemble CV R² ${ens.metrics.r2}`);
    const top = await trainEnsemble(x, y, res.models.slice(0, 2).map((m) => ({ ntrees: m.ntrees, mtries: m.mtries, minRows: m.minRows, seed: 5 })), { workers: 2 });
    assert.equal(top.members.length, 2);
    const direct = trainForest(x, y, { ntrees: res.models[0]!.ntrees, mtries: res.models[0]!.mtries, minRows: res.models[0]!.minRows, seed: 5 });
    assert.deepEqual(top.members[0]!.predict(x), direct.predict(x), "a pool-trained member equals the same forest trained inline");
  });

  it("refuses bad input with the row and column named", async () => {
    const bad = new Float64Array(y);
    bad[7] = NaN;
    assert.throws(() => trainForest(x, bad), (e: unknown) => e instanceof ArgumentError && /trainForest: y\[7\]: bad value: got NaN/.test(e.message));
    const xi = new Float64Array(x.data);
    xi[3 * 6 + 2] = Infinity;
    assert.throws(() => trainForest({ data: xi, nRows: 400, nCols: 6, columns: ["a", "b", "c", "d", "e", "f"] }, y), (e: unknown) => e instanceof ArgumentError && /row 3, column "c"\): infinite value: got Infinity/.test(e.message));
    assert.throws(() => resolveForestOptions({ mtries: 9 }, 6), (e: unknown) => e instanceof ArgumentError && /options\.mtries: out of range: got 9, expected an integer ≥ 1 and ≤ 6/.test(e.message));
    assert.throws(() => assignFolds(5, 10, 1), (e: unknown) => e instanceof ArgumentError && /assignFolds: k: out of range: got 10/.test(e.message));
    await assert.rejects(crossValidate(x, y, {}, { folds: new Int32Array(400).fill(1) }), (e: unknown) => e instanceof ArgumentError && /fold 0 of 2 has no rows/.test(e.message));
  });
});

describe("worker failures (EngineError) and kit errors from workers", () => {
  it("rebuilds a kit error reported by a worker as the same class, and anything else as an EngineError with the cause", () => {
    const fit = rebuildWorkerError(2, serializeError(new FitError("trainForest", "kit-drf", "tree 3 drew no in-bag rows")));
    assert.ok(fit instanceof FitError);
    assert.equal(fit.message, "trainForest (kit-drf): tree 3 drew no in-bag rows");
    const arg = rebuildWorkerError(0, serializeError(new ArgumentError({ fn: "trainForest", arg: "y", at: 4, value: NaN, expected: "a finite number" }, "bad value")));
    assert.ok(arg instanceof ArgumentError && arg.fn === "trainForest" && arg.at === 4);
    assert.equal(arg.message, "trainForest: y[4]: bad value: got NaN, expected a finite number");
    const raw = rebuildWorkerError(5, serializeError(new TypeError("cannot read properties of undefined")));
    assert.ok(raw instanceof EngineError);
    assert.equal(raw.message, "forest worker failed during task 5: TypeError: cannot read properties of undefined");
    assert.ok(raw.cause instanceof Error);
  });

  it("passes every field of a kit error through a worker (value, at, line, column, expected), so it equals the inline one", async () => {
    const d = rebuildWorkerError(1, serializeError(new DataError({ file: "m.json", line: 3, column: "trees.value[2]", value: 1e308, expected: "at most 1e150" }, "too large")));
    assert.ok(d instanceof DataError);
    assert.deepEqual([d.file, d.line, d.column, d.value, d.expected], ["m.json", 3, "trees.value[2]", 1e308, "at most 1e150"]);
    const a = rebuildWorkerError(0, serializeError(new ArgumentError({ fn: "f", arg: "y", at: 4, value: [1, NaN], expected: "finite" }, "bad value")));
    assert.ok(a instanceof ArgumentError);
    assert.deepEqual(a.value, [1, NaN]);
    // a frame on which every predictor is constant is refused inside the task: same error from 0 and 1 workers
    const { x, y } = friedman(40, 5, 2);
    const fields = async (workers: number): Promise<unknown[]> => {
      const pool = new ForestPool({ workers });
      try {
        pool.register("d", x, y);
        await pool.run([{ data: "d", options: { ntrees: 2 }, trainRows: Int32Array.from([3, 3, 3]) }]);
        return [];
      } catch (e) {
        assert.ok(e instanceof ArgumentError);
        return [e.name, e.message, e.fn, e.arg, e.at, e.value, e.expected];
      } finally {
        await pool.close();
      }
    };
    const inline = await fields(0);
    assert.equal(inline.length, 7);
    assert.deepEqual(await fields(1), inline);
  });

  it("rejects a run whose onProgress throws, and the pool stays usable", async () => {
    const { x, y } = friedman(60, 5, 3);
    const all = Int32Array.from({ length: 60 }, (_, i) => i);
    const tasks = [1, 2, 3, 4].map((seed) => ({ data: "d", options: { ntrees: 3, seed }, trainRows: all, predictRows: all.subarray(0, 5) }));
    const pool = new ForestPool({ workers: 2 });
    try {
      pool.register("d", x, y);
      await assert.rejects(pool.run(tasks, () => {
        throw new RangeError("stop");
      }), (e: unknown) => e instanceof ArgumentError && e.cause instanceof RangeError && /ForestPool\.run: onProgress: the callback threw: RangeError: stop/.test(e.message));
      const again = await pool.run(tasks);
      const inline = new ForestPool({ workers: 0 });
      inline.register("d", x, y);
      const expected = await inline.run(tasks);
      assert.deepEqual(again.map((r) => Array.from(r.predictions!)), expected.map((r) => Array.from(r.predictions!)));
    } finally {
      await pool.close();
    }
  });

  it("checks the response on the training frame's rows only (a missing response elsewhere is not read)", () => {
    const { x, y } = friedman(60, 5, 5);
    const yy = Float64Array.from(y);
    yy[59] = NaN;
    const rows = Int32Array.from({ length: 50 }, (_, i) => i);
    const a = trainForest(x, yy, { ntrees: 4, seed: 1 }, rows);
    const b = trainForest(x, y, { ntrees: 4, seed: 1 }, rows);
    assert.deepEqual(Array.from(a.predict(x)), Array.from(b.predict(x)));
  });

  it("rejects with an EngineError when a worker dies during a run, and refuses later runs on the broken pool", async () => {
    const { x, y } = friedman(300, 5, 4);
    const pool = new ForestPool({ workers: 1 });
    try {
      pool.register("d", x, y);
      const all = Int32Array.from({ length: 300 }, (_, i) => i);
      const running = pool.run([{ data: "d", options: { ntrees: 200, seed: 1 }, trainRows: all }]);
      void (pool as unknown as { workers: { terminate(): Promise<number> }[] }).workers[0]!.terminate();
      await assert.rejects(running, (e: unknown) => e instanceof EngineError && /forest worker failed during task 0: .*exited unexpectedly/.test(e.message));
      await assert.rejects(pool.run([]), EngineError);
    } finally {
      await pool.close();
    }
  });
});

describe("ml-random-forest as an alternative engine", () => {
  it("compiles the package's trees into flat arrays with identical predictions", () => {
    const { x, y } = friedman(150, 5, 9);
    const X = Array.from({ length: 150 }, (_, i) => Array.from(x.data.subarray(i * 5, i * 5 + 5)));
    const rf = new RandomForestRegression({ nEstimators: 8, maxFeatures: 3, seed: 3, noOOB: true, useSampleBagging: true, treeOptions: { minNumSamples: 3 } });
    rf.train(X, Array.from(y));
    const compiled = compileMlRandomForest(rf, ["x0", "x1", "x2", "x3", "x4"], resolveForestOptions({}, 5), 150);
    assert.deepEqual(Array.from(compiled.predict(x)), rf.predict(X));
  });

  it("runs behind the same cross-validation interface and refuses missing values", async () => {
    const { x, y } = friedman(200, 5, 10);
    const cv = await crossValidate(x, y, { ntrees: 5, mtries: 3, minRows: 3 }, { nfolds: 3, seed: 1, workers: 0, engine: "ml-random-forest" });
    assert.equal(cv.holdout.length, 200);
    const xm = new Float64Array(x.data);
    xm[0] = NaN;
    assert.throws(() => trainMlRandomForest(makeMatrix(xm, 5), y), (e: unknown) => e instanceof ArgumentError && /row 0, column "f0"\): missing value: got NaN/.test(e.message));
  });
});

describe("agreement with R ranger and scikit-learn (test/oracles/forest)", () => {
  // ranger 0.14 (fully grown trees, 63.2 % without replacement, 300 trees, 5 seeds) vs the kit
  // with minRows 1, maxDepth 40, 3 seeds, on the same 5 folds. Measured |Δ| ≤ 0.004; the
  // tolerance 0.01 is the bound and ~7× the Monte-Carlo SD of either side's mean.
  for (const name of Object.keys(data)) {
    it(`${name}: CV R² within 0.01 of ranger, within 0.03 of scikit-learn`, async () => {
      const s = data[name]!;
      const x = makeMatrix(Float64Array.from(s.x), s.p);
      const folds = Int32Array.from(s.folds);
      const seeds = [1, 2, 3];
      let full = 0;
      let leaf = 0;
      for (const seed of seeds) {
        full += (await crossValidate(x, s.y, { ntrees: 300, mtries: ranger[name]!.mtry, minRows: 1, maxDepth: 40, seed }, { folds, workers: 2 })).meanR2 / seeds.length;
        leaf += (await crossValidate(x, s.y, { ntrees: 300, mtries: sklearn[name]!.mtry, minRows: sklearn[name]!.minSamplesLeaf, seed }, { folds, workers: 2 })).meanR2 / seeds.length;
      }
      const dr = full - ranger[name]!.meanFoldR2;
      assert.ok(Math.abs(dr) <= 0.01, `kit ${full.toFixed(4)} vs ranger ${ranger[name]!.meanFoldR2.toFixed(4)}: Δ ${dr.toFixed(4)} > 0.01`);
      // scikit-learn bootstraps WITH replacement (max_samples 0.632), the kit samples without: 0.03
      const ds = leaf - sklearn[name]!.meanFoldR2;
      assert.ok(Math.abs(ds) <= 0.03, `kit ${leaf.toFixed(4)} vs sklearn ${sklearn[name]!.meanFoldR2.toFixed(4)}: Δ ${ds.toFixed(4)} > 0.03`);
    });
  }

  it("agrees with ranger's impurity importance on the planted-signal data (same top 3, Spearman ≥ 0.6)", () => {
    for (const [name, top] of [["planted", 3], ["friedman1", 5]] as const) {
      const s = data[name]!;
      const f = trainForest(makeMatrix(Float64Array.from(s.x), s.p), s.y, { ntrees: 300, mtries: ranger[name]!.mtry, minRows: 1, maxDepth: 40, seed: 1 });
      const kit = Array.from(f.impurityImportance);
      const ref = ranger[name]!.impurity;
      const topOf = (v: number[]): Set<number> => new Set(v.map((val, i) => [val, i] as const).sort((a, b) => b[0] - a[0]).slice(0, top).map((e) => e[1]));
      assert.deepEqual(topOf(kit), topOf(ref), `${name}: top ${top} features`);
      const rho = spearman(kit, ref);
      assert.ok(rho >= 0.6, `${name}: Spearman ρ ${rho.toFixed(3)} < 0.6`);
    }
  });

  it("subsets rows like a bootstrap frame (duplicates allowed)", () => {
    const s = data.steps!;
    const x = makeMatrix(Float64Array.from(s.x), s.p);
    const rows = Int32Array.from([0, 0, 1, 2, 3, 3, 3, 4, 5, 6, 7, 8, 9, 10]);
    const a = trainForest(x, s.y, { ntrees: 5, seed: 1 }, rows);
    const b = trainForest(selectRows(x, rows), Array.from(rows, (i) => s.y[i]!), { ntrees: 5, seed: 1 });
    assert.deepEqual(a.predict(x), b.predict(x));
  });
});
