/**
 * Effect sizes for the meta-analysis tutorial: the log risk ratio of a 2×2 table, as
 * metafor's `escalc(measure = "RR")` computes it (no continuity correction needed when no
 * cell is 0).
 */
import { ArgumentError } from "../../core/errors";
import { checkArray, checkSameLength } from "../../core/checks";

/**
 * Log risk ratio and its sampling variance for each trial.
 *
 * No continuity correction is applied, so every cell must be > 0: a trial with a zero cell is
 * refused (escalc would add 1/2 to each of its cells; do that yourself if it is what you want).
 *
 * @param tpos - events in the treated arm (counts > 0)
 * @param tneg - non-events in the treated arm (counts > 0)
 * @param cpos - events in the control arm (counts > 0)
 * @param cneg - non-events in the control arm (counts > 0)
 * @returns `yi` = ln[(tpos/(tpos+tneg)) / (cpos/(cpos+cneg))] and
 *   `vi` = 1/tpos − 1/(tpos+tneg) + 1/cpos − 1/(cpos+cneg)
 * @throws ArgumentError naming the cell array and the trial (0-based index) when the arrays
 *   differ in length or are empty, or a cell is NaN, infinite, negative or 0
 * @example
 * logRiskRatio([4], [119], [11], [128]).yi[0]; // -0.8893
 */
export function logRiskRatio(tpos: ArrayLike<number>, tneg: ArrayLike<number>, cpos: ArrayLike<number>, cneg: ArrayLike<number>): { yi: Float64Array; vi: Float64Array } {
  const fn = "logRiskRatio";
  const cells = [["tpos", tpos], ["tneg", tneg], ["cpos", cpos], ["cneg", cneg]] as const;
  const first = checkArray(fn, "tpos", tpos, { minLength: 1 });
  for (const [name, a] of cells) {
    const arr = checkArray(fn, name, a);
    checkSameLength(fn, "tpos", first, name, arr);
    for (let i = 0; i < arr.length; i++) {
      const x = arr[i]!;
      if (x < 0) throw new ArgumentError({ fn, arg: name, at: i, value: x, expected: "a count ≥ 0" }, `trial ${i}: negative count`);
      if (x === 0) throw new ArgumentError({ fn, arg: name, at: i, value: x, expected: "a count > 0 (zero cells need a continuity correction, e.g. add 0.5 to every cell of that trial)" }, `trial ${i}: zero cell`);
    }
  }
  const k = first.length;
  const yi = new Float64Array(k);
  const vi = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const a = tpos[i]!, b = tneg[i]!, c = cpos[i]!, d = cneg[i]!;
    yi[i] = Math.log(a / (a + b) / (c / (c + d)));
    vi[i] = 1 / a - 1 / (a + b) + 1 / c - 1 / (c + d);
  }
  return { yi, vi };
}
