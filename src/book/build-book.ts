/**
 * `npm run book` (issue 19): a static site at `build/book/` from the executed notebooks of a run, for
 * reviewers who will not install Jupyter. Pages: an index mapping each paper's sections, figures and
 * tables to the notebooks; every notebook with its outputs, figures interactive (plotly from one local
 * `assets/plotly.min.js`) over their PNG fallback; links to each notebook's results JSON; the claims
 * ledgers as sortable tables; and the reproduction report, the status of every figure, table and
 * numeric claim of both papers with a link to the cell that produced it. Every link is relative, so
 * the book works from `file://` and from any static server; nothing is loaded from outside it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError, ArgumentError } from "../core/errors";
import { checkOptions } from "../core/checks";
import { buildDir, projectRoot } from "../project/paths";
import { type ProfileName, PROFILE_NAMES } from "../project/profile";
import { plotlyBundlePath } from "../plot/render-png";
import { readExecutedNotebook, type ExecutedNotebook } from "./executed-notebook";
import { renderNotebook } from "./render-notebook";
import { BOOK_CSS, BOOK_JS, bookPage, escapeHtml, type PageFrame } from "./page";
import { PAPER_ITEMS, type PaperItem } from "./paper-items";
import { claimStatuses, itemStatuses, REPRO_STATUS_TEXT, type CellRef, type ClaimStatus, type ItemStatus, type Ledger, type LedgerClaim, type ReproStatus } from "./reproduction-status";

/** Options of {@link buildBook}. */
export interface BookOptions {
  /** The run to show: "quick" or "full" (default: the profile whose run finished last). */
  profile?: ProfileName;
  /** The run folder (default `build/<profile>/`, holding `notebooks/`, `results/`, `run-log.json`). */
  runDir?: string;
  /** The output folder (default `build/book/`); replaced as a whole, atomically. */
  out?: string;
}

/** What {@link buildBook} wrote. */
export interface BookSummary {
  /** The book's folder. */
  out: string;
  /** The profile of the run shown. */
  profile: ProfileName;
  /** Book-relative paths of the HTML pages. */
  pages: string[];
  /** Interactive figures per page (book-relative path → count). */
  figures: Record<string, number>;
  /** Executed notebooks shown, and those that failed. */
  notebooks: { shown: number; failed: string[]; missing: string[] };
  /** Report rows per status: figures and tables, and claims. */
  items: Record<ReproStatus, number>;
  /** Claims per status. */
  claims: Record<ReproStatus, number>;
  /** Problems a reader should know about (unresolved links, absent items). */
  warnings: string[];
}

const PAPERS: Record<PaperItem["paper"], { short: string; cite: string }> = {
  liu2024: { short: "Paper 1", cite: "Liu et al. 2024, Environ. Res. Lett. 19 014020: random-forest active-layer thickness, 1 km, 2003–2020" },
  liu2025: { short: "Paper 2", cite: "Liu et al. 2025, npj Clim. Atmos. Sci.: surface and thermal offsets at 117 sites of the three poles" },
};

/**
 * A JSON value as text: strings and numbers as they are, anything else as JSON.
 *
 * @param v - the value
 * @returns the text ("" for undefined)
 */
function asText(v: unknown): string {
  if (v === undefined) return "";
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v);
}

/**
 * The run folder to show: the named profile's, else the profile whose `run-log.json` finished last.
 *
 * @param options - profile and runDir
 * @returns the profile, its folder and its run log
 */
