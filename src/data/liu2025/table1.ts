/**
 * Loader for paper 2's Table 1 (Liu et al. 2025, "Site information across the three poles",
 * 117 sites; data/liu2025/table1.csv). Validates column names, numeric cells (with line
 * numbers), region/sub-region names, row numbering, duplicate sites and the per-region counts
 * stated in the paper's Methods ("Study sites and data compilation").
 */
import type { DataFrame } from "danfojs-node";
import { expectColumns, readCsv, stringColumn, parseNumberStrict, type CsvTable } from "../../io/csv";
import { DataError } from "../../core/errors";
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
 * @throws DataError naming the line (and column) of a wrong column, a non-numeric cell, a
 *   blank required cell, an unknown region or sub-region, a gap or repeat in "No.", a
 *   duplicate site, or a count that differs from the paper's
 */
export function parseTable1(csv: CsvTable, options: Table1Options = {}): Table1 {
  expectColumns(csv, TABLE1_COLUMNS);
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
  const seenSites = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const line = csv.lines[i] ?? 0;
    const at = (column: string) => ({ file, line, column });
    const k = Number(noText[i]);
    if (!Number.isInteger(k) || k < 1) throw new DataError(at("No."), `${JSON.stringify(noText[i])} is not a row number`);
    no[i] = k;
    const expectedNo = i === 0 ? 1 : (no[i - 1] ?? 0) + 1;
    if (k !== expectedNo) {
      throw new DataError(at("No."), k > expectedNo ? `row No. ${expectedNo}${k - expectedNo > 1 ? `–${k - 1}` : ""} is missing (found ${k})` : `row No. ${k} repeats or is out of order`);
    }
    const sr = TABLE1_SUBREGIONS[subRegion[i] ?? ""];
    if (sr === undefined) throw new DataError(at("Sub-region"), `unknown sub-region ${JSON.stringify(subRegion[i])} (known: ${Object.keys(TABLE1_SUBREGIONS).join(", ")})`);
    if (sr.region !== region[i]) throw new DataError(at("Region"), `sub-region ${subRegion[i]} belongs to ${sr.region}, not ${JSON.stringify(region[i])}`);
    const name = site[i] ?? "";
    if (name === "") throw new DataError(at("Site"), "empty site name");
    const key = name.toLowerCase().replace(/\s+/g, " ");
    const prev = seenSites.get(key);
    if (prev !== undefined) throw new DataError(at("Site"), `duplicate site ${JSON.stringify(name)} (also on line ${prev})`);
    seenSites.set(key, line);
    for (const v of TABLE1_NUMERIC) {
      const cell = (csv.rows[i]?.[csv.header.indexOf(v)] ?? "").trim();
      if (cell === "") {
        if (v !== "ALT") throw new DataError(at(v), "empty cell; only ALT may be blank (not reported)");
        values[v][i] = NaN;
        decimals[v][i] = -1;
        continue;
      }
      values[v][i] = parseNumberStrict(cell, at(v));
      const dot = cell.indexOf(".");
      decimals[v][i] = dot < 0 ? 0 : cell.length - dot - 1;
    }
  }
  if (options.checkCounts ?? true) checkCounts(file, region, subRegion);
  const markCol = (c: string) => stringColumn(csv, c);
  return {
    file, n, lines: csv.lines.slice(), no, region, subRegion, site, values, decimals,
    marks: { MAGST: markCol("MAGST_mark"), TTOP: markCol("TTOP_mark"), ALT: markCol("ALT_mark"), MAAT: markCol("MAAT_mark") },
    note: stringColumn(csv, "Note"),
  };
}

function checkCounts(file: string, region: string[], subRegion: string[]): void {
  const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  const bySub = count(subRegion);
  for (const [name, { n }] of Object.entries(TABLE1_SUBREGIONS)) {
    const got = bySub.get(name) ?? 0;
    if (got !== n) throw new DataError({ file, column: "Sub-region" }, `${name}: the paper states ${n} sites, the file has ${got}`);
  }
  const byRegion = count(region);
  for (const [name, n] of Object.entries(TABLE1_REGIONS)) {
    const got = byRegion.get(name) ?? 0;
    if (got !== n) throw new DataError({ file, column: "Region" }, `${name}: the paper states ${n} sites, the file has ${got}`);
  }
}

/**
 * Read and validate data/liu2025/table1.csv (or another file in the same format).
 *
 * @param filePath - defaults to the shipped data/liu2025/table1.csv
 * @param options - see {@link parseTable1}
 * @throws DataError as {@link parseTable1}
 */
export function loadTable1(filePath: string = dataPath("liu2025", "table1.csv"), options: Table1Options = {}): Table1 {
  return parseTable1(readCsv(filePath), options);
}

/**
 * Table 1 as a danfo DataFrame (for viewing), with missing ALT as NaN.
 *
 * @param t - a loaded table
 */
export function table1DataFrame(t: Table1): DataFrame {
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
 */
export function table1Rows(t: Table1, key: "region" | "subRegion", value: string): number[] {
  const col = t[key];
  const out: number[] = [];
  for (let i = 0; i < t.n; i++) if (col[i] === value) out.push(i);
  return out;
}
