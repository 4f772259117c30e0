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
import { Rng, deriveSeed } from "../../random/rng";

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

const SALT = [0x9e3779b9, 0x3c6ef372, 0xdaa66d2b, 0x78dde6e4] as const;

/** A random stream that is restarted at any cell; see the module comment. */
export class CellNoise extends Rng {
  private readonly k0: number;
  private readonly k1: number;

  /**
   * @param seed - a non-negative safe integer
   * @param stream - the stream name (different names give independent streams)
   * @throws ArgumentError when the seed is not a non-negative safe integer or the stream not a string
   */
  constructor(seed: number, stream: string) {
    super(seed, stream);
    const key = deriveSeed(seed, stream);
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
    this.setState(s[0]!, s[1]!, s[2]!, s[3]!);
    return this;
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
