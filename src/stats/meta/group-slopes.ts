/**
 * Per-group effect sizes for paper 2's meta-analysis (Methods, "Meta-analysis"): within each
 * study group (a region × vegetation or region × soil combination), collinear drivers are
 * reduced to PC1 by PCA of standardized variables, the offset is regressed on PC1 (or on the
 * single driver that varies), Eq. 8, and the slope with its SE is the group's effect size.
 * Groups with insufficient data are excluded and listed with the reason, never dropped
 * silently; so are rows with a missing value.
 */
import { ArgumentError } from "../../core/errors";
import { checkArray, checkInteger, checkOptions } from "../../core/checks";
import { olsSimple } from "../ols-simple";
import { pca } from "../pca";
import { checkLabels } from "../stat-checks";

/** Input rows: an offset, drivers, and each row's study group and subgroup (region). */
export interface GroupSlopeInput {
  /** The response (e.g. TO or SO, °C). */
  offset: ArrayLike<number>;
  /** Driver columns by name (e.g. SWC1..SWC4, PRECIP). */
  drivers: Record<string, ArrayLike<number>>;
  /** Study-group key of each row (e.g. "Arctic / loam"). */
  group: readonly string[];
  /** Subgroup (region) of each row; must be constant within a group. */
  subgroup: readonly string[];
  /** Row labels (e.g. site names) for the exclusion ledger. */
  rowLabels?: readonly string[];
  /** Minimum rows for a group's regression (default 4: slope SE with ≥ 2 residual df; at least 3). */
  minN?: number;
}

/** What {@link groupSlopes} returns. */
export interface GroupSlopesResult {
  /** One effect per group that qualified. */
  effects: GroupSlope[];
  /** The exclusion ledger: every row and group left out, with its reason. */
  excluded: SlopeExclusion[];
  /** Rows left out for a missing value (NaN), = the "row" entries of the ledger. */
  nRowsExcluded: number;
  /** Groups left out, = the "group" entries of the ledger; effects + groups excluded = all groups. */
  nGroupsExcluded: number;
  /** Distinct groups in the input. */
  nGroups: number;
}

/** One group's effect size. */
export interface GroupSlope {
  /** Study-group key. */
  group: string;
  /** Its subgroup (region). */
  subgroup: string;
  /** Rows used. */
  n: number;
  /** "PC1" or the name of the single varying driver. */
  predictor: string;
  /** Drivers that varied within the group (and entered the PCA). */
  driversUsed: string[];
  /** Share of variance explained by PC1 (null when a single driver was used). */
  explained: number | null;
  /** Slope (offset units per predictor unit; per SD of PC1). */
  slope: number;
  /** Its standard error. */
  seSlope: number;
}

/** A row or group left out, with the reason. */
export interface SlopeExclusion {
  /** "row" or "group". */
  level: "row" | "group";
  /** Group key. */
  group: string;
  /** Row label (for row exclusions). */
  row?: string;
  /** Rows in the group when excluded (for group exclusions). */
  n?: number;
  /** Why. */
  reason: string;
}

const INPUT_KEYS = ["offset", "drivers", "group", "subgroup", "rowLabels", "minN"] as const;

/**
 * Compute one slope per study group.
 *
 * Rows with a missing value (NaN) in the offset or any driver are skipped and listed in the
 * ledger (level "row"); groups with fewer than `minN` complete rows (an empty group included),
 * no varying driver, or a perfect fit are skipped and listed (level "group"), each with its
 * reason, and both are counted (`nRowsExcluded`, `nGroupsExcluded`).
 *
 * @param input - offset, drivers, group and subgroup per row
 * @returns the effects, the exclusion ledger and its counts
 * @throws ArgumentError for an unknown input field, no drivers, lengths that differ from the
 *   offset's, ±Infinity (with its row), a group or subgroup label that is not a non-empty
 *   string, a minN that is not an integer ≥ 3, or a group that spans several subgroups
 * @example
 * groupSlopes({ offset: [1, 2, 3, 4], drivers: { swc: [1, 2, 3, 5] }, group: ["g", "g", "g", "g"], subgroup: ["A", "A", "A", "A"] }).effects.length; // 1
 */
