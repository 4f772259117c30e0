/**
 * Render one executed notebook as a page of the book (issue 19): markdown cells as HTML, code cells
 * with their outputs, every figure interactive (plotly, from the book's one shared bundle) over its
 * PNG fallback, each cell anchored as `#cell-<index>` so the reproduction report can link to it.
 */
import { marked } from "marked";
import type { BookOutput, ExecutedNotebook } from "./executed-notebook";
import { escapeHtml } from "./page";

/** What a rendered notebook page needs from the rest of the book. */
export interface NotebookPageContext {
  /** Stems of the notebooks the book has pages for (links to `<stem>.ipynb` become `<stem>.html`). */
  stems: ReadonlySet<string>;
  /** Book-relative path of the notebook's results JSON, when the run wrote one. */
  resultsHref: string | undefined;
  /** Book-relative path of the executed notebook's copy (`ipynb/<stem>.ipynb`). */
  ipynbHref: string;
  /** Book-relative file name for the PNG of a figure (`figures/<stem>--<name>.png`). */
  pngHref: (figureName: string) => string;
}

/** A rendered notebook page: its main HTML and what it needs written beside it. */
export interface RenderedNotebook {
  /** The page's main HTML (without the frame). */
  body: string;
  /** PNG files to write: book-relative path and bytes. */
  pngs: { href: string; bytes: Buffer }[];
  /** Figures on the page (each an interactive plot). */
  figures: number;
  /** Relative links in the notebook's markdown that point at nothing in the book. */
  unresolved: string[];
}

// The colour and cursor escapes of terminal output (tslab's error tracebacks carry them).
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
const INTERACTIVE_LINK = /^\s*\[interactive figure\]\([^)]*\)\s*$/;

/**
 * Markdown to HTML, with links to a notebook of the book rewritten to its page.
 *
 * @param md - the markdown
 * @param ctx - the book's notebook stems
 * @param unresolved - collects relative links that point at nothing in the book
 * @returns the HTML
 */
function markdownHtml(md: string, ctx: NotebookPageContext, unresolved: string[]): string {
  const html = marked.parse(md, { async: false, gfm: true });
  return html.replace(/href="([^"]*)"/g, (whole, href: string) => {
    if (/^(https?:|mailto:|#)/.test(href)) return whole;
    const m = /^(?:\.\/)?([\w.-]+)\.ipynb(#.*)?$/.exec(href);
    if (m !== null && ctx.stems.has(m[1]!)) return `href="${m[1]}.html${m[2] ?? ""}"`;
    unresolved.push(href);
    return whole;
  });
}

/**
 * One output as HTML.
 *
 * @param o - the output
 * @param ctx - the page context
 * @param page - collects PNGs, figure count and unresolved links
 * @param figId - a unique id for a figure element
 * @returns the HTML ("" for an output the book leaves out)
 */
function outputHtml(o: BookOutput, ctx: NotebookPageContext, page: RenderedNotebook, figId: string): string {
  switch (o.kind) {
    case "stream":
      return `<div class="pk-out${o.name === "stderr" ? " pk-stderr" : ""}"><pre>${escapeHtml(o.text.replace(ANSI, ""))}</pre></div>`;
    case "text":
      return `<div class="pk-out"><pre>${escapeHtml(o.text.replace(ANSI, ""))}</pre></div>`;
    case "markdown":
      // the Notebook UI's link to the standalone figure page; the book's figures are interactive in place
      if (INTERACTIVE_LINK.test(o.text)) return "";
      return `<div class="pk-out pk-md-out">${markdownHtml(o.text, ctx, page.unresolved)}</div>`;
    case "image": {
      const href = ctx.pngHref(`${figId}-image`);
      page.pngs.push({ href, bytes: Buffer.from(o.base64, "base64") });
      return `<div class="pk-out"><img src="../${href}" alt="image output"></div>`;
    }
    case "figure": {
      page.figures += 1;
      let img = "";
      if (o.pngBase64 !== undefined) {
        const href = ctx.pngHref(o.name);
        page.pngs.push({ href, bytes: Buffer.from(o.pngBase64, "base64") });
        img = `<img class="pk-png" src="../${href}" alt="${escapeHtml(o.name)} (static PNG)">`;
      }
      const spec = JSON.stringify(o.spec).replace(/</g, "\\u003c");
      const caption = escapeHtml(o.caption.split("\n")[0]!).replace("(SYNTHETIC DATA)", '<span class="pk-synthetic">(SYNTHETIC DATA)</span>');
      return `<figure class="pk-figure" id="${figId}" data-figure="${escapeHtml(o.name)}"><div class="pk-plot"></div>${img}<script type="application/json" class="pk-spec">${spec}</script><figcaption>${caption}</figcaption></figure>`;
    }
    case "error":
      return `<div class="pk-out pk-error"><pre>${escapeHtml([`${o.ename}: ${o.evalue}`, ...o.traceback].join("\n").replace(ANSI, ""))}</pre></div>`;
  }
}

