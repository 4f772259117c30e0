/**
 * Paper 2's study groups for the meta-analysis (Liu et al. 2025, Methods "Meta-analysis", Eq. 8):
 * each region × class (vegetation class for SO and snow, soil texture for TO and moisture) is one
 * "study", and {@link groupSlopes} fits the offset on the drivers' PC1 within each.
 */
import { ArgumentError } from "../../core/errors";
import { checkOneOf, isList } from "../../core/checks";
import { type GroupSlopesResult, groupSlopes } from "../../stats/meta/group-slopes";
import { type Table1, checkTable1 } from "./table1";
import { PREDICTOR_NAMES, type PredictorName, type SitePredictors } from "./predictors";

/**
 * Effect sizes of drivers on SO or TO per study group "region / class" (Eq. 8): the offset column of
 * Table 1, the named driver columns of the predictor table, groups keyed by region and class, the
 * region as subgroup and the site names as row labels. Rows with a missing value are skipped and
 * listed in the result's exclusion ledger (see {@link groupSlopes}).
 *
 * @param t - Table 1 from {@link loadTable1} (offsets in °C)
 * @param preds - the site predictors from {@link loadSitePredictors}, one row per Table 1 row
 * @param offset - "SO" or "TO"
 * @param classes - the class of each site (e.g. `preds.vegetation` or `preds.soil`)
 * @param drivers - the driver columns (e.g. ["SNOW_DEPTH", "SNOW_DENSITY", "SNOW_COVER"])
 * @returns the effects per group, the exclusion ledger and its counts
 * @throws ArgumentError for a broken table, an offset other than SO/TO, classes that are not one
 *   name per row, an unknown driver or a driver column of the wrong length, or whatever
 *   {@link groupSlopes} refuses
 * @example
 * const t = loadTable1(); const preds = loadSitePredictors(t, loadSiteCoordinates(t));
 * offsetGroupSlopes(t, preds, "SO", preds.vegetation, ["SNOW_DEPTH"]).effects.length; // 8 (with the shipped synthetic predictors)
 */
export function offsetGroupSlopes(t: Table1, preds: SitePredictors, offset: "SO" | "TO", classes: readonly string[], drivers: readonly PredictorName[]): GroupSlopesResult {
  const fn = "offsetGroupSlopes";
  checkTable1(fn, t, "t");
  checkOneOf(fn, "offset", offset, ["SO", "TO"] as const);
  if (!isList(classes) || classes.length !== t.n) throw new ArgumentError({ fn, arg: "classes", value: isList(classes) ? classes.length : classes, expected: `${t.n} class names (one per Table 1 row)` }, "wrong length or not a list");
  classes.forEach((c, i) => {
    if (typeof c !== "string") throw new ArgumentError({ fn, arg: "classes", at: i, value: c, expected: "a class name" }, "not a name");
  });
  if (!isList(drivers) || drivers.length === 0) throw new ArgumentError({ fn, arg: "drivers", value: drivers, expected: "at least one predictor name" }, "no drivers");
  const d: Record<string, Float64Array> = {};
  drivers.forEach((name, k) => {
    checkOneOf(fn, `drivers[${k}]`, name, PREDICTOR_NAMES);
    const col = preds?.values?.[name];
    if (!(col instanceof Float64Array) || col.length !== t.n) throw new ArgumentError({ fn, arg: `preds.values.${name}`, value: col instanceof Float64Array ? col.length : col, expected: `a Float64Array of ${t.n} values` }, "wrong length or missing");
    d[name] = col;
  });
  const group = t.region.map((r, i) => `${r} / ${classes[i]}`);
  return groupSlopes({ offset: t.values[offset], drivers: d, group: group, subgroup: t.region, rowLabels: t.site });
}
