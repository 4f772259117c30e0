// Progress with an ETA (issue 15): the reporter's lines and events with an injected clock (exact
// ETA numbers, not timing luck), its throttle, the JSON-lines file sink that the notebook runner
// tails, and the long stages reporting through it when the caller gives no onProgress (and not
// at all on a cache hit).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import {
  ArgumentError, type ProgressEvent, type TrainingTable, PROGRESS_FILE_ENV, TREND_PROGRESS_CELLS, altGridStage, altMemberMaps, altSettings, altSiteGroupedCvStage,
  bootstrapMaps, formatDuration, friedman1, lonLatGrid, makeMatrix, makeRaster, pixelTrends, pixelTrendsFromFile, stageProgress, startProgress, writeGeoTiff,
} from "permafrost-kit";
import { refuses } from "../bad-input/corpus";

/** A clock the test moves by hand, in seconds. */
function manualClock(): { clock: () => number; at: (s: number) => void } {
  let now = 0;
  return { clock: () => now * 1000, at: (s) => { now = s; } };
}

function readEvents(file: string): ProgressEvent[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, "utf8").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as ProgressEvent);
}

describe("formatDuration", () => {
  it("writes 45s under a minute, 2m05s under an hour, 1h03m beyond, rounding to whole seconds first", () => {
    assert.deepEqual([0, 0.4, 44.6, 59.4, 59.6, 125, 3599.4, 3599.6, 3805, 90000].map(formatDuration),
      ["0s", "0s", "45s", "59s", "1m00s", "2m05s", "59m59s", "1h00m", "1h03m", "25h00m"]);
  });
});

describe("startProgress: lines, ETA and throttle with an injected clock", () => {
  it("estimates the ETA from the mean rate since the start: elapsed × (total − done) / done", () => {
    const c = manualClock();
    const lines: string[] = [];
    const p = startProgress("grid search", 108, { unit: "models", clock: c.clock, write: (l) => lines.push(l), file: null });
    c.at(72); p.update(37); // 72 × 71 / 37 = 138.16 s
    c.at(200); p.update(108);
    assert.deepEqual(lines, [
      "grid search: 0/108 models (0 %), 0s elapsed, ETA …",
      "grid search: 37/108 models (34 %), 1m12s elapsed, ETA 2m18s",
      "grid search: 108/108 models (100 %), done in 3m20s",
    ]);
    assert.deepEqual(p.events.map((e) => [e.done, e.elapsedS, e.etaS, e.final]), [[0, 0, null, false], [37, 72, 138.2, false], [108, 200, 0, true]]);
    assert.equal(p.finished, true);
  });
  it("emits at most one line per everyS seconds between the first and the final line", () => {
    const c = manualClock();
    const p = startProgress("bootstrap", 20, { unit: "replicates", everyS: 5, clock: c.clock, write: null, file: null });
    for (let d = 1; d <= 19; d++) { c.at(d * 0.9); p.update(d); } // a unit every 0.9 s
    c.at(18); p.done();
    // lines at 0 s, then the first update ≥ 5 s after the last line: 5.4 s (d 6), 10.8 s (d 12), 16.2 s (d 18)
    assert.deepEqual(p.events.map((e) => e.done), [0, 6, 12, 18, 19]);
    assert.equal(p.events.at(-1)!.line, "bootstrap: 19/20 replicates (95 %), stopped after 18s");
    c.at(30); p.done();
    assert.equal(p.events.length, 5, "done() twice emits once");
  });
  it("everyS 0 emits on every update; tick counts up; a total of 0 finishes at once", () => {
    const c = manualClock();
    const p = startProgress("site-grouped CV", 4, { unit: "fold models", everyS: 0, clock: c.clock, write: null, file: null });
    c.at(10); p.tick();
    c.at(20); p.tick(2);
    assert.equal(p.count, 3);
    assert.deepEqual(p.events.map((e) => e.line), [
      "site-grouped CV: 0/4 fold models (0 %), 0s elapsed, ETA …",
      "site-grouped CV: 1/4 fold models (25 %), 10s elapsed, ETA 30s",
      "site-grouped CV: 3/4 fold models (75 %), 20s elapsed, ETA 7s",
    ]);
    const empty = startProgress("nothing", 0, { clock: c.clock, write: null, file: null });
    assert.deepEqual(empty.events.map((e) => e.line), ["nothing: 0/0 steps (100 %), 0s elapsed, ETA 0s", "nothing: 0/0 steps (100 %), done in 0s"]);
  });
  it("writes to stderr outside a kernel when no write function and no progress file are given (with a file: only the file)", () => {
    const seen: string[] = [];
    const file = path.join(os.tmpdir(), `pk-progress-${process.pid}.jsonl`);
    const orig = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => { seen.push(String(chunk)); return true; });
    try {
      startProgress("member maps", 1, { unit: "members", clock: () => 0, file: null }).tick();
      startProgress("member maps", 1, { unit: "members", clock: () => 0, file }).tick();
    } finally {
      process.stderr.write = orig;
    }
    assert.deepEqual(seen, ["member maps: 0/1 members (0 %), 0s elapsed, ETA …\n", "member maps: 1/1 members (100 %), done in 0s\n"]);
    assert.equal(readEvents(file).length, 2);
    fs.rmSync(file);
  });
});

