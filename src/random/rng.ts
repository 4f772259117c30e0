/**
 * The one seeded pseudo-random number generator used everywhere in the kit.
 *
 * Algorithm: xoshiro128** 1.1 (Blackman & Vigna 2018, https://prng.di.unimi.it/), a 32-bit
 * generator that is fast in JavaScript's 32-bit integer arithmetic. The 128-bit state is
 * filled from the seed with SplitMix64, as the authors recommend: the low then high 32-bit
 * halves of two SplitMix64 outputs. A named stream (`createRng(seed, "cv-fold-3")`) mixes a
 * 32-bit FNV-1a hash of the name into the seed, so parallel tasks get independent,
 * reproducible streams that do not depend on the order in which they are created.
 * Verified against the authors' C reference in test/oracles/xoshiro128/.
 */

import { ArgumentError } from "../core/errors";

/** The seed used by the notebooks unless a cell says otherwise. */
export const DEFAULT_SEED = 20240117;

const MASK64 = (1n << 64n) - 1n;

function splitmix64(state: bigint): [bigint, bigint] {
  const s = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = s;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return [s, z ^ (z >> 31n)];
}

/**
 * 32-bit FNV-1a hash of a string's UTF-16 code units (used to name streams).
 *
 * @param text - the stream name
 * @returns an unsigned 32-bit integer
 * @throws ArgumentError when `text` is not a string
 * @example
 * fnv1a32("a"); // 0xe40c292c
 */
