/**
 * A strict CSV reader (RFC 4180: quoted fields, doubled quotes, CRLF or LF line ends) that
 * keeps the 1-based file line of every record, so later validation can name the line.
 * Lines that start with `#` before the header are comments (used for provenance headers).
 *
 * What is accepted and what is refused (every refusal is a DataError naming the file, the line
 * and, where there is one, the column and the value):
 *
 * - **Encoding**: UTF-8, with or without a byte-order mark at the very start. Refused: UTF-16
 *   (with or without BOM: NUL bytes), Latin-1 or other non-UTF-8 bytes (decoded as U+FFFD), and
 *   invisible format characters inside a field (U+200B–U+200F zero-width space/joiners and
 *   direction marks, U+202A–U+202E bidi controls, U+2060–U+2064, U+FEFF past the start): they
 *   make two different values print alike (a duplicate site would pass as a new one). They are
 *   allowed in comment lines.
 * - **Line ends**: LF or CRLF. CR-only (classic Mac) line ends, or a lone CR between records, are
 *   refused with that reason (a CR inside a quoted field is kept as text).
 * - **Files**: a missing file, a directory or an unreadable file is a DataError naming the path.
 * - **Header**: a spreadsheet's `sep=,` first line is refused with that reason. Names are trimmed ("site " is "site") and compared case-sensitively ("Site" is
 *   not "site"; {@link expectColumns} points at the near miss). An empty name, a repeated name, or
 *   two names that differ only by letter case ("a" and "A") are refused.
 * - **Numbers** ({@link numberColumn}, {@link parseNumberStrict}): ASCII decimal text, trimmed of
 *   blanks, optionally quoted (`"12.5"` is 12.5: quotes are CSV syntax, not part of the value).
 *   Accepted: a leading `+` ("+5"), a bare trailing or leading point ("5.", ".5"), leading
 *   zeros ("007" is 7), an exponent ("1e3"). Refused: thousands separators ("1,234", "1 234",
 *   "1_000"), a decimal comma, a lone "-" or ".", "NaN", "Infinity", hexadecimal, the Unicode
 *   minus "−5", non-ASCII digits, and decimal text that overflows to Infinity ("1e999").
 * - **In-memory tables** given to the column functions are checked by {@link checkCsvTable}
 *   (ArgumentError: every cell a string, every row as long as the header).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { checkInteger, checkOneOf, checkOptions } from "../core/checks";
import { ArgumentError, DataError } from "../core/errors";

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
  /** 1-based line of the header row (after any comment lines); 1 when absent. */
  headerLine?: number;
}

/**
 * Parse CSV text.
 *
 * An empty file (or one with only comment and blank lines) has no header and is refused; a file
 * with a header and no records parses to zero rows (each loader then refuses it with
 * {@link requireRows}). A byte-order mark, CRLF line ends and quoted fields (with commas,
 * doubled quotes and line breaks inside) are all accepted.
 *
 * @param text - the file contents
 * @param file - the file name to use in error messages (a non-empty string)
 * @returns the header, the records as strings and each record's 1-based line
 * @throws DataError for a NUL byte (a binary or UTF-16 file), a U+FFFD replacement character
 *   (bytes that were not UTF-8), an invisible format character in a field (naming line, column
 *   and code point), CR-only line ends, an unterminated quote, a stray quote, a duplicate or empty
 *   column name (or two differing only by case), or a record whose field count differs from the
 *   header's (naming the line)
 * @example
 * parseCsv('site,alt\r\n"A, north",52\r\n', "demo.csv").rows; // [["A, north", "52"]]
 */