describe("in a tslab kernel", () => {
  it("shows one line in the cell and updates it in place (update_display_data with the same display id)", () => {
    // tslab sets this writer while it executes a cell; a stand-in records the messages
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };
    const sent: { data: Record<string, unknown>; transient: Record<string, unknown>; update: boolean }[] = [];
    jupyter.lastWriteDisplayData = (content: { data: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => { sent.push({ ...content, update }); };
    try {
      const c = manualClock();
      const p = startProgress("bootstrap", 2, { unit: "replicates", everyS: 0, clock: c.clock, file: null });
      c.at(10); p.tick();
      c.at(20); p.tick();
    } finally {
      jupyter.lastWriteDisplayData = null;
    }
    assert.deepEqual(sent.map((m) => [m.update, m.data["text/plain"]]), [
      [false, "bootstrap: 0/2 replicates (0 %), 0s elapsed, ETA …"],
      [true, "bootstrap: 1/2 replicates (50 %), 10s elapsed, ETA 10s"],
      [true, "bootstrap: 2/2 replicates (100 %), done in 20s"],
    ]);
    const ids = new Set(sent.map((m) => m.transient["display_id"]));
    assert.equal(ids.size, 1);
    assert.match(String([...ids][0]), /^permafrost-progress-/);
  });
});

describe("the JSON-lines file sink", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pk-progress-"));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  it(`appends one JSON object per emitted line to $${PROGRESS_FILE_ENV}`, () => {
    const file = path.join(dir, "env.jsonl");
    const prev = process.env[PROGRESS_FILE_ENV];
    process.env[PROGRESS_FILE_ENV] = file;
    try {
      const c = manualClock();
      c.at(1000);
      const p = startProgress("bootstrap", 40, { unit: "replicates", clock: c.clock, write: null, notebook: "14-alt-uncertainty" });
      c.at(1130); p.update(12);
      c.at(1400); p.update(40);
    } finally {
      if (prev === undefined) delete process.env[PROGRESS_FILE_ENV]; else process.env[PROGRESS_FILE_ENV] = prev;
    }
    const events = readEvents(file);
    assert.equal(events.length, 3);
    assert.deepEqual(events[1], {
      notebook: "14-alt-uncertainty", stage: "bootstrap", unit: "replicates", done: 12, total: 40, elapsedS: 130, etaS: 303.3, final: false, t: 1130,
      line: "bootstrap: 12/40 replicates (30 %), 2m10s elapsed, ETA 5m03s",
    });
    assert.deepEqual([events[2]!.final, events[2]!.etaS, events[2]!.line], [true, 0, "bootstrap: 40/40 replicates (100 %), done in 6m40s"]);
  });
  it("takes an explicit file; file: null writes none even when the variable is set", () => {
    const file = path.join(dir, "opt.jsonl");
    startProgress("a", 1, { write: null, file }).tick();
    assert.equal(readEvents(file).length, 2);
    const prev = process.env[PROGRESS_FILE_ENV];
    process.env[PROGRESS_FILE_ENV] = path.join(dir, "never.jsonl");
    try {
      startProgress("b", 1, { write: null, file: null }).tick();
    } finally {
      if (prev === undefined) delete process.env[PROGRESS_FILE_ENV]; else process.env[PROGRESS_FILE_ENV] = prev;
    }
    assert.equal(fs.existsSync(path.join(dir, "never.jsonl")), false);
  });
  it("a file that cannot be written does not stop the work (one warning on stderr)", () => {
    const seen: string[] = [];
    const orig = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => { seen.push(String(chunk)); return true; });
    try {
      const p = startProgress("c", 2, { write: null, file: path.join(dir, "no-such-folder", "x.jsonl") });
      p.tick(); p.tick();
      assert.equal(p.finished, true);
    } finally {
      process.stderr.write = orig;
    }
    assert.equal(seen.length, 1);
    assert.match(seen[0]!, /progress: cannot append to .*no-such-folder.*PERMAFROST_PROGRESS_FILE/);
  });
});

