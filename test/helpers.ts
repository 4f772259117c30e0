/** Shared test helpers: fixture loading and tolerance checks that print Δ and the tolerance. */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
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

/**
 * The project's notebooks (file names in notebooks/, sorted): the ones git tracks when the project
 * is a git work tree, so a scratch notebook made with New ▸ TypeScript is not tested as a committed
 * one (the runner skips it too); every notebooks/*.ipynb otherwise.
 *
 * @returns the file names
 */
export function projectNotebooks(): string[] {
  const root = projectRoot();
  const r = spawnSync("git", ["ls-files", "--", "notebooks/*.ipynb"], { cwd: root, encoding: "utf8" });
  const all = fs.readdirSync(path.join(root, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();
  if (r.status !== 0 || r.stdout.trim() === "") return all;
  const tracked = new Set(r.stdout.trim().split("\n").filter((p) => !p.slice("notebooks/".length).includes("/")).map((p) => p.slice("notebooks/".length)));
  return all.filter((f) => tracked.has(f));
}
