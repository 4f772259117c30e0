import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import {
  ArgumentError, bootstrapDraw, cached, contentHash, fireResponse, latitudeBins, lonLatGrid, makeRaster, mannKendall, modelStructureMaps, olsTrend,
  partialDependence, pixelTrends, pixelTrendsFromFile, quantileMaps, quantiles, replicateStats, senSlope, siteTrendAgreement, writeGeoTiff,
  type Matrix,
} from "permafrost-kit";

const years = Array.from({ length: 18 }, (_, k) => 2003 + k);

/** A 4×3 annual stack with known per-cell trends, ties, a gap and an empty cell. */
function annualBands(): Float32Array[] {
  return years.map((yr, k) => {
    const b = new Float32Array(12);
    for (let c = 0; c < 12; c++) b[c] = 50 + c * 10 + (c - 5) * 0.3 * k + ((k * 7 + c) % 5) - 2;
    b[3] = Math.round(b[3]! / 5) * 5; // ties
    if (k % 4 === 1) b[7] = NaN; // gaps
    b[11] = NaN; // outside the domain
    if (yr > 2004) b[10] = NaN; // too short
    return b;
  });
}

describe("per-pixel trend maps (paper 1 §3.1)", () => {
  it("every cell equals the one-series functions; short and empty cells are NaN and counted", () => {
    const bands = annualBands();
    const m = pixelTrends(bands, years);
    for (let c = 0; c < 10; c++) {
      const s = bands.map((b) => b[c]!);
      const f32 = (v: number): number => Math.fround(v);
      assert.equal(m.ols[c], f32(olsTrend(years, s).slope), `ols cell ${c}`);
      assert.equal(m.sen[c], f32(senSlope(years, s).slope), `sen cell ${c}`);
      assert.equal(m.mkP[c], f32(mannKendall(years, s).p), `mk p cell ${c}`);
    }
    assert.equal(m.nYears[7], 18 - 5);
    assert.equal(m.nYears[10], 2);
    assert.ok(Number.isNaN(m.ols[10]!) && !Number.isNaN(m.mean[10]!), "too short: mean but no trend");
    assert.ok(Number.isNaN(m.mean[11]!), "empty cell");
    assert.equal(m.tooShort, 1);
  });
  it("streaming a GeoTIFF by 1-row blocks gives the in-memory maps exactly", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pk-trend-"));
    try {
      const grid = lonLatGrid([0, 60, 4, 63], 1);
      const file = path.join(dir, "annual.tif");
      writeGeoTiff(file, makeRaster(grid, annualBands(), years.map(String)));
      const s = await pixelTrendsFromFile(file, { blockRows: 1 });
      const m = pixelTrends(annualBands(), years);
      assert.equal(s.blocks, 3);
      assert.deepEqual(Array.from(s.sen), Array.from(m.sen));
      assert.deepEqual(Array.from(s.mkZ), Array.from(m.mkZ));
      assert.deepEqual(s.years, years);
      writeGeoTiff(path.join(dir, "bad.tif"), makeRaster(grid, [new Float32Array(12)], ["static"]));
      await assert.rejects(pixelTrendsFromFile(path.join(dir, "bad.tif")), /bad\.tif.*"static", not a year/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it("mismatched bands are errors", () => {
    assert.throws(() => pixelTrends([new Float32Array(3)], [2003, 2004]), /1 bands but 2 years/);
    assert.throws(() => pixelTrends([new Float32Array(3), new Float32Array(2)], [2003, 2004]), /band 1 \(2004\) has 2 cells/);
  });
});

describe("replicate statistics and quantile maps (§2.4.2)", () => {
  const maps = [Float32Array.from([1, 10, NaN]), Float32Array.from([3, 10, 1]), Float32Array.from([5, 13, 2])];
  it("mean, SD, CV per cell; a NaN in any replicate gives NaN", () => {
    const r = replicateStats(maps);
    assert.deepEqual(Array.from(r.mean.slice(0, 2)), [3, 11]);
    assert.equal(r.sd[0], 2);
    assert.equal(r.cv[0], Math.fround(2 / 3));
    assert.ok(Number.isNaN(r.mean[2]!));
  });
  it("quantile maps are type-7 quantiles per cell", () => {
    const [lo, hi] = quantileMaps(maps, [0.025, 0.975]);
    assert.equal(lo![0], Math.fround(quantiles([1, 3, 5], [0.025])[0]!));
    assert.equal(hi![1], Math.fround(quantiles([10, 10, 13], [0.975])[0]!));
    assert.ok(Number.isNaN(lo![2]!));
  });
  it("maps of different sizes are an error", () => {
    assert.throws(() => replicateStats([new Float32Array(2), new Float32Array(3)]), /replicate 1 has 3 cells/);
  });
});

describe("latitude bins (Figs 4d, 5e)", () => {
  it("counts, means and quartiles per bin from cell-centre latitudes", () => {
    const grid = lonLatGrid([0, 25, 10, 45], 5); // 2 columns; rows centred at 42.5, 37.5, 32.5, 27.5
    const v = Float32Array.from([1, 2, 3, NaN, 5, 6, 7, 8]);
    const bins = latitudeBins(grid, v, { width: 10, from: 25, to: 45 });
    assert.equal(bins.length, 2);
    assert.deepEqual([bins[0]!.cells, bins[0]!.mean], [4, 6.5]); // 27.5 and 32.5 rows: 5,6,7,8
    assert.deepEqual([bins[1]!.cells, bins[1]!.mean], [3, 2]); // 1,2,3
    assert.equal(bins[0]!.q25, quantiles([5, 6, 7, 8], [0.25])[0]);
    assert.throws(() => latitudeBins(grid, new Float32Array(3)), /3 values for a 2×4 grid/);
  });
});

describe("partial dependence and ICE (§2.4.3)", () => {
  // f(x) = 2·x0 + x1², so PD(x0 = g) = 2g + mean(x1²) and ICE_i(g) = 2g + x1_i²
  const model = { predict: (x: Matrix) => Float64Array.from({ length: x.nRows }, (_, i) => 2 * x.data[i * 2]! + x.data[i * 2 + 1]! ** 2) };
  const n = 40;
  const data = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    data[i * 2] = i;
    data[i * 2 + 1] = (i % 7) - 3;
  }
  const x: Matrix = { data, nRows: n, nCols: 2, columns: ["a", "b"] };
  it("PD and ICE of a known function are exact; the grid spans the 5–95 % quantiles", () => {
    const pd = partialDependence(model, x, "a", { gridSize: 5, iceRows: Int32Array.from([0, 9]) });
    const m2 = Array.from({ length: n }, (_, i) => ((i % 7) - 3) ** 2).reduce((a, v) => a + v, 0) / n;
    assert.equal(pd.grid[0], quantiles(Array.from({ length: n }, (_, i) => i), [0.05])[0]);
    pd.grid.forEach((g, k) => {
      assert.ok(Math.abs(pd.pd[k]! - (2 * g + m2)) < 1e-12);
      assert.ok(Math.abs(pd.ice[1]![k]! - (2 * g + 1)) < 1e-12); // row 9: x1 = 9 % 7 − 3 = −1
    });
  });
  it("a categorical-like predictor uses its distinct values; centred curves start at 0", () => {
    const pd = partialDependence(model, x, "b", { centred: true, iceRows: 5, seed: 3 });
    assert.deepEqual(Array.from(pd.grid), [-3, -2, -1, 0, 1, 2, 3]);
    assert.equal(pd.pd[0], 0);
    for (const c of pd.ice) assert.equal(c[0], 0);
    assert.equal(pd.pdRange, 9);
    assert.equal(pd.deciles.length, 9);
  });
  it("an unknown predictor is an error listing the names", () => {
    assert.throws(() => partialDependence(model, x, "zz"), /no predictor "zz" \(have: a, b\)/);
  });
});

describe("content-hash cache", () => {
  it("hashes bytes and settings (key order ignored); a second call is a hit with identical typed arrays", async () => {
    const a = Float64Array.from([1, 2, 3]);
    assert.equal(contentHash(a, { x: 1, y: [2] }), contentHash(Float64Array.from([1, 2, 3]), { y: [2], x: 1 }));
    assert.notEqual(contentHash(a), contentHash(Float32Array.from([1, 2, 3])));
    assert.notEqual(contentHash(a, { x: 1 }), contentHash(a, { x: 2 }));
    const prev = process.env["PERMAFROST_BUILD_DIR"];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pk-cache-"));
    process.env["PERMAFROST_BUILD_DIR"] = dir;
    try {
      let calls = 0;
      const key = contentHash("test", a);
      const compute = (): { v: Float32Array; n: number } => {
        calls++;
        return { v: Float32Array.from([NaN, 1.5, -0]), n: 7 };
      };
      const first = await cached("unit", key, compute);
      const second = await cached("unit", key, compute);
      assert.equal(calls, 1);
      assert.deepEqual([first.hit, second.hit], [false, true]);
      assert.ok(second.value.v instanceof Float32Array);
      assert.deepEqual(new Uint8Array(second.value.v.buffer), new Uint8Array(first.value.v.buffer));
      fs.writeFileSync(second.file, "{ truncated");
      const third = await cached("unit", key, compute);
      assert.equal(third.hit, false, "a corrupt cache file is recomputed");
      assert.equal(calls, 2);
    } finally {
      if (prev === undefined) delete process.env["PERMAFROST_BUILD_DIR"];
      else process.env["PERMAFROST_BUILD_DIR"] = prev;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("uncertainty ensembles (§2.4.2)", () => {
  it("the bootstrap draws 75 % per stratum with replacement, seeded per replicate", () => {
    const strata = Array.from({ length: 100 }, (_, i) => (i < 80 ? "CALM" : "TP"));
    const d = bootstrapDraw(100, 0.75, 7, 0, strata);
    assert.equal(d.length, 75);
    assert.equal(Array.from(d).filter((r) => r >= 80).length, 15);
    assert.ok(new Set(d).size < 75, "with replacement");
    assert.deepEqual(d, bootstrapDraw(100, 0.75, 7, 0, strata));
    assert.notDeepEqual(d, bootstrapDraw(100, 0.75, 7, 1, strata));
    assert.equal(bootstrapDraw(10, 0.75, 7, 0, null).length, 8);
  });
  it("model structure: identical members give that member's mean and trend in every combination", () => {
    const n = 3;
    const block = new Float32Array(years.length * n);
    years.forEach((_, y) => {
      for (let i = 0; i < n; i++) block[y * n + i] = 100 + i + 0.5 * y;
    });
    const ms = modelStructureMaps([block, block.slice()], years, 4, 1);
    assert.equal(ms.trend.length, 4);
    for (const t of ms.trend) for (const v of t) assert.ok(Math.abs(v - 0.5) < 1e-5);
    assert.ok(ms.choices.every((c) => c.length === 18 && c.every((m) => m === 0 || m === 1)));
    assert.ok(new Set(ms.choices.flat()).size === 2, "both members drawn");
  });
});

describe("site-level trend agreement (Fig 3d–e)", () => {
  it("signs (site first), agreement, correlation and fit; short sites listed", () => {
    const site: string[] = [];
    const year: number[] = [];
    const obs: number[] = [];
    const map: number[] = [];
    const trends: [string, number, number][] = [["A", 1, 0.5], ["B", -0.5, -0.2], ["C", 0.8, -0.1], ["D", 2, 1]];
    for (const [s, o, m] of trends) for (let k = 0; k < 10; k++) { site.push(s); year.push(2005 + k); obs.push(50 + o * k); map.push(60 + m * k); }
    for (let k = 0; k < 4; k++) { site.push("E"); year.push(2005 + k); obs.push(1); map.push(1); }
    const a = siteTrendAgreement(site, year, obs, map);
    assert.deepEqual(a.signs, { "++": 2, "+-": 1, "-+": 0, "--": 1 });
    assert.equal(a.signAgreement, 0.75);
    assert.deepEqual(a.tooShort, [{ site: "E", n: 4 }]);
    assert.equal(a.skippedSites, 1);
    assert.ok(Math.abs(a.rows.find((r) => r.site === "D")!.mapped - 1) < 1e-12);
    assert.ok(a.fit.slope < 1 && a.r > 0.8);
    assert.throws(() => siteTrendAgreement(site, year, obs, map, { minYears: 11 }), (e: unknown) => e instanceof ArgumentError && /only 0 sites have ≥ 11 site-years/.test(e.message));
  });
});

describe("fire response (Fig 8)", () => {
  it("change from the two pre-fire years by land cover and lag", () => {
    const n = 3;
    const fy = [2006, 0, 2010];
    const lc = [1, 1, 21];
    const s = new Float32Array(years.length * n);
    years.forEach((yr, y) => {
      for (let i = 0; i < n; i++) s[y * n + i] = 100 + (fy[i]! > 0 && yr > fy[i]! ? 20 : 0);
    });
    const r = fireResponse(fy, lc, [s], years, [-1, 0, 1, 2]);
    assert.deepEqual(r.burned, { "1": 1, "21": 1 });
    assert.deepEqual(r.skipped, { noBaseline: 0, missingBaseline: 0, missing: 0 });
    const row = (l: number, lag: number): number => r.rows.find((x) => x.landcover === l && x.lag === lag)!.change[0]!;
    assert.deepEqual([row(1, -1), row(1, 0), row(1, 1), row(21, 2)], [0, 0, 20, 20]);
    assert.throws(() => fireResponse(fy, [1], [s], years), (e: unknown) => e instanceof ArgumentError && /fireResponse: landcover: length differs: got 1, expected 3 values, the length of fireYear/.test(e.message));
  });
});

describe("site-grouped folds", () => {
  it("keeps every site in one fold and uses every fold", async () => {
    const { groupedFolds } = await import("permafrost-kit");
    const groups = Array.from({ length: 200 }, (_, i) => `s${i % 37}`);
    const f = groupedFolds(groups, 10, 5);
    const foldOf = new Map<string, number>();
    groups.forEach((g, i) => {
      if (foldOf.has(g)) assert.equal(foldOf.get(g), f[i]);
      foldOf.set(g, f[i]!);
    });
    assert.equal(new Set(f).size, 10);
    assert.throws(() => groupedFolds(["a", "b"], 3, 1), /3 folds for only 2 groups/);
  });
});
