/**
 * Gradient-boosted tree models as flat typed arrays, read from either xgboost's legacy binary
 * model (what npm `ml-xgboost` 1.1.2, an emscripten build of xgboost ~0.7, saves) or
 * xgboost's JSON model format (`save_model("m.json")` in xgboost 1.x/2.x). Used for batch
 * prediction, exact early stopping and TreeSHAP (paper 2, Methods "XGBoost and SHAP
 * analysis", Eqs 4–7).
 *
 * Prediction follows xgboost's float32 semantics: a feature value is rounded to float32, a
 * row goes left when x < threshold, a missing value (NaN) goes to the node's default child,
 * and the margin Σ leaf values is accumulated in float32 from 0, then base_score is added
 * (the order of xgboost's CPU predictor, which makes the results bit-identical).
 *
 * Every model is validated once, when it is parsed (or, for an ensemble built in memory, on its
 * first use): child indices inside their tree, every reachable node reached exactly once from its
 * root (no cycle, no shared child), split features below the feature count, finite thresholds,
 * leaf values and covers. A corrupt file is refused with a {@link DataError} naming the label and
 * the byte offset (binary) or the JSON path; a corrupt in-memory ensemble with an
 * {@link ArgumentError}.
 */
import { ArgumentError, DataError } from "../../core/errors";
import { checkInteger } from "../../core/checks";
import { asArgumentError, checkEnsemble, leafOf, predictRows, readRows, treeCount, validateParsed, type EnsembleIssue, type FeatureRows } from "./validate";

export type { FeatureRows } from "./validate";

/** A tree ensemble in flat arrays; node indices are global (tree offsets added). */
export interface TreeEnsemble {
  /** Number of features. */
  nFeatures: number;
  /** Global bias (xgboost `base_score`), added to every prediction. */
  baseScore: number;
  /** Number of trees. */
  nTrees: number;
  /** Index of each tree's root node; length nTrees + 1 (the last is the node count). */
  treeStart: Int32Array;
  /** Split feature of each node (−1 for leaves). */
  feature: Int32Array;
  /** Split threshold (float32 value) of each node; a row goes left when x < threshold. */
  threshold: Float32Array;
  /** Left child (global index), −1 for leaves. */
  left: Int32Array;
  /** Right child (global index), −1 for leaves. */
  right: Int32Array;
  /** 1 when missing values go left. */
  defaultLeft: Uint8Array;
  /** Leaf value (float32 value) for leaves; 0 for internal nodes. */
  value: Float64Array;
  /** Cover = sum of hessians of the training rows reaching the node (xgboost `sum_hess`). */
  cover: Float64Array;
  /** Loss reduction of each split (xgboost `gain`), 0 for leaves. */
  gain: Float64Array;
  /** Objective name as stored in the model. */
  objective: string;
}


// A child index in the source's own (per-tree) numbering, for messages.
function localValue(i: EnsembleIssue, m: TreeEnsemble): EnsembleIssue {
  if ((i.field === "left" || i.field === "right") && i.tree !== undefined && typeof i.value === "number" && i.value !== -1) {
    return { ...i, value: i.value - m.treeStart[i.tree]! };
  }
  return i;
}

class Reader {
  offset = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array, private readonly label: string) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  need(n: number, what: string): void {
    if (this.offset + n > this.bytes.length) {
      throw new DataError({ file: this.label, column: `byte ${this.offset}`, expected: `${n} bytes for ${what}, the file has ${this.bytes.length} bytes` }, `truncated: ${this.bytes.length - this.offset} bytes left while reading ${what}`);
    }
  }
  i32(what: string): number { this.need(4, what); const v = this.view.getInt32(this.offset, true); this.offset += 4; return v; }
  u32(what: string): number { this.need(4, what); const v = this.view.getUint32(this.offset, true); this.offset += 4; return v; }
  f32(what: string): number { this.need(4, what); const v = this.view.getFloat32(this.offset, true); this.offset += 4; return v; }
  u64(what: string): number { this.need(8, what); const v = Number(this.view.getBigUint64(this.offset, true)); this.offset += 8; return v; }
  skip(n: number, what: string): void { this.need(n, what); this.offset += n; }
  str(what: string): string {
    const n = this.u64(`${what} length`);
    this.need(n, what);
    const s = new TextDecoder().decode(this.bytes.subarray(this.offset, this.offset + n));
    this.offset += n;
    return s;
  }
  bad(at: number, what: string, value: unknown, expected: string): DataError {
    return new DataError({ file: this.label, column: `byte ${at} (${what})`, value, expected }, `bad ${what}`);
  }
}

