/**
 * A content-addressed cache for expensive, deterministic stages (paper 1: the 108-model grid
 * search, the top-10 annual maps, the bootstrap). The key is a SHA-256 over everything the
 * result depends on — the input arrays' bytes, the settings, the seed and a fingerprint of the
 * compiled forest engine — so a rerun with the same inputs reuses the result, and any change
 * (new data, other settings, edited engine code) recomputes it. Files live in
 * `build/cache/<stage>/<hash>.json`; set `PERMAFROST_NO_CACHE=1` to always recompute.
 *
 * **Integrity.** Every entry starts with a header line carrying the SHA-256 and the byte length
 * of its payload (`permafrost-cache 2 sha256=<hex> bytes=<n>`). On read, an entry that is empty,
 * truncated, bit-flipped, has a wrong checksum or no header, or does not parse, is never served:
 * it is recomputed and overwritten, and one line on stderr says which file and why. Entries are
 * written atomically (a temporary file in the same folder, then a rename), so a run killed at any
 * moment never leaves a half-written entry; temporaries of dead processes are removed.
 *
 * Values are JSON with typed arrays encoded as base64 (`{"$typed": "Float32Array", "b64": …}`)
 * and NaN, ±Infinity and −0 encoded as `{"$num": "NaN"}`, so a cached result decodes to exactly
 * the bytes that were computed. A value JSON cannot give back exactly (undefined, a sparse array's
 * hole, a Map or other class instance, a function) is refused when it is stored, naming its key
 * path, rather than coming back from a later hit as something else. Errors thrown by the
 * `compute` function are passed through unchanged (nothing is stored).
 *
 * The key ({@link contentHash}) hashes every value with its type, and refuses what it cannot
 * hash faithfully (a Map, Set, Date or other class instance, a sparse array, a function), so two
 * different inputs never share a key.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { ArgumentError } from "../core/errors";
import { cleanStrayTempsOnce, writeFileAtomic } from "./atomic";
import { buildSubdir, projectRoot } from "./paths";

const TYPED = {
  Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, Uint8ClampedArray,
} as const;
type TypedName = keyof typeof TYPED;

/** Nesting deeper than this is refused by {@link contentHash} (a cache key is shallow data). */
const MAX_HASH_DEPTH = 100;

/** Stands for "no value to show" in a refusal (an `undefined` value would print as `got undefined`). */
const NO_VALUE: unique symbol = Symbol("no value");

const HASHABLE = "data: numbers, strings, booleans, bigints, null, undefined, arrays, typed arrays or plain objects";

function hashRefusal(where: string, value: unknown, problem: string, expected = HASHABLE): ArgumentError {
  return new ArgumentError({ fn: "contentHash", arg: where, ...(value === NO_VALUE ? {} : { value }), expected }, problem);
}

function kindOf(v: object): string {
  const ctor = (v as { constructor?: { name?: unknown } }).constructor;
  return typeof ctor?.name === "string" && ctor.name !== "" ? ctor.name : "object";
}

