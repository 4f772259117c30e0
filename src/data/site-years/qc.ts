/**
 * Quality control of in-situ ALT site-years as paper 1 §2.2 describes it: (1) per site, values
 * more than 2 standard deviations from the site's long-term mean are excluded; (2) only values
 * within the 1–99 % quantile range of the remaining data are kept (paper: 27–660 cm). The
 * paper then reports the mean (122 cm) and median (66 cm) of the final set. Every excluded
 * site-year goes to an exclusion ledger with the rule, the value and the threshold: the ledger
 * has exactly `rowsIn − rowsKept` entries.
 */
import { checkArray, checkNumber, checkOptions } from "../../core/checks";
import { ArgumentError, DataError, KitError } from "../../core/errors";
import { type SiteYearTable } from "../../io/site-years";
import { sampleSd } from "../../stats/descriptive";
import { median, quantiles } from "../../stats/quantile";

/** One excluded site-year. */
export interface ExclusionRow {
  /** Row of the site-year table (0-based). */
  row: number;
  /** Line in the source file. */
  line: number;
  /** The source file, when the table pools several files (see `poolSiteYears`). */
  file?: string;
  /** Site id. */
  site: string;
  /** Year. */
  year: number;
  /** The excluded ALT, cm. */
  value: number;
  /**
   * Why: "site-2sd" or "quantile-1-99" in QC ("site-<k>sd" / "quantile-<lo>-<hi>" with other
   * options); "outside-grid", "no-year" or "missing-predictor" in matching.
   */
  rule: string;
  /** The threshold in words, e.g. "|x − 84.1| > 2 × 12.3 cm". */
  threshold: string;
}

/** QC settings (paper defaults). */
export interface QcOptions {
  /** SD multiple of the per-site rule (default 2). */
  sdMultiple?: number;
  /** Kept quantile range (default [0.01, 0.99]). */
  quantileRange?: [number, number];
}

/** Result of {@link qcSiteYears}. */
export interface QcResult {
  /** Rows kept, ascending. */
  kept: Int32Array;
  /** Every excluded row with its reason. */
  ledger: ExclusionRow[];
  /** Summary numbers (cm). */
  summary: {
    rowsIn: number; rowsKept: number; excludedSite2sd: number; excludedQuantile: number;
    sitesWithOneValue: number; lowerCm: number; upperCm: number; meanCm: number; medianCm: number;
    /** Every excluded row, = ledger.length = rowsIn − rowsKept. */
    excluded: number;
  };
}

/**
 * Check that a value is a usable site-year table (every column the same length, finite values,
 * every site id a non-empty string).
 *
 * @param fn - the public function, for the message
 * @param t - the value to check
 * @throws ArgumentError naming the bad column and its length or first bad value
 * @example
 * const file = path.join(ensureDemoWorld("quick").dir, "site-years.csv");
 * checkSiteYearTable("qcSiteYears", readSiteYears(file)); // passes
 */
export function checkSiteYearTable(fn: string, t: unknown): asserts t is SiteYearTable {
  if (t === null || typeof t !== "object" || !Array.isArray((t as SiteYearTable).site)) {
    throw new ArgumentError({ fn, arg: "t", value: t, expected: "a site-year table (readSiteYears / siteYearsFromCsv)" }, "not a site-year table");
  }
  const s = t as SiteYearTable;
  const n = s.site.length;
  if (n === 0) throw new ArgumentError({ fn, arg: "t.site", value: 0, expected: "at least one site-year" }, "empty table");
  const sites: unknown[] = s.site;
  sites.forEach((x, i) => {
    if (typeof x !== "string" || x === "") throw new ArgumentError({ fn, arg: "t.site", at: i, value: x, expected: "a non-empty site id" }, "not a site id");
  });
  for (const c of ["lat", "lon", "year", "altCm", "line"] as const) {
    checkArray(fn, `t.${c}`, s[c], { length: n, lengthOf: "t.site.length" });
  }
  if (s.rowFile !== undefined && (!Array.isArray(s.rowFile) || s.rowFile.length !== n)) {
    throw new ArgumentError({ fn, arg: "t.rowFile", value: s.rowFile, expected: `one file name per row (${n})` }, "rowFile does not match the rows");
  }
}

const pct = (p: number): number => Number((100 * p).toFixed(6));