/**
 * Objectives whose prediction is the margin itself (Σ leaf values + base_score, no link
 * function), the only ones whose predictions and SHAP values this module computes correctly.
 * A classification, count or survival model (binary:logistic, count:poisson, …) is refused.
 */
export const IDENTITY_OBJECTIVES: readonly string[] = ["reg:squarederror", "reg:linear", "reg:pseudohubererror", "reg:absoluteerror"];

const OBJECTIVE_EXPECTED = `an objective whose prediction is the margin (${IDENTITY_OBJECTIVES.join(", ")}); models with a link function (logistic, poisson, …) are not supported`;

interface RawTree { left: number[]; right: number[]; feature: number[]; threshold: number[]; defaultLeft: boolean[]; value: number[]; cover: number[]; gain: number[] }

function assemble(nFeatures: number, baseScore: number, objective: string, trees: RawTree[]): TreeEnsemble {
  const total = trees.reduce((s, t) => s + t.left.length, 0);
  const m: TreeEnsemble = {
    nFeatures, baseScore, nTrees: trees.length, treeStart: new Int32Array(trees.length + 1),
    feature: new Int32Array(total), threshold: new Float32Array(total), left: new Int32Array(total), right: new Int32Array(total),
    defaultLeft: new Uint8Array(total), value: new Float64Array(total), cover: new Float64Array(total), gain: new Float64Array(total), objective,
  };
  let o = 0;
  trees.forEach((t, k) => {
    m.treeStart[k] = o;
    for (let i = 0; i < t.left.length; i++) {
      const l = t.left[i]!, r = t.right[i]!;
      const leaf = l === -1 && r === -1;
      m.left[o + i] = l === -1 ? -1 : l + o;
      m.right[o + i] = r === -1 ? -1 : r + o;
      m.feature[o + i] = leaf ? -1 : t.feature[i]!;
      m.threshold[o + i] = leaf ? 0 : t.threshold[i]!;
      m.defaultLeft[o + i] = t.defaultLeft[i] === true ? 1 : 0;
      m.value[o + i] = leaf ? Math.fround(t.value[i]!) : 0;
      m.cover[o + i] = t.cover[i]!;
      m.gain[o + i] = leaf ? 0 : t.gain[i]!;
    }
    o += t.left.length;
  });
  m.treeStart[trees.length] = o;
  return m;
}

const BIN_FIELDS: Record<string, string> = { left: "cleft", right: "cright", feature: "sindex", threshold: "split value", value: "leaf value", cover: "sum_hess", defaultLeft: "default direction", gain: "loss_chg" };

/**
 * Parse xgboost's legacy binary model (xgboost < 1.0, as saved by ml-xgboost's `toJSON().model`),
 * and validate it (see the module comment).
 *
 * @param bytes - the model bytes
 * @param label - the file name (or a label) for messages (default "xgboost binary model")
 * @returns the ensemble
 * @throws DataError naming the label and the byte offset, when the bytes are truncated, describe an
 *   unsupported booster (not gbtree, multi-class, leaf vectors, several roots), an objective with a
 *   link function (only {@link IDENTITY_OBJECTIVES}) or a corrupt tree
 * @example
 * const Engine = await loadEngine();
 * const engine = new Engine({ objective: "reg:linear", eta: 1, max_depth: 1, silent: 1, iterations: 1 });
 * engine.train([[0], [1], [2], [3]], [0, 0, 1, 1]);
 * const bytes = new Uint8Array(Int8Array.from(engine.toJSON().model).buffer); // what ml-xgboost saves
 * engine.free();
 * parseLegacyBinary(bytes, "engine-model.bin").nTrees; // 1
 */
