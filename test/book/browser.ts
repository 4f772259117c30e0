/**
 * `npm run test:book` (issue 19, part of `npm test`): the book in real Chromium (Debian's, through
 * playwright-core), from `file://` and from a static server on 127.0.0.1.
 *
 * For every page of build/book/manifest.json, in both modes:
 * - no console error and no uncaught exception;
 * - no request outside the book (every other request is aborted and counted as a failure);
 * - every plotly figure renders: rendered plots (`.js-plotly-plot` with an svg) = figures of the page
 *   in the manifest = `figure.pk-figure` elements;
 * - every internal link resolves: the file exists in the book, and a `#fragment` names an element id
 *   of the target page.
 * Then: no report row is "missing from this run" and the build had no warnings; clicking the report's
 * status column sorts it; screenshots of the index, the report and a notebook page go to
 * build/book-shots/ (look at them).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS, findChromium } from "permafrost-kit";

const root = path.resolve(__dirname, "..", "..", "..");
const book = path.resolve(process.argv[2] ?? path.join(root, "build", "book"));
const shots = path.join(root, "build", "book-shots");

interface Manifest {
  profile: string;
  pages: string[];
  figures: Record<string, number>;
  items: Record<string, number>;
  claims: Record<string, number>;
  warnings: string[];
}

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".png": "image/png", ".ipynb": "application/json" };

/** A static server of the book on 127.0.0.1 (any free port). */
async function serve(dir: string): Promise<{ base: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).replace(/^\/+/, "") || "index.html";
    const file = path.resolve(dir, rel);
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return { base: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

const idCache = new Map<string, Set<string>>();
/** The element ids of a book page (read from the file). */
function idsOf(file: string): Set<string> {
  let ids = idCache.get(file);
  if (ids === undefined) {
    ids = new Set([...fs.readFileSync(file, "utf8").matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
    idCache.set(file, ids);
  }
  return ids;
}

/** Check one page in one mode; returns the problems found. */
async function checkPage(page: Page, url: string, rel: string, expectedFigures: number, base: string, problems: string[]): Promise<void> {
  const errors: string[] = [];
  const onConsole = (m: { type: () => string; text: () => string }): void => {
    if (m.type() === "error") errors.push(`console error: ${m.text()}`);
  };
  const onPageError = (e: Error): void => {
    errors.push(`uncaught: ${e.message}`);
  };
  page.on("console", onConsole);
  page.on("pageerror", onPageError);
  await page.goto(url, { waitUntil: "load" });
  if (expectedFigures > 0) {
    await page.waitForFunction(() => {
      const f = (window as unknown as { pkFigures?: { total: number; rendered: number; failed: string[] } }).pkFigures;
      return f !== undefined && (f.rendered + f.failed.length === f.total);
    }, undefined, { timeout: 60_000 });
  }
  const counts = await page.evaluate(() => ({
    figures: document.querySelectorAll("figure.pk-figure").length,
    rendered: document.querySelectorAll("figure.pk-figure.pk-rendered .js-plotly-plot .main-svg").length > 0 ? document.querySelectorAll("figure.pk-figure.pk-rendered").length : 0,
    plots: Array.from(document.querySelectorAll(".js-plotly-plot")).filter((p) => p.querySelector("svg.main-svg") !== null).length,
    failed: (window as unknown as { pkFigures?: { failed: string[] } }).pkFigures?.failed ?? [],
    links: Array.from(document.querySelectorAll("a[href]")).map((a) => a.getAttribute("href")!),
  }));
  page.off("console", onConsole);
  page.off("pageerror", onPageError);
  const where = `${rel} (${url.startsWith("file:") ? "file://" : "http"})`;
  for (const e of errors) problems.push(`${where}: ${e}`);
  if (counts.figures !== expectedFigures || counts.plots !== expectedFigures || counts.rendered !== expectedFigures) {
    problems.push(`${where}: ${expectedFigures} figures expected; ${counts.figures} figure elements, ${counts.rendered} marked rendered, ${counts.plots} plotly plots with an svg; failed: ${counts.failed.join("; ")}`);
  }
  for (const href of counts.links) {
    if (/^(https?:|mailto:)/.test(href) && !href.startsWith(base)) continue; // a link out is not a request; the book loads nothing from outside
    const target = new URL(href, url);
    const file = target.protocol === "file:" ? decodeURIComponent(target.pathname) : path.join(book, decodeURIComponent(target.pathname));
    if (!file.startsWith(book) || !fs.existsSync(file)) {
      problems.push(`${where}: link ${href} points at nothing in the book`);
      continue;
    }
    const frag = decodeURIComponent(target.hash.replace(/^#/, ""));
    if (frag !== "" && file.endsWith(".html") && !idsOf(file).has(frag)) problems.push(`${where}: link ${href}: no element with id "${frag}"`);
  }
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const manifestFile = path.join(book, "manifest.json");
  assert.ok(fs.existsSync(manifestFile), `no book at ${book}: run npm run book first`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as Manifest;
  const executablePath = findChromium();
  assert.ok(executablePath !== undefined, "no Chromium: install Debian's chromium (npm run setup) or set PERMAFROST_CHROMIUM");
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  const server = await serve(book);
  const fileBase = `file://${book}/`;
  const outside: string[] = [];
  const problems: string[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.route("**/*", (route) => {
      const u = route.request().url();
      if (u.startsWith(fileBase) || u.startsWith(server.base) || u.startsWith("data:")) return route.continue();
      outside.push(u);
      return route.abort();
    });
    const page = await context.newPage();
    let figures = 0;
    for (const base of [fileBase, server.base]) {
      for (const rel of manifest.pages) {
        const expected = manifest.figures[rel] ?? 0;
        figures += base === fileBase ? expected : 0;
        await checkPage(page, base + rel, rel, expected, base, problems);
      }
    }
    // the report's tables sort: click "status" and the worst status comes first
    await page.goto(`${fileBase}report.html`);
    await page.click("#report-items thead th:nth-child(5) button");
    const first = await page.evaluate(() => document.querySelector("#report-items tbody tr td:nth-child(5)")!.getAttribute("data-sort"));
    const all = await page.evaluate(() => Array.from(document.querySelectorAll("#report-items tbody tr td:nth-child(5)")).map((td) => td.getAttribute("data-sort")!));
    assert.equal(first, [...all].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))[0], "clicking the status column sorts the report");
    fs.mkdirSync(shots, { recursive: true });
    await page.goto(`${fileBase}index.html`);
    await page.screenshot({ path: path.join(shots, "index.png"), fullPage: true });
    await page.goto(`${fileBase}report.html`);
    await page.screenshot({ path: path.join(shots, "report.png") });
    await page.locator("#report-claims").scrollIntoViewIfNeeded();
    await page.evaluate(() => document.querySelector("#report-claims")!.scrollIntoView());
    await page.screenshot({ path: path.join(shots, "report-claims.png") });
    const nbPage = manifest.pages.find((p) => p.startsWith("notebooks/21-")) ?? manifest.pages.find((p) => (manifest.figures[p] ?? 0) > 0);
    if (nbPage !== undefined) {
      await page.goto(fileBase + nbPage);
      await page.waitForFunction(() => {
        const f = (window as unknown as { pkFigures?: { total: number; rendered: number } }).pkFigures;
        return f !== undefined && f.rendered === f.total;
      });
      await page.evaluate(() => document.querySelector("figure.pk-figure")!.scrollIntoView());
      await page.screenshot({ path: path.join(shots, "notebook.png") });
    }
    await context.close();
    const absent = manifest.items["absent"] ?? 0;
    console.log(`test:book: ${manifest.pages.length} pages × 2 modes (file://, http://127.0.0.1), ${figures} figures, ${((performance.now() - t0) / 1000).toFixed(1)} s; screenshots in ${path.relative(root, shots)}/`);
    assert.deepEqual(outside, [], "requests outside the book");
    assert.deepEqual(problems, [], "problems in the book");
    assert.equal(absent, 0, "report rows missing from this run");
    assert.deepEqual(manifest.warnings, [], "warnings of npm run book");
    console.log("test:book: passed");
  } finally {
    await server.close();
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
