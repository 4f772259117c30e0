/**
 * The methods that used to live in notebook cells (issue 14), each on a small hand-computed case,
 * plus the argument errors of the error policy (class, and a message naming function, argument,
 * position and value).
 */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ArgumentError, altSettings, altSiteGroupedCvStage, bandCoverage, blockAtSiteYears, createRng, crossValidate, demoLandcoverName, fireRecovery, friedman1,
  comparePartialDependence, importancePercent, partialDependence, pearsonR, rankByImportance, trainForest,
  groupSlopes, groupedFolds, latitudeZoneSummary, offsetGroupSlopes, type SitePredictors, lonLatGrid, elementwiseMean, offsetIdentityCheck, pixelTrendSummary, pixelTrends, randomSplit, regressionMetrics,
  table1GroupSummaries, table1SiteIndex, trendSummary, type FireResponseRow, type Table1, type TrainingTable,
} from "permafrost-kit";
import { refuses, refusesAsync } from "../bad-input/corpus";

/** A two-row Table 1: row 0 agrees with Eqs 1–2, row 1's printed SO is 0.2 °C off. */
function miniTable(): Table1 {
  const f = (a: number[]): Float64Array => Float64Array.from(a);
  const d = (a: number[]): Int8Array => Int8Array.from(a);
  return {
    file: "mini.csv", n: 2, lines: [2, 3], no: Int32Array.from([1, 2]), region: ["Arctic", "Antarctica"], subRegion: ["Alaska", "Antarctica"], site: ["A", "B"],
    values: { MAGST: f([-1.2, -1.2]), TTOP: f([-2.0, -2.0]), ALT: f([100, NaN]), MAAT: f([-3.5, -3.5]), TO: f([-0.8, -0.8]), SO: f([2.3, 2.5]) },
    decimals: { MAGST: d([1, 1]), TTOP: d([1, 1]), ALT: d([0, -1]), MAAT: d([1, 1]), TO: d([1, 2]), SO: d([1, 1]) },
    marks: { MAGST: ["", ""], TTOP: ["", ""], ALT: ["", ""], MAAT: ["", ""] }, note: ["", ""], warnings: [],
  };
}

describe("randomSplit (paper 2: 75/25)", () => {
  it("round(0.75 n) training rows, the rest test, both sorted, from the seeded permutation", () => {
    const s = randomSplit(4, 0.75, 1, "demo");
    const perm = Array.from(createRng(1, "demo").permutation(4));
    assert.deepEqual(s.train, perm.slice(0, 3).sort((a, b) => a - b));
    assert.deepEqual(s.test, perm.slice(3));
    assert.deepEqual([...s.train, ...s.test].sort((a, b) => a - b), [0, 1, 2, 3]);
  });
  refuses("randomSplit: one row", () => randomSplit(1, 0.75, 1), ArgumentError, ["randomSplit", "n", "got 1"]);
  refuses("randomSplit: share 1", () => randomSplit(4, 1, 1), ArgumentError, ["randomSplit", "trainShare", "empty part"]);
  refuses("randomSplit: share leaving no training row", () => randomSplit(4, 0.1, 1), ArgumentError, ["randomSplit", "trainShare", "0.1"]);
});

describe("offsetIdentityCheck (paper 2, Eqs 1–2)", () => {
  it("lists the row whose printed SO differs by more than the rounding tolerance", () => {
    const so = offsetIdentityCheck(miniTable(), "SO");
    assert.deepEqual(so.rows, [{ No: 2, site: "B", printed: 2.5, recomputed: 2.3, difference: 0.2, tolerance: 0.15 }]);
    assert.ok(Math.abs(so.recomputed[0]! - 2.3) < 1e-12);
  });
  it("TO = TTOP − MAGST agrees within rounding in both rows", () => {
    const to = offsetIdentityCheck(miniTable(), "TO");
    assert.deepEqual(to.rows, []);
    assert.ok(Math.abs(to.recomputed[1]! + 0.8) < 1e-12);
  });
  refuses("offsetIdentityCheck: unknown offset", () => offsetIdentityCheck(miniTable(), "XO" as "SO"), ArgumentError, ["offsetIdentityCheck", "offset", "XO"]);
  refuses("offsetIdentityCheck: decimals missing", () => offsetIdentityCheck({ ...miniTable(), decimals: { ...miniTable().decimals, MAAT: new Int8Array(1) } }, "SO"), ArgumentError, ["offsetIdentityCheck", "t.decimals.MAAT"]);
});

