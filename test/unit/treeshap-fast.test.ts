/**
 * The Fast TreeSHAP v2 tables (src/ml/xgboost/treeshap-fast.ts) against the original recursion
 * (src/ml/xgboost/treeshap-path.ts, xgboost's treeshap.cc) on random ensembles: every SHAP value
 * and the bias equal to 1e-7 (absolute below 1, relative above), with missing values (NaN → the
 * default child), values on the thresholds, repeated split features, zero leaf covers, trees of
 * depth 0 (a single leaf), trees up to FAST_SHAP_MAX_DEPTH + 2 (the deepest ones on the recursion)
 * and a chain of depth MAX_SHAP_DEPTH; cached tables, few-row calls (recursion), a prefix of the
 * trees, and tables rebuilt after a node array changed in place.
 */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createRng, MAX_SHAP_DEPTH, treeShap, treeShapInteractions, type TreeEnsemble } from "permafrost-kit";
import { contributions, nodeMeans, pathInteractions } from "permafrost-kit/dist/ml/xgboost/treeshap-path";
import { FAST_SHAP_MAX_DEPTH, fastInteractions, treesWithTables } from "permafrost-kit/dist/ml/xgboost/treeshap-fast";

interface Spec { depth: number; chain?: boolean }

/** Random trees of the given depths (each reaches its depth); a chain splits only along one side. */
function ensemble(seed: number, p: number, specs: readonly Spec[]): TreeEnsemble {
  const rng = createRng(seed, "treeshap-fast");
  const feature: number[] = [], threshold: number[] = [], left: number[] = [], right: number[] = [], dl: number[] = [], value: number[] = [], cover: number[] = [];
  const treeStart: number[] = [];
  const grid = [-1, -0.5, 0, 0.25, 0.5, 1];
  const node = (depth: number, maxDepth: number, mustReach: boolean, chain: boolean): number => {
    const id = feature.length;
    feature.push(-1); threshold.push(0); left.push(-1); right.push(-1); dl.push(0); value.push(0); cover.push(0);
    if (depth === maxDepth || (!mustReach && (chain || rng.uniform() < 0.25))) {
      value[id] = Math.fround(rng.uniform() * 4 - 2);
      const c = rng.uniform() < 0.05 ? 0 : 1 + rng.int(20);
      cover[id] = c;
      return c;
    }
    feature[id] = rng.int(p);
    threshold[id] = Math.fround(rng.uniform() < 0.5 ? grid[rng.int(grid.length)]! : rng.uniform() * 2 - 1);
    dl[id] = rng.int(2);
    const deepLeft = rng.int(2) === 1;
    left[id] = feature.length;
    const cl = node(depth + 1, maxDepth, mustReach && deepLeft, chain);
    right[id] = feature.length;
    const cr = node(depth + 1, maxDepth, mustReach && !deepLeft, chain);
    const c = cl + cr === 0 ? 1 : cl + cr;
    cover[id] = c;
    return c;
  };
  for (const s of specs) { treeStart.push(feature.length); node(0, s.depth, true, s.chain === true); }
  treeStart.push(feature.length);
  return {
    nFeatures: p, baseScore: 0.5, nTrees: specs.length, objective: "reg:squarederror", treeStart: Int32Array.from(treeStart), feature: Int32Array.from(feature),
    threshold: Float32Array.from(threshold), left: Int32Array.from(left), right: Int32Array.from(right), defaultLeft: Uint8Array.from(dl),
    value: Float64Array.from(value), cover: Float64Array.from(cover), gain: new Float64Array(feature.length),
  };
}

/** Rows with 15 % NaN, 30 % values on the threshold grid, the rest uniform in [−1.5, 1.5). */
function rows(seed: number, n: number, p: number): Float64Array {
  const rng = createRng(seed, "treeshap-fast-rows");
  const grid = [-1, -0.5, 0, 0.25, 0.5, 1];
  return Float64Array.from({ length: n * p }, () => {
    const u = rng.uniform();
    return u < 0.15 ? NaN : u < 0.45 ? grid[rng.int(grid.length)]! : rng.uniform() * 3 - 1.5;
  });
}

/** Depth of every tree. */
function depthsOf(m: TreeEnsemble): Int32Array {
  const walk = (u: number, d: number): number => (m.left[u] === -1 ? d : Math.max(walk(m.left[u]!, d + 1), walk(m.right[u]!, d + 1)));
  return Int32Array.from({ length: m.nTrees }, (_, t) => walk(m.treeStart[t]!, 0));
}

/** The original recursion (no tables), as treeShap computed before the tables. */
function original(m: TreeEnsemble, x: Float64Array, nTrees = m.nTrees): Float64Array {
  const n = x.length / m.nFeatures;
  const out = new Float64Array(n * (m.nFeatures + 1));
  contributions(m, x, n, 0, 0, nodeMeans(m), out, nTrees, Math.max(...depthsOf(m).subarray(0, nTrees)));
  return out;
}

/** The original interaction values (2 (p + 1) + 1 conditioned recursions). */
function originalInteractions(m: TreeEnsemble, x: Float64Array): Float64Array {
  const n = x.length / m.nFeatures, p1 = m.nFeatures + 1;
  const out = new Float64Array(n * p1 * p1);
  pathInteractions(m, x, n, nodeMeans(m), out, m.nTrees, Math.max(...depthsOf(m)));
  return out;
}

