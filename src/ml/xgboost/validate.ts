/**
 * Internal checks shared by the xgboost modules (not part of the public entry): the structural
 * validation of a {@link TreeEnsemble} (child indices in range, every reachable node reached
 * exactly once from its tree's root, split features in range, finite thresholds, leaf values and
 * covers), done once per ensemble object and remembered; the reading of feature rows given as a
 * flat row-major array, an array of rows or a {@link Matrix}; the tree-count argument; and the
 * check of a trained model (an XGBoostModel from trainXGBoost or xgboostModelFromJSON).
 */
import { ArgumentError, DataError, formatLocation, formatValue, type DataLocation } from "../../core/errors";
import { checkInteger } from "../../core/checks";
import { hasRealNames } from "../../core/model";
import { checkMatrix, defaultColumnName, type Matrix } from "../../core/matrix";
import type { TreeEnsemble } from "./model";
import type { XGBoostModel } from "./train";

/** Deepest tree TreeSHAP accepts (its recursion and path pool grow with the depth). */
export const MAX_SHAP_DEPTH = 1000;

/** One structural problem of an ensemble: which field, which (global) node, what is wrong. */
export interface EnsembleIssue {
  /** The TreeEnsemble field (`left`, `threshold`, `nFeatures`, …). */
  field: string;
  /** Global node index (or array index), when the problem is in one entry. */
  index?: number;
  /** The tree the node belongs to, when known. */
  tree?: number;
  /** What is wrong, in words. */
  problem: string;
  /** The offending value (absent when there is none). */
  value?: unknown;
  /** What was expected. */
  expected: string;
}

const ARRAYS: readonly [keyof TreeEnsemble, new (n: number) => ArrayLike<number>][] = [
  ["feature", Int32Array], ["threshold", Float32Array], ["left", Int32Array], ["right", Int32Array], ["defaultLeft", Uint8Array],
  ["value", Float64Array], ["cover", Float64Array], ["gain", Float64Array],
];

/**
 * Find the first structural problem of an ensemble, or compute the depth of each tree.
 *
 * Unreachable nodes are allowed only as leaves: xgboost's pruner leaves deleted nodes (leaves)
 * in the node array, and prediction never visits them.
 *
 * @param m - the ensemble (any value)
 * @returns the problem, or the per-tree depths and the mask of the nodes reached from a root
 */
