/** Test helper: Float32 arrays equal bit for bit (NaN equal to NaN, −0 not equal to +0). */
import assert from "node:assert/strict";

/**
 * Assert two Float32Arrays hold the same values bit for bit, naming the first cell that differs.
 *
 * @param got - the values read or computed
 * @param want - the expected values
 * @param what - what is compared, for the message
 */
export function sameBits(got: Float32Array, want: Float32Array, what: string): void {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++) {
    const x = got[i]!;
    const y = want[i]!;
    if (!(Object.is(x, y) || (Number.isNaN(x) && Number.isNaN(y)))) assert.fail(`${what}: cell ${i}: got ${x}, want ${y}`);
  }
}
