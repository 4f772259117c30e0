/**
 * Issue 15's "done means": a manifest of files in the real layouts (CALM-wide and long site-year
 * CSVs, one GeoTIFF per predictor and year, Google Earth Engine tile sets) feeds the paper-1 chain
 * through the same loadAltInputs as the demo world, and the chain's stages run on it. The files
 * are the quick demo world written in the export layout with GEE tiles of 64 × 64 cells, so every
 * value can be compared with the demo world as the notebooks load it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { altGridStage, altMemberMaps, altSettings, demoWorldSpec, ensureDemoWorldExport, loadAltInputs, pixelMatrixForYears, readTruthBlock } from "permafrost-kit";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alt-real-layout-"));
const settings = altSettings("quick");

test("a manifest of real-layout files loads the same chain inputs as the demo world, pooled from two site files", async () => {
  ensureDemoWorldExport(demoWorldSpec("quick", settings.seed), dir, { name: "real-layout test", tiled: true, tileSize: 64 });
  const manifest = path.join(dir, "alt-inputs.json");
  // the layouts a real export has
  assert.ok(fs.existsSync(path.join(dir, "sites", "calm.csv")));
  assert.ok(fs.existsSync(path.join(dir, "predictors", "ati", "ati_2003-0000000000-0000000064.tif")), "ATI 2003 is a GEE tile set");
  assert.ok(!fs.existsSync(path.join(dir, "predictors", "ati", "ati_2003.tif")));

  const real = await loadAltInputs(settings, { manifest });
  const demo = await loadAltInputs(settings);
  assert.equal(real.world, null);
  assert.match(real.label, /^SYNTHETIC real-layout test/);
  assert.deepEqual(real.manifest.siteYears.map((s) => [s.source, s.format]), [["CALM", "calm-wide"], ["other", "site-years"]]);
  assert.deepEqual(real.grid, demo.grid);
  assert.deepEqual(real.stack.names, demo.stack.names);
  for (const name of real.stack.names) {
    for (const year of real.stack.layers.get(name)!.kind === "annual" ? real.years : [0]) {
      assert.deepEqual(real.stack.band(name, year), demo.stack.band(name, year), `${name} ${year}`);
    }
  }
  assert.deepEqual(real.cells, demo.cells);
  // the same site-years, pooled from two files instead of one: same rows in another order
  const key = (t: typeof real.table) => t.site.map((s, i) => `${s}|${t.year[i]}|${t.y[i]}`).sort();
  assert.equal(real.sites.site.length, demo.sites.site.length);
  assert.deepEqual(key(real.table), key(demo.table));
  assert.ok(real.sites.rowFile!.some((f) => f.endsWith("calm.csv")) && real.sites.rowFile!.some((f) => f.endsWith("other.csv")));
  assert.ok(real.qc.ledger.every((e) => e.file !== undefined), "QC ledger rows name their file");
  // the known truth of the export layout (one file per year) equals the demo world's
  assert.deepEqual(await readTruthBlock(real, "alt_true"), await readTruthBlock(demo, "alt_true"));
});

test("the chain's stages run on the real-layout inputs: grid search, members' annual maps", async () => {
  const inputs = await loadAltInputs(settings, { manifest: path.join(dir, "alt-inputs.json") });
  const small = { ...settings, grid: { ntrees: [20], mtries: [4, 8], minRows: [5] }, nfolds: 3, topK: 2 };
  const grid = await altGridStage(inputs.table, small, { workers: 1 });
  assert.equal(grid.value.members.length, 2);
  assert.ok(grid.value.search.models.every((m) => m.meanR2 > 0.3), JSON.stringify(grid.value.search.models.map((m) => m.meanR2)));
  const years = inputs.years.slice(0, 2);
  const pixels = pixelMatrixForYears(inputs.stack, years, inputs.cells);
  const maps = await altMemberMaps(inputs.table, grid.value.members, pixels, years, inputs.cells, { workers: 1 });
  assert.equal(maps.value.ensemble.length, years.length * inputs.cells.length);
  assert.ok(maps.value.ensemble.every((v) => Number.isFinite(v) && v > 0));
});