// Feed one value into the hash. Every form is self-delimiting (type tag, length or terminator),
// so two different values never feed the same bytes; anything whose content the walk cannot see
// (a Map, a Set, a Date, a class instance, a function…) is refused with its key path instead of
// being hashed as an empty object. The bytes fed for ordinary data are the same as in earlier
// versions (numbers other than −0, strings without ';', arrays, plain objects, typed arrays).
function feed(h: ReturnType<typeof createHash>, v: unknown, where: string, stack: Set<object>, depth: number): void {
  if (ArrayBuffer.isView(v)) {
    h.update(`<${v.constructor.name}:${v.byteLength}>`);
    h.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    return;
  }
  switch (typeof v) {
    case "function":
    case "symbol":
      throw hashRefusal(where, v, "cannot be hashed");
    case "number":
      h.update(Object.is(v, -0) ? "number:-0;" : `number:${String(v)};`);
      return;
    case "string":
      // A ';' inside the text would make "a;string:b" + "c" feed the same bytes as "a" + "b;string:c":
      // such strings carry their length instead.
      h.update(v.includes(";") ? `string#${v.length}:${v};` : `string:${v};`);
      return;
    case "object":
      break;
    default: // boolean, bigint, undefined: the type tag keeps 1n apart from 1 and undefined from null
      h.update(`${typeof v}:${String(v)};`);
      return;
  }
  if (v === null) {
    h.update("object:null;");
    return;
  }
  if (depth >= MAX_HASH_DEPTH) throw hashRefusal(where, v, `nested more than ${MAX_HASH_DEPTH} levels deep`, `at most ${MAX_HASH_DEPTH} levels of arrays and objects`);
  if (stack.has(v)) throw hashRefusal(where, NO_VALUE, "circular reference", "an object that does not contain itself");
  stack.add(v);
  if (Array.isArray(v)) {
    if (Object.keys(v).length !== v.length) {
      for (let i = 0; i < v.length; i++) if (!(i in v)) throw hashRefusal(`${where}[${i}]`, NO_VALUE, "hole in a sparse array (it would hash as undefined)", "an array with a value at every index");
      const extra = Object.keys(v).find((k) => !/^\d+$/.test(k))!;
      throw hashRefusal(`${where}.${extra}`, (v as unknown as Record<string, unknown>)[extra], "named property on an array (it would not be hashed)", "a plain array or a plain object");
    }
    h.update(`[${v.length}`);
    for (let i = 0; i < v.length; i++) feed(h, v[i], `${where}[${i}]`, stack, depth + 1);
    h.update("]");
  } else {
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) throw hashRefusal(where, NO_VALUE, `${kindOf(v)} cannot be hashed (its content is not in its own enumerable properties)`);
    if (Object.getOwnPropertySymbols(v).length > 0) throw hashRefusal(where, NO_VALUE, `symbol-keyed property ${String(Object.getOwnPropertySymbols(v)[0])} (it would not be hashed)`);
    const keys = Object.keys(v).sort();
    h.update(`{${keys.length}`);
    for (const k of keys) {
      h.update(JSON.stringify(k));
      feed(h, (v as Record<string, unknown>)[k], `${where}.${k}`, stack, depth + 1);
    }
    h.update("}");
  }
  stack.delete(v);
}

/**
 * SHA-256 (hex) of any mix of typed arrays, arrays, plain objects (key order ignored) and
 * primitives. Every value is hashed with its type (1, 1n, "1", true, null and undefined all
 * differ; so do 0 and −0), so two different inputs never share a key. What the hash cannot see
 * faithfully is refused rather than hashed as something else.
 *
 * @param parts - the inputs a result depends on
 * @returns 64 hex digits
 * @throws ArgumentError naming the key path (e.g. `parts[2].grid`) of a function, a symbol, a
 *   Map, Set, Date, RegExp, ArrayBuffer or other class instance, a sparse array's hole, a named
 *   property on an array, a symbol-keyed property, nesting deeper than 100 levels, or an object
 *   that contains itself
 * @example
 * contentHash("stage-v1", new Float64Array([1, 2]), { seed: 1 }).length; // 64
 */
export function contentHash(...parts: unknown[]): string {
  const h = createHash("sha256");
  feed(h, parts, "parts", new Set(), 0);
  return h.digest("hex");
}

let engine: string | undefined;

/**
 * Fingerprint of the compiled forest engine and workflow code (`dist/ml/`, `dist/alt/`), so a
 * cached result is never reused after the code that made it changed.
 *
 * @returns 16 hex digits
 * @example
 * engineFingerprint().length; // 16
 */
export function engineFingerprint(): string {
  if (engine !== undefined) return engine;
  const h = createHash("sha256");
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".js")) h.update(e.name).update(fs.readFileSync(p));
    }
  };
  for (const sub of ["ml", "alt", "stats", "raster", "project"]) walk(path.join(projectRoot(), "dist", sub));
  engine = h.digest("hex").slice(0, 16);
  return engine;
}

/** Nesting deeper than this is refused by {@link cached} (JSON.stringify would overflow the stack). */
const MAX_STORE_DEPTH = 100;