function pickRun(options: BookOptions): { profile: ProfileName; dir: string; log: Record<string, unknown> | undefined } {
  const readLog = (dir: string): Record<string, unknown> | undefined => {
    const f = path.join(dir, "run-log.json");
    if (!fs.existsSync(f)) return undefined;
    try {
      return JSON.parse(fs.readFileSync(f, "utf8")) as Record<string, unknown>;
    } catch (e) {
      throw new DataError({ file: f, expected: "the runner's JSON run log" }, "not JSON", { cause: e });
    }
  };
  if (options.runDir !== undefined || options.profile !== undefined) {
    const profile = options.profile ?? "quick";
    const dir = path.resolve(options.runDir ?? path.join(buildDir(), profile));
    return { profile, dir, log: readLog(dir) };
  }
  const runs = PROFILE_NAMES.map((p) => ({ profile: p, dir: path.join(buildDir(), p) }))
    .map((r) => ({ ...r, log: readLog(r.dir) }))
    .filter((r) => r.log !== undefined);
  if (runs.length === 0) {
    throw new DataError({ file: path.join(buildDir(), "<profile>", "run-log.json"), expected: "a run of the notebooks: npm run reproduce (full) or npm test (quick)" }, "no run to build the book from");
  }
  runs.sort((a, b) => asText(b.log!["finished"]).localeCompare(asText(a.log!["finished"])));
  return runs[0]!;
}

/**
 * Read a claims ledger of the run (`results/claims-<paper>.json`).
 *
 * @param file - the ledger file
 * @param paper - whose claims
 * @returns the ledger, or undefined when the run did not write it
 */
function readLedger(file: string, paper: PaperItem["paper"]): Ledger | undefined {
  if (!fs.existsSync(file)) return undefined;
  let doc: { claims?: unknown; synthetic?: unknown };
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf8")) as typeof doc;
  } catch (e) {
    throw new DataError({ file, expected: "a claims ledger written by writeResults" }, "not JSON", { cause: e });
  }
  if (!Array.isArray(doc.claims)) throw new DataError({ file, key: "claims", value: doc.claims, expected: "an array of claims" }, "not a claims ledger");
  doc.claims.forEach((c: unknown, i: number) => {
    const k = c as Partial<LedgerClaim>;
    if (typeof k.id !== "string" || (k.match !== null && typeof k.match !== "boolean")) throw new DataError({ file, key: `claims[${i}]`, value: JSON.stringify(c).slice(0, 120), expected: "an id and a match of true, false or null" }, "malformed claim");
  });
  const synthetic = doc.synthetic === true || (typeof doc.synthetic === "object" && doc.synthetic !== null);
  return { paper, file: path.basename(file), claims: doc.claims as LedgerClaim[], synthetic };
}

/**
 * A link to the cell that produced something.
 *
 * @param ref - the cell
 * @param up - "" from the book's root
 * @returns the HTML link
 */
function cellLink(ref: CellRef, up: string): string {
  const what = ref.what === "" ? "" : ` (${escapeHtml(ref.what.length > 40 ? `${ref.what.slice(0, 39)}…` : ref.what)})`;
  return `<a href="${up}notebooks/${ref.notebook}.html#cell-${ref.cellIndex}">${escapeHtml(ref.notebook)} · cell ${ref.cellIndex}</a>${what}`;
}

/**
 * A status as a coloured label, sortable by its severity.
 *
 * @param s - the status
 * @returns the HTML table cell
 */
function statusCell(s: ReproStatus): string {
  const order: ReproStatus[] = ["absent", "mismatch", "match", "real-unchecked", "synthetic", "offline"];
  return `<td data-sort="${order.indexOf(s)} ${s}"><span class="pk-status pk-status-${s}">${escapeHtml(REPRO_STATUS_TEXT[s])}</span></td>`;
}

/**
 * A value of a ledger cell as text.
 *
 * @param v - the value
 * @returns its text ("—" for null)
 */
