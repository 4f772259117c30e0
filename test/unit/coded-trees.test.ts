/**
 * The coded walk (src/ml/forest/coded-trees.ts) must give the float walk's predictions bit for
 * bit (issue 17, goal 1: "outputs identical to today's"). The float walk (`predictTrees` with
 * `coded = null`) is the reference: it is the code every prediction ran before the coded walk.
 * Cases: trained forests on data with many ties, new rows that hit thresholds exactly, lie outside
 * the training range or are ±Infinity, blocks with and without missing values, hand-built trees
 * with a missing-value split (threshold +Infinity), single-leaf trees, unused columns, tree
 * ranges, and a column with too many thresholds for 16-bit codes.
 */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import "../bad-input/fast-check-seed";
import {
  ArgumentError, FOREST_WALK_ENV, LEAF_CODE, MAX_CODED_THRESHOLDS, forestWalk, PREDICT_BLOCK, codeRows, compileCodedTrees, createRng, friedman1, makeMatrix, predictTrees, trainForest, worthCoding, type TreeArrays,
} from "permafrost-kit";

/** Predictions of trees [from, to) on the doubles (the reference) and on the codes. */
function bothWalks(t: TreeArrays, x: Float64Array, nCols: number, from = 0, to = t.roots.length): { float: Float64Array; coded: Float64Array } {
  const n = x.length / nCols;
  const float = new Float64Array(n);
  const coded = new Float64Array(n);
  predictTrees(t, x, nCols, float, from, to, null);
  const plan = compileCodedTrees(t);
  assert.ok(plan !== null);
  predictTrees(t, x, nCols, coded, from, to, plan);
  return { float, coded };
}