describe("bad arguments", () => {
  refuses("startProgress with a negative total", () => startProgress("x", -1), ArgumentError, ["startProgress: total", "-1", "≥ 0"]);
  refuses("startProgress with a non-finite total", () => startProgress("x", Infinity), ArgumentError, ["startProgress: total", "Infinity", "an integer"]);
  refuses("startProgress with a NaN total", () => startProgress("x", NaN), ArgumentError, ["startProgress: total", "NaN"]);
  refuses("startProgress with a fractional total", () => startProgress("x", 2.5), ArgumentError, ["startProgress: total", "2.5"]);
  refuses("startProgress with an empty label", () => startProgress("", 3), ArgumentError, ["startProgress: label", "no label"]);
  refuses("startProgress with an unknown option (evryS)", () => startProgress("x", 3, { evryS: 1 } as unknown as { everyS: number }), ArgumentError, ["startProgress: options.evryS", "unknown option", "everyS"]);
  refuses("startProgress with a negative everyS", () => startProgress("x", 3, { everyS: -1, write: null, file: null }), ArgumentError, ["startProgress: options.everyS", "-1"]);
  refuses("startProgress with a clock that is not a function", () => startProgress("x", 3, { clock: 5 } as unknown as { clock: () => number }), ArgumentError, ["startProgress: options.clock", "5"]);
  refuses("startProgress with a clock that returns NaN", () => startProgress("x", 3, { clock: () => NaN, write: null, file: null }), ArgumentError, ["startProgress: options.clock", "NaN"]);
  refuses("ProgressReporter.tick past the total", () => startProgress("x", 2, { write: null, file: null }).tick(3), ArgumentError, ["ProgressReporter.tick: done", "3", "≤ 2"]);
  refuses("ProgressReporter.tick with a negative count", () => startProgress("x", 2, { write: null, file: null }).tick(-1), ArgumentError, ["ProgressReporter.tick: n", "-1"]);
  refuses("ProgressReporter.update going backwards", () => {
    const p = startProgress("x", 5, { write: null, file: null });
    p.update(3);
    p.update(2);
  }, ArgumentError, ["ProgressReporter.update: done", "got 2", "≥ 3"]);
  refuses("formatDuration of a negative time", () => formatDuration(-1), ArgumentError, ["formatDuration: seconds", "-1"]);
  refuses("stageProgress with a negative total", () => stageProgress("x", -2, "models"), ArgumentError, ["startProgress: total", "-2"]);
});

