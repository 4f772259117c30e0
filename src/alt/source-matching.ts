/**
 * Site-year matching for inputs too large to load (issue 15): the same join as matchSiteYears
 * (paper 1 §2.2–2.3: each site-year takes the predictors of its pixel in its year, nearest cell),
 * but the predictor values are read by window from an {@link AltInputSource}, one row block at a
 * time and only the columns that hold sites, so memory is bounded by a row block, not the map.
 * The training table equals matchSiteYears' on the same inputs (tested on the quick world).
 */
import { ArgumentError } from "../core/errors";
import { checkInteger, isList } from "../core/checks";
import { type TrainingTable, joinSiteYears } from "../data/site-years/match";
import { checkSiteYearTable } from "../data/site-years/qc";
import { type SiteYearTable } from "../io/site-years";
import { pointToCell } from "../raster/grid";
import { type AltInputSource } from "./input-source";

/** Rows of the grid read at once while matching (a window is at most this many rows × the grid's width). */
export const MATCH_ROW_BLOCK = 256;

/**
 * Join site-years to the predictors of an input source, reading by window.
 *
 * @param t - site-year table (e.g. pooled from the manifest's files)
 * @param source - the inputs (openAltInputs)
 * @param rows - rows of `t` to consider (e.g. the QC-kept rows; default all)
 * @returns the training table (columns: the source's predictors in alphabetical order, as
 *   loadAltInputs' stack) and the unmatched site-years with their reason
 * @throws ArgumentError for a malformed table or a row index that is not an integer in range
 * @throws DataError (from the readers) naming the manifest key and file of an unreadable input
 * @example
 * const inputs = await loadAltInputs(altSettings("quick"));
 * const t = await matchSiteYearsFromSource(inputs.sites, inputs.source, inputs.qc.kept);
 * t.y.length === inputs.table.y.length; // true
 */
export async function matchSiteYearsFromSource(t: SiteYearTable, source: AltInputSource, rows?: ArrayLike<number>): Promise<TrainingTable> {
  const fn = "matchSiteYearsFromSource";
  checkSiteYearTable(fn, t);
  const n = t.site.length;
  const use: ArrayLike<number> = rows ?? Int32Array.from({ length: n }, (_, i) => i);
  if (!(isList(use) || ArrayBuffer.isView(use))) throw new ArgumentError({ fn, arg: "rows", value: use, expected: "an array of row indices" }, "not an array");
  for (let k = 0; k < use.length; k++) checkInteger(fn, `rows[${k}]`, use[k], { min: 0, max: n - 1 });
  const g = source.grid;
  const years = new Set(source.years);
  const names = source.predictors.map((p) => p.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // the cells each (predictor, year) must be read at
  const need = new Map<number, Set<number>>(); // year → cells
  for (let k = 0; k < use.length; k++) {
    const i = use[k]!;
    const [cf, rf] = pointToCell(g, t.lon[i]!, t.lat[i]!);
    const col = Math.floor(cf);
    const row = Math.floor(rf);
    if (col < 0 || row < 0 || col >= g.width || row >= g.height || !years.has(t.year[i]!)) continue;
    const set = need.get(t.year[i]!) ?? new Set<number>();
    set.add(row * g.width + col);
    need.set(t.year[i]!, set);
  }
  const values = new Map<string, number>();
  const allCells = new Set<number>();
  for (const cells of need.values()) for (const c of cells) allCells.add(c);
  for (const p of source.predictors) {
    const byYear: [number, Set<number>][] = p.kind === "annual" ? [...need.entries()] : [[0, allCells]];
    for (const [year, cells] of byYear) {
      const blocks = new Map<number, number[]>();
      for (const c of cells) {
        const b = Math.floor(Math.floor(c / g.width) / MATCH_ROW_BLOCK);
        const list = blocks.get(b) ?? [];
        list.push(c);
        blocks.set(b, list);
      }
      for (const [b, list] of blocks) {
        const cols = list.map((c) => c % g.width);
        const rowsOf = list.map((c) => Math.floor(c / g.width));
        const w = { col0: Math.min(...cols), row0: Math.min(...rowsOf), col1: Math.max(...cols) + 1, row1: Math.max(...rowsOf) + 1 };
        if (w.row0 < b * MATCH_ROW_BLOCK) throw new ArgumentError({ fn, arg: "rows", value: w.row0, expected: "cells inside their row block" }, "internal error: row block");
        const v = await source.readPredictor(p.name, year, w);
        const ww = w.col1 - w.col0;
        for (const c of list) values.set(`${p.name}|${year}|${c}`, v[(Math.floor(c / g.width) - w.row0) * ww + (c % g.width) - w.col0]!);
      }
    }
  }
  const kindOf = new Map(source.predictors.map((p) => [p.name, p.kind]));
  return joinSiteYears(t, use, g, names, years, (name, year, lon, lat) => {
    const c = Math.floor((lon - g.originX) / g.resX);
    const r = Math.floor((g.originY - lat) / g.resY);
    return values.get(`${name}|${kindOf.get(name) === "annual" ? year : 0}|${r * g.width + c}`) ?? NaN;
  });
}
