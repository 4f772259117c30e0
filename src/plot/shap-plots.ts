/**
 * SHAP figures (paper 2, Fig 5): a violin + beeswarm summary with features ranked by mean
 * |SHAP| (Eq. 6), points coloured by the feature's value (low dark blue → high light), and the
 * 25th/50th/75th percentiles as dashed ticks; a bar chart of mean |SHAP| with the mean signed
 * SHAP (Eq. 7); and a dependence plot of one feature.
 */
import type { Data, Layout } from "plotly.js";
import { ArgumentError } from "../core/errors";
import { createRng } from "../random/rng";
import type { ShapFeatureSummary } from "../ml/xgboost/treeshap";
import { makeFigure, type Figure, type FigureOptions } from "./figure";

/** Inputs shared by the SHAP figures. */
export interface ShapPlotInput {
  /** Contributions, n × (p + 1) row-major with the bias last (output of treeShap). */
  contribs: ArrayLike<number>;
  /** Features, n × p row-major (NaN = missing). */
  x: ArrayLike<number>;
  /** Feature names (p). */
  featureNames: readonly string[];
  /** Ranking from shapSummary. */
  summary: readonly ShapFeatureSummary[];
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * Violin + beeswarm SHAP summary (Fig 5 style). Jitter is seeded (the figure is reproducible).
 *
 * @param name - figure name
 * @param input - contributions, features, names and ranking
 * @param title - figure title
 * @param options - figure options; `top` limits the number of features (default all)
 */
export function shapSummaryPlot(name: string, input: ShapPlotInput, title: string, options: FigureOptions & { top?: number } = {}): Figure {
  const p = input.featureNames.length;
  const p1 = p + 1;
  const n = input.contribs.length / p1;
  const ranked = input.summary.slice(0, options.top ?? p);
  const rng = createRng(7, `shap-jitter/${name}`);
  const data: Data[] = [];
  const px: number[] = [], py: number[] = [], pc: (number | null)[] = [], pt: string[] = [];
  const shapes: Partial<Layout["shapes"][number]>[] = [];
  ranked.forEach((s, k) => {
    const j = input.featureNames.indexOf(s.feature);
    const y = ranked.length - 1 - k;
    const vals: number[] = [];
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < n; i++) { const v = input.x[i * p + j]!; if (!Number.isNaN(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); } }
    for (let i = 0; i < n; i++) {
      const sv = input.contribs[i * p1 + j]!;
      vals.push(sv);
      const fv = input.x[i * p + j]!;
      px.push(sv);
      py.push(y + (rng.uniform() - 0.5) * 0.35);
      pc.push(Number.isNaN(fv) ? null : hi > lo ? (fv - lo) / (hi - lo) : 0.5);
      pt.push(`${s.feature} = ${Number.isNaN(fv) ? "missing" : fv.toPrecision(4)}, SHAP ${sv.toFixed(3)}`);
    }
    data.push({ type: "violin", x: vals, y0: y, orientation: "h", side: "both", width: 0.9, points: false, line: { color: "#9aa5b1", width: 1 }, fillcolor: "rgba(154,165,177,0.25)", hoverinfo: "skip", showlegend: false } as unknown as Data);
    const sorted = [...vals].sort((a, b) => a - b);
    for (const q of [0.25, 0.5, 0.75]) shapes.push({ type: "line", x0: quantile(sorted, q), x1: quantile(sorted, q), y0: y - 0.4, y1: y + 0.4, line: { color: "#333", dash: "dash", width: 1 } });
  });
  data.push({
    type: "scatter", mode: "markers", x: px, y: py, text: pt, hoverinfo: "text", showlegend: false,
    marker: { size: 5, color: pc, colorscale: [[0, "#0b1f4d"], [0.5, "#6a5acd"], [1, "#f3e8ff"]], cmin: 0, cmax: 1, line: { color: "#444", width: 0.3 }, colorbar: { title: { text: "feature value" }, tickvals: [0, 1], ticktext: ["low", "high"], len: 0.6 } },
  });
  const layout: Partial<Layout> = {
    title: { text: title },
    xaxis: { title: { text: "SHAP value (contribution to the prediction, °C)" }, zeroline: true, zerolinecolor: "#888" },
    yaxis: { tickvals: ranked.map((_, k) => ranked.length - 1 - k), ticktext: ranked.map((s) => `${s.feature} (${s.meanAbs.toFixed(2)})`), automargin: true },
    shapes: shapes,
    margin: { l: 180 },
  };
  return makeFigure(name, data, layout, { width: 900, height: 160 + 40 * ranked.length, ...options });
}

/**
 * Importance bars: mean |SHAP| (Eq. 6) per feature with the mean signed SHAP (Eq. 7) beside it.
 *
 * @param name - figure name
 * @param summary - ranking from shapSummary
 * @param title - figure title
 * @param options - figure options
 */
export function shapImportancePlot(name: string, summary: readonly ShapFeatureSummary[], title: string, options: FigureOptions = {}): Figure {
  const order = [...summary].reverse();
  const data: Data[] = [
    { type: "bar", orientation: "h", name: "mean |SHAP| (Eq. 6)", y: order.map((s) => s.feature), x: order.map((s) => s.meanAbs), marker: { color: "#4a5568" } },
    { type: "bar", orientation: "h", name: "mean signed SHAP (Eq. 7)", y: order.map((s) => s.feature), x: order.map((s) => s.meanSigned), marker: { color: order.map((s) => (s.meanSigned >= 0 ? "#c53030" : "#2b6cb0")) } },
  ];
  return makeFigure(name, data, { title: { text: title }, barmode: "group", xaxis: { title: { text: "°C" } }, yaxis: { automargin: true }, legend: { orientation: "h" } }, { width: 800, height: 160 + 34 * summary.length, ...options });
}

/**
 * SHAP dependence plot: a feature's value against its SHAP value, coloured by another feature.
 *
 * @param name - figure name
 * @param input - contributions and features
 * @param feature - the feature on the x-axis
 * @param colorBy - the feature used for colour (default: the feature itself)
 * @param title - figure title
 * @param options - figure options
 * @throws ArgumentError for an unknown feature name
 */
export function shapDependencePlot(name: string, input: ShapPlotInput, feature: string, colorBy: string | undefined, title: string, options: FigureOptions = {}): Figure {
  const p = input.featureNames.length;
  const j = input.featureNames.indexOf(feature);
  const c = input.featureNames.indexOf(colorBy ?? feature);
  if (j < 0 || c < 0) throw new ArgumentError({ fn: "shapDependencePlot", arg: j < 0 ? "feature" : "colorBy", value: j < 0 ? feature : colorBy, expected: `one of ${input.featureNames.join(", ")}` }, "unknown feature");
  const n = input.contribs.length / (p + 1);
  const xs: number[] = [], ys: number[] = [], cs: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = input.x[i * p + j]!;
    if (Number.isNaN(v)) continue;
    xs.push(v); ys.push(input.contribs[i * (p + 1) + j]!); cs.push(input.x[i * p + c]!);
  }
  return makeFigure(name, [{ type: "scatter", mode: "markers", x: xs, y: ys, marker: { color: cs, colorscale: "Viridis", size: 7, colorbar: { title: { text: colorBy ?? feature } } } }],
    { title: { text: title }, xaxis: { title: { text: feature } }, yaxis: { title: { text: `SHAP value of ${feature} (°C)` } } }, options);
}
