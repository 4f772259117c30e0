/**
 * The public entries for reading a trained xgboost model into a {@link TreeEnsemble}: from
 * xgboost's JSON format ({@link parseXGBoostJson}) or from either format, told apart by the type
 * of the input ({@link parseXGBoostModel}: bytes are the legacy binary format, text or an object
 * is JSON). The formats themselves are read by ./parse-binary.ts and ./parse-json.ts.
 */
import { ArgumentError } from "../../core/errors";
import type { TreeEnsemble } from "./model";
import { parseLegacyBinary } from "./parse-binary";
import { parseJsonModel } from "./parse-json";

/**
 * Parse xgboost's JSON model (`Booster.save_model("m.json")`, xgboost 1.x/2.x) and validate it
 * (the structural checks listed in ./model.ts).
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