export function parseCsv(text: string, file = "<csv>"): CsvTable {
  if (typeof text !== "string") throw new ArgumentError({ fn: "parseCsv", arg: "text", value: text, expected: "the file contents as a string" }, "not a string");
  if (typeof file !== "string" || file === "") throw new ArgumentError({ fn: "parseCsv", arg: "file", value: file, expected: "a file name or label for messages" }, "not a name");
  checkEncoding(text, file);
  if (text.indexOf("\n") < 0 && text.indexOf("\r") >= 0 && text.indexOf("\r") < text.length - 1) {
    throw new DataError({ file, line: 1, value: "\r", expected: "LF or CRLF line ends" }, "line ends are CR only (classic Mac); save the file with LF or CRLF line ends");
  }
  INVISIBLE_RE.lastIndex = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const invisibleAt = INVISIBLE_RE.exec(text)?.index ?? -1;
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
  // the column a field is in: its header name once the header is read, else its position
  const colName = (k: number): string => {
    const h = records[0]?.fields[k]?.trim();
    return h !== undefined && h !== "" ? h : `#${k + 1}`;
  };
  if (text.charCodeAt(0) === 0xfeff) i = 1; // byte-order mark
  while (i < n) {
    if (atRecordStart && !sawHeader && text[i] === "#") {
      let j = text.indexOf("\n", i);
      if (j < 0) j = n;
      const comment = text.slice(i + 1, j).replace(/\r$/, "");
      if (comment.includes("\r")) throw loneCr(file, line);
      comments.push(comment.trim());
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
        if (i >= n) throw new DataError({ file, line: recordLine, column: colName(fields.length), value: truncate(field), expected: "a closing quote (the file may be truncated)" }, "unterminated quoted field");
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
        throw new DataError({ file, line, column: colName(fields.length), value: after, expected: "a comma or a line end after a closing quote" }, "unexpected character after a closing quote");
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
      if (c === "\r") {
        if (text[i + 1] !== "\n" && i + 1 < n) throw loneCr(file, line);
        i++;
      }
      i++;
      line++;
      atRecordStart = true;
      continue;
    }
    if (c === '"') throw new DataError({ file, line, column: colName(fields.length), value: truncate(field + c), expected: "quotes only around a whole field" }, "stray quote inside an unquoted field");
    field += c;
    i++;
  }
  if (!atRecordStart) {
    fields.push(field);
    records.push({ fields, line: recordLine });
  }
  if (invisibleAt >= 0) checkInvisible(records, file);
  const head = records.shift();
  if (head === undefined) throw new DataError({ file, line, expected: "a header row" }, "no header row (the file is empty)");
  if (/^sep=.?$/i.test(head.fields.join(","))) {
    throw new DataError({ file, line: head.line, value: head.fields.join(","), expected: "the header row (column names)" }, 'a spreadsheet "sep=" line where the header should be; delete that line');
  }
  const header = head.fields.map((h) => h.trim());
  const seen = new Map<string, string>();
  header.forEach((h, k) => {
    if (h === "") throw new DataError({ file, line: head.line, column: `#${k + 1}`, expected: "a column name" }, "empty column name in header");
    const prev = seen.get(h.toLowerCase());
    if (prev === h) throw new DataError({ file, line: head.line, column: h }, `duplicate column name ${JSON.stringify(h)}`);
    if (prev !== undefined) throw new DataError({ file, line: head.line, column: h, value: h, expected: "column names that differ by more than letter case" }, `column names ${JSON.stringify(prev)} and ${JSON.stringify(h)} differ only by letter case`);
    seen.set(h.toLowerCase(), h);
  });
  for (const r of records) {
    if (r.fields.length !== header.length) {
      throw new DataError(
        { file, line: r.line, value: truncate(r.fields.join(",")), expected: `${header.length} fields (${header.join(", ")})` },
        `has ${r.fields.length} fields, the header has ${header.length}${r.fields.length < header.length ? " (truncated line?)" : ""}`,
      );
    }
  }
  return { file, header, rows: records.map((r) => r.fields), lines: records.map((r) => r.line), comments, headerLine: head.line };
}

// Invisible format characters that make two different texts print alike: zero-width space/joiners,
// left-to-right and right-to-left marks, bidi embeddings/overrides, word joiner and invisible
// operators, and U+FEFF anywhere but as the byte-order mark at the very start.
const INVISIBLE_RE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
const INVISIBLE_ONE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;

