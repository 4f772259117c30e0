/**
 * Matching site-years to gridded predictors in space and time (paper 1 §2.2: "The in-situ ALT
 * measurements were spatially and temporally matched with gridded environmental predictors"):
 * each site-year gets that year's band of every annual predictor and the static ones, read at
 * the site (nearest cell by default; bilinear optional for continuous variables, categorical
 * ones always nearest). A site-year with any predictor missing is listed with the reason and
 * left out of the training table, never silently dropped.
 */
import { type SiteYearTable } from "../../io/site-years";
import { type Matrix } from "../../core/matrix";
import { pointToCell } from "../../raster/grid";
import { type SampleMethod, sampleBilinear, sampleNearest } from "../../raster/sample-point";
import { type RasterStack } from "../../raster/stack";
import { type ExclusionRow } from "./qc";

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
 * @returns the training table and the unmatched site-years
 * @throws RangeError when the stack is empty
 */
export function matchSiteYears(t: SiteYearTable, stack: RasterStack, options: { rows?: ArrayLike<number>; method?: SampleMethod; categorical?: readonly string[] } = {}): TrainingTable {
  const g = stack.grid;
  if (g === null) throw new RangeError("matchSiteYears: the predictor stack is empty");
  const names = stack.names;
  const p = names.length;
  const rows = options.rows ?? Int32Array.from({ length: t.site.length }, (_, i) => i);
  const categorical = new Set(options.categorical ?? ["landcover"]);
  const method = options.method ?? "nearest";
  const x: number[] = [];
  const out = { y: [] as number[], rows: [] as number[], cell: [] as number[], site: [] as string[], year: [] as number[] };
  const unmatched: ExclusionRow[] = [];
  const years = new Set(stack.years());
  const values = new Float64Array(p);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const lon = t.lon[i]!;
    const lat = t.lat[i]!;
    const year = t.year[i]!;
    const base = { row: i, line: t.line[i]!, site: t.site[i]!, year, value: t.altCm[i]!, rule: "unmatched" };
    const [cf, rf] = pointToCell(g, lon, lat);
    const col = Math.floor(cf);
    const rw = Math.floor(rf);
    if (col < 0 || rw < 0 || col >= g.width || rw >= g.height) {
      unmatched.push({ ...base, threshold: `site (${lon}, ${lat}) is outside the predictor grid` });
      continue;
    }
    if (!years.has(year)) {
      unmatched.push({ ...base, threshold: `year ${year} has no annual predictors (stack years ${Math.min(...years)}–${Math.max(...years)})` });
      continue;
    }
    const missing: string[] = [];
    for (let j = 0; j < p; j++) {
      const name = names[j]!;
      const b = stack.band(name, year)!;
      const v = method === "bilinear" && !categorical.has(name) ? sampleBilinear(g, b, lon, lat) : sampleNearest(g, b, lon, lat);
      values[j] = v;
      if (Number.isNaN(v)) missing.push(name);
    }
    if (missing.length > 0) {
      unmatched.push({ ...base, threshold: `no predictor value at the site for ${missing.join(", ")}` });
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
