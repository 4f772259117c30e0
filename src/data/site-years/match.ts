/**
 * Matching site-years to gridded predictors in space and time (paper 1 §2.2: "The in-situ ALT
 * measurements were spatially and temporally matched with gridded environmental predictors"):
 * each site-year gets that year's band of every annual predictor and the static ones, read at
 * the site (nearest cell by default; bilinear optional for continuous variables, categorical
 * ones always nearest). A site-year outside the grid, in a year without annual predictors, or
 * with any predictor missing is listed with the reason and left out of the training table, never
 * silently dropped: `rows.length + unmatched.length` equals the number of rows considered.
 */
import { checkInteger, checkOneOf, checkOptions } from "../../core/checks";
import { ArgumentError } from "../../core/errors";
import { type SiteYearTable } from "../../io/site-years";
import { type Matrix } from "../../core/matrix";
import { type Grid, pointToCell } from "../../raster/grid";
import { type SampleMethod, sampleBilinear, sampleNearest } from "../../raster/sample-point";
import { type RasterStack } from "../../raster/stack";
import { checkSiteYearTable, type ExclusionRow } from "./qc";

/** Options of {@link matchSiteYears}. */
export interface MatchOptions {
  /** Rows of the site-year table to consider (default all), e.g. the QC-kept rows; each at most once. */
  rows?: ArrayLike<number>;
  /** "nearest" (default) or "bilinear" for continuous variables. */
  method?: SampleMethod;
  /** Variables always read by nearest cell (default ["landcover"]); each must be in the stack. */
  categorical?: readonly string[];
}

/** The training table: predictors and ALT of the matched site-years. */
export interface TrainingTable {
  /** Predictors (columns = stack variables). */
  x: Matrix;
  /** ALT, cm. */
  y: Float64Array;
  /** Row of the site-year table of each training row. */
  rows: Int32Array;
  /** Grid cell (row-major index) of each training row. */
  cell: Int32Array;
  /** Site id of each training row. */
  site: string[];
  /** Year of each training row. */
  year: Int32Array;
  /** Site-years left out, with the reason. */
  unmatched: ExclusionRow[];
}

/**
 * Join site-years to the stack.
 *
 * @param t - site-year table
 * @param stack - predictor stack (one grid)
 * @param options - rows to consider (default all, e.g. the QC-kept rows), extraction method, categorical variables
 * @returns the training table and the unmatched site-years (rule "outside-grid", "no-year" or
 *   "missing-predictor", with the reason in `threshold`)
 * @throws ArgumentError when the stack is empty, for an unknown option or method, a row index
 *   that is not an integer in range or is given twice, a categorical name not in the stack, or a
 *   malformed table
 * @example
 * const stack = new RasterStack();
 * stack.add({ name: "ati", kind: "annual", raster: makeRaster(lonLatGrid([0, 60, 4, 62], 1), [new Float32Array(8).fill(500)], ["2005"]), source: "ati.tif" });
 * const sites = siteYearsFromCsv(parseCsv("site,lat,lon,year,alt_cm,source\nA,61.5,0.5,2005,52,CALM\nB,70,0.5,2005,40,CALM\n", "s.csv"));
 * const m = matchSiteYears(sites, stack); // or { rows: qcSiteYears(sites).kept }
 * m.site; // ['A']
 * m.unmatched[0].rule; // 'outside-grid'
 */