/** Largest |a − b| / max(1, |b|); fails beyond 1e-7. */
function assertSame(a: Float64Array, b: Float64Array, what: string): number {
  assert.equal(a.length, b.length, what);
  let worst = 0;
  for (let k = 0; k < a.length; k++) {
    assert.ok(!Number.isNaN(a[k]!), `${what}: NaN at ${k}`);
    const e = Math.abs(a[k]! - b[k]!) / Math.max(1, Math.abs(b[k]!));
    if (e > worst) worst = e;
  }
  assert.ok(worst <= 1e-7, `${what}: largest difference ${worst} > 1e-7`);
  return worst;
}

describe("Fast TreeSHAP v2 tables equal the original recursion", () => {
  it("on random ensembles of depth 0 to FAST_SHAP_MAX_DEPTH + 2 with NaN, ties, repeated features and zero covers", (t) => {
    let worst = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const p = 2 + (seed % 5);
      const specs: Spec[] = [{ depth: 0 }, { depth: 1 }, { depth: 3 }, { depth: 6 }, { depth: 6 }, { depth: seed % 3 === 0 ? FAST_SHAP_MAX_DEPTH : 8 }, { depth: 0 }];
      if (seed % 4 === 0) specs.push({ depth: FAST_SHAP_MAX_DEPTH + 2 });
      const m = ensemble(seed, p, specs);
      const x = rows(seed, 300, p);
      const fast = treeShap(m, x);
      // the trees of depth ≤ FAST_SHAP_MAX_DEPTH (all but the deepest) went through tables
      assert.equal(treesWithTables(m), specs.filter((s) => s.depth <= FAST_SHAP_MAX_DEPTH).length, `seed ${seed}: trees with tables`);
      worst = Math.max(worst, assertSame(fast, original(m, x), `seed ${seed}`));
      // cached tables, a prefix of the trees, and a few-row call (recursion for uncached trees)
      worst = Math.max(worst, assertSame(treeShap(m, x), original(m, x), `seed ${seed}, cached`));
      worst = Math.max(worst, assertSame(treeShap(m, x, 4), original(m, x, 4), `seed ${seed}, 4 trees`));
      const m2 = ensemble(seed, p, specs);
      worst = Math.max(worst, assertSame(treeShap(m2, x.subarray(0, p)), original(m2, x.subarray(0, p)), `seed ${seed}, one row`));
    }
    t.diagnostic(`largest |fast − original| / max(1, |original|): ${worst.toExponential(2)}`);
  });

  it("an ensemble mixing a chain of depth MAX_SHAP_DEPTH (recursion) with table trees", () => {
    const p = 4;
    const m = ensemble(99, p, [{ depth: 5 }, { depth: MAX_SHAP_DEPTH, chain: true }, { depth: 0 }, { depth: 7 }]);
    const x = rows(99, 60, p);
    assertSame(treeShap(m, x), original(m, x), "chain");
    assert.equal(treesWithTables(m), 3, "the chain alone on the recursion");
  });

  it("rebuilds the tables when a cover or leaf value changes in place", () => {
    const p = 3;
    const m = ensemble(7, p, [{ depth: 4 }, { depth: 6 }]);
    const x = rows(7, 100, p);
    const before = treeShap(m, x);
    for (let u = 0; u < m.cover.length; u++) if (m.left[u] === -1) { m.value[u] = m.value[u]! + 0.5; m.cover[u] = m.cover[u]! + 3; }
    for (let u = m.cover.length - 1; u >= 0; u--) if (m.left[u] !== -1) m.cover[u] = m.cover[m.left[u]!]! + m.cover[m.right[u]!]!;
    const after = treeShap(m, x);
    assertSame(after, original(m, x), "after the change");
    assert.ok(before.some((v, k) => Math.abs(v - after[k]!) > 1e-3), "the change changes the SHAP values");
  });

  it("interaction values through the tables equal the conditioned recursion (and treeShapInteractions uses them)", (t) => {
    let worst = 0;
    for (let seed = 21; seed <= 26; seed++) {
      const p = 2 + (seed % 4);
      const m = ensemble(seed, p, [{ depth: 0 }, { depth: 2 }, { depth: 5 }, { depth: 7 }, { depth: 1 }]);
      const x = rows(seed, 80, p);
      const n = 80, p1 = p + 1;
      const fast = new Float64Array(n * p1 * p1);
      assert.ok(fastInteractions(m, x, n, nodeMeans(m), fast, m.nTrees, depthsOf(m)), `seed ${seed}: tables used`);
      const orig = originalInteractions(m, x);
      worst = Math.max(worst, assertSame(fast, orig, `seed ${seed}, interactions`));
      worst = Math.max(worst, assertSame(treeShapInteractions(m, x), orig, `seed ${seed}, treeShapInteractions`));
    }
    // a tree too deep for tables: the whole call on the recursion, still equal
    const deep = ensemble(5, 3, [{ depth: 3 }, { depth: FAST_SHAP_MAX_DEPTH + 1 }]);
    const xd = rows(5, 20, 3);
    assert.equal(fastInteractions(deep, xd, 20, nodeMeans(deep), new Float64Array(20 * 16), 2, depthsOf(deep)), false);
    worst = Math.max(worst, assertSame(treeShapInteractions(deep, xd), originalInteractions(deep, xd), "deep tree, interactions"));
    t.diagnostic(`largest |fast − original| / max(1, |original|): ${worst.toExponential(2)}`);
  });
});
