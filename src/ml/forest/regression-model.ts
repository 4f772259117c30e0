/**
 * The forest engines' view of the kit's one {@link Model} contract (src/core/model.ts): a
 * Model that also states its tree count and width, so that cross-validation, the grid search and
 * the ensemble (paper 1 §2.4.1) can run on either the kit's h2o-DRF engine or the npm
 * `ml-random-forest` package for comparison.
 */
import { type Model } from "../../core/model";

/**
 * A fitted tree-ensemble regression model: a {@link Model} with its tree count and width.
 *
 * @deprecated Use {@link Model} (every tool takes any Model); kept for existing callers.
 */
export interface RegressionModel extends Model {
  /** Number of trees. */
  readonly nTrees: number;
  /** Number of predictor columns expected. */
  readonly nCols: number;
}