export function parseLegacyBinary(bytes: Uint8Array, label = "xgboost binary model"): TreeEnsemble {
  if (!(bytes instanceof Uint8Array)) throw new ArgumentError({ fn: "parseLegacyBinary", arg: "bytes", value: bytes, expected: "a Uint8Array" }, "not bytes");
  const r = new Reader(bytes, label);
  const baseScore = r.f32("base_score");
  let at = r.offset;
  const nFeatures = r.u32("num_feature");
  if (nFeatures < 1 || nFeatures > 0x7fffffff) throw r.bad(at, "num_feature", nFeatures, "a positive feature count");
  at = r.offset;
  const numClass = r.i32("num_class");
  if (numClass > 1) throw r.bad(at, "num_class", numClass, "0 or 1 (multi-class models are not supported)");
  r.skip(4 * 31, "learner reserved");
  at = r.offset;
  const objective = r.str("objective name");
  if (!IDENTITY_OBJECTIVES.includes(objective)) throw new DataError({ file: label, column: `byte ${at} (objective name)`, value: objective, expected: OBJECTIVE_EXPECTED }, "unsupported objective");
  at = r.offset;
  const booster = r.str("booster name");
  if (booster !== "gbtree") throw r.bad(at, "booster name", booster, '"gbtree" (the only booster supported)');
  at = r.offset;
  const numTrees = r.i32("num_trees");
  if (numTrees < 0) throw r.bad(at, "num_trees", numTrees, "a tree count ≥ 0");
  r.skip(4 * 3 + 8 + 4 * 2 + 4 * 32, "gbtree param");
  const trees: RawTree[] = [];
  const nodeOffset: number[] = [], statOffset: number[] = [];
  for (let k = 0; k < numTrees; k++) {
    at = r.offset;
    const roots = r.i32(`num_roots of tree ${k}`);
    if (roots !== 1) throw r.bad(at, `num_roots of tree ${k}`, roots, "1 (multi-root trees are not supported)");
    at = r.offset;
    const numNodes = r.i32(`num_nodes of tree ${k}`);
    if (numNodes < 1) throw r.bad(at, `num_nodes of tree ${k}`, numNodes, "at least 1 node");
    r.need(numNodes * 36, `the ${numNodes} nodes of tree ${k}`);
    r.skip(4 * 3, `tree param of tree ${k}`);
    at = r.offset;
    const leafVector = r.i32(`size_leaf_vector of tree ${k}`);
    if (leafVector !== 0) throw r.bad(at, `size_leaf_vector of tree ${k}`, leafVector, "0 (leaf vectors are not supported)");
    r.skip(4 * 31, `tree param of tree ${k}`);
    const t: RawTree = { left: [], right: [], feature: [], threshold: [], defaultLeft: [], value: [], cover: [], gain: [] };
    for (let i = 0; i < numNodes; i++) {
      nodeOffset.push(r.offset);
      r.i32("parent");
      const cl = r.i32("cleft"), cr = r.i32("cright");
      const sindex = r.u32("sindex");
      const info = r.f32("split/leaf value");
      t.left.push(cl); t.right.push(cr);
      t.feature.push(sindex & 0x7fffffff);
      t.defaultLeft.push((sindex >>> 31) === 1);
      t.threshold.push(info); t.value.push(info);
    }
    for (let i = 0; i < numNodes; i++) {
      statOffset.push(r.offset);
      t.gain.push(r.f32("loss_chg"));
      t.cover.push(r.f32("sum_hess"));
      r.f32("base_weight");
      r.i32("leaf_child_cnt");
    }
    trees.push(t);
  }
  const m = assemble(nFeatures, baseScore, objective, trees);
  return validateParsed(m, label, (i0) => {
    const i = localValue(i0, m);
    if (i.index === undefined || i.tree === undefined) return i.field === "baseScore" ? "byte 0 (base_score)" : i.field;
    const local = i.index - m.treeStart[i.tree]!;
    const what = BIN_FIELDS[i.field] ?? i.field;
    const off = (i.field === "cover" || i.field === "gain" ? statOffset : nodeOffset)[i.index]!;
    return `byte ${off} (tree ${i.tree} node ${local}: ${what})`;
  });
}

interface JsonTree { left_children: number[]; right_children: number[]; split_indices: number[]; split_conditions: number[]; default_left: (number | boolean)[]; sum_hessian: number[]; loss_changes: number[] }

