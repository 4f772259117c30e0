/**
 * Argument checks shared by every public function, so a bad argument gets the same
 * {@link ArgumentError} wherever it is passed: the function, the argument path, the position, the
 * value and what was expected. Each check returns its (narrowed) value so it can be used inline.
 *
 * Numbers: "finite" means not NaN and not ±Infinity. Arrays: the checks accept any `ArrayLike`
 * of numbers (plain arrays and typed arrays).
 */
import { ArgumentError } from "./errors";

/** Bounds for {@link checkNumber} and {@link checkInteger}; all optional and inclusive unless `exclusiveMin` is set. */
export interface NumberBounds {
  /** Smallest allowed value. */
  min?: number;
  /** Largest allowed value. */
  max?: number;
  /** When true, `min` itself is not allowed. */
  exclusiveMin?: boolean;
}

function boundsText(b: NumberBounds, integer: boolean): string {
  const kind = integer ? "an integer" : "a finite number";
  const lo = b.min === undefined ? "" : `${b.exclusiveMin ? ">" : "≥"} ${b.min}`;
  const hi = b.max === undefined ? "" : `≤ ${b.max}`;
  return [kind, [lo, hi].filter((s) => s !== "").join(" and ")].filter((s) => s !== "").join(" ");
}

/**
 * Require a finite number within bounds.
 *
 * @param fn - the public function's name
 * @param arg - the argument path (`options.eta`)
 * @param value - the value to check
 * @param bounds - optional inclusive bounds
 * @returns the value, typed as a number
 * @throws ArgumentError when the value is not a finite number or out of bounds
 * @example
 * checkNumber("f", "options.eta", 0.3, { min: 0, exclusiveMin: true }); // 0.3
 */
export function checkNumber(fn: string, arg: string, value: unknown, bounds: NumberBounds = {}): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ArgumentError({ fn, arg, value, expected: boundsText(bounds, false) }, "not a finite number");
  }
  checkBounds(fn, arg, value, bounds, false);
  return value;
}

/**
 * Require an integer within bounds.
 *
 * @param fn - the public function's name
 * @param arg - the argument path
 * @param value - the value to check
 * @param bounds - optional inclusive bounds
 * @returns the value, typed as a number
 * @throws ArgumentError when the value is not an integer or out of bounds
 * @example
 * checkInteger("f", "options.nTrees", 50, { min: 1 }); // 50
 */
export function checkInteger(fn: string, arg: string, value: unknown, bounds: NumberBounds = {}): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new ArgumentError({ fn, arg, value, expected: boundsText(bounds, true) }, "not an integer");
  }
  checkBounds(fn, arg, value, bounds, true);
  return value;
}

function checkBounds(fn: string, arg: string, value: number, b: NumberBounds, integer: boolean): void {
  const low = b.min !== undefined && (b.exclusiveMin ? value <= b.min : value < b.min);
  const high = b.max !== undefined && value > b.max;
  if (low || high) throw new ArgumentError({ fn, arg, value, expected: boundsText(b, integer) }, "out of range");
}

/**
 * Require one of a fixed set of values (an estimator name, an objective, a method).
 *
 * @param fn - the public function's name
 * @param arg - the argument path
 * @param value - the value to check
 * @param allowed - the valid values
 * @returns the value, typed as one of `allowed`
 * @throws ArgumentError listing the valid values
 * @example
 * checkOneOf("metagen", "options.methodTau", "REML", ["DL", "REML"] as const); // 'REML'
 */
export function checkOneOf<T extends string | number | boolean>(fn: string, arg: string, value: unknown, allowed: readonly T[]): T {
  if (!(allowed as readonly unknown[]).includes(value)) {
    throw new ArgumentError({ fn, arg, value, expected: `one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}` }, "not a valid choice");
  }
  return value as T;
}

