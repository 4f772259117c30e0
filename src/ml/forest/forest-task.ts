/**
 * One unit of forest work — "train on these rows, predict those" — as the worker pool runs it
 * for CV folds, grid points and bootstrap replicates (paper 1 §2.4.1–2.4.2). A task carries
 * its own seed, so its result does not depend on which worker runs it or in what order.
 * A prediction task ({@link ForestPredictTask}) only predicts, with a forest trained earlier and
 * registered with the pool (e.g. loaded from JSON by a map tile job that must not retrain).
 */
import { checkOneOf, checkOptions } from "../../core/checks";
import { ArgumentError } from "../../core/errors";
import { type Forest, type ForestParts, featureNamesOf, predictChecked } from "./forest";
import { checkModelColumns } from "../../core/model";
import { type Matrix } from "../../core/matrix";
import { trainMlRandomForest } from "./ml-random-forest-engine";
import { type ForestOptions, resolveForestOptions } from "./options";
import { fitForest } from "./train-forest";

/** Which engine grows the trees. */
export type ForestEngine = "kit-drf" | "ml-random-forest";

/** A dataset registered with a pool: predictors and (for training) the response. */
export interface ForestDataset {
  /** Predictors. */
  x: Matrix;
  /** Response per row (absent for prediction-only matrices such as map pixels). */
  y?: Float64Array;
  /**
   * When the rows are this many consecutive blocks of the same units (paper 1's pixels: years ×
   * cells): predictions walk each unit's rows together (`predictStacked`, when no value is
   * missing), with the same results. Set by `ForestPool.register`.
   */
  blocks?: number;
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

/** Every field name a {@link ForestTask} may have. */
export const FOREST_TASK_FIELDS: readonly string[] = ["data", "engine", "options", "trainRows", "predictRows", "predictOn", "returnModel"];

function checkRowIndices(fn: string, arg: string, rows: unknown, nRows: number, minLength: number): Int32Array {
  if (!(rows instanceof Int32Array)) throw new ArgumentError({ fn, arg, value: rows, expected: "an Int32Array of row indices" }, "not an Int32Array");
  if (rows.length < minLength) throw new ArgumentError({ fn, arg, value: rows.length, expected: `at least ${minLength} rows` }, "too few rows");
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    if (!(i >= 0 && i < nRows)) throw new ArgumentError({ fn, arg, at: k, value: i, expected: `a row index 0..${nRows - 1}` }, "row out of range");
  }
  return rows;
}

/**
 * Check a task against a registry before it runs: known fields only, a registered dataset with
 * a response, a known engine, valid options for the dataset's predictors, training rows (at
 * least 2, at least `minRows`) and prediction rows in range, registered prediction matrices
 * with the training columns. {@link ForestPool.run} calls it for every task in the calling
 * thread, so a bad task is refused before any worker starts. The registered matrices themselves
 * were checked once by `ForestPool.register`: here only their width and column names are
 * compared, so the cost does not grow with the rows of a prediction matrix.
 *
 * @param fn - the public function to name in an error
 * @param arg - the task's argument path (`tasks[3]`)
 * @param registry - registered datasets by id
 * @param task - the task
 * @returns the dataset the task trains on
 * @throws ArgumentError naming the task field, the index and the value
 * @example
 * const { x, y } = friedman1(100, 5, 1, "demo");
 * const registry = new Map([["train", { x, y }]]);
 * checkForestTask("ForestPool.run", "tasks[0]", registry, { data: "train", options: {}, trainRows: Int32Array.from([0, 1, 2]) }).x.nRows; // 100
 * checkForestTask("ForestPool.run", "tasks[0]", registry, { data: "test", options: {}, trainRows: Int32Array.from([0, 1, 2]) }); // throws ArgumentError
 */
