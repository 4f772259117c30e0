/**
 * Accuracy of predicted vs. observed values, as h2o reports them for a cross-validated model
 * and as paper 1 quotes them (§3.1: R² 0.97, RMSE 21.6 cm, bias 4.02 cm).
 *
 * - R² = 1 − Σ(ŷ − y)² / Σ(y − ȳ)² (h2o's definition: 1 − MSE / variance of the observed values)
 * - RMSE = √(Σ(ŷ − y)² / n), in the response's units
 * - bias = Σ(ŷ − y) / n, in the response's units (positive = over-prediction)
 */
import { checkArray } from "../core/checks";

/** R², RMSE, bias and n of one set of predictions. */
export interface RegressionMetrics {
  /** Coefficient of determination, 1 − SSE/SST. */
  r2: number;
  /** Root mean squared error (response units). */
  rmse: number;
  /** Mean of predicted − observed (response units). */
  bias: number;
  /** Mean squared error (response units²). */
  mse: number;
  /** Number of pairs scored. */
  n: number;
}

/**
 * R², RMSE and bias of predictions against observations.
 *
 * @param observed - observed values (e.g. ALT, cm)
 * @param predicted - predictions in the same units and order
 * @returns the metrics; `r2` is NaN when the observed values are all equal (R² is undefined without variance)
 * @throws ArgumentError when an argument is not an array, the lengths differ, there are fewer than 2 pairs, or a value is not finite (argument and index named)
 * @example
 * regressionMetrics([1, 2, 3], [1, 2, 4]).bias; // 0.3333333333333333
 */
export function regressionMetrics(observed: ArrayLike<number>, predicted: ArrayLike<number>): RegressionMetrics {
  const fn = "regressionMetrics";
  checkArray(fn, "observed", observed, { minLength: 2 });
  checkArray(fn, "predicted", predicted, { length: observed.length, lengthOf: "observed.length" });
  const n = observed.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += observed[i]!;
  mean /= n;
  let sse = 0;
  let sst = 0;
  let bias = 0;
  for (let i = 0; i < n; i++) {
    const d = predicted[i]! - observed[i]!;
    sse += d * d;
    bias += d;
    const c = observed[i]! - mean;
    sst += c * c;
  }
  return { r2: sst > 0 ? 1 - sse / sst : NaN, rmse: Math.sqrt(sse / n), bias: bias / n, mse: sse / n, n };
}