describe("table1GroupSummaries and table1SiteIndex (paper 2, Eq. 3)", () => {
  it("summarizes each column per group, counting missing ALT", () => {
    const t = miniTable();
    const s = table1GroupSummaries(t, "region", ["Antarctica", "Arctic", "Third Pole"], { SO: t.values.SO, ALT: t.values.ALT });
    assert.deepEqual(Object.keys(s), ["Antarctica", "Arctic", "Third Pole"]);
    assert.equal(s.Antarctica!.SO!.mean, 2.5);
    assert.equal(s.Antarctica!.ALT!.n, 0);
    assert.equal(s.Antarctica!.ALT!.nMissing, 1);
    assert.equal(s.Arctic!.ALT!.mean, 100);
    assert.equal(s["Third Pole"]!.SO!.n, 0);
  });
  it("finds a site's row by name", () => assert.equal(table1SiteIndex(miniTable(), "B"), 1));
  refuses("table1GroupSummaries: column of the wrong length", () => table1GroupSummaries(miniTable(), "region", ["Arctic"], { SO: [1, 2, 3] }), ArgumentError, ["table1GroupSummaries", "columns.SO", "got 3"]);
  refuses("table1GroupSummaries: group not a name", () => table1GroupSummaries(miniTable(), "region", [7 as unknown as string], {}), ArgumentError, ["table1GroupSummaries", "groups[0]", "got 7"]);
  refuses("table1SiteIndex: no such site", () => table1SiteIndex(miniTable(), "Z"), ArgumentError, ["table1SiteIndex", "site", "Z"]);
});

describe("trendSummary and pixelTrendSummary (paper 1 §3.1)", () => {
  it("share deepening, mean and type-7 IQR", () => {
    assert.deepEqual(trendSummary([-1, 1, 2, 2]), { n: 4, deepeningShare: 0.75, meanTrend: 1, iqrLow: 0.5, iqrHigh: 2 });
  });
  it("summarizes OLS and Sen trends and the mean ALT at the domain cells", () => {
    const m = pixelTrends([new Float32Array([1, 2, 9]), new Float32Array([2, 2, 9]), new Float32Array([3, 2, 9])], [2003, 2004, 2005], { minYears: 3 });
    const s = pixelTrendSummary(m, Int32Array.from([0, 1]));
    assert.equal(s.pixels, 2);
    assert.equal(s.deepeningOls, 0.5);
    assert.equal(s.deepeningSen, 0.5);
    assert.equal(s.meanTrend, 0.5);
    assert.equal(s.iqrLow, 0.25);
    assert.equal(s.iqrHigh, 0.75);
    assert.equal(s.meanAlt, 2);
  });
  refuses("trendSummary: NaN trend", () => trendSummary([1, NaN]), ArgumentError, ["[1]", "NaN"]);
  refuses("trendSummary: not an array", () => trendSummary(3 as unknown as number[]), ArgumentError, ["trendSummary", "trend", "got 3"]);
  refuses("pixelTrendSummary: alpha 0", () => pixelTrendSummary(pixelTrends([new Float32Array([1]), new Float32Array([2]), new Float32Array([3])], [1, 2, 3]), Int32Array.from([0]), 0), ArgumentError, ["pixelTrendSummary", "alpha", "got 0"]);
});

describe("bandCoverage (paper 1 §2.4.2, against the known truth)", () => {
  it("counts low ≤ truth ≤ high, both ends inclusive, among the kept pixels", () => {
    assert.equal(bandCoverage([0, 0, 0], [1, 1, 1], [0.5, 2, 1]), 2 / 3);
    assert.equal(bandCoverage([0, 0, 0], [1, 1, 1], [0.5, 2, 1], [false, true, true]), 0.5);
    assert.equal(bandCoverage([0, 0], [1, 1], [NaN, 0.5]), 0.5);
    assert.ok(Number.isNaN(bandCoverage([0], [1], [0.5], [false])));
  });
  refuses("bandCoverage: high of the wrong length", () => bandCoverage([0, 0], [1], [0.5, 0.5]), ArgumentError, ["bandCoverage", "high", "got 1"]);
  refuses("bandCoverage: mask not boolean", () => bandCoverage([0, 0], [1, 1], [0.5, 0.5], [true, 1 as unknown as boolean]), ArgumentError, ["bandCoverage", "keep[1]", "got 1"]);
});

describe("latitudeZoneSummary (paper 1 §3.1, Fig 4d)", () => {
  const g = lonLatGrid([0, 57, 1, 60], 1);
  it("mean and IQR over the cells whose centre is in [south, north)", () => {
    assert.deepEqual(latitudeZoneSummary(g, [10, 20, 30], Int32Array.from([0, 1, 2]), 58, 60), { pixels: 2, mean: 15, q25: 12.5, q75: 17.5 });
    const empty = latitudeZoneSummary(g, [10, 20, 30], Int32Array.from([0, 1, 2]), 20, 30);
    assert.equal(empty.pixels, 0);
    assert.ok(Number.isNaN(empty.mean) && Number.isNaN(empty.q25));
  });
  refuses("latitudeZoneSummary: inverted zone", () => latitudeZoneSummary(g, [1, 2, 3], Int32Array.from([0]), 60, 50), ArgumentError, ["latitudeZoneSummary", "north", "got 50"]);
  refuses("latitudeZoneSummary: map of the wrong size", () => latitudeZoneSummary(g, [1, 2], Int32Array.from([0]), 50, 60), ArgumentError, ["latitudeZoneSummary", "map", "got 2"]);
});