export function checkForestTask(fn: string, arg: string, registry: ReadonlyMap<string, ForestDataset>, task: ForestTask): ForestDataset & { y: Float64Array } {
  checkOptions(fn, arg, task, FOREST_TASK_FIELDS);
  if (task === undefined) throw new ArgumentError({ fn, arg, value: task, expected: "a task object" }, "missing task");
  const data = registry.get(task.data);
  if (data === undefined) throw new ArgumentError({ fn, arg: `${arg}.data`, value: task.data, expected: `a registered dataset id (${[...registry.keys()].join(", ") || "none registered"})` }, "no such dataset");
  if (data.y === undefined) throw new ArgumentError({ fn, arg: `${arg}.data`, value: task.data, expected: "a dataset registered with a response" }, "dataset has no response to train on");
  checkOneOf(fn, `${arg}.engine`, task.engine ?? "kit-drf", ["kit-drf", "ml-random-forest"] as const);
  const opt = resolveForestOptions(task.options, data.x.nCols, fn, `${arg}.options`);
  const train = checkRowIndices(fn, `${arg}.trainRows`, task.trainRows, data.x.nRows, 2);
  if (opt.minRows > train.length) {
    throw new ArgumentError({ fn, arg: `${arg}.options.minRows`, value: opt.minRows, expected: `at most ${train.length} (the number of training rows)` }, "a leaf cannot hold more rows than the data");
  }
  if (task.predictRows !== undefined) checkRowIndices(fn, `${arg}.predictRows`, task.predictRows, data.x.nRows, 0);
  if (task.predictOn !== undefined) {
    if (!Array.isArray(task.predictOn)) throw new ArgumentError({ fn, arg: `${arg}.predictOn`, value: task.predictOn, expected: "an array of registered matrix ids" }, "not an array");
    task.predictOn.forEach((id, q) => {
      const m = registry.get(id);
      if (m === undefined) throw new ArgumentError({ fn, arg: `${arg}.predictOn`, at: q, value: id, expected: `a registered matrix id (${[...registry.keys()].join(", ")})` }, "no such matrix");
      // registered matrices were scanned once by ForestPool.register: compare widths and names only (cost independent of rows)
      checkModelColumns(fn, `${arg}.predictOn[${q}] (matrix ${JSON.stringify(id)})`, m.x, featureNamesOf(data.x));
    });
  }
  if (task.returnModel !== undefined && typeof task.returnModel !== "boolean") {
    throw new ArgumentError({ fn, arg: `${arg}.returnModel`, value: task.returnModel, expected: "true or false" }, "not a boolean");
  }
  return data as ForestDataset & { y: Float64Array };
}

/**
 * Run one task against a registry of datasets (in the main thread or in a worker). The datasets
 * were checked when registered; the task is checked with {@link checkForestTask} (cheap: no
 * scan of the registered matrices) unless `checked` says the caller has just done so.
 *
 * @param registry - registered datasets by id
 * @param task - the task
 * @param checked - true when {@link checkForestTask} already passed for this task and registry (default false)
 * @returns its result
 * @throws ArgumentError for a bad task (see {@link checkForestTask}) or a bad training frame
 * @throws FitError when training finds a degenerate fit; EngineError when ml-random-forest fails
 * @example
 * const { x, y } = friedman1(100, 5, 1, "demo");
 * const registry = new Map([["train", { x, y }]]);
 * const trainRows = Int32Array.from({ length: 80 }, (_, i) => i);
 * runForestTask(registry, { data: "train", options: { ntrees: 5, seed: 1 }, trainRows, predictRows: Int32Array.from([80, 81]) }).predictions; // Float64Array [13.62, 4.988]
 */
export function runForestTask(registry: ReadonlyMap<string, ForestDataset>, task: ForestTask, checked = false): ForestTaskResult {
  const data = checked ? (registry.get(task.data) as ForestDataset & { y: Float64Array }) : checkForestTask("runForestTask", "task", registry, task);
  const t0 = performance.now();
  const forest = (task.engine ?? "kit-drf") === "kit-drf"
    ? fitForest("trainForest", data.x, data.y, task.options, task.trainRows)
    : trainMlRandomForest(data.x, data.y, task.options, task.trainRows);
  const trainMs = performance.now() - t0;
  const result: ForestTaskResult = { impurityImportance: forest.impurityImportance, trainMs };
  // the matrices are registered (checked once) and their widths match (checkForestTask): predict without rescanning them
  const predict = (m: Matrix, blocks?: number): Float64Array => predictChecked(forest, m, blocks);
  if (task.predictRows !== undefined) {
    const p = data.x.nCols;
    const sub = new Float64Array(task.predictRows.length * p);
    task.predictRows.forEach((i, k) => sub.set(data.x.data.subarray(i * p, i * p + p), k * p));
    result.predictions = predict({ data: sub, nRows: task.predictRows.length, nCols: p });
  }
  if (task.predictOn !== undefined) {
    result.predictionsOn = task.predictOn.map((id) => {
      const d = registry.get(id)!;
      return predict(d.x, d.blocks);
    });
  }
  if (task.returnModel === true) result.model = forest.toParts();
  return result;
}

