/**
 * Model-agnostic k-fold cross-validation (issue 14): any fitting function that returns a `Model`
 * (a forest, an XGBoost regressor, …) is scored on the same folds, with the same per-fold and
 * pooled metrics as the forest's parallel `crossValidate`. The folds run one after another in
 * this thread; the forest's own `crossValidate` stays the fast path for forests.
 */
import { checkArray, checkOptions } from "../core/checks";
import { ArgumentError } from "../core/errors";
import { type Matrix, checkMatrix, selectRows } from "../core/matrix";
import { type Model } from "../core/model";
import { checkModelOutput } from "./explain/partial-dependence";
import { type CrossValidation, checkScorableFolds, resolveFolds, summarizeCrossValidation } from "./forest/cross-validate";
import { type FoldAssignment, foldRows } from "./forest/folds";

/** Fold settings of {@link crossValidateModel} (those of the forest's cross-validation, without engine and pool). */
export interface ModelFoldOptions {
  /** Number of folds (default 10). */
  nfolds?: number;
  /** Seed of the fold assignment (default DEFAULT_SEED). */
  seed?: number;
  /** "random" (default) or "modulo". */
  foldAssignment?: FoldAssignment;
  /** Explicit fold id per row (overrides nfolds/seed/foldAssignment). */
  folds?: Int32Array;
}

/**
 * k-fold cross-validation of any model: for each fold, `fit` is called on the other folds' rows
 * and the returned model predicts the fold's rows.
 *
 * @param fit - trains a model on a training matrix and its responses (may be async)
 * @param x - predictors
 * @param y - response per row
 * @param cv - folds (as crossValidate's `cv`, without engine and pool)
 * @returns per-fold and pooled metrics and the out-of-fold predictions (`trainMs` = summed time of `fit`)
 * @throws ArgumentError (rejects) for a `fit` that is not a function, a malformed matrix, bad responses (or all equal), unknown settings, bad folds (an empty fold, a fold of one row or of equal responses), or a `fit` that returns no model
 * @throws EngineError (rejects) when a model returns the wrong number of predictions; what `fit` throws passes through
 * @example
 * const { x, y } = friedman1(200, 5, 1, "demo");
 * const cv = await crossValidateModel((xs, ys) => fitXGBoost(xs, ys, { nrounds: 20, max_depth: 3 }), x, y, { nfolds: 5 });
 * cv.foldMetrics.length; // 5
 */
export async function crossValidateModel(fit: (x: Matrix, y: Float64Array) => Model | Promise<Model>, x: Matrix, y: ArrayLike<number>, cv: ModelFoldOptions = {}): Promise<CrossValidation> {
  const fn = "crossValidateModel";
  if (typeof fit !== "function") throw new ArgumentError({ fn, arg: "fit", value: fit, expected: "a function (x, y) => Model" }, "not a function");
  checkMatrix(fn, "x", x, 2);
  checkArray(fn, "y", y, { length: x.nRows, lengthOf: "x.nRows, one response per row" });
  checkOptions(fn, "cv", cv, ["nfolds", "seed", "foldAssignment", "folds"]);
  const { folds, k } = resolveFolds(x.nRows, cv, fn, "cv");
  checkScorableFolds(fn, "cv", cv, y, folds, k);
  const predictions: Float64Array[] = [];
  let trainMs = 0;
  for (let f = 0; f < k; f++) {
    const { train, holdout } = foldRows(folds, f);
    const t0 = performance.now();
    const model = await fit(selectRows(x, train), Float64Array.from(train, (i) => y[i]!));
    trainMs += performance.now() - t0;
    if (model === null || typeof model !== "object" || typeof (model as { predict?: unknown }).predict !== "function") {
      throw new ArgumentError({ fn, arg: "fit", at: `fold ${f}`, value: model, expected: "a fitted Model with predict(x)" }, "fit returned no model");
    }
    const out = model.predict(selectRows(x, holdout));
    predictions.push(Float64Array.from(checkModelOutput(fn, typeof model.engine === "string" ? model.engine : "model", out, holdout.length, `fold ${f} of ${k}`)));
  }
  return summarizeCrossValidation(y, folds, k, predictions, trainMs);
}

