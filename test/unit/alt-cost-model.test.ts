/**
 * The full-scale cost model (issue 20): work per stage follows the paper's counts, wall time divides
 * by the usable cores (whole jobs per node, never more jobs than tiles), the merge stays on one node,
 * the memory model goes through measured peaks, and bad rates or scenarios are refused by name; the
 * rates are read from tile-job runs' own measurements; `alt cost` and `alt export-ee` work end to end.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import {
  ArgumentError, DataError, altCostModel, altCostRatesFromRuns, altSettings, fitTileMemory, loadAltInputs, mergeAltTileJobs, planAltTileJobs, projectRoot, runAltTileJob,
  type AltCostScenario, type AltMeasuredRates, type AltTileMarker,
} from "permafrost-kit";

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

describe("altCostRatesFromRuns and the alt cost / alt export-ee commands", () => {
  it("reads the rates from the runs' measurements, and the commands print the cost table and write the export", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "alt-cost-"));
    const inputs = await loadAltInputs(altSettings("quick"));
    const years = inputs.years.slice(0, 3);
    const runs = [path.join(tmp, "run16"), path.join(tmp, "run32")];
    for (const [i, run] of runs.entries()) {
      const p = await planAltTileJobs({ inputs: inputs.manifest.file, run, tileSize: i === 0 ? 16 : 32, years, members: [{ ntrees: 4, seed: 1 }, { ntrees: 4, seed: 2 }], workers: 1 });
      for (let k = 0; k < p.plan.tiles; k += i === 0 ? 3 : 1) await runAltTileJob({ run, tile: k, workers: 1 });
    }
    assert.throws(() => altCostRatesFromRuns(runs), (e: unknown) => e instanceof DataError && /no merged run/.test(e.message));
    await mergeAltTileJobs(runs[1]!);
    const rates = altCostRatesFromRuns(runs);
    // recompute from the files: tiles with cells, work × members over seconds × workers
    let work = 0;
    let coreS = 0;
    const peaks: number[] = [];
    for (const run of runs) {
      const markers = fs.readdirSync(path.join(run, "tiles")).filter((f) => f.endsWith(".done")).map((f) => JSON.parse(fs.readFileSync(path.join(run, "tiles", f), "utf8")) as AltTileMarker);
      peaks.push(Math.max(...markers.map((m) => m.peakRssMiB)));
      for (const m of markers.filter((m) => m.cells > 0)) {
        work += m.pixelYears * 2;
        coreS += m.seconds * m.workers;
      }
    }
    assert.equal(rates.memberPixelYearsPerCoreS, work / coreS);
    assert.deepEqual(rates.memory, [{ tileSize: 16, peakMiB: peaks[0] }, { tileSize: 32, peakMiB: peaks[1] }]);
    const report = JSON.parse(fs.readFileSync(path.join(runs[1]!, "merge-report.json"), "utf8")) as { cells: number; merge: { assembleSeconds: number } };
    assert.equal(rates.mergePixelYearsPerS, (report.cells * 5) / report.merge.assembleSeconds);

    const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(projectRoot(), "dist", "cli", "main.js"), "alt", ...args], { encoding: "utf8" });
    const c = cli("cost", "--run", runs.join(","), "--pixels", "4.8e7", "--nodes", "1,10");
    assert.equal(c.status, 0, c.stderr);
    assert.match(c.stdout, /\| maps \| .* \| .* \| .* \| .* \|/);
    assert.match(c.stdout, /sbatch per tile: --cpus-per-task=2 --mem=\d+M --time=\d+/);
    const bad = cli("cost", "--run", runs.join(","), "--pixels", "4.8e7", "--nodes", "1,,2");
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--nodes takes whole numbers/);
    const one = cli("cost", "--run", runs[1]!, "--pixels", "1e6");
    assert.equal(one.status, 2);
    assert.match(one.stderr, /two or more runs planned with different --tile-size/);
    const world = cli("demo-world", "--profile", "quick");
    assert.equal(world.status, 0, world.stderr);
    assert.equal(world.stdout.trim().split(": ").pop(), inputs.manifest.file);
    const ee = cli("export-ee", "--run", runs[1]!);
    assert.equal(ee.status, 0, ee.stderr);
    assert.match(ee.stdout, /export-ee: 2 members, 8 trees/);
    assert.ok(fs.existsSync(path.join(runs[1]!, "ee", "manifest.json")) && fs.existsSync(path.join(runs[1]!, "ee", "apply_ensemble.py")));
  });
});
