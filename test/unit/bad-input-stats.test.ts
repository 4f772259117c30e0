/**
 * Bad-input corpus of the stats area (issue "Trust every input"): meta-analysis, trends,
 * descriptive statistics, quantiles, correlation, PCA and OLS, distributions, effect sizes and
 * the random number generator. Each case feeds one broken input and asserts the error class and
 * that the message names the function, the argument, the position and the value; the counted
 * cases assert the documented skip-and-count.
 */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ArgumentError, FitError, chiSquareQuantile, chiSquareSf, coefficientOfVariation, createRng, estimateTau2, gammaP,
  groupSlopes, incompleteBeta, kendallTau, logGamma, logRiskRatio, mannKendall, mannKendallVariance, mean,
  meanConfidenceInterval, median, metagen, type MetagenOptions, normalCdf, normalQuantile, olsSimple, olsTrend, pca,
  pearsonR, quantiles, sampleVariance, senSlope, spearmanRho, studentTCdf, studentTQuantile, summarize, tau2QProfileCi,
  generalizedQ, sampleSd, standardError,
} from "permafrost-kit";
import { countsExclusion, refuses } from "../bad-input/corpus";

// A small heterogeneous meta-analysis (BCG-like log risk ratios).
const te = [-0.89, -1.59, -1.35, -1.44, -0.22, -0.79, -1.62, 0.01, -0.47, -1.37];
const seTE = [0.57, 0.44, 0.64, 0.14, 0.23, 0.06, 0.47, 0.06, 0.24, 0.27];
const asOptions = (o: unknown): MetagenOptions => o as MetagenOptions;

describe("bad input: metagen, estimateTau2, tau2QProfileCi", () => {
  refuses("metagen: unknown estimator methodTau = 'XYZ'", () => metagen({ te, seTE }, asOptions({ methodTau: "XYZ" })), ArgumentError,
    ["metagen: options.methodTau", '"XYZ"', '"REML"', '"DL"', '"PM"']);
  refuses("metagen: level given as a percentage (95)", () => metagen({ te, seTE }, { level: 95 }), ArgumentError,
    ["metagen: options.level", "got 95", "(0, 1)", "did you mean 0.95?"]);
  refuses("metagen: misspelt option name methodtau", () => metagen({ te, seTE }, asOptions({ methodtau: "DL" })), ArgumentError,
    ["metagen: options.methodtau", "unknown option", "methodTau"]);
  refuses("metagen: R's spelling TE for the effects", () => metagen({ TE: te, seTE } as never), ArgumentError,
    ["metagen: input.TE", "unknown option", "te, seTE"]);
  refuses("metagen: seTE shorter than te", () => metagen({ te, seTE: seTE.slice(0, 8) }), ArgumentError,
    ["metagen: input.seTE", "got 8", "expected 10"]);
  refuses("metagen: NaN standard error", () => metagen({ te, seTE: seTE.map((s, i) => (i === 2 ? NaN : s)) }), ArgumentError,
    ["metagen: input.seTE[2]", "got NaN"]);
  refuses("metagen: standard error 0 names the study", () => metagen({ te: [1, 2], seTE: [0.1, 0], studyLabels: ["A", "B"] }), ArgumentError,
    ["metagen: input.seTE[1]", 'study "B"', "got 0", "> 0"]);
  refuses("metagen: no studies (k = 0)", () => metagen({ te: [], seTE: [] }), ArgumentError, ["metagen: input.te", "too few values", "got 0"]);
  refuses("metagen: subgroup labels of the wrong length", () => metagen({ te, seTE, subgroup: ["a", "b"] }), ArgumentError,
    ["metagen: input.subgroup", "got 2", "expected 10"]);
  refuses("metagen: an empty subgroup label", () => metagen({ te: [1, 2, 3], seTE: [1, 1, 1], subgroup: ["a", "", "a"] }), ArgumentError,
    ["metagen: input.subgroup[1]", 'got ""', "non-empty string"]);
  refuses("metagen: methodRandomCi in the wrong case ('hk')", () => metagen({ te, seTE }, asOptions({ methodRandomCi: "hk" })), ArgumentError,
    ["metagen: options.methodRandomCi", '"hk"', '"HK"']);
  refuses("metagen: control.maxIter = 0", () => metagen({ te, seTE }, { control: { maxIter: 0 } }), ArgumentError,
    ["metagen: options.control.maxIter", "got 0"]);
  refuses("metagen: REML Fisher scoring cut off after 1 iteration", () => metagen({ te, seTE }, { methodTau: "REML", control: { maxIter: 1 } }), FitError,
    ["metagen (REML)", "Fisher scoring did not converge", "maxIter = 1"]);
  refuses("metagen: PM bisection cut off after 2 iterations", () => metagen({ te, seTE }, { methodTau: "PM", control: { maxIter: 2 } }), FitError,
    ["metagen (PM)", "bisection did not converge", "maxIter = 2"]);
  refuses("metagen: Q-profile has no lower bound below 1e15", () => metagen({ te: [0, 1e9], seTE: [1, 1] }, { methodTau: "DL" }), FitError,
    ["metagen (DL)", "tau2QProfileCi (QP)", "no lower bound"]);
  refuses("estimateTau2: estimator name in lower case ('dl')", () => estimateTau2(te, seTE, "dl" as never), ArgumentError,
    ["estimateTau2: method", '"dl"', '"DL"', '"REML"']);
  refuses("estimateTau2: variances shorter than effects", () => estimateTau2([1, 2, 3], [1, 1], "DL"), ArgumentError,
    ["estimateTau2: v", "got 2", "expected 3"]);
  refuses("estimateTau2: a negative variance", () => estimateTau2([1, 2, 3], [1, -1, 1], "REML"), ArgumentError,
    ["estimateTau2: v[1]", "got -1", "> 0"]);
  refuses("tau2QProfileCi: a single study", () => tau2QProfileCi([0.3], [0.01]), ArgumentError,
    ["tau2QProfileCi: y", "got 1", "at least 2"]);
  refuses("tau2QProfileCi: level 95", () => tau2QProfileCi(te, seTE.map((s) => s * s), 95), ArgumentError,
    ["tau2QProfileCi: level", "got 95", "did you mean 0.95?"]);
  refuses("tau2QProfileCi: no lower bound below 1e15 is a FitError", () => tau2QProfileCi([0, 1e9], [1, 1]), FitError,
    ["tau2QProfileCi (QP)", "no lower bound"]);
});