// Walk a value to be cached, refusing what JSON would silently change (naming its key path): the
// same rule as writeResults, except that NaN, ±Infinity, −0 and typed arrays are stored exactly.
function checkStorable(v: unknown, where: string, stack: Set<object>, depth: number): void {
  // `at` and `value` name another place than `v` itself (an array's index); no value = none shown
  const badAt = (at: string, value: unknown, problem: string, expected: string): never => {
    throw new ArgumentError({ fn: "cached", arg: at, ...(value === NO_VALUE ? {} : { value }), expected }, problem);
  };
  const bad = (problem: string, expected: string): never => badAt(where, v, problem, expected);
  const storable = "numbers, strings, booleans, null, arrays, typed arrays or plain objects";
  if (v === null || typeof v === "number" || typeof v === "string" || typeof v === "boolean") return;
  if (v === undefined) return bad("undefined cannot be stored (JSON drops it: a hit would return a missing field or null)", `${storable}; use null for "no value"`);
  if (typeof v !== "object") return bad("cannot be stored in the cache", storable);
  if (ArrayBuffer.isView(v)) {
    if (!(v.constructor.name in TYPED)) bad("cannot be stored in the cache", `one of ${Object.keys(TYPED).join(", ")}`);
    return;
  }
  if (depth >= MAX_STORE_DEPTH) badAt(where, NO_VALUE, `nested more than ${MAX_STORE_DEPTH} levels deep`, `at most ${MAX_STORE_DEPTH} levels of arrays and objects`);
  if (stack.has(v)) badAt(where, NO_VALUE, "circular reference", "a value that does not contain itself");
  stack.add(v);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) badAt(`${where}[${i}]`, NO_VALUE, "hole in a sparse array (JSON would turn it into null)", "an array with a value at every index");
      if (v[i] === undefined) badAt(`${where}[${i}]`, undefined, "undefined inside an array (JSON would turn it into null)", storable);
      checkStorable(v[i], `${where}[${i}]`, stack, depth + 1);
    }
    if (Object.keys(v).length !== v.length) {
      const extra = Object.keys(v).find((k) => !/^\d+$/.test(k))!;
      badAt(`${where}.${extra}`, (v as unknown as Record<string, unknown>)[extra], "named property on an array (JSON would drop it)", "a plain array or a plain object");
    }
  } else {
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) badAt(where, NO_VALUE, `${kindOf(v)} is not a plain object (JSON would not keep its type)`, storable);
    if (Object.getOwnPropertySymbols(v).length > 0) badAt(where, NO_VALUE, `symbol-keyed property ${String(Object.getOwnPropertySymbols(v)[0])} (JSON would drop it)`, "string keys only");
    for (const [k, x] of Object.entries(v)) {
      if (k === "$typed" || k === "$num") bad(`key ${k} is reserved by the cache encoding`, "other key names");
      checkStorable(x, `${where}.${k}`, stack, depth + 1);
    }
  }
  stack.delete(v);
}

