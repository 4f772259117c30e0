/**
 * Sealed expected values (issue 18): a student's test file must let a self-check say whether an answer
 * is right without containing the answer. A number is sealed as salted SHA-256 hashes of its
 * tolerance bucket; a check hashes the student's bucket and its two neighbours. With step s (the
 * absolute tolerance, or ln(1 + rtol) on the log scale) an answer within s of the solution always
 * passes, and one more than 2·s away never does. Text and booleans are sealed as salted hashes of
 * their (normalised) value.
 *
 * This hides the answer from a reader of the file, not from a determined search over buckets; the
 * autograder's hidden tests are the real check, as in Otter-Grader.
 */
import { sha256Hex } from "../project/cache";

/** How a number is compared: absolute step, or relative (log-scale) step. */
export interface NumberTolerance {
  /** Absolute tolerance (same units as the answer). */
  tol?: number;
  /** Relative tolerance (fraction of the answer's magnitude); used when `tol` is not given. */
  rtol?: number;
}

/** A sealed number. */
export interface SealedNumber {
  /** "abs": buckets of width `step`; "rel": sign and buckets of ln|v| of width `step`. */
  mode: "abs" | "rel";
  /** The bucket width. */
  step: number;
  /** Hash of the bucket key (16 hex digits). */
  hash: string;
}

/** The default relative tolerance when a check states none. */
export const DEFAULT_RTOL = 1e-6;

function keyOf(v: number, mode: "abs" | "rel", step: number): { base: string; k: number } {
  if (mode === "abs") return { base: "a", k: Math.round(v / step) };
  if (v === 0) return { base: "z", k: 0 };
  return { base: v < 0 ? "n" : "p", k: Math.round(Math.log(Math.abs(v)) / step) };
}

const hashOf = (salt: string, base: string, k: number): string => sha256Hex(`${salt}|${base}|${k}`).slice(0, 16);

/**
 * Seal a finite number.
 *
 * @param value - the solution's value
 * @param tolerance - `tol` (absolute) or `rtol` (relative; default 1e-6 when neither is given; for a
 *   solution of exactly 0, `rtol` is used as an absolute tolerance)
 * @param salt - the test's salt (exercise, test key and path inside the answer)
 * @returns the sealed number
 * @example
 * const s = sealNumber(2.5, { tol: 0.01 }, "ex/q1");
 * [s.mode, s.step, s.hash.length]; // ["abs", 0.01, 16]
 */
export function sealNumber(value: number, tolerance: NumberTolerance, salt: string): SealedNumber {
  // a relative tolerance means nothing at 0: there it is taken as an absolute one
  const rtol = tolerance.rtol ?? DEFAULT_RTOL;
  const mode = tolerance.tol !== undefined || value === 0 ? "abs" : "rel";
  const step = tolerance.tol ?? (value === 0 ? rtol : Math.log1p(rtol));
  const { base, k } = keyOf(value, mode, step);
  return { mode, step, hash: hashOf(salt, base, k) };
}

/**
 * Whether a number matches a sealed one: its bucket or a neighbouring bucket has the sealed hash.
 *
 * @param value - the student's value (finite)
 * @param sealed - from {@link sealNumber}
 * @param salt - the same salt
 * @returns true when within tolerance (always within one step; never beyond two)
 * @example
 * const s = sealNumber(2.5, { tol: 0.01 }, "ex/q1");
 * [numberMatches(2.505, s, "ex/q1"), numberMatches(2.6, s, "ex/q1")]; // [true, false]
 */
export function numberMatches(value: number, sealed: SealedNumber, salt: string): boolean {
  if (!Number.isFinite(value)) return false;
  const { base, k } = keyOf(value, sealed.mode, sealed.step);
  if (base === "z") return hashOf(salt, base, 0) === sealed.hash;
  return hashOf(salt, base, k) === sealed.hash || hashOf(salt, base, k - 1) === sealed.hash || hashOf(salt, base, k + 1) === sealed.hash;
}

/**
 * Seal text (trimmed, case and inner whitespace ignored when `normalize`) or a boolean.
 *
 * @param value - the solution's text or boolean
 * @param salt - the test's salt
 * @param normalize - ignore case and runs of whitespace (default true)
 * @returns 16 hex digits
 * @example
 * sealText("B", "ex/q2") === sealText(" b ", "ex/q2"); // true
 */
export function sealText(value: string | boolean, salt: string, normalize = true): string {
  const text = typeof value === "boolean" ? `bool:${String(value)}` : normalize ? `text:${value.trim().replace(/\s+/g, " ").toLowerCase()}` : `text:${value}`;
  return sha256Hex(`${salt}|${text}`).slice(0, 16);
}