describe("bad input: groupSlopes", () => {
  const base = { offset: [1, 2, 3, 4], drivers: { swc: [1, 2, 3, 5] }, group: ["g", "g", "g", "g"], subgroup: ["A", "A", "A", "A"] };
  refuses("groupSlopes: a driver column shorter than the offset", () => groupSlopes({ ...base, drivers: { swc: [1, 2, 3] } }), ArgumentError,
    ["groupSlopes: input.drivers.swc", "got 3", "expected 4"]);
  refuses("groupSlopes: a group spanning two subgroups", () => groupSlopes({ ...base, subgroup: ["A", "A", "B", "A"] }), ArgumentError,
    ["groupSlopes: input.subgroup", 'group "g"', "spans several subgroups", "A, B"]);
  refuses("groupSlopes: +Infinity in the offset is not a missing value", () => groupSlopes({ ...base, offset: [1, 2, Infinity, 4] }), ArgumentError,
    ["groupSlopes: input.offset[2]", "got Infinity"]);
  refuses("groupSlopes: minN = 2 leaves no residual df", () => groupSlopes({ ...base, minN: 2 }), ArgumentError,
    ["groupSlopes: input.minN", "got 2", "≥ 3"]);
  refuses("groupSlopes: group labels of the wrong length", () => groupSlopes({ ...base, group: ["g", "g"] }), ArgumentError,
    ["groupSlopes: input.group", "got 2", "expected 4"]);
  countsExclusion("groupSlopes: a group whose rows are all missing is listed with its reason and counted", () => {
    const r = groupSlopes({
      offset: [1, 2, 3, 4, NaN, NaN], drivers: { swc: [1, 2, 3, 5, 1, 2] },
      group: ["g", "g", "g", "g", "empty", "empty"], subgroup: ["A", "A", "A", "A", "B", "B"],
    });
    assert.equal(r.effects.length, 1);
    assert.equal(r.nGroups, 2);
    assert.equal(r.nGroupsExcluded, 1);
    assert.equal(r.nRowsExcluded, 2);
    const g = r.excluded.find((e) => e.level === "group")!;
    assert.deepEqual([g.group, g.n], ["empty", 0]);
    assert.match(g.reason, /insufficient data: 0 rows/);
    assert.equal(r.effects.length + r.nGroupsExcluded, r.nGroups);
  });
});

