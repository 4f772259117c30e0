/**
 * Loader for paper 2's Table 1 (Liu et al. 2025, "Site information across the three poles",
 * 117 sites; data/liu2025/table1.csv). Validates column names, numeric cells (with line
 * numbers), region/sub-region names, row numbering, duplicate sites, the per-region counts
 * stated in the paper's Methods ("Study sites and data compilation"), the physically possible
 * range of every numeric column ({@link TABLE1_PLAUSIBILITY}) and the footnote markers. Unusual
 * values, and rows whose SO or TO differs from the difference of the printed temperatures by more
 * than rounding, load and are listed in `warnings`.
 */
import type { DataFrame } from "danfojs-node";
import { checkOptions } from "../../core/checks";
import { checkCsvTable, expectColumns, readCsv, requireRows, stringColumn, parseNumberStrict, type CsvTable } from "../../io/csv";
import { checkRange, checkUniqueKey, checkVocabulary, type LoaderPlausibility, type PlausibilityWarning, rangeFor } from "../../io/plausibility";
import { ArgumentError, DataError } from "../../core/errors";
import { dataPath } from "../../project/paths";
import { toDataFrame } from "../dataframe";

/** The CSV's columns, in order (as published, plus the footnote-marker columns). */
export const TABLE1_COLUMNS = [
  "No.", "Region", "Sub-region", "Site", "MAGST", "TTOP", "ALT", "MAAT", "TO", "SO",
  "MAGST_mark", "TTOP_mark", "ALT_mark", "MAAT_mark", "Note",
] as const;

/** The numeric columns of Table 1 (°C, except ALT in cm). */
export const TABLE1_NUMERIC = ["MAGST", "TTOP", "ALT", "MAAT", "TO", "SO"] as const;
/** A numeric column name of Table 1. */
export type Table1Variable = (typeof TABLE1_NUMERIC)[number];

/** Sites per sub-region stated in the paper's Methods, and the region each belongs to. */
export const TABLE1_SUBREGIONS: Readonly<Record<string, { region: string; n: number }>> = {
  Alaska: { region: "Arctic", n: 18 },
  Russia: { region: "Arctic", n: 15 },
  Canada: { region: "Arctic", n: 14 },
  Greenland: { region: "Arctic", n: 4 },
  Nordic: { region: "Arctic", n: 11 },
  Svalbard: { region: "Arctic", n: 4 },
  "Tibetan Plateau": { region: "Third Pole", n: 32 },
  Antarctica: { region: "Antarctica", n: 19 },
};

/** Sites per region stated in the paper (Arctic 66, Third Pole 32, Antarctica 19). */
export const TABLE1_REGIONS: Readonly<Record<string, number>> = { Arctic: 66, "Third Pole": 32, Antarctica: 19 };

/** Footnote markers that may follow MAGST, TTOP, ALT and MAAT (blank = none). */
export const TABLE1_MARKS = ["", "a", "b"] as const;

/**
 * Plausible ranges of Table 1's numeric columns and the vocabularies of its categorical ones
 * (shown in data/liu2025/README.md). Every value of the shipped table is inside the impossible
 * bounds; the unusual bounds mark what is rare at a permafrost site.
 */
