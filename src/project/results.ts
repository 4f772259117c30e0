/**
 * Machine-readable results. Each notebook writes its key numbers to
 * `build/<profile>/results/<notebook-name>.json` (or `$PERMAFROST_RESULTS_DIR/<name>.json`) so a reviewer
 * can diff two runs and tests can assert on them. Values must be finite numbers, strings,
 * booleans, null, arrays or plain objects: a NaN or ±Infinity is an error that names its key
 * path (use null for "not available" and say why in a neighbouring field). No timestamps are
 * written, so reruns are identical. Files are written atomically (temporary file, then rename).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ArgumentError, DataError } from "../core/errors";
import { checkOptions } from "../core/checks";
import { cleanStrayTempsOnce, writeFileAtomic } from "./atomic";
import { machineInfo } from "./machine";
import { projectRoot, resultsDir } from "./paths";
import { currentProfile } from "./profile";

/** A JSON value as the results files allow it. */
export type ResultValue = number | string | boolean | null | readonly ResultValue[] | { readonly [key: string]: ResultValue };

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function checkName(fn: string, name: unknown): string {
  if (typeof name !== "string" || !NAME_RE.test(name)) {
    throw new ArgumentError({ fn, arg: "name", value: name, expected: "a file-safe name: letters, digits, '.', '_', '-', not starting with '.' (e.g. \"12-alt-grid-search\")" }, "bad file name");
  }
  return name;
}

/**
 * Check that a value is writable as results JSON.
 *
 * @param value - the value to check
 * @param where - the key path used in the error message (default `$`)
 * @param fn - the public function named in the error (default `assertResultValue`)
 * @throws ArgumentError naming the key path of a non-finite number, an unsupported type (e.g.
 *   undefined), a sparse array's hole, nesting deeper than {@link MAX_RESULT_DEPTH} levels or a
 *   circular reference
 */
export function assertResultValue(value: unknown, where = "$", fn = "assertResultValue"): asserts value is ResultValue {
  walk(value, where, fn, new Set(), 0);
}

/** Nesting deeper than this is refused (a results file is a reviewer's table, not a deep tree). */
export const MAX_RESULT_DEPTH = 100;

function walk(value: unknown, where: string, fn: string, stack: Set<object>, depth: number): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new ArgumentError({ fn, arg: where, value, expected: "a finite number (write null and explain why in a neighbouring field)" }, "not a finite number");
    return;
  }
  if (ArrayBuffer.isView(value)) {
    const a = value as unknown as ArrayLike<unknown>;
    if (typeof a.length !== "number") throw new ArgumentError({ fn, arg: where, value, expected: "a typed array of numbers" }, "unsupported type");
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (typeof v !== "number" || !Number.isFinite(v)) walk(v, `${where}[${i}]`, fn, stack, depth + 1);
    }
    return;
  }
  if (typeof value === "object" && (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype)) {
    if (depth >= MAX_RESULT_DEPTH) throw new ArgumentError({ fn, arg: where, expected: `at most ${MAX_RESULT_DEPTH} levels of arrays and objects` }, `nested more than ${MAX_RESULT_DEPTH} levels deep`);
    if (stack.has(value)) throw new ArgumentError({ fn, arg: where, expected: "a value that does not contain itself" }, "circular reference");
    stack.add(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) throw new ArgumentError({ fn, arg: `${where}[${i}]`, expected: "an array with a value at every index (write null and explain why in a neighbouring field)" }, "hole in a sparse array (JSON would write it as null)");
        walk(value[i], `${where}[${i}]`, fn, stack, depth + 1);
      }
    } else for (const [k, v] of Object.entries(value)) walk(v, `${where}.${k}`, fn, stack, depth + 1);
    stack.delete(value);
    return;
  }
  const kind = value === undefined ? "undefined" : typeof value === "object" ? (value.constructor?.name ?? "object") : typeof value;
  throw new ArgumentError({ fn, arg: where, value, expected: "a finite number, string, boolean, null, array or plain object" }, `unsupported type ${kind}`);
}

/**
 * Write a notebook's results to `build/<profile>/results/<name>.json` ({@link resultsDir}), with a
 * `_meta` block holding the notebook name, the profile and the kit version. Typed arrays are
 * written as arrays.
 * The file is written atomically (temporary file in the same folder, then rename).
 *
 * @param name - the notebook name without extension, e.g. "00-start-here"
 * @param results - the numbers to record (a plain object; the key `_meta` is reserved)
 * @returns the absolute path written
 * @throws ArgumentError for a bad name, a reserved key, or a non-finite number, unsupported
 *   value (undefined, a Map…), sparse array hole or nesting deeper than {@link MAX_RESULT_DEPTH}
 *   levels (naming its key path, e.g. `results.stats.so.mean`)
 */
export function writeResults(name: string, results: Record<string, unknown>): string {
  checkName("writeResults", name);
  if (results === null || typeof results !== "object" || Array.isArray(results) || Object.getPrototypeOf(results) !== Object.prototype) {
    throw new ArgumentError({ fn: "writeResults", arg: "results", value: results, expected: "a plain object of named results" }, "not a plain object");
  }
  if ("_meta" in results) throw new ArgumentError({ fn: "writeResults", arg: "results._meta", expected: "another key (_meta is written by writeResults)" }, "reserved key");
  assertResultValue(results, "results", "writeResults");
  const body = { _meta: { notebook: name, profile: currentProfile(), kit: kitVersion() }, ...results };
  const json = JSON.stringify(body, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v), 2);
  const dir = resultsDir();
  cleanStrayTempsOnce(dir);
  const file = path.join(dir, `${name}.json`);
  writeFileAtomic(file, `${json}\n`);
  return file;
}

