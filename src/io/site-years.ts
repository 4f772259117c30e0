/**
 * Loader of in-situ ALT site-year tables (paper 1 §2.2: CALM, ABoVE, ABCflux, Tibetan Plateau
 * compilations) in a CALM-style CSV with the columns `site, lat, lon, year, alt_cm, source`
 * (extra columns are allowed and ignored). The demo world writes the same format, so a user
 * with the real compilation can point the notebooks at it. Every problem is a DataError naming
 * the file, line and column: a non-numeric or missing value, a latitude outside −90…90, a
 * longitude outside −180…360, a non-integer year, a negative ALT, or a site-year given twice.
 */
import { DataError } from "../core/errors";
import { type CsvTable, expectColumns, numberColumn, readCsv, stringColumn } from "./csv";

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
  /** Comment lines before the header (e.g. a SYNTHETIC label). */
  comments: string[];
}

/** The columns a site-year CSV must have. */
export const SITE_YEAR_COLUMNS = ["site", "lat", "lon", "year", "alt_cm", "source"] as const;

/**
 * Validate a parsed CSV as a site-year table.
 *
 * @param t - the parsed CSV
 * @returns the table
 * @throws DataError naming file, line and column for any bad value or duplicate
 */
export function siteYearsFromCsv(t: CsvTable): SiteYearTable {
  expectColumns(t, SITE_YEAR_COLUMNS);
  const site = stringColumn(t, "site");
  const lat = numberColumn(t, "lat");
  const lon = numberColumn(t, "lon");
  const yearF = numberColumn(t, "year");
  const alt = numberColumn(t, "alt_cm");
  const source = stringColumn(t, "source");
  const line = Int32Array.from(t.lines);
  const seen = new Map<string, number>();
  const year = new Int32Array(site.length);
  for (let i = 0; i < site.length; i++) {
    const where = (column: string) => ({ file: t.file, line: line[i]!, column });
    if (site[i]!.trim() === "") throw new DataError(where("site"), "empty site id");
    if (!(lat[i]! >= -90 && lat[i]! <= 90)) throw new DataError(where("lat"), `latitude ${lat[i]} is outside −90…90`);
    if (!(lon[i]! >= -180 && lon[i]! <= 360)) throw new DataError(where("lon"), `longitude ${lon[i]} is outside −180…360`);
    if (lon[i]! > 180) lon[i] = lon[i]! - 360;
    if (!Number.isInteger(yearF[i]!)) throw new DataError(where("year"), `year ${yearF[i]} is not an integer`);
    year[i] = yearF[i]!;
    if (!(alt[i]! >= 0)) throw new DataError(where("alt_cm"), `ALT ${alt[i]} cm is negative`);
    const key = `${site[i]}|${year[i]}`;
    const prev = seen.get(key);
    if (prev !== undefined) throw new DataError(where("year"), `site ${site[i]} year ${year[i]} already given on line ${prev}`);
    seen.set(key, line[i]!);
  }
  return { file: t.file, site, lat, lon, year, altCm: alt, source, line, comments: t.comments };
}

/**
 * Read a CALM-style site-year CSV (see {@link siteYearsFromCsv}).
 *
 * @param file - path of the CSV
 * @returns the validated table
 * @throws DataError for a missing file, a missing column or a bad value (file, line, column named)
 */
export function readSiteYears(file: string): SiteYearTable {
  return siteYearsFromCsv(readCsv(file));
}
