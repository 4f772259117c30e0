/**
 * Static PNG rendering of plotly figures in real headless Chromium (Debian's `chromium`,
 * driven by playwright-core with `executablePath`; no browser download). One browser and
 * one warm page are kept per process; `Plotly.toImage` renders each figure (about 40–90 ms
 * per PNG on this machine once warm). The plotly bundle is loaded into the page once from
 * `plotly.js-dist-min`; it is never inlined into notebook outputs.
 */
import * as fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { type Figure, checkFigure } from "./figure";
import { EngineError, KitError } from "../core/errors";
import { checkNumber } from "../core/checks";

/** Flags that work in this sandbox (no network, running as root). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/**
 * The Chromium binary to use: `$PERMAFROST_CHROMIUM`, else the first of
 * /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome that exists.
 *
 * @returns the path, or undefined when none is found
 * @throws EngineError (engine "chromium") when `$PERMAFROST_CHROMIUM` names a file that does not exist
 */
export function findChromium(): string | undefined {
  const fromEnv = process.env["PERMAFROST_CHROMIUM"];
  if (fromEnv !== undefined && fromEnv !== "") {
    if (!fs.existsSync(fromEnv)) throw new EngineError("chromium", "find the browser", new Error(`PERMAFROST_CHROMIUM=${JSON.stringify(fromEnv)} does not exist`));
    return fromEnv;
  }
  return CANDIDATES.find((p) => fs.existsSync(p));
}

/**
 * Path of the minified plotly.js bundle shipped by the npm package `plotly.js-dist-min`.
 *
 * @returns the absolute path
 */
export function plotlyBundlePath(): string {
  return require.resolve("plotly.js-dist-min/plotly.min.js");
}

let browser: Browser | undefined;
let page: Page | undefined;
let starting: Promise<Page> | undefined;

async function warmPage(executablePath: string): Promise<Page> {
  const { chromium } = await import("playwright-core");
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  const p = await browser.newPage();
  await p.setContent("<!doctype html><html><head><meta charset='utf-8'></head><body></body></html>");
  await p.addScriptTag({ path: plotlyBundlePath() });
  page = p;
  return p;
}

/**
 * Render a figure to PNG bytes.
 *
 * @param fig - the figure
 * @param scale - device scale factor (default 2, for crisp images)
 * @returns PNG bytes, or undefined when no Chromium is installed (`showFigure` then refuses under
 *   `PERMAFROST_STRICT_FIGURES=1`)
 * @throws ArgumentError for a bad figure or a scale that is not a finite number in (0, 10]
 * @throws EngineError (engine "chromium") when `$PERMAFROST_CHROMIUM` does not exist, Chromium
 *   fails to start, or plotly rejects the spec
 */
export async function renderPng(fig: Figure, scale = 2): Promise<Buffer | undefined> {
  checkFigure("renderPng", "fig", fig);
  checkNumber("renderPng", "scale", scale, { min: 0, exclusiveMin: true, max: 10 });
  const exe = findChromium();
  if (exe === undefined) return undefined;
  let p: Page;
  try {
    p = page ?? (await (starting ??= warmPage(exe)));
  } catch (e) {
    starting = undefined;
    throw e instanceof KitError ? e : new EngineError("chromium", `start ${exe}`, e);
  }
  const dataUrl = await guardAsync(`render ${fig.name}.png`, () => p.evaluate(
    async ({ data, layout, width, height, s }) => {
      const plotly = (globalThis as unknown as { Plotly: { toImage: (fig: unknown, opts: unknown) => Promise<string> } }).Plotly;
      return plotly.toImage({ data, layout }, { format: "png", width, height, scale: s });
    },
    { data: fig.data, layout: fig.layout, width: fig.width, height: fig.height, s: scale },
  ));
  const comma = dataUrl.indexOf(",");
  return Buffer.from(dataUrl.slice(comma + 1), "base64");
}

async function guardAsync<T>(operation: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof KitError) throw e;
    throw new EngineError("chromium", operation, e);
  }
}

/**
 * Close the shared browser (tests and scripts call this so the process can exit; a
 * notebook kernel does not need to).
 *
 * @throws EngineError (engine "chromium") when the browser fails to close
 */
export async function closeRenderer(): Promise<void> {
  const b = browser;
  browser = undefined;
  page = undefined;
  starting = undefined;
  if (b !== undefined) await guardAsync("close", () => b.close());
}
