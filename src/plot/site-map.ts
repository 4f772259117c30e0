/**
 * Site maps (paper 2, Figs 3, 4 and 8): sites coloured by a signed value (diverging scale
 * centred on 0: red positive, blue negative) and sized by its magnitude, over Natural Earth coastlines, in Plate Carrée or
 * a polar azimuthal projection. Sites whose position is only a placeholder are drawn as open
 * symbols and listed in the legend as such.
 */
import type { Data, Layout } from "plotly.js";
import { landOutlines } from "./coastlines";
import { checkFigureName, checkFigureOptions, makeFigure, figureOptionsOf, type Figure, type FigureOptions } from "./figure";
import { ArgumentError } from "../core/errors";
import { checkArray, checkNumber, checkOptions } from "../core/checks";
import type { Projection } from "./projection";

/** Sites to draw. */
export interface MapSites {
  /** Latitude, degrees. */
  lat: ArrayLike<number>;
  /** Longitude, degrees east. */
  lon: ArrayLike<number>;
  /** Signed value for the colour (e.g. TO, °C). */
  value: ArrayLike<number>;
  /** Hover labels. */
  label: string[];
  /** True where the position is a placeholder, not a located site. */
  placeholder: boolean[];
}

/** Options of {@link siteMap}. */
export interface SiteMapOptions extends FigureOptions {
  /** Colour-bar title, e.g. "TO (°C)". */
  valueTitle: string;
  /** Symmetric colour limit (default: max |value|). */
  colorLimit?: number;
  /** Marker diameter in px for |value| = colorLimit (default 26). */
  maxSize?: number;
  /** Draw circles of latitude for polar maps at these latitudes. */
  graticule?: number[];
  /** "polar" maps use equal x/y scaling without axes. */
  polar?: boolean;
}

/**
 * The Natural Earth coastlines as one plotly line trace in a projection (rings are broken where
 * they leave the map or cross the antimeridian).
 *
 * @param projection - a projection from ./projection
 * @returns a grey line trace without legend or hover
 * @throws ArgumentError when `projection` is not a function
 */
export function coastlineTrace(projection: Projection): Data {
  if (typeof projection !== "function") throw new ArgumentError({ fn: "coastlineTrace", arg: "projection", value: projection, expected: "a projection from plateCarree() or polarAzimuthal()" }, "not a function");
  const cx: (number | null)[] = [];
  const cy: (number | null)[] = [];
  for (const ring of landOutlines()) {
    let open = false;
    let prevLon = NaN;
    for (const [lon, lat] of ring) {
      const p = projection(lon, lat);
      const wraps = Math.abs(lon - prevLon) > 180; // ring crosses the antimeridian
      prevLon = lon;
      if (wraps && open) { cx.push(null); cy.push(null); open = false; }
      if (p === null) {
        if (open) { cx.push(null); cy.push(null); open = false; }
        continue;
      }
      cx.push(p[0]); cy.push(p[1]); open = true;
    }
    cx.push(null); cy.push(null);
  }
  return { type: "scatter", mode: "lines", x: cx, y: cy, line: { color: "#8a8a8a", width: 0.8 }, hoverinfo: "skip", showlegend: false };
}

/**
 * Build a site map.
 *
 * @param name - figure name
 * @param sites - site positions and values
 * @param projection - a projection from ./projection
 * @param title - figure title
 * @param options - colour, size and labelling options
 * @returns the figure
 * @throws ArgumentError for a bad name or option (missing `valueTitle`, a colour limit or size that
 *   is not positive), site arrays of different lengths, or a non-finite position or value
 */
