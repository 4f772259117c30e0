/**
 * Loader of in-situ ALT site-year tables (paper 1 §2.2: CALM, ABoVE, ABCflux, Tibetan Plateau
 * compilations) in a CALM-style CSV with the columns `site, lat, lon, year, alt_cm, source`
 * (extra columns are allowed and ignored). The demo world writes the same format, so a user
 * with the real compilation can point the notebooks at it. The columns must be exactly these, in
 * this order. Every problem is a DataError naming the file, line and column: a non-numeric or
 * missing value, a value outside its physically possible range ({@link SITE_YEAR_PLAUSIBILITY}:
 * latitude, longitude, year, ALT), a non-integer year, an empty site id or source, or a site-year
 * given twice. Unusual values load and are listed in `warnings`.
 */
import { DataError } from "../core/errors";
import { checkCsvTable, type CsvTable, expectColumns, numberColumn, readCsv, requireRows, stringColumn } from "./csv";
import { checkRange, checkUniqueKey, type LoaderPlausibility, type PlausibilityWarning, rangeFor } from "./plausibility";

/** Site-year observations, column-wise (typed arrays for the numbers). */
export interface SiteYearTable {
  /** File they were read from. */
  file: string;
  /** Site id per row. */
  site: string[];
  /** Latitude, degrees north. */
  lat: Float64Array;
  /** Longitude, degrees east (−180 … 180). */
  lon: Float64Array;
  /** Year. */
  year: Int32Array;
  /** ALT, cm. */
  altCm: Float64Array;
  /** Network / source label. */
  source: string[];
  /** 1-based line of each row in the file. */
  line: Int32Array;
  /** The file of each row, when the table pools several files ({@link poolSiteYears}); absent for one file. */
  rowFile?: string[];
  /** Comment lines before the header (e.g. a SYNTHETIC label). */
  comments: string[];
  /** Unusual but possible values (see {@link SITE_YEAR_PLAUSIBILITY}); the rows are kept. */
  warnings: PlausibilityWarning[];
}

/** The columns a site-year CSV must have. */
export const SITE_YEAR_COLUMNS = ["site", "lat", "lon", "year", "alt_cm", "source"] as const;

/** Plausible ranges of the site-year columns (shown in data/demo-world/README.md). */
export const SITE_YEAR_PLAUSIBILITY: LoaderPlausibility = {
  loader: "readSiteYears",
  file: "site-years.csv",
  ranges: [
    { column: "lat", label: "latitude", unit: "°N", impossible: [-90, 90], unusual: [25, 90], why: "paper 1 maps the northern permafrost region; a site south of 25° N is outside it" },
    { column: "lon", label: "longitude", unit: "°E", impossible: [-180, 360], unusual: [-180, 180], why: "0–360° longitudes are accepted and converted to −180…180; each converted value is listed" },
    { column: "year", label: "year", unit: "yr", impossible: [1850, 2100], unusual: [1960, 2030], why: "thaw-depth records start in the 20th century; systematic networks (CALM) from 1990; a year after 2030 is in the future" },
    { column: "alt_cm", label: "ALT", unit: "cm", impossible: [0, 2000], unusual: [5, 800], why: "thaw depth cannot be negative, and beyond 20 m there is no permafrost to measure; below 5 cm or above 8 m is rare (probe limit, unit error)" },
  ],
  vocabularies: [],
};

/**
 * Validate a parsed CSV as a site-year table.
 *
 * @param t - the parsed CSV
 * @returns the table, with the unusual values listed in `warnings`
 * @throws DataError naming file, line, column and value for a header-only file, a bad or
 *   impossible value, an empty id, or a duplicate site-year
 * @example
 * siteYearsFromCsv(parseCsv("site,lat,lon,year,alt_cm,source\nA,68.6,-149.6,2005,52,CALM\n", "s.csv")).altCm; // Float64Array [52]
 */
export function siteYearsFromCsv(t: CsvTable): SiteYearTable {
  checkCsvTable("siteYearsFromCsv", t);
  expectColumns(t, SITE_YEAR_COLUMNS);
  requireRows(t);
  const site = stringColumn(t, "site");
  const lat = numberColumn(t, "lat");
  const lon = numberColumn(t, "lon");
  const yearF = numberColumn(t, "year");
  const alt = numberColumn(t, "alt_cm");
  const source = stringColumn(t, "source");
  const line = Int32Array.from(t.lines);
  const warnings: PlausibilityWarning[] = [];
  const P = SITE_YEAR_PLAUSIBILITY;
  // whole-column checks first (each stops at the first impossible value, naming its line)
  checkRange(lat, rangeFor(P, "lat"), t.file, line, warnings);
  checkRange(lon, rangeFor(P, "lon"), t.file, line, warnings);
  for (let i = 0; i < site.length; i++) {
    if (!Number.isInteger(yearF[i]!)) throw new DataError({ file: t.file, line: line[i]!, column: "year", value: yearF[i], expected: "a whole year" }, `year ${yearF[i]} is not an integer`);
  }
  checkRange(yearF, rangeFor(P, "year"), t.file, line, warnings);
  checkRange(alt, rangeFor(P, "alt_cm"), t.file, line, warnings);
  const year = new Int32Array(site.length);
  for (let i = 0; i < site.length; i++) {
    const where = (column: string, value: unknown, expected: string) => ({ file: t.file, line: line[i]!, column, value, expected });
    if (site[i]! === "") throw new DataError(where("site", site[i], "a site id"), "empty site id");
    if (source[i]! === "") throw new DataError(where("source", source[i], "a network / source label"), "empty source");
    if (lon[i]! > 180) lon[i] = lon[i]! - 360;
    year[i] = yearF[i]!;
  }
  checkUniqueKey(t.file, line, { column: "year", expected: "one row per site and year", key: (i) => `${site[i]}|${year[i]}`, describe: (i) => `site ${site[i]} year ${year[i]}`, value: (i) => year[i] });
  return { file: t.file, site, lat, lon, year, altCm: alt, source, line, comments: t.comments, warnings };
}

/**
 * Read a CALM-style site-year CSV (see {@link siteYearsFromCsv}).
 *
 * @param file - path of the CSV
 * @returns the validated table, with unusual values listed in `warnings`
 * @throws DataError for a missing file, a missing column or a bad value (file, line, column named)
 * @example
 * const t = readSiteYears(path.join(ensureDemoWorld("quick").dir, "site-years.csv"));
 * t.site.length; // 2745 (site-years in the quick demo world)
 * console.log(plausibilityReport(t.warnings));
 */
export function readSiteYears(file: string): SiteYearTable {
  return siteYearsFromCsv(readCsv(file));
}