function codePoint(ch: string): string {
  return `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

// Only reached when the text holds an invisible character: find the first field that has one.
function checkInvisible(records: readonly { fields: string[]; line: number }[], file: string): void {
  const head = records[0]?.fields ?? [];
  for (const r of records) {
    r.fields.forEach((f, k) => {
      const m = INVISIBLE_ONE.exec(f);
      if (m === null) return;
      const name = r === records[0] ? `#${k + 1}` : head[k]?.trim() || `#${k + 1}`;
      throw new DataError(
        { file, line: r.line, column: name, value: f.replace(INVISIBLE_RE, (ch) => `<${codePoint(ch)}>`), expected: "text without invisible format characters" },
        `invisible character ${codePoint(m[0])} at position ${m.index + 1} of the field (it makes two different values print alike)`,
      );
    });
  }
}

function loneCr(file: string, line: number): DataError {
  return new DataError({ file, line, value: "\r", expected: "LF or CRLF line ends" }, "a CR line end without LF (classic Mac line ends mixed in); save the file with LF or CRLF line ends");
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

// Refuse text that is not UTF-8 CSV: a NUL byte (binary or UTF-16) or U+FFFD (undecodable bytes).
function checkEncoding(text: string, file: string): void {
  const nul = text.indexOf("\u0000");
  const bad = text.indexOf("\ufffd");
  const at = nul >= 0 ? nul : bad; // a NUL anywhere says "binary or UTF-16" better than the U+FFFD a UTF-16 BOM decodes to
  if (at < 0) return;
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  if (at === nul) throw new DataError({ file, line, value: "\u0000", expected: "UTF-8 text" }, "NUL byte: a binary file or a UTF-16 file, not UTF-8 CSV");
  throw new DataError({ file, line, value: "\ufffd", expected: "UTF-8 text" }, "bytes that are not valid UTF-8 (decoded as U+FFFD)");
}

/**
 * Read and parse a CSV file (UTF-8).
 *
 * @param filePath - path to the file
 * @returns the parsed table, labelled with the file's base name
 * @throws DataError as {@link parseCsv}, or when the file cannot be read
 * @throws ArgumentError when `filePath` is not a non-empty string
 * @example
 * readCsv(dataPath("liu2025", "table1.csv")).header[0]; // 'No.'
 */
export function readCsv(filePath: string): CsvTable {
  if (typeof filePath !== "string" || filePath === "") throw new ArgumentError({ fn: "readCsv", arg: "filePath", value: filePath, expected: "a file path" }, "not a path");
  let text: string;
  try {
    text = fs.readFileSync(filePath, "utf8");
  } catch (e) {
    throw new DataError({ file: filePath }, `cannot read file (${(e as Error).message})`, { cause: e });
  }
  return parseCsv(text, path.basename(filePath));
}

/**
 * Require that a table has exactly these columns, in this order.
 *
 * @param table - a parsed CSV table
 * @param expected - the column names, in order
 * @throws DataError naming the header line and the first missing, unexpected or misplaced column
 * @example
 * expectColumns(parseCsv("a,b\n1,2\n"), ["a", "b"]); // passes
 */
export function expectColumns(table: CsvTable, expected: readonly string[]): void {
  checkCsvTable("expectColumns", table);
  const line = table.headerLine ?? 1;
  for (const name of expected) {
    if (!table.header.includes(name)) {
      const other = table.header.find((h) => h.toLowerCase() === name.toLowerCase());
      const hint = other === undefined ? "" : `; found ${JSON.stringify(other)}, but column names are case-sensitive`;
      throw new DataError({ file: table.file, line }, `missing column ${JSON.stringify(name)} (expected ${expected.join(", ")}${hint})`);
    }
  }
  for (const name of table.header) {
    if (!expected.includes(name)) {
      throw new DataError({ file: table.file, line, column: name }, `unexpected column ${JSON.stringify(name)} (expected ${expected.join(", ")})`);
    }
  }
  expected.forEach((name, k) => {
    if (table.header[k] !== name) {
      throw new DataError({ file: table.file, line, column: name }, `column ${JSON.stringify(name)} is at position ${table.header.indexOf(name) + 1}, expected ${k + 1}`);
    }
  });
}

/**
 * Require a parsed CSV table (from {@link parseCsv} or {@link readCsv}): a header, rows and one
 * line number per row.
 *
 * @param fn - the public function, for the message
 * @param table - the value to check
 * @throws ArgumentError when it is not a CsvTable, its `lines` do not match its `rows`, a line is
 *   not a 1-based integer, a row has not `header.length` cells, or a cell or column name is not a
 *   string (naming the row, its line and the column)
 * @example
 * checkCsvTable("numberColumn", parseCsv("a\n1\n")); // passes
 */
export function checkCsvTable(fn: string, table: unknown): asserts table is CsvTable {
  const t = table as Partial<CsvTable> | null;
  if (t === null || typeof t !== "object" || !Array.isArray(t.header) || !Array.isArray(t.rows) || !Array.isArray(t.lines) || typeof t.file !== "string") {
    throw new ArgumentError({ fn, arg: "table", value: table, expected: "a parsed CSV table (parseCsv / readCsv)" }, "not a CSV table");
  }
  if (t.lines.length !== t.rows.length) {
    throw new ArgumentError({ fn, arg: "table.lines", value: t.lines.length, expected: `${t.rows.length} (one line number per row)` }, "wrong length");
  }
  const header: unknown[] = t.header;
  header.forEach((h, k) => {
    if (typeof h !== "string") throw new ArgumentError({ fn, arg: "table.header", at: k, value: h, expected: "a column name (string)" }, "not a string");
  });
  const rows: unknown[] = t.rows;
  const lines: unknown[] = t.lines;
  rows.forEach((row, r) => {
    const line = lines[r];
    if (typeof line !== "number" || !Number.isInteger(line) || line < 1) {
      throw new ArgumentError({ fn, arg: "table.lines", at: r, value: line, expected: "a 1-based line number" }, "not a line number");
    }
    if (!Array.isArray(row)) throw new ArgumentError({ fn, arg: "table.rows", at: `row ${r}, line ${line}`, value: row, expected: `an array of ${header.length} strings` }, "not a row");
    const cells: unknown[] = row;
    if (cells.length !== header.length) {
      throw new ArgumentError({ fn, arg: "table.rows", at: `row ${r}, line ${line}`, value: cells.length, expected: `${header.length} cells (${t.header!.join(", ")})` }, "wrong number of cells");
    }
    cells.forEach((cell, k) => {
      if (typeof cell !== "string") {
        throw new ArgumentError({ fn, arg: "table.rows", at: `row ${r}, line ${line}, column ${String(header[k])}`, value: cell, expected: "the cell text (a string)" }, `cell is a ${cell === null ? "null" : typeof cell}, not a string`);
      }
    });
  });
}

/**
 * Require at least `min` data rows (a file with only a header, or cut off after it, is refused).
 *
 * @param table - a parsed CSV table
 * @param min - the smallest number of rows (default 1)
 * @throws DataError naming the file and the header line
 * @throws ArgumentError when `min` is not a non-negative integer, or `table` is not a CsvTable
 * @example
 * requireRows(parseCsv("a\n1\n")); // passes
 */
export function requireRows(table: CsvTable, min = 1): void {
  checkCsvTable("requireRows", table);
  checkInteger("requireRows", "min", min, { min: 0 });
  if (table.rows.length < min) {
    throw new DataError({ file: table.file, line: table.headerLine ?? 1, value: table.rows.length, expected: `at least ${min} data row${min === 1 ? "" : "s"} after the header` }, "no data rows (header only, or the file is truncated)");
  }
}

/** How an empty (or missing) numeric value is treated: refused, or kept as NaN. */
export type MissingPolicy = "error" | "nan";

/**
 * The one missing-value option shape of the kit's loaders and bridges ({@link numberColumn},
 * `float64Column`): `{ missing: "nan" }` keeps a blank as NaN, `{ missing: "error" }` (the
 * default) refuses it with the line and column.
 */
export interface MissingOptions {
  /** "error" (default) or "nan". */
  missing?: MissingPolicy;
}

/** The valid values of {@link MissingPolicy}. */
export const MISSING_POLICIES: readonly MissingPolicy[] = ["error", "nan"];

/**
 * Read a missing-value policy given either as the policy string or as {@link MissingOptions}.
 *
 * @param fn - the public function, for the message
 * @param value - "error", "nan", `{ missing }` or undefined
 * @returns the policy
 * @throws ArgumentError for anything else (an unknown policy or option name)
 * @example
 * missingPolicy("numberColumn", { missing: "nan" }); // 'nan'
 */
export function missingPolicy(fn: string, value: unknown): MissingPolicy {
  if (value === undefined) return "error";
  if (typeof value === "string") return checkOneOf(fn, "missing", value, MISSING_POLICIES);
  checkOptions(fn, "options", value, ["missing"]);
  const m = (value as MissingOptions).missing;
  return m === undefined ? "error" : checkOneOf(fn, "options.missing", m, MISSING_POLICIES);
}

/**
 * One column as a Float64Array, parsed strictly: the whole cell must be a finite decimal number
 * (leading/trailing blanks allowed; "1e999", which overflows to Infinity, is refused). An empty
 * cell is NaN only when the missing-value policy is "nan".
 *
 * @param table - a parsed CSV table
 * @param name - the column name
 * @param missing - "error" (default) or "nan" for empty cells, or `{ missing }` ({@link MissingOptions})
 * @returns the values, in row order
 * @throws DataError naming the line, the column and the text of the first bad cell
 * @throws ArgumentError for an unknown missing-value policy
 * @example
 * numberColumn(parseCsv("v\n1.5\n\"\"\n"), "v", { missing: "nan" }); // Float64Array [1.5, NaN]
 */
export function numberColumn(table: CsvTable, name: string, missing: MissingPolicy | MissingOptions = "error"): Float64Array {
  checkCsvTable("numberColumn", table);
  const policy = missingPolicy("numberColumn", missing);
  const k = table.header.indexOf(name);
  if (k < 0) throw new DataError({ file: table.file, line: table.headerLine ?? 1, column: name }, `no column ${JSON.stringify(name)} (have ${table.header.join(", ")})`);
  const out = new Float64Array(table.rows.length);
  table.rows.forEach((row, r) => {
    const cell = (row[k] ?? "").trim();
    const where = { file: table.file, line: table.lines[r] ?? 0, column: name };
    if (cell === "") {
      if (policy === "nan") {
        out[r] = NaN;
        return;
      }
      throw new DataError({ ...where, value: cell, expected: "a finite number (this column may not be blank)" }, "empty cell where a number is required");
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
 * @returns the trimmed cells, in row order
 * @throws DataError when the column does not exist
 * @example
 * stringColumn(parseCsv("s\n a \n"), "s"); // ["a"]
 */
export function stringColumn(table: CsvTable, name: string): string[] {
  checkCsvTable("stringColumn", table);
  const k = table.header.indexOf(name);
  if (k < 0) throw new DataError({ file: table.file, line: table.headerLine ?? 1, column: name }, `no column ${JSON.stringify(name)} (have ${table.header.join(", ")})`);
  return table.rows.map((row) => (row[k] ?? "").trim());
}

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parse a decimal number strictly ("1.5", "-0.01", "1e3"; not "1,5", "NaN", "Infinity", "12a",
 * and not "1e999", which is decimal text but overflows to Infinity). The result is always finite.
 *
 * @param cell - the trimmed cell text
 * @param where - location for the error message
 * @returns the number (finite)
 * @throws DataError naming the location and the text when it is not a finite decimal number
 * @example
 * parseNumberStrict("-0.5e1", { file: "a.csv", line: 2, column: "x" }); // -5
 */
export function parseNumberStrict(cell: string, where: { file: string; line?: number; column?: string }): number {
  if (typeof cell !== "string") throw new ArgumentError({ fn: "parseNumberStrict", arg: "cell", value: cell, expected: "the cell text" }, "not a string");
  if (!NUMBER_RE.test(cell)) throw new DataError({ ...where, value: cell, expected: "a finite decimal number" }, `${JSON.stringify(cell)} is not a number`);
  const x = Number(cell);
  if (!Number.isFinite(x)) throw new DataError({ ...where, value: cell, expected: "a finite decimal number (magnitude below 1.8e308)" }, `${JSON.stringify(cell)} overflows to ${x}`);
  return x;
}
