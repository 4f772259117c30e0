/**
 * Figure builders for paper 1's result figures: the CV density scatter (Fig 3a), the
 * latitudinal profile with pixel counts (Figs 4d, 5e) and partial dependence with ICE curves
 * and decile rugs (Figs 6–7). Each returns a {@link Figure} for `showFigure`.
 */
import { type Data } from "plotly.js";
import { type Figure, checkFigureName, checkFigureOptions, makeFigure, figureOptionsOf } from "./figure";
import { ArgumentError } from "../core/errors";
import { checkArray, checkNumber, checkOptions, checkSameLength } from "../core/checks";
import { type LatitudeBin } from "../raster/latitude-bins";
import { type PartialDependence } from "../ml/explain/partial-dependence";
import { olsTrend } from "../stats/trend/ols-slope";

/**
 * Points per neighbourhood on a log-log plane: the count of points within `radius` (in log10
 * units) of each point — the "density of site values" colouring of Fig 3a.
 *
 * @param x - positive values
 * @param y - positive values
 * @param radius - neighbourhood radius in log10 units (default 0.03)
 * @returns neighbour count per point (itself included)
 * @throws ArgumentError when x and y differ in length, a value is not a positive finite number
 *   (log axes), or the radius is not positive
 */
export function logDensity(x: ArrayLike<number>, y: ArrayLike<number>, radius = 0.03): Float64Array {
  checkPositive("logDensity", "x", x);
  checkPositive("logDensity", "y", y);
  checkSameLength("logDensity", "x", x, "y", y);
  checkNumber("logDensity", "radius", radius, { min: 0, exclusiveMin: true });
  const n = x.length;
  const lx = Float64Array.from(x, Math.log10);
  const ly = Float64Array.from(y, Math.log10);
  const out = new Float64Array(n);
  const r2 = radius * radius;
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (let j = 0; j < n; j++) if ((lx[i]! - lx[j]!) ** 2 + (ly[i]! - ly[j]!) ** 2 <= r2) c++;
    out[i] = c;
  }
  return out;
}

/**
 * Fig 3a: predicted vs observed on log10 axes, coloured by point density, with the 1:1 line
 * (dashed) and the OLS best-fit line of log10(predicted) on log10(observed) (solid).
 *
 * @param name - figure name
 * @param observed - observed ALT, cm (> 0)
 * @param predicted - out-of-fold ensemble ALT, cm (> 0)
 * @param title - title
 * @param options - synthetic labelling
 * @returns the figure
 * @throws ArgumentError for a bad name or option, arrays of different lengths, fewer than 2
 *   points, or a value that is not a positive finite number (log axes)
 */
export function densityScatter(name: string, observed: ArrayLike<number>, predicted: ArrayLike<number>, title: string, options: { synthetic?: boolean } = {}): Figure {
  const fn = "densityScatter";
  checkFigureName(fn, "name", name);
  checkFigureOptions(fn, "options", options, []);
  checkPositive(fn, "observed", observed, 2);
  checkPositive(fn, "predicted", predicted, 2);
  checkSameLength(fn, "observed", observed, "predicted", predicted);
  const d = logDensity(observed, predicted);
  const lo = Math.min(...Array.from(observed), ...Array.from(predicted));
  const hi = Math.max(...Array.from(observed), ...Array.from(predicted));
  const fit = olsTrend(Array.from(observed, Math.log10), Array.from(predicted, Math.log10));
  const line = [lo, hi];
  const traces: Data[] = [
    { type: "scattergl", mode: "markers", x: Array.from(observed), y: Array.from(predicted), name: "site-years", marker: { size: 5, color: Array.from(d), colorscale: "Jet", colorbar: { title: { text: "density" } } } },
    { type: "scatter", mode: "lines", x: line, y: line, name: "1:1", line: { dash: "dash", color: "black" } },
    { type: "scatter", mode: "lines", x: line, y: line.map((v) => 10 ** (fit.intercept + fit.slope * Math.log10(v))), name: `fit (log-log slope ${fit.slope.toFixed(2)})`, line: { color: "black" } },
  ];
  return makeFigure(name, traces, { title: { text: title }, xaxis: { type: "log", title: { text: "observed ALT (cm)" } }, yaxis: { type: "log", title: { text: "predicted ALT, out-of-fold (cm)" } }, legend: { orientation: "h", y: -0.15 } }, { ...figureOptionsOf(options), width: 760, height: 620 });
}

