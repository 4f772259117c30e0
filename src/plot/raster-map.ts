/**
 * A map of one raster band on its lon/lat grid (plate carrée heatmap) with coastlines and,
 * optionally, site markers: paper 1's maps of ALT, trends and predictors (Figs 1, 4a, 5a).
 */
import { type Data } from "plotly.js";
import { type Grid, cellCenter } from "../raster/grid";
import { type Figure, type FigureOptions, figure } from "./figure";
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
 */
export function rasterMap(name: string, grid: Grid, band: ArrayLike<number>, title: string, options: RasterMapOptions): Figure {
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
      colorbar: { title: { text: options.valueTitle }, len: 0.8 },
    },
    coastlineTrace(plateCarree([grid.originX, grid.originX + grid.width * grid.resX, south, grid.originY])),
  ];
  if (options.sites !== undefined) {
    data.push({
      type: "scatter", mode: "markers", x: Array.from(options.sites.lon), y: Array.from(options.sites.lat), text: options.sites.label, hoverinfo: "text",
      name: options.sites.name ?? "sites", marker: { size: 5, color: "#d62728", line: { color: "white", width: 0.5 } },
    });
  }
  return figure(name, data, {
    title: { text: title },
    xaxis: { title: { text: "longitude (°E)" }, range: [grid.originX, grid.originX + grid.width * grid.resX], showgrid: false, zeroline: false },
    yaxis: { title: { text: "latitude (°N)" }, range: [south, grid.originY], showgrid: false, zeroline: false, scaleanchor: "x", scaleratio: 1 },
    legend: { orientation: "h", y: -0.25 },
    margin: { l: 60, r: 20, t: 60, b: 80 },
  }, { width: 1100, height: 420, ...options });
}
