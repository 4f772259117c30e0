/**
 * Paper 1 §3.1 statistics of annual maps in bounded memory (issue 16): BinnedDistribution against
 * exact moments and type-7 quantiles; annualMapSummary against the in-memory pixelTrends of the
 * whole stack, per pixel and area-weighted, identical whatever the block height, and its COGs
 * equal to the in-memory maps.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  ArgumentError, BinnedDistribution, LIU2024_CLAIMS, annualMapSummary, annualSummaryResults, cellAreaKm2, createRng, evaluateLiu2024Claims, lonLatGrid, pixelTrends, quantiles, readGeoTiff, roundsToPrinted, stats,
} from "permafrost-kit";
import { refuses, refusesAsync } from "../bad-input/corpus";

/** |binned − type 7| ≤ bin width + the gap between the order statistics around ⌈pn⌉. */
function assertQuantileClose(binned: number, sorted: Float64Array, p: number, width: number, label: string): void {
  const exact = quantiles(sorted, [p])[0]!;
  const m = Math.ceil(p * sorted.length) - 1; // 0-based x(m)
  const gap = sorted[Math.min(sorted.length - 1, m + 1)]! - sorted[Math.max(0, m - 1)]!;
  assert.ok(Math.abs(binned - exact) <= width + gap + 1e-12, `${label}: binned ${binned}, type 7 ${exact}, width ${width}, gap ${gap}`);
}

test("BinnedDistribution: exact moments, quantiles within a bin width of type 7, weighted quantiles of the weighted CDF", () => {
  const rng = createRng(7, "binned");
  const n = 100_000;
  const x = Float64Array.from({ length: n }, () => 0.1 + 0.35 * rng.normal());
  const d = new BinnedDistribution(-50, 50, 0.0005);
  for (const v of x) d.add(v);
  const s = d.summary();
  assert.equal(s.n, n);
  assert.ok(Math.abs(s.mean - stats.mean(x)) < 1e-12, `${s.mean} vs ${stats.mean(x)}`);
  assert.ok(Math.abs(s.sd - stats.sampleSd(x)) < 1e-10, `${s.sd} vs ${stats.sampleSd(x)}`);
  const sorted = Float64Array.from(x).sort();
  assert.equal(s.min, sorted[0]);
  assert.equal(s.max, sorted[n - 1]);
  for (const [p, q] of [[0.25, s.q25], [0.5, s.median], [0.75, s.q75]] as const) assertQuantileClose(q, sorted, p, 0.0005, `p ${p}`);
  // weights: the weighted CDF's p-quantile is the value where the cumulative weight reaches p·Σw
  const w = Float64Array.from({ length: n }, () => 0.2 + rng.uniform());
  const dw = new BinnedDistribution(-50, 50, 0.0005);
  x.forEach((v, i) => dw.add(v, w[i]));
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]!);
  const total = w.reduce((a, b) => a + b, 0);
  for (const p of [0.25, 0.5, 0.75]) {
    let cum = 0, k = 0;
    while (cum + w[order[k]!]! < p * total) cum += w[order[k++]!]!;
    const exact = x[order[k]!]!;
    assert.ok(Math.abs(dw.quantile(p) - exact) <= 0.0005 + (x[order[k + 1]!]! - x[order[Math.max(0, k - 1)]!]!), `weighted p ${p}: ${dw.quantile(p)} vs ${exact}`);
  }
  const wm = x.reduce((a, v, i) => a + v * w[i]!, 0) / total;
  assert.ok(Math.abs(dw.summary().mean - wm) < 1e-12);
  // outside the bins: counted, in the moments, and a quantile there is NaN rather than a wrong number
  const o = new BinnedDistribution(0, 10, 1);
  for (const v of [-5, 1, 2, 3]) o.add(v);
  assert.deepEqual([o.summary().below, o.summary().min, o.summary().mean], [1, -5, 0.25]);
  assert.ok(Number.isNaN(o.quantile(0.1)));
  assert.equal(o.quantile(0), -5);
});

describe("BinnedDistribution refusals", () => {
  refuses("a bin range that is empty", () => new BinnedDistribution(5, 5, 1), ArgumentError, ["BinnedDistribution", "hi", "empty range"]);
  refuses("ten billion bins", () => new BinnedDistribution(0, 1e6, 1e-6), ArgumentError, ["BinnedDistribution", "bins"]);
  refuses("a NaN value added", () => new BinnedDistribution(0, 1, 0.1).add(NaN), ArgumentError, ["BinnedDistribution.add", "x", "NaN", "drop missing"]);
  refuses("a negative weight", () => new BinnedDistribution(0, 1, 0.1).add(0.5, -1), ArgumentError, ["BinnedDistribution.add", "weight", "-1"]);
});

