/**
 * A seeded random train/test split of row indices, as paper 2 uses for XGBoost (Liu et al. 2025,
 * Methods "XGBoost and SHAP analysis": "randomly split into training (75%) and testing (25%)").
 */
import { checkInteger, checkNumber } from "../core/checks";
import { createRng } from "../random/rng";
import { ArgumentError } from "../core/errors";

/** Row indices of a split, each part sorted ascending. */
export interface RowSplit {
  /** Training rows (0-based, ascending). */
  train: number[];
  /** Held-out rows (0-based, ascending). */
  test: number[];
}

/**
 * Split rows 0…n−1 at random: a seeded permutation, the first round(trainShare · n) rows train, the
 * rest test; both parts sorted ascending so the rows keep the table's order.
 *
 * @param n - number of rows (≥ 2)
 * @param trainShare - share of rows for training, strictly between 0 and 1 (paper 2: 0.75)
 * @param seed - master seed (non-negative integer)
 * @param stream - name of the random stream, so other draws with the same seed are independent
 * @returns the training and test rows
 * @throws ArgumentError when n is not an integer ≥ 2, the share is not in (0, 1), the seed is not a
 *   non-negative integer, or the split leaves either part empty
 * @example
 * const s = randomSplit(4, 0.75, 1, "demo");
 * [s.train.length, s.test.length]; // [3, 1]
 */
export function randomSplit(n: number, trainShare: number, seed: number, stream = ""): RowSplit {
  const fn = "randomSplit";
  checkInteger(fn, "n", n, { min: 2 });
  checkNumber(fn, "trainShare", trainShare, { min: 0, exclusiveMin: true, max: 1 });
  checkInteger(fn, "seed", seed, { min: 0, max: Number.MAX_SAFE_INTEGER });
  const nTrain = Math.round(trainShare * n);
  if (nTrain < 1 || nTrain > n - 1) {
    throw new ArgumentError({ fn, arg: "trainShare", value: trainShare, expected: `a share leaving at least one row in each part of ${n} rows (it gives ${nTrain} training rows)` }, "empty part");
  }
  const perm = createRng(seed, stream).permutation(n);
  return {
    train: Array.from(perm.subarray(0, nTrain)).sort((a, b) => a - b),
    test: Array.from(perm.subarray(nTrain)).sort((a, b) => a - b),
  };
}
