/**
 * A forest plot of group means with confidence intervals, one panel per variable
 * (paper 2, Fig 2: SO, TO, TTOP, MAGST and MAAT by sub-region, mean and 95 % CI).
 */
import type { Data, Layout } from "plotly.js";
import { figure, type Figure, type FigureOptions } from "./figure";

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
 * @throws Error when panels disagree on row labels
 */
export function meanForestPlot(name: string, panels: MeanPanel[], title: string, options: FigureOptions = {}): Figure {
  const labels = panels[0]?.rows.map((r) => r.label) ?? [];
  for (const p of panels) {
    if (p.rows.map((r) => r.label).join("\u0000") !== labels.join("\u0000")) throw new Error(`meanForestPlot: panel ${p.title} has different rows`);
  }
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
  return figure(name, data, layout, { width: 1200, height: 520, ...options });
}