export const TABLE1_PLAUSIBILITY: LoaderPlausibility = {
  loader: "loadTable1",
  file: "table1.csv",
  ranges: [
    { column: "No.", label: "row number", unit: "-", impossible: [1, 100000], unusual: [1, 117], why: "the published table numbers its 117 rows from 1; a higher number means an extended table" },
    { column: "MAGST", label: "MAGST", unit: "°C", impossible: [-60, 40], unusual: [-30, 3], why: "no ground surface averages below −60 °C (the East Antarctic plateau, the coldest, is about −55 °C) or above 40 °C; above 3 °C is rare where permafrost persists" },
    { column: "TTOP", label: "TTOP", unit: "°C", impossible: [-60, 30], unusual: [-30, 0], why: "TTOP above 0 °C means the TTOP model predicts no permafrost at a permafrost site" },
    { column: "ALT", label: "ALT", unit: "cm", impossible: [0, 2000], unusual: [5, 800], why: "thaw depth cannot be negative, and beyond 20 m there is no permafrost to measure; above 8 m occurs only in mountain bedrock" },
    { column: "MAAT", label: "MAAT", unit: "°C", impossible: [-60, 35], unusual: [-30, 2], why: "no station averages below −60 °C or above 35 °C; permafrost under a MAAT above 2 °C is rare" },
    { column: "TO", label: "TO", unit: "°C", impossible: [-15, 15], unusual: [-4, 2.5], why: "the thermal offset (TTOP − MAGST) is a few °C at most; beyond −4 or +2.5 °C is rare" },
    { column: "SO", label: "SO", unit: "°C", impossible: [-20, 25], unusual: [-1, 8], why: "the surface offset (MAGST − MAAT) rarely exceeds 8 °C even under deep snow, and is rarely below −1 °C" },
  ],
  vocabularies: [
    { column: "Region", values: Object.keys(TABLE1_REGIONS), why: "paper 2, Methods: the three poles" },
    { column: "Sub-region", values: Object.keys(TABLE1_SUBREGIONS), why: "paper 2, Methods: sites per sub-region" },
    { column: "MAGST_mark", values: TABLE1_MARKS, why: "footnote markers of the published Table 1 (blank = none)" },
    { column: "TTOP_mark", values: TABLE1_MARKS, why: "as MAGST_mark" },
    { column: "ALT_mark", values: TABLE1_MARKS, why: "as MAGST_mark" },
    { column: "MAAT_mark", values: TABLE1_MARKS, why: "as MAGST_mark" },
  ],
};

/**
 * How far a printed SO (TO) may differ from MAGST − MAAT (TTOP − MAGST) before the row is
 * listed as inconsistent: the rounding of three one- or two-decimal numbers, 0.05 each, plus a margin.
 */
export const TABLE1_OFFSET_TOLERANCE = 0.11;

/** Table 1 as typed columns. Row i of every array is the same site. */
export interface Table1 {
  /** Source file name. */
  file: string;
  /** Number of sites. */
  n: number;
  /** 1-based line of each row in the CSV. */
  lines: number[];
  /** Row number as printed (1–117). */
  no: Int32Array;
  /** Region: Arctic, Third Pole or Antarctica. */
  region: string[];
  /** Sub-region (Alaska, …, Tibetan Plateau, Antarctica). */
  subRegion: string[];
  /** Site name as printed. */
  site: string[];
  /** Numeric columns (°C; ALT in cm). Missing ALT is NaN. */
  values: Record<Table1Variable, Float64Array>;
  /** Number of decimals printed for each numeric cell (−1 where missing). */
  decimals: Record<Table1Variable, Int8Array>;
  /** Footnote marker printed after MAGST, TTOP, ALT, MAAT ("a", "b" or ""). */
  marks: Record<"MAGST" | "TTOP" | "ALT" | "MAAT", string[]>;
  /** The Note column (footnote text or URL). */
  note: string[];
  /**
   * Unusual but possible values ({@link TABLE1_PLAUSIBILITY}) and rows whose SO or TO differs
   * from the difference of the printed temperatures by more than {@link TABLE1_OFFSET_TOLERANCE}.
   * The rows are kept as printed.
   */
  warnings: PlausibilityWarning[];
}

/** Options for {@link parseTable1}. */
export interface Table1Options {
  /** Check the per-region and per-sub-region counts against the paper (default true). */
  checkCounts?: boolean;
}

/**
 * Validate a parsed CSV as Table 1 and return typed columns.
 *
 * @param csv - a parsed CSV (see readCsv/parseCsv)
 * @param options - whether to check the published counts
 * @returns typed columns, with the unusual values listed in `warnings`
 * @throws DataError naming the line, column and value of a wrong column, a header-only file, a
 *   non-numeric or non-finite cell, a physically impossible value, a blank required cell, an
 *   unknown region, sub-region or footnote marker, a gap or repeat in "No.", a duplicate site,
 *   or a count that differs from the paper's
 * @throws ArgumentError for an unknown option
 * @example
 * const t = parseTable1(readCsv(dataPath("liu2025", "table1.csv")));
 * t.n; // 117
 */