describe("fireRecovery (paper 1 §2.5, Fig 8)", () => {
  const rows: FireResponseRow[] = [1, 2, 3].map((lag) => ({ landcover: 21, lag, pixels: 5, change: [[8, 6, 3][lag - 1]!, 1] }));
  it("lag-1 change and the first later lag below half of it", () => {
    assert.deepEqual(fireRecovery(rows, 21, 0), { lag1: 8, halfLag: 3 });
    assert.deepEqual(fireRecovery(rows, 21, 1), { lag1: 1, halfLag: null });
    const noLag1 = fireRecovery(rows.slice(1), 21, 0);
    assert.ok(Number.isNaN(noLag1.lag1));
    assert.equal(noLag1.halfLag, null);
  });
  refuses("fireRecovery: series not in the rows", () => fireRecovery(rows, 21, 2), ArgumentError, ["fireRecovery", "series", "got 2"]);
  it("names the demo world's land covers", () => {
    assert.equal(demoLandcoverName(21), "shrub tundra");
    assert.equal(demoLandcoverName(99), "99");
  });
});

describe("blockAtSiteYears (paper 1 §3.1, Fig 3d–e)", () => {
  const block = new Float32Array([1, 2, 3, 4]);
  const cells = Int32Array.from([7, 9]);
  it("reads each site-year's pixel in its year", () => {
    assert.deepEqual(blockAtSiteYears(block, cells, [2003, 2004], Int32Array.from([9, 7]), Int32Array.from([2004, 2003])), Float64Array.from([4, 1]));
  });
  refuses("blockAtSiteYears: cell not mapped", () => blockAtSiteYears(block, cells, [2003, 2004], [8], [2003]), ArgumentError, ["blockAtSiteYears", "cell[0]", "got 8"]);
  refuses("blockAtSiteYears: year not mapped", () => blockAtSiteYears(block, cells, [2003, 2004], [7, 9], [2003, 2005]), ArgumentError, ["blockAtSiteYears", "year[1]", "got 2005"]);
  refuses("blockAtSiteYears: block of the wrong length", () => blockAtSiteYears(new Float32Array(3), cells, [2003, 2004], [7], [2003]), ArgumentError, ["blockAtSiteYears", "block.length", "got 3"]);
});

describe("altSiteGroupedCvStage (paper 1 §2.4.1, sites held out)", () => {
  const { x, y } = friedman1(60, 5, 3, "site-cv");
  const site = Array.from({ length: 60 }, (_, i) => `s${i % 12}`);
  const table: TrainingTable = { x, y, rows: new Int32Array(60), cell: new Int32Array(60), site, year: new Int32Array(60), unmatched: [] };
  const settings = { ...altSettings("quick", 5), nfolds: 4 };
  const members = [{ ntrees: 5, mtries: 2, minRows: 2, seed: 11 }, { ntrees: 5, mtries: 3, minRows: 3, seed: 12 }];
  it("equals the members' grouped-fold holdouts averaged and scored", async () => {
    const before = process.env.PERMAFROST_NO_CACHE;
    process.env.PERMAFROST_NO_CACHE = "1";
    try {
      const got = await altSiteGroupedCvStage(table, members, settings, { workers: 1 });
      const folds = groupedFolds(site, 4, 5);
      const holdouts: Float64Array[] = [];
      for (const o of members) holdouts.push((await crossValidate(x, y, o, { folds, workers: 1 })).holdout);
      const mean = elementwiseMean(holdouts);
      assert.deepEqual(got.value.holdout, mean);
      assert.deepEqual(got.value.metrics, regressionMetrics(y, mean));
      assert.equal(got.hit, false);
    } finally {
      if (before === undefined) delete process.env.PERMAFROST_NO_CACHE;
      else process.env.PERMAFROST_NO_CACHE = before;
    }
  });
  refusesAsync("altSiteGroupedCvStage: no members", () => altSiteGroupedCvStage(table, [], settings), ArgumentError, ["altSiteGroupedCvStage", "members", "no members"]);
  refusesAsync("altSiteGroupedCvStage: site list of the wrong length", () => altSiteGroupedCvStage({ ...table, site: site.slice(1) }, members, settings), ArgumentError, ["altSiteGroupedCvStage", "table.site", "got 59"]);
});

