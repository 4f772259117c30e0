/**
 * Rounding-aware identity check of paper 2's offsets (Liu et al. 2025, Methods "Temperature
 * offsets"): Eq. 1, SO = MAGST − MAAT, and Eq. 2, TO = TTOP − MAGST, recomputed from Table 1's
 * printed temperatures and compared with its printed SO and TO.
 */
import { ArgumentError } from "../../core/errors";
import { checkOneOf } from "../../core/checks";
import { type Table1, type Table1Variable, checkTable1 } from "./table1";

/** The terms of Eqs 1–2: offset = minuend − subtrahend. */
export const OFFSET_EQUATIONS: Readonly<Record<"SO" | "TO", { minuend: Table1Variable; subtrahend: Table1Variable; equation: string }>> = {
  SO: { minuend: "MAGST", subtrahend: "MAAT", equation: "Eq. 1" },
  TO: { minuend: "TTOP", subtrahend: "MAGST", equation: "Eq. 2" },
};

/**
 * A row whose printed offset differs from the recomputed one by more than rounding allows (°C).
 * A type alias (not an interface) so rows can be passed to `showTable` directly.
 */
export type OffsetMismatch = {
  /** Row number as printed in Table 1. */
  No: number;
  /** Site name. */
  site: string;
  /** The printed offset (°C). */
  printed: number;
  /** The recomputed offset, rounded to 4 decimals (°C). */
  recomputed: number;
  /** printed − recomputed, rounded to 4 decimals (°C). */
  difference: number;
  /** The tolerance used, rounded to 3 decimals (°C). */
  tolerance: number;
};

/** Result of {@link offsetIdentityCheck}. */
export interface OffsetIdentity {
  /** Rows that disagree beyond rounding, in table order. */
  rows: OffsetMismatch[];
  /** The recomputed offset of every row (°C, unrounded). */
  recomputed: Float64Array;
}

/**
 * Recompute SO (Eq. 1) or TO (Eq. 2) from Table 1's printed temperatures and list the rows where
 * the printed offset differs by more than rounding allows. The tolerance of a row is half a unit in
 * the last printed digit of the offset, plus half a unit in the last printed digit of each of the
 * two temperatures (each was itself rounded), plus 10⁻⁹ °C for floating point.
 *
 * @param t - Table 1 from {@link loadTable1}
 * @param offset - "SO" (Eq. 1: MAGST − MAAT) or "TO" (Eq. 2: TTOP − MAGST)
 * @returns the mismatching rows and every row's recomputed offset (°C)
 * @throws ArgumentError for a value that is not a loaded Table 1, an offset other than "SO" or
 *   "TO", or printed-decimal counts (`t.decimals`) missing or of the wrong length
 * @example
 * const c = offsetIdentityCheck(loadTable1(), "SO");
 * c.recomputed.length; // 117
 */
export function offsetIdentityCheck(t: Table1, offset: "SO" | "TO"): OffsetIdentity {
  const fn = "offsetIdentityCheck";
  checkTable1(fn, t, "t");
  checkOneOf(fn, "offset", offset, ["SO", "TO"] as const);
  const { minuend: a, subtrahend: b } = OFFSET_EQUATIONS[offset];
  for (const v of [offset, a, b]) {
    const d = (t.decimals as Partial<Record<Table1Variable, unknown>> | undefined)?.[v];
    if (!(d instanceof Int8Array) || d.length !== t.n) throw new ArgumentError({ fn, arg: `t.decimals.${v}`, value: d, expected: `an Int8Array of ${t.n} decimal counts` }, "missing or wrong length");
  }
  const rows: OffsetMismatch[] = [];
  const recomputed = new Float64Array(t.n);
  const half = (d: number): number => 0.5 * 10 ** -d;
  for (let i = 0; i < t.n; i++) {
    const r = t.values[a][i]! - t.values[b][i]!;
    recomputed[i] = r;
    const tol = half(t.decimals[offset][i]!) + half(t.decimals[a][i]!) + half(t.decimals[b][i]!) + 1e-9;
    const diff = t.values[offset][i]! - r;
    if (Math.abs(diff) > tol) rows.push({ No: t.no[i]!, site: t.site[i]!, printed: t.values[offset][i]!, recomputed: Number(r.toFixed(4)), difference: Number(diff.toFixed(4)), tolerance: Number(tol.toFixed(3)) });
  }
  return { rows, recomputed };
}
