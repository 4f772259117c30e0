/**
 * Property tests for the xgboost area (issue "Trust every input"): TreeSHAP additivity on random
 * ensembles and on models trained by ml-xgboost, prediction invariance under row permutation,
 * shape errors on every mismatched length, and corrupt child pointers refused (never a hang).
 */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import "../bad-input/fast-check-seed";
import { ArgumentError, createRng, predictEnsemble, shapSummary, trainXGBoost, treeShap, type TreeEnsemble } from "permafrost-kit";

/** A random ensemble (consistent covers: a split's cover is the sum of its children's). */
function randomEnsemble(seed: number, p: number, nTrees: number, maxDepth: number): TreeEnsemble {
  const rng = createRng(seed, "random-ensemble");
  const feature: number[] = [], threshold: number[] = [], left: number[] = [], right: number[] = [], dl: number[] = [], value: number[] = [], cover: number[] = [];
  const treeStart: number[] = [];
  const node = (depth: number): number => {
    const id = feature.length;
    feature.push(-1); threshold.push(0); left.push(-1); right.push(-1); dl.push(0); value.push(0); cover.push(0);
    if (depth === maxDepth || (depth > 0 && rng.uniform() < 0.3)) {
      value[id] = Math.fround(rng.uniform() * 4 - 2);
      const c = 1 + rng.int(5);
      cover[id] = c;
      return c;
    }
    feature[id] = rng.int(p);
    threshold[id] = Math.fround(rng.uniform() * 2 - 1);
    dl[id] = rng.int(2);
    left[id] = feature.length;
    const cl = node(depth + 1);
    right[id] = feature.length;
    const cr = node(depth + 1);
    cover[id] = cl + cr;
    return cl + cr;
  };
  for (let t = 0; t < nTrees; t++) { treeStart.push(feature.length); node(0); }
  treeStart.push(feature.length);
  return {
    nFeatures: p, baseScore: 0.5, nTrees, objective: "reg:squarederror", treeStart: Int32Array.from(treeStart), feature: Int32Array.from(feature),
    threshold: Float32Array.from(threshold), left: Int32Array.from(left), right: Int32Array.from(right), defaultLeft: Uint8Array.from(dl),
    value: Float64Array.from(value), cover: Float64Array.from(cover), gain: new Float64Array(feature.length),
  };
}

function randomRows(seed: number, n: number, p: number): Float64Array {
  const rng = createRng(seed, "random-rows");
  return Float64Array.from({ length: n * p }, () => (rng.uniform() < 0.15 ? NaN : rng.uniform() * 3 - 1.5));
}

const shape = fc.record({ seed: fc.integer({ min: 0, max: 1e9 }), p: fc.integer({ min: 1, max: 4 }), nTrees: fc.integer({ min: 1, max: 4 }), depth: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 1, max: 12 }) });

function assertAdditive(m: TreeEnsemble, x: Float64Array, nTrees: number): void {
  const p1 = m.nFeatures + 1;
  const c = treeShap(m, x, nTrees);
  const margin = predictEnsemble(m, x, nTrees);
  for (let r = 0; r < margin.length; r++) {
    let s = 0;
    for (let j = 0; j < p1; j++) s += c[r * p1 + j]!;
    assert.ok(Math.abs(s - margin[r]!) <= 1e-5 * (1 + Math.abs(margin[r]!)), `row ${r}: Σ contributions ${s} ≠ margin ${margin[r]}`);
  }
}

