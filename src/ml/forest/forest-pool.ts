/**
 * A pool of worker threads for forest work: CV folds, grid points and bootstrap replicates run
 * in parallel (paper 1: 108 models × 10 folds, §2.4.1; 100 bootstrap retrainings, §2.4.2).
 * Datasets are copied once into shared memory and every worker reads the same bytes. Each task
 * carries its own seed and results come back in task order, so the output is identical for any
 * number of workers — including 0, which runs the tasks in the calling thread. Forests trained
 * earlier (e.g. loaded from JSON) can be registered too, their trees in shared memory, and predict
 * registered matrices without retraining ({@link ForestPool.predict}).
 */
import * as os from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { checkArray, checkInteger, checkOptions } from "../../core/checks";
import { type ArgumentLocation, type DataLocation, ArgumentError, DataError, EngineError, FitError, KitError, describeThrown, formatValue, guardEngine } from "../../core/errors";
import { type ForestDataset, type ForestPredictTask, type ForestTask, type ForestTaskResult, checkForestPredictTask, checkForestTask, runForestPredictTask, runForestTask } from "./forest-task";
import { Forest, type ForestParts } from "./forest";
import { type TreeArrays } from "./tree-store";
import { type Matrix, checkMatrix } from "../../core/matrix";
import { MAX_STACKED_BLOCKS } from "./stacked-walk";
import { isList } from "../../core/checks";

/** Options of a {@link ForestPool}. */
export interface ForestPoolOptions {
  /** Worker threads (default: the machine's available parallelism; 0 = run in the calling thread). */
  workers?: number;
}

/** Progress callback: tasks done so far and the total. */
export type ForestProgress = (done: number, total: number) => void;

/**
 * The default number of workers: the cores available to this process.
 *
 * @returns a positive integer
 * @example
 * defaultWorkerCount() >= 1; // true
 */
export function defaultWorkerCount(): number {
  return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
}

// A Float64Array on a SharedArrayBuffer is shared as it is (the caller must not change it while it
// is registered); anything else is copied into shared memory once.
function shared(a: ArrayLike<number>): Float64Array {
  if (a instanceof Float64Array && a.buffer instanceof SharedArrayBuffer) return a;
  const out = new Float64Array(new SharedArrayBuffer(a.length * 8));
  for (let i = 0; i < a.length; i++) out[i] = a[i]!;
  return out;
}

// The node arrays of a forest in shared memory (copied once), so every worker walks the same bytes.
function sharedTrees(t: TreeArrays): TreeArrays {
  const copy = <A extends Int32Array | Float64Array | Uint8Array>(a: A, make: (b: SharedArrayBuffer) => A): A => {
    const out = make(new SharedArrayBuffer(a.byteLength));
    out.set(a);
    return out;
  };
  const i32 = (a: Int32Array) => copy(a, (b) => new Int32Array(b));
  const f64 = (a: Float64Array) => copy(a, (b) => new Float64Array(b));
  return { feature: i32(t.feature), threshold: f64(t.threshold), child: i32(t.child), naRight: copy(t.naRight, (b) => new Uint8Array(b)), value: f64(t.value), cover: i32(t.cover), roots: i32(t.roots) };
}

/** A task's error as a worker posts it back (class name, message and the kit error's fields). */
export interface SerializedError {
  /** The error's class name (`ArgumentError`, `FitError`, `TypeError`, …). */
  name: string;
  /** Its message. */
  message: string;
  /**
   * The kit error's fields (fn, arg, at, value, expected, method, engine, operation, file, line,
   * column): every value that survives `postMessage` (structured clone) as it is, anything else
   * (a function, a class instance) as its formatted text.
   */
  fields: Record<string, unknown>;
}

const ERROR_FIELDS = ["fn", "arg", "at", "value", "expected", "method", "engine", "operation", "file", "line", "column"] as const;

function cloneable(v: unknown): boolean {
  if (v === null || ["string", "number", "boolean", "undefined", "bigint"].includes(typeof v)) return true;
  if (ArrayBuffer.isView(v)) return true;
  if (Array.isArray(v)) return v.every(cloneable);
  return false;
}

