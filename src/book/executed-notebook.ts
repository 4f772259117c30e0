/**
 * Read an executed notebook (a copy the runner wrote to `build/<profile>/notebooks/`) into the parts
 * the book shows: its cells, their outputs, the banner's facts (what it reproduces, real or synthetic
 * data) and each figure it displayed (issue 19).
 *
 * Only nbformat 4 is read. A file that is not JSON, not a notebook, or has a cell or output of an
 * unexpected shape is refused with a DataError naming the file and the cell.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError } from "../core/errors";

/** One output of a code cell, reduced to what the book renders. */
export type BookOutput =
  | { kind: "stream"; name: "stdout" | "stderr"; text: string }
  | { kind: "markdown"; text: string }
  | { kind: "text"; text: string }
  | { kind: "image"; base64: string }
  | { kind: "figure"; name: string; synthetic: boolean; caption: string; spec: { data: unknown[]; layout: unknown }; pngBase64: string | undefined }
  | { kind: "error"; ename: string; evalue: string; traceback: string[] };

/** One cell of an executed notebook. */
export interface BookCell {
  /** 0-based position in the notebook (the anchor `cell-<index>` in the book). */
  index: number;
  /** The cell type. */
  kind: "markdown" | "code" | "raw";
  /** The source text. */
  source: string;
  /** The execution count of a code cell (null when it did not run). */
  executionCount: number | null;
  /** The outputs of a code cell (empty for markdown and raw cells). */
  outputs: BookOutput[];
}

/** The banner's facts, as `notebookHeader` displayed them. */
export interface BookBanner {
  /** What the notebook reproduces, e.g. "Liu et al. 2025, Methods (Eqs 1–3), Figs 1–4 and 8, claims ledger". */
  reproduces: string;
  /** "real", "synthetic" or "mixed". */
  data: "real" | "synthetic" | "mixed";
}

/** An executed notebook as the book reads it. */
export interface ExecutedNotebook {
  /** File name without `.ipynb`, e.g. "21-offsets-descriptive". */
  stem: string;
  /** The file read. */
  file: string;
  /** The title: the first markdown heading, else the stem. */
  title: string;
  /** The cells in order. */
  cells: BookCell[];
  /** The banner, when the notebook displayed one. */
  banner: BookBanner | undefined;
  /** Every figure displayed, in order, with the cell that displayed it. */
  figures: { name: string; synthetic: boolean; cellIndex: number }[];
  /** The first cell with an error output, or undefined. */
  failedCell: number | undefined;
}

const FIGURE_TEXT = /^Figure (\S+?)( \(SYNTHETIC DATA\))?:/;
const BANNER = /^> \*\*([^*]+)\*\* · reproduces: (.+)$/m;

/**
 * Join nbformat's multiline text (a string or a list of strings).
 *
 * @param v - the field
 * @returns the text, or undefined when the field is neither
 */
function multiline(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (Array.isArray(v) && v.every((s) => typeof s === "string")) return v.join("");
  return undefined;
}

/**
 * Reduce one nbformat output to a {@link BookOutput}.
 *
 * @param o - the output object
 * @param where - file and cell, for errors
 * @returns the output, or undefined for a display with nothing the book shows
 */
function readOutput(o: unknown, where: { file: string; cell: number }): BookOutput | undefined {
  const bad = (what: string, value: unknown): DataError =>
    new DataError({ file: where.file, key: `cells[${where.cell}].outputs`, value, expected: "an nbformat 4 output" }, what);
  if (o === null || typeof o !== "object") throw bad("output is not an object", o);
  const out = o as Record<string, unknown>;
  const type = out["output_type"];
  if (type === "stream") {
    const text = multiline(out["text"]);
    const name = out["name"];
    if (text === undefined || (name !== "stdout" && name !== "stderr")) throw bad("malformed stream output", name);
    return { kind: "stream", name, text };
  }
  if (type === "error") {
    const tb = out["traceback"];
    return {
      kind: "error",
      ename: typeof out["ename"] === "string" ? out["ename"] : "Error",
      evalue: typeof out["evalue"] === "string" ? out["evalue"] : "",
      traceback: Array.isArray(tb) ? tb.map((s) => String(s)) : [],
    };
  }
  if (type !== "display_data" && type !== "execute_result") throw bad("unknown output_type", type);
  const data = out["data"];
  if (data === null || typeof data !== "object") throw bad("display without a data bundle", data);
  const bundle = data as Record<string, unknown>;
  const plain = multiline(bundle["text/plain"]);
  const plotly = bundle["application/vnd.plotly.v1+json"];
  const png = multiline(bundle["image/png"]);
  if (plotly !== undefined) {
    const m = plain === undefined ? null : FIGURE_TEXT.exec(plain);
    const spec = plotly as { data?: unknown; layout?: unknown };
    if (m === null || !Array.isArray(spec.data)) throw bad("a plotly display without the kit's 'Figure <name>: …' text or a data array", plain);
    return { kind: "figure", name: m[1]!, synthetic: m[2] !== undefined, caption: plain!.trim(), spec: { data: spec.data, layout: spec.layout ?? {} }, pngBase64: png?.replace(/\s+/g, "") };
  }
  const md = multiline(bundle["text/markdown"]);
  if (md !== undefined) return { kind: "markdown", text: md };
  if (png !== undefined) return { kind: "image", base64: png.replace(/\s+/g, "") };
  if (plain !== undefined) return { kind: "text", text: plain };
  return undefined;
}

