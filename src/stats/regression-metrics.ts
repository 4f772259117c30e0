/**
 * Accuracy of predicted vs. observed values, as h2o reports them for a cross-validated model
 * and as paper 1 quotes them (§3.1: R² 0.97, RMSE 21.6 cm, bias 4.02 cm).
 *
 * - R² = 1 − Σ(ŷ − y)² / Σ(y − ȳ)² (h2o's definition: 1 − MSE / variance of the observed values)
 * - RMSE = √(Σ(ŷ − y)² / n), in the response's units
 * - bias = Σ(ŷ − y) / n, in the response's units (positive = over-prediction)
 */

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
 * @returns the metrics
 * @throws RangeError when the lengths differ, there are fewer than 2 pairs, or a value is not finite (index named)
 */
export function regressionMetrics(observed: ArrayLike<number>, predicted: ArrayLike<number>): RegressionMetrics {
  const n = observed.length;
  if (predicted.length !== n) throw new RangeError(`regressionMetrics: ${n} observed but ${predicted.length} predicted values`);
  if (n < 2) throw new RangeError(`regressionMetrics: need at least 2 pairs, got ${n}`);
  let mean = 0;
  for (let i = 0; i < n; i++) {
    const o = observed[i]!;
    const p = predicted[i]!;
    if (!Number.isFinite(o) || !Number.isFinite(p)) throw new RangeError(`regressionMetrics: pair ${i} is not finite (observed ${o}, predicted ${p})`);
    mean += o;
  }
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
  return { r2: 1 - sse / sst, rmse: Math.sqrt(sse / n), bias: bias / n, mse: sse / n, n };
}
