/**
 * Coverage of a known truth by an uncertainty band (paper 1 §2.4.2, Figs 4b–c and 5b–d): the
 * share of pixels whose true value lies inside the per-pixel [low, high] band, e.g. the
 * 2.5–97.5 % quantile maps of the bootstrap and model-structure replicates. The paper cannot
 * ask this (its truth is unknown); the demo world can.
 */
import { ArgumentError } from "../core/errors";
import { checkArray, checkSameLength, isList } from "../core/checks";

/**
 * Share of pixels whose truth lies inside its band, low ≤ truth ≤ high (both ends inclusive),
 * optionally among the pixels a mask keeps. A pixel whose low, high or truth is NaN counts as
 * not covered (NaN compares false).
 *
 * @param low - lower band edge per pixel (units of the truth, e.g. cm or cm yr⁻¹)
 * @param high - upper band edge per pixel, same order and length
 * @param truth - true value per pixel, same order and length
 * @param keep - optional mask: only pixels with `keep[i] === true` are counted (e.g. strong trends)
 * @returns the share covered, 0–1; NaN when the mask keeps no pixel
 * @throws ArgumentError when an argument is not an array, the lengths differ, or the mask holds a
 *   value that is not a boolean (index named)
 * @example
 * bandCoverage([0, 0, 0], [1, 1, 1], [0.5, 2, 1]); // 0.6666666666666666
 * bandCoverage([0, 0, 0], [1, 1, 1], [0.5, 2, 1], [false, true, true]); // 0.5
 */
export function bandCoverage(low: ArrayLike<number>, high: ArrayLike<number>, truth: ArrayLike<number>, keep?: ArrayLike<boolean>): number {
  const fn = "bandCoverage";
  checkArray(fn, "truth", truth, { allowNaN: true });
  checkArray(fn, "low", low, { allowNaN: true, length: truth.length, lengthOf: "truth.length" });
  checkArray(fn, "high", high, { allowNaN: true, length: truth.length, lengthOf: "truth.length" });
  if (keep !== undefined) {
    if (!isList(keep)) throw new ArgumentError({ fn, arg: "keep", value: keep, expected: "an array of booleans" }, "not an array");
    checkSameLength(fn, "truth", truth, "keep", keep);
    for (let i = 0; i < keep.length; i++) {
      if (typeof keep[i] !== "boolean") throw new ArgumentError({ fn, arg: "keep", at: i, value: keep[i], expected: "true or false" }, "not a boolean");
    }
  }
  let n = 0;
  let k = 0;
  for (let i = 0; i < truth.length; i++) {
    if (keep !== undefined && !keep[i]) continue;
    n++;
    if (truth[i]! >= low[i]! && truth[i]! <= high[i]!) k++;
  }
  return n > 0 ? k / n : NaN;
}