export function findEnsembleIssue(m: unknown): { issue: EnsembleIssue } | { depths: Int32Array; reached: Uint8Array } {
  const fail = (issue: EnsembleIssue) => ({ issue });
  if (m === null || typeof m !== "object") return fail({ field: "", problem: "not a TreeEnsemble", value: m, expected: "a TreeEnsemble (from parseXGBoostModel or trainXGBoost)" });
  const e = m as TreeEnsemble;
  if (!Number.isInteger(e.nFeatures) || e.nFeatures < 1) return fail({ field: "nFeatures", problem: "bad feature count", value: e.nFeatures, expected: "a positive integer" });
  if (!Number.isInteger(e.nTrees) || e.nTrees < 0) return fail({ field: "nTrees", problem: "bad tree count", value: e.nTrees, expected: "a non-negative integer" });
  if (typeof e.baseScore !== "number" || !Number.isFinite(e.baseScore)) return fail({ field: "baseScore", problem: "bad base score", value: e.baseScore, expected: "a finite number" });
  if (typeof e.objective !== "string") return fail({ field: "objective", problem: "bad objective", value: e.objective, expected: "a string" });
  if (!(e.treeStart instanceof Int32Array) || e.treeStart.length !== e.nTrees + 1) {
    return fail({ field: "treeStart", problem: "bad tree offsets", value: e.treeStart, expected: `an Int32Array of nTrees + 1 = ${e.nTrees + 1} offsets` });
  }
  const ts = e.treeStart;
  const total = ts[e.nTrees]!;
  for (const [name, cls] of ARRAYS) {
    const a = e[name] as unknown;
    if (!(a instanceof cls) || a.length !== total) {
      return fail({ field: name, problem: "bad node array", value: a, expected: `a ${cls.name} of ${total} entries (treeStart[nTrees])` });
    }
  }
  if (ts[0] !== 0) return fail({ field: "treeStart", index: 0, problem: "first tree does not start at node 0", value: ts[0], expected: "0" });
  for (let t = 0; t < e.nTrees; t++) {
    if (ts[t + 1]! <= ts[t]!) return fail({ field: "treeStart", index: t + 1, tree: t, problem: `tree ${t} has no nodes`, value: ts[t + 1], expected: `more than ${ts[t]}` });
  }
  const seen = new Uint8Array(total);
  const depths = new Int32Array(e.nTrees);
  const stack: number[] = [];
  const p = e.nFeatures;
  for (let t = 0; t < e.nTrees; t++) {
    const s = ts[t]!, end = ts[t + 1]!;
    const range = `a node of tree ${t} (${s}..${end - 1}) other than its root, or −1 for a leaf`;
    stack.length = 0;
    stack.push(s, 0);
    seen[s] = 1;
    let maxD = 0;
    while (stack.length > 0) {
      const d = stack.pop()!, u = stack.pop()!;
      if (d > maxD) maxD = d;
      const l = e.left[u]!, r = e.right[u]!;
      const cover = e.cover[u]!;
      if (l === -1 || r === -1) {
        if (l !== r) return fail({ field: l === -1 ? "right" : "left", index: u, tree: t, problem: "a node with exactly one child", value: l === -1 ? r : l, expected: "−1 (a leaf has no children)" });
        if (!Number.isFinite(e.value[u]!)) return fail({ field: "value", index: u, tree: t, problem: "non-finite leaf value", value: e.value[u], expected: "a finite number" });
        if (!(Number.isFinite(cover) && cover >= 0)) return fail({ field: "cover", index: u, tree: t, problem: "bad leaf cover", value: cover, expected: "a finite number ≥ 0" });
        continue;
      }
      for (const [field, c] of [["left", l], ["right", r]] as const) {
        if (!(c > s && c < end)) return fail({ field, index: u, tree: t, problem: "child index out of the tree", value: c, expected: range });
        if (seen[c] === 1) return fail({ field, index: u, tree: t, problem: "node reached twice from the root (a cycle or a shared child)", value: c, expected: "each node the child of exactly one node" });
        seen[c] = 1;
        stack.push(c, d + 1);
      }
      const f = e.feature[u]!;
      if (!(f >= 0 && f < p)) return fail({ field: "feature", index: u, tree: t, problem: "split feature out of range", value: f, expected: `a feature index 0..${p - 1}` });
      if (!Number.isFinite(e.threshold[u]!)) return fail({ field: "threshold", index: u, tree: t, problem: "non-finite split threshold", value: e.threshold[u], expected: "a finite number" });
      if (!(Number.isFinite(cover) && cover > 0)) return fail({ field: "cover", index: u, tree: t, problem: "bad split cover", value: cover, expected: "a finite number > 0" });
      const dl = e.defaultLeft[u]!;
      if (dl !== 0 && dl !== 1) return fail({ field: "defaultLeft", index: u, tree: t, problem: "bad default direction", value: dl, expected: "0 or 1" });
    }
    for (let u = s; u < end; u++) {
      if (seen[u] === 0 && (e.left[u] !== -1 || e.right[u] !== -1)) {
        return fail({ field: "left", index: u, tree: t, problem: "split node not reachable from the tree's root", value: e.left[u], expected: "every split node reached from the root (unreachable nodes may only be deleted leaves)" });
      }
    }
    depths[t] = maxD;
  }
  return { depths, reached: seen };
}

/** What is remembered of a validated ensemble: its depths, reached nodes, and the identity of its parts. */
interface Validated { depths: Int32Array; reached: Uint8Array; parts: unknown[] }

// Ensembles that passed validation.
const validated = new WeakMap<object, Validated>();

function partsOf(m: TreeEnsemble): unknown[] {
  return [m.nFeatures, m.nTrees, m.baseScore, m.objective, m.treeStart, m.feature, m.threshold, m.left, m.right, m.defaultLeft, m.value, m.cover, m.gain];
}

