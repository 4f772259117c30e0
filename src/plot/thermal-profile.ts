/**
 * Mean annual thermal profiles (paper 2, Fig 1): MAAT at screen height (+2 m), MAGST at the
 * ground surface (0 m) and TTOP at the permafrost table (depth = ALT), with SO and TO
 * annotated, one panel per example site.
 */
import type { Annotations, Data, Layout } from "plotly.js";
import { checkFigureName, checkFigureOptions, makeFigure, figureOptionsOf, type Figure, type FigureOptions } from "./figure";
import { ArgumentError } from "../core/errors";
import { checkNumber, checkOptions } from "../core/checks";

/** One site's profile values. */
export interface ThermalProfile {
  /** Panel title, e.g. "Arctic: Arctic Village". */
  title: string;
  /** Mean annual air temperature, °C, plotted at +2 m. */
  maat: number;
  /** Mean annual ground surface temperature, °C, at 0 m. */
  magst: number;
  /** Temperature at the top of permafrost, °C, at −ALT. */
  ttop: number;
  /** Active-layer thickness, cm. */
  altCm: number;
  /** SO as printed (°C). */
  so: number;
  /** TO as printed (°C). */
  to: number;
}

/** Screen height of the air temperature, m (paper 2, Introduction: "typically 2.0 m"). */
export const SCREEN_HEIGHT_M = 2;

/**
 * Build the thermal-profile figure.
 *
 * @param name - figure name
 * @param profiles - one per panel
 * @param title - figure title
 * @param options - figure options
 * @returns the figure
 * @throws ArgumentError for a bad name or option, no profiles, an unknown field, a non-finite
 *   temperature or an ALT that is not positive
 */
export function thermalProfilePlot(name: string, profiles: ThermalProfile[], title: string, options: FigureOptions = {}): Figure {
  const fn = "thermalProfilePlot";
  checkFigureName(fn, "name", name);
  checkFigureOptions(fn, "options", options, []);
  if (!Array.isArray(profiles) || profiles.length === 0) throw new ArgumentError({ fn, arg: "profiles", value: profiles, expected: "at least one site profile" }, "no profiles");
  profiles.forEach((p, j) => {
    checkOptions(fn, `profiles[${j}]`, p, ["title", "maat", "magst", "ttop", "altCm", "so", "to"]);
    for (const k of ["maat", "magst", "ttop", "so", "to"] as const) checkNumber(fn, `profiles[${j}].${k}`, p[k]);
    checkNumber(fn, `profiles[${j}].altCm`, p.altCm, { min: 0, exclusiveMin: true });
  });
  const k = profiles.length;
  const gap = 0.06;
  const w = (1 - gap * (k - 1)) / k;
  const data: Data[] = [];
  const annotations: Partial<Annotations>[] = [];
  const layout: Partial<Layout> = { title: { text: title }, showlegend: false, margin: { t: 90, l: 70 } };
  profiles.forEach((p, j) => {
    const ax = j === 0 ? "" : String(j + 1);
    const depth = -p.altCm / 100;
    data.push({
      type: "scatter",
      mode: "text+lines+markers",
      xaxis: `x${ax}`,
      yaxis: `y${ax}`,
      x: [p.maat, p.magst, p.ttop],
      y: [SCREEN_HEIGHT_M, 0, depth],
      text: [`MAAT ${p.maat.toFixed(1)}`, `MAGST ${p.magst.toFixed(1)}`, `TTOP ${p.ttop.toFixed(1)}`],
      textposition: "middle right",
      marker: { size: 10, color: ["#1f77b4", "#2ca02c", "#d62728"] },
      line: { color: "#888", dash: "dot" },
    });
    const lo = j * (w + gap);
    const xs = [p.maat, p.magst, p.ttop];
    const xmin = Math.min(...xs) - 1.5;
    const xmax = Math.max(...xs) + 4;
    (layout as Record<string, unknown>)[`xaxis${ax}`] = { domain: [lo, lo + w], range: [xmin, xmax], title: { text: "Temperature (°C)" }, anchor: `y${ax}` };
    (layout as Record<string, unknown>)[`yaxis${ax}`] = { range: [depth - 0.4, SCREEN_HEIGHT_M + 0.6], title: { text: j === 0 ? "Height / depth (m)" : "" }, anchor: `x${ax}`, zeroline: true, zerolinecolor: "#6b4f2a", zerolinewidth: 3 };
    annotations.push(
      { text: `<b>${p.title}</b>`, xref: "paper", yref: "paper", x: lo + w / 2, y: 1.04, showarrow: false, font: { size: 13 } },
      { text: `SO = ${p.so.toFixed(1)} °C`, xref: `x${ax}` as "x", yref: `y${ax}` as "y", x: xmin + 0.3, y: 1, xanchor: "left", showarrow: false, font: { color: "#2ca02c" } },
      { text: `TO = ${p.to.toFixed(1)} °C`, xref: `x${ax}` as "x", yref: `y${ax}` as "y", x: xmin + 0.3, y: depth / 2, xanchor: "left", showarrow: false, font: { color: "#d62728" } },
      { text: `ALT ${p.altCm.toFixed(1)} cm`, xref: `x${ax}` as "x", yref: `y${ax}` as "y", x: xmax - 0.2, y: depth, xanchor: "right", yanchor: "top", showarrow: false, font: { size: 11, color: "#6b4f2a" } },
    );
  });
  layout.annotations = annotations;
  return makeFigure(name, data, layout, figureOptionsOf(options, { width: 1200, height: 520 }));
}