const JSON_FIELDS: Record<string, string> = { left: "left_children", right: "right_children", feature: "split_indices", threshold: "split_conditions", value: "split_conditions", cover: "sum_hessian", defaultLeft: "default_left", gain: "loss_changes" };

/**
 * Parse JSON text, or throw a DataError naming the label.
 *
 * @param text - the text
 * @param label - the file name (or a label)
 * @returns the parsed value
 * @example
 * parseJsonText('{"a": 1}', "a.json"); // { a: 1 }
 * parseJsonText("{", "a.json"); // throws DataError
 */
export function parseJsonText(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new DataError({ file: label, expected: "JSON text" }, `not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

function field(obj: unknown, key: string, label: string, path: string, expected: string): unknown {
  if (obj === null || typeof obj !== "object" || !(key in obj)) throw new DataError({ file: label, column: path, expected }, "missing field");
  return (obj as Record<string, unknown>)[key];
}

function numberArray(v: unknown, label: string, path: string, length: number | undefined, integer: boolean): number[] {
  if (!Array.isArray(v)) throw new DataError({ file: label, column: path, value: v, expected: "an array of numbers" }, "not an array");
  if (length !== undefined && v.length !== length) throw new DataError({ file: label, column: path, value: v.length, expected: `${length} entries, one per node` }, "wrong length");
  for (let i = 0; i < v.length; i++) {
    const x = v[i] as unknown;
    const ok = typeof x === "number" && (integer ? Number.isInteger(x) && x >= -1 && x <= 0x7fffffff : true);
    if (!ok) throw new DataError({ file: label, column: `${path}[${i}]`, value: x, expected: integer ? "an integer index (−1 for none)" : "a number" }, "bad entry");
  }
  return v as number[];
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function numberText(v: unknown, label: string, path: string, integer: boolean): number {
  // xgboost writes numbers as strings ("5E-1"); 2.x may write a one-element vector "[5E-1]".
  const s = typeof v === "string" ? v.replace(/^\[(.*)\]$/, "$1") : v;
  // decimal only: Number() would also read "0x10" as 16, "0b1", "  1 " or "Infinity"
  const x = typeof s === "string" && DECIMAL.test(s) ? Number(s) : typeof s === "number" ? s : NaN;
  if (!Number.isFinite(x) || (integer && !Number.isInteger(x))) throw new DataError({ file: label, column: path, value: v, expected: integer ? "an integer" : "a finite number" }, "bad value");
  return x;
}

/**
 * Parse xgboost's JSON model (`Booster.save_model("m.json")`, xgboost 1.x/2.x) and validate it
 * (see the module comment).
 *
 * @param json - the parsed JSON object or its text
 * @param label - the file name (or a label) for messages; without it, text is labelled
 *   "xgboost JSON model" and an in-memory object is reported as an argument (`json.learner…`)
 * @returns the ensemble
 * @throws DataError naming the label and the JSON path, for text that is not JSON, a document that
 *   is not an xgboost model, a non-gbtree booster, an objective with a link function (only
 *   {@link IDENTITY_OBJECTIVES}), a number that is not decimal, a multi-output model, categorical
 *   splits or a corrupt tree
 * @throws ArgumentError for the same problems in an in-memory object given without a label
 * @example
 * // one tree: x < 1.5 (or missing) → 0.5 − 0.3, else 0.5 + 0.3
 * const stump = { learner: { learner_model_param: { num_feature: "1", base_score: "0.5" }, objective: { name: "reg:squarederror" },
 *   gradient_booster: { name: "gbtree", model: { trees: [{ left_children: [1, -1, -1], right_children: [2, -1, -1], split_indices: [0, 0, 0],
 *     split_conditions: [1.5, -0.3, 0.3], default_left: [1, 0, 0], sum_hessian: [4, 2, 2], loss_changes: [1, 0, 0] }] } } } };
 * fs.writeFileSync("model.json", JSON.stringify(stump));
 * const m = parseXGBoostJson(fs.readFileSync("model.json", "utf8"), "model.json");
 * m.nTrees; // 1
 * predictEnsemble(m, [[1], [2]]); // Float64Array [0.2, 0.8]
 */
export function parseXGBoostJson(json: unknown, label?: string): TreeEnsemble {
  return parseJsonModel("parseXGBoostJson", json, label);
}

function parseJsonModel(fn: string, json: unknown, label: string | undefined): TreeEnsemble {
  if (label !== undefined || typeof json === "string") return parseJsonDoc(json, label ?? "xgboost JSON model");
  try {
    return parseJsonDoc(json, "json");
  } catch (e) {
    throw e instanceof DataError ? asArgumentError(fn, "json", e) : e;
  }
}

function parseJsonDoc(json: unknown, label: string): TreeEnsemble {
  const doc = typeof json === "string" ? parseJsonText(json, label) : json;
  if (doc !== null && typeof doc === "object" && (doc as Record<string, unknown>)["format"] === "permafrost-kit/xgboost-model") {
    throw new DataError({ file: label, column: "format", value: "permafrost-kit/xgboost-model", expected: "an xgboost JSON model (read this file with xgboostModelFromJSON)" }, "wrong format");
  }
  const l = field(doc, "learner", label, "learner", "an xgboost JSON model (save_model(\"m.json\"))");
  const mp = field(l, "learner_model_param", label, "learner.learner_model_param", "the model parameters");
  const gb = field(l, "gradient_booster", label, "learner.gradient_booster", "the booster");
  const name = field(gb, "name", label, "learner.gradient_booster.name", "the booster name");
  if (name !== "gbtree") throw new DataError({ file: label, column: "learner.gradient_booster.name", value: name, expected: '"gbtree" (the only booster supported)' }, "unsupported booster");
  const mpr = mp as Record<string, unknown>;
  const numClass = mpr["num_class"] === undefined ? 0 : numberText(mpr["num_class"], label, "learner.learner_model_param.num_class", true);
  if (numClass > 1) throw new DataError({ file: label, column: "learner.learner_model_param.num_class", value: numClass, expected: "0 or 1 (multi-class models are not supported)" }, "unsupported model");
  const numTarget = mpr["num_target"] === undefined ? 1 : numberText(mpr["num_target"], label, "learner.learner_model_param.num_target", true);
  if (numTarget > 1) throw new DataError({ file: label, column: "learner.learner_model_param.num_target", value: numTarget, expected: "1 (multi-output models are not supported)" }, "unsupported model");
  const nFeatures = numberText(field(mp, "num_feature", label, "learner.learner_model_param.num_feature", "the feature count"), label, "learner.learner_model_param.num_feature", true);
  const baseScore = numberText(field(mp, "base_score", label, "learner.learner_model_param.base_score", "the base score"), label, "learner.learner_model_param.base_score", false);
  const obj = field(field(l, "objective", label, "learner.objective", "the objective"), "name", label, "learner.objective.name", "the objective name");
  if (typeof obj !== "string") throw new DataError({ file: label, column: "learner.objective.name", value: obj, expected: "a string" }, "bad objective");
  if (!IDENTITY_OBJECTIVES.includes(obj)) throw new DataError({ file: label, column: "learner.objective.name", value: obj, expected: OBJECTIVE_EXPECTED }, "unsupported objective");
  const model = field(gb, "model", label, "learner.gradient_booster.model", "the trees");
  const rawTrees = field(model, "trees", label, "learner.gradient_booster.model.trees", "the trees");
  if (!Array.isArray(rawTrees)) throw new DataError({ file: label, column: "learner.gradient_booster.model.trees", value: rawTrees, expected: "an array of trees" }, "not an array");
  const trees: RawTree[] = (rawTrees as unknown[]).map((t, k) => {
    const path = `learner.gradient_booster.model.trees[${k}]`;
    const left = numberArray(field(t, "left_children", label, `${path}.left_children`, "child indices"), label, `${path}.left_children`, undefined, true);
    const n = left.length;
    const get = (key: keyof JsonTree, integer: boolean): number[] => numberArray(field(t, key, label, `${path}.${key}`, `${n} entries`), label, `${path}.${key}`, n, integer);
    const dl = field(t, "default_left", label, `${path}.default_left`, `${n} entries`);
    if (!Array.isArray(dl) || dl.length !== n) throw new DataError({ file: label, column: `${path}.default_left`, value: dl, expected: `${n} entries, one per node` }, "wrong length");
    const badDl = (dl as unknown[]).findIndex((d) => d !== 0 && d !== 1 && d !== true && d !== false);
    if (badDl >= 0) throw new DataError({ file: label, column: `${path}.default_left[${badDl}]`, value: (dl as unknown[])[badDl], expected: "0, 1, true or false" }, "bad entry");
    const splitType = (t as Record<string, unknown>)["split_type"];
    if (Array.isArray(splitType)) {
      const c = splitType.findIndex((v) => v !== 0);
      if (c >= 0) throw new DataError({ file: label, column: `${path}.split_type[${c}]`, value: splitType[c], expected: "0 (categorical splits are not supported)" }, "unsupported split");
    }
    return {
      left, right: get("right_children", true), feature: get("split_indices", true), threshold: get("split_conditions", false),
      defaultLeft: (dl as unknown[]).map((d) => d === 1 || d === true), value: get("split_conditions", false), cover: get("sum_hessian", false), gain: get("loss_changes", false),
    };
  });
  const m = assemble(nFeatures, baseScore, obj, trees);
  return validateParsed(m, label, (i0) => {
    const i = localValue(i0, m);
    if (i.index === undefined || i.tree === undefined) {
      return i.field === "nFeatures" ? "learner.learner_model_param.num_feature" : i.field === "treeStart" ? `learner.gradient_booster.model.trees[${i.tree ?? 0}]` : i.field;
    }
    return `learner.gradient_booster.model.trees[${i.tree}].${JSON_FIELDS[i.field] ?? i.field}[${i.index - m.treeStart[i.tree]!}]`;
  });
}

/**
 * Parse a model in either format: bytes (legacy binary) or JSON (object or text), and validate it.
 *
 * @param model - legacy binary bytes (a Uint8Array, or an array of byte values −128..255), or a JSON model
 * @param label - the file name (or a label) for messages
 * @returns the ensemble
 * @throws DataError as the format-specific parsers; ArgumentError for an array that holds a value
 *   that is not a byte, and for a JSON model given as an in-memory object without a label
 * @example
 * // one tree: x < 1.5 (or missing) → 0.5 − 0.3, else 0.5 + 0.3
 * const stump = { learner: { learner_model_param: { num_feature: "1", base_score: "0.5" }, objective: { name: "reg:squarederror" },
 *   gradient_booster: { name: "gbtree", model: { trees: [{ left_children: [1, -1, -1], right_children: [2, -1, -1], split_indices: [0, 0, 0],
 *     split_conditions: [1.5, -0.3, 0.3], default_left: [1, 0, 0], sum_hessian: [4, 2, 2], loss_changes: [1, 0, 0] }] } } } };
 * parseXGBoostModel(JSON.stringify(stump), "model.json").nFeatures; // 1
 * parseXGBoostModel(JSON.stringify({ learner: {} }), "model.json"); // throws DataError
 */
export function parseXGBoostModel(model: Uint8Array | ArrayLike<number> | string | object, label?: string): TreeEnsemble {
  if (model instanceof Uint8Array) return parseLegacyBinary(model, label);
  if (typeof model === "string") return parseJsonModel("parseXGBoostModel", model, label);
  if (model === null || typeof model !== "object") {
    throw new ArgumentError({ fn: "parseXGBoostModel", arg: "model", value: model, expected: "model bytes, JSON text or a parsed JSON model" }, "not a model");
  }
  if (typeof (model as ArrayLike<number>).length === "number") {
    const a = model as ArrayLike<unknown>;
    const bytes = new Uint8Array(a.length);
    for (let i = 0; i < a.length; i++) {
      const b = a[i];
      if (!(typeof b === "number" && Number.isInteger(b) && b >= -128 && b <= 255)) {
        throw new ArgumentError({ fn: "parseXGBoostModel", arg: "model", at: i, value: b, expected: "a byte value (an integer −128..255)" }, "not a byte");
      }
      bytes[i] = b & 0xff;
    }
    return parseLegacyBinary(bytes, label);
  }
  return parseJsonModel("parseXGBoostModel", model, label);
}

/**
 * Index of the leaf that a row reaches in one tree.
 *
 * @param m - the ensemble
 * @param tree - tree number
 * @param x - row-major feature matrix (NaN = missing)
 * @param row - the row
 * @returns the global index of the leaf
 * @throws ArgumentError for an invalid ensemble, a tree or row out of range, or an x whose length
 *   is not a multiple of the feature count
 * @example
 * // one tree: x < 1.5 (or missing) → 0.5 − 0.3, else 0.5 + 0.3
 * const stump = { learner: { learner_model_param: { num_feature: "1", base_score: "0.5" }, objective: { name: "reg:squarederror" },
 *   gradient_booster: { name: "gbtree", model: { trees: [{ left_children: [1, -1, -1], right_children: [2, -1, -1], split_indices: [0, 0, 0],
 *     split_conditions: [1.5, -0.3, 0.3], default_left: [1, 0, 0], sum_hessian: [4, 2, 2], loss_changes: [1, 0, 0] }] } } } };
 * const model = parseXGBoostJson(stump, "stump");
 * leafIndex(model, 0, [1, 2], 1); // 2 (row 1, x = 2, reaches the right leaf: node 2)
 */
export function leafIndex(m: TreeEnsemble, tree: number, x: ArrayLike<number>, row: number): number {
  const fn = "leafIndex";
  checkEnsemble(fn, "m", m);
  checkInteger(fn, "tree", tree, { min: 0, max: m.nTrees - 1 });
  if (x === null || typeof x !== "object" || typeof x.length !== "number" || x.length % m.nFeatures !== 0) {
    throw new ArgumentError({ fn, arg: "x", value: x, expected: `row-major values, a multiple of ${m.nFeatures} (the model's feature count)` }, "not rows × features");
  }
  checkInteger(fn, "row", row, { min: 0, max: x.length / m.nFeatures - 1 });
  for (let j = 0; j < m.nFeatures; j++) {
    const v = x[row * m.nFeatures + j];
    if (typeof v !== "number" || v === Infinity || v === -Infinity) throw new ArgumentError({ fn, arg: "x", at: `row ${row}, column ${j}`, value: v, expected: "a finite number or NaN (missing)" }, "bad value");
  }
  return leafOf(m, tree, x, row);
}

/**
 * Batch prediction (margin = Σ leaf values + base_score, in float32 as xgboost).
 *
 * @param m - the ensemble
 * @param x - the rows: a flat row-major array (consecutive rows of nFeatures values), an array of
 *   rows, or a Matrix (NaN = missing). Only an array of rows or a Matrix states its width, so only
 *   these catch a row of the wrong width whose length happens to be a multiple of nFeatures.
 * @param nTrees - use only the first nTrees trees (default all), for tree-prefix predictions
 * @returns one margin per row
 * @throws ArgumentError for an invalid ensemble, rows of the wrong width, a length that is not a
 *   multiple of nFeatures, ±Infinity or a non-number in x, or nTrees out of 1..m.nTrees
 * @example
 * // one tree: x < 1.5 (or missing) → 0.5 − 0.3, else 0.5 + 0.3
 * const stump = { learner: { learner_model_param: { num_feature: "1", base_score: "0.5" }, objective: { name: "reg:squarederror" },
 *   gradient_booster: { name: "gbtree", model: { trees: [{ left_children: [1, -1, -1], right_children: [2, -1, -1], split_indices: [0, 0, 0],
 *     split_conditions: [1.5, -0.3, 0.3], default_left: [1, 0, 0], sum_hessian: [4, 2, 2], loss_changes: [1, 0, 0] }] } } } };
 * const model = parseXGBoostJson(stump, "stump");
 * predictEnsemble(model, [[1], [2], [NaN]]); // Float64Array [0.2, 0.8, 0.2]
 */
export function predictEnsemble(m: TreeEnsemble, x: FeatureRows, nTrees?: number): Float64Array {
  const fn = "predictEnsemble";
  checkEnsemble(fn, "m", m);
  const k = treeCount(fn, m, nTrees);
  const rows = readRows(fn, "x", x, m.nFeatures);
  return predictRows(m, rows.data, rows.nRows, k);
}
