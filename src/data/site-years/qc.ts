/**
 * Quality control of in-situ ALT site-years as paper 1 §2.2 describes it: (1) per site, values
 * more than 2 standard deviations from the site's long-term mean are excluded; (2) only values
 * within the 1–99 % quantile range of the remaining data are kept (paper: 27–660 cm). The
 * paper then reports the mean (122 cm) and median (66 cm) of the final set. Every excluded
 * site-year goes to an exclusion ledger with the rule, the value and the threshold.
 */
import { type SiteYearTable } from "../../io/site-years";
import { sampleSd } from "../../stats/descriptive";
import { median, quantiles } from "../../stats/quantile";

/** One excluded site-year. */
export interface ExclusionRow {
  /** Row of the site-year table (0-based). */
  row: number;
  /** Line in the source file. */
  line: number;
  /** Site id. */
  site: string;
  /** Year. */
  year: number;
  /** The excluded ALT, cm. */
  value: number;
  /** "site-2sd" or "quantile-1-99" (or "missing-predictor" in matching). */
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
  };
}

/**
 * Apply paper 1's QC to a site-year table.
 *
 * @param t - the site-year table
 * @param options - SD multiple and quantile range
 * @returns kept rows, the exclusion ledger and the summary
 * @throws RangeError when nothing is left after QC
 */
export function qcSiteYears(t: SiteYearTable, options: QcOptions = {}): QcResult {
  const k = options.sdMultiple ?? 2;
  const [pLo, pHi] = options.quantileRange ?? [0.01, 0.99];
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
  const entry = (i: number, rule: string, threshold: string): ExclusionRow => ({ row: i, line: t.line[i]!, site: t.site[i]!, year: t.year[i]!, value: t.altCm[i]!, rule, threshold });
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
        ledger.push(entry(i, "site-2sd", `|x − ${m.toFixed(1)}| > ${k} × ${sd.toFixed(1)} cm (site mean, SD of ${rows.length} values)`));
      }
    }
  }
  for (let i = 0; i < n; i++) if (drop[i] === 0) pass1.push(i);
  const excludedSite2sd = n - pass1.length;
  const [lo, hi] = quantiles(pass1.map((i) => t.altCm[i]!), [pLo, pHi]) as [number, number];
  const kept: number[] = [];
  for (const i of pass1) {
    const v = t.altCm[i]!;
    if (v < lo || v > hi) ledger.push(entry(i, "quantile-1-99", `outside [${lo.toFixed(1)}, ${hi.toFixed(1)}] cm (${100 * pLo}–${100 * pHi} % quantiles after the site rule)`));
    else kept.push(i);
  }
  if (kept.length === 0) throw new RangeError(`qcSiteYears: no site-year of ${t.file} survives QC`);
  ledger.sort((a, b) => a.row - b.row);
  const values = kept.map((i) => t.altCm[i]!);
  return {
    kept: Int32Array.from(kept),
    ledger,
    summary: {
      rowsIn: n, rowsKept: kept.length, excludedSite2sd, excludedQuantile: pass1.length - kept.length, sitesWithOneValue: single,
      lowerCm: lo, upperCm: hi, meanCm: values.reduce((a, b) => a + b, 0) / values.length, medianCm: median(values),
    },
  };
}
