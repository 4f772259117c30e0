import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ArgumentError, coefficientOfVariation, logGamma, mean, meanConfidenceInterval, sampleSd, sampleVariance, standardError,
  studentTCdf, studentTQuantile, summarize,
} from "permafrost-kit";
import { assertClose, readFixture } from "../helpers";

interface Fx {
  samples: { name: string; x: number[]; mean: number; sd: number; var: number; se: number; ci95: [number, number]; cv: number }[];
  qt: { p: number; df: number; qt: number }[];
  pt: { t: number; df: number; pt: number }[];
  lgamma: { x: number; lgamma: number }[];
}
const fx = readFixture<Fx>("descriptive", "fixtures.json");

// Tolerances: the formulas are closed-form, so agreement is limited by floating point.
// 1e-12 relative for moments; 1e-10 relative for qt/pt/lgamma (series and continued
// fractions converge to ~1e-14 but are compared across different algorithms than R's).
describe("descriptive statistics vs R 4.2 (test/oracles/descriptive/make.R)", () => {
  for (const s of fx.samples) {
    it(`${s.name}: mean, var (n−1), sd, se, t-based 95 % CI and CV match R`, () => {
      assertClose(mean(s.x), s.mean, { rel: 1e-12, abs: 1e-15 }, "mean");
      assertClose(sampleVariance(s.x), s.var, { rel: 1e-9 }, "var");
      assertClose(sampleSd(s.x), s.sd, { rel: 1e-9 }, "sd");
      assertClose(standardError(s.x), s.se, { rel: 1e-9 }, "se");
      const [lo, hi] = meanConfidenceInterval(s.x);
      assertClose(lo, s.ci95[0], { rel: 1e-10, abs: 1e-12 }, "ci lower");
      assertClose(hi, s.ci95[1], { rel: 1e-10, abs: 1e-12 }, "ci upper");
      assertClose(coefficientOfVariation(s.x), s.cv, { rel: 1e-8 }, "cv");
    });
  }
  it("studentTQuantile matches qt() for fractional and large df", () => {
    for (const q of fx.qt) assertClose(studentTQuantile(q.p, q.df), q.qt, { rel: 1e-10, abs: 1e-13 }, `qt(${q.p}, ${q.df})`);
  });
  it("studentTCdf matches pt()", () => {
    for (const p of fx.pt) assertClose(studentTCdf(p.t, p.df), p.pt, { rel: 1e-10, abs: 1e-15 }, `pt(${p.t}, ${p.df})`);
  });
  it("logGamma matches lgamma()", () => {
    for (const g of fx.lgamma) assertClose(logGamma(g.x), g.lgamma, { rel: 1e-12, abs: 1e-13 }, `lgamma(${g.x})`);
  });
});

describe("descriptive statistics: bad input", () => {
  it("core functions throw on NaN, naming the index, and on too few values", () => {
    const argErr = (re: RegExp) => (e: unknown) => e instanceof ArgumentError && re.test(e.message);
    assert.throws(() => mean([1, NaN]), argErr(/mean: x\[1\]: bad value: got NaN/));
    assert.throws(() => mean([]), argErr(/mean: x: too few values: got 0, expected at least 1/));
    assert.throws(() => sampleSd([3]), argErr(/sampleSd: x: too few values: got 1, expected at least 2/));
    assert.throws(() => coefficientOfVariation([-1, 1]), argErr(/mean is 0/));
    assert.throws(() => studentTQuantile(1, 3), argErr(/studentTQuantile: p: .*got 1/));
    assert.throws(() => studentTQuantile(0.5, 0), argErr(/studentTQuantile: df: .*got 0/));
  });
  it("summarize skips and counts NaN, and returns null (not NaN) for undefined statistics", () => {
    const s = summarize([1, NaN, 3, NaN]);
    assert.equal(s.n, 2);
    assert.equal(s.nMissing, 2);
    assert.equal(s.mean, 2);
    assertClose(s.se!, 1, { rel: 1e-15 }, "se");
    const one = summarize([5, NaN]);
    assert.deepEqual([one.n, one.mean, one.sd, one.se, one.ciLower, one.cv], [1, 5, null, null, null, null]);
    const none = summarize([NaN]);
    assert.equal(none.mean, null);
    assert.throws(() => summarize([1, Infinity]), (e: unknown) => e instanceof ArgumentError && /summarize: x\[1\]: bad value: got Infinity/.test(e.message));
  });
  it("by hand: SE of 2, 4, 4, 4, 5, 5, 7, 9 is sd/√8 with sd = √(32/7)", () => {
    assertClose(standardError([2, 4, 4, 4, 5, 5, 7, 9]), Math.sqrt(32 / 7) / Math.sqrt(8), { rel: 1e-14 }, "se");
  });
});
