/**
 * Show a figure in a notebook and write it to build/figures/.
 *
 * In a tslab kernel the figure is displayed as ONE display_data message carrying the
 * plotly MIME bundle (`application/vnd.plotly.v1+json`, interactive in JupyterLab and VS
 * Code) and a PNG fallback (`image/png`, shown by GitHub and nbviewer). Every figure is also
 * written to `build/figures/<name>.png`, `<name>.html` (loading a single shared copy of the
 * plotly bundle from the same folder) and `<name>.json` (the spec).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { buildSubdir } from "../project/paths";
import { displayBundle } from "../notebook/display";
import type { Figure } from "./figure";
import { plotlyBundlePath, renderPng } from "./render-png";

/** Files written for one figure. */
export interface FigureFiles {
  /** Absolute path of the PNG, or undefined when no Chromium was available. */
  png: string | undefined;
  /** Absolute path of the standalone HTML page. */
  html: string;
  /** Absolute path of the JSON spec. */
  json: string;
}

/**
 * Write the HTML and JSON of a figure (no PNG) to build/figures/.
 *
 * @param fig - the figure
 * @returns the absolute paths of the HTML and JSON files
 */
export function writeFigureSpec(fig: Figure): { html: string; json: string } {
  const dir = buildSubdir("figures");
  const bundle = path.join(dir, "plotly.min.js");
  if (!fs.existsSync(bundle)) fs.copyFileSync(plotlyBundlePath(), bundle);
  const spec = { data: fig.data, layout: fig.layout };
  const json = path.join(dir, `${fig.name}.json`);
  fs.writeFileSync(json, `${JSON.stringify(spec)}\n`);
  const html = path.join(dir, `${fig.name}.html`);
  const specJs = JSON.stringify(spec).replace(/</g, "\\u003c");
  fs.writeFileSync(
    html,
    `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(fig.name)}</title>` +
      `<script src="plotly.min.js"></script></head>\n<body><div id="fig"></div><script>\n` +
      `const spec = ${specJs};\nPlotly.newPlot("fig", spec.data, spec.layout, {responsive: true});\n</script></body></html>\n`,
  );
  return { html, json };
}

/**
 * Display a figure (plotly JSON + PNG fallback in one bundle) and write its files.
 *
 * @param fig - the figure
 * @returns the files written
 * @throws Error when `PERMAFROST_STRICT_FIGURES=1` (set by the notebook runner) and no
 *   Chromium is available to render the PNG
 */
export async function show(fig: Figure): Promise<FigureFiles> {
  const { html, json } = writeFigureSpec(fig);
  const png = await renderPng(fig);
  let pngPath: string | undefined;
  const bundle: Record<string, unknown> = {
    "application/vnd.plotly.v1+json": { data: fig.data, layout: fig.layout, config: { responsive: true } },
    "text/plain": `Figure ${fig.name}${fig.synthetic ? " (SYNTHETIC DATA)" : ""}: build/figures/${fig.name}.png`,
  };
  if (png !== undefined) {
    pngPath = path.join(path.dirname(html), `${fig.name}.png`);
    fs.writeFileSync(pngPath, png);
    bundle["image/png"] = png.toString("base64");
  } else if (process.env["PERMAFROST_STRICT_FIGURES"] === "1") {
    throw new Error(`show(${fig.name}): no Chromium found for the PNG (install Debian 'chromium' or set PERMAFROST_CHROMIUM)`);
  }
  displayBundle(bundle);
  return { png: pngPath, html, json };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
}