/**
 * Record an ensemble as valid (parsers call this after {@link findEnsembleIssue} passed).
 *
 * @param m - the ensemble
 * @param r - what findEnsembleIssue returned for it
 * @param r.depths - its per-tree depths
 * @param r.reached - the nodes reached from a root
 */
export function markValid(m: TreeEnsemble, r: { depths: Int32Array; reached: Uint8Array }): void {
  validated.set(m, { depths: r.depths, reached: r.reached, parts: partsOf(m) });
}

// The per-call re-check of a remembered ensemble: the same fields (same arrays, same scalars) and
// every reached node's numbers still valid (finite leaf values and thresholds, valid covers). One
// linear pass over the nodes: about 0.2 % of predicting 1,000 rows with 100 trees of depth 6.
function stillValid(m: TreeEnsemble, v: Validated): boolean {
  const parts = partsOf(m);
  for (let k = 0; k < parts.length; k++) if (parts[k] !== v.parts[k]) return false;
  const { left, value, threshold, cover } = m;
  const reached = v.reached;
  for (let u = 0; u < left.length; u++) {
    if (reached[u] === 0) continue;
    const c = cover[u]!;
    if (left[u] === -1) {
      if (!(value[u]! - value[u]! === 0 && c >= 0 && c - c === 0)) return false;
    } else if (!(threshold[u]! - threshold[u]! === 0 && c > 0 && c - c === 0)) return false;
  }
  return true;
}

/**
 * Require a structurally valid ensemble. The full validation runs once per object and is
 * remembered; every later call checks again, in one cheap pass, that the fields are the same
 * arrays and scalars and that every leaf value, threshold and cover is still valid (so a leaf
 * value set to NaN after the first use is refused). The tree structure itself (child indices,
 * split features, default directions) is not re-walked: do not change it in place after the
 * first use (build a new ensemble object instead).
 *
 * @param fn - the public function
 * @param arg - the argument path (`m`, `model.ensemble`)
 * @param m - the value
 * @returns the per-tree depths
 * @throws ArgumentError naming the field, the node and the value
 */
export function checkEnsemble(fn: string, arg: string, m: unknown): Int32Array {
  if (m !== null && typeof m === "object") {
    const v = validated.get(m);
    if (v !== undefined && stillValid(m as TreeEnsemble, v)) return v.depths;
    validated.delete(m);
  }
  const r = findEnsembleIssue(m);
  if ("issue" in r) {
    const i = r.issue;
    const where = { fn, arg: i.field === "" ? arg : `${arg}.${i.field}`, ...(i.index === undefined ? {} : { at: i.index }), expected: i.expected, ...("value" in i ? { value: i.value } : {}) };
    throw new ArgumentError(where, i.tree === undefined ? i.problem : `${i.problem} (tree ${i.tree})`);
  }
  markValid(m as TreeEnsemble, r);
  return r.depths;
}

/** Feature rows as a flat row-major Float64Array. */
export interface Rows {
  /** Row-major values (NaN = missing). */
  data: Float64Array;
  /** Number of rows. */
  nRows: number;
}

/** What the xgboost functions accept as feature rows. */
export type FeatureRows = ArrayLike<number> | Matrix | readonly ArrayLike<number>[];

function isMatrixLike(x: unknown): boolean {
  return x !== null && typeof x === "object" && !Array.isArray(x) && !ArrayBuffer.isView(x) && "data" in x && "nCols" in x;
}

/**
 * Read feature rows given as a flat row-major array (consecutive rows of `p` values), an array of
 * rows, or a {@link Matrix}, checking the width (only a Matrix or an array of rows states its
 * row width; a flat array must hold a whole number of rows), the value types and that no value is
 * ±Infinity (NaN is missing and allowed).
 *
 * @param fn - the public function
 * @param arg - the argument path
 * @param x - the rows
 * @param p - the model's feature count
 * @param names - feature names, for messages (optional)
 * @returns the flat data and the row count
 * @throws ArgumentError naming the row, the column and the value
 */
