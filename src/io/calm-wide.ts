/**
 * Loader of site-year ALT tables in the layout of CALM's summary tables (paper 1 §2.2: the
 * Circumpolar Active Layer Monitoring network is one of the four pooled sources): one row per
 * site, columns `site, lat, lon` and then one column per year (4-digit header) holding the
 * end-of-season thaw depth in cm. A blank, `-`, `NA` or `n/a` cell means "not measured that year"
 * and is simply not a site-year; anything else must be a number. The wide rows become the kit's
 * long site-year table ({@link SiteYearTable}, one row per site and year, source tagged), with the
 * same plausibility ranges as {@link readSiteYears}. Errors name the file, the line of the site and
 * the year column.
 */
import { DataError } from "../core/errors";
import { checkCsvTable, type CsvTable, numberColumn, readCsv, requireRows } from "./csv";
import { checkRange, rangeFor } from "./plausibility";
import { type SiteYearTable, SITE_YEAR_PLAUSIBILITY, siteYearsFromCsv } from "./site-years";

/** Cell texts that mean "no measurement" in a CALM-wide table (compared after trimming, case-insensitively). */
export const CALM_NO_VALUE: readonly string[] = ["", "-", "na", "n/a"];

/**
 * Convert a parsed CALM-wide CSV into the kit's site-year table.
 *
 * @param t - the parsed CSV (columns site, lat, lon, then 4-digit years)
 * @param source - the network label given to every row (e.g. "CALM")
 * @returns the long table: one row per measured site-year, in site then year order, each row's
 *   `line` the line of its site in the file
 * @throws DataError naming file, line and column for: missing site/lat/lon columns, a header
 *   after lon that is not a 4-digit year, no year column (parseCsv already refuses a repeated column), a cell that
 *   is neither a number nor a no-value mark, an impossible ALT, or no measurement at all
 * @example
 * calmWideToSiteYears(parseCsv("site,lat,lon,2005,2006\nU1,68.6,-149.6,52,-\n", "calm.csv"), "CALM").altCm; // Float64Array [52]
 */
export function calmWideToSiteYears(t: CsvTable, source: string): SiteYearTable {
  checkCsvTable("calmWideToSiteYears", t);
  const headerLine = t.headerLine ?? 1;
  ["site", "lat", "lon"].forEach((name, k) => {
    if (t.header[k] !== name) throw new DataError({ file: t.file, line: headerLine, column: t.header[k] ?? `(column ${k + 1})`, value: t.header[k], expected: `"${name}" as column ${k + 1} (CALM-wide layout: site, lat, lon, then one column per year)` }, "unexpected column");
  });
  requireRows(t);
  const yearCols = t.header.slice(3);
  if (yearCols.length === 0) throw new DataError({ file: t.file, line: headerLine, expected: "one column per year after site, lat, lon" }, "no year columns");
  const seen = new Set<string>();
  for (const y of yearCols) {
    if (!/^\d{4}$/.test(y)) throw new DataError({ file: t.file, line: headerLine, column: y, value: y, expected: "a 4-digit year (CALM-wide layout: site, lat, lon, then one column per year)" }, "not a year column");
    if (seen.has(y)) throw new DataError({ file: t.file, line: headerLine, column: y, value: y, expected: "each year once" }, "year column given twice");
    seen.add(y);
  }
  // a no-value mark becomes an empty cell; numbers are then parsed strictly per year column
  const blanked: CsvTable = { ...t, rows: t.rows.map((r) => r.map((c, k) => (k >= 3 && CALM_NO_VALUE.includes(c.trim().toLowerCase()) ? "" : c))) };
  const altRange = rangeFor(SITE_YEAR_PLAUSIBILITY, "alt_cm");
  const byYear = yearCols.map((y) => {
    const v = numberColumn(blanked, y, { missing: "nan" });
    checkRange(v, { ...altRange, column: y }, t.file, t.lines, []);
    return v;
  });
  const rows: string[][] = [];
  const lines: number[] = [];
  t.rows.forEach((r, i) => {
    yearCols.forEach((y, k) => {
      const v = byYear[k]![i]!;
      if (Number.isNaN(v)) return;
      rows.push([r[0] ?? "", r[1] ?? "", r[2] ?? "", y, String(v), source]);
      lines.push(t.lines[i]!);
    });
  });
  if (rows.length === 0) throw new DataError({ file: t.file, expected: "at least one measured site-year" }, "no measurement in any year column");
  return siteYearsFromCsv({ ...t, header: ["site", "lat", "lon", "year", "alt_cm", "source"], rows, lines });
}

/**
 * Read a CALM-wide CSV file (see {@link calmWideToSiteYears}).
 *
 * @param file - path of the CSV
 * @param source - the network label of its rows (default "CALM")
 * @returns the long site-year table, unusual values listed in `warnings`
 * @throws DataError for a missing or unreadable file and everything {@link calmWideToSiteYears} refuses
 * @example
 * fs.writeFileSync("calm-example.csv", "site,lat,lon,2005,2006\nU1,68.6,-149.6,52,55\n");
 * readCalmWide("calm-example.csv").year; // Int32Array [2005, 2006]
 */
export function readCalmWide(file: string, source = "CALM"): SiteYearTable {
  return calmWideToSiteYears(readCsv(file), source);
}