function valueText(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  // a nested record (e.g. the area-weighted reading of paper 1's ledger): its fields, one level deep
  if (typeof v === "object" && !Array.isArray(v)) return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${typeof x === "object" && x !== null ? asText(x) : valueText(x)}`).join("; ");
  return asText(v);
}

/**
 * Count rows per status (every status present, zeros included).
 *
 * @param rows - rows with a status
 * @returns the counts
 */
function tally(rows: readonly { status: ReproStatus }[]): Record<ReproStatus, number> {
  const t = { match: 0, mismatch: 0, "real-unchecked": 0, synthetic: 0, offline: 0, absent: 0 } as Record<ReproStatus, number>;
  for (const r of rows) t[r.status] += 1;
  return t;
}

/**
 * The report's table of figures and tables.
 *
 * @param rows - the item statuses
 * @returns the HTML table
 */
function itemTable(rows: readonly ItemStatus[]): string {
  const body = rows
    .map((r, i) => {
      const it = r.item;
      return `<tr id="item-${i}"><td>${PAPERS[it.paper].short}</td><td>${escapeHtml(it.label)}${it.panels === "" ? "" : ` (${escapeHtml(it.panels)})`}</td><td>${escapeHtml(it.caption)}</td><td>${escapeHtml(it.section)}</td>${statusCell(r.status)}<td>${escapeHtml(r.reason)}${r.disagreeing.length === 0 ? "" : ` Claims: ${r.disagreeing.map((id) => `<a href="#claim-${it.paper}-${escapeHtml(id)}">${escapeHtml(id)}</a>`).join(", ")}.`}</td><td>${r.cells.map((c) => cellLink(c, "")).join("<br>")}</td></tr>`;
    })
    .join("\n");
  return `<table class="pk-sortable" id="report-items"><thead><tr><th>paper</th><th>item</th><th>caption</th><th>section</th><th>status</th><th>why</th><th>produced by</th></tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/**
 * The report's table of numeric claims.
 *
 * @param rows - the claim statuses
 * @returns the HTML table
 */
function claimTable(rows: readonly ClaimStatus[]): string {
  const body = rows
    .map((r) => `<tr id="claim-${r.paper}-${escapeHtml(r.claim.id)}"><td>${PAPERS[r.paper].short}</td><td><code>${escapeHtml(r.claim.id)}</code></td><td>${escapeHtml(r.claim.where)}</td><td>${escapeHtml(r.claim.claim)}</td><td>${escapeHtml(valueText(r.claim.printed))}</td><td data-sort="${typeof r.claim.computed === "number" ? r.claim.computed : ""}">${escapeHtml(valueText(r.claim.computed))}</td>${statusCell(r.status)}<td>${escapeHtml(r.reason)}</td><td>${r.cell === undefined ? "not listed in any output" : cellLink({ ...r.cell, what: "" }, "")}</td></tr>`)
    .join("\n");
  return `<table class="pk-sortable" id="report-claims"><thead><tr><th>paper</th><th>id</th><th>where</th><th>claim</th><th>printed</th><th>computed</th><th>status</th><th>why</th><th>produced by</th></tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/**
 * A claims ledger as a sortable table with every field of its claims.
 *
 * @param ledger - the ledger
 * @returns the HTML table
 */
function ledgerTable(ledger: Ledger): string {
  const keys: string[] = [];
  for (const c of ledger.claims) for (const k of Object.keys(c)) if (!keys.includes(k)) keys.push(k);
  const head = keys.map((k) => `<th>${escapeHtml(k)}</th>`).join("");
  const body = ledger.claims
    .map((c) => `<tr>${keys.map((k) => {
      const v = (c as unknown as Record<string, unknown>)[k];
      return `<td${typeof v === "number" ? ` data-sort="${v}"` : ""}>${escapeHtml(valueText(v))}</td>`;
    }).join("")}</tr>`)
    .join("\n");
  return `<div class="pk-wide"><table class="pk-sortable" id="ledger"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

/**
 * A status tally as a small table.
 *
 * @param counts - rows per status
 * @returns the HTML table
 */
function tallyTable(counts: Record<ReproStatus, number>): string {
  return `<table class="pk-summary">${(Object.keys(counts) as ReproStatus[]).map((s) => `<tr><td><span class="pk-status pk-status-${s}">${escapeHtml(REPRO_STATUS_TEXT[s])}</span></td><td>${counts[s]}</td></tr>`).join("")}</table>`;
}

/**
 * Build the book from a run's executed notebooks.
 *
 * @param options - profile, run folder and output folder
 * @returns what was written (pages, figure counts, statuses, warnings)
 * @throws DataError when there is no run, an executed notebook or a ledger is malformed
 * @throws ArgumentError for an unknown option or profile
 * @example
 * // a run with one executed notebook, in a temporary build folder
 * fs.mkdirSync("run/notebooks", { recursive: true });
 * fs.writeFileSync("run/notebooks/00-x.ipynb", JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "markdown", metadata: {}, source: "# X" }] }));
 * const book = buildBook({ profile: "quick", runDir: "run", out: "book" });
 * book.pages.includes("report.html"); // true
 * fs.existsSync("book/assets/plotly.min.js"); // true
 */
export function buildBook(options: BookOptions = {}): BookSummary {
  const fn = "buildBook";
  checkOptions(fn, "options", options, ["profile", "runDir", "out"]);
  if (options.profile !== undefined && !PROFILE_NAMES.includes(options.profile)) throw new ArgumentError({ fn, arg: "options.profile", value: options.profile, expected: PROFILE_NAMES.join(" or ") }, "unknown profile");
  const run = pickRun(options);
  const nbDir = path.join(run.dir, "notebooks");
  const resultsDir = path.join(run.dir, "results");
  if (!fs.existsSync(nbDir)) throw new DataError({ file: nbDir, expected: `the executed notebooks of a ${run.profile} run (npm run ${run.profile === "full" ? "reproduce" : "test"})` }, "no executed notebooks");
  const files = fs.readdirSync(nbDir).filter((f) => f.endsWith(".ipynb")).sort();
  const notebooks: ExecutedNotebook[] = files.map((f) => readExecutedNotebook(path.join(nbDir, f)));
  const stems = new Set(notebooks.map((n) => n.stem));
  const projectNotebooks = fs.existsSync(path.join(projectRoot(), "notebooks")) ? fs.readdirSync(path.join(projectRoot(), "notebooks")).filter((f) => f.endsWith(".ipynb")).map((f) => f.slice(0, -6)) : [];
  const missing = projectNotebooks.filter((s) => !stems.has(s));
  const ledgers = (["liu2024", "liu2025"] as const).map((p) => readLedger(path.join(resultsDir, `claims-${p}.json`), p)).filter((l): l is Ledger => l !== undefined);
  const items = itemStatuses(PAPER_ITEMS, notebooks, ledgers);
  const claims = claimStatuses(ledgers, notebooks);

  const out = path.resolve(options.out ?? path.join(buildDir(), "book"));
  const tmp = `${out}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const write = (rel: string, data: string | Uint8Array): void => {
    const f = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, data);
  };
  const log = run.log ?? {};
  const machine = (log["machine"] ?? {}) as Record<string, unknown>;
  const footer = escapeHtml(
    `Built by npm run book from the ${run.profile} run${log["finished"] === undefined ? "" : ` that finished ${asText(log["finished"])}`}` +
      (machine["cores"] === undefined ? "" : ` (${asText(machine["cores"])} cores, ${asText(machine["cpuModel"])}, Node ${asText(machine["node"])})`) +
      ". Figures and numbers from the synthetic demo world are labelled SYNTHETIC; they do not test the papers.",
  );
  const frame = (title: string, up: PageFrame["up"], plotly: boolean): PageFrame => ({ title, up, plotly, footer });
  const summary: BookSummary = { out, profile: run.profile, pages: [], figures: {}, notebooks: { shown: notebooks.length, failed: notebooks.filter((n) => n.failedCell !== undefined).map((n) => n.stem), missing }, items: tally(items), claims: tally(claims), warnings: [] };
  const page = (rel: string, html: string, figures: number): void => {
    write(rel, html);
    summary.pages.push(rel);
    summary.figures[rel] = figures;
  };

  write("assets/book.css", BOOK_CSS);
  write("assets/book.js", BOOK_JS);
  write("assets/plotly.min.js", fs.readFileSync(plotlyBundlePath()));

  // notebooks
  for (const nb of notebooks) {
    const resultsFile = path.join(resultsDir, `${nb.stem}.json`);
    const resultsHref = fs.existsSync(resultsFile) ? `results/${nb.stem}.json` : undefined;
    if (resultsHref !== undefined) write(resultsHref, fs.readFileSync(resultsFile));
    write(`ipynb/${nb.stem}.ipynb`, fs.readFileSync(nb.file));
    const rendered = renderNotebook(nb, { stems, resultsHref, ipynbHref: `ipynb/${nb.stem}.ipynb`, pngHref: (name) => `figures/${nb.stem}--${name}.png` });
    for (const p of rendered.pngs) write(p.href, p.bytes);
    for (const u of rendered.unresolved) summary.warnings.push(`${nb.stem}: link to ${u} points at nothing in the book`);
    page(`notebooks/${nb.stem}.html`, bookPage(frame(nb.title, "../", rendered.figures > 0), nb.cells.some((c) => c.kind === "markdown" && /^#\s/m.test(c.source)) ? rendered.body : `<h1>${escapeHtml(nb.title)}</h1>\n${rendered.body}`), rendered.figures);
  }
  for (const l of ledgers) write(`results/${l.file}`, fs.readFileSync(path.join(resultsDir, l.file)));

  // claims ledgers
  for (const p of ["liu2024", "liu2025"] as const) {
    const ledger = ledgers.find((l) => l.paper === p);
    const body =
      ledger === undefined
        ? `<h1>Claims ledger, ${PAPERS[p].short}</h1><p>This run wrote no <code>claims-${p}.json</code> (its notebook did not run).</p>`
        : `<h1>Claims ledger, ${PAPERS[p].short}</h1><p>${escapeHtml(PAPERS[p].cite)}.</p>` +
          `<p>Every numeric claim the kit lists for this paper, as the run wrote it to <a href="results/${ledger.file}">${ledger.file}</a>${ledger.synthetic ? ' — computed on <span class="pk-synthetic">SYNTHETIC</span> data, so agreement or disagreement does not test the paper' : ""}. Click a column to sort.</p>\n${ledgerTable(ledger)}`;
    page(`claims-${p}.html`, bookPage(frame(`Claims ledger, ${PAPERS[p].short}`, "", false), body), 0);
  }

  // the reproduction report
  const reportBody = [
    "<h1>Reproduction report</h1>",
    `<p>For every figure and table of both papers (the kit's catalogue, <code>src/book/paper-items.ts</code>) and every numeric claim of the claims ledgers: its status in this ${run.profile} run and the cell that produced it. Statuses come from the run: a figure's SYNTHETIC flag as displayed, the data status of the notebook that showed a table, and the ledgers' verdicts.</p>`,
    "<h2>Summary</h2>",
    `<h3>Figures and tables (${items.length})</h3>${tallyTable(summary.items)}`,
    `<h3>Numeric claims (${claims.length})</h3>${tallyTable(summary.claims)}`,
    "<h2>Figures and tables</h2><p>Click a column to sort.</p>",
    itemTable(items),
    "<h2>Numeric claims</h2><p>Click a column to sort.</p>",
    claimTable(claims),
  ].join("\n");
  page("report.html", bookPage(frame("Reproduction report", "", false), reportBody), 0);

  // the index
  const nbRows = notebooks
    .map((nb) => {
      const data = nb.banner?.data ?? "—";
      const res = fs.existsSync(path.join(resultsDir, `${nb.stem}.json`)) ? `<a href="results/${nb.stem}.json">results JSON</a>` : "no results JSON";
      return `<tr><td><a href="notebooks/${nb.stem}.html">${escapeHtml(nb.stem)}</a></td><td>${escapeHtml(nb.title)}</td><td>${escapeHtml(nb.banner?.reproduces ?? "—")}</td><td>${data === "real" ? "real" : `<span class="pk-synthetic">${escapeHtml(data)}</span>`}</td><td>${nb.figures.length}</td><td>${nb.failedCell === undefined ? "ran" : `<b>failed at <a href="notebooks/${nb.stem}.html#cell-${nb.failedCell}">cell ${nb.failedCell}</a></b>`}</td><td>${res}</td></tr>`;
    })
    .join("\n");
  const paperSections = (["liu2024", "liu2025"] as const)
    .map((p) => {
      const rows = items
        .map((r, i) => ({ r, i }))
        .filter(({ r }) => r.item.paper === p)
        .map(({ r, i }) => `<tr><td>${escapeHtml(r.item.section)}</td><td>${escapeHtml(r.item.label)}${r.item.panels === "" ? "" : ` (${escapeHtml(r.item.panels)})`}</td><td>${escapeHtml(r.item.caption)}</td><td>${r.cells.length === 0 ? "—" : [...new Set(r.cells.map((c) => c.notebook))].map((s) => `<a href="notebooks/${s}.html">${escapeHtml(s)}</a>`).join(", ")}</td><td><a href="report.html#item-${i}"><span class="pk-status pk-status-${r.status}">${escapeHtml(REPRO_STATUS_TEXT[r.status])}</span></a></td></tr>`)
        .join("\n");
      return `<h2>${PAPERS[p].short}: ${escapeHtml(PAPERS[p].cite)}</h2>\n<table class="pk-sortable"><thead><tr><th>section</th><th>item</th><th>caption</th><th>notebooks</th><th>status</th></tr></thead><tbody>\n${rows}\n</tbody></table>\n<p><a href="claims-${p}.html">The claims ledger of ${PAPERS[p].short}</a>.</p>`;
    })
    .join("\n");
  const indexBody = [
    "<h1>permafrost-notebooks: the book</h1>",
    `<p>The kit's notebooks as executed in the <b>${run.profile}</b> run, with their outputs; figures are interactive (plotly, loaded from this book's own <code>assets/plotly.min.js</code>) with their PNG beside them. The <a href="report.html">reproduction report</a> gives the status of every figure, table and numeric claim of both papers and links to the cell that produced it.</p>`,
    summary.notebooks.failed.length > 0 ? `<p class="pk-error"><b>Failed notebooks:</b> ${summary.notebooks.failed.map(escapeHtml).join(", ")}.</p>` : "",
    missing.length > 0 ? `<p class="pk-error"><b>Not run in this run:</b> ${missing.map(escapeHtml).join(", ")}.</p>` : "",
    "<h2>Notebooks</h2>",
    `<table class="pk-sortable"><thead><tr><th>notebook</th><th>title</th><th>reproduces</th><th>data</th><th>figures</th><th>run</th><th>results</th></tr></thead><tbody>\n${nbRows}\n</tbody></table>`,
    paperSections,
  ].join("\n");
  page("index.html", bookPage(frame("Index", "", false), indexBody), 0);

  for (const r of items) if (r.status === "absent") summary.warnings.push(`${r.item.paper} ${r.item.label}${r.item.panels === "" ? "" : ` (${r.item.panels})`}: ${r.reason}`);
  for (const c of claims) if (c.cell === undefined) summary.warnings.push(`${c.paper} claim ${c.claim.id}: not listed in any notebook output`);
  write("manifest.json", `${JSON.stringify({ profile: run.profile, finished: log["finished"] ?? null, pages: summary.pages, figures: summary.figures, items: summary.items, claims: summary.claims, notebooks: summary.notebooks, warnings: summary.warnings }, null, 2)}\n`);

  // swap the finished book in: a killed build leaves the old book (and a .tmp folder the next build removes)
  const old = `${out}.old-${process.pid}`;
  if (fs.existsSync(out)) fs.renameSync(out, old);
  fs.renameSync(tmp, out);
  fs.rmSync(old, { recursive: true, force: true });
  return summary;
}
