/**
 * The approximate gazetteer of paper 2's sites (data/liu2025/sites.csv). The paper gives no
 * coordinates, so every position is `approximate` (the named locality, not the borehole) or
 * `unlocated` (a placeholder inside the sub-region, for display only). Maps say so. Coordinates
 * and elevations are checked against {@link GAZETTEER_PLAUSIBILITY}.
 */
import { expectColumns, numberColumn, readCsv, requireRows, stringColumn } from "../../io/csv";
import { checkRange, checkVocabulary, type LoaderPlausibility, type PlausibilityWarning, rangeFor } from "../../io/plausibility";
import { ArgumentError, DataError } from "../../core/errors";
import { dataPath } from "../../project/paths";
import { checkTable1, type Table1 } from "./table1";

/** Quality of a gazetteer position. */
export type CoordQuality = "approximate" | "unlocated";

/** The gazetteer's columns, in order. */
export const GAZETTEER_COLUMNS = ["No.", "Site", "lat", "lon", "elevation_m", "coord_quality", "coord_source"] as const;

/** Plausible ranges of the gazetteer's columns (shown in data/liu2025/README.md). */
export const GAZETTEER_PLAUSIBILITY: LoaderPlausibility = {
  loader: "loadSiteCoordinates",
  file: "sites.csv",
  ranges: [
    { column: "lat", label: "latitude", unit: "°N", impossible: [-90, 90], unusual: [-90, 90], why: "WGS84 latitude; the three poles span both hemispheres" },
    { column: "lon", label: "longitude", unit: "°E", impossible: [-180, 180], unusual: [-180, 180], why: "WGS84 longitude, −180…180" },
    { column: "elevation_m", label: "elevation", unit: "m a.s.l.", impossible: [-450, 8849], unusual: [-50, 6000], why: "no land lies below the Dead Sea shore (−430 m) or above Everest (8849 m); permafrost sites above 6000 m are rare" },
  ],
  vocabularies: [{ column: "coord_quality", values: ["approximate", "unlocated"], why: "the gazetteer's own classes (see data/liu2025/README.md)" }],
};

/** Site positions aligned row by row with Table 1. */
export interface SiteCoordinates {
  /** Latitude, decimal degrees (WGS84). */
  lat: Float64Array;
  /** Longitude, decimal degrees east (WGS84). */
  lon: Float64Array;
  /** Elevation, m a.s.l.; NaN where unknown. */
  elevation: Float64Array;
  /** Quality of each position. */
  quality: CoordQuality[];
  /** Where each position comes from. */
  source: string[];
  /** Unusual but possible values (see {@link GAZETTEER_PLAUSIBILITY}). */
  warnings: PlausibilityWarning[];
}

/**
 * Read data/liu2025/sites.csv and align it with Table 1 row by row.
 *
 * @param table - Table 1 (its No. and Site must match the gazetteer's)
 * @param filePath - defaults to the shipped data/liu2025/sites.csv
 * @returns positions aligned with Table 1, with unusual values listed in `warnings`
 * @throws DataError naming the line, column and value of a wrong column, a physically impossible
 *   coordinate or elevation, an unknown quality, or a row whose No./Site differs from Table 1
 * @throws ArgumentError when `table` is not a loaded Table 1 (see {@link checkTable1})
 * @example
 * const c = loadSiteCoordinates(loadTable1());
 * c.quality[0]; // 'approximate'
 */