export function matchSiteYears(t: SiteYearTable, stack: RasterStack, options: MatchOptions = {}): TrainingTable {
  const fn = "matchSiteYears";
  checkSiteYearTable(fn, t);
  checkOptions(fn, "options", options, ["rows", "method", "categorical"]);
  const g = stack?.grid ?? null;
  if (g === null) throw new ArgumentError({ fn, arg: "stack", value: stack, expected: "a RasterStack with at least one variable" }, "the predictor stack is empty");
  const names = stack.names;
  const nRows = t.site.length;
  let rows: ArrayLike<number>;
  if (options.rows === undefined) rows = Int32Array.from({ length: nRows }, (_, i) => i);
  else {
    const r = options.rows;
    if (!(Array.isArray(r) || (ArrayBuffer.isView(r) && !(r instanceof DataView)))) throw new ArgumentError({ fn, arg: "options.rows", value: r, expected: "an array of row indices" }, "not an array");
    const seen = new Uint8Array(nRows);
    for (let k = 0; k < r.length; k++) {
      const i = checkInteger(fn, `options.rows[${k}]`, r[k], { min: 0, max: nRows - 1 });
      if (seen[i] === 1) throw new ArgumentError({ fn, arg: "options.rows", at: k, value: i, expected: "each row at most once" }, "row given twice");
      seen[i] = 1;
    }
    rows = r;
  }
  if (options.categorical !== undefined) {
    if (!Array.isArray(options.categorical)) throw new ArgumentError({ fn, arg: "options.categorical", value: options.categorical, expected: "an array of variable names" }, "not an array");
    options.categorical.forEach((c, k) => checkOneOf(fn, `options.categorical[${k}]`, c, names));
  }
  const categorical = new Set(options.categorical ?? ["landcover"]);
  const method = options.method === undefined ? "nearest" : checkOneOf(fn, "options.method", options.method, ["nearest", "bilinear"] as const);
  return joinSiteYears(t, rows, g, names, new Set(stack.years()), (name, year, lon, lat) => {
    const b = stack.band(name, year)!;
    return method === "bilinear" && !categorical.has(name) ? sampleBilinear(g, b, lon, lat) : sampleNearest(g, b, lon, lat);
  });
}

/**
 * The join shared by matchSiteYears and the windowed matcher of the map side: each row's cell,
 * year and predictor values (from `valueAt`), or its exclusion with the reason.
 *
 * @param t - site-year table
 * @param rows - rows to consider (checked by the caller)
 * @param g - the predictor grid
 * @param names - predictor names (the table's columns)
 * @param years - years with annual predictors
 * @param valueAt - the value of a predictor in a year at a site (NaN when missing)
 * @returns the training table and the unmatched site-years
 */
export function joinSiteYears(t: SiteYearTable, rows: ArrayLike<number>, g: Grid, names: readonly string[], years: ReadonlySet<number>, valueAt: (name: string, year: number, lon: number, lat: number) => number): TrainingTable {
  const p = names.length;
  const x: number[] = [];
  const out = { y: [] as number[], rows: [] as number[], cell: [] as number[], site: [] as string[], year: [] as number[] };
  const unmatched: ExclusionRow[] = [];
  const values = new Float64Array(p);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const lon = t.lon[i]!;
    const lat = t.lat[i]!;
    const year = t.year[i]!;
    const base = { row: i, line: t.line[i]!, ...(t.rowFile === undefined ? {} : { file: t.rowFile[i]! }), site: t.site[i]!, year, value: t.altCm[i]! };
    const [cf, rf] = pointToCell(g, lon, lat);
    const col = Math.floor(cf);
    const rw = Math.floor(rf);
    if (col < 0 || rw < 0 || col >= g.width || rw >= g.height) {
      unmatched.push({ ...base, rule: "outside-grid", threshold: `site (${lon}, ${lat}) is outside the predictor grid` });
      continue;
    }
    if (!years.has(year)) {
      unmatched.push({ ...base, rule: "no-year", threshold: `year ${year} has no annual predictors (${years.size === 0 ? "the stack has no annual variables" : `stack years ${Math.min(...years)}–${Math.max(...years)}`})` });
      continue;
    }
    const missing: string[] = [];
    for (let j = 0; j < p; j++) {
      const v = valueAt(names[j]!, year, lon, lat);
      values[j] = v;
      if (Number.isNaN(v)) missing.push(names[j]!);
    }
    if (missing.length > 0) {
      unmatched.push({ ...base, rule: "missing-predictor", threshold: `no predictor value at the site for ${missing.join(", ")}` });
      continue;
    }
    for (let j = 0; j < p; j++) x.push(values[j]!);
    out.y.push(t.altCm[i]!);
    out.rows.push(i);
    out.cell.push(rw * g.width + col);
    out.site.push(t.site[i]!);
    out.year.push(year);
  }
  return {
    x: { data: Float64Array.from(x), nRows: out.y.length, nCols: p, columns: names },
    y: Float64Array.from(out.y), rows: Int32Array.from(out.rows), cell: Int32Array.from(out.cell), site: out.site, year: Int32Array.from(out.year), unmatched,
  };
}
