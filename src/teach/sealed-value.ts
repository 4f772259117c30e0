/**
 * An answer sealed from the master's solution, and the comparison of a student's answer with it
 * (issue 18). The kind follows the solution's value: a number, text or boolean; an array or typed
 * array of those; a plain object of any of these (its keys); a function (called on stated argument
 * lists, its results sealed); a figure (`{ data, layout }`: trace count, types and modes, data
 * lengths, axis titles, a title that says SYNTHETIC when the solution's does, and optionally the
 * values). A comparison says what is wrong (which element,
 * key, case or trace, and how) and never shows the expected value.
 */
import { ArgumentError } from "../core/errors";
import { DEFAULT_RTOL, numberMatches, sealNumber, sealText, type NumberTolerance, type SealedNumber } from "./seal";
import { isTodo } from "./todo";

/** How a check compares; written next to the check call in the notebook (visible to students). */
export interface CheckSpec extends NumberTolerance {
  /** Shown whenever the answer is not yet right (never the answer itself). */
  hint?: string;
  /** For a function answer: the argument lists to call it with (JSON values; typed arrays allowed). */
  cases?: readonly (readonly unknown[])[];
  /** For a typed-array answer: require the same typed-array type (default true). */
  exactType?: boolean;
  /** For a figure answer: also compare each trace's x and y values (default false). */
  values?: boolean;
  /** For text: ignore case and runs of whitespace (default true). */
  normalize?: boolean;
}

/** The most values an array answer (or figure trace) may have: check a summary of larger ones. */
export const MAX_SEALED_VALUES = 20_000;

/** A sealed answer. */
export type SealedValue =
  | { kind: "number"; sealed: SealedNumber }
  | { kind: "text"; hash: string; normalize: boolean }
  | { kind: "boolean"; hash: string }
  | { kind: "array"; type: string; exactType: boolean; items: SealedValue[] }
  | { kind: "object"; keys: Record<string, SealedValue> }
  | { kind: "function"; cases: { args: unknown; result: SealedValue }[] }
  | { kind: "figure"; traces: SealedTrace[]; axes: { x: boolean; y: boolean }; synthetic?: boolean };

/** One trace of a sealed figure. */
export interface SealedTrace {
  type: string;
  mode: string | null;
  n: number;
  x?: SealedValue;
  y?: SealedValue;
}

/** The verdict on one answer. */
export interface Verdict {
  passed: boolean;
  /** What is wrong (empty when passed). */
  message: string;
}

const RIGHT: Verdict = { passed: true, message: "" };
const wrong = (message: string): Verdict => ({ passed: false, message });

/** Typed arrays in JSON: `{ "$typed": "Float64Array", "values": [...] }`. */
const TYPED = ["Float64Array", "Float32Array", "Int32Array", "Uint32Array", "Int16Array", "Uint16Array", "Int8Array", "Uint8Array"] as const;

/**
 * Encode argument lists as JSON values (typed arrays as `{ $typed, values }`); exported for the
 * generator, which writes a function answer's cases into the tests file.
 *
 * @param v - a value
 * @returns its JSON form
 * @example
 * encodeArg([new Float64Array([1, 2])]); // [{ $typed: "Float64Array", values: [1, 2] }]
 */
export function encodeArg(v: unknown): unknown {
  if (typeof v === "number") return Number.isFinite(v) && !Object.is(v, -0) ? v : { $num: Object.is(v, -0) ? "-0" : String(v) };
  if (typeof v === "string" || typeof v === "boolean" || v === null) return v;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return { $typed: v.constructor.name, values: Array.from(v as unknown as ArrayLike<number>, encodeArg) };
  if (Array.isArray(v)) return Array.from(v, encodeArg);
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encodeArg(x)]));
  throw new ArgumentError({ fn: "encodeArg", arg: "cases", value: v === undefined ? "undefined" : typeName(v), expected: "numbers, text, booleans, null, arrays, typed arrays and plain objects" }, "an argument that cannot be written to the tests file");
}

/**
 * Decode what {@link encodeArg} wrote (a fresh copy each call, so a function that changes its
 * arguments cannot change the next case).
 *
 * @param v - a JSON value
 * @returns the value with typed arrays restored
 * @example
 * decodeArg([{ $typed: "Float64Array", values: [1, 2] }]); // [Float64Array [1, 2]]
 */
