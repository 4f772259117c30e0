/**
 * Paper 2's descriptive tables (Liu et al. 2025, Methods "Descriptive analysis of temperature
 * offsets", Eq. 3): n, mean, SD, SE, t-based 95 % CI and CV of each variable per region or
 * sub-region of Table 1, and the lookup of a site's row by name.
 */
import { ArgumentError } from "../../core/errors";
import { checkArray, isList } from "../../core/checks";
import { type Summary, summarize } from "../../stats/descriptive";
import { type Table1, checkTable1, table1Rows } from "./table1";

/**
 * {@link summarize} of every column for the rows of each group of Table 1 (missing values, e.g.
 * blank ALT, are skipped and counted in each summary's `nMissing`).
 *
 * @param t - Table 1 from {@link loadTable1}
 * @param by - group by "region" or "subRegion"
 * @param groups - the group names, in the order wanted (a name with no rows gives n = 0 summaries)
 * @param columns - variable name → one value per Table 1 row (°C; ALT in cm); NaN = missing
 * @returns group → variable → summary, in the order of `groups` and `columns`
 * @throws ArgumentError for a broken table, a `by` other than "region"/"subRegion", groups that
 *   are not a list of names, or a column of the wrong length or with ±Infinity (named)
 * @example
 * const t = loadTable1();
 * table1GroupSummaries(t, "region", ["Antarctica"], { SO: t.values.SO }).Antarctica!.SO!.n; // 19
 */
export function table1GroupSummaries(t: Table1, by: "region" | "subRegion", groups: readonly string[], columns: Readonly<Record<string, ArrayLike<number>>>): Record<string, Record<string, Summary>> {
  const fn = "table1GroupSummaries";
  checkTable1(fn, t, "t");
  if (!isList(groups)) throw new ArgumentError({ fn, arg: "groups", value: groups, expected: "a list of group names" }, "not a list");
  groups.forEach((g, k) => {
    if (typeof g !== "string") throw new ArgumentError({ fn, arg: "groups", at: k, value: g, expected: "a group name" }, "not a name");
  });
  if (columns === null || typeof columns !== "object") throw new ArgumentError({ fn, arg: "columns", value: columns, expected: "an object of named columns" }, "not an object");
  for (const [v, col] of Object.entries(columns)) checkArray(fn, `columns.${v}`, col, { allowNaN: true, length: t.n, lengthOf: "t.n" });
  const out: Record<string, Record<string, Summary>> = {};
  for (const g of groups) {
    const rows = table1Rows(t, by, g);
    const group: Record<string, Summary> = {};
    for (const [v, col] of Object.entries(columns)) group[v] = summarize(rows.map((i) => col[i]!));
    out[g] = group;
  }
  return out;
}

/**
 * The 0-based row of a site in Table 1, by its printed name.
 *
 * @param t - Table 1 from {@link loadTable1}
 * @param site - the site's name exactly as printed (e.g. "Scott Base")
 * @returns the row index
 * @throws ArgumentError when no site has that name
 * @example
 * table1SiteIndex(loadTable1(), "Scott Base"); // 115
 */
export function table1SiteIndex(t: Table1, site: string): number {
  checkTable1("table1SiteIndex", t, "t");
  const i = t.site.indexOf(site);
  if (i < 0) throw new ArgumentError({ fn: "table1SiteIndex", arg: "site", value: site, expected: "a site name printed in Table 1" }, "no such site");
  return i;
}
