/**
 * The fire response and the driver table from 1 km maps in bounded memory (issue 15): drawn by
 * window from altTiledMaps' COGs and the inputs, they equal the in-memory chain's (notebooks 15
 * and 16) bit for bit on the quick world, including a further series read by window (the truth).
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  ArgumentError, DataError, altMemberMaps, altSettings, altTiledDriverTable, altTiledFireResponse, altTiledMaps, blockColumns, blockMeanTrend, fireClassName, fireResponse,
  groupCellsByWindow, finiteCellsAt, loadAltInputs, openRasterSource, pixelMatrixForYears, pixelPredictorMeans, readAtCellGroups, readFirePixels, readTruthBlock,
  sampleBurnedPixels, sampleIndices, selectRows,
} from "permafrost-kit";
import { refuses, refusesAsync } from "../bad-input/corpus";

const settings = altSettings("quick");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alt-tiled-fire-"));
const members = [{ ntrees: 10, mtries: 4, minRows: 5, seed: 11 }, { ntrees: 10, mtries: 8, minRows: 3, seed: 12 }];

test("tiled fire response and driver table equal the in-memory ones bit for bit", async () => {
  const inputs = await loadAltInputs(settings);
  const run = await altTiledMaps(inputs.source, inputs.table, members, { dir, tileSize: 32, workers: 1, onProgress: () => undefined });
  const mem = await altMemberMaps(inputs.table, members, pixelMatrixForYears(inputs.stack, inputs.years, inputs.cells), inputs.years, inputs.cells, { workers: 1 });
  const nC = inputs.cells.length;

  // fire (notebook 16): the sample, the mapped series and a further series (the truth) read by window
  const fire = (await readFirePixels(inputs, { ...settings, firePixels: 40 }))!;
  assert.ok(fire.burned > 40, `the quick world has ${fire.burned} burned pixels`);
  assert.equal(fire.index.length, 40);
  const trueBlock = await readTruthBlock(inputs, "alt_true");
  const want = fireResponse(fire.fireYear, fire.group, [mem.value.ensemble, trueBlock].map((b) => blockColumns(b, nC, fire.index)), inputs.years);
  const truthFiles = inputs.years.map((y) => path.join(inputs.manifest.truthDir!, "alt_true", `alt_true_${y}.tif`));
  const truth = { name: "true", read: async (year: number, w: { col0: number; row0: number; col1: number; row1: number }) => (await (await openRasterSource(truthFiles[year - inputs.years[0]!]!)).readWindow(w, [0]))[0]! };
  const got = await altTiledFireResponse(inputs.source, run, inputs.years, { firePixels: 40, seed: settings.seed, series: [truth], tileSize: 16 });
  assert.deepEqual(got.cells, fire.cells);
  assert.deepEqual([got.rows, got.burned, got.skipped], [want.rows, want.burned, want.skipped]);
  assert.deepEqual([got.sample.burned, got.sample.outsideYears], [fire.burned, fire.outsideYears]);
  assert.deepEqual(got.series, ["mapped", "true"]);
  assert.ok(got.rows.some((r) => r.lag === 1 && r.change[1]! > 0), "the true ALT deepens after fire");
  assert.equal(fireClassName(fire.classes, 21), "shrub tundra");

  // drivers (notebook 15): the same seeded pixels, predictor means and mapped mean and trend
  const sample = sampleIndices(nC, 150, settings.seed, "driver-pixels");
  const table = selectRows(pixelPredictorMeans(inputs.stack, inputs.years, inputs.cells), sample);
  const mt = blockMeanTrend(mem.value.ensemble, inputs.years);
  const d = await altTiledDriverTable(inputs.source, run, { pixels: 150, seed: settings.seed, tileSize: 16 });
  assert.equal(d.mappedPixels, nC);
  assert.deepEqual(d.cells, Int32Array.from(sample, (i) => inputs.cells[i]!));
  assert.deepEqual(d.table.columns, table.columns);
  assert.deepEqual(d.table.data, table.data);
  assert.deepEqual(d.mappedMean, Float64Array.from(sample, (i) => mt.mean[i]!));
  assert.deepEqual(d.mappedTrend, Float64Array.from(sample, (i) => mt.trend[i]!));
});

test("reading at cells by window: every window read once, values in the cells' order", async () => {
  const cells = Int32Array.from([99, 0, 57, 58, 3]);
  const groups = groupCellsByWindow({ width: 10, height: 10 }, cells, 4);
  const reads: string[] = [];
  const v = await readAtCellGroups(groups, cells.length, (w) => {
    reads.push(`${w.row0},${w.col0}`);
    return Promise.resolve(Float32Array.from({ length: (w.col1 - w.col0) * (w.row1 - w.row0) }, (_, i) => (w.row0 + Math.floor(i / (w.col1 - w.col0))) * 10 + w.col0 + (i % (w.col1 - w.col0))));
  });
  assert.deepEqual(Array.from(v), [99, 0, 57, 58, 3]);
  assert.deepEqual(reads, ["0,0", "4,4", "4,8", "8,8"]);
  const s = sampleBurnedPixels([NaN, 2004, 2006, 0, 2015, 2016], 10, 1);
  assert.deepEqual([Array.from(s.index), s.burned, s.outsideYears], [[2, 4], 2, 2]);
});

describe("tiled fire and drivers: refusals", () => {
  refuses("cells outside the grid", () => groupCellsByWindow({ width: 4, height: 4 }, Int32Array.from([3, 16]), 2), ArgumentError, ["groupCellsByWindow", "cells", "16", "outside the grid"]);
  refuses("a fire year that is not a whole year", () => sampleBurnedPixels([2005, 2006.5], 5, 1), ArgumentError, ["sampleBurnedPixels", "fireYear", "2006.5"]);
  refuses("columns of a block that is not whole years", () => blockColumns(new Float32Array(7), 3, Int32Array.from([0])), ArgumentError, ["blockColumns", "block", "years × 3"]);
  refusesAsync("a window read of the wrong size", () => readAtCellGroups(groupCellsByWindow({ width: 4, height: 4 }, Int32Array.from([5]), 2), 1, () => Promise.resolve(new Float32Array(3))), ArgumentError, ["readAtCellGroups", "rows 0–1, columns 0–1", "4 values"]);
  refusesAsync("positions not ascending", async () => finiteCellsAt(await openRasterSource(path.join((await loadAltInputs(settings)).manifest.dir, "mask", "permafrost_extent.tif")), Int32Array.from([5, 2])), ArgumentError, ["finiteCellsAt", "positions", "not ascending"]);
  refusesAsync("an unknown option of the driver table", async () => {
    const inputs = await loadAltInputs(settings);
    return altTiledDriverTable(inputs.source, { files: { mean: "m.tif", trend: "t.tif" } }, { pixels: 10, seed: 1, tile: 5 } as never);
  }, ArgumentError, ["altTiledDriverTable", "options.tile"]);
  const withBudget = async (gb: string, f: () => Promise<unknown>) => {
    const prev = process.env["PERMAFROST_MEMORY_GB"];
    process.env["PERMAFROST_MEMORY_GB"] = gb;
    try {
      return await f();
    } finally {
      if (prev === undefined) delete process.env["PERMAFROST_MEMORY_GB"];
      else process.env["PERMAFROST_MEMORY_GB"] = prev;
    }
  };
  refusesAsync("inputs too large for the in-memory chain", () => withBudget("0.0001", () => loadAltInputs(settings)), DataError, ["alt-inputs.json", "key mask.file", "180 × 30 cells", "too large for the in-memory chain", "altTiledMaps", "PERMAFROST_MEMORY_GB"]);
  refusesAsync("a memory budget that is not a number", () => withBudget("lots", () => loadAltInputs(settings)), ArgumentError, ["loadAltInputs", "$PERMAFROST_MEMORY_GB", '"lots"']);
  refusesAsync("annual maps that do not match the years", async () => {
    const inputs = await loadAltInputs(settings);
    return altTiledFireResponse(inputs.source, { files: { mean: "m.tif", annual: ["a.tif"] } }, inputs.years, { firePixels: 10, seed: 1 });
  }, ArgumentError, ["altTiledFireResponse", "maps.files.annual", "18 annual maps"]);
});