// a small annual world: 40 × 24 cells at 0.5° over 30–42 °N… 55 °N, 18 years, NaN outside a blob, a few short pixels
const grid = lonLatGrid([-150, 43, -130, 55], 0.5);
const years = Array.from({ length: 18 }, (_, k) => 2003 + k);
const rng = createRng(3, "annual-world");
const size = grid.width * grid.height;
const slope = Float64Array.from({ length: size }, () => 0.1 + 0.4 * rng.normal());
const base = Float64Array.from({ length: size }, () => 40 + 200 * rng.uniform());
const bands = years.map((_, t) => Float32Array.from({ length: size }, (_, i) => (i % 17 === 0 ? NaN : i % 23 === 0 && t % 2 === 0 ? NaN : Math.max(1, base[i]! + slope[i]! * t + 3 * rng.normal()))));
const source = { grid, years, readRows: (r0: number, r1: number) => Promise.resolve(bands.map((b) => b.slice(r0 * grid.width, r1 * grid.width))) };

test("annualMapSummary equals the in-memory statistics of the whole stack, per pixel and area-weighted, whatever the block height", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "annual-summary-"));
  const s = await annualMapSummary(source, { blockRows: 5, progress: false, minYears: 10, outDir: dir, displayWidth: 10 });
  const full = pixelTrends(bands, years, { minYears: 10, progress: false });
  const cells = Array.from({ length: size }, (_, i) => i);
  const withMean = cells.filter((i) => !Number.isNaN(full.mean[i]!));
  const withTrend = cells.filter((i) => !Number.isNaN(full.ols[i]!));
  assert.equal(s.pixels, withMean.length);
  assert.equal(s.trendPixels, withTrend.length);
  assert.ok(withTrend.length < withMean.length, "some pixels are too short for a trend");
  const ols = Float64Array.from(withTrend, (i) => full.ols[i]!);
  assert.ok(Math.abs(s.olsTrend.perPixel.mean - stats.mean(ols)) < 1e-12);
  assert.ok(Math.abs(s.olsTrend.perPixel.sd - stats.sampleSd(ols)) < 1e-12);
  const sorted = Float64Array.from(ols).sort();
  assertQuantileClose(s.olsTrend.perPixel.q25, sorted, 0.25, 0.0005, "OLS q25");
  assertQuantileClose(s.olsTrend.perPixel.q75, sorted, 0.75, 0.0005, "OLS q75");
  assert.equal(s.shares.perPixel.deepeningOls, withTrend.filter((i) => full.ols[i]! > 0).length / withTrend.length);
  assert.equal(s.shares.perPixel.significantDeepening, withTrend.filter((i) => full.mkP[i]! < 0.05 && full.sen[i]! > 0).length / withTrend.length);
  // area-weighted: each pixel by its row's cell area
  const area = (i: number) => cellAreaKm2(grid, Math.floor(i / grid.width));
  const aw = withTrend.reduce((a, i) => a + area(i), 0);
  assert.ok(Math.abs(s.shares.areaWeighted.deepeningOls - withTrend.filter((i) => full.ols[i]! > 0).reduce((a, i) => a + area(i), 0) / aw) < 1e-12);
  const awMean = withMean.reduce((a, i) => a + full.mean[i]! * area(i), 0) / withMean.reduce((a, i) => a + area(i), 0);
  assert.ok(Math.abs(s.meanAlt.areaWeighted.mean - awMean) < 1e-9);
  assert.ok(s.meanAlt.areaWeighted.mean !== s.meanAlt.perPixel.mean, "area weighting changes the mean of a world spanning 12° of latitude");
  // zones by the pixel centre: this world is all ≥ 43 °N, so 25–50 °N holds the rows south of 50 °N
  const z25 = withMean.filter((i) => 55 - (Math.floor(i / grid.width) + 0.5) * 0.5 < 50);
  assert.equal(s.zones[0]!.meanAlt.perPixel.n, z25.length);
  assert.equal(s.zones[1]!.meanAlt.perPixel.n, withMean.length - z25.length);
  // the COGs are the in-memory maps
  assert.deepEqual((await readGeoTiff(s.files!.olsTrend)).bands[0], full.ols);
  assert.deepEqual((await readGeoTiff(s.files!.mkP)).bands[0], full.mkP);
  // display maps: 40 columns down to 10 (factor 4)
  assert.deepEqual([s.display.factor, s.display.grid.width, s.display.grid.height], [4, 10, 6]);
  // the block height changes nothing
  const other = await annualMapSummary(source, { blockRows: 1, progress: false, minYears: 10 });
  const whole = await annualMapSummary(source, { progress: false, minYears: 10 });
  for (const t of [other, whole]) {
    assert.deepEqual([t.meanAlt, t.olsTrend, t.senTrend, t.shares, t.zones, t.latitude], [s.meanAlt, s.olsTrend, s.senTrend, s.shares, s.zones, s.latitude]);
  }
});

