/**
 * Site predictors for paper 2's XGBoost/SHAP and meta-analysis (Methods: sixteen predictors;
 * twelve from ERA5-Land daily aggregates averaged over 2014–2023, plus latitude, longitude,
 * elevation and ALT; vegetation and soil-texture classes as grouping variables).
 *
 * The real values come from a Google Earth Engine export that cannot be fetched here. This
 * module (1) reads that export in a documented CSV format (data/liu2025/README-predictors.md)
 * and (2) generates a SYNTHETIC table in the same format, seeded and with planted signals,
 * so the pipeline can run. A file whose first comment line contains "SYNTHETIC" is flagged
 * `synthetic: true`, and every figure made from it must say so.
 */
import { checkCsvTable, expectColumns, numberColumn, parseCsv, readCsv, requireRows, stringColumn, type CsvTable } from "../../io/csv";
import { checkInteger } from "../../core/checks";
import { checkRange, checkVocabulary, type LoaderPlausibility, type PlausibilityWarning } from "../../io/plausibility";
import { DataError } from "../../core/errors";
import { dataPath } from "../../project/paths";
import { createRng, DEFAULT_SEED } from "../../random/rng";
import { checkSiteCoordinates, type SiteCoordinates } from "./sites";
import { checkTable1, type Table1 } from "./table1";

/** The 16 predictors, named as in paper 2's Fig 5. */
export const PREDICTOR_NAMES = [
  "SNOW_DENSITY", "WIND_SPEED", "ALBEDO", "ALT", "ELEVATION", "SWC1", "SWC2", "SWC3", "SWC4",
  "EVAP", "LAI_HV", "LON", "LAT", "PRECIP", "SNOW_DEPTH", "SNOW_COVER",
] as const;
/** A predictor name. */
export type PredictorName = (typeof PREDICTOR_NAMES)[number];

/** Units of each predictor as the kit stores them. */
export const PREDICTOR_UNITS: Readonly<Record<PredictorName, string>> = {
  SNOW_DENSITY: "kg m-3", WIND_SPEED: "m s-1", ALBEDO: "fraction", ALT: "cm", ELEVATION: "m", SWC1: "m3 m-3", SWC2: "m3 m-3",
  SWC3: "m3 m-3", SWC4: "m3 m-3", EVAP: "mm yr-1", LAI_HV: "m2 m-2", LON: "deg E", LAT: "deg N", PRECIP: "mm yr-1", SNOW_DEPTH: "m", SNOW_COVER: "%",
};

/** Columns of the GEE export format (ERA5-Land DAILY_AGGR band names, 2014–2023 means). */
export const GEE_COLUMNS = [
  "No.", "Site", "snow_density", "u_component_of_wind_10m", "v_component_of_wind_10m", "forecast_albedo",
  "volumetric_soil_water_layer_1", "volumetric_soil_water_layer_2", "volumetric_soil_water_layer_3", "volumetric_soil_water_layer_4",
  "evaporation_from_vegetation_transpiration_sum", "leaf_area_index_high_vegetation", "total_precipitation_sum", "snow_depth", "snow_cover",
  "vegetation_class", "soil_texture",
] as const;

/** Vegetation classes (paper 2, Methods: harmonized categories). */
export const VEGETATION_CLASSES = ["Forest", "Tundra", "Grassland", "No vegetation"] as const;
/** Soil-texture classes (paper 2, Methods: five primary classes). */
export const SOIL_CLASSES = ["loam", "sand", "gravel", "peat", "clay"] as const;

const SWC_WHY = "volumetric water content is a fraction of the soil volume; ERA5-Land caps it at the porosity of its wettest soil type (0.766)";

/**
 * Plausible ranges of the GEE export's columns, in the export's units, and the vocabularies of
 * its class columns (shown in data/liu2025/README-predictors.md). ELEVATION, LAT, LON and ALT come
 * from the gazetteer and Table 1 and are checked there.
 */
