/**
 * Fold assignment for k-fold cross-validation (paper 1 §2.4.1: "random tenfold
 * cross-validation"). h2o's `fold_assignment = "Random"` gives each row an independent uniform
 * fold, so folds differ a little in size; `"modulo"` over a random permutation gives folds
 * whose sizes differ by at most one. Both are seeded.
 */
import { checkInteger, checkOneOf } from "../../core/checks";
import { ArgumentError } from "../../core/errors";
import { createRng } from "../../random/rng";
import { isList } from "../../core/checks";

/** How rows are assigned to folds. */
export type FoldAssignment = "random" | "modulo";

/**
 * Assign `n` rows to `k` folds.
 *
 * @param n - number of rows (an integer ≥ 2)
 * @param k - number of folds (an integer, 2 ≤ k ≤ n)
 * @param seed - seed of the assignment (a non-negative safe integer)
 * @param how - "random" (h2o's default, each row uniform; default) or "modulo" (balanced)
 * @returns fold id (0 … k − 1) per row
 * @throws ArgumentError when n, k or the seed are bad, k > n, or a random fold comes out empty (named)
 * @example
 * assignFolds(10, 5, 1, "modulo").length; // 10
 */
export function assignFolds(n: number, k: number, seed: number, how: FoldAssignment = "random"): Int32Array {
  const fn = "assignFolds";
  checkInteger(fn, "n", n, { min: 2 });
  checkInteger(fn, "k", k, { min: 2, max: n });
  checkInteger(fn, "seed", seed, { min: 0, max: Number.MAX_SAFE_INTEGER });
  checkOneOf(fn, "how", how, ["random", "modulo"] as const);
  const rng = createRng(seed, `folds-${how}-${k}`);
  const folds = new Int32Array(n);
  if (how === "random") {
    for (let i = 0; i < n; i++) folds[i] = rng.int(k);
  } else {
    const perm = rng.permutation(n);
    for (let r = 0; r < n; r++) folds[perm[r]!] = r % k;
  }
  checkFolds(folds, k, fn, "k");
  return folds;
}

/**
 * Assign rows to `k` folds by group (e.g. site): every row of a group lands in the same fold,
 * so a held-out fold contains only sites the model never saw. Not in the paper, which used
 * random row folds; the kit offers it because repeated measurements of a site in both the
 * training and the holdout folds let random CV reward memorising sites (notebook 12 measures
 * the difference). Groups are shuffled with the seed and dealt to folds in turn.
 *
 * @param groups - group label per row (non-empty strings)
 * @param k - number of folds (≥ 2, ≤ number of groups)
 * @param seed - seed of the shuffle
 * @returns fold id per row
 * @throws ArgumentError when a label is not a non-empty string, k < 2, or there are fewer groups than folds
 * @example
 * groupedFolds(["a", "a", "b", "c"], 2, 1).length; // 4
 */
export function groupedFolds(groups: readonly string[], k: number, seed: number): Int32Array {
  const fn = "groupedFolds";
  if (!isList(groups)) throw new ArgumentError({ fn, arg: "groups", value: groups, expected: "an array of group labels" }, "not an array");
  groups.forEach((g, i) => {
    if (typeof g !== "string" || g === "") throw new ArgumentError({ fn, arg: "groups", at: i, value: g, expected: "a non-empty group label" }, "bad group label");
  });
  const labels = [...new Set(groups)].sort();
  checkInteger(fn, "k", k, { min: 2 });
  if (labels.length < k) throw new ArgumentError({ fn, arg: "k", value: k, expected: `at most ${labels.length} (the number of distinct groups)` }, `${k} folds for only ${labels.length} groups`);
  checkInteger(fn, "seed", seed, { min: 0, max: Number.MAX_SAFE_INTEGER });
  const perm = createRng(seed, `folds-grouped-${k}`).permutation(labels.length);
  const foldOf = new Map<string, number>();
  for (let r = 0; r < labels.length; r++) foldOf.set(labels[perm[r]!]!, r % k);
  const folds = Int32Array.from(groups, (g) => foldOf.get(g)!);
  checkFolds(folds, k, fn, "k");
  return folds;
}

/**
 * Check that every fold id is an integer 0 … k − 1 and every fold has at least one row.
 *
 * @param folds - fold id per row
 * @param k - number of folds
 * @param fn - the public function to name in an error (default "checkFolds")
 * @param arg - the argument to name (default "folds")
 * @throws ArgumentError naming an out-of-range id (with its row) or the first empty fold
 * @example
 * checkFolds(Int32Array.from([0, 1, 0, 1]), 2); // passes
 */
export function checkFolds(folds: ArrayLike<number>, k: number, fn = "checkFolds", arg = "folds"): void {
  checkInteger(fn, "k", k, { min: 2 });
  const counts = new Int32Array(k);
  for (let i = 0; i < folds.length; i++) {
    const f = folds[i]!;
    if (!(Number.isInteger(f) && f >= 0 && f < k)) throw new ArgumentError({ fn, arg, at: i, value: f, expected: `a fold id 0..${k - 1}` }, "fold id out of range");
    counts[f]! += 1;
  }
  const empty = counts.indexOf(0);
  if (empty >= 0) throw new ArgumentError({ fn, arg, value: `${k} folds`, expected: `every fold 0..${k - 1} to hold at least one of the ${folds.length} rows` }, `fold ${empty} of ${k} has no rows`);
}

/**
 * Rows in / out of fold `f`.
 *
 * @param folds - fold id per row
 * @param f - the held-out fold
 * @returns training rows (all other folds) and holdout rows
 * @throws ArgumentError when `f` is not an integer ≥ 0
 * @example
 * foldRows(Int32Array.from([0, 1, 0]), 1).holdout; // Int32Array [1]
 */
export function foldRows(folds: Int32Array, f: number): { train: Int32Array; holdout: Int32Array } {
  checkInteger("foldRows", "f", f, { min: 0 });
  const train: number[] = [];
  const holdout: number[] = [];
  for (let i = 0; i < folds.length; i++) (folds[i] === f ? holdout : train).push(i);
  return { train: Int32Array.from(train), holdout: Int32Array.from(holdout) };
}
