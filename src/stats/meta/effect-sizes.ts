/**
 * Effect sizes for the meta-analysis tutorial: the log risk ratio of a 2×2 table, as
 * metafor's `escalc(measure = "RR")` computes it (no continuity correction needed when no
 * cell is 0).
 */
import { DataError } from "../../core/errors";

/**
 * Log risk ratio and its sampling variance for each trial.
 *
 * @param tpos - events in the treated arm
 * @param tneg - non-events in the treated arm
 * @param cpos - events in the control arm
 * @param cneg - non-events in the control arm
 * @returns `yi` = ln[(tpos/(tpos+tneg)) / (cpos/(cpos+cneg))] and
 *   `vi` = 1/tpos − 1/(tpos+tneg) + 1/cpos − 1/(cpos+cneg)
 * @throws DataError naming the trial (0-based) when a cell is ≤ 0 or not finite
 */
export function logRiskRatio(tpos: ArrayLike<number>, tneg: ArrayLike<number>, cpos: ArrayLike<number>, cneg: ArrayLike<number>): { yi: Float64Array; vi: Float64Array } {
  const k = tpos.length;
  const yi = new Float64Array(k);
  const vi = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const a = tpos[i]!, b = tneg[i]!, c = cpos[i]!, d = cneg[i]!;
    for (const [name, x] of [["tpos", a], ["tneg", b], ["cpos", c], ["cneg", d]] as const) {
      if (!(Number.isFinite(x) && x > 0)) throw new DataError({ file: `trial ${i}`, column: name }, `cell is ${x}; zero cells need a continuity correction`);
    }
    yi[i] = Math.log(a / (a + b) / (c / (c + d)));
    vi[i] = 1 / a - 1 / (a + b) + 1 / c - 1 / (c + d);
  }
  return { yi, vi };
}