export function loadSiteCoordinates(table: Table1, filePath: string = dataPath("liu2025", "sites.csv")): SiteCoordinates {
  checkTable1("loadSiteCoordinates", table);
  const csv = readCsv(filePath);
  expectColumns(csv, GAZETTEER_COLUMNS);
  requireRows(csv);
  if (csv.rows.length !== table.n) throw new DataError({ file: csv.file, value: csv.rows.length, expected: `${table.n} rows, one per Table 1 site` }, `has ${csv.rows.length} sites, Table 1 has ${table.n}`);
  const lat = numberColumn(csv, "lat");
  const lon = numberColumn(csv, "lon");
  const elevation = numberColumn(csv, "elevation_m", "nan");
  const sites = stringColumn(csv, "Site");
  const nos = stringColumn(csv, "No.");
  const qualityText = stringColumn(csv, "coord_quality");
  const quality: CoordQuality[] = [];
  for (let i = 0; i < table.n; i++) {
    const line = csv.lines[i];
    if (!/^\d+$/.test(nos[i] ?? "") || Number(nos[i]) !== table.no[i] || sites[i] !== table.site[i]) {
      throw new DataError({ file: csv.file, line, column: "Site", value: `${nos[i]} ${sites[i]}`, expected: `No. ${table.no[i]} ${table.site[i]} (Table 1 row ${i + 1})` }, `row is No. ${nos[i]} ${JSON.stringify(sites[i])}, Table 1 row ${i + 1} is No. ${table.no[i]} ${JSON.stringify(table.site[i])}`);
    }
  }
  const warnings: PlausibilityWarning[] = [];
  const P = GAZETTEER_PLAUSIBILITY;
  checkRange(lat, rangeFor(P, "lat"), csv.file, csv.lines, warnings);
  checkRange(lon, rangeFor(P, "lon"), csv.file, csv.lines, warnings);
  checkRange(elevation, rangeFor(P, "elevation_m"), csv.file, csv.lines, warnings);
  for (const v of P.vocabularies) checkVocabulary(qualityText, v, csv.file, csv.lines);
  for (const q of qualityText) quality.push(q as CoordQuality);
  return { lat, lon, elevation, quality, source: stringColumn(csv, "coord_source"), warnings };
}

/**
 * Require in-memory site coordinates (from {@link loadSiteCoordinates}) aligned with Table 1 and
 * not broken after loading: latitude and longitude finite and inside −90…90 / −180…180, elevation
 * inside {@link GAZETTEER_PLAUSIBILITY}'s possible range or NaN (unknown).
 *
 * @param fn - the public function, for the message
 * @param coords - the value to check
 * @param table - Table 1, for the number of sites and their names
 * @throws ArgumentError naming the field, the row and site, and the value
 * @example
 * const t = loadTable1();
 * checkSiteCoordinates("predictorsFromGeeTable", loadSiteCoordinates(t), t); // passes
 */
export function checkSiteCoordinates(fn: string, coords: unknown, table: Table1): asserts coords is SiteCoordinates {
  const c = coords as Partial<SiteCoordinates> | null;
  const n = table.n;
  if (c === null || typeof c !== "object") throw new ArgumentError({ fn, arg: "coords", value: coords, expected: `the gazetteer of the same ${n} sites (loadSiteCoordinates(table))` }, "not site coordinates");
  for (const [field, column, nanOk] of [["lat", "lat", false], ["lon", "lon", false], ["elevation", "elevation_m", true]] as const) {
    const col = c[field] as unknown;
    if (!(col instanceof Float64Array) || col.length !== n) {
      throw new ArgumentError({ fn, arg: `coords.${field}`, value: col instanceof Float64Array ? col.length : col, expected: `a Float64Array of ${n} values: the gazetteer of the same ${n} sites (loadSiteCoordinates(table))` }, "does not match Table 1");
    }
    const [lo, hi] = rangeFor(GAZETTEER_PLAUSIBILITY, column).impossible;
    for (let i = 0; i < n; i++) {
      const x = col[i]!;
      if (nanOk && Number.isNaN(x)) continue;
      if (!(x >= lo && x <= hi)) {
        throw new ArgumentError({ fn, arg: `coords.${field}`, at: `row ${i}, site ${JSON.stringify(table.site[i])}`, value: x, expected: `a finite number from ${lo} to ${hi}${nanOk ? " (or NaN, unknown)" : ""}` }, Number.isFinite(x) ? "physically impossible value" : "not a finite number");
      }
    }
  }
}
