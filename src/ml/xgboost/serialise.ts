/**
 * The kit's own saved model (format tag "permafrost-kit/xgboost@1", the kit's one
 * `"permafrost-kit/<engine>@<version>"` scheme; files written before it, tagged
 * "permafrost-kit/xgboost-model" with `version: 1`, are still read): a trained
 * {@link XGBoostModel} as readable JSON (parameters, best iteration, feature names, training and
 * validation RMSE curves, the trees with thresholds on the original scale) and back, validated
 * on reading as xgboost's own models are (./model.ts). Unlike xgboost's `save_model`, it keeps the
 * best iteration and the feature names, so a restored model predicts as the trained one.
 */
import { ArgumentError, DataError } from "../../core/errors";
import { parseJsonText } from "./json-text";
import type { TreeEnsemble } from "./model";
import { resolveParams, type XGBoostParams } from "./params";
import type { XGBoostModel } from "./train";
import { checkModel, findEnsembleIssue, readJsonDocument, validateParsed } from "./validate";

// The format tag written into every saved model; the legacy tag + version still read.
const FORMAT_TAG = "permafrost-kit/xgboost@1";
const LEGACY_TAG = "permafrost-kit/xgboost-model";
const LEGACY_VERSION = 1;

/**
 * The model as readable JSON (parameters, best iteration, feature names, curves, trees).
 *
 * @param model - a trained model
 * @returns a JSON-ready object (format "permafrost-kit/xgboost@1")
 * @throws ArgumentError for an invalid model
 * @example
 * const model = await trainXGBoost([0, 1, 2, 3], 1, [0, 0, 1, 1], { eta: 1, max_depth: 1, nrounds: 2 });
 * fs.writeFileSync("m.json", JSON.stringify(xgboostModelToJSON(model)));
 * xgboostModelToJSON(model).format; // 'permafrost-kit/xgboost@1'
 */
export function xgboostModelToJSON(model: XGBoostModel): Record<string, unknown> {
  const m = checkModel("xgboostModelToJSON", model);
  const e = m.ensemble;
  return {
    format: FORMAT_TAG, params: m.params, featureNames: m.featureNames,
    bestIteration: m.bestIteration, trainRmse: m.trainRmse, validationRmse: m.validationRmse,
    ensemble: {
      nFeatures: e.nFeatures, baseScore: e.baseScore, nTrees: e.nTrees, objective: e.objective, treeStart: Array.from(e.treeStart), feature: Array.from(e.feature),
      threshold: Array.from(e.threshold), left: Array.from(e.left), right: Array.from(e.right), defaultLeft: Array.from(e.defaultLeft),
      value: Array.from(e.value), cover: Array.from(e.cover), gain: Array.from(e.gain),
    },
  };
}

const ENSEMBLE_ARRAYS = ["treeStart", "feature", "threshold", "left", "right", "defaultLeft", "value", "cover", "gain"] as const;

/**
 * Restore a model saved with {@link xgboostModelToJSON}, validating it (format tag, version,
 * parameters, feature names, best iteration, and the trees as parseXGBoostModel does).
 *
 * @param json - the saved object (or its text)
 * @param label - the file name (or a label) for messages; without it, text is labelled
 *   "xgboost model JSON" and an in-memory object is reported as an argument (`json.…`)
 * @returns the model
 * @throws DataError naming the label and the field (and node) when the text is not JSON, the
 *   format tag or version is not recognised, or a field is missing, malformed or corrupt
 *   (including duplicate feature names, and an ensemble.baseScore that is not params.base_score)
 * @throws ArgumentError for the same problems in an in-memory object given without a label
 * @example
 * const model = await trainXGBoost([0, 1, 2, 3], 1, [0, 0, 1, 1], { eta: 1, max_depth: 1, nrounds: 2 });
 * fs.writeFileSync("m.json", JSON.stringify(xgboostModelToJSON(model)));
 * const m = xgboostModelFromJSON(fs.readFileSync("m.json", "utf8"), "m.json");
 * predictXGBoost(m, [[3]]); // Float64Array [0.9444]
 */
export function xgboostModelFromJSON(json: unknown, label?: string): XGBoostModel {
  return readJsonDocument("xgboostModelFromJSON", json, label, "xgboost model JSON", modelFromJSON);
}