describe("bad input: trends", () => {
  countsExclusion("mannKendall: a NaN time drops the pair from S and Var(S) alike", () => {
    const m = mannKendall([2001, NaN, 2003, 2004], [1, 2, 3, 4]);
    const ref = mannKendall([2001, 2003, 2004], [1, 3, 4]);
    assert.deepEqual([m.s, m.varS, m.n, m.skipped], [ref.s, ref.varS, 3, 1]);
    assert.equal(m.varS, (3 * 2 * 11) / 18);
  });
  countsExclusion("senSlope: a NaN time is skipped, not turned into a NaN slope", () => {
    const b = senSlope([1, 2, NaN, 4, 5], [2, 4, 100, 8, 10]);
    assert.deepEqual([b.slope, b.n, b.skipped], [2, 4, 1]);
  });
  countsExclusion("olsTrend: a NaN time is skipped and counted", () => {
    const o = olsTrend([1, 2, NaN, 4], [2, 4, 6, 8]);
    assert.deepEqual([o.slope, o.intercept, o.n, o.skipped], [2, 0, 3, 1]);
  });
  countsExclusion("kendallTau: a pair with NaN in x is skipped and counted", () => {
    const k = kendallTau([1, NaN, 3, 4], [1, 2, 3, 4]);
    assert.deepEqual([k.tau, k.n, k.skipped], [1, 3, 1]);
  });
  countsExclusion("senSlope: pairs with a repeated time give no slope and are counted", () => {
    const b = senSlope([1, 2, 2, 3], [1, 2, 2.5, 3]);
    assert.equal(b.tiedTimePairs, 1);
    assert.equal(b.n, 4);
  });
  countsExclusion("summarize: NaN values are skipped and counted (regression guard)", () => {
    const s = summarize([1, NaN, 3]);
    assert.deepEqual([s.n, s.nMissing, s.mean], [2, 1, 2]);
  });
  refuses("olsTrend: times and values of different lengths", () => olsTrend([1, 2, 3, 4], [1, 2, 3]), ArgumentError,
    ["olsTrend: y", "length differs", "got 3", "expected 4"]);
  refuses("mannKendall: +Infinity in the values", () => mannKendall([1, 2, 3, 4], [1, 2, Infinity, 4]), ArgumentError,
    ["mannKendall: y[2]", "got Infinity"]);
  refuses("senSlope: level 95", () => senSlope([1, 2, 3], [1, 2, 3], 95), ArgumentError,
    ["senSlope: level", "got 95", "did you mean 0.95?"]);
  refuses("olsTrend: every time the same", () => olsTrend([2001, 2001, 2001], [1, 2, 3]), ArgumentError,
    ["olsTrend: t", "same time", "got 2001"]);
  refuses("mannKendall: a repeated time", () => mannKendall([2003, 2004, 2004], [1, 2, 3]), ArgumentError,
    ["mannKendall: t[2]", "time 2004 occurs twice", "index 1"]);
  refuses("kendallTau: a single pair", () => kendallTau([1], [1]), ArgumentError,
    ["kendallTau: x", "too few values", "got 1"]);
  refuses("mannKendallVariance: a NaN value", () => mannKendallVariance([1, NaN, 3]), ArgumentError,
    ["mannKendallVariance: values[1]", "got NaN"]);
  refuses("senSlope: -Infinity time", () => senSlope([1, -Infinity, 3], [1, 2, 3]), ArgumentError,
    ["senSlope: t[1]", "got -Infinity"]);
});