/**
 * Require an options object (or undefined) whose keys are all known. An unknown key is usually a
 * misspelling, which would otherwise silently fall back to the default.
 *
 * @param fn - the public function's name
 * @param arg - the argument's name (`options`, `params`)
 * @param options - the object to check (undefined is allowed and means "all defaults")
 * @param known - the valid option names
 * @throws ArgumentError naming the unknown key and listing the valid ones
 * @example
 * checkOptions("trainForest", "options", { nTrees: 50 }, ["nTrees", "maxDepth"]); // passes
 */
export function checkOptions(fn: string, arg: string, options: unknown, known: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object" || Array.isArray(options) || ArrayBuffer.isView(options)) {
    throw new ArgumentError({ fn, arg, value: options, expected: "an options object" }, "not an object");
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new ArgumentError({ fn, arg: `${arg}.${key}`, expected: `one of ${known.join(", ")}` }, "unknown option");
    }
  }
}

/** What {@link checkArray} accepts besides finite numbers. */
export interface ArrayPolicy {
  /** Allow NaN entries (a missing value the function handles). Default false. ±Infinity is never allowed. */
  allowNaN?: boolean;
  /** Required length, when fixed. */
  length?: number;
  /** What the length must equal, in words (`"x.nRows"`), for the message. */
  lengthOf?: string;
  /** Smallest allowed length. */
  minLength?: number;
}

/**
 * Require an array (or typed array) of numbers: the right length, every entry finite (or NaN where
 * the policy allows it).
 *
 * @param fn - the public function's name
 * @param arg - the argument path
 * @param values - the values to check
 * @param policy - length and NaN policy
 * @returns the values, typed as `ArrayLike<number>`
 * @throws ArgumentError naming the first bad index and its value, or the wrong length
 * @example
 * checkArray("mean", "x", [1, 2, 3], { minLength: 1 }); // [1, 2, 3]
 */
export function checkArray(fn: string, arg: string, values: unknown, policy: ArrayPolicy = {}): ArrayLike<number> {
  if (!(Array.isArray(values) || (ArrayBuffer.isView(values) && !(values instanceof DataView)))) {
    throw new ArgumentError({ fn, arg, value: values, expected: "an array or typed array of numbers" }, "not an array");
  }
  const a = values as ArrayLike<unknown>;
  if (policy.length !== undefined && a.length !== policy.length) {
    throw new ArgumentError({ fn, arg, value: a.length, expected: `${policy.length}${policy.lengthOf === undefined ? "" : ` (${policy.lengthOf})`}` }, "wrong length");
  }
  if (policy.minLength !== undefined && a.length < policy.minLength) {
    throw new ArgumentError({ fn, arg, value: a.length, expected: `at least ${policy.minLength} values` }, "too few values");
  }
  const allowNaN = policy.allowNaN === true;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v === "number" && (Number.isFinite(v) || (allowNaN && Number.isNaN(v)))) continue;
    throw new ArgumentError({ fn, arg, at: i, value: v, expected: allowNaN ? "a finite number or NaN (missing)" : "a finite number" }, "bad value");
  }
  return a as ArrayLike<number>;
}

/**
 * Require two arrays of the same length (x and y of a regression, estimates and standard errors).
 *
 * @param fn - the public function's name
 * @param argA - the first argument's name
 * @param a - the first array
 * @param argB - the second argument's name
 * @param b - the second array
 * @throws ArgumentError naming both lengths
 * @example
 * checkSameLength("pearsonR", "x", [1, 2], "y", [3, 4]); // passes
 */
export function checkSameLength(fn: string, argA: string, a: ArrayLike<unknown>, argB: string, b: ArrayLike<unknown>): void {
  if (a.length !== b.length) {
    throw new ArgumentError({ fn, arg: argB, value: b.length, expected: `${a.length} values, the length of ${argA}` }, "length differs");
  }
}

/**
 * True for a plain array, without narrowing the argument's declared type (unlike
 * `Array.isArray`, which narrows a `readonly T[]` to `any[]`). Typed arrays are not lists.
 *
 * @param v - any value
 * @returns whether it is an array
 * @example
 * isList([1, 2]); // true
 * isList(new Float64Array(2)); // false
 */
export function isList(v: unknown): boolean {
  return Array.isArray(v);
}
