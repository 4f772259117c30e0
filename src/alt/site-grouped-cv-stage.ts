/**
 * A check of paper 1's accuracy claim that the paper did not make (Liu et al. 2024 §2.4.1, Fig 3a):
 * the top-K ensemble scored by cross-validation with whole **sites** held out (`groupedFolds`)
 * instead of random rows. With random row folds, a site's other years sit in the training folds
 * and the forest can learn the site's own offset; holding out sites measures how well the map
 * predicts ALT where there is no site. Cached like the grid stage, by a content hash of the
 * training table, the sites, the members, the folds' settings and the engine code.
 */
import { type ForestOptions } from "../ml/forest/options";
import { groupedFolds } from "../ml/forest/folds";
import { crossValidate } from "../ml/forest/cross-validate";
import { type ForestProgress, withForestPool } from "../ml/forest/forest-pool";
import { type RegressionMetrics, regressionMetrics } from "../stats/regression-metrics";
import { type Cached, cached, contentHash, engineFingerprint } from "../project/cache";
import { type TrainingTable } from "../data/site-years/match";
import { type AltSettings } from "./settings";
import { ArgumentError } from "../core/errors";
import { isList } from "../core/checks";
import { checkAltSettings, checkStageOptions, checkTable } from "./checks";
import { elementwiseMean } from "./ensemble-maps";
import { stageProgress } from "../notebook/progress";

/** The ensemble's site-grouped cross-validation. */
export interface AltSiteGroupedCv {
  /** Mean of the members' out-of-fold predictions per site-year (cm), each predicted while its site was held out. */
  holdout: Float32Array;
  /** R², RMSE (cm) and bias (cm, predicted − observed) of `holdout` against the site values. */
  metrics: RegressionMetrics;
}

/**
 * Run (or reuse) the site-grouped cross-validation of the ensemble members: `settings.nfolds`
 * folds of whole sites (`groupedFolds(table.site, nfolds, seed)`), every member cross-validated on
 * the same folds, the ensemble's prediction of a row the mean of the members' out-of-fold
 * predictions, scored with {@link regressionMetrics}.
 *
 * @param table - training table (site-years with their site names)
 * @param members - the ensemble members' forest options (e.g. `altGridStage(…).value.members`)
 * @param settings - folds (`nfolds`) and seed
 * @param options - worker count (`workers`) and progress callback `onProgress(done, total)` over
 *   members × folds; progress with an ETA is reported as `site-grouped CV` in fold models (see
 *   {@link stageProgress}; nothing on a cache hit); other names are an error
 * @returns the holdout and its metrics, with the cache hit flag and time
 * @throws ArgumentError for a bad table, a site list of the wrong length, no members, settings that
 *   are not valid {@link AltSettings}, fewer sites than folds, or an unknown option
 * @throws FitError or EngineError (rejects) when a fold model fails (see {@link crossValidate})
 * @example
 * const { x, y } = friedman1(60, 5, 3, "demo");
 * const site = Array.from({ length: 60 }, (_, i) => `s${i % 12}`);
 * const table = { x, y, rows: new Int32Array(60), cell: new Int32Array(60), site, year: new Int32Array(60), unmatched: [] };
 * const cv = await altSiteGroupedCvStage(table, [{ ntrees: 5, mtries: 2, minRows: 2, seed: 11 }], { ...altSettings("quick"), nfolds: 4 });
 * cv.value.metrics.n; // 60 (every site-year predicted while its site was held out)
 */
export async function altSiteGroupedCvStage(table: TrainingTable, members: readonly ForestOptions[], settings: AltSettings, options: { workers?: number; onProgress?: ForestProgress } = {}): Promise<Cached<AltSiteGroupedCv>> {
  const fn = "altSiteGroupedCvStage";
  checkTable(fn, table);
  checkAltSettings(fn, "settings", settings);
  checkStageOptions(fn, options);
  if (!isList(table.site) || table.site.length !== table.y.length) throw new ArgumentError({ fn, arg: "table.site", value: isList(table.site) ? table.site.length : table.site, expected: `${table.y.length} site names (one per row)` }, "wrong length or not a list");
  if (!isList(members) || members.length === 0) throw new ArgumentError({ fn, arg: "members", value: members, expected: "the forest options of at least one ensemble member" }, "no members");
  const key = contentHash("site-grouped-cv-v1", table.x.data, table.x.columns, table.y, table.site, members, settings.nfolds, settings.seed, engineFingerprint());
  return cached("alt-site-cv", key, async () => {
    const folds = groupedFolds(table.site, settings.nfolds, settings.seed);
    return withForestPool(options.workers === undefined ? {} : { workers: options.workers }, async (pool) => {
      const k = folds.reduce((a, f) => Math.max(a, f + 1), 0);
      const progress = stageProgress("site-grouped CV", members.length * k, "fold models", options.onProgress);
      const holdouts: Float64Array[] = [];
      for (const [m, o] of members.entries()) {
        holdouts.push((await crossValidate(table.x, table.y, o, { folds, pool, onProgress: (d) => progress(m * k + d, members.length * k) })).holdout);
      }
      const holdout = elementwiseMean(holdouts);
      return { holdout, metrics: regressionMetrics(table.y, holdout) };
    });
  });
}
