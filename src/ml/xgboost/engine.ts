/**
 * Loader for the named training engine, npm `ml-xgboost` 1.1.2 (xgboost ~0.7 compiled to
 * WebAssembly by emscripten). It is loaded once per process. Its emscripten glue tries
 * `WebAssembly.instantiateStreaming(fetch(path))` under Node 20, which fails on a file path
 * and prints a warning before falling back; the loader hides `instantiateStreaming` while the
 * module is required, so the glue takes the ArrayBuffer path directly and prints nothing.
 *
 * Measured limits of the engine (the wrapper in ./train.ts works around each):
 * `reg:squarederror` is unknown and aborts the process (we pass `reg:linear`); a feature
 * value of exactly −1 after float32 rounding is treated as missing and NaN aborts the module
 * (we pass ranks, with −1 only for real missing values); no eval set, early stopping or
 * `pred_contribs`; predictions one row at a time; memory must be freed by hand.
 *
 * A failure while loading the module (a missing package, a WebAssembly compile error) becomes an
 * {@link EngineError}; the failed load is not cached, so a later call tries again.
 */
import { EngineError, guardEngine } from "../../core/errors";

/** The engine's model class, as far as the kit uses it. */
export interface EngineModel {
  train(x: number[][], y: number[]): void;
  predict(x: number[][]): number[];
  toJSON(): { name: string; model: number[]; options: Record<string, unknown> };
  free(): void;
}

/** Constructor of engine models. */
export type EngineClass = new (options: Record<string, unknown>) => EngineModel;

let engine: Promise<EngineClass> | undefined;

/**
 * The ml-xgboost model class (loads the WebAssembly module on first call).
 *
 * @returns a promise of the engine's model class
 * @throws EngineError (as a rejected promise) when the module cannot be loaded
 * @example
 * const Engine = await loadEngine();
 * typeof Engine; // 'function'
 */
export function loadEngine(): Promise<EngineClass> {
  if (engine !== undefined) return engine;
  const wasm = WebAssembly as unknown as { instantiateStreaming?: unknown };
  const saved = wasm.instantiateStreaming;
  wasm.instantiateStreaming = undefined;
  let loading: Promise<EngineClass>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loading = Promise.resolve(guardEngine("ml-xgboost", "load", () => require("ml-xgboost") as Promise<EngineClass>));
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new EngineError("ml-xgboost", "load", e));
  } finally {
    wasm.instantiateStreaming = saved;
  }
  engine = loading.catch((e: unknown) => {
    engine = undefined;
    throw e instanceof EngineError ? e : new EngineError("ml-xgboost", "load", e);
  });
  return engine;
}