export const PREDICTOR_PLAUSIBILITY: LoaderPlausibility = {
  loader: "loadSitePredictors",
  file: "synthetic-predictors.csv (or your GEE export)",
  ranges: [
    { column: "No.", label: "row number", unit: "-", impossible: [1, 100000], unusual: [1, 117], why: "must equal Table 1's No. row by row" },
    { column: "snow_density", label: "snow density", unit: "kg m-3", impossible: [0, 917], unusual: [50, 550], why: "no snow is denser than ice (917 kg m⁻³); ERA5-Land keeps snow density between about 100 and 450" },
    { column: "u_component_of_wind_10m", label: "mean eastward wind", unit: "m s-1", impossible: [-50, 50], unusual: [-15, 15], why: "a 10-year mean wind component beyond 15 m s⁻¹ is rare even in katabatic regions; beyond 50 is impossible" },
    { column: "v_component_of_wind_10m", label: "mean northward wind", unit: "m s-1", impossible: [-50, 50], unusual: [-15, 15], why: "as u_component_of_wind_10m" },
    { column: "forecast_albedo", label: "albedo", unit: "fraction", impossible: [0, 1], unusual: [0.03, 0.95], why: "albedo is a fraction of the incoming light; below 0.03 or above 0.95 is not seen over land" },
    { column: "volumetric_soil_water_layer_1", label: "soil water (0–7 cm)", unit: "m3 m-3", impossible: [0, 1], unusual: [0, 0.77], why: SWC_WHY },
    { column: "volumetric_soil_water_layer_2", label: "soil water (7–28 cm)", unit: "m3 m-3", impossible: [0, 1], unusual: [0, 0.77], why: SWC_WHY },
    { column: "volumetric_soil_water_layer_3", label: "soil water (28–100 cm)", unit: "m3 m-3", impossible: [0, 1], unusual: [0, 0.77], why: SWC_WHY },
    { column: "volumetric_soil_water_layer_4", label: "soil water (100–289 cm)", unit: "m3 m-3", impossible: [0, 1], unusual: [0, 0.77], why: SWC_WHY },
    { column: "evaporation_from_vegetation_transpiration_sum", label: "transpiration", unit: "m day-1", impossible: [-0.02, 0.001], unusual: [-0.005, 0], why: "ERA5 sign: negative is evaporation; a mean beyond 20 mm day⁻¹ is impossible, beyond 5 mm day⁻¹ (or net condensation) rare" },
    { column: "leaf_area_index_high_vegetation", label: "LAI (high vegetation)", unit: "m2 m-2", impossible: [0, 15], unusual: [0, 7], why: "leaf area index cannot be negative; boreal forest stays below 7" },
    { column: "total_precipitation_sum", label: "precipitation", unit: "m day-1", impossible: [0, 0.1], unusual: [0.00005, 0.01], why: "precipitation cannot be negative; a mean below 18 mm yr⁻¹ or above 3650 mm yr⁻¹ is rare, above 36 m yr⁻¹ impossible" },
    { column: "snow_depth", label: "snow depth", unit: "m", impossible: [0, 100], unusual: [0, 3], why: "snow depth cannot be negative; a 10-year mean above 3 m occurs only on glaciers" },
    { column: "snow_cover", label: "snow cover", unit: "%", impossible: [0, 100], unusual: [0, 100], why: "a percentage of the cell" },
  ],
  vocabularies: [
    { column: "vegetation_class", values: VEGETATION_CLASSES, why: "paper 2, Methods: harmonized vegetation categories" },
    { column: "soil_texture", values: SOIL_CLASSES, why: "paper 2, Methods: five primary soil-texture classes" },
  ],
};

/** The predictor table aligned with Table 1. */
export interface SitePredictors {
  /** True when generated (not real ERA5-Land values). */
  synthetic: boolean;
  /** Where the table came from. */
  source: string;
  /** Predictor columns (NaN = missing). */
  values: Record<PredictorName, Float64Array>;
  /** Vegetation class per site. */
  vegetation: string[];
  /** Soil-texture class per site. */
  soil: string[];
  /** Unusual but possible values (see {@link PREDICTOR_PLAUSIBILITY}). */
  warnings: PlausibilityWarning[];
}

