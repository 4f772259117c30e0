/**
 * The SYNTHETIC northern-permafrost demo world for paper 1 (Liu et al. 2024): annual and static
 * predictors named as in its Table 1, and a known true active-layer thickness (ALT), so that the
 * paper's methods can be run and scored against the truth. Nothing here is observed data.
 *
 * The physics, in brief (all seeded; see data/demo-world/README.md for every constant):
 * - climate: mean annual temperature falls with latitude and elevation (warmer in the European
 *   sector), a Tibetan-Plateau-like
 *   high block (78–103° E, 28–38° N, ≈ 4,300 m), continental interiors colder with larger annual
 *   cycles, a spatially varying warming trend (mostly positive) and smooth interannual anomalies;
 * - the annual thaw index (ATI) and thaw season follow from a sinusoidal annual cycle;
 * - vegetation (tree cover, NDVI), water, soils and terrain are smooth fields tied to climate;
 * - true ALT follows a Stefan-type relation ALT = E·√ATI (cm), with the edaphic factor E reduced
 *   by soil organic carbon, tree cover and soil moisture, raised by sand, southness and on the
 *   plateau, times a hidden ±10 % factor (ground ice) that no predictor carries;
 * - fires (2005–2015) remove trees and NDVI, and deepen ALT by 20–35 % fading with a 6-year
 *   e-folding time; the counterfactual no-fire ALT gives the true fire response.
 * The permafrost domain is land (Natural Earth 1:110m) with a baseline mean temperature below
 * −1 °C, outside the Greenland ice sheet.
 */
import { checkInteger, checkOptions } from "../../core/checks";
import { ArgumentError } from "../../core/errors";
import { createRng } from "../../random/rng";
import { type Grid, cellCenter, lonLatGrid } from "../../raster/grid";
import { type DemoWorldBlock, allocDemoWorldBlock, demoWorldCell, demoWorldFields } from "./cell";
import { CellNoise } from "./cell-noise";
import { type GridWindow, landMask } from "./land-mask";
import { type DemoWorldSpec } from "./spec";

/** The generated world, in memory (NaN outside the permafrost domain). */
export interface DemoWorld extends DemoWorldBlock {
  /** The spec it was generated from. */
  spec: DemoWorldSpec;
}

/**
 * Generate the whole demo world in memory (deterministic for a spec). For the quick and full
 * worlds the cells' noise is one sequential stream (`demo-world-cell-noise`) and the fires
 * another (`demo-world-fires`), drawn cell by cell in row-major order; for a spec with
 * `cellNoise: "per-cell"` it is the same as {@link generateDemoWorldWindow} over the whole grid.
 *
 * @param spec - grid, years, seed
 * @returns the world in memory
 * @example
 * const w = generateDemoWorld({ ...demoWorldSpec("quick"), resolution: 10 });
 * [w.grid.width, w.grid.height, w.years.length]; // [36, 6, 18]
 */
export function generateDemoWorld(spec: DemoWorldSpec): DemoWorld {
  const grid = lonLatGrid(spec.bbox, spec.resolution);
  if (spec.cellNoise === "per-cell") return { spec, ...generateDemoWorldWindow(spec, { col0: 0, row0: 0, width: grid.width, height: grid.height }) };
  const fields = demoWorldFields(spec);
  const block = allocDemoWorldBlock(grid, fields.years);
  const land = landMask(grid);
  const noise = createRng(spec.seed, "demo-world-cell-noise");
  const fires = createRng(spec.seed, "demo-world-fires");
  const n = grid.width * grid.height;
  for (let i = 0; i < n; i++) {
    const col = i % grid.width;
    const row = (i - col) / grid.width;
    const [lon, lat] = cellCenter(grid, col, row);
    demoWorldCell(fields, lon, lat, land[i] === 1, noise, fires, block, i);
  }
  return { spec, ...block };
}

/**
 * The grid of a window of a world's grid (origin moved to the window's top-left cell).
 *
 * @param grid - the whole grid
 * @param window - the window, in cells
 * @returns the window's grid
 * @example
 * windowGrid(lonLatGrid([0, 0, 10, 10], 1), { col0: 2, row0: 3, width: 4, height: 5 }).originY; // 7
 */
