/**
 * Bad-input corpus of the loaders (issue "Trust every input"): each case writes a file with ONE
 * broken thing to a temporary folder (or passes one bad argument) and checks that the loader
 * refuses it with the right error class and a message naming the file, line, column and value,
 * or, for unusual-but-possible values, that the file loads and the value is counted in `warnings`.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import {
  ArgumentError, DataError, KitError, RasterStack, checkUniqueKey, dataPath, ensureDemoWorld, evaluateClaims, float64Column, loadBcg, loadSiteCoordinates, loadSitePredictors,
  loadTable1, lonLatGrid, makeRaster, matchSiteYears, numberColumn, parseCsv, parseNumberStrict, qcSiteYears, rangeFor, readCsv, requireRows, readSiteYears,
  SITE_YEAR_COLUMNS, SITE_YEAR_PLAUSIBILITY, siteYearsFromCsv, syntheticPredictorsCsv, TABLE1_PLAUSIBILITY, table1Rows, toDataFrame, type PlausibilityWarning, type SiteYearTable,
} from "permafrost-kit";
import { countsExclusion, refuses } from "../bad-input/corpus";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bad-input-loaders-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
let serial = 0;

/** Write `text` (or bytes) to a new file in the temp folder; returns its path. */
function write(name: string, text: string | Uint8Array): string {
  const p = path.join(dir, `${++serial}-${name}`);
  fs.writeFileSync(p, text);
  return p;
}
const base = (p: string) => path.basename(p);

