import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ArgumentError, kendallTau, mannKendall, mannKendallVariance, olsTrend, pearsonR, senSlope, spearmanRho } from "permafrost-kit";
import { assertClose, readFixture } from "../helpers";

interface Series {
  name: string; t: number[]; y: (number | null)[];
  mk: { s: number; varS: number; z: number; p: number; tau: number; n: number };
  sen: { slope: number; intercept: number; lower: number | null; upper: number | null };
  ols: { slope: number; se: number; intercept: number };
}
const fx = readFixture<{ series: Series[]; tau_b: { x: number[]; y: number[]; tau: number; pearson: number; spearman: number } }>("trend", "fixtures.json");
const nan = (v: (number | null)[]): number[] => v.map((x) => (x === null ? NaN : x));

// Tolerances: S and Var(S) are integer/rational counts and must match exactly; z, p, τ and the
// slopes are closed-form, so 1e-12 relative (p 1e-10: R's pnorm and the kit's erfc differ in
// the last digits). The OLS SE goes through a square root of a residual sum: 1e-10 relative.
describe("trend statistics vs R 4.2 (test/oracles/trend/make.R: textbook Mann–Kendall, Sen, lm, cor)", () => {
  for (const c of fx.series) {
    it(`${c.name}: Mann–Kendall S, Var(S) with ties, z, p, τ`, () => {
      const m = mannKendall(c.t, nan(c.y));
      assert.equal(m.s, c.mk.s);
      assert.equal(m.n, c.mk.n);
      assertClose(m.varS, c.mk.varS, { rel: 1e-14 }, "varS");
      assertClose(m.z, c.mk.z, { rel: 1e-12 }, "z");
      assertClose(m.p, c.mk.p, { rel: 1e-10 }, "p");
      assertClose(m.tau, c.mk.tau, { rel: 1e-12 }, "tau");
    });
    it(`${c.name}: Sen's slope, intercept and rank CI; OLS slope, SE, intercept`, () => {
      const b = senSlope(c.t, nan(c.y));
      assertClose(b.slope, c.sen.slope, { rel: 1e-12, abs: 1e-14 }, "sen slope");
      assertClose(b.intercept, c.sen.intercept, { rel: 1e-12 }, "sen intercept");
      if (c.sen.lower === null) assert.ok(Number.isNaN(b.lower), "lower undefined in R");
      else assertClose(b.lower, c.sen.lower, { rel: 1e-12, abs: 1e-14 }, "sen lower");
      if (c.sen.upper === null) assert.ok(Number.isNaN(b.upper), "upper undefined in R");
      else assertClose(b.upper, c.sen.upper, { rel: 1e-12, abs: 1e-14 }, "sen upper");
      const o = olsTrend(c.t, nan(c.y));
      assertClose(o.slope, c.ols.slope, { rel: 1e-10 }, "ols slope");
      assertClose(o.se, c.ols.se, { rel: 1e-10 }, "ols se");
      assertClose(o.intercept, c.ols.intercept, { rel: 1e-10 }, "ols intercept");
    });
  }
  it("τ-b, Pearson and Spearman with ties match cor()", () => {
    const { x, y } = fx.tau_b;
    assertClose(kendallTau(x, y).tau, fx.tau_b.tau, { rel: 1e-12 }, "tau-b");
    assertClose(pearsonR(x, y), fx.tau_b.pearson, { rel: 1e-12 }, "pearson");
    assertClose(spearmanRho(x, y), fx.tau_b.spearman, { rel: 1e-12 }, "spearman");
  });
});

describe("trend statistics: edge cases", () => {
  it("Var(S) of distinct values is n(n−1)(2n+5)/18", () => {
    assert.equal(mannKendallVariance([1, 2, 3, 4, 5]), (5 * 4 * 15) / 18);
  });
  it("a constant series has S = 0, Var(S) = 0 and no z or p", () => {
    const m = mannKendall([1, 2, 3, 4], [5, 5, 5, 5]);
    assert.equal(m.s, 0);
    assert.equal(m.varS, 0);
    assert.ok(Number.isNaN(m.z) && Number.isNaN(m.p));
  });
  it("a repeated time is an error naming it", () => {
    assert.throws(() => mannKendall([2003, 2004, 2004], [1, 2, 3]), (e: unknown) => e instanceof ArgumentError && /mannKendall: t\[2\]: time 2004 occurs twice/.test(e.message));
  });
  it("mismatched lengths are errors", () => {
    const argErr = (re: RegExp) => (e: unknown) => e instanceof ArgumentError && re.test(e.message);
    assert.throws(() => senSlope([1, 2], [1]), argErr(/senSlope: y: length differs: got 1, expected 2 values/));
    assert.throws(() => kendallTau([1, 2], [1]), argErr(/kendallTau: y: length differs: got 1, expected 2 values/));
    assert.throws(() => pearsonR([1, NaN], [1, 2]), argErr(/pearsonR: x\[1\]: bad value: got NaN/));
  });
  it("Sen's slope ignores one wild outlier where OLS does not", () => {
    const t = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const y = t.map((v) => 2 * v);
    y[9] = 500;
    assert.equal(senSlope(t, y).slope, 2);
    assert.ok(olsTrend(t, y).slope > 10);
  });
});