/**
 * Apply paper 1's QC to a site-year table.
 *
 * @param t - the site-year table
 * @param options - SD multiple and quantile range
 * @returns kept rows, the exclusion ledger (one entry per excluded row) and the summary
 * @throws ArgumentError for an unknown option, a non-finite or non-positive `sdMultiple`, a
 *   quantile range that is not two increasing fractions in [0, 1], or a malformed table
 * @throws DataError (naming the table's file) when nothing is left after QC
 * @throws KitError (an internal error, a kit bug) when the exclusion ledger does not count every excluded row
 * @example
 * const file = path.join(ensureDemoWorld("quick").dir, "site-years.csv");
 * const qc = qcSiteYears(readSiteYears(file));
 * qc.ledger.length === qc.summary.rowsIn - qc.summary.rowsKept; // true
 */
export function qcSiteYears(t: SiteYearTable, options: QcOptions = {}): QcResult {
  const fn = "qcSiteYears";
  checkSiteYearTable(fn, t);
  checkOptions(fn, "options", options, ["sdMultiple", "quantileRange"]);
  const k = options.sdMultiple === undefined ? 2 : checkNumber(fn, "options.sdMultiple", options.sdMultiple, { min: 0, exclusiveMin: true });
  if (options.quantileRange !== undefined) checkArray(fn, "options.quantileRange", options.quantileRange, { length: 2, lengthOf: "[lower, upper]" });
  const [pLo, pHi] = options.quantileRange ?? [0.01, 0.99];
  checkNumber(fn, "options.quantileRange[0]", pLo, { min: 0, max: 1 });
  checkNumber(fn, "options.quantileRange[1]", pHi, { min: 0, max: 1 });
  if (!(pLo < pHi)) throw new ArgumentError({ fn, arg: "options.quantileRange", value: [pLo, pHi], expected: "lower < upper" }, "empty quantile range");
  const siteRule = k === 2 ? "site-2sd" : `site-${k}sd`;
  const quantileRule = pLo === 0.01 && pHi === 0.99 ? "quantile-1-99" : `quantile-${pct(pLo)}-${pct(pHi)}`;
  const n = t.site.length;
  const bySite = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const rows = bySite.get(t.site[i]!) ?? [];
    rows.push(i);
    bySite.set(t.site[i]!, rows);
  }
  const ledger: ExclusionRow[] = [];
  const pass1: number[] = [];
  let single = 0;
  const entry = (i: number, rule: string, threshold: string): ExclusionRow => ({ row: i, line: t.line[i]!, ...(t.rowFile === undefined ? {} : { file: t.rowFile[i]! }), site: t.site[i]!, year: t.year[i]!, value: t.altCm[i]!, rule, threshold });
  const drop = new Uint8Array(n);
  for (const [, rows] of bySite) {
    if (rows.length < 2) {
      single++;
      continue;
    }
    const v = rows.map((i) => t.altCm[i]!);
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = sampleSd(v);
    for (const i of rows) {
      if (Math.abs(t.altCm[i]! - m) > k * sd) {
        drop[i] = 1;
        ledger.push(entry(i, siteRule, `|x − ${m.toFixed(1)}| > ${k} × ${sd.toFixed(1)} cm (site mean, SD of ${rows.length} values)`));
      }
    }
  }
  for (let i = 0; i < n; i++) if (drop[i] === 0) pass1.push(i);
  const excludedSite2sd = n - pass1.length;
  const [lo, hi] = quantiles(pass1.map((i) => t.altCm[i]!), [pLo, pHi]) as [number, number];
  const kept: number[] = [];
  for (const i of pass1) {
    const v = t.altCm[i]!;
    if (v < lo || v > hi) ledger.push(entry(i, quantileRule, `outside [${lo.toFixed(1)}, ${hi.toFixed(1)}] cm (${pct(pLo)}–${pct(pHi)} % quantiles after the site rule)`));
    else kept.push(i);
  }
  if (kept.length === 0) throw new DataError({ file: t.file, value: n, expected: "at least one site-year kept" }, `qcSiteYears: no site-year survives QC (site rule ${k} SD, quantiles ${pLo}–${pHi})`);
  ledger.sort((a, b) => a.row - b.row);
  if (ledger.length !== n - kept.length) throw new KitError(`qcSiteYears: internal error: the exclusion ledger has ${ledger.length} entries for ${n - kept.length} excluded rows of ${t.file} (a bug, please report)`);
  const values = kept.map((i) => t.altCm[i]!);
  return {
    kept: Int32Array.from(kept),
    ledger,
    summary: {
      rowsIn: n, rowsKept: kept.length, excludedSite2sd, excludedQuantile: pass1.length - kept.length, sitesWithOneValue: single,
      lowerCm: lo, upperCm: hi, meanCm: values.reduce((a, b) => a + b, 0) / values.length, medianCm: median(values), excluded: ledger.length,
    },
  };
}
