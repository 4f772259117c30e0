/**
 * Machine-readable results. Each notebook writes its key numbers to
 * `build/results/<notebook-name>.json` so a reviewer can diff two runs and tests can assert
 * on them. Values must be finite numbers, strings, booleans, null, arrays or plain objects:
 * a NaN or ±Infinity is an error that names its key path (use null for "not available"
 * and say why in a neighbouring field). No timestamps are written, so reruns are identical.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { buildSubdir, projectRoot } from "./paths";
import { currentProfile } from "./profile";

/** A JSON value as the results files allow it. */
export type ResultValue = number | string | boolean | null | readonly ResultValue[] | { readonly [key: string]: ResultValue };

/**
 * Check that a value is writable as results JSON.
 *
 * @param value - the value to check
 * @param where - the key path used in the error message
 * @throws Error naming the key path of a non-finite number or an unsupported type
 */
export function assertResultValue(value: unknown, where = "$"): asserts value is ResultValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`results: ${where} is ${value}; write null and explain why instead`);
    return;
  }
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    Array.from(value as ArrayLike<unknown>).forEach((v, i) => assertResultValue(v, `${where}[${i}]`));
    return;
  }
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) assertResultValue(v, `${where}.${k}`);
    return;
  }
  throw new Error(`results: ${where} has unsupported type ${typeof value}`);
}

/**
 * Write a notebook's results to `build/results/<name>.json`, with a `_meta` block holding
 * the notebook name, the profile and the kit version. Typed arrays are written as arrays.
 *
 * @param name - the notebook name without extension, e.g. "00-start-here"
 * @param results - the numbers to record
 * @returns the absolute path written
 * @throws Error for a bad name or a non-finite number (naming its key path)
 */
export function writeResults(name: string, results: Record<string, unknown>): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new Error(`results: bad file name ${JSON.stringify(name)}`);
  assertResultValue(results);
  const body = { _meta: { notebook: name, profile: currentProfile(), kit: kitVersion() }, ...results };
  const json = JSON.stringify(body, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v), 2);
  const file = path.join(buildSubdir("results"), `${name}.json`);
  fs.writeFileSync(file, `${json}\n`);
  return file;
}

/**
 * Read back a results file written by {@link writeResults}.
 *
 * @param name - the notebook name without extension
 */
export function readResults(name: string): Record<string, unknown> {
  const file = path.join(buildSubdir("results"), `${name}.json`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
}

function kitVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot(), "package.json"), "utf8")) as { version: string };
  return pkg.version;
}

/**
 * Write a notebook's stage timings to `build/results/timings/<name>.json`, apart from the
 * diffable results (timings differ from run to run). Each stage records wall time (ms) and
 * whether it was served from the cache, so a reviewer can tell a computed time from a read.
 *
 * @param name - the notebook name without extension
 * @param stages - per stage: wall time in ms and the cache flag
 * @returns the absolute path written
 */
export function writeTimings(name: string, stages: Record<string, { ms: number; cacheHit?: boolean }>): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new Error(`timings: bad file name ${JSON.stringify(name)}`);
  assertResultValue(stages);
  const file = path.join(buildSubdir(path.join("results", "timings")), `${name}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ notebook: name, profile: currentProfile(), stages }, null, 2)}\n`);
  return file;
}
