/**
 * Stage 1 of the paper-1 chain (§2.4.1, Fig 3a): the hyperparameter grid with random tenfold
 * CV, ranked by mean fold R², and the ensemble of the best `topK` models. Cached by a content
 * hash of the training table, the settings and the engine code, so notebooks 13–16 (and a
 * rerun of 12) reuse it instead of retraining.
 */
import { type GridModel, type GridSearchResult, ensembleHoldout, expandGrid, gridSearch } from "../ml/forest/grid-search";
import { type ForestProgress } from "../ml/forest/forest-pool";
import { type ForestOptions } from "../ml/forest/options";
import { type RegressionMetrics } from "../stats/regression-metrics";
import { type Cached, cached, contentHash, engineFingerprint } from "../project/cache";
import { type TrainingTable } from "../data/site-years/match";
import { type AltSettings } from "./settings";
import { ArgumentError } from "../core/errors";
import { checkInteger } from "../core/checks";
import { deriveSeed } from "../random/rng";
import { checkAltSettings, checkStageOptions, checkTable } from "./checks";
import { isList } from "../core/checks";
import { stageProgress } from "../notebook/progress";

/** The grid search and its top-K ensemble. */
export interface AltGridStage {
  /** All models, best mean R² first. */
  search: GridSearchResult;
  /** Cross-validated metrics of the top-K ensemble (mean of their out-of-fold predictions). */
  ensemble: { holdout: Float64Array; metrics: RegressionMetrics };
  /** Forest options of the top-K members (grid point + member seed), best first. */
  members: ForestOptions[];
}

/**
 * Forest options of the best `k` models, each with its own seed (the named stream `member-<rank>` of the master seed, {@link deriveSeed}).
 *
 * @param models - ranked grid models
 * @param k - how many
 * @param seed - master seed
 * @returns options per member
 * @throws ArgumentError when k is not an integer from 1 to the number of models (a larger k would
 *   silently give fewer members), or the seed is not a non-negative integer
 */
export function memberOptions(models: readonly GridModel[], k: number, seed: number): ForestOptions[] {
  if (!isList(models) || models.length === 0) throw new ArgumentError({ fn: "memberOptions", arg: "models", value: models, expected: "the ranked models of a grid search" }, "no models");
  checkInteger("memberOptions", "k", k, { min: 1, max: models.length });
  checkInteger("memberOptions", "seed", seed, { min: 0, max: Number.MAX_SAFE_INTEGER });
  return models.slice(0, k).map((m, r) => ({ ntrees: m.ntrees, mtries: m.mtries, minRows: m.minRows, seed: deriveSeed(seed, `member-${r}`) }));
}

/**
 * Run (or reuse) the grid search of the settings on a training table.
 *
 * @param table - training table
 * @param settings - grid, folds, top-K and seed
 * @param options - worker count and progress callback `(done, total)` over grid points × folds;
 *   progress with an ETA is reported as `grid search` in fold models (see {@link stageProgress};
 *   nothing on a cache hit)
 * @returns the stage, with the cache hit flag and time
 * @throws ArgumentError for a bad table, settings that are not complete valid {@link AltSettings}
 *   (e.g. topK larger than the grid), fewer rows than folds, or an unknown option (listing the
 *   valid ones)
 */
export async function altGridStage(table: TrainingTable, settings: AltSettings, options: { workers?: number; onProgress?: ForestProgress } = {}): Promise<Cached<AltGridStage>> {
  const fn = "altGridStage";
  checkTable(fn, table);
  checkAltSettings(fn, "settings", settings);
  checkStageOptions(fn, options);
  if (table.y.length < settings.nfolds) throw new ArgumentError({ fn, arg: "table.y.length", value: table.y.length, expected: `at least ${settings.nfolds} rows (settings.nfolds)` }, "fewer rows than folds");
  const key = contentHash("grid-stage-v1", table.x.data, table.x.columns, table.y, settings.grid, settings.nfolds, settings.topK, settings.seed, engineFingerprint());
  return cached("alt-grid", key, async () => {
    const search = await gridSearch(table.x, table.y, {
      grid: settings.grid, base: { seed: settings.seed }, nfolds: settings.nfolds, seed: settings.seed,
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      onProgress: stageProgress("grid search", expandGrid(settings.grid).length * settings.nfolds, "fold models", options.onProgress),
    });
    return { search, ensemble: ensembleHoldout(search, table.y, settings.topK), members: memberOptions(search.models, settings.topK, settings.seed) };
  });
}