export function siteMap(name: string, sites: MapSites, projection: Projection, title: string, options: SiteMapOptions): Figure {
  const fn = "siteMap";
  checkFigureName(fn, "name", name);
  if (options === undefined) throw new ArgumentError({ fn, arg: "options", value: options, expected: "options with at least valueTitle" }, "missing");
  checkFigureOptions(fn, "options", options, ["valueTitle", "colorLimit", "maxSize", "graticule", "polar"]);
  if (typeof options.valueTitle !== "string") throw new ArgumentError({ fn, arg: "options.valueTitle", value: options.valueTitle, expected: "a colour-bar title with units" }, "missing");
  if (options.colorLimit !== undefined) checkNumber(fn, "options.colorLimit", options.colorLimit, { min: 0, exclusiveMin: true });
  if (options.maxSize !== undefined) checkNumber(fn, "options.maxSize", options.maxSize, { min: 6, max: 200 });
  if (options.graticule !== undefined) checkArray(fn, "options.graticule", options.graticule);
  if (typeof projection !== "function") throw new ArgumentError({ fn, arg: "projection", value: projection, expected: "a projection from plateCarree() or polarAzimuthal()" }, "not a function");
  checkOptions(fn, "sites", sites, ["lat", "lon", "value", "label", "placeholder"]);
  if (sites === undefined) throw new ArgumentError({ fn, arg: "sites", value: sites, expected: "{ lat, lon, value, label, placeholder }" }, "missing");
  const n = checkArray(fn, "sites.value", sites.value).length;
  checkArray(fn, "sites.lat", sites.lat, { length: n, lengthOf: "sites.value.length" });
  checkArray(fn, "sites.lon", sites.lon, { length: n, lengthOf: "sites.value.length" });
  for (const k of ["label", "placeholder"] as const) {
    if (!Array.isArray(sites[k]) || sites[k].length !== n) throw new ArgumentError({ fn, arg: `sites.${k}`, value: sites[k], expected: `${n} entries (sites.value.length)` }, "wrong length");
  }
  const data: Data[] = [coastlineTrace(projection)];
  if (options.graticule !== undefined) {
    for (const latC of options.graticule) {
      const gx: number[] = [];
      const gy: number[] = [];
      for (let lon = -180; lon <= 180; lon += 2) {
        const p = projection(lon, latC);
        if (p !== null) { gx.push(p[0]); gy.push(p[1]); }
      }
      data.push({ type: "scatter", mode: "lines", x: gx, y: gy, line: { color: "#ddd", width: 0.6, dash: "dot" }, hoverinfo: "skip", showlegend: false });
    }
  }
  let limit = options.colorLimit ?? 0;
  if (options.colorLimit === undefined) for (let i = 0; i < sites.value.length; i++) limit = Math.max(limit, Math.abs(sites.value[i]!));
  if (limit === 0) limit = 1;
  const maxSize = options.maxSize ?? 26;
  for (const placeholder of [false, true]) {
    const x: number[] = [], y: number[] = [], c: number[] = [], s: number[] = [], t: string[] = [];
    for (let i = 0; i < sites.value.length; i++) {
      if (sites.placeholder[i] !== placeholder) continue;
      const p = projection(sites.lon[i]!, sites.lat[i]!);
      if (p === null) continue;
      const v = sites.value[i]!;
      x.push(p[0]); y.push(p[1]); c.push(v);
      s.push(6 + (maxSize - 6) * Math.min(1, Math.abs(v) / limit));
      t.push(`${sites.label[i]}: ${v}`);
    }
    if (x.length === 0) continue;
    data.push({
      type: "scatter", mode: "markers", x, y, text: t, hoverinfo: "text",
      name: placeholder ? "position is a placeholder" : "approximate position",
      marker: {
        color: c, size: s, cmin: -limit, cmax: limit, colorscale: "RdBu",
        symbol: placeholder ? "circle-open" : "circle",
        line: { color: placeholder ? undefined : "#333", width: placeholder ? 2 : 0.5 },
        showscale: !placeholder, colorbar: { title: { text: options.valueTitle }, len: 0.7 },
      },
    });
  }
  const axis = { visible: !(options.polar ?? false), showgrid: false, zeroline: false };
  const layout: Partial<Layout> = {
    title: { text: title },
    xaxis: { ...axis, title: { text: options.polar === true ? "" : "Longitude (°E)" } },
    yaxis: { ...axis, title: { text: options.polar === true ? "" : "Latitude (°N)" }, scaleanchor: "x", scaleratio: 1 },
    // the legend above the plot and the note below the axis title, in pixels, so that neither
    // overlaps the axis title whatever the figure's height
    legend: { orientation: "h", x: 0, xanchor: "left", y: 1, yanchor: "bottom" },
    annotations: [{ text: "Positions are approximate (the paper gives no coordinates); open circles are placeholders inside the sub-region.", xref: "paper", yref: "paper", x: 0, y: 0, yanchor: "top", yshift: -58, showarrow: false, xanchor: "left", font: { size: 11, color: "#555" } }],
    margin: { b: 100 },
  };
  return makeFigure(name, data, layout, figureOptionsOf(options));
}