/**
 * Turn anything thrown into a {@link SerializedError} that survives `postMessage`.
 *
 * @param e - what was thrown
 * @returns its class name, message and fields
 * @example
 * serializeError(new FitError("f", undefined, "no")).name; // 'FitError'
 */
export function serializeError(e: unknown): SerializedError {
  const fields: SerializedError["fields"] = {};
  if (e instanceof Error) {
    for (const key of ERROR_FIELDS) {
      if (!(key in e)) continue;
      const v = (e as unknown as Record<string, unknown>)[key];
      fields[key] = cloneable(v) ? v : formatValue(v);
    }
    return { name: e.name, message: e.message, fields };
  }
  return { name: "thrown value", message: formatValue(e), fields };
}

/**
 * Rebuild the error a worker reported for task `index`: a kit error comes back as the same class
 * with the same message and every field (fn, arg, at, value, expected; file, line, column;
 * method; engine, operation), so 0 and n workers fail alike; anything else (a bug or an
 * engine's raw error) becomes an {@link EngineError} of the forest worker, keeping the original
 * as `cause`.
 *
 * @param index - the task's index in the batch
 * @param e - the reported error
 * @returns the error to reject with
 * @example
 * rebuildWorkerError(3, { name: "TypeError", message: "x", fields: {} }).message; // 'forest worker failed during task 3: TypeError: x'
 */
export function rebuildWorkerError(index: number, e: SerializedError): KitError {
  const f = e.fields;
  const opt = (k: string): string | undefined => {
    const v = f[k];
    return typeof v === "string" ? v : undefined;
  };
  const str = (k: string): string => opt(k) ?? "";
  let out: KitError;
  if (e.name === "ArgumentError") {
    const at = f.at;
    const where: ArgumentLocation = { fn: str("fn"), arg: str("arg"), value: f.value };
    if (typeof at === "string" || typeof at === "number") where.at = at;
    const expected = opt("expected");
    if (expected !== undefined) where.expected = expected;
    out = new ArgumentError(where, "");
  } else if (e.name === "FitError") out = new FitError(str("fn"), opt("method"), "");
  else if (e.name === "DataError") {
    const where: DataLocation = { file: str("file"), value: f.value };
    if (typeof f.line === "number") where.line = f.line;
    const column = opt("column");
    if (column !== undefined) where.column = column;
    const expected = opt("expected");
    if (expected !== undefined) where.expected = expected;
    out = new DataError(where, "");
  } else if (e.name === "EngineError") out = new EngineError(str("engine"), str("operation"), "");
  else {
    const cause = new Error(e.message);
    cause.name = e.name;
    return new EngineError("forest worker", `task ${index}`, cause);
  }
  out.message = e.message;
  return out;
}

/**
 * The error a run rejects with when the caller's own callback (`onProgress`) throws: a kit error
 * is passed through unchanged; anything else becomes an {@link ArgumentError} naming the
 * callback, with the thrown value as `cause`.
 *
 * @param fn - the public function that called it
 * @param arg - the callback's argument path
 * @param thrown - what it threw
 * @returns the error to reject with
 * @example
 * callbackError("ForestPool.run", "onProgress", new Error("boom")).message; // 'ForestPool.run: onProgress: the callback threw: Error: boom'
 */
export function callbackError(fn: string, arg: string, thrown: unknown): KitError {
  if (thrown instanceof KitError) return thrown;
  const e = new ArgumentError({ fn, arg }, `the callback threw: ${describeThrown(thrown)}`);
  Object.defineProperty(e, "cause", { value: thrown, writable: true, configurable: true, enumerable: false });
  return e;
}

/** A pool of forest workers. Call {@link ForestPool.close} when done. */
export class ForestPool {
  /** Number of worker threads (0 = inline). */
  readonly size: number;
  private readonly workers: Worker[] = [];
  private readonly registry = new Map<string, ForestDataset>();
  private readonly models = new Map<string, Forest>();
  private closed = false;
  private broken: EngineError | undefined = undefined;
  private running = false;
  private batch = 0;

