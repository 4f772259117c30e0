/**
 * The manifest of paper 1's inputs, `alt-inputs.json` (issue 15): one JSON file that says where
 * every input of the ALT chain is, so the notebooks run on a researcher's own files exactly as on
 * the demo world (which writes the same manifest). Paper 1 §2.2–2.3: site-years pooled from
 * several networks, annual predictors 2003–2020 and static predictors on one 1 km WGS84 grid,
 * limited to the northern permafrost region.
 *
 * Every path is relative to the manifest's folder (or absolute); `{year}` in an annual pattern is
 * the 4-digit year. A raster path names one GeoTIFF or, when that file does not exist, a Google
 * Earth Engine tile set `<stem>-<row offset>-<column offset>.tif` read as one mosaic. Every
 * problem is a DataError naming the manifest, the key (`annual.ati.pattern`) and, for a missing
 * file, that file. The fields are documented in the README ("Run the notebooks on your own data").
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError } from "../core/errors";
// the tag lives with the demo world's writer (data layer), which writes the same manifest
import { ALT_INPUTS_FORMAT } from "../data/demo-world/export-layout";


/** Layouts of a site-year file: the kit's long CSV, or CALM's wide summary table. */
export type SiteYearFormat = "site-years" | "calm-wide";

/** The site-year layouts a manifest may name. */
export const SITE_YEAR_FORMATS: readonly SiteYearFormat[] = ["site-years", "calm-wide"];

/** How a predictor is resampled when its grid differs from the mask's (paper 1 §2.3). */
export type PredictorType = "continuous" | "categorical";

/** One site-year file of the manifest. */
export interface SiteYearSource {
  /** The network label, e.g. "CALM" (the `source` of its rows in the calm-wide layout). */
  source: string;
  /** Absolute path. */
  file: string;
  /** Its layout. */
  format: SiteYearFormat;
}

/** One predictor of the manifest. */
export interface PredictorSpec {
  /** Variable name (unique across annual and static). */
  name: string;
  /** One file per year, or one file. */
  kind: "annual" | "static";
  /** Continuous (resampled bilinear) or categorical (resampled nearest). */
  type: PredictorType;
  /** Unit, for tables and figure axes ("" when not given). */
  unit: string;
  /** Absolute path; for annual predictors with `{year}`. */
  path: string;
  /** Whether a grid that differs from the mask's is resampled (true, the default) or refused. */
  resample: boolean;
  /** The manifest key of the path (`annual.ati.pattern`), for messages. */
  key: string;
}

/** A validated manifest, paths made absolute. */
export interface AltInputsManifest {
  /** Absolute path of the manifest file. */
  file: string;
  /** Its folder. */
  dir: string;
  /** Short name shown in banners and figure titles. */
  name: string;
  /** True for the synthetic demo world; false for real data. */
  synthetic: boolean;
  /** Free text. */
  description: string;
  /** The years, consecutive and ascending. */
  years: number[];
  /** Absolute path of the permafrost-extent mask (the chain's grid and domain). */
  mask: string;
  /** The site-year files, in the order they are pooled. */
  siteYears: SiteYearSource[];
  /** The predictors: annual ones, then static ones, each in manifest order. */
  predictors: PredictorSpec[];
  /** The burned-area input of the fire analysis (paper 1 §2.5), or null when the manifest has none. */
  fire: FireSpec | null;
  /** Absolute folder of known-truth files (synthetic worlds only), or null. */
  truthDir: string | null;
}

/**
 * The burned-area input of the fire analysis (paper 1 §2.5: MODIS MCD64A1 burned pixels): one
 * raster whose value is the year a pixel burned (0, NaN or nodata = not burned), e.g. exported from
 * Earth Engine as the first year of MCD64A1 `BurnDate` > 0 per 1 km pixel.
 */
export interface FireSpec {
  /** Absolute path of the fire-year raster (or its GEE tile set). */
  path: string;
  /** The categorical static predictor the response is grouped by (paper: land cover; default "landcover"). */
  groupBy: string;
  /** Names of the group codes (code → name) for tables and legends; {} when not given. */
  classes: Record<string, string>;
  /** Whether a grid that differs from the mask's is resampled (nearest) or refused. */
  resample: boolean;
}

