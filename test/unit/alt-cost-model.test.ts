/**
 * The full-scale cost model (issue 20): work per stage follows the paper's counts, wall time divides
 * by the usable cores (whole jobs per node, never more jobs than tiles), the merge stays on one node,
 * the memory model goes through measured peaks, and bad rates or scenarios are refused by name.
 */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ArgumentError, altCostModel, fitTileMemory, type AltMeasuredRates, type AltCostScenario } from "permafrost-kit";

const rates: AltMeasuredRates = { source: "test", memberPixelYearsPerCoreS: 1e5, trainSecondsPerMember: 2, mergePixelYearsPerS: 1e6, memory: [{ tileSize: 100, peakMiB: 150 }, { tileSize: 200, peakMiB: 180 }, { tileSize: 300, peakMiB: 230 }] };
const scenario: AltCostScenario = { pixels: 1e6, years: 10, members: 5, bootstrapReplicates: 3, tileSize: 100, coresPerNode: 8, coresPerJob: 3, nodes: [1, 2, 1000] };

describe("altCostModel", () => {
  it("counts the work of each stage and divides by the usable cores", () => {
    const t = altCostModel(rates, scenario);
    const pass = 5 * 1e6 * 10;
    assert.deepEqual(t.rows.map((r) => r.work), [pass, pass, 3 * pass, 1e6 * 12]);
    assert.equal(t.rows[0]!.coreHours, pass / 1e5 / 3600);
    assert.equal(t.rows[2]!.coreHours, 3 * (pass / 1e5 + 5 * 2) / 3600, "bootstrap retrains the members once per replicate");
    // 8 cores, 3 per job: 2 jobs (6 cores) per node; 100 tiles cap the jobs at 1000 nodes
    assert.equal(t.tiles, 100);
    assert.equal(t.rows[0]!.wallHours[0], pass / 1e5 / 6 / 3600);
    assert.equal(t.rows[0]!.wallHours[1], pass / 1e5 / 12 / 3600);
    assert.equal(t.rows[0]!.wallHours[2], pass / 1e5 / 300 / 3600);
    assert.deepEqual(t.rows[3]!.wallHours, [12 / 3600, 12 / 3600, 12 / 3600], "the merge runs on one node");
    assert.ok(Math.abs(t.total.coreHours - t.rows.reduce((a, r) => a + r.coreHours, 0)) < 1e-12);
  });

  it("fits memory through the measured peaks and adds 25 % headroom", () => {
    const exact = fitTileMemory([{ tileSize: 64, peakMiB: 200 }, { tileSize: 128, peakMiB: 260 }]);
    assert.ok(Math.abs(exact.baseMiB - 180) < 1e-9 && Math.abs(exact.perCellMiB - 60 / 12288) < 1e-15);
    const t = altCostModel(rates, { ...scenario, tileSize: 200 });
    assert.equal(t.memoryPerJobMiB, Math.ceil(1.25 * (t.memoryModel.baseMiB + t.memoryModel.perCellMiB * 40000)));
    assert.throws(() => fitTileMemory([{ tileSize: 64, peakMiB: 200 }]), (e: unknown) => e instanceof ArgumentError && /two or more tile sides/.test(e.message));
  });

  it("refuses bad rates and scenarios by name", () => {
    assert.throws(() => altCostModel({ ...rates, memberPixelYearsPerCoreS: 0 }, scenario), (e: unknown) => e instanceof ArgumentError && /memberPixelYearsPerCoreS/.test(e.message));
    assert.throws(() => altCostModel(rates, { ...scenario, coresPerJob: 9 }), (e: unknown) => e instanceof ArgumentError && /coresPerJob/.test(e.message));
    assert.throws(() => altCostModel(rates, { ...scenario, nodes: [] }), (e: unknown) => e instanceof ArgumentError && /nodes/.test(e.message));
    assert.throws(() => altCostModel(rates, { ...scenario, years: 2.5 }), (e: unknown) => e instanceof ArgumentError && /years/.test(e.message));
    assert.throws(() => altCostModel(rates, { ...scenario, gpus: 1 } as never), (e: unknown) => e instanceof ArgumentError && /gpus/.test(e.message));
  });
});
