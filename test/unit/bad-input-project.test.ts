/**
 * Bad-input corpus of the project area: the content-hash cache (corrupt entries are recomputed,
 * never served), results and timings files, profiles and paths, the paper-1 chain's settings and
 * stages (src/alt), the notebook display helpers and the figure builders. Round 2: cache keys
 * and cached values that the hash or JSON could not keep faithfully, results nesting, holes and
 * out-of-range numbers on read, NaN site-years and fire pixels (skipped and counted), and stack
 * queries whose years are repeated or out of order.
 */
import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe } from "node:test";
import {
  ArgumentError, DataError, EngineError, type GridModel, type Matrix, type TrainingTable,
  altGridStage, altMemberMaps, altSettings, gatherAtCells, blockAnnualViews, bootstrapDraw, buildSubdir, byProfile, cached, contentHash,
  currentProfile, densityScatter, makeFigure, fireResponse, loadAltInputs, markdownTable, meanForestPlot, elementwiseMean, memberOptions,
  modelStructureMaps, notebookHeader, polarAzimuthal, rasterMap, readCacheFile, readResults, resultsDir, showFigure, siteTrendAgreement, scatterToMap,
  writeResults, writeTimings, lonLatGrid, makeRaster, pixelPredictorMeans, RasterStack, pixelMatrixForYear, pixelMatrixForYears,
} from "permafrost-kit";
import { countsExclusion, refuses, refusesAsync } from "../bad-input/corpus";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pk-bad-project-"));
const saved = { build: process.env["PERMAFROST_BUILD_DIR"], profile: process.env["PERMAFROST_PROFILE"], noCache: process.env["PERMAFROST_NO_CACHE"], chromium: process.env["PERMAFROST_CHROMIUM"] };
process.env["PERMAFROST_BUILD_DIR"] = tmp;
delete process.env["PERMAFROST_NO_CACHE"];
after(() => {
  for (const [k, v] of [["PERMAFROST_BUILD_DIR", saved.build], ["PERMAFROST_PROFILE", saved.profile], ["PERMAFROST_NO_CACHE", saved.noCache], ["PERMAFROST_CHROMIUM", saved.chromium]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Run `body` with an environment variable set, restoring it afterwards. */
function withEnv<T>(name: string, value: string, body: () => T): T {
  const prev = process.env[name];
  process.env[name] = value;
  try {
    return body();
  } finally {
    if (prev === undefined) delete process.env[name];
    else process.env[name] = prev;
  }
}

// ---------------------------------------------------------------------------------------------
// Cache corruption: every damaged entry is recomputed (and overwritten), never served.

interface Entry { v: Float64Array; n: number; label: string }
const truth = (): Entry => ({ v: Float64Array.from([1.5, -2.25, 1e-9, 42]), n: 4, label: "truth" });

/**
 * Store an entry, damage its file with `damage`, read it again and check the damaged entry was
 * rejected (reason matching `reason`), recomputed to the right value, and overwritten with a
 * valid entry.
 */
async function corruptAndReread(stage: string, damage: (bytes: Buffer, file: string) => void, reason: RegExp): Promise<void> {
  const key = contentHash("corpus", stage);
  let calls = 0;
  const compute = (): Entry => {
    calls++;
    return truth();
  };
  const first = await cached(stage, key, compute);
  damage(fs.readFileSync(first.file), first.file);
  const second = await cached(stage, key, compute);
  assert.equal(second.hit, false, "a damaged entry must not be served");
  assert.equal(calls, 2, "the damaged entry is recomputed");
  assert.ok(second.rejected !== null && reason.test(second.rejected), `rejected because ${String(second.rejected)}, expected ${String(reason)}`);
  assert.deepEqual(Array.from(second.value.v), Array.from(truth().v));
  const state = readCacheFile<Entry>(second.file);
  assert.ok(state.ok, "the entry is overwritten with a valid one");
  const third = await cached(stage, key, compute);
  assert.equal(third.hit, true);
  assert.deepEqual(Array.from(third.value.v), Array.from(truth().v));
}

describe("cache: corrupt entries are recomputed", () => {
  countsExclusion("cache entry with one bit flipped in a number of the payload (still valid JSON)", () =>
    corruptAndReread("flip-number", (b, f) => {
      const i = b.indexOf(Buffer.from('"n":4')) + 4;
      b[i] = b[i]! ^ 0x01; // "4" → "5": parses fine, wrong value
      fs.writeFileSync(f, b);
    }, /checksum mismatch/));

  countsExclusion("cache entry with one bit flipped inside a typed array's base64", () =>
    corruptAndReread("flip-typed", (b, f) => {
      const i = b.indexOf(Buffer.from('"b64":"')) + 8;
      b[i] = b[i]! ^ 0x02;
      fs.writeFileSync(f, b);
    }, /checksum mismatch/));

  countsExclusion("cache entry truncated to half its length", () =>
    corruptAndReread("truncated", (b, f) => fs.writeFileSync(f, b.subarray(0, Math.floor(b.length / 2))), /truncated/));

  countsExclusion("cache entry whose header carries a wrong SHA-256", () =>
    corruptAndReread("wrong-checksum", (b, f) => fs.writeFileSync(f, b.toString("latin1").replace(/sha256=[0-9a-f]{64}/, `sha256=${"0".repeat(64)}`), "latin1"), /checksum mismatch/));

  countsExclusion("empty cache file (a run killed before the first byte)", () =>
    corruptAndReread("empty", (_b, f) => fs.writeFileSync(f, ""), /empty file/));

  countsExclusion("cache entry whose payload is garbage JSON under a matching checksum", () =>
    corruptAndReread("garbage", (_b, f) => {
      const payload = Buffer.from("{ this is not json ]", "utf8");
      const sha = contentHashOfBytes(payload);
      fs.writeFileSync(f, Buffer.concat([Buffer.from(`permafrost-cache 2 sha256=${sha} bytes=${payload.length}\n`), payload]));
    }, /unparsable payload/));

  countsExclusion("cache file without a checksum header holding a different, valid JSON value (old format)", () =>
    corruptAndReread("no-header", (_b, f) => fs.writeFileSync(f, JSON.stringify({ v: { $typed: "Float64Array", b64: Buffer.from(new Float64Array([9, 9, 9, 9]).buffer).toString("base64") }, n: 4, label: "stale" })), /no checksum header/));

  countsExclusion("cache entry with bytes appended after the payload", () =>
    corruptAndReread("appended", (b, f) => fs.writeFileSync(f, Buffer.concat([b, Buffer.from("garbage")])), /payload bytes, the header says/));

  countsExclusion("a stray temporary file of a dead writer next to the entry is ignored and removed", async () => {
    const key = contentHash("corpus", "stray");
    const dir = buildSubdir(path.join("cache", "stray"));
    const stray = path.join(dir, `.${key}.json.999999999.deadbeef.tmp`);
    fs.writeFileSync(stray, "permafrost-cache 2 sha256=");
    const r = await cached("stray", key, truth);
    assert.equal(r.hit, false);
    assert.deepEqual(Array.from(r.value.v), Array.from(truth().v));
    assert.ok(!fs.existsSync(stray), "the dead writer's temporary file is removed");
    assert.deepEqual(fs.readdirSync(dir), [`${key}.json`]);
  });
});

function contentHashOfBytes(b: Buffer): string {
  return createHash("sha256").update(b).digest("hex");
}

describe("cache: arguments", () => {
  refusesAsync("cached with a stage name that leaves the cache folder", () => cached("../escape", contentHash("x"), () => 1), ArgumentError, ["cached: stage", '"../escape"']);
  refusesAsync("cached with a key that is not a content hash", () => cached("ok", "not-a-hash", () => 1), ArgumentError, ["cached: key", '"not-a-hash"', "64 lower-case hex"]);
  refusesAsync("cached value holding a Map (JSON would store {})", () => cached("map", contentHash("map"), () => ({ m: new Map([[1, 2]]) })), ArgumentError, ["cached: value.m", "not a plain object"]);
  refusesAsync("PERMAFROST_NO_CACHE=true (not a valid switch; would be ignored)", () => {
    process.env["PERMAFROST_NO_CACHE"] = "true";
    return cached("env", contentHash("env"), () => 1).finally(() => delete process.env["PERMAFROST_NO_CACHE"]);
  }, ArgumentError, ["environment variable PERMAFROST_NO_CACHE", '"true"']);
  refuses("contentHash of an object that contains itself", () => {
    const o: Record<string, unknown> = { a: 1 };
    o["self"] = o;
    return contentHash("x", o);
  }, ArgumentError, ["contentHash: parts[1].self", "circular reference"]);
});

// ---------------------------------------------------------------------------------------------
// Profiles, paths, results and timings.

describe("profiles, paths, results", () => {
  refuses("PERMAFROST_PROFILE set to a name that is not a profile", () => withEnv("PERMAFROST_PROFILE", "fast", () => currentProfile()), ArgumentError, ["environment variable PERMAFROST_PROFILE", '"fast"', '"quick", "full"']);
  refuses("altSettings with an unknown profile name", () => altSettings("fastest" as "quick"), ArgumentError, ["altSettings: profile", '"fastest"', '"quick", "full"']);
  refuses("altSettings with a negative seed", () => altSettings("quick", -3), ArgumentError, ["altSettings: seed", "-3"]);
  refuses("byProfile without a value for the full profile", () => byProfile({ quick: 1 } as { quick: number; full: number }), ArgumentError, ["byProfile: choices.full", "missing"]);
  refuses("writeResults with a NaN deep inside", () => writeResults("t-nan", { stats: { so: [1, { mean: NaN }] } }), ArgumentError, ["writeResults: results.stats.so[1].mean", "got NaN"]);
  refuses("writeResults with a name that leaves the results folder", () => writeResults("../escape", { a: 1 }), ArgumentError, ["writeResults: name", '"../escape"']);
  refuses("writeResults with a _meta key (would replace the written meta block)", () => writeResults("t-meta", { _meta: { profile: "full" } }), ArgumentError, ["writeResults: results._meta", "reserved"]);
  refuses("writeResults with an object that contains itself (stack overflow before)", () => {
    const o: Record<string, unknown> = { a: 1 };
    o["again"] = o;
    return writeResults("t-cycle", { o });
  }, ArgumentError, ["writeResults: results.o.again", "circular reference"]);
  refuses("writeTimings with a NaN time", () => writeTimings("t-time", { grid: { ms: NaN } }), ArgumentError, ["writeTimings: stages.grid.ms", "got NaN"]);
  refuses("writeTimings with a misspelled cache flag", () => writeTimings("t-time", { grid: { ms: 1, cachehit: true } as { ms: number } }), ArgumentError, ["writeTimings: stages.grid.cachehit", "unknown option", "cacheHit"]);
  refuses("readResults of a results file cut in the middle", () => {
    const dir = resultsDir();
    fs.writeFileSync(path.join(dir, "t-cut.json"), '{\n  "_meta": {\n    "notebook": "t-cut",\n    "profile": ');
    return readResults("t-cut");
  }, DataError, ["t-cut.json line", "not valid JSON"]);
  refuses("buildSubdir with a folder outside the build folder", () => buildSubdir("../../etc"), ArgumentError, ["buildSubdir: sub", "path leaves the folder"]);
});

// ---------------------------------------------------------------------------------------------
// The paper-1 chain (src/alt).

const table: TrainingTable = {
  x: { data: Float64Array.from({ length: 40 }, (_, i) => i % 7), nRows: 20, nCols: 2, columns: ["a", "b"] },
  y: Float64Array.from({ length: 20 }, (_, i) => 50 + i),
  rows: Int32Array.from({ length: 20 }, (_, i) => i),
  cell: new Int32Array(20),
  site: Array.from({ length: 20 }, (_, i) => `s${i % 5}`),
  year: Int32Array.from({ length: 20 }, (_, i) => 2003 + (i % 4)),
  unmatched: [],
};
const years = [2003, 2004, 2005];

describe("paper-1 chain: settings, shapes, options", () => {
  refusesAsync("altGridStage with a misspelled option (worker for workers)", () => altGridStage(table, altSettings("quick"), { worker: 2 } as unknown as { workers: number }), ArgumentError, ["altGridStage: options.worker", "unknown option", "workers, onProgress"]);
  refusesAsync("altGridStage with a top-K larger than the grid", () => altGridStage(table, { ...altSettings("quick"), topK: 99 }), ArgumentError, ["altGridStage: settings.topK", "99", "≤ 15"]);
  refusesAsync("loadAltInputs with an unknown setting", () => loadAltInputs({ ...altSettings("quick"), bootstrapShares: 0.5 } as ReturnType<typeof altSettings>), ArgumentError, ["loadAltInputs: settings.bootstrapShares", "unknown option"]);
  refusesAsync("altMemberMaps with a pixel matrix of another column order than the table", () => {
    const pixels: Matrix = { data: new Float64Array(2 * 3 * 2), nRows: 6, nCols: 2, columns: ["b", "a"] };
    return altMemberMaps(table, [{ ntrees: 5 }], pixels, [2003, 2004, 2005], Int32Array.from([0, 1]));
  }, ArgumentError, ["altMemberMaps: pixels.columns[0]", '"b"', '"a"']);
  refusesAsync("altMemberMaps with pixel rows that are not years × cells", () => {
    const pixels: Matrix = { data: new Float64Array(5 * 2), nRows: 5, nCols: 2, columns: ["a", "b"] };
    return altMemberMaps(table, [{ ntrees: 5 }], pixels, years, Int32Array.from([0, 1]));
  }, ArgumentError, ["altMemberMaps: pixels.nRows", "got 5", "6 (3 years × 2 cells)"]);
  refuses("memberOptions asking for more members than models (would silently give fewer)", () => memberOptions([{ ntrees: 50, mtries: 2, minRows: 2 } as GridModel], 3, 1), ArgumentError, ["memberOptions: k", "got 3", "≤ 1"]);
  refuses("modelStructureMaps with members of different lengths", () => modelStructureMaps([new Float32Array(6), new Float32Array(9)], years, 2, 1), ArgumentError, ["modelStructureMaps: members[1].length", "got 9", "6 (3 years × 2 cells)"]);
  refuses("bootstrapDraw with a share above 1", () => bootstrapDraw(10, 1.5, 1, 0, null), ArgumentError, ["bootstrapDraw: share", "1.5"]);
  refuses("bootstrapDraw with strata of the wrong length", () => bootstrapDraw(10, 0.75, 1, 0, ["a", "b"]), ArgumentError, ["bootstrapDraw: strata", "got 2", "10 stratum labels"]);
  refuses("blockAnnualViews with a block that is not a multiple of the years", () => blockAnnualViews(new Float32Array(7), 3), ArgumentError, ["blockAnnualViews: block.length", "got 7", "multiple of 3"]);
  refuses("elementwiseMean arrays of different lengths", () => elementwiseMean([new Float32Array(3), new Float32Array(4)]), ArgumentError, ["elementwiseMean: parts[1].length", "got 4", "3"]);
  refuses("scatterToMap with a cell outside the map (silently dropped before)", () => scatterToMap([1, 2], Int32Array.from([0, 12]), 10), ArgumentError, ["scatterToMap: cells[1]", "got 12", "[0, 10)"]);
  refuses("gatherAtCells with a cell outside the map (read as NaN before)", () => gatherAtCells(new Float32Array(10), Int32Array.from([3, -1])), ArgumentError, ["gatherAtCells: cells[1]", "got -1"]);
  refuses("fireResponse with years that are not consecutive", () => fireResponse([0, 2004], [1, 1], [new Float32Array(6)], [2003, 2005, 2006]), ArgumentError, ["fireResponse: years[1]", "2005", "2004 (consecutive"]);
  refuses("fireResponse with a fractional fire year", () => fireResponse([2004.5, 0], [1, 1], [new Float32Array(6)], years), ArgumentError, ["fireResponse: fireYear[0]", "2004.5"]);
  countsExclusion("fireResponse with a fire two years after the last year (NaN baseline mixed into the means before): skipped and counted", () => {
    const r = fireResponse([2007, 2005], [1, 1], [new Float32Array(6).fill(10)], years, [-2, 0]);
    assert.deepEqual(r.skipped, { noBaseline: 1, missingBaseline: 0, missing: 0 });
    assert.deepEqual(r.burned, { "1": 2 });
    assert.deepEqual(r.rows, [{ landcover: 1, lag: -2, pixels: 1, change: [0] }, { landcover: 1, lag: 0, pixels: 1, change: [0] }]);
  });
  refuses("siteTrendAgreement with an infinite mapped value (NaN is missing, ±Infinity is broken)", () => siteTrendAgreement(["a", "a"], [2003, 2004], [1, 2], [1, Infinity]), ArgumentError, ["siteTrendAgreement: mapped[1]", "got Infinity"]);
  refuses("siteTrendAgreement with a misspelled option (minYear)", () => siteTrendAgreement(["a"], [2003], [1], [1], { minYear: 3 } as unknown as { minYears: number }), ArgumentError, ["siteTrendAgreement: options.minYear", "unknown option", "minYears, reference"]);
  refuses("siteTrendAgreement with a site that repeats a year", () => siteTrendAgreement(["a", "a"], [2003, 2003], [1, 2], [1, 2]), ArgumentError, ["siteTrendAgreement: year[1]", "2003", '"a"']);
});

// ---------------------------------------------------------------------------------------------
// Round 2: cache keys and values that JSON or the hash could not keep, results depth and holes,
// site-years and fire pixels with missing values, and stack queries.

/** `depth` objects nested one inside the other. */
function nested(depth: number): Record<string, unknown> {
  let o: Record<string, unknown> = { leaf: 1 };
  for (let i = 1; i < depth; i++) o = { o };
  return o;
}

describe("contentHash: what it cannot hash faithfully is refused (two inputs never share a key)", () => {
  refuses("contentHash of a Map (hashed like {} before: new Map([['tau', 1]]) = {})", () => contentHash(new Map([["tau", 1]])), ArgumentError, ["contentHash: parts[0]", "Map cannot be hashed"]);
  refuses("contentHash of a Set inside the settings (every Set hashed alike before)", () => contentHash("stage", { s: new Set([1]) }), ArgumentError, ["contentHash: parts[1].s", "Set cannot be hashed"]);
  refuses("contentHash of a Date (every Date hashed alike before)", () => contentHash({ at: new Date(0) }), ArgumentError, ["contentHash: parts[0].at", "Date cannot be hashed"]);
  refuses("contentHash of a RegExp (every RegExp hashed alike before)", () => contentHash([/a/]), ArgumentError, ["contentHash: parts[0][0]", "RegExp cannot be hashed"]);
  refuses("contentHash of a bare ArrayBuffer (hashed like {} before, its bytes ignored)", () => contentHash(new Float64Array([1]).buffer), ArgumentError, ["contentHash: parts[0]", "ArrayBuffer cannot be hashed"]);
  refuses("contentHash of a sparse array (the hole hashed like undefined before)", () => contentHash([1, , 3]), ArgumentError, ["contentHash: parts[0][1]", "hole in a sparse array"]);
  refuses("contentHash of an array with a named property (ignored by the hash before)", () => contentHash(Object.assign([1, 2], { tag: "x" })), ArgumentError, ["contentHash: parts[0].tag", "named property on an array", '"x"']);
  refuses("contentHash of a 10,000-deep object (RangeError: call stack before)", () => contentHash(nested(10_000)), ArgumentError, ["contentHash: parts[0].o.o", "nested more than 100 levels deep"]);
});

describe("cached: values JSON cannot give back are refused", () => {
  refusesAsync("cached whose compute returns undefined (a hit returned null before)", () => cached("undef", contentHash("undef", 2), () => undefined), ArgumentError, ["cached: value", "undefined cannot be stored", "got undefined"]);
  refusesAsync("cached whose compute returns a sparse array (a hit returned [1, null, 3] before)", () => cached("holes", contentHash("holes", 2), () => [1, , 3]), ArgumentError, ["cached: value[1]", "hole in a sparse array"]);
  refusesAsync("cached value with an undefined field (a hit dropped the key before)", () => cached("undef-field", contentHash("undef-field", 2), () => ({ a: 1, b: undefined })), ArgumentError, ["cached: value.b", "undefined cannot be stored"]);
  refusesAsync("cached value nested 10,000 deep (RangeError: call stack before)", () => cached("deep", contentHash("deep", 2), () => nested(10_000)), ArgumentError, ["cached: value.o.o", "nested more than 100 levels deep"]);
});

describe("results: depth, holes and out-of-range numbers", () => {
  refuses("writeResults with a 10,000-deep object (RangeError: call stack before)", () => writeResults("t-deep", { o: nested(10_000) }), ArgumentError, ["writeResults: results.o.o.o", "nested more than 100 levels deep"]);
  refuses("writeResults with a sparse array (the hole written as null before, while { a: undefined } is refused)", () => writeResults("t-sparse", { a: [1, , 3] }), ArgumentError, ["writeResults: results.a[1]", "hole in a sparse array"]);
  refuses("readResults of a file holding 1e400 (read as Infinity before; writeResults refuses Infinity)", () => {
    const file = writeResults("t-inf", { a: 1, b: { c: [2, 3] } });
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/\n(\s*)3\n/, "\n$1-1e400\n"));
    return readResults("t-inf");
  }, DataError, ["t-inf.json line 11", "column results.b.c[1]", "number out of range", "got -Infinity"]);
});

describe("siteTrendAgreement and fireResponse: missing values are skipped and counted", () => {
  // Four sites × 4 years with distinct trends; site "b" has one NaN.
  const site = ["a", "a", "a", "a", "b", "b", "b", "b", "c", "c", "c", "c", "d", "d", "d", "d"];
  const year = [2003, 2004, 2005, 2006, 2003, 2004, 2005, 2006, 2003, 2004, 2005, 2006, 2003, 2004, 2005, 2006];
  const obs = [1, 2, 3, 5, 4, 3, 3, 1, 2, 4, 6, 8, 5, 5, 6, 6];
  const map = [1, 3, 3, 4, 5, 4, 2, 1, 2, 3, 5, 9, 6, 5, 5, 4];
  const drop = <T>(a: readonly T[], i: number): T[] => a.filter((_, j) => j !== i);
  countsExclusion("siteTrendAgreement with a NaN mapped pixel in one site-year (the whole call failed in round 1): that site-year is left out and listed", () => {
    const m = map.slice();
    m[5] = NaN;
    const r = siteTrendAgreement(site, year, obs, m, { minYears: 3 });
    const ref = siteTrendAgreement(drop(site, 5), drop(year, 5), drop(obs, 5), drop(map, 5), { minYears: 3 });
    assert.equal(r.skippedSiteYears, 1);
    assert.deepEqual(r.missingSiteYears, [{ index: 5, site: "b", year: 2004, missing: ["mapped"] }]);
    assert.deepEqual(r.rows, ref.rows);
    assert.equal(r.rows.find((x) => x.site === "b")!.n, 3);
    assert.equal(r.r, ref.r);
  });
  countsExclusion("siteTrendAgreement with a NaN observation: left out of both trends of its site (measured and mapped cover the same years)", () => {
    const o = obs.slice();
    o[1] = NaN;
    const r = siteTrendAgreement(site, year, o, map, { minYears: 3 });
    const ref = siteTrendAgreement(drop(site, 1), drop(year, 1), drop(obs, 1), drop(map, 1), { minYears: 3 });
    assert.deepEqual([r.skippedSiteYears, r.missingSiteYears[0]!.missing], [1, ["observed"]]);
    assert.deepEqual(r.rows, ref.rows);
  });
  countsExclusion("siteTrendAgreement where NaNs leave a site below minYears: the site moves to tooShort with its usable count", () => {
    const o = obs.slice();
    o[12] = NaN;
    o[13] = NaN;
    const r = siteTrendAgreement(site, year, o, map, { minYears: 3 });
    assert.equal(r.skippedSiteYears, 2);
    assert.deepEqual(r.tooShort, [{ site: "d", n: 2 }]);
    assert.deepEqual(r.rows.map((x) => x.site), ["a", "b", "c"]);
  });

  // Two burned cells (fire 2005) and one unburned, years 2003–2007, one series.
  const fy = [2005, 2005, 0];
  const lc = [1, 1, 1];
  const yrs = [2003, 2004, 2005, 2006, 2007];
  const series = (): Float32Array => Float32Array.from({ length: 15 }, (_, k) => 10 * Math.floor(k / 3) + (k % 3));
  countsExclusion("fireResponse with a NaN ALT after the fire (round 1 threw; before that the mean became NaN): that pixel-lag is left out and counted", () => {
    const s = series();
    s[3 * 3 + 1] = NaN; // cell 1 in 2006 (lag 1)
    const r = fireResponse(fy, lc, [s], yrs, [0, 1]);
    assert.deepEqual(r.skipped, { noBaseline: 0, missingBaseline: 0, missing: 1 });
    assert.deepEqual(r.rows, [{ landcover: 1, lag: 0, pixels: 2, change: [15] }, { landcover: 1, lag: 1, pixels: 1, change: [25] }]);
  });
  countsExclusion("fireResponse with a NaN in a pixel's baseline year: the pixel is left out and counted, the other pixel's means stay finite", () => {
    const s = series();
    const t = series();
    t[0] = NaN; // cell 0 in 2003 (F − 2) of the second series
    const r = fireResponse(fy, lc, [s, t], yrs, [0]);
    assert.deepEqual(r.skipped, { noBaseline: 0, missingBaseline: 1, missing: 0 });
    assert.deepEqual(r.burned, { "1": 2 });
    assert.deepEqual(r.rows, [{ landcover: 1, lag: 0, pixels: 1, change: [15, 15] }]);
  });
  refuses("fireResponse with an infinite ALT at a burned pixel (a broken value, not a missing one)", () => {
    const s = series();
    s[4 * 3] = Infinity; // cell 0 in 2007
    return fireResponse(fy, lc, [s], yrs, [2]);
  }, ArgumentError, ["fireResponse: series[0]", "year 2007, cell 0", "got Infinity"]);
});

describe("stack queries: years strictly increasing and in the stack, cells in the grid", () => {
  const grid = lonLatGrid([0, 0, 3, 2], 1);
  const stack = new RasterStack();
  stack.add({ name: "tas", kind: "annual", raster: makeRaster(grid, [new Float32Array(6).fill(1), new Float32Array(6).fill(2), new Float32Array(6).fill(3)], ["2003", "2004", "2005"]), source: "tas.tif" });
  const cells = Int32Array.from([0, 5]);
  refuses("pixelMatrixForYears with a repeated year (two blocks of the same year before)", () => pixelMatrixForYears(stack, [2003, 2003], cells), ArgumentError, ["pixelMatrixForYears: years[1]", "got 2003", "strictly increasing"]);
  refuses("pixelMatrixForYears with years out of order (blocks in another order than the years the chain assumes)", () => pixelMatrixForYears(stack, [2004, 2003], cells), ArgumentError, ["pixelMatrixForYears: years[1]", "got 2003", "a year after 2004"]);
  refuses("pixelPredictorMeans with a repeated year (double weight for that year in the mean before)", () => pixelPredictorMeans(stack, [2003, 2004, 2004], cells), ArgumentError, ["pixelPredictorMeans: years[2]", "got 2004", "strictly increasing"]);
  refuses("pixelMatrixForYear with a cell outside the grid (regression guard)", () => pixelMatrixForYear(stack, 2004, Int32Array.from([6])), ArgumentError, ["pixelMatrixForYear: cells[0]", "got 6", "[0, 6)"]);
});

// ---------------------------------------------------------------------------------------------
// Notebook helpers and figures.

describe("notebook helpers and figures", () => {
  refuses("markdownTable with negative digits (RangeError from toFixed before)", () => markdownTable([{ a: 1.5 }], { digits: -1 }), ArgumentError, ["markdownTable: options.digits", "got -1"]);
  refuses("notebookHeader with an unknown data status", () => notebookHeader({ notebook: "x", reproduces: "y", data: "fake" as "real", dataNote: "z" }), ArgumentError, ["notebookHeader: info.data", '"fake"', '"real", "synthetic", "mixed"']);
  refuses("figure with a misspelled option (synthetc: would drop the SYNTHETIC label)", () => makeFigure("ok", [], {}, { synthetc: true } as unknown as { synthetic: boolean }), ArgumentError, ["makeFigure: options.synthetc", "unknown option", "synthetic, width, height"]);
  refuses("figure with a name that is not file-safe", () => makeFigure("Fig 1/a", []), ArgumentError, ["makeFigure: name", '"Fig 1/a"']);
  refuses("densityScatter with a zero on log axes", () => densityScatter("d", [10, 0, 30], [11, 12, 13], "t"), ArgumentError, ["densityScatter: observed[1]", "got 0", "positive"]);
  refuses("meanForestPlot with panels whose rows differ", () => meanForestPlot("m", [
    { title: "SO", rows: [{ label: "A", mean: 1, lower: 0, upper: 2, n: 3 }] },
    { title: "TO", rows: [{ label: "B", mean: 1, lower: 0, upper: 2, n: 3 }] },
  ], "t"), ArgumentError, ["meanForestPlot: panels[1].rows[0].label", '"B"', '"A"']);
  refuses("rasterMap with a band that does not fit the grid", () => rasterMap("r", lonLatGrid([0, 0, 4, 2], 1), new Float32Array(7), "t", { valueTitle: "ALT (cm)" }), ArgumentError, ["rasterMap: band", "got 7", "8 (grid width × height = 4 × 2)"]);
  refuses("polarAzimuthal north with a southern boundary (empty map)", () => polarAzimuthal("north", -30), ArgumentError, ["polarAzimuthal: boundary", "got -30"]);
  refusesAsync("show under PERMAFROST_STRICT_FIGURES=1 with PERMAFROST_CHROMIUM naming a missing browser", async () => {
    const prev = process.env["PERMAFROST_STRICT_FIGURES"];
    process.env["PERMAFROST_CHROMIUM"] = path.join(tmp, "no-such-chromium");
    process.env["PERMAFROST_STRICT_FIGURES"] = "1";
    try {
      return await showFigure(makeFigure("strict", []));
    } finally {
      delete process.env["PERMAFROST_CHROMIUM"];
      if (prev === undefined) delete process.env["PERMAFROST_STRICT_FIGURES"];
      else process.env["PERMAFROST_STRICT_FIGURES"] = prev;
    }
  }, EngineError, ["chromium", "no-such-chromium"]);
});