describe("bad input: descriptive, quantiles, correlation", () => {
  refuses("quantiles: probability 1.5", () => quantiles([1, 2, 3], [0.5, 1.5]), ArgumentError,
    ["quantiles: probs[1]", "got 1.5", "[0, 1]"]);
  refuses("quantiles: NaN probability", () => quantiles([1, 2, 3], [NaN]), ArgumentError,
    ["quantiles: probs[0]", "got NaN"]);
  refuses("quantiles: +Infinity in the sample", () => quantiles([1, Infinity, 3], [0.5]), ArgumentError,
    ["quantiles: values[1]", "got Infinity"]);
  refuses("median: empty sample", () => median([]), ArgumentError, ["median: values", "got 0"]);
  refuses("pearsonR: a constant variable", () => pearsonR([1, 1, 1], [1, 2, 3]), ArgumentError,
    ["pearsonR: x", "constant", "got 1"]);
  refuses("pearsonR: a single pair", () => pearsonR([1], [2]), ArgumentError, ["pearsonR: x", "got 1", "at least 2"]);
  refuses("spearmanRho: lengths differ", () => spearmanRho([1, 2, 3], [1, 2]), ArgumentError,
    ["spearmanRho: y", "got 2", "expected 3"]);
  refuses("spearmanRho: a constant variable", () => spearmanRho([1, 2, 3], [4, 4, 4]), ArgumentError,
    ["spearmanRho: y", "constant"]);
  refuses("meanConfidenceInterval: level 95", () => meanConfidenceInterval([1, 2, 3], 95), ArgumentError,
    ["meanConfidenceInterval: level", "got 95", "did you mean 0.95?"]);
  refuses("summarize: level 95", () => summarize([1, 2, 3], 95), ArgumentError,
    ["summarize: level", "got 95", "did you mean 0.95?"]);
  refuses("mean: -Infinity in a Float64Array", () => mean(new Float64Array([1, -Infinity])), ArgumentError,
    ["mean: x[1]", "got -Infinity"]);
  refuses("sampleVariance: NaN at index 3", () => sampleVariance([1, 2, 3, NaN]), ArgumentError,
    ["sampleVariance: x[3]", "got NaN"]);
  refuses("coefficientOfVariation: mean 0", () => coefficientOfVariation([-1, 1]), ArgumentError,
    ["coefficientOfVariation: x", "mean is 0", "got 0"]);
});

describe("bad input: pca, olsSimple", () => {
  refuses("pca: NaN in a variable", () => pca([[1, 2, 3, 4], [1, NaN, 2, 5]], ["a", "b"]), ArgumentError,
    ["pca: columns", 'row 1, column "b"', "got NaN"]);
  refuses("pca: a constant variable", () => pca([[1, 2, 3], [5, 5, 5]], ["a", "b"]), ArgumentError,
    ['pca: columns (column "b")', "is constant", "got 5"]);
  refuses("pca: names of the wrong length", () => pca([[1, 2, 3], [3, 1, 2]], ["a"]), ArgumentError,
    ["pca: names", "got 1", "expected 2"]);
  refuses("pca: two rows", () => pca([[1, 2], [2, 1]]), ArgumentError, ["pca: columns", "too few rows", "got 2"]);
  refuses("olsSimple: constant x", () => olsSimple([2, 2, 2, 2], [1, 2, 3, 4], "Arctic / loam"), ArgumentError,
    ["olsSimple (Arctic / loam): x", "constant", "got 2"]);
  refuses("olsSimple: NaN response", () => olsSimple([1, 2, 3, 4], [1, 2, NaN, 4]), ArgumentError,
    ["olsSimple: y[2]", "got NaN"]);
});