export function fnv1a32(text: string): number {
  if (typeof text !== "string") throw new ArgumentError({ fn: "fnv1a32", arg: "text", value: text, expected: "a string" }, "not a string");
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A seeded random stream. All draws are deterministic given `seed` and `stream`. */
export class Rng {
  /** The seed this stream was created from. */
  readonly seed: number;
  /** The stream name ("" for the main stream). */
  readonly stream: string;
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | undefined;

  /**
   * @param seed - a non-negative safe integer
   * @param stream - optional stream name; different names give independent streams
   * @throws ArgumentError when the seed is not a non-negative safe integer or the stream not a string
   */
  constructor(seed: number, stream = "") {
    checkSeed("new Rng", seed, stream);
    this.seed = seed;
    this.stream = stream;
    const state = stream === "" ? BigInt(seed) : BigInt(seed) ^ (BigInt(fnv1a32(stream)) << 32n);
    const [next, a] = splitmix64(state);
    const [, b] = splitmix64(next);
    this.s0 = Number(a & 0xffffffffn) | 0;
    this.s1 = Number(a >> 32n) | 0;
    this.s2 = Number(b & 0xffffffffn) | 0;
    this.s3 = Number(b >> 32n) | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // all-zero state is invalid
  }

  /**
   * Set the generator's state (for subclasses that position a stream themselves, e.g. the demo
   * world's per-cell noise); an all-zero state is made valid, and a kept normal deviate is dropped.
   *
   * @param s0 - state word 0 (32-bit)
   * @param s1 - state word 1
   * @param s2 - state word 2
   * @param s3 - state word 3
   */
  protected setState(s0: number, s1: number, s2: number, s3: number): void {
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
    this.spareNormal = undefined;
  }

  /** Next raw output of xoshiro128**, an unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  /** A uniform double in [0, 1) with 53 random bits (two 32-bit draws). */
  uniform(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * A uniform integer in [0, n), without modulo bias (Lemire-style rejection).
   *
   * @param n - exclusive upper bound, an integer with 1 ≤ n ≤ 2^32
   * @returns an integer in [0, n)
   * @throws ArgumentError when n is not an integer in [1, 2^32]
   */
  int(n: number): number {
    if (!(Number.isInteger(n) && n >= 1 && n <= 4294967296)) throw new ArgumentError({ fn: "Rng.int", arg: "n", value: n, expected: "an integer in [1, 2^32]" }, "not a valid bound");
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /** A standard normal deviate (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const v = this.spareNormal;
      this.spareNormal = undefined;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /**
   * Shuffle an array or typed array in place (Fisher–Yates) and return it.
   *
   * @param a - the values to permute
   * @returns `a`, permuted
   * @throws ArgumentError when `a` is not an array or typed array
   */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T {
    const given: unknown = a;
    if (!(Array.isArray(given) || ArrayBuffer.isView(given))) throw new ArgumentError({ fn: "Rng.shuffle", arg: "a", value: a, expected: "an array or typed array" }, "not an array");
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
    return a;
  }

  /**
   * A random permutation of 0..n-1.
   *
   * @param n - the number of indices, an integer in [0, 2^31 − 1]
   * @returns the permutation
   * @throws ArgumentError when n is not a non-negative integer
   */
  permutation(n: number): Int32Array {
    if (!(Number.isInteger(n) && n >= 0 && n <= 2147483647)) throw new ArgumentError({ fn: "Rng.permutation", arg: "n", value: n, expected: "an integer ≥ 0" }, "not a valid length");
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  /**
   * A new, independent stream derived from this stream's seed and a name.
   *
   * @param name - the child's stream name (appended to this stream's name with "/")
   * @returns the child stream
   * @throws ArgumentError when the name is not a string
   */
  fork(name: string): Rng {
    if (typeof name !== "string") throw new ArgumentError({ fn: "Rng.fork", arg: "name", value: name, expected: "a string" }, "not a stream name");
    return new Rng(this.seed, this.stream === "" ? name : `${this.stream}/${name}`);
  }

  /** "seed 20240117" or "seed 20240117, stream cv-fold-3", for printing in notebooks. */
  describe(): string {
    return this.stream === "" ? `seed ${this.seed}` : `seed ${this.seed}, stream ${this.stream}`;
  }
}

function checkSeed(fn: string, seed: unknown, stream: unknown): void {
  if (!(typeof seed === "number" && Number.isSafeInteger(seed) && seed >= 0)) {
    throw new ArgumentError({ fn, arg: "seed", value: seed, expected: "a non-negative safe integer (0 to 2^53 − 1)" }, "not a valid seed");
  }
  if (typeof stream !== "string") throw new ArgumentError({ fn, arg: "stream", value: stream, expected: "a string" }, "not a stream name");
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * An integer seed derived from a master seed and a stream name, for engines that take a plain
 * integer seed (a forest member, a bootstrap replicate's forests). Every derived seed is a named
 * stream of the master seed — never `seed + 1000 + r` arithmetic, whose streams can collide
 * (member 1 of one stage = member 0 of another).
 *
 * @param seed - the master seed, a non-negative safe integer (usually {@link DEFAULT_SEED})
 * @param stream - the name of what the seed is for, e.g. `"member-3"` or `"bootstrap-7/member-2"`
 * @returns a non-negative safe integer (53 random bits of the named stream)
 * @throws ArgumentError when the seed is not a non-negative safe integer or the stream not a string
 * @example
 * deriveSeed(42, "member-0") === deriveSeed(42, "member-0"); // true
 * deriveSeed(42, "member-0") === deriveSeed(42, "member-1"); // false
 */
export function deriveSeed(seed: number, stream: string): number {
  checkSeed("deriveSeed", seed, stream);
  const rng = new Rng(seed, stream);
  const hi = rng.nextUint32() >>> 11; // 21 bits
  const lo = rng.nextUint32(); // 32 bits
  return hi * 4294967296 + lo;
}

/**
 * Create a seeded random stream.
 *
 * @param seed - a non-negative safe integer (default {@link DEFAULT_SEED})
 * @param stream - optional stream name for an independent sub-stream
 * @returns the stream
 * @throws ArgumentError when the seed is not a non-negative safe integer (-1, 1.5, NaN, 2^60) or the stream not a string
 * @example
 * const rng = createRng(42);
 * rng.uniform(); // 0.4137016681565887 (the same on every run and machine)
 */
export function createRng(seed: number = DEFAULT_SEED, stream = ""): Rng {
  checkSeed("createRng", seed, stream);
  return new Rng(seed, stream);
}
