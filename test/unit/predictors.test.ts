import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { describe, it } from "node:test";
import { DataError, dataPath, groupSlopes, loadSiteCoordinates, loadSitePredictors, loadTable1, parseSitePredictors, PREDICTOR_NAMES, syntheticPredictorsCsv, DEFAULT_SEED } from "permafrost-kit";

const t = loadTable1();
const coords = loadSiteCoordinates(t);
const shipped = fs.readFileSync(dataPath("liu2025", "synthetic-predictors.csv"), "utf8");

describe("synthetic predictor table (shared by the XGBoost and meta-analysis notebooks)", () => {
  it("the shipped file is byte-identical to a regeneration with the same seed", () => {
    assert.equal(syntheticPredictorsCsv(t, DEFAULT_SEED), shipped);
  });
  it("a different seed gives a different table", () => {
    assert.notEqual(syntheticPredictorsCsv(t, DEFAULT_SEED + 1), shipped);
  });
  it("is labelled SYNTHETIC in the file and flagged by the loader, with all 16 predictors", () => {
    assert.match(shipped.split("\n")[0]!, /^# SYNTHETIC/);
    const p = loadSitePredictors(t, coords);
    assert.equal(p.synthetic, true);
    assert.deepEqual(Object.keys(p.values).sort(), [...PREDICTOR_NAMES].sort());
    assert.ok(p.values.PRECIP.every((v) => v > 0));
  });
  it("a real export (no SYNTHETIC line) is flagged real, and a site out of order is an error naming the line", () => {
    const real = shipped.split("\n").filter((l) => !l.startsWith("#")).join("\n");
    assert.equal(parseSitePredictors(real, t, coords, "export.csv").synthetic, false);
    const lines = real.split("\n");
    [lines[1], lines[2]] = [lines[2]!, lines[1]!];
    assert.throws(() => parseSitePredictors(lines.join("\n"), t, coords, "export.csv"), (e: unknown) => e instanceof DataError && /export\.csv line 2, column Site: "Anderson" but Table 1 row 1 is "Anaktuvuk Pass"/.test(e.message));
    const noCol = real.replace("snow_density,", "snow_dens,");
    assert.throws(() => parseSitePredictors(noCol, t, coords, "export.csv"), /missing column "snow_density"/);
  });
});

describe("groupSlopes (Eq. 8 per study group)", () => {
  it("recovers a planted slope through PC1, lists excluded rows and groups with reasons", () => {
    const x1 = [1, 2, 3, 4, 5, 6, 1, 2, 3, 1];
    const x2 = x1.map((v, i) => 2 * v + (i % 2) * 0.01);
    const y = x1.map((v, i) => 0.5 * v + (i % 3) * 0.01);
    y[5] = NaN;
    const group = ["A", "A", "A", "A", "A", "A", "B", "B", "B", "C"];
    const r = groupSlopes({ offset: y, drivers: { x1, x2 }, group, subgroup: group.map(() => "R"), rowLabels: x1.map((_, i) => `site ${i}`) });
    assert.equal(r.effects.length, 1);
    assert.equal(r.effects[0]!.predictor, "PC1");
    assert.ok(r.effects[0]!.slope > 0);
    assert.deepEqual(r.excluded.map((e) => [e.level, e.group, e.reason.split(":")[0]]), [["row", "A", "missing value in offset"], ["group", "B", "insufficient data"], ["group", "C", "insufficient data"]]);
  });
  it("uses the single varying driver directly and excludes a group where nothing varies", () => {
    const r = groupSlopes({ offset: [1, 2, 3, 4, 1, 2, 3, 4], drivers: { a: [1, 2, 3, 5, 7, 7, 7, 7], b: [0, 0, 0, 0, 1, 1, 1, 1] }, group: ["g", "g", "g", "g", "h", "h", "h", "h"], subgroup: ["R", "R", "R", "R", "R", "R", "R", "R"] });
    assert.equal(r.effects[0]!.predictor, "a");
    assert.match(r.excluded[0]!.reason, /no driver varies/);
  });
  it("refuses a group that spans two regions", () => {
    assert.throws(() => groupSlopes({ offset: [1, 2], drivers: { a: [1, 2] }, group: ["g", "g"], subgroup: ["R1", "R2"] }), /spans several subgroups/);
  });
});