describe("offsetGroupSlopes (paper 2, Eq. 8 study groups)", () => {
  const base = miniTable();
  const f = (a: number[]): Float64Array => Float64Array.from(a);
  const four = (a: Float64Array): Float64Array => f([...a, ...a]);
  const t: Table1 = {
    ...base, n: 4, lines: [2, 3, 4, 5], no: Int32Array.from([1, 2, 3, 4]), region: ["Arctic", "Arctic", "Arctic", "Arctic"], subRegion: ["Alaska", "Alaska", "Alaska", "Alaska"], site: ["A", "B", "C", "D"],
    values: { MAGST: four(base.values.MAGST), TTOP: four(base.values.TTOP), ALT: f([100, 100, 100, 100]), MAAT: four(base.values.MAAT), TO: four(base.values.TO), SO: f([1, 2.5, 2, 4]) },
    decimals: { ...base.decimals }, marks: { MAGST: ["", "", "", ""], TTOP: ["", "", "", ""], ALT: ["", "", "", ""], MAAT: ["", "", "", ""] }, note: ["", "", "", ""],
  };
  const preds = { values: { SNOW_DEPTH: f([0.1, 0.2, 0.3, 0.5]), SNOW_COVER: f([0.5, 0.7, 0.6, 0.9]) } } as unknown as SitePredictors;
  const classes = ["Tundra", "Tundra", "Tundra", "Tundra"];
  it("is groupSlopes on the offset, the named drivers and \"region / class\" groups", () => {
    const got = offsetGroupSlopes(t, preds, "SO", classes, ["SNOW_DEPTH", "SNOW_COVER"]);
    const want = groupSlopes({ offset: t.values.SO, drivers: { SNOW_DEPTH: preds.values.SNOW_DEPTH, SNOW_COVER: preds.values.SNOW_COVER }, group: Array<string>(4).fill("Arctic / Tundra"), subgroup: t.region, rowLabels: t.site });
    assert.deepEqual(got, want);
    assert.equal(got.effects[0]!.group, "Arctic / Tundra");
    assert.equal(got.effects[0]!.n, 4);
  });
  refuses("offsetGroupSlopes: unknown driver", () => offsetGroupSlopes(t, preds, "SO", classes, ["SNOW" as "SNOW_DEPTH"]), ArgumentError, ["offsetGroupSlopes", "drivers[0]", "SNOW"]);
  refuses("offsetGroupSlopes: classes of the wrong length", () => offsetGroupSlopes(t, preds, "SO", classes.slice(1), ["SNOW_DEPTH"]), ArgumentError, ["offsetGroupSlopes", "classes", "got 3"]);
});

describe("driver importance and PD comparison (paper 1 §2.4.3, Figs 6–7)", () => {
  const { x, y } = friedman1(80, 5, 4, "drivers");
  const a = trainForest(x, y, { ntrees: 8, seed: 1 });
  const b = trainForest(x, y, { ntrees: 8, seed: 2 });
  it("importancePercent is h2o's percentage × 100 and sums to 100", () => {
    const m = importancePercent(a);
    const rows = a.importance("impurity");
    assert.equal(m.get(rows[0]!.feature), 100 * rows[0]!.percentage);
    assert.ok(Math.abs([...m.values()].reduce((s, v) => s + v, 0) - 100) < 1e-9);
  });
  it("rankByImportance: largest first, ties in the order given", () => {
    assert.deepEqual(rankByImportance(new Map([["a", 10], ["b", 30], ["c", 10]]), ["a", "b", "c"]), ["b", "a", "c"]);
    assert.deepEqual(rankByImportance(new Map([["a", 10], ["b", 30], ["c", 10]]), ["c", "a"]), ["c", "a"]);
  });
  it("comparePartialDependence: both profiles with the same options, their ranges and the r of the PD curves", () => {
    const c = comparePartialDependence(a, b, x, "x3", { gridSize: 5, iceRows: 3, seed: 1 });
    const pa = partialDependence(a, x, "x3", { gridSize: 5, iceRows: 3, seed: 1 });
    const pb = partialDependence(b, x, "x3", { gridSize: 5, iceRows: 3, seed: 1 });
    assert.deepEqual(c.pd, pa);
    assert.deepEqual(c.reference, pb);
    assert.deepEqual(c.summary, { predictor: "x3", mappedRange: pa.pdRange, trueRange: pb.pdRange, shapeR: pearsonR(pa.pd, pb.pd) });
  });
  refuses("rankByImportance: a name without importance", () => rankByImportance(new Map([["a", 1]]), ["a", "z"]), ArgumentError, ["rankByImportance", "names[1]", "z"]);
  refuses("importancePercent: not a forest", () => importancePercent({} as unknown as ReturnType<typeof trainForest>), ArgumentError, ["importancePercent", "forest"]);
});