/** One prediction of `ForestPool.predict`: a registered forest predicts every row of a registered matrix. */
export interface ForestPredictTask {
  /** Id of a forest registered with `ForestPool.registerModel`. */
  model: string;
  /** Id of a registered matrix (its `blocks` layout, when it has one, is used: the same predictions). */
  data: string;
}

/** Every field name a {@link ForestPredictTask} may have. */
export const FOREST_PREDICT_TASK_FIELDS: readonly string[] = ["model", "data"];

/**
 * Check a prediction task before it runs: known fields only, a registered forest, a registered
 * matrix with the forest's columns (width and names; the matrix itself was checked when registered).
 *
 * @param fn - the public function to name in an error
 * @param arg - the task's argument path (`tasks[3]`)
 * @param models - registered forests by id
 * @param registry - registered datasets by id
 * @param task - the task
 * @returns the forest and the matrix
 * @throws ArgumentError naming the task field and the value
 * @example
 * const { x, y } = friedman1(100, 5, 1, "demo");
 * const forest = trainForest(x, y, { ntrees: 5, seed: 1 });
 * checkForestPredictTask("ForestPool.predict", "tasks[0]", new Map([["m", forest]]), new Map([["x", { x }]]), { model: "m", data: "x" }).data.x.nRows; // 100
 * checkForestPredictTask("ForestPool.predict", "tasks[0]", new Map([["m", forest]]), new Map([["x", { x }]]), { model: "n", data: "x" }); // throws ArgumentError
 */
export function checkForestPredictTask(fn: string, arg: string, models: ReadonlyMap<string, Forest>, registry: ReadonlyMap<string, ForestDataset>, task: ForestPredictTask): { forest: Forest; data: ForestDataset } {
  checkOptions(fn, arg, task, FOREST_PREDICT_TASK_FIELDS);
  if (task === undefined) throw new ArgumentError({ fn, arg, value: task, expected: "a prediction task { model, data }" }, "missing task");
  const forest = models.get(task.model);
  if (forest === undefined) throw new ArgumentError({ fn, arg: `${arg}.model`, value: task.model, expected: `a registered model id (${[...models.keys()].join(", ") || "none registered"})` }, "no such model");
  const data = registry.get(task.data);
  if (data === undefined) throw new ArgumentError({ fn, arg: `${arg}.data`, value: task.data, expected: `a registered matrix id (${[...registry.keys()].join(", ") || "none registered"})` }, "no such matrix");
  checkModelColumns(fn, `${arg}.data (matrix ${JSON.stringify(task.data)})`, data.x, forest.featureNames);
  return { forest, data };
}

/**
 * Run one prediction task (in the main thread or in a worker): the forest's predictions of every
 * row of the matrix, as a training task's `predictOn` gives them (the same walk, bit for bit).
 *
 * @param models - registered forests by id
 * @param registry - registered datasets by id
 * @param task - the task
 * @param checked - true when {@link checkForestPredictTask} already passed for this task (default false)
 * @returns one prediction per row of the matrix (response units)
 * @throws ArgumentError for a bad task (see {@link checkForestPredictTask})
 * @example
 * const { x, y } = friedman1(100, 5, 1, "demo");
 * const forest = trainForest(x, y, { ntrees: 5, seed: 1 });
 * runForestPredictTask(new Map([["m", forest]]), new Map([["x", { x }]]), { model: "m", data: "x" })[0] === forest.predict(x)[0]; // true
 */
export function runForestPredictTask(models: ReadonlyMap<string, Forest>, registry: ReadonlyMap<string, ForestDataset>, task: ForestPredictTask, checked = false): Float64Array {
  if (!checked) checkForestPredictTask("runForestPredictTask", "task", models, registry, task);
  const forest = models.get(task.model)!;
  const d = registry.get(task.data)!;
  return predictChecked(forest, d.x, d.blocks);
}
