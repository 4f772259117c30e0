import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ArgumentError, olsSimple, pca } from "permafrost-kit";
import { assertClose, readFixture } from "../helpers";

interface Fx { x1: number[]; x2: number[]; x3: number[]; y: number[]; loadings: number[]; scores: number[]; variance: number; explained: number; slope: number; seSlope: number; intercept: number; seIntercept: number; residualSe: number; df: number; r2: number }
const fx = readFixture<Fx>("pca-ols", "fixtures.json");
const TOL = { rel: 1e-10, abs: 1e-12 }; // closed-form linear algebra; Jacobi converges to ~1e-15

describe("pca and olsSimple vs R prcomp(scale. = TRUE) and lm() (test/oracles/pca-ols/make.R)", () => {
  const p = pca([fx.x1, fx.x2, fx.x3], ["x1", "x2", "x3"]);
  it("PC1 loadings, scores, variance and share explained match R (sign: largest |loading| positive)", () => {
    fx.loadings.forEach((l, j) => assertClose(p.loadings[j]!, l, TOL, `loading ${j}`));
    fx.scores.forEach((s, i) => assertClose(p.scores[i]!, s, TOL, `score ${i}`));
    assertClose(p.variance, fx.variance, TOL, "variance");
    assertClose(p.explained, fx.explained, TOL, "explained");
  });
  it("the slope of y on PC1 and its SE (Eq. 8) match lm()", () => {
    const f = olsSimple(p.scores, fx.y);
    assertClose(f.slope, fx.slope, TOL, "slope");
    assertClose(f.seSlope, fx.seSlope, TOL, "seSlope");
    assertClose(f.intercept, fx.intercept, TOL, "intercept");
    assertClose(f.seIntercept, fx.seIntercept, TOL, "seIntercept");
    assertClose(f.residualSe, fx.residualSe, TOL, "residualSe");
    assertClose(f.r2, fx.r2, TOL, "r2");
    assert.equal(f.df, fx.df);
  });
  it("degenerate inputs are clear errors", () => {
    const argErr = (re: RegExp) => (e: unknown) => e instanceof ArgumentError && re.test(e.message);
    assert.throws(() => olsSimple([1, 1, 1], [1, 2, 3], "Arctic / loam"), argErr(/olsSimple \(Arctic \/ loam\): x: x is constant/));
    assert.throws(() => olsSimple([1, 2], [1, 2], "g"), argErr(/x: too few values: got 2, expected at least 3/));
    assert.throws(() => olsSimple([1, NaN, 3], [1, 2, 3], "g"), argErr(/x\[1\]: bad value: got NaN/));
    assert.throws(() => pca([[1, 2, 3], [5, 5, 5]], ["a", "b"]), argErr(/column "b"\): is constant/));
    assert.throws(() => pca([[1, 2]]), argErr(/too few rows: got 2, expected at least 3/));
  });
});
