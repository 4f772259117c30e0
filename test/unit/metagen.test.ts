import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ArgumentError, logRiskRatio, metagen, type MetagenCore, type Tau2Method } from "permafrost-kit";
import { assertClose, readFixture } from "../helpers";

type Num = number | null;
interface Case {
  dataset: string; method: Tau2Method; k: number;
  teRandom: number; seRandom: number; lowerRandom: number; upperRandom: number; pvalRandom: number; tau2: number; seTau2: Num;
  seRandomHK: number; lowerRandomHK: number; upperRandomHK: number; pvalRandomHK: number; weightsRandom: number[] | number;
  teCommon?: number; seCommon?: number; lowerCommon?: number; upperCommon?: number; weightsCommon?: number[]; Q?: number; dfQ?: number; pvalQ?: number;
  I2?: number; lowerI2?: number; upperI2?: number; H?: number; I2Tau?: number; lowerTau2?: number; upperTau2?: number; lowerI2Tau?: number; upperI2Tau?: number;
  lowerPredictHTS?: number; upperPredictHTS?: number; lowerPredictV?: number; upperPredictV?: number; lowerPredictVHK?: number; upperPredictVHK?: number;
}
interface Sub { name: string; k: number; teRandom: number; seRandom: number; lowerRandom: number; upperRandom: number; tau2: number }
interface SubCase { dataset: string; method: Tau2Method; hk: boolean; subgroups: Sub[]; qBetween: number; dfBetween: number; pvalBetween: number; groups?: string[] }
interface Fx {
  datasets: Record<string, { yi: number[] | number; vi: number[] | number }>;
  bcg: { tpos: number[]; tneg: number[]; cpos: number[]; cneg: number[]; alloc: string[] };
  cases: Case[]; subgroups: SubCase[];
}
const fx = readFixture<Fx>("metagen", "fixtures.json");
const arr = (x: number[] | number) => (Array.isArray(x) ? x : [x]);

// Tolerance: 1e-8 relative + 1e-10 absolute. Both sides iterate to 1e-12 (the fixtures
// tighten metafor's defaults), so the remaining differences come from different root
// finders (bisection here, uniroot in R) and summation order.
const TOL = { rel: 1e-8, abs: 1e-10 };

describe("metagen vs metafor 3.8 (test/oracles/metagen/make.R)", () => {
  for (const c of fx.cases) {
    const d = fx.datasets[c.dataset]!;
    const yi = arr(d.yi), se = arr(d.vi).map(Math.sqrt);
    it(`${c.dataset} (k = ${c.k}), ${c.method}: τ², SE(τ²), pooled estimates, Q, I², Q-profile CI, weights, prediction intervals`, () => {
      const r = metagen({ te: yi, seTE: se }, { methodTau: c.method, prediction: true, methodPredict: "HTS" });
      const near = (a: number | null, b: number | null | undefined, what: string) => {
        if (b === null || b === undefined) return;
        assert.ok(a !== null, `${what}: got null, expected ${b}`);
        assertClose(a, b, TOL, what);
      };
      // Fields named identically in the kit's result and the fixture.
      const same = (keys: readonly (keyof Case & keyof MetagenCore)[]) => {
        for (const key of keys) near(r[key] as number | null, c[key] as number | null | undefined, key);
      };
      same(["tau2", "seTau2", "teRandom", "seRandom", "lowerRandom", "upperRandom", "pvalRandom"]);
      arr(c.weightsRandom).forEach((w, i) => near(r.weightsRandom[i]!, w, `weightsRandom[${i}]`));
      if (c.k > 1) {
        assert.equal(r.dfQ, c.dfQ);
        // I2 is Q-based (Eq. 10), I2Tau metafor's τ²-based one; τ² bounds are Q-profile.
        same(["teCommon", "seCommon", "lowerCommon", "Q", "pvalQ", "I2", "lowerI2", "upperI2", "H", "I2Tau", "lowerTau2", "upperTau2", "lowerI2Tau", "upperI2Tau"]);
        c.weightsCommon!.forEach((w, i) => near(r.weightsCommon[i]!, w, `weightsCommon[${i}]`));
        if (c.k > 2) {
          near(r.lowerPredict, c.lowerPredictHTS, "lowerPredict HTS");
          near(r.upperPredict, c.upperPredictHTS, "upperPredict HTS");
        } else {
          assert.equal(r.lowerPredict, null, "HTS needs k ≥ 3");
        }
        const hk = metagen({ te: yi, seTE: se }, { methodTau: c.method, methodRandomCi: "HK", prediction: true, methodPredict: "V" });
        near(hk.seRandom, c.seRandomHK, "seRandom HK");
        near(hk.lowerRandom, c.lowerRandomHK, "lowerRandom HK");
        near(hk.upperRandom, c.upperRandomHK, "upperRandom HK");
        near(hk.pvalRandom, c.pvalRandomHK, "pvalRandom HK");
        near(hk.lowerPredict, c.lowerPredictVHK, "lowerPredict V (HK)");
        near(hk.upperPredict, c.upperPredictVHK, "upperPredict V (HK)");
        const v = metagen({ te: yi, seTE: se }, { methodTau: c.method, prediction: true, methodPredict: "V" });
        near(v.lowerPredict, c.lowerPredictV, "lowerPredict V (classic)");
      } else {
        assert.equal(r.tau2, 0);
        assert.equal(r.I2, null);
        assert.equal(r.pvalQ, null);
      }
    });
  }

  for (const s of fx.subgroups) {
    it(`subgroups ${s.dataset}, ${s.method}${s.hk ? " + HK" : ""}: separate τ² per subgroup and the random-effects Q-between`, () => {
      const d = fx.datasets["bcg"]!;
      const groups = s.groups ?? fx.bcg.alloc;
      const r = metagen({ te: arr(d.yi), seTE: arr(d.vi).map(Math.sqrt), subgroup: groups }, { methodTau: s.method, methodRandomCi: s.hk ? "HK" : "classic" });
      assert.equal(r.subgroups!.length, s.subgroups.length);
      for (const e of s.subgroups) {
        const g = r.subgroups!.find((x) => x.name === e.name)!;
        assert.equal(g.k, e.k);
        assertClose(g.teRandom, e.teRandom, TOL, `${e.name} teRandom`);
        assertClose(g.seRandom, e.seRandom, TOL, `${e.name} seRandom`);
        assertClose(g.lowerRandom, e.lowerRandom, TOL, `${e.name} lowerRandom`);
        assertClose(g.tau2, e.tau2, TOL, `${e.name} tau2`);
      }
      assertClose(r.qBetween!, s.qBetween, TOL, "qBetween");
      assert.equal(r.dfBetween, s.dfBetween);
      assertClose(r.pvalBetween!, s.pvalBetween, TOL, "pvalBetween");
    });
  }
});

