/**
 * The latitude profile of a map that is never whole in memory (paper 1 Figs 4d and 5e at 1 km,
 * issue 15): windows of the map (tiles, row blocks) are added one by one, in any order, and the
 * result is exactly what {@link latitudeBins} returns for the whole map, bit for bit.
 *
 * **Memory.** latitudeBins reports per bin the quartiles and the median, which are exact only
 * with every value of the bin at hand, so the accumulator keeps every finite cell that falls
 * in a bin: 4 bytes per cell when the windows come as Float32Array (the kit's maps; kept
 * exactly), 8 bytes otherwise, plus about 100 bytes per (row, window) piece. That is the
 * domain's cell count, not the grid's (NaN cells and cells outside the latitude range are only
 * counted). At `result()` one bin at a time is gathered in row-major order as Float64 (the
 * order fixes the sums of the mean and SD, as latitudeBins sums them), so the peak adds
 * 8 bytes × the largest bin's cells (and the quantile's sorted copy).
 */
import { ArgumentError } from "../core/errors";
import { checkInteger } from "../core/checks";
import { type Grid, checkGrid } from "./grid";
import { type CellWindow } from "./geotiff-io";
import { type LatitudeBinList, type LatitudeBinOptions, latitudeBinRange, latitudeBinSummary } from "./latitude-bins";

interface Piece {
  col0: number;
  col1: number;
  values: Float32Array | Float64Array;
}

/**
 * Accumulates windows of a map and bins them by latitude as {@link latitudeBins} does (see the
 * module comment for the memory). Cells never added count as missing (NaN), like the NaN cells
 * of a whole map; a cell added twice is an error.
 *
 * @example
 * const grid = lonLatGrid([0, 60, 20, 80], 5);
 * const values = Float32Array.from({ length: 16 }, (_, i) => i);
 * const acc = new LatitudeBinAccumulator(grid, { width: 10, from: 60, to: 80 });
 * acc.add({ col0: 2, row0: 0, col1: 4, row1: 4 }, Float32Array.from([2, 3, 6, 7, 10, 11, 14, 15]));
 * acc.add({ col0: 0, row0: 0, col1: 2, row1: 4 }, Float32Array.from([0, 1, 4, 5, 8, 9, 12, 13]));
 * acc.result()[1].mean === latitudeBins(grid, values, { width: 10, from: 60, to: 80 })[1].mean; // true
 */
export class LatitudeBinAccumulator {
  private readonly grid: Grid;
  private readonly width: number;
  private readonly from: number;
  private readonly nb: number;
  private readonly rows: (Piece[] | undefined)[];
  private outside = 0;
  private finite = 0;
  private kept = 0;

  /**
   * Start an empty profile.
   *
   * @param grid - the map's grid (EPSG:4326)
   * @param options - bin width in degrees (default 5) and the range (default 25–85 °N), as latitudeBins
   * @throws ArgumentError when the grid is bad or not EPSG:4326, or the bin options are bad (as latitudeBins)
   */
  constructor(grid: Grid, options: LatitudeBinOptions = {}) {
    const fn = "LatitudeBinAccumulator";
    checkGrid(fn, "grid", grid);
    if (grid.crs !== "EPSG:4326") throw new ArgumentError({ fn, arg: "grid.crs", value: grid.crs, expected: '"EPSG:4326" (latitudes in degrees)' }, "not a lon/lat grid");
    const r = latitudeBinRange(fn, options);
    this.grid = grid;
    this.width = r.width;
    this.from = r.from;
    this.nb = r.nb;
    this.rows = new Array<Piece[] | undefined>(grid.height);
  }

  /**
   * The bin of a grid row (as latitudeBins: by the row centre's latitude).
   *
   * @param r - the row
   * @returns the bin, or −1 outside the range
   */
  private binOf(r: number): number {
    const lat = this.grid.originY - (r + 0.5) * this.grid.resY;
    const b = Math.floor((lat - this.from) / this.width);
    return b >= 0 && b < this.nb ? b : -1;
  }