describe("bad input: distributions", () => {
  refuses("studentTQuantile: p = 1.2", () => studentTQuantile(1.2, 5), ArgumentError, ["studentTQuantile: p", "got 1.2", "(0, 1)"]);
  refuses("studentTQuantile: df NaN", () => studentTQuantile(0.9, NaN), ArgumentError, ["studentTQuantile: df", "got NaN"]);
  refuses("chiSquareSf: df = -1", () => chiSquareSf(3, -1), ArgumentError, ["chiSquareSf: df", "got -1", "> 0"]);
  refuses("chiSquareQuantile: p NaN", () => chiSquareQuantile(NaN, 2), ArgumentError, ["chiSquareQuantile: p", "got NaN"]);
  refuses("normalQuantile: p = 0", () => normalQuantile(0), ArgumentError, ["normalQuantile: p", "got 0", "(0, 1)"]);
  refuses("normalCdf: NaN", () => normalCdf(NaN), ArgumentError, ["normalCdf: x", "got NaN"]);
  refuses("gammaP: series does not converge for a = x = 1e12", () => gammaP(1e12, 1e12), FitError, ["gammaP (series)", "did not converge", "a = 1000000000000"]);
  refuses("logGamma: x = -1", () => logGamma(-1), ArgumentError, ["logGamma: x", "got -1", "> 0"]);
  refuses("incompleteBeta: x = 1.5", () => incompleteBeta(1.5, 1, 1), ArgumentError, ["incompleteBeta: x", "got 1.5", "[0, 1]"]);
});

describe("bad input: effect sizes", () => {
  refuses("logRiskRatio: a zero cell", () => logRiskRatio([4, 6], [119, 300], [11, 0], [128, 274]), ArgumentError,
    ["logRiskRatio: cpos[1]", "zero cell", "got 0", "continuity correction"]);
  refuses("logRiskRatio: a negative count", () => logRiskRatio([4], [-3], [11], [128]), ArgumentError,
    ["logRiskRatio: tneg[0]", "negative count", "got -3"]);
  refuses("logRiskRatio: arms of different lengths", () => logRiskRatio([4, 6], [119, 300], [11, 29], [128]), ArgumentError,
    ["logRiskRatio: cneg", "got 1", "expected 2"]);
});

describe("bad input: random number generator", () => {
  refuses("createRng(-1)", () => createRng(-1), ArgumentError, ["createRng: seed", "got -1", "non-negative safe integer"]);
  refuses("createRng(1.5)", () => createRng(1.5), ArgumentError, ["createRng: seed", "got 1.5"]);
  refuses("createRng(NaN)", () => createRng(NaN), ArgumentError, ["createRng: seed", "got NaN"]);
  refuses("rng.int(0)", () => createRng(1).int(0), ArgumentError, ["Rng.int: n", "got 0", "[1, 2^32]"]);
  refuses("rng.int(2.5)", () => createRng(1).int(2.5), ArgumentError, ["Rng.int: n", "got 2.5"]);
  refuses("rng.permutation(-1)", () => createRng(1).permutation(-1), ArgumentError, ["Rng.permutation: n", "got -1"]);
});

