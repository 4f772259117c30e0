/**
 * The bad-input corpus (issue "Trust every input"): every case feeds one deliberately broken input
 * to a public function and asserts what the kit does with it. Two outcomes are acceptable:
 *
 * - `refuses`: a {@link KitError} of the stated class whose message names the offending thing
 *   (file, line, column or argument, index) and the value;
 * - `countsExclusion`: a correct result in which what was skipped is counted (and, for rows,
 *   listed with its reason).
 *
 * Case names start with `[bad-input:error]` or `[bad-input:counted]`, so the corpus can be counted
 * from the test output (`npm run test:unit | grep -c 'bad-input:'`).
 */
import * as assert from "node:assert/strict";
import { it } from "node:test";
import { type KitError } from "permafrost-kit";

/** Any class of the kit's error family. */
export type KitErrorClass = abstract new (...args: never[]) => KitError;

function checkThrown(e: unknown, cls: KitErrorClass, mentions: readonly (string | RegExp)[]): void {
  assert.ok(e instanceof cls, `expected ${cls.name}, got ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}`);
  const msg = (e).message;
  for (const m of mentions) {
    if (typeof m === "string") assert.ok(msg.includes(m), `message ${JSON.stringify(msg)} does not mention ${JSON.stringify(m)}`);
    else assert.match(msg, m);
  }
}

/**
 * A case whose input must be refused with `cls`, the message naming every item of `mentions`.
 *
 * @param name - what is broken, in words
 * @param thunk - the call with the broken input
 * @param cls - the expected error class (DataError, ArgumentError, FitError, EngineError)
 * @param mentions - strings (or patterns) the message must contain: the file/argument, the position, the value
 */
export function refuses(name: string, thunk: () => unknown, cls: KitErrorClass, mentions: readonly (string | RegExp)[]): void {
  it(`[bad-input:error] ${name}`, () => {
    let thrown: unknown = undefined;
    let threw = false;
    try {
      thunk();
    } catch (e) {
      threw = true;
      thrown = e;
    }
    assert.ok(threw, `${name}: no error was thrown`);
    checkThrown(thrown, cls, mentions);
  });
}

/**
 * {@link refuses} for an async call: the promise must reject with `cls`.
 *
 * @param name - what is broken, in words
 * @param thunk - the call with the broken input
 * @param cls - the expected error class
 * @param mentions - strings (or patterns) the message must contain
 */
export function refusesAsync(name: string, thunk: () => Promise<unknown>, cls: KitErrorClass, mentions: readonly (string | RegExp)[]): void {
  it(`[bad-input:error] ${name}`, async () => {
    let thrown: unknown = undefined;
    let threw = false;
    try {
      await thunk();
    } catch (e) {
      threw = true;
      thrown = e;
    }
    assert.ok(threw, `${name}: no error was thrown`);
    checkThrown(thrown, cls, mentions);
  });
}

/**
 * A case whose input is handled by a documented skip-and-count: `check` asserts the result is
 * correct and that the skipped items are counted (and listed with their reason).
 *
 * @param name - what is unusual about the input, in words
 * @param run - the check (may be async)
 */
export function countsExclusion(name: string, run: () => void | Promise<void>): void {
  it(`[bad-input:counted] ${name}`, run);
}