  /**
   * @param options - worker count
   * @throws ArgumentError for an unknown option or a worker count that is not a non-negative integer
   * @throws EngineError when a worker thread cannot be started
   */
  constructor(options: ForestPoolOptions = {}) {
    checkOptions("ForestPool", "options", options, ["workers"]);
    const n = checkInteger("ForestPool", "options.workers", options.workers ?? defaultWorkerCount(), { min: 0, max: 1024 });
    this.size = n;
    for (let w = 0; w < n; w++) {
      const worker = guardEngine("forest worker", "start", () => new Worker(path.join(__dirname, "forest-worker.js")));
      worker.unref();
      // a worker that fails between runs breaks the pool; during a run the run's own listener reports it
      worker.on("error", (e) => {
        this.broken ??= new EngineError("forest worker", "idle", e);
      });
      this.workers.push(worker);
    }
  }

  private checkOpen(fn: string): void {
    if (this.closed) throw new ArgumentError({ fn, arg: "this", value: "a closed pool", expected: "an open pool (call it before close())" }, "the pool is closed");
  }

  /** Ids of the registered datasets. */
  get datasets(): string[] {
    return [...this.registry.keys()];
  }

  /**
   * Register a dataset (copied once into shared memory) under an id that tasks refer to.
   *
   * @param id - dataset id (a non-empty string not yet registered)
   * @param x - predictors (a well-formed Matrix); copied into shared memory, unless its data is
   *   already a Float64Array on a SharedArrayBuffer, which is shared as it is (do not change it
   *   until it is unregistered)
   * @param y - response, one finite value per row (omit for a prediction-only matrix)
   * @param layout - `blocks`: the rows are this many consecutive blocks of the same units (paper 1's
   *   pixels: years × cells, row b · units + i is unit i in block b), so that predictions walk each
   *   unit's rows together (`predictStacked`: the same results, faster when columns repeat
   *   across blocks; a matrix with a missing value is walked row by row)
   * @throws ArgumentError after close, for a bad or duplicate id, a malformed matrix, a bad response (index and value named) or a block count outside 2 … {@link MAX_STACKED_BLOCKS} or that does not divide the rows
   * @example
   * const pool = new ForestPool({ workers: 1 });
   * pool.register("train", makeMatrix(new Float64Array([1, 2, 3, 4, 5, 6]), 2), [1, 2, 3]);
   * // 2 years × 1 cell
   * pool.register("pixels", makeMatrix(new Float64Array([2, 3, 4, 5]), 2), undefined, { blocks: 2 });
   * pool.datasets; // ['train', 'pixels']
   * await pool.close();
   */
  register(id: string, x: Matrix, y?: ArrayLike<number>, layout: { blocks?: number } = {}): void {
    const fn = "ForestPool.register";
    this.checkOpen(fn);
    if (typeof id !== "string" || id === "") throw new ArgumentError({ fn, arg: "id", value: id, expected: "a non-empty string" }, "bad dataset id");
    if (this.registry.has(id)) throw new ArgumentError({ fn, arg: "id", value: id, expected: "an id not yet registered (unregister it first)" }, "dataset id already registered");
    checkMatrix(fn, "x", x);
    if (y !== undefined) checkArray(fn, "y", y, { length: x.nRows, lengthOf: "x.nRows, one response per row" });
    checkOptions(fn, "layout", layout, ["blocks"]);
    let blocks: number | undefined;
    if (layout.blocks !== undefined) {
      checkInteger(fn, "layout.blocks", layout.blocks, { min: 2, max: MAX_STACKED_BLOCKS });
      if (x.nRows % layout.blocks !== 0) throw new ArgumentError({ fn, arg: "layout.blocks", value: layout.blocks, expected: `a divisor of the ${x.nRows} rows` }, "rows are not whole blocks");
      blocks = layout.blocks;
    }
    const sx = { data: shared(x.data), nRows: x.nRows, nCols: x.nCols, ...(x.columns === undefined ? {} : { columns: [...x.columns] }) };
    const sy = y === undefined ? undefined : shared(y);
    const dataset: ForestDataset = { x: sx, ...(sy === undefined ? {} : { y: sy }), ...(blocks === undefined ? {} : { blocks }) };
    this.registry.set(id, dataset);
    for (const w of this.workers) w.postMessage({ kind: "register", id, dataset });
  }