describe("bad input, round 2: values near the double range, t tails, tiny standard errors", () => {
  refuses("pearsonR: x of 1e200 values (the sum of squares overflows; r would be 0)", () => pearsonR([1e200, 2e200, 3e200], [1, 2, 3]), ArgumentError, ["pearsonR: x", "values too large", "3e+200"]);
  refuses("pearsonR: y of 1e-170 values (the sum of squares underflows)", () => pearsonR([1, 2, 3], [1e-170, 2e-170, 4e-170]), ArgumentError, ["pearsonR: y", "values too small", "4e-170"]);
  refuses("pca: a column of 1e200 values (its loading would be 0)", () => pca([[1e200, 2e200, 3e200], [1, 3, 2]], ["big", "small"]), ArgumentError, ['pca: columns[0] ("big")', "values too large", "3e+200"]);
  refuses("mean: two values of 1e308 (the sum overflows)", () => mean([1e308, 1e308]), ArgumentError, ["mean: x", "values too large", "1e+308"]);
  refuses("sampleVariance: ±1e200 (the squares overflow)", () => sampleVariance([1e200, -1e200]), ArgumentError, ["sampleVariance: x", "values too large", "1e+200"]);
  refuses("sampleSd: ±1e200", () => sampleSd([1e200, -1e200, 0]), ArgumentError, ["sampleSd: x", "values too large"]);
  refuses("standardError: ±1e200", () => standardError([1e200, -1e200, 0]), ArgumentError, ["standardError: x", "values too large"]);
  refuses("summarize: three values of 1e308", () => summarize([1e308, 1e308, 1e308]), ArgumentError, ["summarize: x", "values too large", "1e+308"]);
  refuses("meanConfidenceInterval: ±1e154 (the limits overflow)", () => meanConfidenceInterval([1e200, -1e200, 1e200]), ArgumentError, ["meanConfidenceInterval: x", "values too large"]);
  refuses("senSlope: y alternating ±1e308 (differences overflow)", () => senSlope([1, 2, 3, 4], [1e308, -1e308, 1e308, -1e308]), ArgumentError, ["senSlope: y", "values too large", "1e+308"]);
  refuses("senSlope: times ±1e308 (the time difference overflows; the slope would be 0)", () => senSlope([-1e308, 1e308, 0], [1, 2, 3]), ArgumentError, ["senSlope: t", "values too large", "1e+308"]);
  refuses("olsTrend: y alternating ±1e308", () => olsTrend([1, 2, 3, 4], [1e308, -1e308, 1e308, -1e308]), ArgumentError, ["olsTrend: y", "values too large", "1e+308"]);
  refuses("olsTrend: times of 1e200 (the sum of squares overflows)", () => olsTrend([1e200, 2e200, 3e200], [1, 2, 3]), ArgumentError, ["olsTrend: t", "values too large", "3e+200"]);
  refuses("studentTQuantile: df 1e-300 (the quantile is beyond the double range)", () => studentTQuantile(0.975, 1e-300), ArgumentError, ["studentTQuantile: df", "got 1e-300", "quantile too large"]);
  refuses("studentTQuantile: df 0.001 at p = 0.975 (returned 1.34e154 before)", () => studentTQuantile(0.975, 0.001), ArgumentError, ["studentTQuantile: df", "got 0.001", "0.975"]);
  refuses("metagen: seTE[0] = 1e-200 (its weight overflows)", () => metagen({ te: [0.1, 0.3, -0.2, 0.5], seTE: [1e-200, 0.2, 0.15, 0.3] }), ArgumentError, ["metagen: input.seTE[0]", "got 1e-200", '"study 1"', "weight"]);
  refuses("metagen: seTE[2] = 1e200 (its variance overflows)", () => metagen({ te: [0.1, 0.3, -0.2], seTE: [0.1, 0.2, 1e200] }), ArgumentError, ["metagen: input.seTE[2]", "got 1e+200"]);
  refuses("metagen: te[1] = 1e200 with seTE 0.1 (te²/seTE² overflows)", () => metagen({ te: [0.1, 1e200, -0.2], seTE: [0.1, 0.1, 0.1] }), ArgumentError, ["metagen: input.te[1]", "got 1e+200", "too large"]);
  refuses("estimateTau2: v[1] = 1e-320 (1/v overflows)", () => estimateTau2([0.1, 0.2, 0.3], [0.01, 1e-320, 0.02], "REML"), ArgumentError, ["estimateTau2: v[1]", "got 1e-320", "weight"]);
  refuses("generalizedQ: y[0] = 1e200 (y²/v overflows)", () => generalizedQ([1e200, 0.2], [0.01, 0.02], 0), ArgumentError, ["generalizedQ: y[0]", "got 1e+200"]);

  it("studentTQuantile finds tiny lower quantiles from the tail (qt(1e-20, 3) = −4795275.72…)", () => {
    for (const p of [1e-16, 1e-20, 1e-100, 1e-300]) {
      const q = studentTQuantile(p, 3);
      assert.ok(Math.abs(studentTCdf(q, 3) / p - 1) < 1e-12, `cdf(q(${p})) = ${studentTCdf(q, 3)}`);
    }
    assert.ok(Math.abs(studentTQuantile(1e-20, 3) / -4795275.720468973 - 1) < 1e-12);
    assert.ok(Math.abs(normalQuantile(1e-20) / -9.262340089798409 - 1) < 1e-12);
  });
  it("studentTQuantile for huge df is the normal quantile (no internal failure; R's pt approximation above 4e5)", () => {
    assert.ok(Math.abs(studentTQuantile(0.975, 1e308) - 1.959963984540054) < 1e-14);
    assert.ok(Math.abs(studentTQuantile(0.975, 1e10) - 1.959963984777281) < 1e-12);
  });
  it("quantiles interpolate between ±1e308 without overflow", () => {
    assert.deepEqual(quantiles([-1e308, 1e308], [0, 0.5, 1]), [-1e308, 0, 1e308]);
  });
});
