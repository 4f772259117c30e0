/**
 * Internal to the parsing entries (./parse.ts), not part of the public entry: reading xgboost's
 * JSON model format (`Booster.save_model("m.json")`, xgboost 1.x/2.x: `learner.
 * learner_model_param`, `learner.objective`, `learner.gradient_booster.model.trees[k]` with
 * `left_children`, `right_children`, `split_indices`, `split_conditions`, `default_left`,
 * `sum_hessian`, `loss_changes`). Numbers may be written as decimal strings ("5E-1") or, as
 * xgboost 2.x does, one-element vectors ("[5E-1]"). Only the gbtree booster with one output,
 * numerical splits and an objective whose prediction is the margin is read. Every problem is
 * reported with its JSON path.
 */
import { DataError } from "../../core/errors";
import { assemble, localValue, OBJECTIVE_EXPECTED, type RawTree } from "./assemble";
import { parseJsonText } from "./json-text";
import { IDENTITY_OBJECTIVES, type TreeEnsemble } from "./model";
import { readJsonDocument, validateParsed } from "./validate";

interface JsonTree { left_children: number[]; right_children: number[]; split_indices: number[]; split_conditions: number[]; default_left: (number | boolean)[]; sum_hessian: number[]; loss_changes: number[] }

const JSON_FIELDS: Record<string, string> = { left: "left_children", right: "right_children", feature: "split_indices", threshold: "split_conditions", value: "split_conditions", cover: "sum_hessian", defaultLeft: "default_left", gain: "loss_changes" };

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
 * Read an xgboost JSON model (object or text) and validate it. Text, or an object given with a
 * label, is reported as a file ({@link DataError}); an in-memory object without a label as the
 * argument `json` of `fn` ({@link ArgumentError}).
 *
 * @param fn - the public function, for messages
 * @param json - the parsed JSON object or its text
 * @param label - the file name (or a label), if any
 * @returns the ensemble
 */
export function parseJsonModel(fn: string, json: unknown, label: string | undefined): TreeEnsemble {
  return readJsonDocument(fn, json, label, "xgboost JSON model", parseJsonDoc);
}

function parseJsonDoc(json: unknown, label: string): TreeEnsemble {
  const doc = typeof json === "string" ? parseJsonText(json, label) : json;
  const tag = doc !== null && typeof doc === "object" ? (doc as Record<string, unknown>)["format"] : undefined;
  if (tag === "permafrost-kit/xgboost-model" || tag === "permafrost-kit/xgboost@1") {
    throw new DataError({ file: label, column: "format", value: tag, expected: "an xgboost JSON model (read this file with xgboostModelFromJSON)" }, "wrong format");
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