/**
 * Read an executed notebook for the book.
 *
 * @param file - path of an executed `.ipynb` (nbformat 4)
 * @returns its cells, banner, figures and first failed cell
 * @throws DataError when the file is missing, not JSON, not nbformat 4, or a cell or output is malformed
 * @example
 * fs.writeFileSync("n.ipynb", JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
 *   { cell_type: "markdown", metadata: {}, source: ["# A title"] },
 *   { cell_type: "code", metadata: {}, execution_count: 1, source: "1 + 1", outputs: [{ output_type: "stream", name: "stdout", text: ["2\n"] }] }] }));
 * readExecutedNotebook("n.ipynb").title; // 'A title'
 * readExecutedNotebook("n.ipynb").cells[1].outputs[0].kind; // 'stream'
 */
export function readExecutedNotebook(file: string): ExecutedNotebook {
  let raw: string;
  try {
    raw = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new DataError({ file, expected: "an executed notebook (run npm run reproduce or npm test first)" }, "cannot read the file", { cause: e });
  }
  let nb: unknown;
  try {
    nb = JSON.parse(raw);
  } catch (e) {
    throw new DataError({ file, expected: "nbformat 4 JSON" }, `not JSON (${(e as Error).message}); truncated?`, { cause: e });
  }
  const doc = nb as { nbformat?: unknown; cells?: unknown };
  if (doc === null || typeof doc !== "object" || doc.nbformat !== 4 || !Array.isArray(doc.cells)) {
    throw new DataError({ file, key: "nbformat", value: doc?.nbformat, expected: "4, with a cells array" }, "not an nbformat 4 notebook");
  }
  const cells: BookCell[] = [];
  const figures: ExecutedNotebook["figures"] = [];
  let banner: BookBanner | undefined;
  let failedCell: number | undefined;
  (doc.cells as unknown[]).forEach((c, index) => {
    const cell = c as Record<string, unknown>;
    const kind = cell["cell_type"];
    const source = multiline(cell["source"]);
    if ((kind !== "markdown" && kind !== "code" && kind !== "raw") || source === undefined) {
      throw new DataError({ file, key: `cells[${index}]`, value: kind, expected: "a markdown, code or raw cell with a source" }, "malformed cell");
    }
    const outputs: BookOutput[] = [];
    if (kind === "code") {
      const list = cell["outputs"];
      if (!Array.isArray(list)) throw new DataError({ file, key: `cells[${index}].outputs`, value: list, expected: "an array" }, "code cell without outputs array");
      for (const o of list) {
        const out = readOutput(o, { file, cell: index });
        if (out === undefined) continue;
        outputs.push(out);
        if (out.kind === "figure") figures.push({ name: out.name, synthetic: out.synthetic, cellIndex: index });
        if (out.kind === "error" && failedCell === undefined) failedCell = index;
        if (out.kind === "markdown" && banner === undefined) {
          const m = BANNER.exec(out.text);
          if (m !== null) {
            const data = /\*\*Data: SYNTHETIC\*\*/.test(out.text) ? "synthetic" : /\*\*Data: mixed/.test(out.text) ? "mixed" : /\*\*Data: real\*\*/.test(out.text) ? "real" : undefined;
            if (data === undefined) throw new DataError({ file, key: `cells[${index}].outputs`, value: out.text.slice(0, 200), expected: "a banner naming **Data: real**, **Data: SYNTHETIC** or **Data: mixed …**" }, "banner without a data status");
            banner = { reproduces: m[2]!.trim(), data };
          }
        }
      }
    }
    const count = cell["execution_count"];
    cells.push({ index, kind, source, executionCount: typeof count === "number" ? count : null, outputs });
  });
  const heading = cells.find((c) => c.kind === "markdown" && /^#\s+\S/m.test(c.source));
  const title = heading === undefined ? path.basename(file, ".ipynb") : /^#\s+(.+)$/m.exec(heading.source)![1]!.trim();
  return { stem: path.basename(file, ".ipynb"), file, title, cells, banner, figures, failedCell };
}
