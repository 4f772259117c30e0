/**
 * LatitudeBinAccumulator (issue 15): a map added window by window, in any order, gives exactly
 * latitudeBins of the whole map (counts, mean, SD, quartiles, outside, missing), on the quick
 * world's truth maps and with windows that leave out all-NaN tiles.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ArgumentError, LatitudeBinAccumulator, altSettings, latitudeBins, loadAltInputs, readTruth, type Grid } from "permafrost-kit";
import { refuses } from "../bad-input/corpus";

function windows(grid: Grid, side: number): { col0: number; row0: number; col1: number; row1: number }[] {
  const out = [];
  for (let row0 = 0; row0 < grid.height; row0 += side) {
    for (let col0 = 0; col0 < grid.width; col0 += side) out.push({ col0, row0, col1: Math.min(grid.width, col0 + side), row1: Math.min(grid.height, row0 + side) });
  }
  return out;
}

function cut(grid: Grid, values: ArrayLike<number>, w: { col0: number; row0: number; col1: number; row1: number }, f64: boolean): Float32Array | Float64Array {
  const out = f64 ? new Float64Array((w.col1 - w.col0) * (w.row1 - w.row0)) : new Float32Array((w.col1 - w.col0) * (w.row1 - w.row0));
  let k = 0;
  for (let r = w.row0; r < w.row1; r++) for (let c = w.col0; c < w.col1; c++) out[k++] = values[r * grid.width + c]!;
  return out;
}

describe("latitude bins by window", () => {
  it("equal latitudeBins of the whole map on the quick world, whatever the window order", async () => {
    const inputs = await loadAltInputs(altSettings("quick"));
    const grid = inputs.grid;
    for (const name of ["alt_true_trend", "alt_true_mean"]) {
      const map = (await readTruth(inputs, name)).bands[0]!;
      for (const [side, options, f64] of [[7, { width: 5 }, false], [16, { width: 2, from: 50, to: 70 }, true]] as const) {
        const acc = new LatitudeBinAccumulator(grid, options);
        // reversed order, and all-NaN windows never added (they count as missing)
        for (const w of windows(grid, side).reverse()) {
          const v = cut(grid, map, w, f64);
          if (v.some((x) => !Number.isNaN(x))) acc.add(w, v);
        }
        const want = latitudeBins(grid, map, options);
        const got = acc.result();
        assert.deepEqual(got, want, `${name}, windows of ${side}`);
        assert.equal(got.outside, want.outside);
        assert.equal(got.missing, want.missing);
        assert.equal(acc.storedValues, want.reduce((a, b) => a + b.cells, 0));
        assert.ok(want.some((b) => b.cells > 1), "some bins hold cells");
      }
    }
  });
});

describe("bad input to LatitudeBinAccumulator", () => {
  const grid: Grid = { width: 4, height: 4, originX: 0, originY: 80, resX: 5, resY: 5, crs: "EPSG:4326" };
  refuses("LatitudeBinAccumulator: a projected grid", () => new LatitudeBinAccumulator({ ...grid, crs: "EPSG:3413" }), ArgumentError, ["grid.crs", "EPSG:3413"]);
  refuses("LatitudeBinAccumulator: width 0", () => new LatitudeBinAccumulator(grid, { width: 0 }), ArgumentError, ["options.width", "0"]);
  refuses("LatitudeBinAccumulator.add: a window past the grid", () => new LatitudeBinAccumulator(grid).add({ col0: 0, row0: 0, col1: 5, row1: 1 }, new Float32Array(5)), ArgumentError, ["window.col1", "5"]);
  refuses("LatitudeBinAccumulator.add: values of the wrong length", () => new LatitudeBinAccumulator(grid).add({ col0: 0, row0: 0, col1: 2, row1: 2 }, new Float32Array(3)), ArgumentError, ["values", "3"]);
  refuses("LatitudeBinAccumulator.add: Infinity", () => new LatitudeBinAccumulator(grid).add({ col0: 0, row0: 0, col1: 2, row1: 1 }, [1, Infinity]), ArgumentError, ["values", "Infinity"]);
  refuses("LatitudeBinAccumulator.result: a cell added twice", () => {
    const acc = new LatitudeBinAccumulator(grid, { width: 10, from: 60, to: 80 });
    acc.add({ col0: 0, row0: 0, col1: 3, row1: 1 }, [1, 2, 3]);
    acc.add({ col0: 2, row0: 0, col1: 4, row1: 1 }, [3, 4]);
    return acc.result();
  }, ArgumentError, ["row 0", "overlapping"]);
});