test("the paper-1 claims ledger: every claim listed, checkable ones recomputed both ways, the reading named", async () => {
  const s = await annualMapSummary(source, { progress: false, minYears: 10 });
  const rows = evaluateLiu2024Claims(s);
  assert.deepEqual(rows.map((r) => r.id), LIU2024_CLAIMS.map((c) => c.id));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const share = byId.get("abs-share-deepening")!;
  assert.equal(share.computed, 100 * s.shares.perPixel.deepeningOls);
  assert.equal(share.areaWeighted!.computed, 100 * s.shares.areaWeighted.deepeningOls);
  const q75 = byId.get("abs-trend-q75")!;
  assert.equal(q75.computed, s.olsTrend.perPixel.q75);
  assert.match(q75.rule, /quantile to ± 0.0005/);
  const north = byId.get("res-zone-north-mean")!;
  assert.equal(north.computed, s.zones[1]!.meanAlt.perPixel.mean);
  assert.equal(north.n, s.zones[1]!.meanAlt.perPixel.n);
  for (const r of rows) {
    if (r.computed === null) {
      assert.deepEqual([r.match, r.areaWeighted, r.reading], [null, null, null]);
      assert.ok(r.note.startsWith("needs ") || r.note.startsWith("the maps have no pixel"), r.id);
      continue;
    }
    const printed = r.printed as number;
    const decimals = (String(printed).split(".")[1] ?? "").length;
    assert.equal(r.match, roundsToPrinted(r.computed, printed, decimals), r.id);
    const want = r.match && r.areaWeighted!.match ? "both" : r.match ? "per pixel" : r.areaWeighted!.match ? "area-weighted" : "neither";
    assert.equal(r.reading, want, r.id);
  }
  // maps that do not reach 25–50 °N cannot check that zone's claims
  const northOnly = { ...s, zones: [{ ...s.zones[0]!, meanAlt: { perPixel: { ...s.zones[0]!.meanAlt.perPixel, n: 0, mean: NaN }, areaWeighted: { ...s.zones[0]!.meanAlt.areaWeighted, n: 0, mean: NaN } } }, s.zones[1]!] };
  const t = evaluateLiu2024Claims(northOnly).find((r) => r.id === "res-zone-temperate-mean")!;
  assert.deepEqual([t.computed, t.match, t.reading, t.n, t.note], [null, null, null, 0, "the maps have no pixel in 25–50 °N"]);
  // for the results file: no NaN anywhere, the reason beside every null
  const nans: string[] = [];
  const walk = (v: unknown, at: string): void => {
    if (typeof v === "number" && !Number.isFinite(v)) nans.push(at);
    else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, `${at}.${k}`);
  };
  const r = annualSummaryResults(northOnly);
  walk(r, "$");
  assert.deepEqual(nans, []);
  assert.deepEqual([r.zones[0]!.meanAlt.perPixel.mean, r.zones[0]!.meanAlt.perPixel.missing], [null, "no values"]);
  assert.ok(r.latitude.meanAlt.every((b) => b.values.n! > 0));
  // a summary made to match the per-pixel reading only
  const fake = { ...s, olsTrend: { perPixel: { ...s.olsTrend.perPixel, mean: 0.112 }, areaWeighted: { ...s.olsTrend.areaWeighted, mean: 0.2 } } };
  const m = evaluateLiu2024Claims(fake).find((r) => r.id === "abs-trend-mean")!;
  assert.deepEqual([m.match, m.areaWeighted!.match, m.reading], [true, false, "per pixel"]);
});

describe("annualMapSummary refusals", () => {
  refusesAsync("a grid that is not lon/lat", () => annualMapSummary({ ...source, grid: { ...grid, crs: "EPSG:3413" } }), ArgumentError, ["annualMapSummary", "source.grid.crs", "EPSG:3413", "gdalwarp"]);
  refusesAsync("an unknown option", () => annualMapSummary(source, { blockRow: 4 } as never), ArgumentError, ["annualMapSummary", "options.blockRow"]);
  refusesAsync("a source block of the wrong size", () => annualMapSummary({ ...source, readRows: () => Promise.resolve([new Float32Array(3)]) }, { progress: false }), ArgumentError, ["annualMapSummary", "source.readRows", "rows 0–", "18 Float32Arrays"]);
  refuses("claims checked against something that is not a map summary", () => evaluateLiu2024Claims({} as never), ArgumentError, ["evaluateLiu2024Claims", "summary", "not a map summary"]);
  refusesAsync("claims checked against maps without a single trend", async () => evaluateLiu2024Claims({ ...(await annualMapSummary(source, { progress: false })), trendPixels: 0 }), ArgumentError, ["evaluateLiu2024Claims", "summary.trendPixels", "no trends"]);
  refusesAsync("too few years", () => annualMapSummary({ ...source, years: [2003, 2004] }), ArgumentError, ["annualMapSummary", "source.years", "at least 3 years"]);
  refusesAsync("a ±Infinity in a block", () => annualMapSummary({ ...source, readRows: (r0, r1) => source.readRows(r0, r1).then((b) => (b[3]![5] = Infinity, b)) }, { progress: false }), ArgumentError, ["Infinity"]);
});