export function windowGrid(grid: Grid, window: GridWindow): Grid {
  return { ...grid, width: window.width, height: window.height, originX: grid.originX + window.col0 * grid.resX, originY: grid.originY - window.row0 * grid.resY };
}

/**
 * Require a window inside a grid.
 *
 * @param fn - the public function's name
 * @param arg - the argument path
 * @param grid - the grid
 * @param window - the value to check
 * @returns the window
 * @throws ArgumentError naming the field and value when the window is not integers inside the grid
 * @example
 * checkGridWindow("f", "window", lonLatGrid([0, 0, 10, 10], 1), { col0: 8, row0: 0, width: 2, height: 10 }).width; // 2
 */
export function checkGridWindow(fn: string, arg: string, grid: Grid, window: unknown): GridWindow {
  if (window === null || typeof window !== "object") throw new ArgumentError({ fn, arg, value: window, expected: "a window {col0, row0, width, height}" }, "not a window");
  checkOptions(fn, arg, window, ["col0", "row0", "width", "height"]);
  const w = window as GridWindow;
  checkInteger(fn, `${arg}.col0`, w.col0, { min: 0, max: grid.width - 1 });
  checkInteger(fn, `${arg}.row0`, w.row0, { min: 0, max: grid.height - 1 });
  checkInteger(fn, `${arg}.width`, w.width, { min: 1, max: grid.width - w.col0 });
  checkInteger(fn, `${arg}.height`, w.height, { min: 1, max: grid.height - w.row0 });
  return w;
}

/**
 * Generate a window of a world whose noise is per cell (`spec.cellNoise === "per-cell"`, e.g.
 * {@link regionalWorldSpec}). Each cell's noise and fire come from counter-based streams keyed by
 * its row and column in the whole grid ({@link CellNoise}), and its land mask and centre from the
 * whole grid's indices, so a window generated alone equals the same cells of any larger window,
 * bit for bit. Memory is that of the window only.
 *
 * @param spec - the world's spec (with `cellNoise: "per-cell"`)
 * @param window - the cells, in the whole grid
 * @returns the window's values on the window's grid
 * @throws ArgumentError when the spec's noise is sequential (such a world is generated whole by
 *   {@link generateDemoWorld}) or the window is not inside the grid
 * @example
 * const spec = { ...regionalWorldSpec(), resolution: 0.5 };
 * const big = generateDemoWorldWindow(spec, { col0: 0, row0: 0, width: 8, height: 4 });
 * const small = generateDemoWorldWindow(spec, { col0: 5, row0: 2, width: 2, height: 2 });
 * small.altTrue[3][1] === big.altTrue[3][2 * 8 + 6] || Number.isNaN(small.altTrue[3][1]); // true
 */
export function generateDemoWorldWindow(spec: DemoWorldSpec, window: GridWindow): DemoWorldBlock {
  const fn = "generateDemoWorldWindow";
  if (spec.cellNoise !== "per-cell") {
    throw new ArgumentError({ fn, arg: "spec.cellNoise", value: spec.cellNoise, expected: '"per-cell" (a world with sequential noise is generated whole by generateDemoWorld)' }, "this world cannot be generated by window");
  }
  const grid = lonLatGrid(spec.bbox, spec.resolution);
  checkGridWindow(fn, "window", grid, window);
  const fields = demoWorldFields(spec);
  const block = allocDemoWorldBlock(windowGrid(grid, window), fields.years);
  const land = landMask(grid, window);
  const noise = new CellNoise(spec.seed, "demo-world-cell-noise");
  const fires = new CellNoise(spec.seed, "demo-world-fires");
  for (let r = 0; r < window.height; r++) {
    for (let c = 0; c < window.width; c++) {
      const row = window.row0 + r;
      const col = window.col0 + c;
      const [lon, lat] = cellCenter(grid, col, row);
      const i = r * window.width + c;
      demoWorldCell(fields, lon, lat, land[i] === 1, noise.at(row, col), fires.at(row, col), block, i);
    }
  }
  return block;
}
