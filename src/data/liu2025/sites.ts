/**
 * The approximate gazetteer of paper 2's sites (data/liu2025/sites.csv). The paper gives no
 * coordinates, so every position is `approximate` (the named locality, not the borehole) or
 * `unlocated` (a placeholder inside the sub-region, for display only). Maps say so.
 */
import { expectColumns, numberColumn, readCsv, stringColumn } from "../../io/csv";
import { DataError } from "../../core/errors";
import { dataPath } from "../../project/paths";
import type { Table1 } from "./table1";

/** Quality of a gazetteer position. */
export type CoordQuality = "approximate" | "unlocated";

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
}

/**
 * Read data/liu2025/sites.csv and align it with Table 1 row by row.
 *
 * @param table - Table 1 (its No. and Site must match the gazetteer's)
 * @param filePath - defaults to the shipped data/liu2025/sites.csv
 * @throws DataError naming the line of a wrong column, an out-of-range coordinate, an unknown
 *   quality, or a row whose No./Site differs from Table 1
 */
export function loadSiteCoordinates(table: Table1, filePath: string = dataPath("liu2025", "sites.csv")): SiteCoordinates {
  const csv = readCsv(filePath);
  expectColumns(csv, ["No.", "Site", "lat", "lon", "elevation_m", "coord_quality", "coord_source"]);
  if (csv.rows.length !== table.n) throw new DataError({ file: csv.file }, `has ${csv.rows.length} sites, Table 1 has ${table.n}`);
  const lat = numberColumn(csv, "lat");
  const lon = numberColumn(csv, "lon");
  const elevation = numberColumn(csv, "elevation_m", "nan");
  const sites = stringColumn(csv, "Site");
  const nos = stringColumn(csv, "No.");
  const qualityText = stringColumn(csv, "coord_quality");
  const quality: CoordQuality[] = [];
  for (let i = 0; i < table.n; i++) {
    const line = csv.lines[i];
    if (Number(nos[i]) !== table.no[i] || sites[i] !== table.site[i]) {
      throw new DataError({ file: csv.file, line, column: "Site" }, `row is No. ${nos[i]} ${JSON.stringify(sites[i])}, Table 1 row ${i + 1} is No. ${table.no[i]} ${JSON.stringify(table.site[i])}`);
    }
    if (!(Math.abs(lat[i]!) <= 90)) throw new DataError({ file: csv.file, line, column: "lat" }, `latitude ${lat[i]} out of range`);
    if (!(Math.abs(lon[i]!) <= 180)) throw new DataError({ file: csv.file, line, column: "lon" }, `longitude ${lon[i]} out of range`);
    const q = qualityText[i];
    if (q !== "approximate" && q !== "unlocated") throw new DataError({ file: csv.file, line, column: "coord_quality" }, `unknown quality ${JSON.stringify(q)}`);
    quality.push(q);
  }
  return { lat, lon, elevation, quality, source: stringColumn(csv, "coord_source") };
}
