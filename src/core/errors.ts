/**
 * The kit's error policy: one small family of error classes, so a caller can tell *what kind* of
 * problem stopped a computation without reading the message, and a reader of the message can find
 * the offending thing without reading the code.
 *
 * | class | thrown for | the message names |
 * |---|---|---|
 * | {@link DataError} | the content of a file: malformed, truncated, implausible, mismatched | the file, the 1-based line (or byte offset / band / pixel), the column, the value and what was expected |
 * | {@link ArgumentError} | a bad in-memory argument or option: wrong shape, NaN or ±Infinity where a number is required, an unknown option name, an out-of-range value, a degenerate input (every predictor missing, fewer rows than a leaf) | the function, the argument, the row/column/index, the value and what was expected |
 * | {@link FitError} | a numerical method that cannot give a valid answer on valid-looking input (no convergence, a degenerate fit found while fitting) | the function, the method and the reason |
 * | {@link EngineError} | a third-party engine, a worker thread or a system tool that failed (a WebAssembly trap, a bare string thrown, a missing Chromium) | the engine, the operation and the original failure (kept as `cause`) |
 *
 * All four extend {@link KitError}. The kit never throws a bare `Error`, a `RangeError`, a string
 * or an engine's raw trap from a public function.
 *
 * Missing values: core numeric functions refuse NaN unless their doc comment says they skip it.
 * Analysis helpers that skip (a pixel with too few years, a site-year with no pixel) say so in
 * their doc comment and return the count of what they skipped, and, where rows are excluded, a
 * ledger with the reason for each.
 */

/** The base class of every error the kit throws on purpose. */
export class KitError extends Error {
  /**
   * @param message - the full message
   * @param options - `cause`: the underlying failure, when there is one
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "KitError";
  }
}

/** Where in a file a problem was found, and what was found there. */
export interface DataLocation {
  /** The file name or a label for in-memory text. */
  file: string;
  /** 1-based line number in the file, when known. */
  line?: number;
  /** Column name (or band, tag or byte range), when known. */
  column?: string;
  /** Key path in a JSON file (e.g. `annual.ati.pattern` of a manifest), when the file is JSON. */
  key?: string;
  /** The offending value, when there is one (shown as `got …`). */
  value?: unknown;
  /** What was expected instead, in words (shown as `expected …`). */
  expected?: string;
}

/**
 * Bad content of a file: a malformed or truncated file, a non-numeric cell, a physically
 * impossible value, a duplicate key, a grid that does not match.
 *
 * @example
 * const e = new DataError({ file: "table1.csv", line: 12, column: "ALT", value: -32.8, expected: "0 to 2000 cm" }, "impossible value");
 * e.message; // 'table1.csv line 12, column ALT: impossible value: got -32.8, expected 0 to 2000 cm'
 */
export class DataError extends KitError {
  /** The file (or label) the problem is in. */
  readonly file: string;
  /** 1-based line number, when known. */
  readonly line: number | undefined;
  /** Column name, when known. */
  readonly column: string | undefined;
  /** JSON key path, when the file is JSON. */
  readonly key: string | undefined;
  /** The offending value, when known. */
  readonly value: unknown;
  /** What was expected, when stated. */
  readonly expected: string | undefined;

  /**
   * @param where - file, line, column, value and expectation
   * @param problem - what is wrong, in words
   * @param options - `cause`: the underlying failure (e.g. a decoder's exception)
   */
  constructor(where: DataLocation, problem: string, options?: { cause?: unknown }) {
    super(`${formatLocation(where)}: ${problem}${formatGotExpected(where)}`, options);
    this.name = "DataError";
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.key = where.key;
    this.value = where.value;
    this.expected = where.expected;
  }
}

/** Which argument of which function was bad, and how. */
export interface ArgumentLocation {
  /** The public function (or `Class.method`) that refused the argument. */
  fn: string;
  /** The argument, as a path: `x`, `options.minRows`, `validation.y`. */
  arg: string;
  /** Where inside the argument: a row, a column, an index (`row 3`, `[17]`, `column "elev"`). */
  at?: string | number;
  /** The offending value, when there is one (shown as `got …`). */
  value?: unknown;
  /** What was expected instead, in words (shown as `expected …`). */
  expected?: string;
}

/**
 * A bad in-memory argument or option: wrong shape, a non-finite number, an unknown option, a value
 * out of range, a degenerate input.
 *
 * @example
 * const e = new ArgumentError({ fn: "trainForest", arg: "options.minRows", value: 500, expected: "at most 40 (the number of rows)" }, "a leaf cannot hold more rows than the data");
 * e.message; // 'trainForest: options.minRows: a leaf cannot hold more rows than the data: got 500, expected at most 40 (the number of rows)'
 */
export class ArgumentError extends KitError {
  /** The function that refused the argument. */
  readonly fn: string;
  /** The argument path. */
  readonly arg: string;
  /** Where inside the argument, when known. */
  readonly at: string | number | undefined;
  /** The offending value, when known. */
  readonly value: unknown;
  /** What was expected, when stated. */
  readonly expected: string | undefined;