export function readRows(fn: string, arg: string, x: unknown, p: number, names?: readonly string[]): Rows {
  const widthExpected = `${p} (the model's feature count)`;
  if (isMatrixLike(x)) {
    const m = checkMatrix(fn, arg, x);
    if (m.nCols !== p) throw new ArgumentError({ fn, arg: `${arg}.nCols`, value: m.nCols, expected: widthExpected }, "row width differs from the model");
    if (names !== undefined && m.columns !== undefined && hasRealNames(names)) {
      m.columns.forEach((c, j) => {
        if (c !== names[j]) throw new ArgumentError({ fn, arg: `${arg}.columns`, at: j, value: c, expected: `${JSON.stringify(names[j])} (the model's features: ${names.join(", ")})` }, "column differs from the model's feature");
      });
    }
    return { data: m.data, nRows: m.nRows };
  }
  if (!(Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView)))) {
    throw new ArgumentError({ fn, arg, value: x, expected: "a flat row-major array of numbers, an array of rows, or a Matrix" }, "not feature rows");
  }
  const a = x as ArrayLike<unknown>;
  let data: Float64Array;
  if (Array.isArray(a) && a.length > 0 && typeof a[0] === "object" && a[0] !== null) {
    data = new Float64Array(a.length * p);
    for (let i = 0; i < a.length; i++) {
      const row = a[i] as unknown;
      if (!(Array.isArray(row) || (ArrayBuffer.isView(row) && !(row instanceof DataView)))) {
        throw new ArgumentError({ fn, arg, at: `row ${i}`, value: row, expected: `an array of ${p} numbers` }, "not a row");
      }
      const r = row as ArrayLike<unknown>;
      if (r.length !== p) throw new ArgumentError({ fn, arg, at: `row ${i}`, value: r.length, expected: `${p} values (the model's feature count)` }, "row width differs from the model");
      for (let j = 0; j < p; j++) {
        const v = r[j];
        if (typeof v !== "number") throw new ArgumentError({ fn, arg, at: `row ${i}, column ${JSON.stringify(names?.[j] ?? defaultColumnName(j))}`, value: v, expected: "a number (NaN = missing)" }, "not a number");
        data[i * p + j] = v;
      }
    }
  } else {
    if (a.length % p !== 0) {
      throw new ArgumentError({ fn, arg, value: a.length, expected: `a multiple of ${p} (the model's feature count): rows of ${p} values, row-major` }, "length is not rows × features");
    }
    if (a instanceof Float64Array) data = a;
    else {
      data = new Float64Array(a.length);
      for (let k = 0; k < a.length; k++) {
        const v: unknown = a[k];
        if (typeof v !== "number") throw new ArgumentError({ fn, arg, at: k, value: v, expected: "a number (NaN = missing)" }, "not a number");
        data[k] = v;
      }
    }
  }
  const nRows = data.length / p;
  const withNames = names !== undefined && names.length === p && new Set(names).size === p;
  checkMatrix(fn, arg, withNames ? { data, nRows, nCols: p, columns: [...names] } : { data, nRows, nCols: p });
  return { data, nRows };
}

/** Where each global node came from in the source, for messages about a parsed model. */
export type Locate = (issue: EnsembleIssue, m: TreeEnsemble) => string;

function dataLoc(file: string, column: string, value?: { value?: unknown }, expected?: string): DataLocation {
  return { file, column, ...(value !== undefined && "value" in value ? { value: value.value } : {}), ...(expected === undefined ? {} : { expected }) };
}

/**
 * Validate a parsed ensemble and remember it as valid, or throw a DataError located by `locate`.
 *
 * @param m - the ensemble
 * @param label - the file or label
 * @param locate - maps a problem to a location text (byte offset, JSON path)
 * @param found - the result of findEnsembleIssue(m) when the caller already has it
 * @returns m
 */
export function validateParsed(m: TreeEnsemble, label: string, locate: Locate, found?: ReturnType<typeof findEnsembleIssue>): TreeEnsemble {
  const r = found ?? findEnsembleIssue(m);
  if ("issue" in r) {
    const i = r.issue;
    throw new DataError(dataLoc(label, locate(i, m), i, i.expected), i.tree === undefined ? i.problem : `${i.problem} (tree ${i.tree})`);
  }
  markValid(m, r);
  return m;
}