export function groupSlopes(input: GroupSlopeInput): GroupSlopesResult {
  const fn = "groupSlopes";
  if (input === null || typeof input !== "object") throw new ArgumentError({ fn, arg: "input", value: input, expected: "an object { offset, drivers, group, subgroup, rowLabels?, minN? }" }, "not an object");
  checkOptions(fn, "input", input, INPUT_KEYS);
  const offset = checkArray(fn, "input.offset", input.offset, { allowNaN: true });
  const n = offset.length;
  if (input.drivers === null || typeof input.drivers !== "object" || Array.isArray(input.drivers)) {
    throw new ArgumentError({ fn, arg: "input.drivers", value: input.drivers, expected: "an object of driver columns by name" }, "not an object");
  }
  const names = Object.keys(input.drivers);
  if (names.length === 0) throw new ArgumentError({ fn, arg: "input.drivers", value: input.drivers, expected: "at least one driver column" }, "no drivers");
  for (const name of names) checkArray(fn, `input.drivers.${name}`, input.drivers[name], { allowNaN: true, length: n, lengthOf: "input.offset" });
  checkLabels(fn, "input.group", input.group, n, "input.offset");
  checkLabels(fn, "input.subgroup", input.subgroup, n, "input.offset");
  const labels = input.rowLabels !== undefined ? checkLabels(fn, "input.rowLabels", input.rowLabels, n, "input.offset") : Array.from({ length: n }, (_, i) => `row ${i}`);
  if (input.minN !== undefined) checkInteger(fn, "input.minN", input.minN, { min: 3 });
  const minN = input.minN ?? 4;
  const effects: GroupSlope[] = [];
  const excluded: SlopeExclusion[] = [];
  const groups = [...new Set(input.group)];
  for (const g of groups) {
    const rows: number[] = [];
    const subs = new Set<string>();
    for (let i = 0; i < n; i++) {
      if (input.group[i] !== g) continue;
      subs.add(input.subgroup[i]!);
      const bad = [Number.isNaN(offset[i]) ? "offset" : null, ...names.map((d) => (Number.isNaN(input.drivers[d]![i]) ? d : null))].filter((x) => x !== null);
      if (bad.length > 0) excluded.push({ level: "row", group: g, row: labels[i]!, reason: `missing value in ${bad.join(", ")}` });
      else rows.push(i);
    }
    if (subs.size > 1) throw new ArgumentError({ fn, arg: "input.subgroup", at: `group ${JSON.stringify(g)}`, value: [...subs], expected: "one subgroup per group" }, `group ${JSON.stringify(g)} spans several subgroups (${[...subs].join(", ")})`);
    const subgroup = [...subs][0]!;
    if (rows.length < minN) {
      excluded.push({ level: "group", group: g, n: rows.length, reason: `insufficient data: ${rows.length} rows, at least ${minN} needed for a stable regression` });
      continue;
    }
    const y = rows.map((i) => input.offset[i]!);
    const varying = names.filter((d) => {
      const x = rows.map((i) => input.drivers[d]![i]!);
      return Math.max(...x) > Math.min(...x);
    });
    if (varying.length === 0) {
      excluded.push({ level: "group", group: g, n: rows.length, reason: "insufficient variation: no driver varies within the group" });
      continue;
    }
    let x: ArrayLike<number>;
    let explained: number | null = null;
    if (varying.length === 1) x = rows.map((i) => input.drivers[varying[0]!]![i]!);
    else {
      const p = pca(varying.map((d) => rows.map((i) => input.drivers[d]![i]!)), varying);
      x = p.scores;
      explained = p.explained;
    }
    const fit = olsSimple(x, y, g);
    if (!(fit.seSlope > 0)) {
      excluded.push({ level: "group", group: g, n: rows.length, reason: "perfect fit: the slope's SE is 0" });
      continue;
    }
    effects.push({ group: g, subgroup, n: rows.length, predictor: varying.length === 1 ? varying[0]! : "PC1", driversUsed: varying, explained, slope: fit.slope, seSlope: fit.seSlope });
  }
  const nRowsExcluded = excluded.filter((e) => e.level === "row").length;
  const nGroupsExcluded = excluded.length - nRowsExcluded;
  return { effects, excluded, nRowsExcluded, nGroupsExcluded, nGroups: groups.length };
}
