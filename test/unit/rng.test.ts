import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ArgumentError, createRng, DEFAULT_SEED, fnv1a32 } from "permafrost-kit";
import { assertClose, readFixture } from "../helpers";

interface XoshiroFixture { cases: { seed: number; uint32: number[] }[] }

describe("createRng (xoshiro128** seeded by SplitMix64)", () => {
  it("matches the authors' C reference output bit for bit (test/oracles/xoshiro128)", () => {
    const fx = readFixture<XoshiroFixture>("xoshiro128", "fixtures.json");
    assert.ok(fx.cases.length >= 5);
    for (const c of fx.cases) {
      const rng = createRng(c.seed);
      assert.deepEqual(c.uint32.map(() => rng.nextUint32()), c.uint32, `seed ${c.seed}`);
    }
  });

  it("gives identical streams for the same seed and different streams for different seeds", () => {
    const a = createRng(7), b = createRng(7), c = createRng(8);
    const xa = Array.from({ length: 20 }, () => a.uniform());
    assert.deepEqual(Array.from({ length: 20 }, () => b.uniform()), xa);
    assert.notDeepEqual(Array.from({ length: 20 }, () => c.uniform()), xa);
  });

  it("named streams are reproducible, independent of creation order, and differ from the main stream", () => {
    const main = createRng(DEFAULT_SEED);
    const f1 = main.fork("fold-1").uniform();
    main.uniform();
    assert.equal(createRng(DEFAULT_SEED, "fold-1").uniform(), f1);
    assert.notEqual(createRng(DEFAULT_SEED).uniform(), f1);
    assert.equal(main.fork("a").fork("b").stream, "a/b");
  });

  it("uniform() lies in [0,1) with mean 1/2 and variance 1/12 (n = 200000, 5-sigma bounds)", () => {
    const rng = createRng(1);
    const n = 200000;
    let s = 0, s2 = 0, min = 1, max = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      s += u; s2 += u * u; min = Math.min(min, u); max = Math.max(max, u);
    }
    assert.ok(min >= 0 && max < 1);
    const mean = s / n;
    assertClose(mean, 0.5, { abs: 5 * Math.sqrt(1 / 12 / n) }, "mean");
    assertClose(s2 / n - mean * mean, 1 / 12, { abs: 5 * Math.sqrt(1 / 180 / n) }, "variance");
  });

  it("normal() has mean 0 and variance 1 (n = 200000, 5-sigma bounds)", () => {
    const rng = createRng(2);
    const n = 200000;
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) { const z = rng.normal(); s += z; s2 += z * z; }
    assertClose(s / n, 0, { abs: 5 / Math.sqrt(n) }, "mean");
    assertClose(s2 / n, 1, { abs: 5 * Math.sqrt(2 / n) }, "variance");
  });

  it("int(n) covers 0..n-1 evenly and rejects bad bounds", () => {
    const rng = createRng(3);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60000; i++) counts[rng.int(6)]! += 1;
    for (const c of counts) assertClose(c, 10000, { abs: 5 * Math.sqrt(60000 * (1 / 6) * (5 / 6)) }, "bin count");
    assert.throws(() => rng.int(0), ArgumentError);
    assert.throws(() => rng.int(2.5), ArgumentError);
  });

  it("permutation(n) is a permutation", () => {
    const p = Array.from(createRng(4).permutation(100)).sort((a, b) => a - b);
    assert.deepEqual(p, Array.from({ length: 100 }, (_, i) => i));
  });

  it("rejects negative, fractional and unsafe seeds", () => {
    assert.throws(() => createRng(-1), ArgumentError);
    assert.throws(() => createRng(1.5), ArgumentError);
    assert.throws(() => createRng(2 ** 60), ArgumentError);
  });

  it("fnv1a32 matches the published FNV-1a test vectors", () => {
    assert.equal(fnv1a32(""), 0x811c9dc5);
    assert.equal(fnv1a32("a"), 0xe40c292c);
    assert.equal(fnv1a32("foobar"), 0xbf9cf968);
  });
});
