/**
 * The bounded-memory map side (issue 15): altTiledMaps reads the inputs by window, tile by tile,
 * and writes COGs. Its annual ensemble, mean and trend equal the in-memory chain's (altMemberMaps,
 * blockMeanTrend) bit for bit on the quick world; a killed run resumes from its tile states, and a
 * corrupt or truncated state is recomputed, giving identical maps.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  altMemberMaps, altSettings, altTiledMaps, blockAnnualMaps, matchSiteYearsFromSource, blockMeanTrend, loadAltInputs, pixelMatrixForYears, readGeoTiff, scatterToMap,
} from "permafrost-kit";

const settings = altSettings("quick");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alt-tiled-"));

test("tiled maps equal the in-memory chain bit for bit; a killed run resumes; corrupt states are recomputed", async () => {
  const inputs = await loadAltInputs(settings);
  const members = [{ ntrees: 15, mtries: 4, minRows: 5, seed: 11 }, { ntrees: 15, mtries: 8, minRows: 3, seed: 12 }];
  const years = inputs.years.slice(0, 4);
  const run = await altTiledMaps(inputs.source, inputs.table, members, { dir, tileSize: 32, years, workers: 1, onProgress: () => undefined });
  assert.equal(run.cells, inputs.cells.length);
  assert.equal(run.droppedCells, inputs.droppedCells);
  assert.equal(run.reusedTiles, 0);
  assert.equal(run.pixelYears, years.length * inputs.cells.length);

  const mem = await altMemberMaps(inputs.table, members, pixelMatrixForYears(inputs.stack, years, inputs.cells), years, inputs.cells, { workers: 1 });
  const size = inputs.grid.width * inputs.grid.height;
  assert.deepEqual(run.files.annual.map((f) => path.basename(f)), years.map((y) => `alt_${y}.tif`));
  const maps = blockAnnualMaps(mem.value.ensemble, inputs.cells, years.length, size);
  for (let y = 0; y < years.length; y++) {
    const r = await readGeoTiff(run.files.annual[y]!);
    assert.deepEqual(r.bandNames, [String(years[y])]);
    assert.deepEqual(r.bands[0], maps[y], `year ${years[y]}`);
  }
  const mt = blockMeanTrend(mem.value.ensemble, years);
  assert.deepEqual((await readGeoTiff(run.files.mean)).bands[0], scatterToMap(mt.mean, inputs.cells, size));
  assert.deepEqual((await readGeoTiff(run.files.trend)).bands[0], scatterToMap(mt.trend, inputs.cells, size));

  // a killed run: some tile states missing, one truncated, one with a flipped byte
  const states = fs.readdirSync(run.stateDir).sort();
  assert.equal(states.length, run.tiles);
  fs.rmSync(path.join(run.stateDir, states[0]!));
  fs.rmSync(path.join(run.stateDir, states[1]!));
  const trunc = path.join(run.stateDir, states[2]!);
  fs.writeFileSync(trunc, fs.readFileSync(trunc).subarray(0, 100));
  const flip = path.join(run.stateDir, states[3]!);
  const b = fs.readFileSync(flip);
  b[b.length - 1] ^= 0xff;
  fs.writeFileSync(flip, b);
  const before = run.files.annual.map((f) => fs.readFileSync(f));
  const again = await altTiledMaps(inputs.source, inputs.table, members, { dir, tileSize: 32, years, workers: 1, onProgress: () => undefined });
  assert.equal(again.reusedTiles, run.tiles - 4);
  assert.deepEqual(again.files.annual.map((f) => fs.readFileSync(f)), before, "the resumed run writes byte-identical maps");
});

test("matching site-years by window gives the in-memory training table, value for value", async () => {
  const inputs = await loadAltInputs(settings);
  const t = await matchSiteYearsFromSource(inputs.sites, inputs.source, inputs.qc.kept);
  assert.deepEqual(t.x, inputs.table.x);
  assert.deepEqual(t.y, inputs.table.y);
  assert.deepEqual(t.rows, inputs.table.rows);
  assert.deepEqual(t.cell, inputs.table.cell);
  assert.deepEqual(t.unmatched, inputs.table.unmatched);
});
