/**
 * Per-group effect sizes for paper 2's meta-analysis (Methods, "Meta-analysis"): within each
 * study group (a region × vegetation or region × soil combination), collinear drivers are
 * reduced to PC1 by PCA of standardized variables, the offset is regressed on PC1 (or on the
 * single driver that varies), Eq. 8, and the slope with its SE is the group's effect size.
 * Groups with insufficient data are excluded and listed with the reason, never dropped
 * silently; so are rows with a missing value.
 */
import { DataError } from "../../core/errors";
import { olsSimple } from "../ols-simple";
import { pca } from "../pca";

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
  /** Minimum rows for a group's regression (default 4: slope SE with ≥ 2 residual df). */
  minN?: number;
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

/**
 * Compute one slope per study group.
 *
 * @param input - offset, drivers, group and subgroup per row
 * @returns the effects and the exclusion ledger
 * @throws DataError when lengths differ or a group spans several subgroups
 */
export function groupSlopes(input: GroupSlopeInput): { effects: GroupSlope[]; excluded: SlopeExclusion[] } {
  const n = input.offset.length;
  const names = Object.keys(input.drivers);
  const labels = input.rowLabels ?? Array.from({ length: n }, (_, i) => `row ${i}`);
  for (const name of names) if (input.drivers[name]!.length !== n) throw new DataError({ file: "groupSlopes", column: name }, `has ${input.drivers[name]!.length} rows, offset has ${n}`);
  if (input.group.length !== n || input.subgroup.length !== n) throw new DataError({ file: "groupSlopes" }, "group/subgroup length differs from offset");
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
      const bad = [Number.isFinite(input.offset[i]) ? null : "offset", ...names.map((d) => (Number.isFinite(input.drivers[d]![i]) ? null : d))].filter((x) => x !== null);
      if (bad.length > 0) excluded.push({ level: "row", group: g, row: labels[i]!, reason: `missing value in ${bad.join(", ")}` });
      else rows.push(i);
    }
    if (subs.size > 1) throw new DataError({ file: "groupSlopes" }, `group ${JSON.stringify(g)} spans several subgroups (${[...subs].join(", ")})`);
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
  return { effects, excluded };
}
