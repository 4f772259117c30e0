/**
 * The book's page shell (issue 19): HTML escaping, the shared stylesheet and script, and the frame
 * (title, navigation, footer) every page of `build/book/` shares. Pages reference only files of the
 * book itself (`assets/`), so the book works from `file://` and from any static server.
 */

/**
 * Escape text for HTML element content and double-quoted attributes.
 *
 * @param s - the text
 * @returns the escaped text
 * @example
 * escapeHtml('a < b & "c"'); // 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

/** The book's stylesheet (`assets/book.css`). */
export const BOOK_CSS = `
:root { --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg-code: #f6f8fa; --accent: #0a58ca; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 "DejaVu Sans", "Liberation Sans", sans-serif; color: var(--fg); }
header.pk-nav { position: sticky; top: 0; z-index: 10; background: #fff; border-bottom: 1px solid var(--line); padding: 6px 20px; display: flex; flex-wrap: wrap; gap: 14px; align-items: baseline; }
header.pk-nav .pk-brand { font-weight: bold; }
header.pk-nav a { color: var(--accent); text-decoration: none; }
main { max-width: 1180px; margin: 0 auto; padding: 8px 20px 40px; }
footer { max-width: 1180px; margin: 0 auto; padding: 12px 20px 30px; color: var(--muted); font-size: 13px; border-top: 1px solid var(--line); }
a { color: var(--accent); }
h1 { font-size: 26px; } h2 { font-size: 21px; margin-top: 28px; } h3 { font-size: 17px; }
pre, code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 13px; }
pre { background: var(--bg-code); padding: 8px 10px; overflow-x: auto; border-radius: 4px; }
table { border-collapse: collapse; margin: 8px 0; font-size: 13.5px; }
th, td { border: 1px solid var(--line); padding: 3px 7px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
table.pk-sortable th { cursor: pointer; user-select: none; }
table.pk-sortable th button { all: unset; cursor: pointer; display: block; width: 100%; }
.pk-wide { overflow-x: auto; }
table.pk-sortable th[aria-sort="ascending"]::after { content: " \\25B2"; }
table.pk-sortable th[aria-sort="descending"]::after { content: " \\25BC"; }
.pk-cell { margin: 14px 0; scroll-margin-top: 50px; }
.pk-cell:target { outline: 3px solid #ffd33d; outline-offset: 4px; }
.pk-prompt { color: var(--muted); font-size: 12px; font-family: "DejaVu Sans Mono", monospace; }
.pk-source { border-left: 3px solid #8c959f; }
.pk-out { margin: 4px 0 0 0; }
.pk-out pre { background: #fff; border: 1px solid #eaeef2; }
.pk-stderr pre { background: #fff5f5; border-color: #f5c2c7; }
.pk-error pre { background: #fde7e9; border: 1px solid #d1242f; color: #82071e; }
figure.pk-figure { margin: 8px 0; }
figure.pk-figure .pk-plot { width: 100%; min-height: 0; }
figure.pk-figure.pk-rendered img.pk-png { display: none; }
figure.pk-figure img.pk-png { max-width: 100%; }
figure.pk-figure figcaption { color: var(--muted); font-size: 13px; }
.pk-synthetic { color: #9a6700; font-weight: bold; }
.pk-status { font-weight: bold; }
.pk-status-match { color: #1a7f37; } .pk-status-mismatch { color: #cf222e; } .pk-status-real-unchecked { color: #0a58ca; }
.pk-status-synthetic { color: #9a6700; } .pk-status-offline { color: #57606a; } .pk-status-absent { color: #fff; background: #cf222e; padding: 0 4px; }
.pk-banner { background: #f6f8fa; border: 1px solid var(--line); padding: 8px 12px; border-radius: 4px; }
.pk-summary td:first-child { white-space: nowrap; }
`;

/**
 * The book's script (`assets/book.js`): renders each figure with the shared plotly bundle (the PNG
 * stays when plotly cannot run), and sorts a `.pk-sortable` table by the clicked column.
 */
export const BOOK_JS = `
(function () {
  "use strict";
  function renderFigures() {
    var figs = document.querySelectorAll("figure.pk-figure");
    window.pkFigures = { total: figs.length, rendered: 0, failed: [] };
    if (typeof Plotly === "undefined") return;
    figs.forEach(function (fig) {
      var specNode = fig.querySelector("script.pk-spec");
      var target = fig.querySelector(".pk-plot");
      try {
        var spec = JSON.parse(specNode.textContent);
        var layout = Object.assign({}, spec.layout || {});
        Plotly.newPlot(target, spec.data, layout, { responsive: true, displaylogo: false }).then(function () {
          fig.classList.add("pk-rendered");
          window.pkFigures.rendered += 1;
        }, function (err) { window.pkFigures.failed.push(fig.id + ": " + err); });
      } catch (err) {
        window.pkFigures.failed.push(fig.id + ": " + err);
      }
    });
  }
  function cellValue(row, col) {
    var cell = row.children[col];
    if (!cell) return "";
    var text = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    return text.replace(/\u2212/g, "-");
  }
  function sortTable(table, col, th) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    rows.sort(function (a, b) {
      var x = cellValue(a, col), y = cellValue(b, col);
      var nx = parseFloat(x), ny = parseFloat(y);
      var numeric = x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny) && isFinite(x) && isFinite(y);
      return dir * (numeric ? nx - ny : x.localeCompare(y, undefined, { numeric: true }));
    });
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    rows.forEach(function (r) { body.appendChild(r); });
  }
  function sortable() {
    document.querySelectorAll("table.pk-sortable").forEach(function (table) {
      var heads = table.tHead ? table.tHead.rows[0].cells : [];
      Array.prototype.forEach.call(heads, function (th, col) {
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = th.textContent;
        b.title = "sort by " + th.textContent;
        th.textContent = "";
        th.appendChild(b);
        b.addEventListener("click", function () { sortTable(table, col, th); });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { sortable(); renderFigures(); });
})();
`;

/** What every page of the book shares. */
export interface PageFrame {
  /** The page title. */
  title: string;
  /** "" for pages at the book's root, "../" for pages one folder down. */
  up: "" | "../";
  /** Load the plotly bundle (pages with figures). */
  plotly: boolean;
  /** The footer line (run, profile, kit version). */
  footer: string;
}

/**
 * A whole HTML page of the book: head (stylesheet, script, plotly when needed), navigation, body, footer.
 *
 * @param frame - title, depth, plotly and footer
 * @param body - the page's main HTML
 * @returns the page
 * @example
 * bookPage({ title: "Index", up: "", plotly: false, footer: "run" }, "<p>hi</p>").includes('href="assets/book.css"'); // true
 */
export function bookPage(frame: PageFrame, body: string): string {
  const u = frame.up;
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(frame.title)} · permafrost-notebooks book</title>`,
    `<link rel="stylesheet" href="${u}assets/book.css">`,
    frame.plotly ? `<script src="${u}assets/plotly.min.js"></script>` : "",
    `<script src="${u}assets/book.js"></script>`,
    "</head><body>",
    '<header class="pk-nav"><span class="pk-brand">permafrost-notebooks</span>',
    `<a href="${u}index.html">Index</a>`,
    `<a href="${u}report.html">Reproduction report</a>`,
    `<a href="${u}claims-liu2024.html">Claims, paper 1</a>`,
    `<a href="${u}claims-liu2025.html">Claims, paper 2</a>`,
    "</header>",
    `<main>\n${body}\n</main>`,
    `<footer>${frame.footer}</footer>`,
    "</body></html>",
    "",
  ].join("\n");
}
