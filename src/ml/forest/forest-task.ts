/**
 * One unit of forest work — "train on these rows, predict those" — as the worker pool runs it
 * for CV folds, grid points and bootstrap replicates (paper 1 §2.4.1–2.4.2). A task carries
 * its own seed, so its result does not depend on which worker runs it or in what order.
 */
import { type ForestParts } from "./forest";
import { type Matrix } from "../../core/matrix";
import { trainMlRandomForest } from "./ml-random-forest-engine";
import { type ForestOptions } from "./options";
import { trainForest } from "./train-forest";

/** Which engine grows the trees. */
export type ForestEngine = "kit-drf" | "ml-random-forest";

/** A dataset registered with a pool: predictors and (for training) the response. */
export interface ForestDataset {
  /** Predictors. */
  x: Matrix;
  /** Response per row (absent for prediction-only matrices such as map pixels). */
  y?: Float64Array;
}

/** One task: train a forest on some rows of a dataset and predict. */
export interface ForestTask {
  /** Registered dataset to train on. */
  data: string;
  /** Engine (default "kit-drf"). */
  engine?: ForestEngine;
  /** Hyperparameters and the seed. */
  options: ForestOptions;
  /** Training frame: row indices of the dataset (duplicates allowed). */
  trainRows: Int32Array;
  /** Rows of the same dataset to predict (e.g. a CV holdout fold). */
  predictRows?: Int32Array;
  /** Registered matrices to predict in full (e.g. the map pixels of each year). */
  predictOn?: string[];
  /** Return the fitted forest's parts. */
  returnModel?: boolean;
}

/** What a task returns. */
export interface ForestTaskResult {
  /** Predictions for `predictRows`, in order. */
  predictions?: Float64Array;
  /** Predictions for each matrix of `predictOn`, in order. */
  predictionsOn?: Float64Array[];
  /** The fitted forest (when `returnModel`). */
  model?: ForestParts;
  /** Impurity importance of the fitted forest. */
  impurityImportance: Float64Array;
  /** Wall time of training, ms. */
  trainMs: number;
}

/**
 * Run one task against a registry of datasets (in the main thread or in a worker).
 *
 * @param registry - registered datasets by id
 * @param task - the task
 * @returns its result
 * @throws Error when a dataset id is unknown or has no response
 */
export function runForestTask(registry: ReadonlyMap<string, ForestDataset>, task: ForestTask): ForestTaskResult {
  const data = registry.get(task.data);
  if (data === undefined) throw new Error(`forest task: no dataset "${task.data}" registered`);
  if (data.y === undefined) throw new Error(`forest task: dataset "${task.data}" has no response to train on`);
  const t0 = performance.now();
  const forest = (task.engine ?? "kit-drf") === "kit-drf"
    ? trainForest(data.x, data.y, task.options, task.trainRows)
    : trainMlRandomForest(data.x, data.y, task.options, task.trainRows);
  const trainMs = performance.now() - t0;
  const result: ForestTaskResult = { impurityImportance: forest.impurityImportance, trainMs };
  if (task.predictRows !== undefined) {
    const p = data.x.nCols;
    const sub = new Float64Array(task.predictRows.length * p);
    task.predictRows.forEach((i, k) => sub.set(data.x.data.subarray(i * p, i * p + p), k * p));
    result.predictions = forest.predict({ data: sub, nRows: task.predictRows.length, nCols: p });
  }
  if (task.predictOn !== undefined) {
    result.predictionsOn = task.predictOn.map((id) => {
      const m = registry.get(id);
      if (m === undefined) throw new Error(`forest task: no matrix "${id}" registered to predict on`);
      return forest.predict(m.x);
    });
  }
  if (task.returnModel === true) result.model = forest.toParts();
  return result;
}