describe("xgboost properties", () => {
  it("SHAP additivity: Σ contributions + bias = margin (1e-5) on random ensembles", () => {
    fc.assert(fc.property(shape, (s) => {
      const m = randomEnsemble(s.seed, s.p, s.nTrees, s.depth);
      assertAdditive(m, randomRows(s.seed + 1, s.n, s.p), m.nTrees);
    }), { numRuns: 60 });
  });

  it("SHAP additivity on small models trained by ml-xgboost (best-iteration prefixes too)", async () => {
    await fc.assert(fc.asyncProperty(fc.record({ seed: fc.integer({ min: 0, max: 1e9 }), p: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 8, max: 30 }) }), async (s) => {
      const x = randomRows(s.seed, s.n, s.p);
      if (x.every((v) => Number.isNaN(v))) x[0] = 0;
      const rng = createRng(s.seed, "targets");
      const y = Array.from({ length: s.n }, (_, i) => (Number.isNaN(x[i * s.p]!) ? 0 : x[i * s.p]!) + rng.uniform());
      const model = await trainXGBoost(x, s.p, y, { eta: 0.3, max_depth: 3, nrounds: 4 });
      assertAdditive(model.ensemble, x, model.ensemble.nTrees);
      assertAdditive(model.ensemble, x, 2);
    }), { numRuns: 8 });
  });

  it("predictions and SHAP rows are invariant to a permutation of the rows", () => {
    fc.assert(fc.property(shape, fc.integer({ min: 0, max: 1e9 }), (s, permSeed) => {
      const m = randomEnsemble(s.seed, s.p, s.nTrees, s.depth);
      const x = randomRows(s.seed + 2, s.n, s.p);
      const rng = createRng(permSeed, "perm");
      const perm = Array.from({ length: s.n }, (_, i) => i);
      for (let i = s.n - 1; i > 0; i--) { const j = rng.int(i + 1); [perm[i], perm[j]] = [perm[j]!, perm[i]!]; }
      const xp = new Float64Array(x.length);
      perm.forEach((src, i) => xp.set(x.subarray(src * s.p, (src + 1) * s.p), i * s.p));
      const pred = predictEnsemble(m, x), predP = predictEnsemble(m, xp);
      const c = treeShap(m, x), cP = treeShap(m, xp);
      const p1 = s.p + 1;
      perm.forEach((src, i) => {
        assert.equal(predP[i], pred[src]);
        assert.deepEqual(Array.from(cP.subarray(i * p1, (i + 1) * p1)), Array.from(c.subarray(src * p1, (src + 1) * p1)));
      });
    }), { numRuns: 40 });
  });

  it("any mismatched length or row width is an ArgumentError (prediction, SHAP, summary)", () => {
    fc.assert(fc.property(shape, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 8 }), (s, len, width) => {
      const m = randomEnsemble(s.seed, s.p, s.nTrees, s.depth);
      const flat = new Float64Array(len);
      if (len % s.p !== 0) {
        assert.throws(() => predictEnsemble(m, flat), ArgumentError);
        assert.throws(() => treeShap(m, flat), ArgumentError);
      } else assert.equal(predictEnsemble(m, flat).length, len / s.p);
      const rows = [Array.from({ length: width }, () => 0.1)];
      if (width !== s.p) {
        assert.throws(() => predictEnsemble(m, rows), ArgumentError);
        assert.throws(() => treeShap(m, rows), ArgumentError);
      }
      const names = Array.from({ length: s.p }, (_, j) => `v${j}`);
      if (len % (s.p + 1) !== 0) assert.throws(() => shapSummary(new Float64Array(len), names), ArgumentError);
      else assert.equal(shapSummary(new Float64Array(len), names).length, s.p);
    }), { numRuns: 80 });
  });

  it("trainXGBoost: labels that are not one per row are an ArgumentError", async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 2, max: 20 }), fc.integer({ min: 0, max: 25 }), async (p, n, ny) => {
      fc.pre(ny !== n);
      const x = Float64Array.from({ length: n * p }, (_, k) => k % 7);
      await assert.rejects(trainXGBoost(x, p, new Float64Array(ny), { nrounds: 1 }), ArgumentError);
    }), { numRuns: 30 });
  });

  it("a corrupted child pointer is refused or harmless: prediction always terminates", () => {
    fc.assert(fc.property(shape, fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: -3, max: 60 }), fc.boolean(), (s, pick, target, leftSide) => {
      const m = randomEnsemble(s.seed, s.p, s.nTrees, s.depth);
      const splits = Array.from(m.left.keys()).filter((i) => m.left[i] !== -1);
      fc.pre(splits.length > 0);
      const u = splits[pick % splits.length]!;
      (leftSide ? m.left : m.right)[u] = target;
      const x = randomRows(s.seed + 3, s.n, s.p);
      try {
        const pred = predictEnsemble(m, x);
        assert.ok(pred.every((v) => Number.isFinite(v)));
        treeShap(m, x);
      } catch (e) {
        assert.ok(e instanceof ArgumentError, `expected ArgumentError, got ${String(e)}`);
      }
    }), { numRuns: 80 });
  });
});
