/**
 * Internal to training (./train.ts): the rank coding that makes ml-xgboost treat missing values
 * exactly as xgboost does. Each feature is replaced by the rank of its float32 value among the
 * training values (0, 1, 2, …), and NaN by −1, which the engine treats as missing and sends to a
 * learned default direction, as xgboost does (xgboost's sparsity-aware split finding, Chen &
 * Guestrin 2016, Algorithm 3). A rank transform is strictly monotone, so every candidate split
 * partitions the training rows exactly as on the original values: the gains, the chosen splits,
 * default directions, leaf values and covers are identical. A real −1 is just another value and
 * is never missing. The thresholds are mapped back to the original scale by ./thresholds.ts.
 */

/** Per-feature sorted unique float32 training values and the rank-coded matrix. */
export interface RankCoding { values: Float32Array[]; coded: number[][] }

/**
 * Rank-code the features: each value becomes the rank of its float32 value among the feature's
 * distinct non-missing training values, NaN becomes −1.
 *
 * @param x - row-major features, nRows × nCols (NaN = missing)
 * @param nRows - number of rows
 * @param nCols - number of features
 * @returns the sorted distinct float32 values of each feature and the coded rows
 */
export function rankCode(x: ArrayLike<number>, nRows: number, nCols: number): RankCoding {
  const values: Float32Array[] = [];
  const coded: number[][] = Array.from({ length: nRows }, () => new Array<number>(nCols).fill(0));
  for (let j = 0; j < nCols; j++) {
    const col: number[] = [];
    for (let i = 0; i < nRows; i++) {
      const v = x[i * nCols + j]!;
      if (!Number.isNaN(v)) col.push(Math.fround(v));
    }
    const uniq = Float32Array.from(new Set(col)).sort();
    values.push(uniq);
    const index = new Map<number, number>();
    uniq.forEach((v, r) => index.set(v, r));
    for (let i = 0; i < nRows; i++) {
      const v = x[i * nCols + j]!;
      coded[i]![j] = Number.isNaN(v) ? -1 : index.get(Math.fround(v))!;
    }
  }
  return { values, coded };
}