describe("long stages report through the file sink (PERMAFROST_PROGRESS_FILE)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pk-progress-stage-"));
  const file = path.join(dir, "events.jsonl");
  const saved = { build: process.env["PERMAFROST_BUILD_DIR"], noCache: process.env["PERMAFROST_NO_CACHE"], progress: process.env[PROGRESS_FILE_ENV] };
  before(() => {
    process.env["PERMAFROST_BUILD_DIR"] = path.join(dir, "build");
    delete process.env["PERMAFROST_NO_CACHE"];
    process.env[PROGRESS_FILE_ENV] = file;
  });
  after(() => {
    for (const [k, v] of [["PERMAFROST_BUILD_DIR", saved.build], ["PERMAFROST_NO_CACHE", saved.noCache], [PROGRESS_FILE_ENV, saved.progress]] as const) {
      if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const { x, y } = friedman1(48, 5, 3, "progress-test");
  const table: TrainingTable = {
    x, y, rows: Int32Array.from({ length: 48 }, (_, i) => i), cell: new Int32Array(48),
    site: Array.from({ length: 48 }, (_, i) => `s${i % 8}`), year: Int32Array.from({ length: 48 }, (_, i) => 2003 + (i % 6)), unmatched: [],
  };
  const settings = { ...altSettings("quick"), grid: { ntrees: [4], mtries: [1, 2, 3], minRows: [2] }, nfolds: 4, topK: 2 };
  const years = [2003, 2004, 2005];
  const pixels = makeMatrix(Float64Array.from({ length: 3 * 4 * 5 }, (_, i) => (i * 0.37) % 1), 5, ["x0", "x1", "x2", "x3", "x4"]);
  const cells = Int32Array.from([0, 1, 2, 3]);
  const since = (n: number): ProgressEvent[] => readEvents(file).slice(n);

  it("grid search: fold models, first and final event; a cache hit emits none", async () => {
    const n0 = readEvents(file).length;
    const miss = await altGridStage(table, settings, { workers: 1 });
    assert.equal(miss.hit, false);
    const ev = since(n0);
    assert.ok(ev.length >= 2);
    assert.ok(ev.every((e) => e.stage === "grid search" && e.unit === "fold models" && e.total === 12));
    assert.deepEqual([ev[0]!.done, ev.at(-1)!.done, ev.at(-1)!.final], [0, 12, true]);
    const n1 = readEvents(file).length;
    const hit = await altGridStage(table, settings, { workers: 1 });
    assert.equal(hit.hit, true);
    assert.equal(readEvents(file).length, n1, "a cache hit reports nothing");
  });
  it("with a caller's onProgress: the callback gets the counts, the file still gets the events, nothing is printed", async () => {
    const n0 = readEvents(file).length;
    const seen: [number, number][] = [];
    const printed: string[] = [];
    const orig = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => { printed.push(String(chunk)); return true; });
    try {
      await altGridStage(table, { ...settings, seed: 8 }, { workers: 1, onProgress: (d, t) => seen.push([d, t]) });
    } finally {
      process.stderr.write = orig;
    }
    assert.deepEqual(seen.map(([d]) => d), Array.from({ length: 12 }, (_, i) => i + 1));
    assert.ok(seen.every(([, t]) => t === 12));
    const ev = since(n0);
    assert.deepEqual([ev[0]!.stage, ev[0]!.done, ev.at(-1)!.done, ev.at(-1)!.final], ["grid search", 0, 12, true]);
    assert.deepEqual(printed, []);
  });
  it("without a progress file, a caller's onProgress is all there is (stageProgress returns it as it is)", () => {
    const prev = process.env[PROGRESS_FILE_ENV];
    delete process.env[PROGRESS_FILE_ENV];
    try {
      const cb = (): void => undefined;
      assert.equal(stageProgress("x", 3, "models", cb), cb);
    } finally {
      if (prev !== undefined) process.env[PROGRESS_FILE_ENV] = prev;
    }
  });
  it("member maps (members), bootstrap (replicates) and site-grouped CV (fold models)", async () => {
    const members = (await altGridStage(table, settings, { workers: 1 })).value.members;
    let n = readEvents(file).length;
    await altMemberMaps(table, members, pixels, years, cells, { workers: 1 });
    let ev = since(n);
    assert.deepEqual([ev[0]!.stage, ev[0]!.unit, ev[0]!.total, ev.at(-1)!.done, ev.at(-1)!.final], ["member maps", "members", 2, 2, true]);
    n = readEvents(file).length;
    await bootstrapMaps(table, null, members, pixels, years, { replicates: 3, share: 0.75, seed: 1 }, { workers: 1 });
    ev = since(n);
    assert.deepEqual([ev[0]!.stage, ev[0]!.unit, ev[0]!.total, ev.at(-1)!.done, ev.at(-1)!.final], ["bootstrap", "replicates", 3, 3, true]);
    n = readEvents(file).length;
    await altSiteGroupedCvStage(table, members, settings, { workers: 1 });
    ev = since(n);
    assert.deepEqual([ev[0]!.stage, ev[0]!.unit, ev[0]!.total, ev.at(-1)!.done, ev.at(-1)!.final], ["site-grouped CV", "fold models", 8, 8, true]);
    n = readEvents(file).length;
    const again = await altSiteGroupedCvStage(table, members, settings, { workers: 1 });
    assert.equal(again.hit, true);
    assert.equal(readEvents(file).length, n, "a cache hit reports nothing");
  });
  it("pixelTrends over more than 1e6 cells reports per block, with the same maps as without progress", () => {
    const n = TREND_PROGRESS_CELLS + 5;
    const bands = [0, 1, 2].map((k) => Float32Array.from({ length: n }, (_, i) => ((i * 7 + k * 13) % 101) / 10));
    const opts = { sen: false, mannKendall: false };
    const n0 = readEvents(file).length;
    const withP = pixelTrends(bands, [2003, 2004, 2005], opts);
    const ev = since(n0);
    assert.deepEqual([ev[0]!.stage, ev[0]!.unit, ev[0]!.total, ev.at(-1)!.done], ["pixel trends", "blocks", 4, 4]);
    const n1 = readEvents(file).length;
    const without = pixelTrends(bands, [2003, 2004, 2005], { ...opts, progress: false });
    assert.equal(readEvents(file).length, n1, "progress: false reports nothing");
    for (const k of ["mean", "ols", "olsSe"] as const) assert.deepEqual(new Uint8Array(withP[k].buffer), new Uint8Array(without[k].buffer), k);
    assert.equal(withP.tooShort, without.tooShort);
  });
  it("pixelTrendsFromFile over more than 1e6 pixels reports per block of rows", async () => {
    const grid = lonLatGrid([0, 60, 1001 / 120, 60 + 1000 / 120], 1 / 120); // 1001 × 1000 pixels at 1 km
    const n = grid.width * grid.height;
    assert.ok(n > TREND_PROGRESS_CELLS);
    const tif = path.join(dir, "annual.tif");
    writeGeoTiff(tif, makeRaster(grid, [0, 1, 2].map((k) => Float32Array.from({ length: n }, (_, i) => (i % 97) + k)), ["2003", "2004", "2005"]));
    const n0 = readEvents(file).length;
    const m = await pixelTrendsFromFile(tif, { blockRows: 256, sen: false, mannKendall: false });
    const ev = since(n0);
    assert.equal(m.blocks, 4);
    assert.deepEqual([ev[0]!.stage, ev[0]!.total, ev.at(-1)!.done, ev.at(-1)!.final], ["pixel trends", 4, 4, true]);
    assert.equal(m.ols[12345], 1);
  });
});