/** Index of the first difference (−1 when bit-identical; NaN equals NaN). */
function firstDifference(a: Float64Array, b: Float64Array): number {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** New rows drawn from the trees' own thresholds, their neighbours, far values and ±Infinity. */
function probeRows(t: TreeArrays, nCols: number, n: number, seed: number, nanShare = 0): Float64Array {
  const rng = createRng(seed, "coded-trees-probe");
  const byCol: number[][] = Array.from({ length: nCols }, () => []);
  for (let k = 0; k < t.feature.length; k++) if (t.feature[k]! >= 0) byCol[t.feature[k]!]!.push(t.threshold[k]!);
  const x = new Float64Array(n * nCols);
  for (let i = 0; i < x.length; i++) {
    const col = byCol[i % nCols]!;
    const u = rng.uniform();
    const th = col.length > 0 ? col[rng.int(col.length)]! : 0;
    if (u < nanShare) x[i] = NaN;
    else if (u < 0.4) x[i] = th; // exactly on a threshold
    else if (u < 0.5) x[i] = th + Number.EPSILON * Math.max(1, Math.abs(th)) * (rng.uniform() < 0.5 ? -1 : 1);
    else if (u < 0.55) x[i] = rng.uniform() < 0.5 ? -Infinity : Infinity;
    else if (u < 0.6) x[i] = (rng.uniform() - 0.5) * 1e6;
    else x[i] = rng.uniform() * 1.2 - 0.1;
  }
  return x;
}

describe("coded forest walk", () => {
  it("gives the float walk's predictions bit for bit on trained forests (ties, thresholds hit exactly, ±Infinity, far values)", () => {
    for (const [n, p, seed, minRows] of [[300, 6, 1, 1], [500, 18, 2, 3], [120, 5, 3, 5]] as const) {
      const { x, y } = friedman1(n, p, seed, "coded-trees");
      // ties: round half of the columns to a coarse grid
      for (let i = 0; i < x.data.length; i += 2) x.data[i] = Math.round(x.data[i]! * 8) / 8;
      const forest = trainForest(x, y, { ntrees: 25, mtries: Math.max(1, Math.floor(p / 3)), minRows, seed });
      const probe = probeRows(forest.trees, p, 3 * PREDICT_BLOCK + 7, seed);
      const { float, coded } = bothWalks(forest.trees, probe, p);
      assert.equal(firstDifference(float, coded), -1, `n ${n}, p ${p}`);
      // Forest.predict (matrices hold no ±Infinity) compiles once and keeps the result: the same values twice
      const finite = probe.map((v) => (Number.isFinite(v) ? v : Math.sign(v) * 1e300));
      const reference = new Float64Array(finite.length / p);
      predictTrees(forest.trees, finite, p, reference, 0, forest.nTrees, null);
      assert.equal(firstDifference(forest.predict(makeMatrix(finite, p, [...x.columns!])), reference), -1);
      assert.equal(firstDifference(forest.predict(makeMatrix(finite, p, [...x.columns!])), reference), -1);
      // a tree range
      const part = bothWalks(forest.trees, probe, p, 3, 11);
      assert.equal(firstDifference(part.float, part.coded), -1);
    }
  });

  it("walks the doubles in blocks that hold a missing value and the codes elsewhere, with the same results", () => {
    const { x, y } = friedman1(200, 5, 4, "coded-trees-nan");
    x.data[3] = NaN;
    x.data[17] = NaN;
    const forest = trainForest(x, y, { ntrees: 15, seed: 4 });
    const probe = probeRows(forest.trees, 5, 2 * PREDICT_BLOCK + 3, 4);
    probe[PREDICT_BLOCK * 5 + 2] = NaN; // one missing value in the second block only
    const { float, coded } = bothWalks(forest.trees, probe, 5);
    assert.equal(firstDifference(float, coded), -1);
    const dense = probeRows(forest.trees, 5, PREDICT_BLOCK, 5, 0.2);
    const d = bothWalks(forest.trees, dense, 5);
    assert.equal(firstDifference(d.float, d.coded), -1);
  });

  it("matches on random trained forests and random rows (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 120 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 40 }), (n, p, seed, rows) => {
        const { x, y } = friedman1(n, Math.max(5, p), seed, "coded-trees-property");
        const cols = Math.max(5, p);
        const forest = trainForest(x, y, { ntrees: 4, minRows: 1 + (seed % 3), seed });
        const probe = probeRows(forest.trees, cols, rows, seed);
        const { float, coded } = bothWalks(forest.trees, probe, cols);
        return firstDifference(float, coded) === -1;
      }),
      { numRuns: 60 },
    );
  });

  it("handles a missing-value split (threshold +Infinity), a single-leaf tree and a column no tree splits on", () => {
    // tree 0: x1 < +Infinity ? 10 : 20 (all present values left, missing right);
    // tree 1: a single leaf (3); tree 2: x2 < 0.5 ? (x1 < −1 ? 6 : 7) : 100
    const t: TreeArrays = {
      feature: Int32Array.from([1, -1, -1, -1, 2, 1, -1, -1, -1]),
      threshold: Float64Array.from([Infinity, 0, 0, 0, 0.5, -1, 0, 0, 0]),
      child: Int32Array.from([1, 0, 0, 0, 5, 7, 0, 0, 0]),
      naRight: Uint8Array.from([1, 0, 0, 0, 0, 1, 0, 0, 0]),
      value: Float64Array.from([0, 10, 20, 3, 0, 0, 100, 6, 7]),
      cover: new Int32Array(9),
      roots: Int32Array.from([0, 3, 4]),
    };
    const plan = compileCodedTrees(t)!;
    assert.deepEqual(Array.from(plan.columns), [1, 2]);
    assert.deepEqual(Array.from(plan.thresholds[0]!), [-1, Infinity]);
    assert.equal(plan.nodes[4 * 3 + 2], LEAF_CODE);
    const x = Float64Array.from([9, Infinity, 0.5, 9, -Infinity, 0.4999, 9, -1, 1e300, 9, 5, -Infinity]);
    const { float, coded } = bothWalks(t, x, 3);
    assert.deepEqual(Array.from(coded), Array.from(float));
    // row 0: x1 = +Inf is not < +Inf → right (20); tree 1: 3; x2 = 0.5 → right: 100
    assert.equal(coded[0], (20 + 3 + 100) / 3);
    // row 1: x1 = −Inf → left (10); 3; x2 < 0.5 → x1 < −1 → left (7 is the right child): 6
    assert.equal(coded[1], (10 + 3 + 6) / 3);
  });

  it("codes a value by the number of thresholds at or below it", () => {
    const { x, y } = friedman1(150, 5, 8, "coded-trees-rank");
    const forest = trainForest(x, y, { ntrees: 6, seed: 8 });
    const plan = compileCodedTrees(forest.trees)!;
    const probe = probeRows(forest.trees, 5, 200, 8);
    const codes = new Uint16Array(200 * plan.columns.length);
    codeRows(plan, probe, 5, 0, 200, codes);
    for (let i = 0; i < 200; i++) {
      plan.columns.forEach((col, s) => {
        const v = probe[i * 5 + col]!;
        assert.equal(codes[i * plan.columns.length + s], plan.thresholds[s]!.filter((t) => t <= v).length, `row ${i}, column ${col}, value ${v}`);
      });
    }
  });

  it("declines a column with more distinct thresholds than 16-bit codes hold, and the walk stays on the doubles", () => {
    const m = MAX_CODED_THRESHOLDS + 1;
    // one chain-shaped tree: node 2k splits on x0 at k, left child a leaf, right child the next split
    const nNodes = 2 * m + 1;
    const t: TreeArrays = {
      feature: new Int32Array(nNodes).fill(-1), threshold: new Float64Array(nNodes), child: new Int32Array(nNodes), naRight: new Uint8Array(nNodes),
      value: new Float64Array(nNodes), cover: new Int32Array(nNodes), roots: Int32Array.from([0]),
    };
    for (let k = 0; k < m; k++) {
      t.feature[2 * k] = 0;
      t.threshold[2 * k] = k;
      t.child[2 * k] = 2 * k + 1;
      t.value[2 * k + 1] = k;
    }
    t.value[nNodes - 1] = m;
    assert.equal(compileCodedTrees(t), null);
    const x = Float64Array.from([0.5, 70000.5, -3]);
    const out = new Float64Array(3);
    predictTrees(t, x, 1, out);
    assert.deepEqual(Array.from(out), [1, m, 0]);
  });

  it("$PERMAFROST_FOREST_WALK=float walks the doubles with the same predictions; an unknown walk is refused naming the variable", () => {
    const { x, y } = friedman1(300, 5, 9, "coded-trees-walk");
    const forest = trainForest(x, y, { ntrees: 10, seed: 9 });
    const before = process.env[FOREST_WALK_ENV];
    try {
      process.env[FOREST_WALK_ENV] = "float";
      assert.equal(forestWalk(), "float");
      const float = forest.predict(x);
      delete process.env[FOREST_WALK_ENV];
      assert.equal(forestWalk(), "fast");
      assert.equal(firstDifference(forest.predict(x), float), -1);
      process.env[FOREST_WALK_ENV] = "quick";
      assert.throws(() => forest.predict(x), (e: unknown) => e instanceof ArgumentError && /PERMAFROST_FOREST_WALK/.test(e.message) && /quick/.test(e.message));
    } finally {
      if (before === undefined) delete process.env[FOREST_WALK_ENV];
      else process.env[FOREST_WALK_ENV] = before;
    }
  });

  it("compiles only when the rows are worth it", () => {
    assert.equal(worthCoding(1000, 8000), true);
    assert.equal(worthCoding(999, 8000), false);
  });
});