describe("metagen: published facts and edge cases", () => {
  const { yi, vi } = logRiskRatio(fx.bcg.tpos, fx.bcg.tneg, fx.bcg.cpos, fx.bcg.cneg);
  it("BCG trials (Colditz et al. 1994), REML: estimate −0.7145, τ² 0.3132, I² 92.12 % (Q-based) and 92.22 % (τ²-based)", () => {
    const r = metagen({ te: yi, seTE: Array.from(vi).map(Math.sqrt) });
    assert.equal(r.teRandom.toFixed(4), "-0.7145");
    assert.equal(r.tau2.toFixed(4), "0.3132");
    assert.equal((100 * r.I2!).toFixed(2), "92.12");
    assert.equal((100 * r.I2Tau!).toFixed(2), "92.22");
  });
  it("escalc(measure = 'RR') values match the fixture's log risk ratios", () => {
    const ref = arr(fx.datasets["bcg"]!.yi);
    yi.forEach((y, i) => assertClose(y, ref[i]!, { rel: 1e-13 }, `yi[${i}]`));
  });
  it("k = 1: the study itself, τ² = 0, no heterogeneity statistics, HK falls back to classic", () => {
    const r = metagen({ te: [0.3], seTE: [0.2] }, { methodRandomCi: "HK", prediction: true });
    assert.deepEqual([r.k, r.teRandom, r.seRandom, r.tau2, r.I2, r.pvalQ, r.lowerPredict, r.ciMethod], [1, 0.3, 0.2, 0, null, null, null, "classic"]);
  });
  it("τ² = 0 for homogeneous studies: random equals common", () => {
    const r = metagen({ te: [0.2, 0.21, 0.19], seTE: [0.1, 0.1, 0.1] }, { methodTau: "DL" });
    assert.equal(r.tau2, 0);
    assertClose(r.teRandom, r.teCommon, { abs: 1e-15 }, "random = common");
  });
  it("an SE of 0 or below, NaN effects and mismatched lengths are clear errors naming the study", () => {
    const argErr = (re: RegExp) => (e: unknown) => e instanceof ArgumentError && re.test(e.message);
    assert.throws(() => metagen({ te: [1, 2], seTE: [0.1, 0], studyLabels: ["A", "B"] }), argErr(/input\.seTE\[1\]: study "B" has a standard error that is not positive: got 0, expected a standard error > 0/));
    assert.throws(() => metagen({ te: [1, 2], seTE: [0.1, -1] }), argErr(/study "study 2" has a standard error that is not positive: got -1/));
    assert.throws(() => metagen({ te: [NaN, 2], seTE: [0.1, 0.2], studyLabels: ["Arctic/loam", "x"] }), argErr(/input\.te\[0\]: bad value: got NaN/));
    assert.throws(() => metagen({ te: [1, 2], seTE: [0.1] }), argErr(/input\.seTE: wrong length: got 1, expected 2/));
    assert.throws(() => metagen({ te: [], seTE: [] }), argErr(/input\.te: too few values: got 0/));
  });
  it("a subgroup with k = 1 contributes its study to the Q-between", () => {
    const r = metagen({ te: [0.1, 0.3, 0.2, 0.9], seTE: [0.1, 0.1, 0.1, 0.2], subgroup: ["a", "a", "a", "b"] });
    const b = r.subgroups!.find((g) => g.name === "b")!;
    assert.deepEqual([b.k, b.teRandom, b.seRandom, b.tau2], [1, 0.9, 0.2, 0]);
    assert.ok(r.qBetween! > 0);
  });
});