export function decodeArg(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeArg);
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o["$num"] === "string") return o["$num"] === "-0" ? -0 : Number(o["$num"]);
    if (typeof o["$typed"] === "string" && Array.isArray(o["values"])) {
      const name = o["$typed"];
      if (!(TYPED as readonly string[]).includes(name)) throw new ArgumentError({ fn: "decodeArg", arg: "$typed", value: name, expected: TYPED.join(", ") }, "unknown typed array");
      const ctor = (globalThis as unknown as Record<string, new (a: number[]) => unknown>)[name]!;
      return new ctor((o["values"] as unknown[]).map(decodeArg) as number[]);
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decodeArg(x)]));
  }
  return v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
/**
 * A plotly figure: `data` a list of trace objects and `layout` an object (or the kit's Figure).
 *
 * @param v - an answer
 * @returns true for a figure
 */
const isFigure = (v: unknown): v is { data: Record<string, unknown>[]; layout: Record<string, unknown> } =>
  v !== null && typeof v === "object" && Array.isArray((v as { data?: unknown }).data) && ((v as { data: unknown[] }).data).every((t) => t !== null && typeof t === "object" && !Array.isArray(t))
  && (v as { layout?: unknown }).layout !== null && typeof (v as { layout?: unknown }).layout === "object";

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (Array.isArray(v)) return "an array";
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name}`;
  if (typeof v === "function") return "a function";
  if (typeof v === "object") return isFigure(v) ? "a figure" : "an object";
  return `a ${typeof v}`;
}

/**
 * The text of a plotly title (a string or `{ text }`), or "".
 *
 * @param t - the title
 * @returns its text
 */
function titleText(t: unknown): string {
  const text = typeof t === "string" ? t : t !== null && typeof t === "object" ? (t as { text?: unknown }).text : undefined;
  return typeof text === "string" ? text : "";
}

function axisTitled(layout: Record<string, unknown>, axis: "xaxis" | "yaxis"): boolean {
  return titleText((layout[axis] as { title?: unknown } | undefined)?.title).trim() !== "";
}

/**
 * Whether a figure's title says its data are synthetic (the project's rule for demo-world figures).
 *
 * @param layout - the figure's layout
 * @returns true when the title contains "synthetic" (any case)
 */
const saysSynthetic = (layout: Record<string, unknown>): boolean => /synthetic/i.test(titleText(layout["title"]));

/**
 * Seal the master's answer.
 *
 * @param value - the solution's value
 * @param spec - the check's spec (tolerances, cases, options)
 * @param salt - the test's salt; nested parts extend it with their path
 * @param fn - the public function, for errors
 * @param where - the part of the answer being sealed, for errors (default "answer"; "answer[3]", "answer.so")
 * @returns the sealed answer
 * @throws ArgumentError when the value cannot be sealed (undefined, NaN, a function without cases,
 *   too many values, the placeholder)
 * @example
 * sealValue({ so: 1.5, to: -0.4 }, { tol: 0.05 }, "ex/q1").kind; // "object"
 */
export function sealValue(value: unknown, spec: CheckSpec, salt: string, fn = "sealValue", where = "answer"): SealedValue {
  if (isTodo(value)) throw new ArgumentError({ fn, arg: where, value: "todo()", expected: "the solution's value" }, "the master still has a placeholder");
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new ArgumentError({ fn, arg: where, value, expected: "a finite number" }, "cannot seal");
    try {
      return { kind: "number", sealed: sealNumber(value, spec.tol !== undefined ? { tol: spec.tol } : { rtol: spec.rtol ?? DEFAULT_RTOL }, salt) };
    } catch (e) {
      throw new ArgumentError({ fn, arg: `${where} (spec.tol / spec.rtol)`, value: spec.tol ?? spec.rtol, expected: "a finite tolerance > 0 (rtol below 1)" }, e instanceof Error ? e.message : String(e));
    }
  }
  if (typeof value === "string") return { kind: "text", hash: sealText(value, salt, spec.normalize ?? true), normalize: spec.normalize ?? true };
  if (typeof value === "boolean") return { kind: "boolean", hash: sealText(value, salt) };
  if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    const items = Array.from(value as ArrayLike<unknown>);
    if (items.length > MAX_SEALED_VALUES) throw new ArgumentError({ fn, arg: "answer", value: `${items.length} values`, expected: `at most ${MAX_SEALED_VALUES}; check a summary (mean, a few cells)` }, "too many values");
    const typed = ArrayBuffer.isView(value);
    return { kind: "array", type: typed ? value.constructor.name : "Array", exactType: typed && (spec.exactType ?? true), items: Array.from(items, (v, i) => sealValue(v, spec, `${salt}[${i}]`, fn, `${where}[${i}]`)) };
  }
  if (typeof value === "function") {
    if (spec.cases === undefined || spec.cases.length === 0) throw new ArgumentError({ fn, arg: "spec.cases", value: spec.cases, expected: "the argument lists to call the function with" }, "a function answer needs cases");
    return {
      kind: "function",
      cases: spec.cases.map((args, c) => {
        // the student's check reads the arguments back from JSON: seal what that gives
        const encoded = JSON.parse(JSON.stringify(encodeArg(args))) as unknown;
        const result = (value as (...a: unknown[]) => unknown)(...(decodeArg(encoded) as unknown[]));
        return { args: encoded, result: sealValue(result, spec, `${salt}(${c})`, fn, `${where} case ${c + 1}`) };
      }),
    };
  }
  if (isFigure(value)) {
    const traces = value.data.map((t, i): SealedTrace => {
      const x = t["x"] as ArrayLike<unknown> | undefined;
      const y = t["y"] as ArrayLike<unknown> | undefined;
      const out: SealedTrace = { type: typeof t["type"] === "string" ? t["type"] : "scatter", mode: typeof t["mode"] === "string" ? t["mode"] : null, n: y?.length ?? x?.length ?? 0 };
      if (spec.values === true) {
        if (x !== undefined) out.x = sealValue(Array.from(x), spec, `${salt}.trace${i}.x`, fn, `${where} trace ${i + 1} x`);
        if (y !== undefined) out.y = sealValue(Array.from(y), spec, `${salt}.trace${i}.y`, fn, `${where} trace ${i + 1} y`);
      }
      return out;
    });
    return { kind: "figure", traces, axes: { x: axisTitled(value.layout, "xaxis"), y: axisTitled(value.layout, "yaxis") }, synthetic: saysSynthetic(value.layout) };
  }
  if (isPlainObject(value)) {
    return { kind: "object", keys: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sealValue(v, spec, `${salt}.${k}`, fn, `${where}.${k}`)])) };
  }
  throw new ArgumentError({ fn, arg: "answer", value: typeName(value), expected: "a number, text, boolean, array, typed array, plain object, function or figure" }, "cannot seal");
}

/**
 * What a number that fails is likely to be: the sign, or a power of ten (units).
 *
 * @param v - the student's number
 * @param sealed - the sealed solution
 * @param salt - its salt
 * @returns the diagnosis, in words
 */
function diagnoseNumber(v: number, sealed: SealedNumber, salt: string): string {
  if (numberMatches(-v, sealed, salt)) return "the sign is wrong";
  for (const f of [10, 100, 1000]) {
    if (numberMatches(v / f, sealed, salt)) return `it is ${f}× too large (units?)`;
    if (numberMatches(v * f, sealed, salt)) return `it is ${f}× too small (units?)`;
  }
  return sealed.mode === "abs" ? `it is not within ${sealed.step} of the solution` : `it is not within a relative ${Number(Math.expm1(sealed.step).toPrecision(2))} of the solution`;
}

/**
 * Compare a student's answer with a sealed one.
 *
 * @param value - the student's answer
 * @param sealed - from {@link sealValue}
 * @param salt - the same salt
 * @param where - the path shown in messages (default "the answer")
 * @returns passed, or what is wrong (never the expected value)
 * @example
 * const s = sealValue([1, 2, 3], { tol: 0.01 }, "ex/q2");
 * verifyValue([1, 2, 3.5], s, "ex/q2").message; // "the answer: 1 of 3 values is off; the first is [2]: it is not within 0.01 of the solution"
 */
export function verifyValue(value: unknown, sealed: SealedValue, salt: string, where = "the answer"): Verdict {
  if (isTodo(value)) return wrong(`${where}: no answer yet (todo() still stands in for it)`);
  switch (sealed.kind) {
    case "number": {
      if (typeof value !== "number") return wrong(`${where}: expected a number, got ${typeName(value)}`);
      if (!Number.isFinite(value)) return wrong(`${where}: got ${String(value)}, expected a finite number`);
      return numberMatches(value, sealed.sealed, salt) ? RIGHT : wrong(`${where}: ${diagnoseNumber(value, sealed.sealed, salt)}`);
    }
    case "text":
      if (typeof value !== "string") return wrong(`${where}: expected text, got ${typeName(value)}`);
      return sealText(value, salt, sealed.normalize) === sealed.hash ? RIGHT : wrong(`${where}: not the right text`);
    case "boolean":
      if (typeof value !== "boolean") return wrong(`${where}: expected true or false, got ${typeName(value)}`);
      return sealText(value, salt) === sealed.hash ? RIGHT : wrong(`${where}: not the right choice`);
    case "array": {
      const typed = ArrayBuffer.isView(value);
      if (!Array.isArray(value) && !typed) return wrong(`${where}: expected ${sealed.type === "Array" ? "an array" : `a ${sealed.type}`}, got ${typeName(value)}`);
      if (sealed.exactType && (value as object).constructor.name !== sealed.type) return wrong(`${where}: expected a ${sealed.type}, got ${typeName(value)}`);
      const items = Array.from(value as ArrayLike<unknown>);
      if (items.length !== sealed.items.length) return wrong(`${where}: expected ${sealed.items.length} values, got ${items.length}`);
      const bad: { i: number; v: Verdict }[] = [];
      sealed.items.forEach((s, i) => {
        const v = verifyValue(items[i], s, `${salt}[${i}]`, `[${i}]`);
        if (!v.passed) bad.push({ i, v });
      });
      if (bad.length === 0) return RIGHT;
      return wrong(`${where}: ${bad.length} of ${items.length} value${items.length === 1 ? "" : "s"} ${bad.length === 1 ? "is" : "are"} off; the first is ${bad[0]!.v.message}`);
    }
    case "object": {
      if (!isPlainObject(value)) return wrong(`${where}: expected an object with keys ${Object.keys(sealed.keys).join(", ")}, got ${typeName(value)}`);
      const missing = Object.keys(sealed.keys).filter((k) => !(k in value));
      if (missing.length > 0) return wrong(`${where}: missing key${missing.length === 1 ? "" : "s"} ${missing.join(", ")}`);
      for (const [k, s] of Object.entries(sealed.keys)) {
        const v = verifyValue(value[k], s, `${salt}.${k}`, where === "the answer" ? k : `${where}.${k}`);
        if (!v.passed) return v;
      }
      return RIGHT;
    }
    case "function": {
      if (typeof value !== "function") return wrong(`${where}: expected a function, got ${typeName(value)}`);
      for (let c = 0; c < sealed.cases.length; c++) {
        const { args, result } = sealed.cases[c]!;
        let out: unknown;
        try {
          out = (value as (...a: unknown[]) => unknown)(...(decodeArg(args) as unknown[]));
        } catch (e) {
          return wrong(`${where}: case ${c + 1} of ${sealed.cases.length} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
        }
        const v = verifyValue(out, result, `${salt}(${c})`, `case ${c + 1} of ${sealed.cases.length} (arguments ${JSON.stringify(args).slice(0, 120)})`);
        if (!v.passed) return v;
      }
      return RIGHT;
    }
    case "figure": {
      if (!isFigure(value)) {
        const looks = value !== null && typeof value === "object" && "data" in value;
        return wrong(looks ? `${where}: a figure needs data (a list of trace objects) and layout (an object)` : `${where}: expected a figure ({ data, layout }), got ${typeName(value)}`);
      }
      if (value.data.length !== sealed.traces.length) return wrong(`${where}: expected ${sealed.traces.length} trace${sealed.traces.length === 1 ? "" : "s"}, got ${value.data.length}`);
      for (let i = 0; i < sealed.traces.length; i++) {
        const s = sealed.traces[i]!;
        const t = value.data[i]!;
        const type = typeof t["type"] === "string" ? t["type"] : "scatter";
        if (type !== s.type) return wrong(`${where}: trace ${i + 1} should be a '${s.type}' trace, got '${type}'`);
        const mode = typeof t["mode"] === "string" ? t["mode"] : null;
        if (s.mode !== null && mode !== s.mode) return wrong(`${where}: trace ${i + 1} should have mode '${s.mode}', got ${mode === null ? "none" : `'${mode}'`}`);
        const x = t["x"] as ArrayLike<unknown> | undefined;
        const y = t["y"] as ArrayLike<unknown> | undefined;
        const n = y?.length ?? x?.length ?? 0;
        if (n !== s.n) return wrong(`${where}: trace ${i + 1} should have ${s.n} points, got ${n}`);
        for (const [axis, sv, arr] of [["x", s.x, x], ["y", s.y, y]] as const) {
          if (sv === undefined) continue;
          const v = verifyValue(arr === undefined ? undefined : Array.from(arr), sv, `${salt}.trace${i}.${axis}`, `trace ${i + 1} ${axis}`);
          if (!v.passed) return wrong(`${where}: ${v.message}`);
        }
      }
      if (sealed.axes.x && !axisTitled(value.layout, "xaxis")) return wrong(`${where}: the x axis needs a title (with units)`);
      if (sealed.axes.y && !axisTitled(value.layout, "yaxis")) return wrong(`${where}: the y axis needs a title (with units)`);
      if (sealed.synthetic === true && !saysSynthetic(value.layout)) return wrong(`${where}: the title must say the data are SYNTHETIC`);
      return RIGHT;
    }
  }
}