  /**
   * Forget a registered dataset (frees its shared memory once no task uses it).
   *
   * @param id - dataset id
   * @throws ArgumentError when no dataset has this id (after close: nothing to forget, no error)
   * @example
   * const pool = new ForestPool({ workers: 1 });
   * pool.register("train", makeMatrix(new Float64Array([1, 2, 3, 4, 5, 6]), 2), [1, 2, 3]);
   * pool.unregister("train");
   * pool.datasets; // []
   * await pool.close();
   */
  unregister(id: string): void {
    if (this.closed) return;
    if (!this.registry.has(id)) throw new ArgumentError({ fn: "ForestPool.unregister", arg: "id", value: id, expected: `a registered id (${this.datasets.join(", ") || "none registered"})` }, "no such dataset");
    this.registry.delete(id);
    for (const w of this.workers) w.postMessage({ kind: "unregister", id });
  }

  /** Ids of the registered models. */
  get modelIds(): string[] {
    return [...this.models.keys()];
  }

  /**
   * Register a fitted forest (its trees copied once into shared memory) under an id that
   * prediction tasks ({@link ForestPool.predict}) refer to.
   *
   * @param id - model id (a non-empty string not yet registered as a model)
   * @param forest - the fitted forest (e.g. `Forest.fromJSON` of a saved member)
   * @throws ArgumentError after close, for a bad or duplicate id, or a value that is not a Forest
   * @example
   * const { x, y } = friedman1(100, 5, 1, "demo");
   * const pool = new ForestPool({ workers: 1 });
   * pool.registerModel("m", trainForest(x, y, { ntrees: 5, seed: 1 }));
   * pool.modelIds; // ['m']
   * await pool.close();
   */
  registerModel(id: string, forest: Forest): void {
    const fn = "ForestPool.registerModel";
    this.checkOpen(fn);
    if (typeof id !== "string" || id === "") throw new ArgumentError({ fn, arg: "id", value: id, expected: "a non-empty string" }, "bad model id");
    if (this.models.has(id)) throw new ArgumentError({ fn, arg: "id", value: id, expected: "an id not yet registered (unregisterModel it first)" }, "model id already registered");
    if (!(forest instanceof Forest)) throw new ArgumentError({ fn, arg: "forest", value: forest, expected: "a Forest (trainForest, Forest.fromJSON)" }, "not a forest");
    const parts: ForestParts = { ...forest.toParts(), trees: sharedTrees(forest.trees) };
    this.models.set(id, forest);
    for (const w of this.workers) w.postMessage({ kind: "model", id, parts });
  }

  /**
   * Forget a registered model.
   *
   * @param id - model id
   * @throws ArgumentError when no model has this id (after close: nothing to forget, no error)
   * @example
   * const { x, y } = friedman1(100, 5, 1, "demo");
   * const pool = new ForestPool({ workers: 0 });
   * pool.registerModel("m", trainForest(x, y, { ntrees: 5, seed: 1 }));
   * pool.unregisterModel("m");
   * pool.modelIds; // []
   * await pool.close();
   */
  unregisterModel(id: string): void {
    if (this.closed) return;
    if (!this.models.has(id)) throw new ArgumentError({ fn: "ForestPool.unregisterModel", arg: "id", value: id, expected: `a registered model id (${this.modelIds.join(", ") || "none registered"})` }, "no such model");
    this.models.delete(id);
    for (const w of this.workers) w.postMessage({ kind: "unmodel", id });
  }

