/**
 * A forest plot in the style of R meta's `forest()` (paper 2, Figs 6 and 7): one row per
 * study with a square sized by its random-effects weight and its CI whisker, a diamond per
 * subgroup and for the overall random-effects estimate, the prediction interval as a red bar,
 * heterogeneity text (I², τ², Q, p) per subgroup and overall, and a dashed line at zero. The
 * height grows with the number of rows (22 px each), so 20+ studies stay legible.
 */
import type { Annotations, Data, Layout } from "plotly.js";
import type { MetagenCore, MetagenResult } from "../stats/meta/metagen";
import { checkFigureName, checkFigureOptions, makeFigure, figureOptionsOf, type Figure, type FigureOptions } from "./figure";
import { ArgumentError } from "../core/errors";
import { checkArray, checkInteger } from "../core/checks";

/** Options of {@link metaForestPlot}. */
export interface MetaForestOptions extends FigureOptions {
  /** x-axis title, e.g. "Slope of TO on PC1 (°C per SD)". */
  effectLabel?: string;
  /** Decimals for the estimates printed on the right (default 2). */
  digits?: number;
}

function hetText(c: MetagenCore, digits: number): string {
  if (c.k < 2 || c.I2 === null) return "heterogeneity: not applicable (k = 1)";
  const p = c.pvalQ === null ? "" : c.pvalQ < 0.001 ? "p < 0.001" : `p = ${c.pvalQ.toFixed(3)}`;
  return `I² = ${(100 * c.I2).toFixed(0)} %, τ² = ${c.tau2.toFixed(digits + 1)}, Q = ${c.Q.toFixed(2)} (df ${c.dfQ}), ${p}`;
}

function diamond(center: number, lower: number, upper: number, y: number, color: string, name: string): Data {
  return { type: "scatter", mode: "lines", x: [lower, center, upper, center, lower], y: [y, y + 0.35, y, y - 0.35, y], fill: "toself", fillcolor: color, line: { color, width: 1 }, hoverinfo: "text", text: name, showlegend: false };
}

/**
 * Build the forest plot of a {@link MetagenResult}.
 *
 * @param name - figure name
 * @param result - output of metagen (with or without subgroups)
 * @param title - figure title
 * @param options - labels, digits, synthetic flag, size
 * @returns the figure
 * @throws ArgumentError for a bad name or option, digits outside 0–10, or a result whose study
 *   arrays (te, seTE, labels, weights) differ in length or hold a non-finite value
 */
