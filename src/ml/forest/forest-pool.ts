/**
 * A pool of worker threads for forest work: CV folds, grid points and bootstrap replicates run
 * in parallel (paper 1: 108 models × 10 folds, §2.4.1; 100 bootstrap retrainings, §2.4.2).
 * Datasets are copied once into shared memory and every worker reads the same bytes. Each task
 * carries its own seed and results come back in task order, so the output is identical for any
 * number of workers — including 0, which runs the tasks in the calling thread.
 */
import * as os from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { type ForestDataset, type ForestTask, type ForestTaskResult, runForestTask } from "./forest-task";
import { type Matrix } from "../../core/matrix";

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
 */
export function defaultWorkerCount(): number {
  return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
}

function shared(a: ArrayLike<number>): Float64Array {
  const out = new Float64Array(new SharedArrayBuffer(a.length * 8));
  for (let i = 0; i < a.length; i++) out[i] = a[i]!;
  return out;
}

/** A pool of forest workers. Call {@link ForestPool.close} when done. */
export class ForestPool {
  /** Number of worker threads (0 = inline). */
  readonly size: number;
  private readonly workers: Worker[] = [];
  private readonly registry = new Map<string, ForestDataset>();
  private closed = false;

  /**
   * @param options - worker count
   */
  constructor(options: ForestPoolOptions = {}) {
    const n = options.workers ?? defaultWorkerCount();
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`ForestPool: workers must be a non-negative integer, got ${n}`);
    this.size = n;
    for (let w = 0; w < n; w++) {
      const worker = new Worker(path.join(__dirname, "forest-worker.js"));
      worker.unref();
      this.workers.push(worker);
    }
  }

  /**
   * Register a dataset (copied once into shared memory) under an id that tasks refer to.
   *
   * @param id - dataset id
   * @param x - predictors
   * @param y - response (omit for a prediction-only matrix)
   */
  register(id: string, x: Matrix, y?: ArrayLike<number>): void {
    if (this.closed) throw new Error("ForestPool: register after close");
    if (y !== undefined && y.length !== x.nRows) throw new RangeError(`ForestPool.register("${id}"): ${x.nRows} rows but ${y.length} responses`);
    const sx = { data: shared(x.data), nRows: x.nRows, nCols: x.nCols, ...(x.columns === undefined ? {} : { columns: [...x.columns] }) };
    const sy = y === undefined ? undefined : shared(y);
    this.registry.set(id, sy === undefined ? { x: sx } : { x: sx, y: sy });
    for (const w of this.workers) w.postMessage({ kind: "register", id, x: sx, y: sy });
  }

  /**
   * Forget a registered dataset (frees its shared memory once no task uses it).
   *
   * @param id - dataset id
   */
  unregister(id: string): void {
    this.registry.delete(id);
    for (const w of this.workers) w.postMessage({ kind: "unregister", id });
  }

  /**
   * Run tasks; results come back in task order whatever the schedule.
   *
   * @param tasks - the tasks
   * @param onProgress - called after each finished task
   * @returns one result per task
   * @throws Error (rejects) with the task index and the worker's message when a task fails
   */
  async run(tasks: readonly ForestTask[], onProgress?: ForestProgress): Promise<ForestTaskResult[]> {
    if (this.closed) throw new Error("ForestPool: run after close");
    const results: ForestTaskResult[] = new Array<ForestTaskResult>(tasks.length);
    if (this.size === 0) {
      tasks.forEach((t, i) => {
        results[i] = runForestTask(this.registry, t);
        onProgress?.(i + 1, tasks.length);
      });
      return results;
    }
    let next = 0;
    let done = 0;
    return new Promise<ForestTaskResult[]>((resolve, reject) => {
      let failed = false;
      const listeners: [Worker, (m: { index: number; result?: ForestTaskResult; error?: string }) => void, (e: Error) => void][] = [];
      const cleanup = (): void => {
        for (const [w, onMsg, onErr] of listeners) {
          w.off("message", onMsg);
          w.off("error", onErr);
          w.unref();
        }
      };
      const feed = (w: Worker): void => {
        if (next < tasks.length) {
          const index = next++;
          w.postMessage({ kind: "task", index, task: tasks[index] });
        }
      };
      for (const w of this.workers) {
        const onMsg = (m: { index: number; result?: ForestTaskResult; error?: string }): void => {
          if (failed) return;
          if (m.error !== undefined || m.result === undefined) {
            failed = true;
            cleanup();
            reject(new Error(`ForestPool: task ${m.index} failed: ${m.error ?? "no result"}`));
            return;
          }
          results[m.index] = m.result;
          done++;
          onProgress?.(done, tasks.length);
          if (done === tasks.length) {
            cleanup();
            resolve(results);
          } else feed(w);
        };
        const onErr = (e: Error): void => {
          if (failed) return;
          failed = true;
          cleanup();
          reject(new Error(`ForestPool: a worker crashed: ${e.message}`));
        };
        listeners.push([w, onMsg, onErr]);
        w.on("message", onMsg);
        w.on("error", onErr);
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
   * Stop the workers.
   *
   * @returns when every worker has exited
   */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

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
 */
export async function withDataset<T>(pool: ForestPool | undefined, workers: number | undefined, x: Matrix, y: ArrayLike<number>, body: (pool: ForestPool, id: string) => Promise<T>): Promise<T> {
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
 */
export async function withForestPool<T>(options: ForestPoolOptions, body: (pool: ForestPool) => Promise<T>): Promise<T> {
  const pool = new ForestPool(options);
  try {
    return await body(pool);
  } finally {
    await pool.close();
  }
}
