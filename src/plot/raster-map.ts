/**
 * A map of one raster band on its lon/lat grid (plate carrée heatmap) with coastlines and,
 * optionally, site markers: paper 1's maps of ALT, trends and predictors (Figs 1, 4a, 5a).
 */
import { type Data } from "plotly.js";
import { type Grid, cellCenter } from "../raster/grid";
import { type Figure, type FigureOptions, checkFigureName, checkFigureOptions, makeFigure, figureOptionsOf } from "./figure";
import { ArgumentError } from "../core/errors";
import { checkArray, checkNumber, checkOptions } from "../core/checks";
import { plateCarree } from "./projection";
import { coastlineTrace } from "./site-map";

/** Options of {@link rasterMap}. */
export interface RasterMapOptions extends FigureOptions {
  /** Colour-bar title with units, e.g. "ALT (cm)". */
  valueTitle: string;
  /** Plotly colour scale name (default "Viridis"). */
  colorscale?: string;
  /** Colour range (default: data range). */
  zmin?: number;
  /** Colour range (default: data range). */
  zmax?: number;
  /** Show the colour bar (default true; false for a band of one value, e.g. a domain mask, whose bar would only span that value ± 0.5). */
  showscale?: boolean;
  /** Sites to overlay (lon, lat, hover label). */
  sites?: { lon: ArrayLike<number>; lat: ArrayLike<number>; label: string[]; name?: string };
}

/**
 * Build a map of a band (NaN cells are transparent).
 *
 * @param name - figure name (file-safe)
 * @param grid - the band's grid (EPSG:4326)
 * @param band - values, row-major
 * @param title - figure title
 * @param options - colour bar, range, sites, synthetic label
 * @returns the figure
 * @throws ArgumentError for a bad name or option (missing `valueTitle`, zmin ≥ zmax), a band
 *   whose length is not the grid's width × height or holds ±Infinity, or site arrays of
 *   different lengths
 */
export function rasterMap(name: string, grid: Grid, band: ArrayLike<number>, title: string, options: RasterMapOptions): Figure {
  const fn = "rasterMap";
  checkFigureName(fn, "name", name);
  if (options === undefined) throw new ArgumentError({ fn, arg: "options", value: options, expected: "options with at least valueTitle" }, "missing");
  checkFigureOptions(fn, "options", options, ["valueTitle", "colorscale", "zmin", "zmax", "showscale", "sites"]);
  if (options.showscale !== undefined && typeof options.showscale !== "boolean") throw new ArgumentError({ fn, arg: "options.showscale", value: options.showscale, expected: "true or false" }, "not a boolean");
  if (typeof options.valueTitle !== "string") throw new ArgumentError({ fn, arg: "options.valueTitle", value: options.valueTitle, expected: "a colour-bar title with units" }, "missing");
  if (grid === null || typeof grid !== "object" || !Number.isInteger(grid.width) || !Number.isInteger(grid.height) || grid.width < 1 || grid.height < 1) {
    throw new ArgumentError({ fn, arg: "grid", value: grid, expected: "a Grid with positive integer width and height" }, "not a grid");
  }
  checkArray(fn, "band", band, { length: grid.width * grid.height, lengthOf: `grid width × height = ${grid.width} × ${grid.height}`, allowNaN: true });
  if (options.zmin !== undefined) checkNumber(fn, "options.zmin", options.zmin);
  if (options.zmax !== undefined) checkNumber(fn, "options.zmax", options.zmax);
  if (options.zmin !== undefined && options.zmax !== undefined && !(options.zmin < options.zmax)) {
    throw new ArgumentError({ fn, arg: "options.zmax", value: options.zmax, expected: `a value above options.zmin = ${options.zmin}` }, "empty colour range");
  }
  if (options.sites !== undefined) {
    const st = options.sites;
    checkOptions(fn, "options.sites", st, ["lon", "lat", "label", "name"]);
    const n = checkArray(fn, "options.sites.lon", st.lon).length;
    checkArray(fn, "options.sites.lat", st.lat, { length: n, lengthOf: "options.sites.lon.length" });
    if (!Array.isArray(st.label) || st.label.length !== n) throw new ArgumentError({ fn, arg: "options.sites.label", value: st.label, expected: `${n} labels (options.sites.lon.length)` }, "wrong length");
  }
  const xs = Array.from({ length: grid.width }, (_, c) => cellCenter(grid, c, 0)[0]);
  const ys: number[] = [];
  const z: (number | null)[][] = [];
  for (let r = grid.height - 1; r >= 0; r--) {
    ys.push(cellCenter(grid, 0, r)[1]);
    const row: (number | null)[] = [];
    for (let c = 0; c < grid.width; c++) {
      const v = band[r * grid.width + c]!;
      row.push(Number.isNaN(v) ? null : v);
    }
    z.push(row);
  }
  const south = grid.originY - grid.height * grid.resY;
  const data: Data[] = [
    {
      type: "heatmap", x: xs, y: ys, z, colorscale: options.colorscale ?? "Viridis", hoverongaps: false,
      ...(options.zmin === undefined ? {} : { zmin: options.zmin }), ...(options.zmax === undefined ? {} : { zmax: options.zmax }),
      colorbar: { title: { text: options.valueTitle }, len: 0.8 }, showscale: options.showscale !== false,
    },
    coastlineTrace(plateCarree([grid.originX, grid.originX + grid.width * grid.resX, south, grid.originY])),
  ];
  if (options.sites !== undefined) {
    data.push({
      type: "scatter", mode: "markers", x: Array.from(options.sites.lon), y: Array.from(options.sites.lat), text: options.sites.label, hoverinfo: "text",
      name: options.sites.name ?? "sites", marker: { size: 5, color: "#d62728", line: { color: "white", width: 0.5 } },
    });
  }
  return makeFigure(name, data, {
    title: { text: title },
    xaxis: { title: { text: "longitude (°E)" }, range: [grid.originX, grid.originX + grid.width * grid.resX], showgrid: false, zeroline: false },
    yaxis: { title: { text: "latitude (°N)" }, range: [south, grid.originY], showgrid: false, zeroline: false, scaleanchor: "x", scaleratio: 1 },
    legend: { orientation: "h", y: -0.25 },
    margin: { l: 60, r: 20, t: 60, b: 80 },
  }, figureOptionsOf(options, { width: 1100, height: 420 }));
}