  /**
   * Predict registered matrices with registered forests, nothing trained; results come back in
   * task order whatever the schedule, and equal `forest.predict(matrix)` bit for bit (the same
   * walk as a training task's `predictOn`). Every task is checked in the calling thread first
   * (see {@link checkForestPredictTask}).
   *
   * @param tasks - the prediction tasks
   * @param onProgress - called after each finished task
   * @returns one Float64Array of predictions per task (one per row of its matrix)
   * @throws ArgumentError (rejects) after close, while another run is in progress, or for a bad task (its index named)
   * @throws EngineError when a worker crashes (the pool is then broken); ArgumentError naming `onProgress` when the callback throws
   * @example
   * const { x, y } = friedman1(100, 5, 1, "demo");
   * const forest = trainForest(x, y, { ntrees: 5, seed: 1 });
   * const pool = new ForestPool({ workers: 1 });
   * pool.registerModel("m", forest);
   * pool.register("x", x);
   * const [p] = await pool.predict([{ model: "m", data: "x" }]);
   * p[7] === forest.predict(x)[7]; // true
   * await pool.close();
   */
  async predict(tasks: readonly ForestPredictTask[], onProgress?: ForestProgress): Promise<Float64Array[]> {
    const fn = "ForestPool.predict";
    this.checkBatch(fn, tasks, "an array of prediction tasks", onProgress);
    tasks.forEach((t, i) => checkForestPredictTask(fn, `tasks[${i}]`, this.models, this.registry, t));
    return this.dispatch(fn, "predict", tasks, (t) => runForestPredictTask(this.models, this.registry, t, true), onProgress);
  }

  /**
   * What a batch (run or predict) needs before its tasks are checked: an open, unbroken pool, a task
   * array and a progress callback that is a function when given.
   *
   * @param fn - the public method, for errors
   * @param tasks - the tasks
   * @param expected - what the tasks should be, in words
   * @param onProgress - the callback
   */
  private checkBatch(fn: string, tasks: unknown, expected: string, onProgress: unknown): void {
    this.checkOpen(fn);
    if (this.broken !== undefined) throw this.broken;
    if (!isList(tasks)) throw new ArgumentError({ fn, arg: "tasks", value: tasks, expected }, "not an array");
    if (onProgress !== undefined && typeof onProgress !== "function") throw new ArgumentError({ fn, arg: "onProgress", value: onProgress, expected: "a function (done, total)" }, "not a function");
  }

  /**
   * Run tasks; results come back in task order whatever the schedule. Every task is checked in
   * the calling thread first (see {@link checkForestTask}).
   *
   * @param tasks - the tasks
   * @param onProgress - called after each finished task
   * @returns one result per task
   * @throws ArgumentError (rejects) after close, while another run is in progress, or for a bad task (its index named)
   * @throws the task's own kit error (ArgumentError, FitError, EngineError) when a task fails, whichever thread ran it
   * @throws EngineError when a worker crashes, exits or cannot be sent a task (the pool is then broken and refuses later runs)
   * @throws ArgumentError (rejects) naming `onProgress` when the callback throws (what it threw is the `cause`; a kit error it throws is passed through); the pool stays usable
   * @example
   * const pool = new ForestPool({ workers: 1 });
   * pool.register("train", makeMatrix(new Float64Array([1, 2, 3, 4, 5, 6]), 2), [1, 2, 3]);
   * const [r] = await pool.run([{ data: "train", options: { ntrees: 5, minRows: 1, seed: 1 }, trainRows: Int32Array.from([0, 1, 2]), predictRows: Int32Array.from([1]) }]);
   * r.predictions; // Float64Array [1.8]
   * await pool.close();
   */
  async run(tasks: readonly ForestTask[], onProgress?: ForestProgress): Promise<ForestTaskResult[]> {
    const fn = "ForestPool.run";
    this.checkBatch(fn, tasks, "an array of tasks", onProgress);
    tasks.forEach((t, i) => checkForestTask(fn, `tasks[${i}]`, this.registry, t));
    return this.dispatch(fn, "task", tasks, (t) => runForestTask(this.registry, t, true), onProgress);
  }