/**
 * Figs 4d / 5e: one or more latitudinal profiles (mean ± SD band) with the pixel count of each
 * bin as grey bars on a second axis.
 *
 * @param name - figure name
 * @param series - named profiles (same bins)
 * @param title - title
 * @param valueTitle - axis title of the values (with units)
 * @param options - synthetic labelling
 * @returns the figure
 * @throws ArgumentError for a bad name or option, no series, or series whose bins differ
 */
export function latitudeProfile(name: string, series: { label: string; bins: LatitudeBin[]; band?: boolean }[], title: string, valueTitle: string, options: { synthetic?: boolean } = {}): Figure {
  const fn = "latitudeProfile";
  checkFigureName(fn, "name", name);
  checkFigureOptions(fn, "options", options, []);
  if (!Array.isArray(series) || series.length === 0) throw new ArgumentError({ fn, arg: "series", value: series, expected: "at least one { label, bins } profile" }, "no series");
  series.forEach((s, k) => {
    checkOptions(fn, `series[${k}]`, s, ["label", "bins", "band"]);
    if (!Array.isArray(s.bins) || s.bins.length === 0) throw new ArgumentError({ fn, arg: `series[${k}].bins`, value: s.bins, expected: "a non-empty array of latitude bins" }, "no bins");
    if (s.bins.length !== series[0]!.bins.length) throw new ArgumentError({ fn, arg: `series[${k}].bins.length`, value: s.bins.length, expected: `${series[0]!.bins.length} (the bins of series[0])` }, "bins differ between series");
    s.bins.forEach((b, i) => {
      if (b.lat !== series[0]!.bins[i]!.lat) throw new ArgumentError({ fn, arg: `series[${k}].bins`, at: i, value: b.lat, expected: `${series[0]!.bins[i]!.lat} °N (the bins of series[0])` }, "bin centre differs between series");
      if (b.cells > 0 && !Number.isFinite(b.mean)) throw new ArgumentError({ fn, arg: `series[${k}].bins[${i}].mean`, value: b.mean, expected: "a finite mean for a bin with cells" }, "bad value");
    });
  });
  const first = series[0]!.bins;
  const traces: Data[] = [{ type: "bar", x: first.map((b) => b.lat), y: first.map((b) => b.cells), name: "pixels", marker: { color: "rgba(120,120,120,0.35)" }, yaxis: "y2" }];
  const colours = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd"];
  series.forEach((s, k) => {
    const keep = s.bins.filter((b) => b.cells > 0);
    const c = colours[k % colours.length]!;
    if (s.band === true) {
      traces.push({ type: "scatter", mode: "lines", x: [...keep.map((b) => b.lat), ...keep.map((b) => b.lat).reverse()], y: [...keep.map((b) => b.mean + (Number.isNaN(b.sd) ? 0 : b.sd)), ...keep.map((b) => b.mean - (Number.isNaN(b.sd) ? 0 : b.sd)).reverse()], fill: "toself", fillcolor: `${c}22`, line: { width: 0 }, name: `${s.label} ± SD`, hoverinfo: "skip" });
    }
    traces.push({ type: "scatter", mode: "lines+markers", x: keep.map((b) => b.lat), y: keep.map((b) => b.mean), name: s.label, line: { color: c } });
  });
  return makeFigure(name, traces, {
    title: { text: title }, xaxis: { title: { text: "latitude (°N)" } }, yaxis: { title: { text: valueTitle } },
    yaxis2: { title: { text: "pixels per bin" }, overlaying: "y", side: "right", showgrid: false }, legend: { orientation: "h", y: -0.18 },
  }, figureOptionsOf(options));
}