/**
 * Read back a results file written by {@link writeResults}.
 *
 * @param name - the notebook name without extension
 * @returns the parsed results (with `_meta`)
 * @throws ArgumentError for a bad name
 * @throws DataError when the file is missing, does not parse (naming the line), is not a
 *   results object, or holds a number JSON.parse turns into ±Infinity (e.g. `1e400`, which
 *   writeResults never writes; naming the key path and the line)
 */
export function readResults(name: string): Record<string, unknown> {
  checkName("readResults", name);
  const file = path.join(resultsDir(), `${name}.json`);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new DataError({ file, expected: `the results of notebook ${name} (run it first)` }, "no results file");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const pos = /position (\d+)/.exec(e instanceof Error ? e.message : "");
    const line = pos === null ? text.split("\n").length : text.slice(0, Number(pos[1])).split("\n").length;
    throw new DataError({ file, line, expected: "JSON written by writeResults" }, `not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed) || !("_meta" in parsed)) {
    throw new DataError({ file, expected: "an object with a _meta block, as writeResults writes" }, "not a results file");
  }
  checkReadNumbers(parsed, "results", file, text);
  return parsed;
}

// A parsed results file holds only JSON values; JSON.parse turns a number literal beyond the
// float range (1e400) into ±Infinity, which writeResults would have refused: refuse it on read,
// naming the key path and the line of the first out-of-range literal. Iterative (children pushed
// in reverse, so values are visited in file order), so a deeply nested file cannot overflow the
// stack.
function checkReadNumbers(root: unknown, rootPath: string, file: string, text: string): void {
  const todo: [unknown, string][] = [[root, rootPath]];
  while (todo.length > 0) {
    const [v, where] = todo.pop()!;
    if (typeof v === "number") {
      if (!Number.isFinite(v)) {
        const literal = /-?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?/g;
        let line: number | undefined;
        for (let hit = literal.exec(text); hit !== null && line === undefined; hit = literal.exec(text)) {
          if (!Number.isFinite(Number(hit[0]))) line = text.slice(0, hit.index).split("\n").length;
        }
        throw new DataError({ file, ...(line === undefined ? {} : { line }), column: where, value: v, expected: "a finite number (writeResults writes nothing else)" }, "number out of range");
      }
    } else if (v !== null && typeof v === "object") {
      const kids: [unknown, string][] = Array.isArray(v) ? v.map((x, i): [unknown, string] => [x, `${where}[${i}]`]) : Object.entries(v).map(([k, x]): [unknown, string] => [x, `${where}.${k}`]);
      for (let i = kids.length - 1; i >= 0; i--) todo.push(kids[i]!);
    }
  }
}

function kitVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot(), "package.json"), "utf8")) as { version: string };
  return pkg.version;
}

/**
 * Write a notebook's stage timings to `build/<profile>/results/timings/<name>.json`, apart from the
 * diffable results (timings differ from run to run). Each stage records wall time (ms) and
 * whether it was served from the cache, so a reviewer can tell a computed time from a read; the
 * file also records when it was written and the machine ({@link machineInfo}: cores, CPU model,
 * memory, Node.js), since a time means little without it. Written atomically.
 *
 * @param name - the notebook name without extension
 * @param stages - per stage: wall time in ms (finite, ≥ 0) and the cache flag
 * @returns the absolute path written
 * @throws ArgumentError for a bad name, a stage without a finite `ms`, a non-boolean `cacheHit`
 *   or an unknown field
 */
export function writeTimings(name: string, stages: Record<string, { ms: number; cacheHit?: boolean }>): string {
  checkName("writeTimings", name);
  if (stages === null || typeof stages !== "object" || Array.isArray(stages)) {
    throw new ArgumentError({ fn: "writeTimings", arg: "stages", value: stages, expected: "an object: stage name → { ms, cacheHit? }" }, "not an object");
  }
  for (const [stage, t] of Object.entries(stages)) {
    checkOptions("writeTimings", `stages.${stage}`, t, ["ms", "cacheHit"]);
    const ms = (t as { ms?: unknown } | undefined)?.ms;
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) throw new ArgumentError({ fn: "writeTimings", arg: `stages.${stage}.ms`, value: ms, expected: "a finite number ≥ 0 (ms)" }, "bad time");
    const hit = (t as { cacheHit?: unknown }).cacheHit;
    if (hit !== undefined && typeof hit !== "boolean") throw new ArgumentError({ fn: "writeTimings", arg: `stages.${stage}.cacheHit`, value: hit, expected: "true or false" }, "not a boolean");
  }
  const dir = path.join(resultsDir(), "timings");
  fs.mkdirSync(dir, { recursive: true });
  cleanStrayTempsOnce(dir);
  const file = path.join(dir, `${name}.json`);
  const record = { notebook: name, profile: currentProfile(), finished: new Date().toISOString(), machine: machineInfo(), stages };
  writeFileAtomic(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}
