/**
 * Show a figure in a notebook and write it to the build's figures folder.
 *
 * In a tslab kernel the figure is displayed as ONE display_data message carrying the
 * plotly MIME bundle (`application/vnd.plotly.v1+json`, interactive in JupyterLab and VS
 * Code) and a PNG fallback (`image/png`, shown by GitHub, nbviewer and the classic Notebook),
 * followed by a one-line Markdown link to the figure's interactive page. Every figure is also
 * written to `<name>.png`, `<name>.html` (loading a single shared copy of the plotly bundle from
 * the same folder) and `<name>.json` (the spec) in the figures folder.
 *
 * The classic Notebook serves a file under `/files/` in a sandbox without its login cookie, so an
 * HTML page there cannot load the `plotly.min.js` next to it. `npm run lab` therefore also serves
 * the build folder at `<server>/static/` and tells the kernel so (`PERMAFROST_NOTEBOOK_DIR`,
 * `PERMAFROST_STATIC_DIR`); the link then points there. Elsewhere it is the page's path relative
 * to the notebook's folder.
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
 * Write the HTML and JSON of a figure (no PNG) to build/<profile>/figures/, each atomically (temporary
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
      `const spec = ${specJs};\n` +
      `if (typeof Plotly !== "undefined") Plotly.newPlot("fig", spec.data, spec.layout, {responsive: true});\n` +
      `else document.getElementById("fig").innerHTML = ${JSON.stringify(NO_PLOTLY_NOTE).replace(/</g, "\\u003c")};\n` +
      `</script></body></html>\n`,
  );
  return { html, json };
}

/** What a figure page says instead of a blank page when `plotly.min.js` did not load. */
const NO_PLOTLY_NOTE =
  "<p>plotly.min.js, next to this page, did not load, so the figure cannot be drawn.</p>" +
  "<p>In the classic Jupyter Notebook, a page opened through <code>/files/</code> runs in a sandbox without " +
  "the login cookie. Open it through <code>/static/</code> instead: <code>npm run lab</code> serves the build " +
  "folder there and prints the address, and each figure's <em>interactive figure</em> link points to it.</p>";

/**
 * Display a figure (plotly JSON + PNG fallback in one bundle, then a Markdown link to its
 * interactive page) and write its files.
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
  if (png !== undefined) {
    pngPath = path.join(path.dirname(html), `${fig.name}.png`);
    writeFileAtomic(pngPath, png);
  } else if (strictRaw === "1") {
    throw new EngineError("chromium", `render ${fig.name}.png`, new Error("no Chromium found (install Debian 'chromium' or set PERMAFROST_CHROMIUM); PERMAFROST_STRICT_FIGURES=1 requires the PNG"));
  }
  const bundle: Record<string, unknown> = {
    "application/vnd.plotly.v1+json": { data: fig.data, layout: fig.layout, config: { responsive: true } },
    "text/plain": `Figure ${fig.name}${fig.synthetic ? " (SYNTHETIC DATA)" : ""}: ${pngPath !== undefined ? shownPath(pngPath) : `${shownPath(html)} (no PNG: no Chromium)`}`,
  };
  if (png !== undefined) bundle["image/png"] = png.toString("base64");
  displayBundle(bundle);
  displayBundle({ "text/markdown": `[interactive figure](${interactiveFigureHref(html)})`, "text/plain": `interactive figure: ${shownPath(html)}` });
  const files: FigureFiles = { png: pngPath, html, json };
  // tslab prints a cell's last value: a one-line note of the files, relative to the project, not the object
  Object.defineProperty(files, inspect.custom, {
    enumerable: false,
    value: () => `figure files: ${[pngPath, html, json].filter((f): f is string => f !== undefined).map(shownPath).join(", ")}`,
  });
  return files;
}

/**
 * A file's path as shown to the reader: relative to the project root when inside it, else absolute
 * (e.g. under a `PERMAFROST_BUILD_DIR` elsewhere).
 *
 * @param file - absolute path
 * @returns the path to print
 */
function shownPath(file: string): string {
  const rel = path.relative(projectRoot(), file);
  return isBelow(rel) ? rel : file;
}

/**
 * Whether a relative path (from `path.relative`) stays inside its base folder.
 *
 * @param rel - the relative path
 * @returns true for "" (the folder itself) and paths that neither climb out (`..`) nor are absolute
 */
function isBelow(rel: string): boolean {
  return rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/**
 * The URL, relative to the notebook's page, of a figure's interactive HTML page.
 *
 * Under `npm run lab` with the classic Notebook (`PERMAFROST_NOTEBOOK_DIR`: the server's root,
 * `PERMAFROST_STATIC_DIR`: the build folder it serves at `<base>/static/`), a notebook in
 * `<root>/a/b/` has the page URL `<base>/notebooks/a/b/<name>.ipynb`, so the link climbs one level
 * per folder plus one for `notebooks/` and enters `static/`. Otherwise (or when the notebook or the
 * page lies outside those folders) it is the page's path relative to the notebook's folder (the
 * kernel's working folder).
 *
 * @param html - absolute path of the figure's HTML page
 * @returns the URL (path segments percent-encoded, `/` separated)
 */
function interactiveFigureHref(html: string): string {
  const toUrl = (rel: string): string => rel.split(path.sep).map(encodeURIComponent).join("/");
  const serverRoot = process.env["PERMAFROST_NOTEBOOK_DIR"];
  const staticDir = process.env["PERMAFROST_STATIC_DIR"];
  if (serverRoot !== undefined && serverRoot !== "" && staticDir !== undefined && staticDir !== "") {
    const notebookRel = path.relative(path.resolve(serverRoot), process.cwd());
    const pageRel = path.relative(path.resolve(staticDir), html);
    if (isBelow(notebookRel) && isBelow(pageRel) && pageRel !== "") {
      const depth = notebookRel === "" ? 0 : notebookRel.split(path.sep).length;
      return `${"../".repeat(depth + 1)}static/${toUrl(pageRel)}`;
    }
  }
  return toUrl(path.relative(process.cwd(), html));
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
}
