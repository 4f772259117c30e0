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
import { inspect } from "node:util";
import { profileSubdir, projectRoot } from "../project/paths";
import { cleanStrayTempsOnce, writeFileAtomic } from "../project/atomic";
import { ArgumentError, EngineError } from "../core/errors";
import { displayBundle } from "../notebook/display";
import { type Figure, checkFigure } from "./figure";
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
 * Write the HTML and JSON of a figure (no PNG) to build/figures/, each atomically (temporary
 * file, then rename). The shared plotly bundle is copied once, also atomically, and replaced when
 * its size differs from the package's (a truncated copy from a killed run).
 *
 * @param fig - the figure
 * @returns the absolute paths of the HTML and JSON files
 * @throws ArgumentError when `fig` is not a figure built by `makeFigure` (bad name, no data array)
 */
export function writeFigureSpec(fig: Figure): { html: string; json: string } {
  checkFigure("writeFigureSpec", "fig", fig);
  const dir = profileSubdir("figures");
  cleanStrayTempsOnce(dir);
  const bundle = path.join(dir, "plotly.min.js");
  const source = plotlyBundlePath();
  if (!fs.existsSync(bundle) || fs.statSync(bundle).size !== fs.statSync(source).size) writeFileAtomic(bundle, fs.readFileSync(source));
  const spec = { data: fig.data, layout: fig.layout };
  const json = path.join(dir, `${fig.name}.json`);
  writeFileAtomic(json, `${JSON.stringify(spec)}\n`);
  const html = path.join(dir, `${fig.name}.html`);
  const specJs = JSON.stringify(spec).replace(/</g, "\\u003c");
  writeFileAtomic(
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
 * @returns the files written (printed, e.g. as a notebook cell's last value, as one line of
 *   project-relative paths)
 * @throws EngineError (engine "chromium") when `PERMAFROST_STRICT_FIGURES=1` (set by the
 *   notebook runner) and no Chromium is available to render the PNG, or when Chromium fails
 * @throws ArgumentError when `fig` is not a figure, or `PERMAFROST_STRICT_FIGURES` is neither
 *   unset, `0` nor `1`
 */
export async function showFigure(fig: Figure): Promise<FigureFiles> {
  checkFigure("showFigure", "fig", fig);
  const strictRaw = process.env["PERMAFROST_STRICT_FIGURES"];
  if (strictRaw !== undefined && strictRaw !== "" && strictRaw !== "0" && strictRaw !== "1") {
    throw new ArgumentError({ fn: "showFigure", arg: "environment variable PERMAFROST_STRICT_FIGURES", value: strictRaw, expected: '"1" (a PNG is required), "0" or unset' }, "not a valid switch");
  }
  const { html, json } = writeFigureSpec(fig);
  const png = await renderPng(fig);
  let pngPath: string | undefined;
  const bundle: Record<string, unknown> = {
    "application/vnd.plotly.v1+json": { data: fig.data, layout: fig.layout, config: { responsive: true } },
    "text/plain": `Figure ${fig.name}${fig.synthetic ? " (SYNTHETIC DATA)" : ""}: build/figures/${fig.name}.png`,
  };
  if (png !== undefined) {
    pngPath = path.join(path.dirname(html), `${fig.name}.png`);
    writeFileAtomic(pngPath, png);
    bundle["image/png"] = png.toString("base64");
  } else if (strictRaw === "1") {
    throw new EngineError("chromium", `render ${fig.name}.png`, new Error("no Chromium found (install Debian 'chromium' or set PERMAFROST_CHROMIUM); PERMAFROST_STRICT_FIGURES=1 requires the PNG"));
  }
  displayBundle(bundle);
  const files: FigureFiles = { png: pngPath, html, json };
  // tslab prints a cell's last value: a one-line note of the files, relative to the project, not the object
  Object.defineProperty(files, inspect.custom, {
    enumerable: false,
    value: () => `figure files: ${[pngPath, html, json].filter((f): f is string => f !== undefined).map((f) => path.relative(projectRoot(), f)).join(", ")}`,
  });
  return files;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
}