/**
 * Render an executed notebook's page body for the book.
 *
 * @param nb - the executed notebook ({@link readExecutedNotebook})
 * @param ctx - links to the rest of the book
 * @returns the page body, the PNGs to write, the figure count and any unresolved links
 * @example
 * const nb = { stem: "x", file: "x.ipynb", title: "X", banner: undefined, figures: [], failedCell: undefined,
 *   cells: [{ index: 0, kind: "markdown", source: "# X\nsee [next](y.ipynb)", executionCount: null, outputs: [] }] };
 * const page = renderNotebook(nb, { stems: new Set(["x", "y"]), resultsHref: undefined, ipynbHref: "ipynb/x.ipynb", pngHref: (n) => `figures/x--${n}.png` });
 * page.body.includes('href="y.html"'); // true
 */
export function renderNotebook(nb: ExecutedNotebook, ctx: NotebookPageContext): RenderedNotebook {
  const page: RenderedNotebook = { body: "", pngs: [], figures: 0, unresolved: [] };
  const parts: string[] = [];
  const links = [`<a href="../${ctx.ipynbHref}">the executed notebook (.ipynb)</a>`];
  if (ctx.resultsHref !== undefined) links.push(`<a href="../${ctx.resultsHref}">its results JSON</a>`);
  const data = nb.banner?.data;
  parts.push(
    `<p class="pk-banner"><b>${escapeHtml(nb.stem)}</b>` +
      (nb.banner === undefined ? "" : ` · reproduces: ${escapeHtml(nb.banner.reproduces)} · data: ${data === "real" ? "<b>real</b>" : `<span class="pk-synthetic">${data === "synthetic" ? "SYNTHETIC" : "mixed real and SYNTHETIC"}</span>`}`) +
      `<br>Download ${links.join(" · ")}</p>`,
  );
  if (nb.failedCell !== undefined) parts.push(`<p class="pk-error"><b>This notebook failed</b> at <a href="#cell-${nb.failedCell}">cell ${nb.failedCell}</a>; the cells after it did not run.</p>`);
  let figNo = 0;
  for (const cell of nb.cells) {
    const id = `cell-${cell.index}`;
    if (cell.kind === "markdown") {
      parts.push(`<section class="pk-cell pk-md" id="${id}">${markdownHtml(cell.source, ctx, page.unresolved)}</section>`);
      continue;
    }
    if (cell.kind === "raw") {
      parts.push(`<section class="pk-cell pk-raw" id="${id}"><pre>${escapeHtml(cell.source)}</pre></section>`);
      continue;
    }
    const outs = cell.outputs.map((o) => outputHtml(o, ctx, page, `fig-${cell.index}-${++figNo}`)).join("\n");
    parts.push(
      `<section class="pk-cell pk-code" id="${id}"><a class="pk-prompt" href="#${id}">${cell.executionCount === null ? "" : `In [${cell.executionCount}] · `}cell ${cell.index}</a>` +
        `<pre class="pk-source"><code>${escapeHtml(cell.source)}</code></pre>${outs}</section>`,
    );
  }
  page.body = parts.join("\n");
  return page;
}