/** A correct CSV writer (quotes a field when it needs it). */
function csvField(s: string): string {
  return /[",\r\n]/.test(s) || s === "" ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Re-write a shipped CSV with one cell changed: data row `row` (1-based), column `column`.
 * Returns the text and the 1-based file line of that row.
 */
function editCell(file: string, row: number, column: string, value: string): { text: string; line: number } {
  const t = readCsv(file);
  const k = t.header.indexOf(column);
  assert.ok(k >= 0, `no column ${column}`);
  const rows = t.rows.map((r) => r.slice());
  rows[row - 1]![k] = value;
  const out = [...t.comments.map((c) => `# ${c}`), t.header.join(","), ...rows.map((r) => r.map(csvField).join(","))];
  return { text: `${out.join("\n")}\n`, line: t.lines[row - 1]! };
}

const TABLE1 = dataPath("liu2025", "table1.csv");
const SITES = dataPath("liu2025", "sites.csv");
const PREDICTORS = dataPath("liu2025", "synthetic-predictors.csv");
const table = loadTable1();
const coords = loadSiteCoordinates(table);

const SY_HEADER = "site,lat,lon,year,alt_cm,source";
const syFile = (rows: string[], name = "site-years.csv") => write(name, [SY_HEADER, ...rows].join("\n") + "\n");
const GOOD_ROWS = ["A,68.6,-149.6,2005,52,CALM", "A,68.6,-149.6,2006,55,CALM", "B,65.1,-147.5,2005,80,ABoVE"];

/** A loader call on an edited copy of table1.csv. */
function table1With(row: number, column: string, value: string): { file: string; line: number } {
  const { text, line } = editCell(TABLE1, row, column, value);
  return { file: write("table1.csv", text), line };
}
function sitesWith(row: number, column: string, value: string): { file: string; line: number } {
  const { text, line } = editCell(SITES, row, column, value);
  return { file: write("sites.csv", text), line };
}
function predictorsWith(row: number, column: string, value: string): { file: string; line: number } {
  const { text, line } = editCell(PREDICTORS, row, column, value);
  return { file: write("predictors.csv", text), line };
}

/** A tiny predictor stack: 4 × 2 one-degree grid over 0–4° E, 60–62° N, annual "ati" 2005–2006, static "soc". */
function tinyStack(): RasterStack {
  const g = lonLatGrid([0, 60, 4, 62], 1);
  const stack = new RasterStack();
  stack.add({ name: "ati", kind: "annual", raster: makeRaster(g, [new Float32Array(8).fill(500), new Float32Array(8).fill(600)], ["2005", "2006"]), source: "ati.tif" });
  stack.add({ name: "soc", kind: "static", raster: makeRaster(g, [Float32Array.from([1, 2, 3, 4, 5, 6, 7, NaN])]), source: "soc.tif" });
  return stack;
}
const tinySites = (): SiteYearTable => readSiteYears(syFile(["A,61.5,0.5,2005,50,CALM", "A,61.5,0.5,2006,55,CALM", "B,61.5,0.5,2009,50,CALM", "C,70,0.5,2005,40,CALM", "D,60.5,3.5,2005,40,CALM"]));

describe("bad-input corpus: CSV reading and number parsing", () => {
  {
    const f = syFile(["A,68.6,-149.6,2005,1e999,CALM"]);
    refuses("a number that overflows to Infinity (1e999) in a numeric column", () => numberColumn(readCsv(f), "alt_cm"), DataError, [base(f), "line 2", "column alt_cm", "1e999"]);
  }
  {
    const f = syFile(["A,-1e400,-149.6,2005,50,CALM"]);
    refuses("a negative overflow (-1e400) in a numeric column", () => numberColumn(readCsv(f), "lat"), DataError, [base(f), "line 2", "column lat", "-1e400"]);
  }
  refuses("parseNumberStrict on 1e309 (decimal text, not a finite number)", () => parseNumberStrict("1e309", { file: "x.csv", line: 7, column: "V" }), DataError, ["x.csv line 7, column V", "1e309", "finite"]);
  refuses("numberColumn with an unknown missing-value policy (\"NaN\")", () => numberColumn(parseCsv("V\n1\n", "v.csv"), "V", "NaN" as "nan"), ArgumentError, ["numberColumn", "missing", '"NaN"', '"error", "nan"']);
  refuses("numberColumn with a misspelt option ({ mising: \"nan\" })", () => numberColumn(parseCsv("V\n1\n", "v.csv"), "V", { mising: "nan" } as never), ArgumentError, ["numberColumn", "options.mising", "unknown option"]);
  refuses("a NUL byte in the text (a binary file)", () => parseCsv("site,alt\nA,5\u0000\n", "bin.csv"), DataError, ["bin.csv line 2", "NUL"]);
  {
    const f = write("latin1.csv", Buffer.concat([Buffer.from("site,alt\nA,5\nSkj"), Buffer.from([0xe6]), Buffer.from("rvika,7\n")]));
    refuses("bytes that are not UTF-8 (a Latin-1 'æ' in line 3)", () => readCsv(f), DataError, [base(f), "line 3", "UTF-8"]);
  }
  {
    const f = write("utf16.csv", Buffer.from("\ufeffsite,alt\nA,5\n", "utf16le"));
    refuses("a UTF-16 file", () => readCsv(f), DataError, [base(f), "line 1", "UTF-16"]);
  }
  {
    const f = syFile(["A,68.6,-149.6,2005,52,CALM", "B,65.1,-147"]);
    refuses("a truncated last line (3 of 6 fields)", () => readSiteYears(f), DataError, [base(f), "line 3", "3 fields", '"B,65.1,-147"', "truncated"]);
  }
  {
    const f = write("quote.csv", `${SY_HEADER}\n"A,68.6,-149.6,2005,52,CALM\n`);
    refuses("an unterminated quote at the end of a truncated file", () => readSiteYears(f), DataError, [base(f), "line 2", "column site", "closing quote"]);
  }
  {
    const f = write("stray.csv", `${SY_HEADER}\nA,68.6,-149.6,2005,5"2,CALM\n`);
    refuses("a stray quote inside an unquoted number", () => readSiteYears(f), DataError, [base(f), "line 2", "column alt_cm", '5\\"']);
  }
});

describe("bad-input corpus: site-year tables (readSiteYears)", () => {
  {
    const f = write("empty.csv", "");
    refuses("an empty file", () => readSiteYears(f), DataError, [base(f), "line 1", "no header row"]);
  }
  {
    const f = write("header-only.csv", `${SY_HEADER}\r\n`);
    refuses("a header and no rows", () => readSiteYears(f), DataError, [base(f), "line 1", "no data rows", "got 0"]);
  }
  {
    const f = syFile(["A,68.6,-149.6,3003,52,CALM"]);
    refuses("year 3003", () => readSiteYears(f), DataError, [base(f), "line 2", "column year", "3003", "1850 to 2100"]);
  }
  {
    const f = syFile([...GOOD_ROWS, "C,70,20,1492,40,CALM"]);
    refuses("year 1492, before any thaw-depth record", () => readSiteYears(f), DataError, [base(f), "line 5", "column year", "1492", "physically impossible"]);
  }
  {
    const f = syFile(["A,68.6,-149.6,2005,1e999,CALM"]);
    refuses("ALT written as 1e999 (Infinity)", () => readSiteYears(f), DataError, [base(f), "line 2", "column alt_cm", "1e999"]);
  }
  {
    const f = syFile([...GOOD_ROWS, "B,65.1,-147.5,2006,5000,ABoVE"]);
    refuses("ALT 5000 cm (50 m of thaw)", () => readSiteYears(f), DataError, [base(f), "line 5", "column alt_cm", "got 5000", "0 to 2000 cm"]);
  }
  {
    const f = syFile(["A,68.6,400,2005,52,CALM"]);
    refuses("longitude 400", () => readSiteYears(f), DataError, [base(f), "line 2", "column lon", "got 400", "-180 to 360"]);
  }
  {
    const f = syFile(["A,68.6,-149.6,2005,52,"]);
    refuses("an empty source label", () => readSiteYears(f), DataError, [base(f), "line 2", "column source", "empty source"]);
  }
  {
    const f = syFile([...GOOD_ROWS, "A,68.6,-149.6,2005,53,CALM"]);
    refuses("a site-year given twice (regression guard)", () => readSiteYears(f), DataError, [base(f), "line 5", "column year", "already given on line 2", "got 2005"]);
  }
  {
    const f = write("cols.csv", "site,lat,lon,yr,alt_cm,source\nA,68.6,-149.6,2005,52,CALM\n");
    refuses("a wrong column set (yr instead of year)", () => readSiteYears(f), DataError, [base(f), "line 1", 'missing column "year"']);
  }
});

describe("bad-input corpus: Table 1 (loadTable1)", () => {
  {
    const { file, line } = table1With(3, "ALT", "-32.8");
    refuses("ALT −32.8 cm", () => loadTable1(file), DataError, [base(file), `line ${line}`, "column ALT", "-32.8", "0 to 2000 cm"]);
  }
  {
    const { file, line } = table1With(10, "MAGST", "99");
    refuses("MAGST 99 °C", () => loadTable1(file), DataError, [base(file), `line ${line}`, "column MAGST", "got 99", "-60 to 40 °C"]);
  }
  {
    const { file, line } = table1With(20, "MAAT", "1e999");
    refuses("MAAT 1e999 (Infinity)", () => loadTable1(file), DataError, [base(file), `line ${line}`, "column MAAT", "1e999"]);
  }
  {
    const { file, line } = table1With(100, "TTOP", "-99");
    refuses("TTOP −99 °C", () => loadTable1(file), DataError, [base(file), `line ${line}`, "column TTOP", "got -99", "physically impossible"]);
  }
  {
    const { file, line } = table1With(50, "SO", "40");
    refuses("SO 40 °C", () => loadTable1(file), DataError, [base(file), `line ${line}`, "column SO", "got 40", "-20 to 25"]);
  }
  {
    const { file, line } = table1With(5, "ALT_mark", "c");
    refuses("an unknown footnote marker (ALT_mark \"c\")", () => loadTable1(file), DataError, [base(file), `line ${line}`, "column ALT_mark", '"c"', '"a", "b"']);
  }
  {
    const { file, line } = table1With(1, "No.", "1.0");
    refuses("a row number written as 1.0", () => loadTable1(file), DataError, [base(file), `line ${line}`, "column No.", '"1.0"']);
  }
  {
    const { file, line } = table1With(2, "Site", "Anaktuvuk Pass");
    refuses("a site given twice in Table 1 (regression guard)", () => loadTable1(file), DataError, [base(file), `line ${line}`, "column Site", 'site "Anaktuvuk Pass" already given on line 4']);
  }
  {
    const t = readCsv(TABLE1);
    const f = write("table1.csv", [...t.comments.map((c) => `# ${c}`), t.header.join(",")].join("\n") + "\n");
    refuses("Table 1 with a header and no rows", () => loadTable1(f), DataError, [base(f), "line 3", "no data rows"]);
  }
  {
    const text = fs.readFileSync(TABLE1, "utf8").replace("No.,Region,", "No.,Region,Country,").replace(/^(\d+,[^,]+,)/gm, "$1X,");
    const f = write("table1.csv", text);
    refuses("Table 1 with an extra column after the comment lines", () => loadTable1(f), DataError, [base(f), "line 3", "column Country", 'unexpected column "Country"']);
  }
});

describe("bad-input corpus: the gazetteer (loadSiteCoordinates)", () => {
  {
    const { file, line } = sitesWith(70, "elevation_m", "9000");
    refuses("elevation 9000 m (higher than Everest)", () => loadSiteCoordinates(table, file), DataError, [base(file), `line ${line}`, "column elevation_m", "got 9000", "-450 to 8849"]);
  }
  {
    const { file, line } = sitesWith(4, "coord_quality", "aproximate");
    refuses("a misspelt coordinate quality", () => loadSiteCoordinates(table, file), DataError, [base(file), `line ${line}`, "column coord_quality", '"aproximate"', '"approximate", "unlocated"']);
  }
  {
    const { file, line } = sitesWith(9, "lat", "1e999");
    refuses("latitude 1e999", () => loadSiteCoordinates(table, file), DataError, [base(file), `line ${line}`, "column lat", "1e999"]);
  }
  {
    const t = readCsv(SITES);
    const f = write("sites.csv", [...t.comments.map((c) => `# ${c}`), t.header.join(",")].join("\n") + "\n");
    refuses("a gazetteer with a header and no rows", () => loadSiteCoordinates(table, f), DataError, [base(f), `line ${t.headerLine}`, "no data rows"]);
  }
  refuses("loadSiteCoordinates given something that is not Table 1", () => loadSiteCoordinates({} as never, SITES), ArgumentError, ["loadSiteCoordinates", "table", "Table 1"]);
});

describe("bad-input corpus: the predictor export (loadSitePredictors)", () => {
  {
    const { file, line } = predictorsWith(12, "forecast_albedo", "7.5");
    refuses("albedo 7.5", () => loadSitePredictors(table, coords, file), DataError, [base(file), `line ${line}`, "column forecast_albedo", "got 7.5", "0 to 1 fraction"]);
  }
  {
    const { file, line } = predictorsWith(30, "snow_cover", "150");
    refuses("snow cover 150 %", () => loadSitePredictors(table, coords, file), DataError, [base(file), `line ${line}`, "column snow_cover", "got 150", "0 to 100 %"]);
  }
  {
    const { file, line } = predictorsWith(40, "vegetation_class", "Forrest");
    refuses("a misspelt vegetation class (Forrest)", () => loadSitePredictors(table, coords, file), DataError, [base(file), `line ${line}`, "column vegetation_class", '"Forrest"', '"Forest", "Tundra", "Grassland", "No vegetation"']);
  }
  {
    const { file, line } = predictorsWith(41, "soil_texture", "Loam");
    refuses("a soil class with the wrong case (Loam)", () => loadSitePredictors(table, coords, file), DataError, [base(file), `line ${line}`, "column soil_texture", '"Loam"', 'did you mean "loam"']);
  }
  {
    const { file, line } = predictorsWith(7, "total_precipitation_sum", "-0.001");
    refuses("negative precipitation", () => loadSitePredictors(table, coords, file), DataError, [base(file), `line ${line}`, "column total_precipitation_sum", "-0.001", "negative"]);
  }
  {
    const { file, line } = predictorsWith(8, "volumetric_soil_water_layer_3", "1.2");
    refuses("soil water 1.2 m³ m⁻³", () => loadSitePredictors(table, coords, file), DataError, [base(file), `line ${line}`, "column volumetric_soil_water_layer_3", "got 1.2", "0 to 1"]);
  }
  {
    const { file, line } = predictorsWith(9, "snow_density", "1e999");
    refuses("snow density 1e999", () => loadSitePredictors(table, coords, file), DataError, [base(file), `line ${line}`, "column snow_density", "1e999"]);
  }
  {
    const { file, line } = predictorsWith(10, "u_component_of_wind_10m", "80");
    refuses("a mean wind component of 80 m/s", () => loadSitePredictors(table, coords, file), DataError, [base(file), `line ${line}`, "column u_component_of_wind_10m", "got 80", "-50 to 50"]);
  }
  {
    const { file, line } = predictorsWith(5, "No.", "50");
    refuses("a row number that differs from Table 1", () => loadSitePredictors(table, coords, file), DataError, [base(file), `line ${line}`, "column No.", '"50"', "5 (Table 1 row 5)"]);
  }
  refuses(
    "a gazetteer of another length than Table 1",
    () => loadSitePredictors(table, { ...coords, lat: coords.lat.subarray(0, 100) }, PREDICTORS),
    ArgumentError,
    ["predictorsFromGeeTable", "coords", "117 sites"],
  );
});

describe("bad-input corpus: QC and matching arguments", () => {
  const sites = readSiteYears(syFile(GOOD_ROWS));
  refuses("qcSiteYears with sdMultiple NaN", () => qcSiteYears(sites, { sdMultiple: NaN }), ArgumentError, ["qcSiteYears", "options.sdMultiple", "got NaN"]);
  refuses("qcSiteYears with a reversed quantile range", () => qcSiteYears(sites, { quantileRange: [0.99, 0.01] }), ArgumentError, ["qcSiteYears", "options.quantileRange", "[0.99, 0.01]", "lower < upper"]);
  refuses("qcSiteYears with a quantile above 1", () => qcSiteYears(sites, { quantileRange: [0, 1.5] }), ArgumentError, ["qcSiteYears", "options.quantileRange[1]", "got 1.5"]);
  refuses("qcSiteYears with a misspelt option", () => qcSiteYears(sites, { sdMultipel: 3 } as never), ArgumentError, ["qcSiteYears", "options.sdMultipel", "unknown option"]);
  refuses("qcSiteYears on an in-memory table with a NaN ALT", () => qcSiteYears({ ...sites, altCm: Float64Array.from([52, NaN, 80]) }), ArgumentError, ["qcSiteYears", "t.altCm[1]", "got NaN"]);
  refuses("qcSiteYears on a table whose columns differ in length", () => qcSiteYears({ ...sites, year: sites.year.subarray(0, 2) }), ArgumentError, ["qcSiteYears", "t.year", "got 2", "3 (t.site.length)"]);
  const s5 = tinySites();
  refuses("matchSiteYears with an unknown method", () => matchSiteYears(s5, tinyStack(), { method: "cubic" as "nearest" }), ArgumentError, ["matchSiteYears", "options.method", '"cubic"', '"nearest", "bilinear"']);
  refuses("matchSiteYears with a row index out of range", () => matchSiteYears(s5, tinyStack(), { rows: [0, 9] }), ArgumentError, ["matchSiteYears", "options.rows[1]", "got 9", "≤ 4"]);
  refuses("matchSiteYears with a row given twice", () => matchSiteYears(s5, tinyStack(), { rows: [0, 1, 0] }), ArgumentError, ["matchSiteYears", "options.rows[2]", "got 0", "twice"]);
  refuses("matchSiteYears with a misspelt categorical variable", () => matchSiteYears(s5, tinyStack(), { categorical: ["landcovr"] }), ArgumentError, ["matchSiteYears", "options.categorical[0]", '"landcovr"', '"ati", "soc"']);
  refuses("matchSiteYears on an empty stack", () => matchSiteYears(s5, new RasterStack()), ArgumentError, ["matchSiteYears", "stack", "empty"]);
});

describe("bad-input corpus: the BCG trials (loadBcg)", () => {
  const BCG = dataPath("bcg", "bcg.csv");
  {
    const { text, line } = editCell(BCG, 4, "tpos", "-3");
    const f = write("bcg.csv", text);
    refuses("a negative case count", () => loadBcg(f), DataError, [base(f), `line ${line}`, "column tpos", "got -3", "0 to 10000000 persons"]);
  }
  {
    const { text, line } = editCell(BCG, 6, "cneg", "1079.5");
    const f = write("bcg.csv", text);
    refuses("a fractional count of people", () => loadBcg(f), DataError, [base(f), `line ${line}`, "column cneg", "got 1079.5", "whole number"]);
  }
  {
    const { text, line } = editCell(BCG, 2, "alloc", "Random");
    const f = write("bcg.csv", text);
    refuses("an allocation with the wrong case (Random)", () => loadBcg(f), DataError, [base(f), `line ${line}`, "column alloc", '"Random"', 'did you mean "random"']);
  }
  countsExclusion("a trial published in 2005 loads, counted as unusual", () => {
    const { text, line } = editCell(BCG, 13, "year", "2005");
    const b = loadBcg(write("bcg.csv", text));
    assert.deepEqual(b.warnings.map((w) => [w.line, w.column, w.value]), [[line, "year", 2005]]);
  });
});

describe("bad-input corpus: DataFrame bridges, claims, demo world", () => {
  refuses("numberColumn given something that is not a parsed CSV", () => numberColumn({ header: ["V"], rows: [["1"]] } as never, "V"), ArgumentError, ["numberColumn", "table", "parsed CSV table"]);
  refuses("toDataFrame with columns of different lengths", () => toDataFrame({ site: ["a", "b", "c"], alt: [1, 2] }), ArgumentError, ["toDataFrame", "columns.alt", "got 2", "3 values, the length of columns.site"]);
  refuses("float64Column on an infinite value", () => float64Column(toDataFrame({ v: [1, Infinity] }), "v", { label: "df" }), ArgumentError, ["float64Column", "df column v (row 1)", "got Infinity"]);
  refuses("float64Column with a misspelt option (allowNan)", () => float64Column(toDataFrame({ v: [1, 2] }), "v", { allowNan: true } as never), ArgumentError, ["float64Column", "options.allowNan", "unknown option"]);
  refuses("float64Column with an unknown missing-value policy", () => float64Column(toDataFrame({ v: [1, 2] }), "v", { missing: "zero" as "nan" }), ArgumentError, ["float64Column", "options.missing", '"zero"']);
  refuses(
    "evaluateClaims with a claim naming a site that is not in Table 1",
    () => evaluateClaims(table, [{ id: "x", where: "test", claim: "SO at Atlantis", check: { kind: "site", site: "Atlantis", variable: "SO", printed: 1, decimals: 1 } }]),
    ArgumentError,
    ["evaluateClaims", "claims", '"Atlantis"'],
  );
  refuses("ensureDemoWorld with an unknown profile", () => ensureDemoWorld("medium" as "quick", { dir: path.join(dir, "never") }), ArgumentError, ["ensureDemoWorld", "profile", '"medium"', '"quick", "full"']);
  {
    const home = path.join(dir, "not-a-world");
    fs.mkdirSync(home);
    fs.writeFileSync(path.join(home, "thesis.tex"), "my work");
    refuses("ensureDemoWorld pointed at a folder that holds other files (it would be wiped)", () => ensureDemoWorld("quick", { dir: home }), ArgumentError, ["ensureDemoWorld", "options.dir", "not-a-world", '"thesis.tex"', "not part of a demo world"]);
    it("leaves that folder untouched", () => assert.equal(fs.readFileSync(path.join(home, "thesis.tex"), "utf8"), "my work"));
  }
  refuses("ensureDemoWorld with a fractional seed", () => ensureDemoWorld("quick", { seed: 1.5, dir: path.join(dir, "never") }), ArgumentError, ["ensureDemoWorld", "options.seed", "got 1.5"]);
});

/** Every warning lies outside its range, and names the file, the line and the column. */
function assertWarningsGenuine(warnings: readonly PlausibilityWarning[]): void {
  for (const w of warnings) {
    assert.ok(w.value < w.range[0] || w.value > w.range[1], `${w.column} ${w.value} is inside ${w.range.join("…")}`);
    assert.ok(w.line > 0 && w.file !== "" && w.column !== "" && w.why !== "");
  }
}

describe("bad-input corpus: round 2 (hunt findings)", () => {
  const mem = (header: string[], rows: unknown[][], lines = rows.map((_, i) => i + 2)) => ({ file: "mem.csv", header, rows, lines, comments: [] }) as never;
  refuses("numberColumn on an in-memory table whose cell is a number, not text", () => numberColumn(mem(["a"], [[1]]), "a"), ArgumentError, ["numberColumn", "table.rows", "row 0, line 2, column a", "not a string", "got 1"]);
  refuses("siteYearsFromCsv on an in-memory table whose cells are numbers", () => siteYearsFromCsv(mem([...SITE_YEAR_COLUMNS], [["A", 65, -150, 2000, 50, "C"]])), ArgumentError, ["siteYearsFromCsv", "table.rows", "column lat", "got 65"]);
  refuses("numberColumn on an in-memory row shorter than the header", () => numberColumn(mem(["a", "b"], [["1", "2"], ["3"]]), "b"), ArgumentError, ["numberColumn", "table.rows", "row 1, line 3", "wrong number of cells", "got 1", "2 cells (a, b)"]);
  refuses("numberColumn on an in-memory table with a NaN line number", () => numberColumn(mem(["a"], [["1"]], [NaN]), "a"), ArgumentError, ["numberColumn", "table.lines[0]", "got NaN", "1-based line number"]);
  {
    const { file, line } = table1With(2, "Site", "Anaktuvuk Pass\u200b");
    refuses("a duplicate Table 1 site hidden by a zero-width space (U+200B)", () => loadTable1(file), DataError, [base(file), `line ${line}`, "column Site", "U+200B", '"Anaktuvuk Pass<U+200B>"']);
  }
  {
    const f = syFile(["\u202eA,68.6,-149.6,2005,52,CALM"]);
    refuses("a right-to-left override (U+202E) in a site id", () => readSiteYears(f), DataError, [base(f), "line 2", "column site", "U+202E"]);
  }
  {
    const f = syFile(["A,68.6,-149.6,2005,52,\ufeffCALM"]);
    refuses("a byte-order mark (U+FEFF) inside a field, not at the start of the file", () => readSiteYears(f), DataError, [base(f), "line 2", "column source", "U+FEFF"]);
  }
  refuses("CR-only line ends (classic Mac) after a comment line", () => parseCsv("# c\rsite,lat\rA,65\r", "old-mac.csv"), DataError, ["old-mac.csv line 1", "CR only (classic Mac)", "LF or CRLF"]);
  {
    const f = write("mixed-cr.csv", `${SY_HEADER}\n${GOOD_ROWS[0]}\r${GOOD_ROWS[1]}\n`);
    refuses("a lone CR line end between LF lines", () => readSiteYears(f), DataError, [base(f), "line 2", "CR line end without LF"]);
  }
  {
    const f = write("excel.csv", `sep=,\n${SY_HEADER}\n${GOOD_ROWS[0]}\n`);
    refuses('a spreadsheet "sep=," line before the header', () => readSiteYears(f), DataError, [base(f), "line 1", '"sep=,"', "delete that line"]);
  }
  refuses("two column names that differ only by letter case (a, A)", () => parseCsv("site,Site\nA,B\n", "case.csv"), DataError, ["case.csv line 1", "column Site", '"site" and "Site" differ only by letter case']);
  {
    const f = write("site-years.csv", `Site,lat,lon,year,alt_cm,source\n${GOOD_ROWS[0]}\n`);
    refuses("a header written Site instead of site (case-sensitive names, the near miss named)", () => readSiteYears(f), DataError, [base(f), "line 1", 'missing column "site"', 'found "Site"', "case-sensitive"]);
  }
  {
    const c = loadSiteCoordinates(table);
    c.lat[3] = NaN;
    refuses("a gazetteer latitude set to NaN in memory, given to the predictor loader", () => loadSitePredictors(table, c), ArgumentError, ["predictorsFromGeeTable", "coords.lat", `row 3, site ${JSON.stringify(table.site[3])}`, "got NaN"]);
  }
  {
    const c = loadSiteCoordinates(table);
    c.elevation[7] = 9500;
    refuses("a gazetteer elevation of 9500 m set in memory", () => loadSitePredictors(table, c), ArgumentError, ["predictorsFromGeeTable", "coords.elevation", `site ${JSON.stringify(table.site[7])}`, "got 9500", "-450 to 8849"]);
  }
  {
    const t = loadTable1();
    t.values.MAGST[2] = NaN;
    refuses("a Table 1 MAGST set to NaN in memory, given to evaluateClaims", () => evaluateClaims(t), ArgumentError, ["evaluateClaims", "t.values.MAGST", `row 2, site ${JSON.stringify(t.site[2])}`, "got NaN"]);
  }
  {
    const t = loadTable1();
    t.values.SO[4] = Infinity;
    refuses("a Table 1 SO set to Infinity in memory, given to syntheticPredictorsCsv", () => syntheticPredictorsCsv(t), ArgumentError, ["syntheticPredictorsCsv", "table.values.SO", `site ${JSON.stringify(t.site[4])}`, "got Infinity"]);
  }
  {
    const t = loadTable1();
    t.region = t.region.slice(0, 5);
    refuses("a Table 1 whose region column was cut in memory, given to table1Rows", () => table1Rows(t, "region", "Arctic"), ArgumentError, ["table1Rows", "t.region", "got 5", "117 names"]);
  }
  refuses("float64Column on a column the DataFrame does not have", () => float64Column(toDataFrame({ v: [1, 2] }), "w"), ArgumentError, ["float64Column", "name", '"w"', "one of v"]);
  refuses("float64Column on a missing value names the row as an in-memory position", () => float64Column(toDataFrame({ v: [1, null] }), "v"), ArgumentError, ["float64Column", "DataFrame column v (row 1)", "got null"]);
  refuses("checkUniqueKey on a repeated key names both lines", () => checkUniqueKey("k.csv", [2, 3, 4], { column: "id", expected: "each id once", key: (i) => ["a", "b", "a"][i]!, describe: (i) => `id ${["a", "b", "a"][i]}` }), DataError, ["k.csv line 4, column id", "id a already given on line 2", 'got "a"']);
  refuses("requireRows with a NaN minimum (would pass any table)", () => requireRows(parseCsv("a\n", "h.csv"), NaN), ArgumentError, ["requireRows", "min", "got NaN"]);
  refuses("parseCsv with a non-string file label", () => parseCsv("a\n1\n", 7 as never), ArgumentError, ["parseCsv", "file", "got 7"]);
  {
    const t = readSiteYears(syFile(GOOD_ROWS));
    refuses("qcSiteYears on an in-memory table whose site id was set to a number", () => qcSiteYears({ ...t, site: ["A", 5 as never, "B"] }), ArgumentError, ["qcSiteYears", "t.site[1]", "got 5", "site id"]);
  }
  refuses("rangeFor a column the loader table lacks is an internal error, not a file error", () => rangeFor(SITE_YEAR_PLAUSIBILITY, "depth"), KitError, ["rangeFor: internal error", '"depth"', "a bug"]);
  // regression guards for number text that must stay refused
  refuses("a lone \"-\" in a numeric cell (regression guard)", () => numberColumn(parseCsv("v\n-\n", "n.csv"), "v"), DataError, ["n.csv line 2, column v", '"-" is not a number']);
  refuses("a thousands separator in a quoted number \"1,234\" (regression guard)", () => numberColumn(parseCsv('v\n"1,234"\n', "n.csv"), "v"), DataError, ["n.csv line 2, column v", '"1,234" is not a number']);
  {
    fs.mkdirSync(path.join(dir, "a-folder.csv"));
    refuses("a directory where a CSV file is expected (regression guard)", () => readSiteYears(path.join(dir, "a-folder.csv")), DataError, ["a-folder.csv", "cannot read file", "EISDIR"]);
  }
});

describe("bad-input corpus: unusual values load and are counted", () => {
  countsExclusion("the shipped Table 1 loads with its unusual values listed (19, each outside its usual range)", () => {
    const t = loadTable1();
    assertWarningsGenuine(t.warnings);
    assert.equal(t.warnings.length, 19);
    const byColumn = new Map<string, number>();
    for (const w of t.warnings) byColumn.set(w.column, (byColumn.get(w.column) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(byColumn), { MAGST: 2, TTOP: 9, ALT: 2, MAAT: 2, TO: 1, SO: 3 });
    // every range warning is outside the table's own unusual range for that column
    for (const w of t.warnings.filter((x) => !x.why.includes("should equal"))) {
      assert.deepEqual(w.range, TABLE1_PLAUSIBILITY.ranges.find((r) => r.column === w.column)!.unusual);
    }
  });
  countsExclusion("Table 1 with an ALT of 1500 cm loads, the value counted as unusual", () => {
    const { file, line } = table1With(3, "ALT", "1500");
    const t = loadTable1(file);
    assert.equal(t.values.ALT[2], 1500);
    const w = t.warnings.filter((x) => x.line === line && x.column === "ALT");
    assert.equal(w.length, 1);
    assert.deepEqual([w[0]!.value, w[0]!.range], [1500, [5, 800]]);
  });
  countsExclusion("Table 1 with an SO that is not MAGST − MAAT loads, the row counted as inconsistent", () => {
    const { file, line } = table1With(1, "SO", "5.0");
    const t = loadTable1(file);
    const w = t.warnings.filter((x) => x.line === line && x.column === "SO");
    assert.equal(w.length, 1);
    assert.match(w[0]!.why, /MAGST − MAAT/);
    assert.equal(t.warnings.length, 20);
  });
  countsExclusion("a site-year from 1955 loads, counted as unusual", () => {
    const t = readSiteYears(syFile([...GOOD_ROWS, "C,70,20,1955,40,CALM"]));
    assert.deepEqual(t.warnings.map((w) => [w.line, w.column, w.value]), [[5, "year", 1955]]);
  });
  countsExclusion("a 0–360° longitude loads converted, counted", () => {
    const t = readSiteYears(syFile([...GOOD_ROWS, "C,70,200,2005,40,CALM"]));
    assert.equal(t.lon[3], -160);
    assert.deepEqual(t.warnings.map((w) => [w.line, w.column, w.value]), [[5, "lon", 200]]);
  });
  countsExclusion("an ALT of 3 cm and one of 950 cm load, both counted", () => {
    const t = readSiteYears(syFile([...GOOD_ROWS, "C,70,20,2005,3,CALM", "C,70,20,2006,950,CALM"]));
    assert.deepEqual(t.warnings.map((w) => [w.line, w.value]), [[5, 3], [6, 950]]);
    assertWarningsGenuine(t.warnings);
  });
  countsExclusion("a CRLF file with a BOM and quoted site names loads unchanged, no warnings", () => {
    const t = readSiteYears(write("crlf.csv", `\ufeff# comment\r\n${SY_HEADER}\r\n"Toolik, MAT",68.6,-149.6,2005,52,"CALM ""core"""\r\n`));
    assert.deepEqual([t.site[0], t.source[0], t.line[0], t.warnings.length], ["Toolik, MAT", 'CALM "core"', 3, 0]);
  });
  countsExclusion("a snow depth of 5 m in the predictor export loads, counted", () => {
    const { file, line } = predictorsWith(3, "snow_depth", "5");
    const p = loadSitePredictors(table, coords, file);
    assert.deepEqual(p.warnings.map((w) => [w.line, w.column, w.value]), [[line, "snow_depth", 5]]);
  });
  countsExclusion("an albedo of 0.01 loads, counted", () => {
    const { file, line } = predictorsWith(3, "forecast_albedo", "0.01");
    const p = loadSitePredictors(table, coords, file);
    assert.deepEqual(p.warnings.map((w) => [w.line, w.column, w.value]), [[line, "forecast_albedo", 0.01]]);
  });
  countsExclusion("a site at 6500 m in the gazetteer loads, counted", () => {
    const { file, line } = sitesWith(80, "elevation_m", "6500");
    const c = loadSiteCoordinates(table, file);
    assert.deepEqual(c.warnings.map((w) => [w.line, w.column, w.value]), [[line, "elevation_m", 6500]]);
  });
  countsExclusion("QC: the exclusion ledger lists every excluded row with its rule (custom options name the rule)", () => {
    const rows = ["100", "101", "99", "100", "102", "98", "100", "300"].map((v, k) => `A,65,10,${2003 + k},${v},CALM`);
    for (let k = 0; k < 40; k++) rows.push(`S${k},66,11,2010,${10 + 10 * k},CALM`);
    const t = readSiteYears(syFile(rows));
    const qc = qcSiteYears(t, { sdMultiple: 2.2, quantileRange: [0.05, 0.95] });
    assert.equal(qc.ledger.length, qc.summary.rowsIn - qc.summary.rowsKept);
    assert.equal(qc.summary.excluded, qc.ledger.length);
    assert.equal(qc.summary.excludedSite2sd + qc.summary.excludedQuantile, qc.ledger.length);
    assert.deepEqual([...new Set(qc.ledger.map((r) => r.rule))].sort(), ["quantile-5-95", "site-2.2sd"]);
    const kept = new Set(qc.kept);
    for (const r of qc.ledger) assert.ok(!kept.has(r.row));
  });
  countsExclusion("matching: every considered site-year is matched or listed with a distinct rule", () => {
    const m = matchSiteYears(tinySites(), tinyStack());
    assert.equal(m.rows.length + m.unmatched.length, 5);
    assert.deepEqual(m.unmatched.map((u) => [u.site, u.rule]), [["B", "no-year"], ["C", "outside-grid"], ["D", "missing-predictor"]]);
  });
});
