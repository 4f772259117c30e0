/**
 * The stacked walk (src/ml/forest/stacked-walk.ts: a unit's rows in every block walk a tree
 * together) must give the float walk's predictions bit for bit, whatever the mix of columns that
 * repeat across blocks and columns that change; the pool and the paper-1 stages that register
 * years × cells matrices with a block layout must return what they returned without it.
 */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import "../bad-input/fast-check-seed";
import {
  ArgumentError, ForestPool, MAX_STACKED_BLOCKS, compileCodedTrees, createRng, friedman1, makeMatrix, predictChecked, predictStacked, predictTrees, trainForest,
  withForestPool, yearBlockLayout, type Forest,
} from "permafrost-kit";

/**
 * A blocks × units matrix like paper 1's pixels: the first `nStatic` columns repeat in every
 * block, the others change (some by little, so that many units fall on one side of a threshold
 * in every block); a share of values are copied from the forest's own thresholds.
 */
function stackedMatrix(forest: Forest, p: number, units: number, blocks: number, nStatic: number, seed: number): Float64Array {
  const rng = createRng(seed, "stacked-walk");
  const byCol: number[][] = Array.from({ length: p }, () => []);
  const t = forest.trees;
  for (let k = 0; k < t.feature.length; k++) if (t.feature[k]! >= 0) byCol[t.feature[k]!]!.push(t.threshold[k]!);
  const x = new Float64Array(blocks * units * p);
  for (let i = 0; i < units; i++) {
    for (let j = 0; j < p; j++) {
      const base = rng.uniform();
      for (let b = 0; b < blocks; b++) {
        const col = byCol[j]!;
        let v = j < nStatic ? base : base + (j % 2 === 0 ? 0.02 : 0.3) * (rng.uniform() - 0.5);
        if (rng.uniform() < 0.1 && col.length > 0 && j >= nStatic) v = col[rng.int(col.length)]!;
        x[(b * units + i) * p + j] = v;
      }
    }
  }
  return x;
}

/** Predictions of the float walk and of the stacked walk. */
function both(forest: Forest, x: Float64Array, p: number, blocks: number): { float: Float64Array; stacked: Float64Array } {
  const n = x.length / p;
  const float = new Float64Array(n);
  predictTrees(forest.trees, x, p, float, 0, forest.nTrees, null);
  const stacked = new Float64Array(n);
  predictStacked(forest.trees, compileCodedTrees(forest.trees)!, x, p, blocks, stacked);
  return { float, stacked };
}

/** Index of the first difference, −1 when bit-identical. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

describe("stacked walk", () => {
  const { x, y } = friedman1(400, 8, 11, "stacked-walk");
  const forest = trainForest(x, y, { ntrees: 20, mtries: 3, minRows: 2, seed: 11 });

  it("gives the float walk's predictions bit for bit (2, 18 and 30 blocks; static, slowly and fast changing columns; units not a multiple of the chunk)", () => {
    for (const [blocks, units, nStatic] of [[2, 70, 4], [18, 33, 4], [18, 100, 0], [18, 65, 8], [MAX_STACKED_BLOCKS, 40, 3]] as const) {
      const m = stackedMatrix(forest, 8, units, blocks, nStatic, blocks * 1000 + units);
      const r = both(forest, m, 8, blocks);
      assert.equal(firstDifference(r.float, r.stacked), -1, `${blocks} blocks × ${units} units, ${nStatic} static columns`);
    }
  });

  it("matches on random forests and matrices (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: MAX_STACKED_BLOCKS }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 999 }), (blocks, units, nStatic, seed) => {
        const d = friedman1(60, 5, seed, "stacked-walk-property");
        const f = trainForest(d.x, d.y, { ntrees: 3, minRows: 1 + (seed % 4), seed });
        const m = stackedMatrix(f, 5, units, blocks, nStatic, seed);
        const r = both(f, m, 5, blocks);
        return firstDifference(r.float, r.stacked) === -1;
      }),
      { numRuns: 80 },
    );
  });

  it("predictChecked with a block layout walks a matrix with a missing value row by row, with the same results", () => {
    const m = stackedMatrix(forest, 8, 50, 6, 3, 5);
    m[17] = NaN;
    const mat = makeMatrix(m, 8, [...x.columns!]);
    assert.equal(firstDifference(predictChecked(forest, mat, 6), forest.predict(mat)), -1);
  });

  it("the pool predicts a registered years × cells matrix the same with and without its layout, in workers and in the main thread", async () => {
    const pixels = makeMatrix(stackedMatrix(forest, 8, 300, 18, 4, 9), 8, [...x.columns!]);
    const all = Int32Array.from({ length: 400 }, (_, i) => i);
    for (const workers of [0, 1]) {
      const [plain, stacked] = await withForestPool({ workers }, async (pool) => {
        pool.register("train", x, y);
        pool.register("plain", pixels);
        pool.register("stacked", pixels, undefined, { blocks: 18 });
        const [r] = await pool.run([{ data: "train", options: { ntrees: 10, seed: 3 }, trainRows: all, predictOn: ["plain", "stacked"] }]);
        return r!.predictionsOn!;
      });
      assert.equal(firstDifference(plain!, stacked!), -1, `workers ${workers}`);
    }
  });

  it("refuses a bad block layout naming the argument and value", async () => {
    const pool = new ForestPool({ workers: 0 });
    const m = makeMatrix(new Float64Array(12), 2);
    assert.throws(() => pool.register("a", m, undefined, { blocks: 1 }), (e: unknown) => e instanceof ArgumentError && /layout\.blocks/.test(e.message) && /got 1/.test(e.message));
    assert.throws(() => pool.register("b", m, undefined, { blocks: 4 }), (e: unknown) => e instanceof ArgumentError && /divisor of the 6 rows/.test(e.message));
    assert.throws(() => pool.register("c", m, undefined, { blocks: MAX_STACKED_BLOCKS + 1 }), ArgumentError);
    assert.throws(() => pool.register("d", m, undefined, { block: 2 } as never), (e: unknown) => e instanceof ArgumentError && /block/.test(e.message));
    await pool.close();
    const out = new Float64Array(6);
    const coded = compileCodedTrees(forest.trees)!;
    assert.throws(() => predictStacked(forest.trees, coded, new Float64Array(48), 8, 4, out), (e: unknown) => e instanceof ArgumentError && /multiple of 4/.test(e.message));
    assert.throws(() => predictStacked(forest.trees, coded, new Float64Array(48), 8, 1, out), (e: unknown) => e instanceof ArgumentError && /blocks/.test(e.message));
  });

  it("lays out years × cells only for 2 … 30 years", () => {
    assert.deepEqual(yearBlockLayout([2003, 2004]), { blocks: 2 });
    assert.deepEqual(yearBlockLayout(Array.from({ length: 18 }, (_, i) => 2003 + i)), { blocks: 18 });
    assert.deepEqual(yearBlockLayout(Array.from({ length: 31 }, (_, i) => 1990 + i)), {});
    assert.deepEqual(yearBlockLayout([2003]), {});
  });
});