/**
 * Figs 6–7 panel: partial dependence (red) over ICE curves (black, thin) with decile rugs.
 *
 * @param name - figure name
 * @param pd - a profile from `partialDependence`
 * @param title - title
 * @param valueTitle - axis title of the response (with units)
 * @param options - synthetic labelling and an optional reference curve (e.g. the same profile fitted on the truth)
 * @returns the figure
 * @throws ArgumentError for a bad name or option, or a profile whose curves do not match its grid
 *   or hold a non-finite value
 */
export function pdIcePlot(name: string, pd: PartialDependence, title: string, valueTitle: string, options: { synthetic?: boolean; reference?: { label: string; pd: PartialDependence } } = {}): Figure {
  const fn = "pdIcePlot";
  checkFigureName(fn, "name", name);
  checkFigureOptions(fn, "options", options, ["reference"]);
  checkProfile(fn, "pd", pd);
  if (options.reference !== undefined) checkProfile(fn, "options.reference.pd", options.reference.pd);
  const grid = Array.from(pd.grid);
  const traces: Data[] = pd.ice.map((c, k): Data => ({ type: "scatter", mode: "lines", x: grid, y: Array.from(c), line: { color: "rgba(0,0,0,0.25)", width: 1 }, showlegend: k === 0, name: "ICE (pixels)", hoverinfo: "skip" }));
  traces.push({ type: "scatter", mode: "lines", x: grid, y: Array.from(pd.pd), name: "partial dependence", line: { color: "red", width: 3 } });
  if (options.reference !== undefined) traces.push({ type: "scatter", mode: "lines", x: Array.from(options.reference.pd.grid), y: Array.from(options.reference.pd.pd), name: options.reference.label, line: { color: "#1f77b4", width: 3, dash: "dot" } });
  const all = pd.ice.flatMap((c) => Array.from(c)).concat(Array.from(pd.pd));
  const ymin = Math.min(...all);
  traces.push({ type: "scatter", mode: "markers", x: pd.deciles, y: pd.deciles.map(() => ymin), name: "deciles", marker: { symbol: "line-ns-open", size: 14, color: "black" } });
  return makeFigure(name, traces, { title: { text: title }, xaxis: { title: { text: pd.feature } }, yaxis: { title: { text: valueTitle } }, legend: { orientation: "h", y: -0.2 } }, { ...figureOptionsOf(options), width: 640, height: 460 });
}

function checkPositive(fn: string, arg: string, v: ArrayLike<number>, minLength = 0): void {
  const a = checkArray(fn, arg, v, { minLength });
  for (let i = 0; i < a.length; i++) {
    if (!(a[i]! > 0)) throw new ArgumentError({ fn, arg, at: i, value: a[i], expected: "a positive number (log axes)" }, "not positive");
  }
}

function checkProfile(fn: string, arg: string, pd: PartialDependence): void {
  if (pd === null || typeof pd !== "object") throw new ArgumentError({ fn, arg, value: pd, expected: "a PartialDependence from partialDependence()" }, "not a profile");
  const g = checkArray(fn, `${arg}.grid`, pd.grid, { minLength: 2 });
  checkArray(fn, `${arg}.pd`, pd.pd, { length: g.length, lengthOf: `${arg}.grid.length` });
  if (!Array.isArray(pd.ice)) throw new ArgumentError({ fn, arg: `${arg}.ice`, value: pd.ice, expected: "an array of curves" }, "not an array");
  pd.ice.forEach((c, k) => checkArray(fn, `${arg}.ice[${k}]`, c, { length: g.length, lengthOf: `${arg}.grid.length` }));
  checkArray(fn, `${arg}.deciles`, pd.deciles);
}
