/**
 * A counter-based random stream per grid cell, for demo worlds generated tile by tile: the draws
 * of cell (row, col) depend only on the seed, the stream name and (row, col) — never on which
 * cells were generated before — so a window generated alone equals the same cells cut from a
 * larger window, bit for bit, whatever the tiling.
 *
 * Algorithm: the 128-bit xoshiro128** state of a cell (the generator of `createRng`) is filled
 * with four 32-bit hashes of (key, row, col), each a chain of MurmurHash3 finalisers with its own
 * constants; the key is {@link deriveSeed}(seed, stream). Draws then follow xoshiro128** as in
 * `Rng` (53-bit uniforms, Box–Muller normals). Cheap (a dozen integer mixes per cell), and two
 * cells share a stream only if all four hashes collide.
 */
import { checkInteger } from "../../core/checks";
import { ArgumentError } from "../../core/errors";
import { deriveSeed } from "../../random/rng";

// MurmurHash3's 32-bit finaliser: a bijection on 32 bits with full avalanche.
function fmix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

const SALT = [0x9e3779b9, 0x3c6ef372, 0xdaa66d2b, 0x78dde6e4] as const;

/** A random stream that is restarted at any cell; see the module comment. */
export class CellNoise {
  /** The seed the keys were derived from. */
  readonly seed: number;
  /** The stream name. */
  readonly stream: string;
  private readonly k0: number;
  private readonly k1: number;
  private s0 = 1;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spareNormal: number | undefined;

  /**
   * @param seed - a non-negative safe integer
   * @param stream - the stream name (different names give independent streams)
   * @throws ArgumentError when the seed is not a non-negative safe integer or the stream not a string
   */
  constructor(seed: number, stream: string) {
    const key = deriveSeed(seed, stream);
    this.seed = seed;
    this.stream = stream;
    this.k0 = key % 4294967296 | 0;
    this.k1 = Math.floor(key / 4294967296) | 0;
  }

  /**
   * Restart the stream at a cell.
   *
   * @param row - the cell's row in the whole world's grid (an integer ≥ 0; not checked: this runs per cell)
   * @param col - the cell's column in the whole world's grid
   * @returns this stream, positioned at the cell's first draw
   * @example
   * const a = new CellNoise(42, "x").at(5, 7).uniform();
   * new CellNoise(42, "x").at(0, 0).at(5, 7).uniform() === a; // true
   */
  at(row: number, col: number): this {
    const r = fmix32(row ^ this.k0);
    const c = fmix32(col ^ this.k1);
    const s: number[] = [];
    for (let k = 0; k < 4; k++) s.push(fmix32(fmix32(r + SALT[k]!) ^ fmix32(c ^ SALT[(k + 1) & 3]!) ^ Math.imul(k + 1, 0x27d4eb2f)));
    this.s0 = s[0]!;
    this.s1 = s[1]!;
    this.s2 = s[2]!;
    this.s3 = s[3]!;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
    this.spareNormal = undefined;
    return this;
  }

  /**
   * The next raw output of xoshiro128**.
   *
   * @returns an unsigned 32-bit integer
   */
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

  /**
   * A uniform double in [0, 1) with 53 random bits.
   *
   * @returns the draw
   * @example
   * const u = new CellNoise(42, "x").at(3, 4).uniform();
   * u >= 0 && u < 1; // true
   */
  uniform(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * A uniform integer in [0, n), without modulo bias.
   *
   * @param n - exclusive upper bound, an integer with 1 ≤ n ≤ 2^32
   * @returns the draw
   * @throws ArgumentError when n is not an integer in [1, 2^32]
   * @example
   * const k = new CellNoise(42, "x").at(3, 4).int(11);
   * Number.isInteger(k) && k >= 0 && k < 11; // true
   */
  int(n: number): number {
    if (!(Number.isInteger(n) && n >= 1 && n <= 4294967296)) throw new ArgumentError({ fn: "CellNoise.int", arg: "n", value: n, expected: "an integer in [1, 2^32]" }, "not a valid bound");
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /**
   * A standard normal deviate (Box–Muller; the spare is dropped when the stream moves to another cell).
   *
   * @returns the draw
   * @example
   * Number.isFinite(new CellNoise(42, "x").at(3, 4).normal()); // true
   */
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
}

/**
 * A per-cell stream for a demo world's seed and a stream name (see {@link CellNoise}).
 *
 * @param seed - a non-negative safe integer
 * @param stream - the stream name
 * @returns the stream (call `.at(row, col)` before drawing)
 * @throws ArgumentError when the seed is not a non-negative safe integer or the stream not a string
 * @example
 * cellNoise(1, "a").at(10, 20).uniform() === cellNoise(1, "a").at(10, 20).uniform(); // true
 * cellNoise(1, "a").at(10, 20).uniform() === cellNoise(1, "a").at(10, 21).uniform(); // false
 */
export function cellNoise(seed: number, stream: string): CellNoise {
  checkInteger("cellNoise", "seed", seed, { min: 0 });
  return new CellNoise(seed, stream);
}
