/**
 * Relative importance of the predictors of paper 1's driver forests (Liu et al. 2024 §2.4.3,
 * Fig 6: "relative importance", h2o's percentage of the total) and their ranking.
 */
import { ArgumentError } from "../core/errors";
import { isList } from "../core/checks";
import { type Forest } from "../ml/forest/forest";

/**
 * A forest's impurity importance of each predictor as a percentage of the total (h2o's
 * "percentage" × 100).
 *
 * @param forest - a trained forest
 * @returns predictor name → importance in percent (the values sum to 100)
 * @throws ArgumentError when `forest` is not a trained forest
 * @example
 * const { x, y } = friedman1(100, 5, 1, "demo");
 * [...importancePercent(trainForest(x, y, { ntrees: 10 })).values()].reduce((a, b) => a + b); // ≈ 100
 */
export function importancePercent(forest: Forest): Map<string, number> {
  if (forest === null || typeof forest !== "object" || typeof (forest as Partial<Forest>).importance !== "function") {
    throw new ArgumentError({ fn: "importancePercent", arg: "forest", value: forest, expected: "a trained Forest" }, "not a forest");
  }
  return new Map(forest.importance("impurity").map((r) => [r.feature, 100 * r.percentage]));
}

/**
 * The predictors ranked by importance, largest first; ties keep the order of `names`.
 *
 * @param importance - predictor name → importance (any units, e.g. percent)
 * @param names - the predictors to rank, each a key of `importance`
 * @returns the names, most important first
 * @throws ArgumentError when `names` is not a list, or a name has no finite importance
 * @example
 * rankByImportance(new Map([["a", 10], ["b", 30], ["c", 10]]), ["a", "b", "c"]); // ['b', 'a', 'c']
 */
export function rankByImportance(importance: ReadonlyMap<string, number>, names: readonly string[]): string[] {
  const fn = "rankByImportance";
  const asMap: unknown = importance;
  if (!(asMap instanceof Map)) throw new ArgumentError({ fn, arg: "importance", value: importance, expected: "a Map of predictor name → importance" }, "not a Map");
  if (!isList(names)) throw new ArgumentError({ fn, arg: "names", value: names, expected: "a list of predictor names" }, "not a list");
  names.forEach((n, i) => {
    const v = importance.get(n);
    if (typeof v !== "number" || !Number.isFinite(v)) throw new ArgumentError({ fn, arg: "names", at: i, value: n, expected: `a predictor with a finite importance (one of ${[...importance.keys()].join(", ")})` }, "no importance");
  });
  return [...names].sort((a, b) => importance.get(b)! - importance.get(a)!);
}
