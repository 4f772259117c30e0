/** Shared test helpers: fixture loading and tolerance checks that print Δ and the tolerance. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { projectRoot } from "permafrost-kit";

/**
 * Read a committed JSON fixture below test/oracles/.
 *
 * @param parts - path below test/oracles/
 */
export function readFixture<T>(...parts: string[]): T {
  return JSON.parse(fs.readFileSync(path.join(projectRoot(), "test", "oracles", ...parts), "utf8")) as T;
}

/**
 * Assert |actual − expected| ≤ absTol + relTol·|expected|, printing Δ and the tolerance on failure.
 *
 * @param actual - computed value
 * @param expected - reference value
 * @param tol - absolute and relative tolerance
 * @param what - label for the message
 */
export function assertClose(actual: number, expected: number, tol: { abs?: number; rel?: number }, what: string): void {
  const allowed = (tol.abs ?? 0) + (tol.rel ?? 0) * Math.abs(expected);
  const delta = Math.abs(actual - expected);
  assert.ok(delta <= allowed, `${what}: actual ${actual}, expected ${expected}, Δ ${delta.toExponential(3)} > tolerance ${allowed.toExponential(3)}`);
}
