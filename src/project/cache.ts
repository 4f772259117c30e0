/**
 * A content-addressed cache for expensive, deterministic stages (paper 1: the 108-model grid
 * search, the top-10 annual maps, the bootstrap). The key is a SHA-256 over everything the
 * result depends on — the input arrays' bytes, the settings, the seed and a fingerprint of the
 * compiled forest engine — so a rerun with the same inputs reuses the result, and any change
 * (new data, other settings, edited engine code) recomputes it. Files live in
 * `build/cache/<stage>/<hash>.json`; set `PERMAFROST_NO_CACHE=1` to always recompute.
 *
 * Values are JSON with typed arrays encoded as base64 (`{"$typed": "Float32Array", "b64": …}`),
 * so a cached result decodes to exactly the bytes that were computed.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { buildSubdir, projectRoot } from "./paths";

type TypedName = "Float64Array" | "Float32Array" | "Int32Array" | "Uint8Array";
const TYPED: Record<TypedName, { new (b: ArrayBuffer): ArrayBufferView }> = { Float64Array, Float32Array, Int32Array, Uint8Array };

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
 */
export function contentHash(...parts: unknown[]): string {
  const h = createHash("sha256");
  feed(h, parts);
  return h.digest("hex");
}

let engine: string | undefined;

/**
 * Fingerprint of the compiled forest engine and workflow code (`dist/ml/`, `dist/alt/`), so a
 * cached result is never reused after the code that made it changed.
 *
 * @returns 16 hex digits
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
  for (const sub of ["ml", "alt", "stats", "raster"]) walk(path.join(projectRoot(), "dist", sub));
  engine = h.digest("hex").slice(0, 16);
  return engine;
}

function encode(_k: string, v: unknown): unknown {
  if (ArrayBuffer.isView(v)) {
    const name = v.constructor.name;
    if (!(name in TYPED)) throw new Error(`cache: cannot store a ${name}`);
    return { $typed: name, b64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64") };
  }
  return v;
}

function decode(_k: string, v: unknown): unknown {
  if (v !== null && typeof v === "object" && "$typed" in v && "b64" in v) {
    const { $typed, b64 } = v as { $typed: TypedName; b64: string };
    const buf = Buffer.from(b64, "base64");
    const copy = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    return new TYPED[$typed](copy);
  }
  return v;
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
}

/**
 * Return the cached result of `stage` for `key`, or compute, store and return it.
 *
 * @param stage - stage name (a folder below `build/cache/`)
 * @param key - a {@link contentHash} of everything the result depends on
 * @param compute - the computation (deterministic for a given key)
 * @returns value, hit flag, file and time
 */
export async function cached<T>(stage: string, key: string, compute: () => Promise<T> | T): Promise<Cached<T>> {
  const file = path.join(buildSubdir(path.join("cache", stage)), `${key}.json`);
  const t0 = performance.now();
  const off = process.env["PERMAFROST_NO_CACHE"] === "1";
  if (!off && fs.existsSync(file)) {
    try {
      const value = JSON.parse(fs.readFileSync(file, "utf8"), decode) as T;
      return { value, hit: true, file, ms: performance.now() - t0 };
    } catch {
      // a truncated or corrupt file (e.g. an interrupted run) is recomputed below
    }
  }
  const value = await compute();
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value, encode));
  fs.renameSync(tmp, file);
  return { value, hit: false, file, ms: performance.now() - t0 };
}
