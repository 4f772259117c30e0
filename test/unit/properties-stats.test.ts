/**
 * Property-based tests of the stats area (fast-check): statistics that must not depend on the
 * order of their input, monotone quantiles, shape errors on any mismatched length, and the
 * documented NaN policy (refusing functions name the index of a NaN anywhere; skipping functions
 * count exactly the pairs they skip).
 */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import "../bad-input/fast-check-seed";
import {
  ArgumentError, estimateTau2, kendallTau, mannKendall, mannKendallVariance, mean, median, metagen, olsSimple, olsTrend,
  pearsonR, quantiles, sampleVariance, senSlope, spearmanRho, summarize,
} from "permafrost-kit";

const RUNS = { numRuns: 60 };
const value = fc.double({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true });
const close = (a: number, b: number, rel = 1e-9): boolean => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

/** An array and a random permutation (as an index list) of it. */
const withPermutation = <T>(arb: fc.Arbitrary<T[]>): fc.Arbitrary<[T[], number[]]> =>
  arb.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs.map((_, i) => i), { minLength: xs.length, maxLength: xs.length })));
const permute = <T>(xs: readonly T[], p: readonly number[]): T[] => p.map((i) => xs[i]!);

/** A time series: distinct integer times (years), values with some NaN (missing). */
const series = fc.uniqueArray(fc.integer({ min: 1950, max: 2100 }), { minLength: 2, maxLength: 25 }).chain((t) =>
  fc.tuple(fc.constant(t), fc.array(fc.oneof({ weight: 5, arbitrary: fc.integer({ min: -50, max: 50 }).map((v) => v / 2) }, { weight: 1, arbitrary: fc.constant(NaN) }), { minLength: t.length, maxLength: t.length })));
const seriesWithPermutation = series.chain(([t, y]) =>
  fc.tuple(fc.constant(t), fc.constant(y), fc.shuffledSubarray(t.map((_, i) => i), { minLength: t.length, maxLength: t.length })));

const thrownArgumentError = (f: () => unknown, ...mentions: string[]): boolean => {
  try {
    f();
  } catch (e) {
    if (!(e instanceof ArgumentError)) return false;
    const msg = e.message;
    return mentions.every((m) => msg.includes(m));
  }
  return false;
};

describe("properties: invariance under permutation", () => {
  it("mean, variance and quantiles do not depend on the order of the sample", () => {
    fc.assert(fc.property(withPermutation(fc.array(value, { minLength: 2, maxLength: 40 })), ([x, p]) => {
      const y = permute(x, p);
      const probs = [0, 0.1, 0.25, 0.5, 0.9, 1];
      assert.ok(close(mean(x), mean(y)));
      assert.ok(close(sampleVariance(x), sampleVariance(y), 1e-7));
      assert.deepEqual(quantiles(x, probs), quantiles(y, probs));
      assert.equal(median(x), median(y));
    }), RUNS);
  });
  it("Sen's slope, Mann–Kendall S and Var(S), and Kendall's τ do not depend on the order of the (t, x) pairs", () => {
    fc.assert(fc.property(seriesWithPermutation, ([t, y, p]) => {
      const t2 = permute(t, p), y2 = permute(y, p);
      const a = mannKendall(t, y), b = mannKendall(t2, y2);
      assert.deepEqual([a.s, a.varS, a.n, a.skipped], [b.s, b.varS, b.n, b.skipped]);
      const s1 = senSlope(t, y), s2 = senSlope(t2, y2);
      // x + 0 maps -0 to 0: a flat pair's slope is 0/(t2 − t1), whose sign follows the order of the pair
      const signless = (v: number): number => v + 0;
      assert.deepEqual([s1.slope, s1.intercept, s1.lower, s1.upper, s1.n].map(signless), [s2.slope, s2.intercept, s2.lower, s2.upper, s2.n].map(signless));
      const k1 = kendallTau(t, y), k2 = kendallTau(t2, y2);
      assert.deepEqual([k1.s, k1.n, k1.skipped], [k2.s, k2.n, k2.skipped]);
      assert.ok(Object.is(k1.tau, k2.tau) || close(k1.tau, k2.tau, 1e-14));
    }), RUNS);
  });
  it("metagen's pooled estimates, τ² (DL and REML) and Q do not depend on the order of the studies", () => {
    const study = fc.tuple(fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: 0.05, max: 1, noNaN: true }));
    fc.assert(fc.property(withPermutation(fc.array(study, { minLength: 2, maxLength: 12 })), ([studies, p]) => {
      const shuffled = permute(studies, p);
      for (const methodTau of ["DL", "REML"] as const) {
        const a = metagen({ te: studies.map((s) => s[0]), seTE: studies.map((s) => s[1]) }, { methodTau });
        const b = metagen({ te: shuffled.map((s) => s[0]), seTE: shuffled.map((s) => s[1]) }, { methodTau });
        assert.ok(close(a.teCommon, b.teCommon), `teCommon ${a.teCommon} vs ${b.teCommon}`);
        assert.ok(close(a.Q, b.Q, 1e-8), `Q ${a.Q} vs ${b.Q}`);
        assert.ok(Math.abs(a.tau2 - b.tau2) <= 1e-9 * Math.max(1, a.tau2), `${methodTau} τ² ${a.tau2} vs ${b.tau2}`);
        assert.ok(close(a.teRandom, b.teRandom, 1e-7), `teRandom ${a.teRandom} vs ${b.teRandom}`);
      }
    }), { numRuns: 40 });
  });
});

