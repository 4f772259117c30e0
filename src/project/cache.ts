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
 * the bytes that were computed.
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

function feed(h: ReturnType<typeof createHash>, v: unknown): void {
  if (ArrayBuffer.isView(v)) {
    h.update(`<${v.constructor.name}:${v.byteLength}>`);
    h.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  } else if (Array.isArray(v)) {
    h.update(`[${v.length}`);
    for (const x of v) feed(h, x);
    h.update("]");
  } else if (v !== null && typeof v === "object") {
    const keys = Object.keys(v).sort();
    h.update(`{${keys.length}`);
    for (const k of keys) {
      h.update(JSON.stringify(k));
      feed(h, (v as Record<string, unknown>)[k]);
    }
    h.update("}");
  } else h.update(`${typeof v}:${String(v)};`);
}

/**
 * SHA-256 (hex) of any mix of typed arrays, arrays, plain objects (key order ignored) and
 * primitives.
 *
 * @param parts - the inputs a result depends on
 * @returns 64 hex digits
 * @throws ArgumentError for a function, a symbol, or an object that contains itself
 * @example
 * contentHash("stage-v1", new Float64Array([1, 2]), { seed: 1 }).length; // 64
 */
export function contentHash(...parts: unknown[]): string {
  checkHashable(parts, "parts", new Set());
  const h = createHash("sha256");
  feed(h, parts);
  return h.digest("hex");
}

function checkHashable(v: unknown, where: string, stack: Set<object>): void {
  if (typeof v === "function" || typeof v === "symbol") {
    throw new ArgumentError({ fn: "contentHash", arg: where, value: v, expected: "data: numbers, strings, booleans, null, arrays, typed arrays or plain objects" }, "cannot be hashed");
  }
  if (v === null || typeof v !== "object" || ArrayBuffer.isView(v)) return;
  if (stack.has(v)) throw new ArgumentError({ fn: "contentHash", arg: where, expected: "an object that does not contain itself" }, "circular reference");
  stack.add(v);
  if (Array.isArray(v)) v.forEach((x, i) => checkHashable(x, `${where}[${i}]`, stack));
  else for (const [k, x] of Object.entries(v)) checkHashable(x, `${where}.${k}`, stack);
  stack.delete(v);
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

// Walk a value to be cached, refusing what JSON would silently change (naming its key path).
function checkStorable(v: unknown, where: string, stack: Set<object>): void {
  const bad = (problem: string, expected: string): never => {
    throw new ArgumentError({ fn: "cached", arg: where, value: v, expected }, problem);
  };
  const storable = "numbers, strings, booleans, null, arrays, typed arrays or plain objects";
  if (v === null || typeof v === "number" || typeof v === "string" || typeof v === "boolean") return;
  if (v === undefined) return; // a missing optional field: dropped from objects (arrays are checked below)
  if (typeof v !== "object") return bad("cannot be stored in the cache", storable);
  if (ArrayBuffer.isView(v)) {
    if (!(v.constructor.name in TYPED)) bad("cannot be stored in the cache", `one of ${Object.keys(TYPED).join(", ")}`);
    return;
  }
  if (stack.has(v)) bad("circular reference", "a value that does not contain itself");
  stack.add(v);
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      if (x === undefined) throw new ArgumentError({ fn: "cached", arg: `${where}[${i}]`, value: x, expected: storable }, "undefined inside an array (JSON would turn it into null)");
      checkStorable(x, `${where}[${i}]`, stack);
    });
  } else {
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) bad("not a plain object (JSON would not keep its type)", storable);
    for (const [k, x] of Object.entries(v)) {
      if (k === "$typed" || k === "$num") bad(`key ${k} is reserved by the cache encoding`, "other key names");
      checkStorable(x, `${where}.${k}`, stack);
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

function sha256(b: Uint8Array): string {
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
  if (sha256(payload) !== m[1]) return { ok: false, reason: "checksum mismatch (SHA-256 of the payload differs from the header)" };
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
 * @throws ArgumentError naming the key path of anything JSON would not keep (a function, a Map, a
 *   class instance, a circular reference, an unsupported typed array)
 * @example
 * encodeCacheEntry({ a: 1 }).toString("utf8").startsWith("permafrost-cache 2 sha256="); // true
 */
export function encodeCacheEntry(value: unknown): Buffer {
  checkStorable(value, "value", new Set());
  const payload = Buffer.from(JSON.stringify(value, encode) ?? "null", "utf8");
  return Buffer.concat([Buffer.from(`${MAGIC} sha256=${sha256(payload)} bytes=${payload.byteLength}\n`, "latin1"), payload]);
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
 *   that cannot be stored exactly, or a bad `PERMAFROST_NO_CACHE`
 * @example
 * const r = await cached("demo", contentHash("demo", 1), () => ({ x: new Float64Array([1]) }));
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