  /**
   * @param where - function, argument, position, value and expectation
   * @param problem - what is wrong, in words
   */
  constructor(where: ArgumentLocation, problem: string) {
    const at = where.at === undefined ? "" : typeof where.at === "number" ? `[${where.at}]` : ` (${where.at})`;
    super(`${where.fn}: ${where.arg}${at}: ${problem}${formatGotExpected(where)}`);
    this.name = "ArgumentError";
    this.fn = where.fn;
    this.arg = where.arg;
    this.at = where.at;
    this.value = where.value;
    this.expected = where.expected;
  }
}

/**
 * A numerical method that cannot give a valid answer: an iteration that did not converge, or a fit
 * that turned out degenerate while fitting (no split improved, a singular matrix).
 *
 * @example
 * const e = new FitError("estimateTau2", "REML", "Fisher scoring did not converge in 1000 iterations");
 * e.message; // 'estimateTau2 (REML): Fisher scoring did not converge in 1000 iterations'
 */
export class FitError extends KitError {
  /** The function that gave up. */
  readonly fn: string;
  /** The method or estimator, when there are several. */
  readonly method: string | undefined;

  /**
   * @param fn - the public function
   * @param method - the method or estimator (or undefined)
   * @param reason - why no valid answer could be given
   */
  constructor(fn: string, method: string | undefined, reason: string) {
    super(`${fn}${method === undefined ? "" : ` (${method})`}: ${reason}`);
    this.name = "FitError";
    this.fn = fn;
    this.method = method;
  }
}

/**
 * A third-party engine, worker thread or system tool failed. The original failure is kept as
 * `cause`, and its text is quoted in the message.
 *
 * @example
 * const e = new EngineError("ml-xgboost", "train", new WebAssembly.RuntimeError("memory access out of bounds"));
 * e.message; // 'ml-xgboost failed during train: RuntimeError: memory access out of bounds'
 */
export class EngineError extends KitError {
  /** The engine or tool (`ml-xgboost`, `forest worker`, `chromium`). */
  readonly engine: string;
  /** What it was asked to do. */
  readonly operation: string;

  /**
   * @param engine - the engine or tool
   * @param operation - what it was asked to do
   * @param cause - what it threw (anything: an Error, a string, a number)
   */
  constructor(engine: string, operation: string, cause: unknown) {
    super(`${engine} failed during ${operation}: ${describeThrown(cause)}`, { cause });
    this.name = "EngineError";
    this.engine = engine;
    this.operation = operation;
  }
}

/**
 * Run `body`, turning anything it throws that is not already a {@link KitError} into an
 * {@link EngineError} naming the engine and the operation. Use it around every call into a
 * third-party engine (WebAssembly, worker threads, a browser).
 *
 * @param engine - the engine's name
 * @param operation - what is being done
 * @param body - the call
 * @returns what `body` returns
 * @example
 * guardEngine("demo", "parse", () => JSON.parse("{}")); // {}
 */
export function guardEngine<T>(engine: string, operation: string, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof KitError) throw e;
    throw new EngineError(engine, operation, e);
  }
}

/**
 * "table1.csv line 12, column MAGST" style text for a location.
 *
 * @param where - the location to format
 * @returns the text
 * @example
 * formatLocation({ file: "a.csv", line: 3, column: "x" }); // 'a.csv line 3, column x'
 */
export function formatLocation(where: DataLocation): string {
  let s = where.file;
  if (where.line !== undefined) s += ` line ${where.line}`;
  if (where.column !== undefined) s += `, column ${where.column}`;
  if (where.key !== undefined) s += `, key ${where.key}`;
  return s;
}

/**
 * A short, unambiguous rendering of a value for an error message: numbers keep their sign and
 * NaN/±Infinity, strings are quoted, arrays and typed arrays show their type and length, objects
 * their keys; anything longer than 80 characters is cut with "…".
 *
 * @param value - any value
 * @returns the text
 * @example
 * formatValue(new Float64Array(3)); // 'Float64Array(3)'
 * formatValue("abc"); // '"abc"'
 * formatValue(-0); // '-0'
 */
export function formatValue(value: unknown): string {
  let s: string;
  if (typeof value === "number") s = Object.is(value, -0) ? "-0" : String(value);
  else if (typeof value === "string") s = JSON.stringify(value);
  else if (value === null || value === undefined || typeof value === "boolean" || typeof value === "bigint") s = String(value);
  else if (ArrayBuffer.isView(value)) s = `${value.constructor.name}(${(value as unknown as ArrayLike<unknown>).length ?? value.byteLength})`;
  else if (Array.isArray(value)) s = value.length <= 6 ? `[${value.map(formatValue).join(", ")}]` : `Array(${value.length})`;
  else if (typeof value === "function") s = `function ${value.name || "(anonymous)"}`;
  else if (typeof value === "object") s = `object {${Object.keys(value).slice(0, 8).join(", ")}}`;
  else s = typeof value;
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

/**
 * The text of anything thrown, for quoting in a message (`RuntimeError: memory access out of
 * bounds`, `"abort"` for a bare string).
 *
 * @param thrown - what was thrown
 * @returns the text
 * @example
 * describeThrown("abort"); // 'thrown value "abort"'
 */
export function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) return `${thrown.name}: ${thrown.message}`;
  return `thrown value ${formatValue(thrown)}`;
}

function formatGotExpected(where: { value?: unknown; expected?: string | undefined }): string {
  let s = "";
  if ("value" in where) s += `: got ${formatValue(where.value)}`;
  if (where.expected !== undefined) s += `${s === "" ? ": " : ", "}expected ${where.expected}`;
  return s;
}
