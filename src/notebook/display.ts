/**
 * Rich output in a tslab notebook. tslab's own `display` sends one MIME type per message;
 * these helpers send one display_data message with several representations (for example
 * the plotly JSON plus a PNG fallback), so every front end picks the richest it can render.
 * Outside a kernel (tests, scripts) they print the text/plain part and return false.
 */

import { ArgumentError } from "../core/errors";
import { checkInteger, checkOptions } from "../core/checks";
import { isList } from "../core/checks";

type WriteDisplayData = (content: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

function kernelWriter(): WriteDisplayData | undefined {
  try {
    // tslab sets this when it executes a cell; it is the function its own display API uses.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData?: WriteDisplayData | null };
    return jupyter.lastWriteDisplayData ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when running inside a tslab kernel that is executing a cell.
 *
 * @returns whether a kernel is listening
 */
export function inKernel(): boolean {
  return kernelWriter() !== undefined;
}

/**
 * Display a MIME bundle, e.g. `{ "text/markdown": "...", "text/plain": "..." }`.
 *
 * @param bundle - MIME type → content (strings; binary data base64-encoded)
 * @returns true when sent to a kernel, false when printed to stdout instead
 * @throws ArgumentError when `bundle` is not an object of MIME type → content, or is empty
 */
export function displayBundle(bundle: Record<string, unknown>): boolean {
  if (bundle === null || typeof bundle !== "object" || Array.isArray(bundle)) throw new ArgumentError({ fn: "displayBundle", arg: "bundle", value: bundle, expected: "an object of MIME type → content" }, "not an object");
  const types = Object.keys(bundle);
  if (types.length === 0) throw new ArgumentError({ fn: "displayBundle", arg: "bundle", value: bundle, expected: "at least one MIME type (e.g. text/plain)" }, "empty bundle");
  for (const t of types) if (!/^[a-z]+\/[A-Za-z0-9.+-]+$/.test(t)) throw new ArgumentError({ fn: "displayBundle", arg: "bundle", at: `key ${JSON.stringify(t)}`, value: t, expected: "a MIME type such as text/markdown" }, "not a MIME type");
  const write = kernelWriter();
  if (write === undefined) {
    const text = bundle["text/plain"] ?? bundle["text/markdown"];
    if (typeof text === "string") console.log(text);
    return false;
  }
  write({ data: bundle, metadata: {}, transient: {} }, false);
  return true;
}

/**
 * Display Markdown text (with a plain-text fallback).
 *
 * @param markdown - the Markdown source
 * @throws ArgumentError when `markdown` is not a string
 */
export function showMarkdown(markdown: string): void {
  if (typeof markdown !== "string") throw new ArgumentError({ fn: "showMarkdown", arg: "markdown", value: markdown, expected: "a string" }, "not text");
  displayBundle({ "text/markdown": markdown, "text/plain": markdown });
}

/** A table cell: text, a number (formatted by {@link showTable}) or missing. */
export type Cell = string | number | boolean | null | undefined;

/**
 * Display rows of objects as a Markdown table. Numbers are shown with `digits` decimals;
 * NaN, null and undefined show as an em dash.
 *
 * @param rows - one object per row; the first row's keys are the columns (then later rows' new keys)
 * @param options - `digits` (default 3) and an optional `caption`
 * @throws ArgumentError as {@link markdownTable}
 */
export function showTable(rows: readonly Record<string, Cell>[], options: { digits?: number; caption?: string } = {}): void {
  const text = markdownTable(rows, options, "showTable");
  displayBundle({ "text/markdown": text, "text/plain": text });
}

/**
 * Format rows of objects as a Markdown table (see {@link showTable}). The columns are the first
 * row's keys, followed by any key that only later rows have (so no cell is dropped).
 *
 * @param rows - one object per row
 * @param options - `digits` (default 3) and an optional `caption` placed above the table
 * @param fn - the public function named in errors (default `markdownTable`)
 * @returns the Markdown text (a `|` in a column name or cell is escaped, a line break becomes a space)
 * @throws ArgumentError for an unknown option, digits outside 0–20, or rows that are not objects
 * @example
 * markdownTable([{ feature: "PRECIP", "mean |SHAP|": 1.4 }], { digits: 1 }); // "| feature | mean \\|SHAP\\| |\n| --- | --- |\n| PRECIP | 1.4 |"
 */
export function markdownTable(rows: readonly Record<string, Cell>[], options: { digits?: number; caption?: string } = {}, fn = "markdownTable"): string {
  checkOptions(fn, "options", options, ["digits", "caption"]);
  if (options.digits !== undefined) checkInteger(fn, "options.digits", options.digits, { min: 0, max: 20 });
  if (options.caption !== undefined && typeof options.caption !== "string") throw new ArgumentError({ fn, arg: "options.caption", value: options.caption, expected: "a string" }, "not text");
  if (!isList(rows)) throw new ArgumentError({ fn, arg: "rows", value: rows, expected: "an array of row objects" }, "not an array");
  const digits = options.digits ?? 3;
  const first = rows[0];
  if (first === undefined) return options.caption !== undefined ? `${options.caption}\n\n(no rows)` : "(no rows)";
  const cols = Object.keys(first);
  rows.forEach((r, i) => {
    if (r === null || typeof r !== "object" || Array.isArray(r)) throw new ArgumentError({ fn, arg: "rows", at: i, value: r, expected: "an object of column → cell" }, "not a row object");
    for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  });
  // a | inside a header or cell would end the Markdown cell; a line break would end the row
  const escape = (text: string): string => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  const fmt = (v: Cell): string => {
    if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return "—";
    if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toFixed(digits);
    return escape(String(v));
  };
  const lines = [`| ${cols.map(escape).join(" | ")} |`, `| ${cols.map(() => "---").join(" | ")} |`];
  for (const r of rows) lines.push(`| ${cols.map((c) => fmt(r[c])).join(" | ")} |`);
  const table = lines.join("\n");
  return options.caption !== undefined ? `${options.caption}\n\n${table}` : table;
}
