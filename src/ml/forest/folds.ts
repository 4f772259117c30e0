/**
 * Fold assignment for k-fold cross-validation (paper 1 §2.4.1: "random tenfold
 * cross-validation"). h2o's `fold_assignment = "Random"` gives each row an independent uniform
 * fold, so folds differ a little in size; `"modulo"` over a random permutation gives folds
 * whose sizes differ by at most one. Both are seeded.
 */
import { createRng } from "../../random/rng";

/** How rows are assigned to folds. */
export type FoldAssignment = "random" | "modulo";

/**
 * Assign `n` rows to `k` folds.
 *
 * @param n - number of rows
 * @param k - number of folds (≥ 2)
 * @param seed - seed of the assignment
 * @param how - "random" (h2o's default, each row uniform; default) or "modulo" (balanced)
 * @returns fold id (0 … k − 1) per row
 * @throws RangeError when k < 2, k > n, or a fold comes out empty (named)
 */
export function assignFolds(n: number, k: number, seed: number, how: FoldAssignment = "random"): Int32Array {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`assignFolds: need at least 2 folds, got ${k}`);
  if (k > n) throw new RangeError(`assignFolds: ${k} folds for only ${n} rows`);
  const rng = createRng(seed, `folds-${how}-${k}`);
  const folds = new Int32Array(n);
  if (how === "random") {
    for (let i = 0; i < n; i++) folds[i] = rng.int(k);
  } else {
    const perm = rng.permutation(n);
    for (let r = 0; r < n; r++) folds[perm[r]!] = r % k;
  }
  checkFolds(folds, k);
  return folds;
}

/**
 * Assign rows to `k` folds by group (e.g. site): every row of a group lands in the same fold,
 * so a held-out fold contains only sites the model never saw. Not in the paper, which used
 * random row folds; the kit offers it because repeated measurements of a site in both the
 * training and the holdout folds let random CV reward memorising sites (notebook 12 measures
 * the difference). Groups are shuffled with the seed and dealt to folds in turn.
 *
 * @param groups - group label per row
 * @param k - number of folds (≥ 2, ≤ number of groups)
 * @param seed - seed of the shuffle
 * @returns fold id per row
 * @throws RangeError when k < 2 or there are fewer groups than folds
 */
export function groupedFolds(groups: readonly string[], k: number, seed: number): Int32Array {
  const labels = [...new Set(groups)].sort();
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`groupedFolds: need at least 2 folds, got ${k}`);
  if (labels.length < k) throw new RangeError(`groupedFolds: ${k} folds for only ${labels.length} groups`);
  const perm = createRng(seed, `folds-grouped-${k}`).permutation(labels.length);
  const foldOf = new Map<string, number>();
  for (let r = 0; r < labels.length; r++) foldOf.set(labels[perm[r]!]!, r % k);
  const folds = Int32Array.from(groups, (g) => foldOf.get(g)!);
  checkFolds(folds, k);
  return folds;
}

/**
 * Check that every fold 0 … k − 1 has at least one row.
 *
 * @param folds - fold id per row
 * @param k - number of folds
 * @throws RangeError naming the first empty fold or an out-of-range id
 */
export function checkFolds(folds: Int32Array, k: number): void {
  const counts = new Int32Array(k);
  for (let i = 0; i < folds.length; i++) {
    const f = folds[i]!;
    if (!(f >= 0 && f < k)) throw new RangeError(`fold id ${f} of row ${i} is outside 0..${k - 1}`);
    counts[f]! += 1;
  }
  const empty = counts.indexOf(0);
  if (empty >= 0) throw new RangeError(`fold ${empty} of ${k} has no rows (too few rows for ${k} folds)`);
}

/**
 * Rows in / out of fold `f`.
 *
 * @param folds - fold id per row
 * @param f - the held-out fold
 * @returns training rows (all other folds) and holdout rows
 */
export function foldRows(folds: Int32Array, f: number): { train: Int32Array; holdout: Int32Array } {
  const train: number[] = [];
  const holdout: number[] = [];
  for (let i = 0; i < folds.length; i++) (folds[i] === f ? holdout : train).push(i);
  return { train: Int32Array.from(train), holdout: Int32Array.from(holdout) };
}