export function parseTable1(csv: CsvTable, options: Table1Options = {}): Table1 {
  checkCsvTable("parseTable1", csv);
  checkOptions("parseTable1", "options", options, ["checkCounts"]);
  if (options.checkCounts !== undefined && typeof options.checkCounts !== "boolean") {
    throw new ArgumentError({ fn: "parseTable1", arg: "options.checkCounts", value: options.checkCounts, expected: "true or false" }, "not a boolean");
  }
  expectColumns(csv, TABLE1_COLUMNS);
  requireRows(csv);
  const n = csv.rows.length;
  const file = csv.file;
  const region = stringColumn(csv, "Region");
  const subRegion = stringColumn(csv, "Sub-region");
  const site = stringColumn(csv, "Site");
  const noText = stringColumn(csv, "No.");
  const no = new Int32Array(n);
  const values = {} as Record<Table1Variable, Float64Array>;
  const decimals = {} as Record<Table1Variable, Int8Array>;
  for (const v of TABLE1_NUMERIC) {
    values[v] = new Float64Array(n);
    decimals[v] = new Int8Array(n);
  }
  for (let i = 0; i < n; i++) {
    const line = csv.lines[i] ?? 0;
    const at = (column: string) => ({ file, line, column });
    const k = /^\d+$/.test(noText[i] ?? "") ? Number(noText[i]) : NaN;
    if (!Number.isInteger(k) || k < 1) throw new DataError({ ...at("No."), value: noText[i], expected: "a whole number from 1" }, `${JSON.stringify(noText[i])} is not a row number`);
    no[i] = k;
    const expectedNo = i === 0 ? 1 : (no[i - 1] ?? 0) + 1;
    if (k !== expectedNo) {
      throw new DataError(at("No."), k > expectedNo ? `row No. ${expectedNo}${k - expectedNo > 1 ? `–${k - 1}` : ""} is missing (found ${k})` : `row No. ${k} repeats or is out of order`);
    }
    const sr = TABLE1_SUBREGIONS[subRegion[i] ?? ""];
    if (sr === undefined) throw new DataError({ ...at("Sub-region"), value: subRegion[i], expected: `one of ${Object.keys(TABLE1_SUBREGIONS).join(", ")}` }, `unknown sub-region ${JSON.stringify(subRegion[i])} (known: ${Object.keys(TABLE1_SUBREGIONS).join(", ")})`);
    if (sr.region !== region[i]) throw new DataError({ ...at("Region"), value: region[i], expected: sr.region }, `sub-region ${subRegion[i]} belongs to ${sr.region}, not ${JSON.stringify(region[i])}`);
    const name = site[i] ?? "";
    if (name === "") throw new DataError(at("Site"), "empty site name");
    for (const v of TABLE1_NUMERIC) {
      const cell = (csv.rows[i]?.[csv.header.indexOf(v)] ?? "").trim();
      if (cell === "") {
        if (v !== "ALT") throw new DataError({ ...at(v), value: cell, expected: "a number" }, "empty cell; only ALT may be blank (not reported)");
        values[v][i] = NaN;
        decimals[v][i] = -1;
        continue;
      }
      values[v][i] = parseNumberStrict(cell, at(v));
      const dot = cell.indexOf(".");
      decimals[v][i] = dot < 0 ? 0 : Math.min(127, cell.replace(/[eE].*$/, "").length - dot - 1);
    }
  }
  // one row per site, compared ignoring case and runs of blanks (invisible characters are refused by parseCsv)
  checkUniqueKey(file, csv.lines, { column: "Site", expected: "each site once", key: (i) => site[i]!.toLowerCase().replace(/\s+/g, " "), describe: (i) => `site ${JSON.stringify(site[i])}`, value: (i) => site[i] });
  const warnings: PlausibilityWarning[] = [];
  for (const voc of TABLE1_PLAUSIBILITY.vocabularies) checkVocabulary(stringColumn(csv, voc.column), voc, file, csv.lines);
  checkRange(no, rangeFor(TABLE1_PLAUSIBILITY, "No."), file, csv.lines, warnings);
  for (const v of TABLE1_NUMERIC) checkRange(values[v], rangeFor(TABLE1_PLAUSIBILITY, v), file, csv.lines, warnings);
  checkOffsets(file, csv.lines, values, warnings);
  if (options.checkCounts ?? true) checkCounts(file, region, subRegion);
  const markCol = (c: string) => stringColumn(csv, c);
  return {
    file, n, lines: csv.lines.slice(), no, region, subRegion, site, values, decimals,
    marks: { MAGST: markCol("MAGST_mark"), TTOP: markCol("TTOP_mark"), ALT: markCol("ALT_mark"), MAAT: markCol("MAAT_mark") },
    note: stringColumn(csv, "Note"),
    warnings,
  };
}