/**
 * Convert a parsed GEE-format table into the 16 predictors, aligned with Table 1.
 * WIND_SPEED is the magnitude of the mean 10 m wind vector (the export holds mean
 * components); EVAP and PRECIP are converted from m/day (ERA5 sums) to mm/yr, EVAP as a
 * positive amount.
 * Blank numeric cells are missing (NaN); every other cell must be a finite number inside its
 * physically possible range, and the class columns must hold known classes.
 *
 * @param csv - a table in the GEE format (see {@link GEE_COLUMNS})
 * @param table - Table 1 (supplies ALT and the site order)
 * @param coords - the gazetteer (supplies LAT, LON, ELEVATION)
 * @returns the predictors, with unusual values listed in `warnings`
 * @throws DataError naming the line, column and value of a missing column, a header-only file,
 *   a non-numeric or physically impossible cell, an unknown vegetation or soil class, or a site
 *   that does not match Table 1's row
 * @throws ArgumentError when `table` or `coords` is not a loaded table (a NaN or impossible
 *   coordinate set in memory, naming the site and field), or they do not have the same number of sites
 * @example
 * const t = loadTable1();
 * const p = predictorsFromGeeTable(readCsv(defaultPredictorsPath()), t, loadSiteCoordinates(t));
 * p.values.PRECIP.length; // 117
 */
export function predictorsFromGeeTable(csv: CsvTable, table: Table1, coords: SiteCoordinates): SitePredictors {
  checkCsvTable("predictorsFromGeeTable", csv);
  checkTable1("predictorsFromGeeTable", table);
  checkSiteCoordinates("predictorsFromGeeTable", coords, table);
  expectColumns(csv, GEE_COLUMNS);
  requireRows(csv);
  if (csv.rows.length !== table.n) throw new DataError({ file: csv.file, value: csv.rows.length, expected: `${table.n} rows, one per Table 1 site` }, `has ${csv.rows.length} sites, Table 1 has ${table.n}`);
  const site = stringColumn(csv, "Site");
  const nos = stringColumn(csv, "No.");
  site.forEach((s, i) => {
    if (s !== table.site[i]) throw new DataError({ file: csv.file, line: csv.lines[i], column: "Site", value: s, expected: JSON.stringify(table.site[i]) }, `${JSON.stringify(s)} but Table 1 row ${i + 1} is ${JSON.stringify(table.site[i])}`);
    if (nos[i] !== String(table.no[i])) throw new DataError({ file: csv.file, line: csv.lines[i], column: "No.", value: nos[i], expected: `${table.no[i]} (Table 1 row ${i + 1})` }, "row number differs from Table 1");
  });
  const warnings: PlausibilityWarning[] = [];
  for (const r of PREDICTOR_PLAUSIBILITY.ranges) {
    if (r.column !== "No.") checkRange(numberColumn(csv, r.column, "nan"), r, csv.file, csv.lines, warnings);
  }
  const vegetation = stringColumn(csv, "vegetation_class");
  const soil = stringColumn(csv, "soil_texture");
  checkVocabulary(vegetation, PREDICTOR_PLAUSIBILITY.vocabularies[0]!, csv.file, csv.lines);
  checkVocabulary(soil, PREDICTOR_PLAUSIBILITY.vocabularies[1]!, csv.file, csv.lines);
  const col = (name: string) => numberColumn(csv, name, "nan");
  const n = table.n;
  const u = col("u_component_of_wind_10m"), v = col("v_component_of_wind_10m");
  const perYear = (x: Float64Array, sign: number) => x.map((d) => sign * d * 1000 * 365.25);
  const wind = new Float64Array(n);
  for (let i = 0; i < n; i++) wind[i] = Math.hypot(u[i]!, v[i]!);
  const values: Record<PredictorName, Float64Array> = {
    SNOW_DENSITY: col("snow_density"), WIND_SPEED: wind, ALBEDO: col("forecast_albedo"), ALT: Float64Array.from(table.values.ALT),
    ELEVATION: Float64Array.from(coords.elevation), SWC1: col("volumetric_soil_water_layer_1"), SWC2: col("volumetric_soil_water_layer_2"),
    SWC3: col("volumetric_soil_water_layer_3"), SWC4: col("volumetric_soil_water_layer_4"),
    EVAP: perYear(col("evaporation_from_vegetation_transpiration_sum"), -1), LAI_HV: col("leaf_area_index_high_vegetation"),
    LON: Float64Array.from(coords.lon), LAT: Float64Array.from(coords.lat), PRECIP: perYear(col("total_precipitation_sum"), 1),
    SNOW_DEPTH: col("snow_depth"), SNOW_COVER: col("snow_cover"),
  };
  const first = csv.comments[0] ?? "";
  return { synthetic: /SYNTHETIC/.test(first), source: `${csv.file}${first !== "" ? `: ${first}` : ""}`, values, vegetation, soil, warnings };
}