const TOP_KEYS = ["format", "name", "synthetic", "description", "years", "mask", "siteYears", "annual", "static", "fire", "truth"] as const;
const NAME_RE = /^[A-Za-z][A-Za-z0-9_]*$/;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * Read and validate an `alt-inputs.json`. Checks the structure, the years and that every file
 * exists (one file per annual predictor and year, or its GEE tile set); it reads no raster.
 *
 * @param file - path of the manifest
 * @returns the manifest with absolute paths
 * @throws DataError naming the manifest and key for: unreadable or invalid JSON, a wrong format
 *   tag, an unknown or missing key, a bad value (years not 1850–2100 or not ascending, an unknown
 *   site-year format or predictor type, a pattern without `{year}`, a repeated variable name), or
 *   a file that does not exist (named, with the year), a `fire.groupBy` that is not a categorical
 *   static predictor, a `fire.classes` that is not an object of code → name
 * @example
 * const m = readAltInputsManifest(path.join(ensureDemoWorld("quick").dir, "alt-inputs.json"));
 * m.synthetic; // true
 */
export function readAltInputsManifest(file: string): AltInputsManifest {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = fs.readFileSync(abs, "utf8");
  } catch (e) {
    throw new DataError({ file: abs, expected: "an alt-inputs.json manifest" }, `cannot read the manifest (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { cause: e });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DataError({ file: abs, expected: "valid JSON" }, `not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  return manifestFromJson(json, abs);
}

/**
 * Validate a parsed manifest (see {@link readAltInputsManifest}).
 *
 * @param json - the parsed JSON
 * @param file - the manifest's absolute path (paths are relative to its folder)
 * @returns the manifest with absolute paths
 * @throws DataError as {@link readAltInputsManifest}
 */
export function manifestFromJson(json: unknown, file: string): AltInputsManifest {
  const dir = path.dirname(file);
  const bad = (key: string, value: unknown, expected: string, problem: string): DataError => new DataError({ file, key, value, expected }, problem);
  if (!isObject(json)) throw bad("(top level)", json, "a JSON object", "not an object");
  for (const k of Object.keys(json)) if (!(TOP_KEYS as readonly string[]).includes(k)) throw bad(k, json[k], `one of ${TOP_KEYS.join(", ")}`, "unknown key");
  if (json.format !== ALT_INPUTS_FORMAT) throw bad("format", json.format, `"${ALT_INPUTS_FORMAT}"`, "not an alt-inputs manifest of a version this kit reads");
  const str = (key: string, v: unknown, optional = false): string => {
    if (v === undefined && optional) return "";
    if (typeof v !== "string" || v.trim() === "") throw bad(key, v, "a non-empty string", v === undefined ? "missing" : "not a string");
    return v;
  };
  const name = str("name", json.name);
  if (typeof json.synthetic !== "boolean") throw bad("synthetic", json.synthetic, "true (synthetic data) or false (real data)", json.synthetic === undefined ? "missing" : "not a boolean");
  const description = str("description", json.description, true);
  const years = yearsOf(json.years, bad);
  if (!isObject(json.mask)) throw bad("mask", json.mask, '{ "file": "…" }', json.mask === undefined ? "missing" : "not an object");
  for (const k of Object.keys(json.mask)) if (k !== "file") throw bad(`mask.${k}`, json.mask[k], "only file", "unknown key");
  const mask = path.resolve(dir, str("mask.file", json.mask.file));
  if (!Array.isArray(json.siteYears) || json.siteYears.length === 0) throw bad("siteYears", json.siteYears, "a non-empty list of { source, file, format }", "no site-year files");
  const siteYears = json.siteYears.map((s: unknown, i): SiteYearSource => {
    const key = `siteYears[${i}]`;
    if (!isObject(s)) throw bad(key, s, "{ source, file, format }", "not an object");
    for (const k of Object.keys(s)) if (!["source", "file", "format"].includes(k)) throw bad(`${key}.${k}`, s[k], "one of source, file, format", "unknown key");
    const format = s.format as SiteYearFormat;
    if (!SITE_YEAR_FORMATS.includes(format)) throw bad(`${key}.format`, s.format, `one of ${SITE_YEAR_FORMATS.join(", ")}`, "unknown site-year layout");
    return { source: str(`${key}.source`, s.source), file: path.resolve(dir, str(`${key}.file`, s.file)), format };
  });
  const predictors: PredictorSpec[] = [];
  const seen = new Set<string>();
  for (const kind of ["annual", "static"] as const) {
    const block = json[kind];
    if (block === undefined && kind === "static") continue;
    if (!isObject(block) || Object.keys(block).length === 0) throw bad(kind, block, "an object of variable → { " + (kind === "annual" ? "pattern" : "file") + ", type, unit }", block === undefined ? "missing" : "no variables");
    for (const [v, spec] of Object.entries(block)) {
      const key = `${kind}.${v}`;
      if (!NAME_RE.test(v)) throw bad(key, v, "a variable name of letters, digits and _ starting with a letter", "bad variable name");
      if (seen.has(v)) throw bad(key, v, "each variable once (annual and static together)", "variable named twice");
      seen.add(v);
      if (!isObject(spec)) throw bad(key, spec, "{ " + (kind === "annual" ? "pattern" : "file") + ", type, unit }", "not an object");
      const pathKey = kind === "annual" ? "pattern" : "file";
      for (const k of Object.keys(spec)) if (![pathKey, "type", "unit", "resample"].includes(k)) throw bad(`${key}.${k}`, spec[k], `one of ${pathKey}, type, unit, resample`, "unknown key");
      const p = str(`${key}.${pathKey}`, spec[pathKey]);
      if (kind === "annual" && !p.includes("{year}")) throw bad(`${key}.pattern`, p, "a path with {year} (one file per year)", "no {year} in the pattern");
      if (kind === "static" && p.includes("{year}")) throw bad(`${key}.file`, p, "one file (static predictors have no year)", "{year} in a static file");
      const type = spec.type as PredictorType;
      if (type !== "continuous" && type !== "categorical") throw bad(`${key}.type`, spec.type, '"continuous" (resampled bilinear) or "categorical" (resampled nearest)', "unknown predictor type");
      if (spec.unit !== undefined && typeof spec.unit !== "string") throw bad(`${key}.unit`, spec.unit, "a string", "not a string");
      if (spec.resample !== undefined && typeof spec.resample !== "boolean") throw bad(`${key}.resample`, spec.resample, "true or false", "not a boolean");
      predictors.push({ name: v, kind, type, unit: spec.unit ?? "", path: path.resolve(dir, p), resample: spec.resample !== false, key: `${key}.${pathKey}` });
    }
  }
  const fire = json.fire === undefined ? null : fireSpecOf(json.fire, dir, predictors, bad, str);
  let truthDir: string | null = null;
  if (json.truth !== undefined) {
    if (!isObject(json.truth)) throw bad("truth", json.truth, '{ "dir": "…" }', "not an object");
    for (const k of Object.keys(json.truth)) if (k !== "dir") throw bad(`truth.${k}`, json.truth[k], "only dir", "unknown key");
    truthDir = path.resolve(dir, str("truth.dir", json.truth.dir));
  }
  const m: AltInputsManifest = { file, dir, name, synthetic: json.synthetic, description, years, mask, siteYears, predictors, fire, truthDir };
  checkManifestFiles(m);
  return m;
}

type Bad = (key: string, value: unknown, expected: string, problem: string) => DataError;

function fireSpecOf(v: unknown, dir: string, predictors: readonly PredictorSpec[], bad: Bad, str: (key: string, v: unknown) => string): FireSpec {
  if (!isObject(v)) throw bad("fire", v, '{ "file": "…", "groupBy": "landcover" }', "not an object");
  for (const k of Object.keys(v)) if (!["file", "groupBy", "classes", "resample"].includes(k)) throw bad(`fire.${k}`, v[k], "one of file, groupBy, classes, resample", "unknown key");
  const file = str("fire.file", v.file);
  if (file.includes("{year}")) throw bad("fire.file", file, "one raster of fire years (the year each pixel burned)", "{year} in the fire file");
  const groupBy = v.groupBy === undefined ? "landcover" : str("fire.groupBy", v.groupBy);
  const g = predictors.find((p) => p.name === groupBy);
  const categorical = predictors.filter((p) => p.kind === "static" && p.type === "categorical").map((p) => p.name);
  if (g === undefined || g.kind !== "static" || g.type !== "categorical") {
    throw bad("fire.groupBy", groupBy, categorical.length > 0 ? `a categorical static predictor: ${categorical.join(", ")}` : "a categorical static predictor (the manifest has none)", g === undefined ? "no such predictor" : "not a categorical static predictor");
  }
  const classes: Record<string, string> = {};
  if (v.classes !== undefined) {
    if (!isObject(v.classes)) throw bad("fire.classes", v.classes, '{ "<code>": "<name>", … }', "not an object");
    for (const [code, name] of Object.entries(v.classes)) {
      if (!/^-?\d+$/.test(code)) throw bad(`fire.classes.${code}`, code, "an integer class code", "not an integer code");
      classes[code] = str(`fire.classes.${code}`, name);
    }
  }
  if (v.resample !== undefined && typeof v.resample !== "boolean") throw bad("fire.resample", v.resample, "true or false", "not a boolean");
  return { path: path.resolve(dir, file), groupBy, classes, resample: v.resample !== false };
}

function yearsOf(v: unknown, bad: Bad): number[] {
  const ok = (y: unknown): y is number => typeof y === "number" && Number.isInteger(y) && y >= 1850 && y <= 2100;
  if (!Array.isArray(v) || v.length !== 2) throw bad("years", v, "[first, last], e.g. [2003, 2020]", v === undefined ? "missing" : "not a [first, last] pair");
  const [a, b] = v as unknown[];
  if (!ok(a)) throw bad("years[0]", a, "a whole year 1850–2100", "bad first year");
  if (!ok(b)) throw bad("years[1]", b, "a whole year 1850–2100", "bad last year");
  if (b < a) throw bad("years", v, "first ≤ last", "years run backwards");
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/**
 * The file of an annual predictor in one year (the pattern with `{year}` replaced), or the
 * static predictor's file.
 *
 * @param p - the predictor
 * @param year - the year (ignored for static predictors)
 * @returns the absolute path
 * @example
 * predictorFile({ name: "ati", kind: "annual", type: "continuous", unit: "", path: "/d/ati_{year}.tif", resample: true, key: "annual.ati.pattern" }, 2005); // '/d/ati_2005.tif'
 */
export function predictorFile(p: PredictorSpec, year: number): string {
  return p.kind === "annual" ? p.path.split("{year}").join(String(year)) : p.path;
}

/**
 * The files behind a raster path: the file itself when it exists, otherwise the Google Earth
 * Engine tile set `<stem>-<10 digits>-<10 digits>.tif` beside it (sorted), otherwise none.
 *
 * @param file - the path named in a manifest
 * @returns the existing files (empty when there are none)
 * @example
 * rasterFilesOf("/nonexistent/ati_2005.tif"); // []
 */
export function rasterFilesOf(file: string): string[] {
  if (fs.existsSync(file)) return [file];
  const dir = path.dirname(file);
  const stem = path.basename(file).replace(/\.tiff?$/i, "");
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const re = new RegExp(`^${stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-\\d{10}-\\d{10}\\.tif$`);
  return entries.filter((e) => re.test(e)).sort().map((e) => path.join(dir, e));
}

function checkManifestFiles(m: AltInputsManifest): void {
  const need = (key: string, f: string, what: string): void => {
    if (rasterFilesOf(f).length === 0) throw new DataError({ file: m.file, key, value: path.relative(m.dir, f) || f, expected: `${what}: a GeoTIFF, or a GEE tile set ${path.basename(f).replace(/\.tiff?$/i, "")}-<row>-<col>.tif` }, "file not found");
  };
  need("mask.file", m.mask, "the permafrost-extent mask");
  m.siteYears.forEach((s, i) => {
    if (!fs.existsSync(s.file)) throw new DataError({ file: m.file, key: `siteYears[${i}].file`, value: path.relative(m.dir, s.file), expected: `the ${s.source} site-year file` }, "file not found");
  });
  for (const p of m.predictors) {
    if (p.kind === "static") need(p.key, p.path, `static predictor ${p.name}`);
    else for (const y of m.years) need(p.key, predictorFile(p, y), `annual predictor ${p.name}, year ${y}`);
  }
  if (m.fire !== null) need("fire.file", m.fire.path, "the fire-year raster");
  if (m.truthDir !== null && !fs.existsSync(m.truthDir)) throw new DataError({ file: m.file, key: "truth.dir", value: path.relative(m.dir, m.truthDir), expected: "a folder of known-truth files" }, "folder not found");
}