// SO = MAGST − MAAT and TO = TTOP − MAGST by definition; a larger difference than rounding is listed.
function checkOffsets(file: string, lines: readonly number[], values: Record<Table1Variable, Float64Array>, warnings: PlausibilityWarning[]): void {
  const tol = TABLE1_OFFSET_TOLERANCE;
  const n = values.SO.length;
  for (let i = 0; i < n; i++) {
    const so = values.MAGST[i]! - values.MAAT[i]!;
    const to = values.TTOP[i]! - values.MAGST[i]!;
    const r = (x: number): [number, number] => [Math.round((x - tol) * 1000) / 1000, Math.round((x + tol) * 1000) / 1000];
    if (Math.abs(values.SO[i]! - so) > tol) warnings.push({ file, line: lines[i] ?? 0, column: "SO", value: values.SO[i]!, range: r(so), why: "SO should equal MAGST − MAAT (within rounding); the printed value differs" });
    if (Math.abs(values.TO[i]! - to) > tol) warnings.push({ file, line: lines[i] ?? 0, column: "TO", value: values.TO[i]!, range: r(to), why: "TO should equal TTOP − MAGST (within rounding); the printed value differs" });
  }
}

function checkCounts(file: string, region: string[], subRegion: string[]): void {
  const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  const bySub = count(subRegion);
  for (const [name, { n }] of Object.entries(TABLE1_SUBREGIONS)) {
    const got = bySub.get(name) ?? 0;
    if (got !== n) throw new DataError({ file, column: "Sub-region", value: got, expected: `${n} (the paper's count)` }, `${name}: the paper states ${n} sites, the file has ${got}`);
  }
  const byRegion = count(region);
  for (const [name, n] of Object.entries(TABLE1_REGIONS)) {
    const got = byRegion.get(name) ?? 0;
    if (got !== n) throw new DataError({ file, column: "Region", value: got, expected: `${n} (the paper's count)` }, `${name}: the paper states ${n} sites, the file has ${got}`);
  }
}

/**
 * Read and validate data/liu2025/table1.csv (or another file in the same format).
 *
 * @param filePath - defaults to the shipped data/liu2025/table1.csv
 * @param options - see {@link parseTable1}
 * @returns the table, with unusual values listed in `warnings`
 * @throws DataError as {@link parseTable1}
 * @example
 * const t = loadTable1();
 * t.n; // 117
 * console.log(plausibilityReport(t.warnings));
 */
export function loadTable1(filePath: string = dataPath("liu2025", "table1.csv"), options: Table1Options = {}): Table1 {
  return parseTable1(readCsv(filePath), options);
}

/**
 * Require an in-memory Table 1 (from {@link loadTable1} / {@link parseTable1}) that was not broken
 * after loading: `n` rows in every column, string names, and every numeric value finite and
 * inside its physically possible range ({@link TABLE1_PLAUSIBILITY}); only ALT may be NaN (not reported).
 *
 * @param fn - the public function, for the message
 * @param t - the value to check
 * @param arg - the argument's name in messages (default "table")
 * @throws ArgumentError naming the field, the row and site, and the value
 * @example
 * checkTable1("evaluateClaims", loadTable1()); // passes
 */