/**
 * The same problem as an ArgumentError, for a model given as an in-memory object without a file
 * name (the DataError's location becomes the argument path `arg.column`).
 *
 * @param fn - the public function
 * @param arg - the argument (`json`)
 * @param e - the DataError a parser threw
 * @returns the ArgumentError
 */
export function asArgumentError(fn: string, arg: string, e: DataError): ArgumentError {
  const prefix = `${formatLocation({ file: e.file, ...(e.line === undefined ? {} : { line: e.line }), ...(e.column === undefined ? {} : { column: e.column }) })}: `;
  let problem = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
  const exp = e.expected === undefined ? "" : `, expected ${e.expected}`;
  for (const suffix of [`: got ${formatValue(e.value)}${exp}`, e.expected === undefined ? "" : `: expected ${e.expected}`]) {
    if (suffix !== "" && problem.endsWith(suffix)) { problem = problem.slice(0, -suffix.length); break; }
  }
  const path = e.column === undefined ? arg : /^[[]/.test(e.column) ? `${arg}${e.column}` : `${arg}.${e.column}`;
  return new ArgumentError({ fn, arg: path, ...(e.value === undefined ? {} : { value: e.value }), ...(e.expected === undefined ? {} : { expected: e.expected }) }, problem);
}

/**
 * Read a JSON document given as text or as a parsed object, choosing how its problems are reported:
 * text, or anything given with a label, is a file (the reader's DataError names the label,
 * `defaultLabel` for unlabelled text); an in-memory object without a label is an argument, so a
 * DataError becomes an ArgumentError on `json` of `fn` (see {@link asArgumentError}).
 *
 * @param fn - the public function
 * @param json - the document: text or a parsed object
 * @param label - the file name (or a label), if any
 * @param defaultLabel - the label for text given without one
 * @param read - the reader, given the document and the label to report
 * @returns what the reader returns
 */
export function readJsonDocument<T>(fn: string, json: unknown, label: string | undefined, defaultLabel: string, read: (json: unknown, label: string) => T): T {
  if (label !== undefined || typeof json === "string") return read(json, label ?? defaultLabel);
  try {
    return read(json, "json");
  } catch (e) {
    throw e instanceof DataError ? asArgumentError(fn, "json", e) : e;
  }
}

/**
 * Check the tree-count argument of the prediction and SHAP functions.
 *
 * @param fn - the public function
 * @param m - a validated ensemble
 * @param nTrees - the requested count (undefined = all)
 * @returns the count to use
 */
export function treeCount(fn: string, m: TreeEnsemble, nTrees: number | undefined): number {
  if (nTrees === undefined) return m.nTrees;
  return checkInteger(fn, "nTrees", nTrees, { min: Math.min(1, m.nTrees), max: m.nTrees });
}

/**
 * Require a trained model (as trainXGBoost or xgboostModelFromJSON return it): an object with a
 * valid ensemble, one feature name per feature and a consistent best iteration.
 *
 * @param fn - the public function
 * @param model - the value
 * @returns the model
 * @throws ArgumentError naming the field and the value
 */
export function checkModel(fn: string, model: unknown): XGBoostModel {
  if (model === null || typeof model !== "object" || !("ensemble" in model)) {
    throw new ArgumentError({ fn, arg: "model", value: model, expected: "an XGBoostModel (from trainXGBoost or xgboostModelFromJSON)" }, "not a model");
  }
  const m = model as XGBoostModel;
  checkEnsemble(fn, "model.ensemble", m.ensemble);
  const e = m.ensemble;
  if (!Array.isArray(m.featureNames) || m.featureNames.length !== e.nFeatures) {
    throw new ArgumentError({ fn, arg: "model.featureNames", value: m.featureNames, expected: `${e.nFeatures} names (model.ensemble.nFeatures)` }, "feature names do not match the model");
  }
  checkInteger(fn, "model.bestNTrees", m.bestNTrees, { min: Math.min(1, e.nTrees), max: e.nTrees });
  if (m.bestIteration !== m.bestNTrees - 1) throw new ArgumentError({ fn, arg: "model.bestIteration", value: m.bestIteration, expected: `model.bestNTrees − 1 = ${m.bestNTrees - 1}` }, "inconsistent best iteration");
  return m;
}