describe("properties: quantiles", () => {
  it("are non-decreasing in p and lie between the minimum and the maximum", () => {
    fc.assert(fc.property(fc.array(value, { minLength: 1, maxLength: 30 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 10 }), (x, ps) => {
      const probs = [...ps].sort((a, b) => a - b);
      const q = quantiles(x, probs);
      const lo = Math.min(...x), hi = Math.max(...x);
      const eps = 1e-12 * Math.max(1, Math.abs(lo), Math.abs(hi));
      for (let i = 0; i < q.length; i++) {
        assert.ok(q[i]! >= lo - eps && q[i]! <= hi + eps);
        if (i > 0) assert.ok(q[i]! >= q[i - 1]! - eps, `q(${probs[i]}) = ${q[i]} < q(${probs[i - 1]}) = ${q[i - 1]}`);
      }
    }), RUNS);
  });
});

describe("properties: shape errors", () => {
  const pairOfLengths = fc.tuple(fc.integer({ min: 2, max: 20 }), fc.integer({ min: 0, max: 20 })).filter(([n, m]) => n !== m);
  const arr = (n: number, off = 0): number[] => Array.from({ length: n }, (_, i) => i + off + (i % 3) * 0.5);
  it("every two-array function refuses arrays of different lengths, naming the second argument and its length", () => {
    fc.assert(fc.property(pairOfLengths, ([n, m]) => {
      const a = arr(n), b = arr(m, 7);
      const cases: [string, () => unknown, string][] = [
        ["olsTrend", () => olsTrend(a, b), "olsTrend: y"],
        ["senSlope", () => senSlope(a, b), "senSlope: y"],
        ["mannKendall", () => mannKendall(a, b), "mannKendall: y"],
        ["kendallTau", () => kendallTau(a, b), "kendallTau: y"],
        ["pearsonR", () => pearsonR(a, b), "pearsonR: y"],
        ["spearmanRho", () => spearmanRho(a, b), "spearmanRho: y"],
        ["metagen", () => metagen({ te: a, seTE: b.map((v) => 1 + Math.abs(v)) }), "metagen: input.seTE"],
        ["estimateTau2", () => estimateTau2(a, b.map((v) => 1 + Math.abs(v)), "DL"), "estimateTau2: v"],
      ];
      for (const [name, f, mention] of cases) assert.ok(thrownArgumentError(f, mention, `got ${m}`), `${name} with lengths ${n} and ${m}`);
      assert.ok(thrownArgumentError(() => olsSimple(arr(n + 2), arr(m + 2)), "olsSimple: y", `got ${m + 2}`), `olsSimple with lengths ${n + 2} and ${m + 2}`);
    }), RUNS);
  });
});

describe("properties: NaN policy", () => {
  const withNaNAt = fc.array(value, { minLength: 3, maxLength: 30 }).chain((x) => fc.tuple(fc.constant(x), fc.integer({ min: 0, max: x.length - 1 })));
  it("functions that refuse NaN throw ArgumentError naming the index, wherever the NaN is", () => {
    fc.assert(fc.property(withNaNAt, ([x, i]) => {
      const bad = x.slice();
      bad[i] = NaN;
      const other = x.map((_, j) => j + (j % 2) * 0.25);
      const checks: [() => unknown, string][] = [
        [() => mean(bad), `mean: x[${i}]`],
        [() => sampleVariance(bad), `sampleVariance: x[${i}]`],
        [() => quantiles(bad, [0.5]), `quantiles: values[${i}]`],
        [() => median(bad), `median: values[${i}]`],
        [() => pearsonR(other, bad), `pearsonR: y[${i}]`],
        [() => spearmanRho(bad, other), `spearmanRho: x[${i}]`],
        [() => olsSimple(other, bad), `olsSimple: y[${i}]`],
        [() => mannKendallVariance(bad), `mannKendallVariance: values[${i}]`],
        [() => metagen({ te: bad, seTE: x.map(() => 1) }), `metagen: input.te[${i}]`],
      ];
      for (const [f, mention] of checks) assert.ok(thrownArgumentError(f, mention, "got NaN"), mention);
    }), RUNS);
  });
  it("functions that skip NaN count exactly the pairs with a NaN in either member", () => {
    const gappy = series.chain(([t, y]) => fc.tuple(fc.constant(t), fc.constant(y), fc.array(fc.boolean(), { minLength: t.length, maxLength: t.length })));
    fc.assert(fc.property(gappy, ([t0, y, holes]) => {
      const t = t0.map((v, i) => (holes[i] ? NaN : v));
      let expected = 0;
      for (let i = 0; i < t.length; i++) if (Number.isNaN(t[i]!) || Number.isNaN(y[i]!)) expected++;
      const used = t.length - expected;
      for (const r of [olsTrend(t, y), senSlope(t, y), mannKendall(t, y), kendallTau(t, y)]) {
        assert.equal(r.skipped, expected);
        assert.equal(r.n, used);
      }
      const s = summarize(y);
      assert.equal(s.nMissing, y.filter((v) => Number.isNaN(v)).length);
    }), RUNS);
  });
});
