/**
 * The interface every random-forest engine of the kit implements, so that cross-validation,
 * the grid search and the ensemble (paper 1 §2.4.1) can run on either the kit's h2o-DRF engine
 * or the npm `ml-random-forest` package for comparison.
 */
import { type Matrix } from "../../core/matrix";

/** A fitted regression model that predicts one value per row. */
export interface RegressionModel {
  /** Which engine produced the model ("kit-drf", "ml-random-forest"). */
  readonly engine: string;
  /** Number of trees. */
  readonly nTrees: number;
  /** Number of predictor columns expected. */
  readonly nCols: number;
  /**
   * Predict every row.
   *
   * @param x - predictors, same columns as in training
   * @returns one prediction per row (response units)
   */
  predict(x: Matrix): Float64Array;
}