  /**
   * Add one window of the map.
   *
   * @param window - the window's bounds on the grid (integers, inside the grid, non-empty)
   * @param values - its values, row-major (width × height of the window; NaN = outside the domain)
   * @returns nothing; the window's finite cells are kept (in a bin) or counted (outside the range)
   * @throws ArgumentError for a window outside the grid or empty, values of the wrong length, or a ±Infinity value (naming its index)
   * @example
   * const grid = lonLatGrid([0, 60, 10, 70], 5);
   * const acc = new LatitudeBinAccumulator(grid, { width: 10, from: 60, to: 70 });
   * acc.add({ col0: 0, row0: 0, col1: 2, row1: 1 }, [1, 2]);
   * acc.storedValues; // 2
   */
  add(window: CellWindow, values: ArrayLike<number>): void {
    const fn = "LatitudeBinAccumulator.add";
    const g = this.grid;
    if (window === null || typeof window !== "object") throw new ArgumentError({ fn, arg: "window", value: window, expected: "{ col0, row0, col1, row1 }" }, "not a window");
    checkInteger(fn, "window.col0", window.col0, { min: 0, max: g.width - 1 });
    checkInteger(fn, "window.row0", window.row0, { min: 0, max: g.height - 1 });
    checkInteger(fn, "window.col1", window.col1, { min: window.col0 + 1, max: g.width });
    checkInteger(fn, "window.row1", window.row1, { min: window.row0 + 1, max: g.height });
    const w = window.col1 - window.col0;
    const h = window.row1 - window.row0;
    if (values === null || typeof values !== "object" || values.length !== w * h) {
      throw new ArgumentError({ fn, arg: "values", value: values?.length, expected: `${w * h} values (${w}×${h} window)` }, "values do not match the window");
    }
    const f32 = values instanceof Float32Array;
    for (let r = 0; r < h; r++) {
      const b = this.binOf(window.row0 + r);
      let n = 0;
      for (let c = 0; c < w; c++) {
        const v = values[r * w + c]!;
        if (Number.isNaN(v)) continue;
        if (v === Infinity || v === -Infinity || typeof v !== "number") throw new ArgumentError({ fn, arg: "values", at: r * w + c, value: v, expected: "a finite number or NaN (outside the domain)" }, "bad value");
        n++;
      }
      this.finite += n;
      if (b < 0) {
        this.outside += n;
        continue;
      }
      const kept = f32 ? new Float32Array(n) : new Float64Array(n);
      let k = 0;
      for (let c = 0; c < w; c++) {
        const v = values[r * w + c]!;
        if (!Number.isNaN(v)) kept[k++] = v;
      }
      const list = this.rows[window.row0 + r] ?? (this.rows[window.row0 + r] = []);
      list.push({ col0: window.col0, col1: window.col1, values: kept });
      this.kept += n;
    }
  }

  /**
   * Values kept so far (finite cells inside the latitude range): the accumulator's memory is
   * about 4 or 8 bytes times this.
   *
   * @returns the count
   */
  get storedValues(): number {
    return this.kept;
  }

  /**
   * The bins of everything added, equal to latitudeBins on the whole map (cells never added
   * count as missing).
   *
   * @returns the bins from south to north, with `outside` and `missing`
   * @throws ArgumentError when a cell was added twice (naming the row and the columns)
   * @example
   * const grid = lonLatGrid([0, 60, 10, 70], 5);
   * const acc = new LatitudeBinAccumulator(grid, { width: 10, from: 60, to: 70 });
   * acc.add({ col0: 0, row0: 1, col1: 2, row1: 2 }, [3, NaN]);
   * acc.result().missing; // 3
   */
  result(): LatitudeBinList {
    const g = this.grid;
    const perBin: { row: number; pieces: Piece[] }[][] = Array.from({ length: this.nb }, () => []);
    for (let r = 0; r < g.height; r++) {
      const list = this.rows[r];
      if (list === undefined) continue;
      const pieces = [...list].sort((a, b) => a.col0 - b.col0);
      for (let k = 1; k < pieces.length; k++) {
        if (pieces[k]!.col0 < pieces[k - 1]!.col1) {
          throw new ArgumentError({ fn: "LatitudeBinAccumulator.result", arg: "window", value: `row ${r}, columns ${pieces[k]!.col0}–${pieces[k - 1]!.col1 - 1}`, expected: "each cell added once" }, "overlapping windows");
        }
      }
      perBin[this.binOf(r)]!.push({ row: r, pieces });
    }
    const bins = perBin.map((rows, b) => {
      let n = 0;
      for (const { pieces } of rows) for (const p of pieces) n += p.values.length;
      const all = new Float64Array(n);
      let k = 0;
      for (const { pieces } of rows) {
        for (const p of pieces) {
          all.set(p.values, k);
          k += p.values.length;
        }
      }
      return latitudeBinSummary(this.from + b * this.width, this.width, all);
    });
    return Object.assign(bins, { outside: this.outside, missing: g.width * g.height - this.finite });
  }
}