/**
 * The predictor file the notebooks use: `$PERMAFROST_LIU2025_PREDICTORS` (your real GEE
 * export) when set, else the shipped SYNTHETIC data/liu2025/synthetic-predictors.csv.
 *
 * @returns the path
 */
export function defaultPredictorsPath(): string {
  const fromEnv = process.env["PERMAFROST_LIU2025_PREDICTORS"];
  return fromEnv !== undefined && fromEnv !== "" ? fromEnv : dataPath("liu2025", "synthetic-predictors.csv");
}

/**
 * Read a predictor table in the GEE export format: the shipped synthetic one by default
 * (data/liu2025/synthetic-predictors.csv) unless `$PERMAFROST_LIU2025_PREDICTORS` names your
 * real export.
 *
 * @param table - Table 1
 * @param coords - the gazetteer
 * @param filePath - the CSV (default: the shipped SYNTHETIC table)
 * @returns the predictors, with unusual values listed in `warnings`
 * @throws DataError as {@link predictorsFromGeeTable}
 */
export function loadSitePredictors(table: Table1, coords: SiteCoordinates, filePath: string = defaultPredictorsPath()): SitePredictors {
  return predictorsFromGeeTable(readCsv(filePath), table, coords);
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/**
 * Generate the SYNTHETIC predictor table as CSV text in the GEE format. Deterministic for a
 * seed. Planted signals (what the notebooks can recover, and nothing more):
 * - precipitation rises with the site's real SO (SO ≈ precipitation-driven, as the paper's
 *   SHAP ranking says) plus noise;
 * - a snow composite (depth, density, cover) falls with SO within each region (the paper's
 *   negative snow→SO slopes in vegetated terrain), stronger where vegetated;
 * - soil moisture (four layers, correlated) relates to the real TO with a sign that depends on
 *   the synthetic soil class (negative for clay and gravel, positive for sand, none for loam
 *   and peat), mimicking the paper's divergent moisture→TO slopes;
 * - wind, albedo, evaporation and LAI are regional noise with no planted link.
 * Vegetation and soil classes are drawn per site from region-dependent probabilities.
 *
 * @param table - Table 1 (real SO and TO are used to plant the signals)
 * @param seed - PRNG seed (default DEFAULT_SEED)
 * @returns the CSV text (byte-identical for the same table and seed)
 * @throws ArgumentError when the seed is not a non-negative integer, or `table` is not a loaded Table 1
 */
export function syntheticPredictorsCsv(table: Table1, seed: number = DEFAULT_SEED): string {
  checkTable1("syntheticPredictorsCsv", table);
  checkInteger("syntheticPredictorsCsv", "seed", seed, { min: 0 });
  const rng = createRng(seed, "liu2025-synthetic-predictors");
  const n = table.n;
  const regionMean = (v: "SO" | "TO", region: string) => {
    let s = 0, c = 0;
    for (let i = 0; i < n; i++) if (table.region[i] === region) { s += table.values[v][i]!; c++; }
    return s / c;
  };
  const pick = <T,>(items: readonly T[], weights: number[]): T => {
    const u = rng.uniform() * weights.reduce((a, b) => a + b, 0);
    let acc = 0;
    for (let j = 0; j < items.length; j++) { acc += weights[j]!; if (u < acc) return items[j]!; }
    return items[items.length - 1]!;
  };
  const lines = [
    `# SYNTHETIC predictor table for the 117 sites of Liu et al. 2025 Table 1 (NOT ERA5-Land data). Generated by syntheticPredictorsCsv(seed ${seed}) in permafrost-kit; see data/liu2025/README-predictors.md.`,
    "# Same columns as a real Google Earth Engine export (ERA5-Land DAILY_AGGR band means 2014-2023), so a real export can replace this file.",
    GEE_COLUMNS.join(","),
  ];
  const f = (x: number, d: number) => x.toFixed(d);
  for (let i = 0; i < n; i++) {
    const region = table.region[i]!;
    const so = table.values.SO[i]!, to = table.values.TO[i]!;
    const dSo = so - regionMean("SO", region), dTo = to - regionMean("TO", region);
    const veg = region === "Antarctica" ? "No vegetation" : region === "Third Pole" ? pick(VEGETATION_CLASSES, [0, 0.1, 0.6, 0.3]) : pick(VEGETATION_CLASSES, [0.3, 0.45, 0.05, 0.2]);
    const soil = region === "Antarctica" ? pick(SOIL_CLASSES, [0.35, 0.3, 0.35, 0, 0]) : region === "Third Pole" ? pick(SOIL_CLASSES, [0.25, 0.35, 0.25, 0.05, 0.1]) : pick(SOIL_CLASSES, [0.35, 0.15, 0.1, 0.25, 0.15]);
    const base = region === "Arctic" ? { precip: 350, snow: 0.25, wind: 4.5, albedo: 0.3, lai: 1.2 } : region === "Third Pole" ? { precip: 380, snow: 0.04, wind: 5.5, albedo: 0.25, lai: 0.2 } : { precip: 180, snow: 0.03, wind: 6.5, albedo: 0.6, lai: 0 };
    const vegFactor = veg === "No vegetation" ? 0.4 : 1;
    const precipMmYr = Math.max(20, base.precip + 70 * so + 40 * rng.normal());
    const snowComp = -0.6 * vegFactor * dSo + 0.5 * rng.normal();
    const snowDepth = clamp(base.snow * Math.exp(0.35 * snowComp + 0.15 * rng.normal()), 0.001, 3);
    const snowDensity = clamp(260 + 35 * snowComp + 12 * rng.normal(), 80, 500);
    const snowCover = clamp(55 + 12 * snowComp + 5 * rng.normal(), 0, 100);
    const beta = soil === "clay" || soil === "gravel" ? -0.06 : soil === "sand" ? 0.05 : 0;
    const moist = beta * dTo + 0.03 * rng.normal();
    const swcBase = region === "Antarctica" ? 0.12 : region === "Third Pole" ? 0.2 : 0.3;
    const swc = [0, 1, 2, 3].map((layer) => clamp(swcBase + moist * (1 - 0.15 * layer) + 0.01 * rng.normal(), 0.01, 0.6));
    const windDir = 2 * Math.PI * rng.uniform();
    const windSpeed = Math.max(0.3, base.wind + 1.2 * rng.normal());
    const evapMmYr = veg === "No vegetation" ? 2 * rng.uniform() : Math.max(0, 60 * vegFactor + 20 * rng.normal());
    const cells = [
      String(table.no[i]), csvQuote(table.site[i]!), f(snowDensity, 2), f(windSpeed * Math.cos(windDir), 4), f(windSpeed * Math.sin(windDir), 4),
      f(clamp(base.albedo + 0.05 * rng.normal(), 0.05, 0.9), 4), ...swc.map((x) => f(x, 4)),
      (-(evapMmYr / 1000 / 365.25)).toExponential(6), f(Math.max(0, base.lai * vegFactor + 0.2 * rng.normal()), 4),
      (precipMmYr / 1000 / 365.25).toExponential(6), f(snowDepth, 4), f(snowCover, 2), veg, soil,
    ];
    lines.push(cells.join(","));
  }
  return `${lines.join("\n")}\n`;
}

function csvQuote(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Parse GEE-format CSV text (e.g. from {@link syntheticPredictorsCsv}) into predictors.
 *
 * @param text - CSV text
 * @param table - Table 1
 * @param coords - the gazetteer
 * @param label - file label for error messages
 * @returns the predictors, with unusual values listed in `warnings`
 * @throws DataError as {@link predictorsFromGeeTable}
 */
export function parseSitePredictors(text: string, table: Table1, coords: SiteCoordinates, label = "<predictors>"): SitePredictors {
  return predictorsFromGeeTable(parseCsv(text, label), table, coords);
}