export function metaForestPlot(name: string, result: MetagenResult, title: string, options: MetaForestOptions = {}): Figure {
  const fn = "metaForestPlot";
  checkFigureName(fn, "name", name);
  checkFigureOptions(fn, "options", options, ["effectLabel", "digits"]);
  if (options.digits !== undefined) checkInteger(fn, "options.digits", options.digits, { min: 0, max: 10 });
  if (result === null || typeof result !== "object") throw new ArgumentError({ fn, arg: "result", value: result, expected: "a MetagenResult from metagen()" }, "not a result");
  const k = checkArray(fn, "result.te", result.te, { minLength: 1 }).length;
  checkArray(fn, "result.seTE", result.seTE, { length: k, lengthOf: "result.te.length" });
  checkArray(fn, "result.weightsRandom", result.weightsRandom, { length: k, lengthOf: "result.te.length" });
  if (!Array.isArray(result.studyLabels) || result.studyLabels.length !== k) throw new ArgumentError({ fn, arg: "result.studyLabels", value: result.studyLabels, expected: `${k} labels (result.te.length)` }, "wrong length");
  const digits = options.digits ?? 2;
  const z = 1.959963984540054; // study CIs are z-based, as in meta's forest()
  const rows: { y: number; label: string; right: string; bold?: boolean }[] = [];
  const data: Data[] = [];
  const annotations: Partial<Annotations>[] = [];
  let y = 0;
  const fmt = (v: number) => v.toFixed(digits);
  const groups = result.subgroups ?? [{ ...result, name: "", studies: result.te.map((_, i) => i) }];
  const maxW = Math.max(...result.weightsRandom);
  const sq = { x: [] as number[], y: [] as number[], size: [] as number[], text: [] as string[] };
  const whiskers = { x: [] as (number | null)[], y: [] as (number | null)[] };
  for (const g of groups) {
    if (result.subgroups !== undefined) {
      rows.push({ y, label: `<b>${g.name}</b>`, right: "", bold: true });
      y += 1;
    }
    // Weights within a subgroup analysis are shown relative to the subgroup (as meta does).
    const wts = result.subgroups !== undefined ? g.weightsRandom : result.weightsRandom;
    g.studies.forEach((i, j) => {
      const te = result.te[i]!, se = result.seTE[i]!;
      const lo = te - z * se, hi = te + z * se;
      whiskers.x.push(lo, hi, null);
      whiskers.y.push(y, y, null);
      const w = wts[j]!;
      sq.x.push(te); sq.y.push(y); sq.size.push(6 + 18 * Math.sqrt(w / Math.max(maxW, ...wts)));
      sq.text.push(`${result.studyLabels[i]}: ${fmt(te)} [${fmt(lo)}, ${fmt(hi)}], weight ${w.toFixed(1)} %`);
      rows.push({ y, label: result.studyLabels[i]!, right: `${fmt(te)} [${fmt(lo)}, ${fmt(hi)}]  ${w.toFixed(1)} %` });
      y += 1;
    });
    if (result.subgroups !== undefined) {
      data.push(diamond(g.teRandom, g.lowerRandom, g.upperRandom, y, "#2b6cb0", `${g.name}: ${fmt(g.teRandom)}`));
      rows.push({ y, label: `Random effects, ${g.name} (k = ${g.k})`, right: `${fmt(g.teRandom)} [${fmt(g.lowerRandom)}, ${fmt(g.upperRandom)}]`, bold: true });
      annotations.push({ x: 0, xref: "paper", y: y + 0.6, yref: "y", text: hetText(g, digits), showarrow: false, xanchor: "left", font: { size: 10, color: "#555" } });
      y += 2;
    }
  }
  data.unshift({ type: "scatter", mode: "lines", x: whiskers.x, y: whiskers.y, line: { color: "#444", width: 1.2 }, hoverinfo: "skip", showlegend: false });
  data.push({ type: "scatter", mode: "markers", x: sq.x, y: sq.y, text: sq.text, hoverinfo: "text", marker: { symbol: "square", size: sq.size, color: "#7f7f7f", line: { color: "#333", width: 0.5 } }, showlegend: false });
  data.push(diamond(result.teRandom, result.lowerRandom, result.upperRandom, y, "#1a365d", `overall: ${fmt(result.teRandom)}`));
  rows.push({ y, label: `<b>Random effects model (k = ${result.k})</b>`, right: `<b>${fmt(result.teRandom)} [${fmt(result.lowerRandom)}, ${fmt(result.upperRandom)}]</b>`, bold: true });
  annotations.push({ x: 0, xref: "paper", y: y + 0.6, yref: "y", text: hetText(result, digits) + (result.qBetween !== undefined ? `; subgroup differences: Q = ${result.qBetween.toFixed(2)} (df ${result.dfBetween}), p = ${result.pvalBetween!.toFixed(3)}` : ""), showarrow: false, xanchor: "left", font: { size: 10, color: "#555" } });
  y += 2;
  if (result.lowerPredict !== null && result.upperPredict !== null) {
    data.push({ type: "scatter", mode: "lines", x: [result.lowerPredict, result.upperPredict], y: [y, y], line: { color: "#c53030", width: 5 }, hoverinfo: "text", text: "prediction interval", showlegend: false });
    rows.push({ y, label: "Prediction interval", right: `[${fmt(result.lowerPredict)}, ${fmt(result.upperPredict)}]` });
    y += 1;
  }
  for (const r of rows) {
    annotations.push({ x: 1.01, xref: "paper", y: r.y, yref: "y", text: r.right, showarrow: false, xanchor: "left", font: { size: 11, family: "DejaVu Sans Mono, monospace" } });
  }
  const layout: Partial<Layout> = {
    title: { text: title },
    showlegend: false,
    xaxis: { title: { text: options.effectLabel ?? "Effect" }, zeroline: false },
    yaxis: { autorange: "reversed", tickvals: rows.map((r) => r.y), ticktext: rows.map((r) => r.label), showgrid: false, range: [y, -1], zeroline: false },
    shapes: [{ type: "line", x0: 0, x1: 0, yref: "paper", y0: 0, y1: 1, line: { color: "#888", dash: "dash", width: 1 } }],
    annotations,
    margin: { l: 260, r: 260, t: 70, b: 60 },
  };
  return makeFigure(name, data, layout, figureOptionsOf(options, { width: 1100, height: Math.min(10000, 140 + 22 * (y + 1)) }));
}
