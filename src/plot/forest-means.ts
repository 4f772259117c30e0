/**
 * A forest plot of group means with confidence intervals, one panel per variable
 * (paper 2, Fig 2: SO, TO, TTOP, MAGST and MAAT by sub-region, mean and 95 % CI).
 */
import type { Data, Layout } from "plotly.js";
import { checkFigureName, checkFigureOptions, makeFigure, figureOptionsOf, type Figure, type FigureOptions } from "./figure";
import { ArgumentError } from "../core/errors";

/** One row of one panel. */
export interface MeanRow {
  /** Row label (e.g. a sub-region). */
  label: string;
  /** Mean, in the panel's units; null draws nothing. */
  mean: number | null;
  /** Lower CI bound; null draws no whisker. */
  lower: number | null;
  /** Upper CI bound; null draws no whisker. */
  upper: number | null;
  /** Number of values behind the mean. */
  n: number;
  /** Marker colour. */
  color?: string;
}

/** One panel: a variable with its rows (same labels, same order, in every panel). */
export interface MeanPanel {
  /** Panel title, e.g. "SO (°C)". */
  title: string;
  /** Rows, top to bottom. */
  rows: MeanRow[];
}

/**
 * Build a multi-panel forest plot of means with CI whiskers and a zero line per panel.
 *
 * @param name - figure name
 * @param panels - one per variable; rows must share labels and order
 * @param title - figure title
 * @param options - figure options (size, synthetic)
 * @returns the figure
 * @throws ArgumentError for a bad name or option, no panels, panels that disagree on row labels,
 *   or a non-finite mean or bound, a bound on the wrong side of its mean, or a bad count
 */
export function meanForestPlot(name: string, panels: MeanPanel[], title: string, options: FigureOptions = {}): Figure {
  const fn = "meanForestPlot";
  checkFigureName(fn, "name", name);
  checkFigureOptions(fn, "options", options, []);
  if (!Array.isArray(panels) || panels.length === 0) throw new ArgumentError({ fn, arg: "panels", value: panels, expected: "at least one panel" }, "no panels");
  const labels = panels[0]!.rows.map((r) => r.label);
  panels.forEach((p, j) => {
    if (p.rows.length !== labels.length) throw new ArgumentError({ fn, arg: `panels[${j}].rows.length`, value: p.rows.length, expected: `${labels.length} (the rows of panels[0])` }, `panel ${JSON.stringify(p.title)} has different rows`);
    p.rows.forEach((r, i) => {
      const at = `panels[${j}].rows[${i}]`;
      if (r.label !== labels[i]) throw new ArgumentError({ fn, arg: `${at}.label`, value: r.label, expected: `${JSON.stringify(labels[i])} (the rows of panels[0], same order)` }, `panel ${JSON.stringify(p.title)} has different rows`);
      for (const k of ["mean", "lower", "upper"] as const) {
        const v = r[k];
        if (v !== null && (typeof v !== "number" || !Number.isFinite(v))) throw new ArgumentError({ fn, arg: `${at}.${k}`, value: v, expected: "a finite number or null (nothing drawn)" }, "bad value");
      }
      if (r.mean !== null && ((r.lower !== null && r.lower > r.mean) || (r.upper !== null && r.upper < r.mean))) {
        throw new ArgumentError({ fn, arg: at, value: [r.lower, r.mean, r.upper], expected: "lower ≤ mean ≤ upper" }, "confidence bound on the wrong side of the mean");
      }
      if (!Number.isInteger(r.n) || r.n < 0) throw new ArgumentError({ fn, arg: `${at}.n`, value: r.n, expected: "an integer ≥ 0" }, "bad count");
    });
  });
  const k = panels.length;
  const gap = 0.03;
  const width = (1 - gap * (k - 1)) / k;
  const data: Data[] = [];
  const layout: Partial<Layout> = { title: { text: title }, showlegend: false, margin: { l: 150, r: 20, t: 80, b: 60 } };
  const yLabels = labels.map((l, i) => `${l} (n=${panels[0]?.rows[i]?.n ?? 0})`);
  panels.forEach((p, j) => {
    const ax = j === 0 ? "" : String(j + 1);
    const rows = p.rows;
    data.push({
      type: "scatter",
      mode: "markers",
      xaxis: `x${ax}`,
      yaxis: "y",
      x: rows.map((r) => r.mean),
      y: yLabels,
      marker: { size: 9, color: rows.map((r) => r.color ?? "#1f4e79") },
      error_x: {
        type: "data",
        symmetric: false,
        array: rows.map((r) => (r.upper === null || r.mean === null ? 0 : r.upper - r.mean)),
        arrayminus: rows.map((r) => (r.lower === null || r.mean === null ? 0 : r.mean - r.lower)),
        thickness: 1.5,
        width: 4,
        color: "#333",
      },
      hovertemplate: "%{y}: %{x:.2f}<extra>" + p.title + "</extra>",
    });
    const lo = j * (width + gap);
    (layout as Record<string, unknown>)[`xaxis${ax}`] = {
      domain: [lo, lo + width],
      title: { text: p.title },
      zeroline: true,
      zerolinecolor: "#999",
      zerolinewidth: 1,
      anchor: "y",
    };
  });
  layout.yaxis = { autorange: "reversed", automargin: true, type: "category" };
  return makeFigure(name, data, layout, figureOptionsOf(options, { width: 1200, height: 520 }));
}
