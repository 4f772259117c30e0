/**
 * A strict CSV reader (RFC 4180: quoted fields, doubled quotes, CRLF or LF line ends) that
 * keeps the 1-based file line of every record, so later validation can name the line.
 * Lines that start with `#` before the header are comments (used for provenance headers).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError } from "../core/errors";

/** A parsed CSV file: header, records as strings, and each record's file line. */
export interface CsvTable {
  /** File name or label, used in error messages. */
  file: string;
  /** Column names from the header row. */
  header: string[];
  /** Records, each with exactly `header.length` fields. */
  rows: string[][];
  /** 1-based line in the file where each record starts. */
  lines: number[];
  /** Comment lines (without the leading `#`) found before the header. */
  comments: string[];
}

/**
 * Parse CSV text.
 *
 * @param text - the file contents
 * @param file - the file name to use in error messages
 * @throws DataError for an unterminated quote, a stray quote, a duplicate or empty column
 *   name, or a record whose field count differs from the header's (naming the line)
 */
export function parseCsv(text: string, file = "<csv>"): CsvTable {
  const records: { fields: string[]; line: number }[] = [];
  const comments: string[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let recordStart = 0;
  let i = 0;
  let atRecordStart = true;
  let sawHeader = false;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1; // byte-order mark
  while (i < n) {
    if (atRecordStart && !sawHeader && text[i] === "#") {
      let j = text.indexOf("\n", i);
      if (j < 0) j = n;
      comments.push(text.slice(i + 1, j).replace(/\r$/, "").trim());
      i = j + 1;
      line++;
      continue;
    }
    if (atRecordStart) {
      recordLine = line;
      recordStart = i;
      atRecordStart = false;
    }
    const c = text[i];
    if (c === '"' && field === "") {
      // quoted field
      i++;
      for (;;) {
        if (i >= n) throw new DataError({ file, line: recordLine }, "unterminated quoted field");
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === "\n") line++;
        field += q;
        i++;
      }
      const after = text[i];
      if (after !== undefined && after !== "," && after !== "\n" && after !== "\r") {
        throw new DataError({ file, line }, `unexpected character ${JSON.stringify(after)} after a closing quote`);
      }
      continue;
    }
    if (c === ",") {
      fields.push(field);
      field = "";
      i++;
      continue;
    }
    if (c === "\r" || c === "\n") {
      fields.push(field);
      field = "";
      if (i > recordStart) {
        // a blank line (nothing between two line ends) is skipped; `""` is a record
        records.push({ fields, line: recordLine });
        sawHeader = true;
      }
      fields = [];
      if (c === "\r" && text[i + 1] === "\n") i++;
      i++;
      line++;
      atRecordStart = true;
      continue;
    }
    if (c === '"') throw new DataError({ file, line }, "stray quote inside an unquoted field");
    field += c;
    i++;
  }
  if (!atRecordStart) {
    fields.push(field);
    records.push({ fields, line: recordLine });
  }
  const head = records.shift();
  if (head === undefined) throw new DataError({ file }, "no header row");
  const header = head.fields.map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of header) {
    if (h === "") throw new DataError({ file, line: head.line }, "empty column name in header");
    if (seen.has(h)) throw new DataError({ file, line: head.line }, `duplicate column name ${JSON.stringify(h)}`);
    seen.add(h);
  }
  for (const r of records) {
    if (r.fields.length !== header.length) {
      throw new DataError({ file, line: r.line }, `has ${r.fields.length} fields, the header has ${header.length}`);
    }
  }
  return { file, header, rows: records.map((r) => r.fields), lines: records.map((r) => r.line), comments };
}

/**
 * Read and parse a CSV file (UTF-8).
 *
 * @param filePath - path to the file
 * @throws DataError as {@link parseCsv}, or when the file cannot be read
 */
export function readCsv(filePath: string): CsvTable {
  let text: string;
  try {
    text = fs.readFileSync(filePath, "utf8");
  } catch (e) {
    throw new DataError({ file: filePath }, `cannot read file (${(e as Error).message})`);
  }
  return parseCsv(text, path.basename(filePath));
}

/**
 * Require that a table has exactly these columns, in this order.
 *
 * @param table - a parsed CSV table
 * @param expected - the column names, in order
 * @throws DataError naming the first missing, unexpected or misplaced column
 */
export function expectColumns(table: CsvTable, expected: readonly string[]): void {
  for (const name of expected) {
    if (!table.header.includes(name)) {
      throw new DataError({ file: table.file, line: 1 }, `missing column ${JSON.stringify(name)} (expected ${expected.join(", ")})`);
    }
  }
  for (const name of table.header) {
    if (!expected.includes(name)) {
      throw new DataError({ file: table.file, line: 1 }, `unexpected column ${JSON.stringify(name)} (expected ${expected.join(", ")})`);
    }
  }
  expected.forEach((name, k) => {
    if (table.header[k] !== name) {
      throw new DataError({ file: table.file, line: 1 }, `column ${JSON.stringify(name)} is at position ${table.header.indexOf(name) + 1}, expected ${k + 1}`);
    }
  });
}

/** How {@link numberColumn} treats an empty cell. */
export type MissingPolicy = "error" | "nan";

/**
 * One column as a Float64Array, parsed strictly: the whole cell must be a decimal number
 * (leading/trailing blanks allowed). An empty cell is NaN only when `missing` is "nan".
 *
 * @param table - a parsed CSV table
 * @param name - the column name
 * @param missing - "error" (default) or "nan" for empty cells
 * @throws DataError naming the line and column of the first bad cell
 */
export function numberColumn(table: CsvTable, name: string, missing: MissingPolicy = "error"): Float64Array {
  const k = table.header.indexOf(name);
  if (k < 0) throw new DataError({ file: table.file, line: 1 }, `no column ${JSON.stringify(name)}`);
  const out = new Float64Array(table.rows.length);
  table.rows.forEach((row, r) => {
    const cell = (row[k] ?? "").trim();
    const where = { file: table.file, line: table.lines[r] ?? 0, column: name };
    if (cell === "") {
      if (missing === "nan") {
        out[r] = NaN;
        return;
      }
      throw new DataError(where, "empty cell where a number is required");
    }
    out[r] = parseNumberStrict(cell, where);
  });
  return out;
}

/**
 * One column as strings (trimmed).
 *
 * @param table - a parsed CSV table
 * @param name - the column name
 * @throws DataError when the column does not exist
 */
export function stringColumn(table: CsvTable, name: string): string[] {
  const k = table.header.indexOf(name);
  if (k < 0) throw new DataError({ file: table.file, line: 1 }, `no column ${JSON.stringify(name)}`);
  return table.rows.map((row) => (row[k] ?? "").trim());
}

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parse a decimal number strictly ("1.5", "-0.01", "1e3"; not "1,5", "NaN", "12a").
 *
 * @param cell - the trimmed cell text
 * @param where - location for the error message
 * @throws DataError when the text is not a finite decimal number
 */
export function parseNumberStrict(cell: string, where: { file: string; line?: number; column?: string }): number {
  if (!NUMBER_RE.test(cell)) throw new DataError(where, `${JSON.stringify(cell)} is not a number`);
  return Number(cell);
}
