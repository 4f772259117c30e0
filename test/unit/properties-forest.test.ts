/**
 * Property-based tests of the forest area (fast-check, small sizes and few trees so the file runs
 * in a few seconds): predictions are equivariant under a row permutation of the new data, the
 * regression metrics are invariant under a joint permutation of (y, ŷ), cross-validation on
 * explicit folds gives identical results with 0 and 1 workers, and every mismatched length is
 * refused with an ArgumentError, and Forest.fromJSON refuses a split child outside its own tree.
 */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import "../bad-input/fast-check-seed";
import { ArgumentError, Forest, crossValidate, friedman1, regressionMetrics, trainForest, type ForestJSON, type Matrix } from "permafrost-kit";

const { x, y } = friedman1(80, 5, 3, "properties-forest");
const forest = trainForest(x, y, { ntrees: 8, seed: 2 });

/** A permutation of 0..n−1 from a list of random keys. */
function permutationOf(keys: readonly number[]): number[] {
  return keys.map((k, i) => [k, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((e) => e[1]);
}

const rowValue = fc.oneof({ weight: 9, arbitrary: fc.double({ min: -0.5, max: 1.5, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(NaN) });

describe("forest properties", () => {
  it("predictions are equivariant under a row permutation of the new data (missing values included)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(fc.array(rowValue, { minLength: n * 5, maxLength: n * 5 }), fc.array(fc.double({ noNaN: true }), { minLength: n, maxLength: n }))), ([values, keys]) => {
        const n = keys.length;
        const m: Matrix = { data: Float64Array.from(values), nRows: n, nCols: 5, columns: ["x0", "x1", "x2", "x3", "x4"] };
        const perm = permutationOf(keys);
        const permuted = new Float64Array(n * 5);
        perm.forEach((src, dst) => permuted.set(m.data.subarray(src * 5, src * 5 + 5), dst * 5));
        const a = forest.predict(m);
        const b = forest.predict({ ...m, data: permuted });
        perm.forEach((src, dst) => assert.equal(b[dst], a[src]));
      }),
      { numRuns: 60 },
    );
  });

  it("regressionMetrics is invariant under a joint permutation of (y, ŷ)", () => {
    // multiples of 1/16: sums are exact in any order, so a permutation cannot change SST from 0 to a rounding residue
    const finite = fc.integer({ min: -16_000, max: 16_000 }).map((k) => k / 16);
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }).chain((n) => fc.tuple(fc.array(finite, { minLength: n, maxLength: n }), fc.array(finite, { minLength: n, maxLength: n }), fc.array(fc.double({ noNaN: true }), { minLength: n, maxLength: n }))), ([obs, pred, keys]) => {
        const perm = permutationOf(keys);
        const a = regressionMetrics(obs, pred);
        const b = regressionMetrics(perm.map((i) => obs[i]!), perm.map((i) => pred[i]!));
        const close = (u: number, v: number): boolean => (Number.isNaN(u) && Number.isNaN(v)) || Math.abs(u - v) <= 1e-9 * Math.max(1, Math.abs(u), Math.abs(v));
        for (const key of ["r2", "rmse", "bias", "mse"] as const) assert.ok(close(a[key], b[key]), `${key}: ${a[key]} vs ${b[key]}`);
        assert.equal(a.n, b.n);
      }),
      { numRuns: 100 },
    );
  });

  it("crossValidate on explicit folds gives identical results with 0 and 1 workers", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 0, max: 1000 }), async (k, seed) => {
        const folds = Int32Array.from({ length: 80 }, (_, i) => (i * 7 + seed) % k);
        const opts = { ntrees: 3, seed };
        const [a, b] = await Promise.all([0, 1].map((workers) => crossValidate(x, y, opts, { folds, workers })));
        assert.deepEqual(b!.holdout, a!.holdout);
        assert.deepEqual(b!.foldMetrics, a!.foldMetrics);
      }),
      { numRuns: 4 },
    );
  });

  it("refuses any matrix whose data length is not nRows × nCols, and any response of another length", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 20 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: -5, max: 5 }).filter((d) => d !== 0), (n, p, delta) => {
        const len = Math.max(0, n * p + delta);
        fc.pre(len !== n * p);
        const data = Float64Array.from({ length: len }, (_, i) => (i * 0.37) % 1);
        const ys = Float64Array.from({ length: n }, (_, i) => i);
        assert.throws(() => trainForest({ data, nRows: n, nCols: p }, ys, { ntrees: 1 }), (e: unknown) => e instanceof ArgumentError && e.message.includes("x.data") && e.message.includes(`got ${len}`));
        const good: Matrix = { data: Float64Array.from({ length: n * p }, (_, i) => (i * 0.37) % 1), nRows: n, nCols: p };
        const badY = Float64Array.from({ length: Math.max(0, n + delta) }, (_, i) => i);
        assert.throws(() => trainForest(good, badY, { ntrees: 1 }), (e: unknown) => e instanceof ArgumentError && e.message.includes("trainForest: y") && e.message.includes(`got ${badY.length}`));
        assert.throws(() => regressionMetrics(ys, badY), (e: unknown) => e instanceof ArgumentError && e.message.includes("predicted"));
        assert.throws(() => forest.predict({ data: Float64Array.from({ length: Math.max(0, n * 5 + delta) }), nRows: n, nCols: 5 }), ArgumentError);
      }),
      { numRuns: 100 },
    );
  });

  it("Forest.fromJSON refuses any split child outside its own tree's node range, and accepts the forest's own JSON unchanged", () => {
    const j0 = JSON.parse(JSON.stringify(forest)) as ForestJSON;
    const roots = j0.trees.roots;
    const nNodes = j0.trees.feature.length;
    const splits = j0.trees.feature.flatMap((f, k) => (f >= 0 ? [k] : []));
    assert.deepEqual(Array.from(Forest.fromJSON(j0).predict(x)), Array.from(forest.predict(x)));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: splits.length - 1 }), fc.integer({ min: -2, max: nNodes + 2 }), (s, target) => {
        const k = splits[s]!;
        const q = roots.filter((r) => r <= k).length - 1;
        const end = q + 1 < roots.length ? roots[q + 1]! : nNodes;
        fc.pre(!(target > k && target + 1 < end));
        const j = JSON.parse(JSON.stringify(j0)) as ForestJSON;
        j.trees.child[k] = target;
        assert.throws(() => Forest.fromJSON(j), (e: unknown) => e instanceof ArgumentError && e.message.includes(`json.trees.child[${k}]`) && e.message.includes(`got ${target}`));
      }),
      { numRuns: 100 },
    );
  });
});
