/**
 * Rich output in a tslab notebook. tslab's own `display` sends one MIME type per message;
 * these helpers send one display_data message with several representations (for example
 * the plotly JSON plus a PNG fallback), so every front end picks the richest it can render.
 * Outside a kernel (tests, scripts) they print the text/plain part and return false.
 */

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

/** True when running inside a tslab kernel that is executing a cell. */
export function inKernel(): boolean {
  return kernelWriter() !== undefined;
}

/**
 * Display a MIME bundle, e.g. `{ "text/markdown": "...", "text/plain": "..." }`.
 *
 * @param bundle - MIME type → content (strings; binary data base64-encoded)
 * @returns true when sent to a kernel, false when printed to stdout instead
 */
export function displayBundle(bundle: Record<string, unknown>): boolean {
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
 */
export function showMarkdown(markdown: string): void {
  displayBundle({ "text/markdown": markdown, "text/plain": markdown });
}

/** A table cell: text, a number (formatted by {@link showTable}) or missing. */
export type Cell = string | number | boolean | null | undefined;

/**
 * Display rows of objects as a Markdown table. Numbers are shown with `digits` decimals;
 * NaN, null and undefined show as an em dash.
 *
 * @param rows - one object per row; the first row's keys are the columns
 * @param options - `digits` (default 3) and an optional `caption`
 */
export function showTable(rows: readonly Record<string, Cell>[], options: { digits?: number; caption?: string } = {}): void {
  displayBundle({ "text/markdown": markdownTable(rows, options), "text/plain": markdownTable(rows, options) });
}

/**
 * Format rows of objects as a Markdown table (see {@link showTable}).
 *
 * @param rows - one object per row
 * @param options - `digits` (default 3) and an optional `caption` placed above the table
 */
export function markdownTable(rows: readonly Record<string, Cell>[], options: { digits?: number; caption?: string } = {}): string {
  const digits = options.digits ?? 3;
  const first = rows[0];
  if (first === undefined) return options.caption !== undefined ? `${options.caption}\n\n(no rows)` : "(no rows)";
  const cols = Object.keys(first);
  const fmt = (v: Cell): string => {
    if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return "—";
    if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toFixed(digits);
    return String(v).replace(/\|/g, "\\|");
  };
  const lines = [`| ${cols.join(" | ")} |`, `| ${cols.map(() => "---").join(" | ")} |`];
  for (const r of rows) lines.push(`| ${cols.map((c) => fmt(r[c])).join(" | ")} |`);
  const table = lines.join("\n");
  return options.caption !== undefined ? `${options.caption}\n\n${table}` : table;
}