  /**
   * Send checked tasks to the workers (or run them in this thread with 0 workers), one at a time
   * per worker, and collect the results in task order.
   *
   * @param fn - the public method, for errors
   * @param kind - the worker message kind ("task" trains, "predict" predicts with a registered model)
   * @param tasks - the checked tasks
   * @param inline - how this thread runs one task (0 workers)
   * @param onProgress - called after each finished task
   * @returns one result per task
   */
  private async dispatch<T, R>(fn: string, kind: "task" | "predict", tasks: readonly T[], inline: (t: T) => R, onProgress?: ForestProgress): Promise<R[]> {
    const results: R[] = new Array<R>(tasks.length);
    if (this.size === 0) {
      tasks.forEach((t, i) => {
        results[i] = inline(t);
        if (onProgress !== undefined) {
          try {
            onProgress(i + 1, tasks.length);
          } catch (e) {
            throw callbackError(fn, "onProgress", e);
          }
        }
      });
      return results;
    }
    if (this.running) throw new ArgumentError({ fn, arg: "this", value: "a pool with a run in progress", expected: "one run at a time per pool (await the previous run)" }, "the pool is busy");
    this.running = true;
    // replies of an earlier, failed batch that a busy worker sends late are ignored
    const batch = ++this.batch;
    let next = 0;
    let done = 0;
    return new Promise<R[]>((resolve, reject) => {
      let failed = false;
      const current = new Map<Worker, number>();
      const listeners: [Worker, (m: WorkerReply) => void, (e: Error) => void, (code: number) => void][] = [];
      const cleanup = (): void => {
        this.running = false;
        for (const [w, onMsg, onErr, onExit] of listeners) {
          w.off("message", onMsg);
          w.off("error", onErr);
          w.off("exit", onExit);
          w.unref();
        }
      };
      const fail = (e: KitError): void => {
        if (failed) return;
        failed = true;
        cleanup();
        reject(e);
      };
      const breakPool = (e: EngineError): void => {
        this.broken = e;
        fail(e);
      };
      const feed = (w: Worker): void => {
        if (next < tasks.length) {
          const index = next++;
          current.set(w, index);
          try {
            w.postMessage({ kind, batch, index, task: tasks[index] });
          } catch (e) {
            fail(new EngineError("forest worker", `task ${index} (sending it to a worker)`, e));
          }
        } else current.delete(w);
      };
      for (const w of this.workers) {
        const onMsg = (m: WorkerReply): void => {
          if (failed || m.batch !== batch) return;
          if (m.error !== undefined || m.result === undefined) {
            fail(m.error !== undefined ? rebuildWorkerError(m.index, m.error) : new EngineError("forest worker", `task ${m.index}`, "the worker sent no result"));
            return;
          }
          results[m.index] = m.result as R;
          done++;
          if (onProgress !== undefined) {
            try {
              onProgress(done, tasks.length);
            } catch (e) {
              // the caller's callback failed: reject the run; busy workers finish their task, whose late reply is ignored
              fail(callbackError(fn, "onProgress", e));
              return;
            }
          }
          if (done === tasks.length) {
            cleanup();
            resolve(results);
          } else feed(w);
        };
        const onErr = (e: Error): void => {
          breakPool(new EngineError("forest worker", `task ${current.get(w) ?? "(none)"}`, e));
        };
        const onExit = (code: number): void => {
          breakPool(new EngineError("forest worker", `task ${current.get(w) ?? "(none)"}`, `the worker exited unexpectedly with code ${code}`));
        };
        listeners.push([w, onMsg, onErr, onExit]);
        w.on("message", onMsg);
        w.on("error", onErr);
        w.on("exit", onExit);
        w.ref();
      }
      if (tasks.length === 0) {
        cleanup();
        resolve(results);
        return;
      }
      for (const w of this.workers) feed(w);
    });
  }

