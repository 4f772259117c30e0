/**
 * Sealed expected values (issue 18): a student's test file must let a self-check say whether an answer
 * is right without showing the answer. A number is sealed as a salted SHA-256 hash of its tolerance
 * bucket; a check hashes the student's bucket and its two neighbours. With an absolute tolerance
 * `tol` the bucket width is `tol`: an answer strictly within `tol` of the solution always passes, and
 * one more than 2·`tol` away never does. With a relative tolerance `rtol` the buckets are on the log
 * scale, of width −ln(1 − rtol): an answer within a factor (1 ± rtol) of the solution always passes,
 * and one beyond a factor (1 − rtol)^±2 never does. A solution smaller than 1e-9 in size with no `tol`
 * (zero, or floating-point noise such as 0.1 + 0.2 − 0.3) is compared with the absolute tolerance
 * 1e-9. Text and booleans are sealed as salted hashes of their (normalised) value.
 *
 * This only hides the answer from a casual reader of the file: the buckets are few enough for a short
 * search to find the sealed one. The autograder's hidden tests are the real check, as in Otter-Grader.
 */
import { ArgumentError } from "../core/errors";
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

/** Below this size a solution without `tol` is compared with this absolute tolerance. */
export const ABSOLUTE_FLOOR = 1e-9;

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
 * @param tolerance - `tol` (absolute, > 0) or `rtol` (relative, in (0, 1); default 1e-6 when neither
 *   is given; a solution smaller than 1e-9 in size without `tol` uses the absolute tolerance 1e-9)
 * @param salt - the test's salt (exercise, test key and path inside the answer)
 * @returns the sealed number
 * @throws ArgumentError for a tolerance that is not a finite number > 0 (`tol: 0` would pass every
 *   answer), an `rtol` not below 1, or a value that is not finite
 * @example
 * const s = sealNumber(2.5, { tol: 0.01 }, "ex/q1");
 * [s.mode, s.step, s.hash.length]; // ["abs", 0.01, 16]
 */
export function sealNumber(value: number, tolerance: NumberTolerance, salt: string): SealedNumber {
  for (const k of ["tol", "rtol"] as const) {
    const t = tolerance[k];
    if (t !== undefined && !(typeof t === "number" && Number.isFinite(t) && t > 0 && (k === "tol" || t < 1))) {
      throw new ArgumentError({ fn: "sealNumber", arg: k, value: t, expected: k === "tol" ? "a finite number > 0 (for whole numbers, 0.5)" : "a number in (0, 1)" }, "bad tolerance");
    }
  }
  if (!Number.isFinite(value)) throw new ArgumentError({ fn: "sealNumber", arg: "value", value, expected: "a finite number" }, "cannot seal");
  // a relative tolerance means nothing at (or near) 0: there the absolute floor applies
  const rtol = tolerance.rtol ?? DEFAULT_RTOL;
  const tiny = Math.abs(value) < ABSOLUTE_FLOOR;
  const mode = tolerance.tol !== undefined || tiny ? "abs" : "rel";
  const step = tolerance.tol ?? (tiny ? ABSOLUTE_FLOOR : -Math.log1p(-rtol));
  const { base, k } = keyOf(value, mode, step);
  return { mode, step, hash: hashOf(salt, base, k) };
}

/**
 * Whether a number matches a sealed one: its bucket or a neighbouring bucket has the sealed hash.
 *
 * @param value - the student's value (finite)
 * @param sealed - from {@link sealNumber}
 * @param salt - the same salt
 * @returns true when within tolerance (see the module comment for the exact bounds)
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