function modelFromJSON(json: unknown, label: string): XGBoostModel {
  const d = typeof json === "string" ? parseJsonText(json, label) : json;
  if (d === null || typeof d !== "object" || Array.isArray(d)) throw new DataError({ file: label, value: d, expected: "a JSON object" }, "not a saved model");
  const r = d as Record<string, unknown>;
  const legacy = r["format"] === LEGACY_TAG;
  if (r["format"] !== FORMAT_TAG && !legacy) {
    const hint = "learner" in r ? " (this is an xgboost JSON model: read it with parseXGBoostModel)" : "";
    throw new DataError({ file: label, column: "format", value: r["format"], expected: `"${FORMAT_TAG}"${hint}` }, "wrong format tag");
  }
  if (legacy && r["version"] !== LEGACY_VERSION) throw new DataError({ file: label, column: "version", value: r["version"], expected: `${LEGACY_VERSION} (format ${LEGACY_TAG})` }, "unsupported version");
  let params: Required<XGBoostParams>;
  try {
    params = resolveParams("xgboostModelFromJSON", "params", r["params"]);
  } catch (e) {
    if (!(e instanceof ArgumentError)) throw e;
    throw new DataError({ file: label, column: e.arg, ...(e.value === undefined ? {} : { value: e.value }), ...(e.expected === undefined ? {} : { expected: e.expected }) }, "bad parameter");
  }
  const ens = r["ensemble"];
  if (ens === null || typeof ens !== "object") throw new DataError({ file: label, column: "ensemble", value: ens, expected: "the trees" }, "missing field");
  const er = ens as Record<string, unknown>;
  const arrays: Record<string, number[]> = {};
  for (const k of ENSEMBLE_ARRAYS) {
    const a = er[k];
    if (!Array.isArray(a)) throw new DataError({ file: label, column: `ensemble.${k}`, value: a, expected: "an array of numbers" }, "missing or bad field");
    const bad = a.findIndex((v) => typeof v !== "number" || (k !== "threshold" && k !== "value" && k !== "cover" && k !== "gain" && !Number.isInteger(v)));
    if (bad >= 0) throw new DataError({ file: label, column: `ensemble.${k}[${bad}]`, value: a[bad], expected: k === "threshold" || k === "value" || k === "cover" || k === "gain" ? "a number" : "an integer" }, "bad entry");
    arrays[k] = a as number[];
  }
  const num = (k: string): number => {
    const v = er[k];
    if (typeof v !== "number") throw new DataError({ file: label, column: `ensemble.${k}`, value: v, expected: "a number" }, "missing or bad field");
    return v;
  };
  const objective = er["objective"];
  if (typeof objective !== "string") throw new DataError({ file: label, column: "ensemble.objective", value: objective, expected: "a string" }, "missing or bad field");
  const ensemble: TreeEnsemble = {
    nFeatures: num("nFeatures"), baseScore: num("baseScore"), nTrees: num("nTrees"), objective,
    treeStart: Int32Array.from(arrays["treeStart"]!), feature: Int32Array.from(arrays["feature"]!), threshold: Float32Array.from(arrays["threshold"]!),
    left: Int32Array.from(arrays["left"]!), right: Int32Array.from(arrays["right"]!), defaultLeft: Uint8Array.from(arrays["defaultLeft"]!),
    value: Float64Array.from(arrays["value"]!), cover: Float64Array.from(arrays["cover"]!), gain: Float64Array.from(arrays["gain"]!),
  };
  const lens = ENSEMBLE_ARRAYS.filter((k) => k !== "treeStart").map((k) => arrays[k]!.length);
  const badLen = lens.findIndex((n) => n !== lens[0]);
  if (badLen >= 0) throw new DataError({ file: label, column: `ensemble.${ENSEMBLE_ARRAYS[badLen + 1]}`, value: lens[badLen], expected: `${lens[0]} entries, as ensemble.feature` }, "wrong length");
  const issue = findEnsembleIssue(ensemble);
  if ("issue" in issue && issue.issue.field === "treeStart" && issue.issue.index === undefined) {
    const i = issue.issue;
    throw new DataError({ file: label, column: "ensemble.treeStart", value: arrays["treeStart"]!.length, expected: `nTrees + 1 = ${ensemble.nTrees + 1} offsets, the last = ${lens[0]} nodes` }, i.problem);
  }
  validateParsed(ensemble, label, (i) => `ensemble.${i.field}${i.index === undefined ? "" : `[${i.index}]`}`, issue);
  if (Math.fround(ensemble.baseScore) !== Math.fround(params.base_score)) {
    throw new DataError({ file: label, column: "ensemble.baseScore", value: ensemble.baseScore, expected: `params.base_score = ${params.base_score} (the trees were trained from it)` }, "base score differs from the parameters");
  }
  const names = r["featureNames"];
  if (!Array.isArray(names) || names.length !== ensemble.nFeatures || names.some((n) => typeof n !== "string")) {
    throw new DataError({ file: label, column: "featureNames", value: names, expected: `${ensemble.nFeatures} names (ensemble.nFeatures)` }, "bad feature names");
  }
  const seen = new Set<string>();
  (names as string[]).forEach((n, j) => {
    if (n === "" || seen.has(n)) throw new DataError({ file: label, column: `featureNames[${j}]`, value: n, expected: "a unique, non-empty name (as trainXGBoost requires)" }, n === "" ? "empty feature name" : "duplicate feature name");
    seen.add(n);
  });
  const bestIteration = r["bestIteration"];
  if (typeof bestIteration !== "number" || !Number.isInteger(bestIteration) || bestIteration < 0 || bestIteration >= Math.max(1, ensemble.nTrees)) {
    throw new DataError({ file: label, column: "bestIteration", value: bestIteration, expected: `an integer 0..${ensemble.nTrees - 1}` }, "bad best iteration");
  }
  const curve = (k: string): number[] => {
    const a = r[k];
    if (!Array.isArray(a) || a.some((v) => typeof v !== "number")) throw new DataError({ file: label, column: k, value: a, expected: "an array of numbers" }, "bad field");
    return a as number[];
  };
  return {
    ensemble, featureNames: names as string[], params, bestIteration, bestNTrees: bestIteration + 1,
    trainRmse: curve("trainRmse"), validationRmse: curve("validationRmse"),
  };
}