  /**
   * Stop the workers. Closing twice is harmless.
   *
   * @returns when every worker has exited
   * @throws EngineError when a worker cannot be terminated
   * @example
   * const pool = new ForestPool({ workers: 1 });
   * await pool.close();
   * await pool.close(); // passes (closing twice is harmless)
   * pool.register("train", makeMatrix(new Float64Array([1, 2]), 2)); // throws ArgumentError
   */
  async close(): Promise<void> {
    this.closed = true;
    this.registry.clear();
    this.models.clear();
    try {
      await Promise.all(this.workers.map((w) => w.terminate()));
    } catch (e) {
      throw new EngineError("forest worker", "close", e);
    }
  }
}

interface WorkerReply { batch: number; index: number; result?: ForestTaskResult | Float64Array; error?: SerializedError }

let nextDatasetId = 0;

/**
 * Run `body` with `pool` when given, else with a fresh pool of `workers` that is closed
 * afterwards; `x`/`y` are registered for the duration under an id passed to `body`.
 *
 * @param pool - an existing pool, or undefined
 * @param workers - worker count for a fresh pool
 * @param x - predictors to register
 * @param y - response to register
 * @param body - the work, given the pool and the dataset id
 * @returns what `body` returns
 * @throws ArgumentError when `pool` is not a ForestPool or `body` not a function, or from the pool (bad worker count, bad matrix or response)
 * @example
 * const { x, y } = friedman1(100, 5, 1, "demo");
 * const trainRows = Int32Array.from({ length: 80 }, (_, i) => i);
 * const [r] = await withDataset(undefined, 0, x, y, (pool, id) => pool.run([{ data: id, options: { ntrees: 5, seed: 1 }, trainRows, predictRows: Int32Array.from([80, 81]) }]));
 * r.predictions; // Float64Array [13.62, 4.988]
 */
export async function withDataset<T>(pool: ForestPool | undefined, workers: number | undefined, x: Matrix, y: ArrayLike<number>, body: (pool: ForestPool, id: string) => Promise<T>): Promise<T> {
  if (pool !== undefined && !(pool instanceof ForestPool)) throw new ArgumentError({ fn: "withDataset", arg: "pool", value: pool, expected: "a ForestPool" }, "not a pool");
  if (typeof body !== "function") throw new ArgumentError({ fn: "withDataset", arg: "body", value: body, expected: "a function (pool, id) => Promise" }, "not a function");
  const id = `dataset-${nextDatasetId++}`;
  const run = async (p: ForestPool): Promise<T> => {
    p.register(id, x, y);
    try {
      return await body(p, id);
    } finally {
      p.unregister(id);
    }
  };
  return pool !== undefined ? run(pool) : withForestPool(workers === undefined ? {} : { workers }, run);
}

/**
 * Run `body` with a pool that is closed afterwards (also on error).
 *
 * @param options - worker count
 * @param body - the work
 * @returns what `body` returns
 * @throws ArgumentError for a bad worker count or a `body` that is not a function; EngineError when a worker cannot be started
 * @example
 * const { x, y } = friedman1(100, 5, 1, "demo");
 * const trainRows = Int32Array.from({ length: 80 }, (_, i) => i);
 * const [r] = await withForestPool({ workers: 1 }, (pool) => {
 *   pool.register("train", x, y);
 *   return pool.run([{ data: "train", options: { ntrees: 5, seed: 1 }, trainRows, predictRows: Int32Array.from([80, 81]) }]);
 * });
 * r.predictions; // Float64Array [13.62, 4.988] (the same forest in a worker as in this thread)
 */
export async function withForestPool<T>(options: ForestPoolOptions, body: (pool: ForestPool) => Promise<T>): Promise<T> {
  if (typeof body !== "function") throw new ArgumentError({ fn: "withForestPool", arg: "body", value: body, expected: "a function (pool) => Promise" }, "not a function");
  const pool = new ForestPool(options);
  try {
    return await body(pool);
  } finally {
    await pool.close();
  }
}