export function checkTable1(fn: string, t: unknown, arg = "table"): asserts t is Table1 {
  const tt = t as Partial<Table1> | null;
  if (tt === null || typeof tt !== "object" || typeof tt.n !== "number" || !Number.isInteger(tt.n) || tt.n < 0 || !Array.isArray(tt.site) || tt.values === null || typeof tt.values !== "object") {
    throw new ArgumentError({ fn, arg, value: t, expected: "Table 1 from loadTable1" }, "not a loaded Table 1");
  }
  const n = tt.n;
  const names = tt.site as unknown[];
  const where = (i: number): string => `row ${i}, site ${typeof names[i] === "string" ? JSON.stringify(names[i]) : "?"}`;
  for (const c of ["site", "region", "subRegion"] as const) {
    const col = tt[c] as unknown;
    if (!Array.isArray(col) || col.length !== n) throw new ArgumentError({ fn, arg: `${arg}.${c}`, value: Array.isArray(col) ? col.length : col, expected: `${n} names (${arg}.n)` }, "wrong length or not an array");
    (col as unknown[]).forEach((x, i) => {
      if (typeof x !== "string" || x === "") throw new ArgumentError({ fn, arg: `${arg}.${c}`, at: where(i), value: x, expected: "a non-empty name" }, "not a name");
    });
  }
  const no = tt.no as unknown;
  if (!(ArrayBuffer.isView(no) || Array.isArray(no)) || (no as ArrayLike<number>).length !== n) throw new ArgumentError({ fn, arg: `${arg}.no`, value: no, expected: `${n} row numbers` }, "wrong length or not an array");
  for (const v of TABLE1_NUMERIC) {
    const col = (tt.values as Partial<Record<Table1Variable, unknown>>)[v];
    if (!(col instanceof Float64Array) || col.length !== n) throw new ArgumentError({ fn, arg: `${arg}.values.${v}`, value: col instanceof Float64Array ? col.length : col, expected: `a Float64Array of ${n} values` }, "wrong length or not a Float64Array");
    const [lo, hi] = rangeFor(TABLE1_PLAUSIBILITY, v).impossible;
    for (let i = 0; i < n; i++) {
      const x = col[i]!;
      if (Number.isNaN(x) && v === "ALT") continue;
      if (!(x >= lo && x <= hi)) {
        throw new ArgumentError({ fn, arg: `${arg}.values.${v}`, at: where(i), value: x, expected: `a finite number from ${lo} to ${hi}${v === "ALT" ? " (or NaN, not reported)" : ""}` }, Number.isFinite(x) ? "physically impossible value" : "not a finite number");
      }
    }
  }
}

/**
 * Table 1 as a danfo DataFrame (for viewing), with missing ALT as NaN.
 *
 * @param t - a loaded table
 * @returns a DataFrame with one row per site
 * @throws ArgumentError for a value that is not a loaded Table 1 (see {@link checkTable1})
 */
export function table1DataFrame(t: Table1): DataFrame {
  checkTable1("table1DataFrame", t, "t");
  return toDataFrame({
    No: t.no, Region: t.region, SubRegion: t.subRegion, Site: t.site,
    MAGST: t.values.MAGST, TTOP: t.values.TTOP, ALT: t.values.ALT, MAAT: t.values.MAAT, TO: t.values.TO, SO: t.values.SO,
  });
}

/**
 * Indices of the rows whose `key` column equals `value` (e.g. all Alaska rows).
 *
 * @param t - a loaded table
 * @param key - "region" or "subRegion"
 * @param value - the group name
 * @returns the 0-based row indices (empty when no row matches)
 * @throws ArgumentError for a key other than "region" or "subRegion", or a broken table (see {@link checkTable1})
 */
export function table1Rows(t: Table1, key: "region" | "subRegion", value: string): number[] {
  checkTable1("table1Rows", t, "t");
  if (key !== "region" && key !== "subRegion") throw new ArgumentError({ fn: "table1Rows", arg: "key", value: key, expected: '"region" or "subRegion"' }, "not a valid choice");
  const col = t[key];
  const out: number[] = [];
  for (let i = 0; i < t.n; i++) if (col[i] === value) out.push(i);
  return out;
}