function encode(_k: string, v: unknown): unknown {
  if (typeof v === "number") {
    if (Number.isFinite(v) && !Object.is(v, -0)) return v;
    return { $num: Object.is(v, -0) ? "-0" : String(v) };
  }
  if (ArrayBuffer.isView(v)) {
    return { $typed: v.constructor.name, b64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64") };
  }
  return v;
}

/** Thrown inside {@link decode} for an entry whose content is not what {@link cached} writes. */
class CorruptEntry extends Error {}

function decode(_k: string, v: unknown): unknown {
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    if ("$num" in v) {
      const s = (v).$num;
      if (s === "NaN") return NaN;
      if (s === "Infinity") return Infinity;
      if (s === "-Infinity") return -Infinity;
      if (s === "-0") return -0;
      throw new CorruptEntry(`bad number encoding ${JSON.stringify(s)}`);
    }
    if ("$typed" in v && "b64" in v) {
      const { $typed, b64 } = v;
      if (typeof $typed !== "string" || !($typed in TYPED) || typeof b64 !== "string") throw new CorruptEntry(`bad typed array encoding ${JSON.stringify($typed)}`);
      const ctor = TYPED[$typed as TypedName];
      const buf = Buffer.from(b64, "base64");
      if (buf.byteLength % ctor.BYTES_PER_ELEMENT !== 0) throw new CorruptEntry(`${$typed} of ${buf.byteLength} bytes`);
      return new ctor(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    }
  }
  return v;
}

const MAGIC = "permafrost-cache 2";
const HEADER_RE = /^permafrost-cache 2 sha256=([0-9a-f]{64}) bytes=(\d+)$/;

/**
 * SHA-256 of bytes or text, as lower-case hex: the one checksum of the cache, the demo world's
 * file manifests and the map side's tile states.
 *
 * @param b - the bytes (or text, hashed as UTF-8)
 * @returns 64 hex digits
 * @example
 * sha256Hex("abc").slice(0, 8); // 'ba7816bf'
 */
export function sha256Hex(b: Uint8Array | string): string {
  return createHash("sha256").update(b).digest("hex");
}

/** What {@link readCacheFile} found in a cache file. */
export type CacheFileState<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Read and verify one cache file: header present, payload length and SHA-256 as recorded, payload
 * parses. Never throws for bad content; says why the entry cannot be trusted instead.
 *
 * @param file - a file written by {@link cached}
 * @returns the decoded value, or the reason the entry is not valid (missing, empty, truncated,
 *   checksum mismatch, unparsable)
 * @throws ArgumentError when `file` is not a non-empty string
 * @example
 * readCacheFile("/nonexistent.json"); // { ok: false, reason: 'missing' }
 */
export function readCacheFile<T = unknown>(file: string): CacheFileState<T> {
  if (typeof file !== "string" || file === "") throw new ArgumentError({ fn: "readCacheFile", arg: "file", value: file, expected: "a file path" }, "not a path");
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch {
    return { ok: false, reason: "missing" };
  }
  if (buf.byteLength === 0) return { ok: false, reason: "empty file" };
  const nl = buf.indexOf(10);
  const header = buf.subarray(0, nl < 0 ? Math.min(buf.byteLength, 200) : nl).toString("latin1");
  const m = HEADER_RE.exec(header);
  if (nl < 0 || m === null) {
    return { ok: false, reason: header.startsWith(MAGIC) ? "truncated or damaged header" : "no checksum header (not written by this version of the cache)" };
  }
  const payload = buf.subarray(nl + 1);
  const expectedBytes = Number(m[2]);
  if (payload.byteLength !== expectedBytes) {
    return { ok: false, reason: payload.byteLength < expectedBytes ? `truncated: ${payload.byteLength} of ${expectedBytes} payload bytes` : `${payload.byteLength} payload bytes, the header says ${expectedBytes}` };
  }
  if (sha256Hex(payload) !== m[1]) return { ok: false, reason: "checksum mismatch (SHA-256 of the payload differs from the header)" };
  try {
    return { ok: true, value: JSON.parse(payload.toString("utf8"), decode) as T };
  } catch (e) {
    return { ok: false, reason: `unparsable payload (${e instanceof Error ? e.message : String(e)})` };
  }
}

/**
 * The bytes {@link cached} writes for a value: the header line and the payload.
 *
 * @param value - the value (plain data, typed arrays)
 * @returns the file content
 * @throws ArgumentError naming the key path of anything JSON would not keep exactly (undefined, a
 *   sparse array's hole, a function, a Map, a class instance, a named property on an array, a
 *   circular reference, nesting deeper than 100 levels, an unsupported typed array)
 * @example
 * encodeCacheEntry({ a: 1 }).toString("utf8").startsWith("permafrost-cache 2 sha256="); // true
 */
export function encodeCacheEntry(value: unknown): Buffer {
  checkStorable(value, "value", new Set(), 0);
  const payload = Buffer.from(JSON.stringify(value, encode) ?? "null", "utf8");
  return Buffer.concat([Buffer.from(`${MAGIC} sha256=${sha256Hex(payload)} bytes=${payload.byteLength}\n`, "latin1"), payload]);
}

/** A cached value and where it came from. */
export interface Cached<T> {
  /** The value. */
  value: T;
  /** True when it was read from the cache. */
  hit: boolean;
  /** The cache file. */
  file: string;
  /** Time to compute or to read, ms. */
  ms: number;
  /** Why a stored entry was rejected and recomputed (empty, truncated, checksum mismatch…), or null. */
  rejected: string | null;
}

const STAGE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const reported = new Set<string>();

/** The environment variable that turns the cache off (`1`). */
export const NO_CACHE_ENV = "PERMAFROST_NO_CACHE";

/**
 * True when `$PERMAFROST_NO_CACHE` is `1` (cache off); unset, empty or `0` means on.
 *
 * @returns whether the cache is off
 * @throws ArgumentError naming the environment variable for any other value (e.g. `true`, which
 *   would otherwise be silently ignored)
 * @example
 * cacheDisabled(); // false unless PERMAFROST_NO_CACHE=1
 */
export function cacheDisabled(): boolean {
  const raw = process.env[NO_CACHE_ENV];
  if (raw === undefined || raw === "" || raw === "0") return false;
  if (raw === "1") return true;
  throw new ArgumentError({ fn: "cached", arg: `environment variable ${NO_CACHE_ENV}`, value: raw, expected: '"1" (cache off), "0" or unset (cache on)' }, "not a valid switch");
}

/**
 * Return the cached result of `stage` for `key`, or compute, store and return it. A stored entry
 * that fails verification (see {@link readCacheFile}) is recomputed and overwritten, never served;
 * the first time a file is rejected in a process one line on stderr names it and the reason.
 *
 * @param stage - stage name (a folder below `build/cache/`; letters, digits, `.`, `_`, `-`)
 * @param key - a {@link contentHash} of everything the result depends on (64 hex digits)
 * @param compute - the computation (deterministic for a given key)
 * @returns value, hit flag, file, time and the reason a stored entry was rejected
 * @throws ArgumentError for a bad stage name or key, a `compute` that is not a function, a value
 *   that cannot be stored exactly (naming its key path, as {@link encodeCacheEntry}: e.g. a
 *   compute that returns undefined, or an array with a hole, which a hit would return as null),
 *   or a bad `PERMAFROST_NO_CACHE`
 * @throws whatever `compute` throws, unchanged (it is the caller's code; a kit stage's compute
 *   throws the kit's own errors, which must keep their class), and nothing is stored
 * @example
 * const r = await cached("demo", contentHash("demo", 1), () => ({ x: new Float64Array([1]) }));
 * r.value.x; // Float64Array [1] (computed, or read back from the cache)
 */
export async function cached<T>(stage: string, key: string, compute: () => Promise<T> | T): Promise<Cached<T>> {
  if (typeof stage !== "string" || !STAGE_RE.test(stage)) throw new ArgumentError({ fn: "cached", arg: "stage", value: stage, expected: `a folder name matching ${String(STAGE_RE)}` }, "bad stage name");
  if (typeof key !== "string" || !/^[0-9a-f]{64}$/.test(key)) throw new ArgumentError({ fn: "cached", arg: "key", value: key, expected: "64 lower-case hex digits (a contentHash)" }, "bad key");
  if (typeof compute !== "function") throw new ArgumentError({ fn: "cached", arg: "compute", value: compute, expected: "a function" }, "not a function");
  const off = cacheDisabled();
  const dir = buildSubdir(path.join("cache", stage));
  cleanStrayTempsOnce(dir);
  const file = path.join(dir, `${key}.json`);
  const t0 = performance.now();
  let rejected: string | null = null;
  if (!off) {
    const state = readCacheFile<T>(file);
    if (state.ok) return { value: state.value, hit: true, file, ms: performance.now() - t0, rejected: null };
    if (state.reason !== "missing") {
      rejected = state.reason;
      if (!reported.has(file)) {
        reported.add(file);
        process.stderr.write(`permafrost-kit cache: ${file}: ${state.reason}; recomputing and overwriting it\n`);
      }
    }
  }
  const value = await compute();
  writeFileAtomic(file, encodeCacheEntry(value));
  return { value, hit: false, file, ms: performance.now() - t0, rejected };
}
