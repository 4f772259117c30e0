/**
 * One reader for every model the kit saves (issue 14): the JSON of any `Model` carries a format
 * tag `"permafrost-kit/<engine>@<version>"`, and {@link modelFromJSON} reads the tag and calls
 * that engine's loader (Forest.fromJSON, ForestEnsemble.fromJSON, XGBoostRegressor.fromJSON).
 */
import { ArgumentError, DataError } from "../core/errors";
import { type Model } from "../core/model";
import { ForestEnsemble, type ForestEnsembleJSON } from "./forest/ensemble";
import { Forest, type ForestJSON } from "./forest/forest";
import { parseJsonText } from "./xgboost/json-text";
import { XGBoostRegressor } from "./xgboost/regressor";

/** The format tags {@link modelFromJSON} reads, with the class each one restores. */
export const MODEL_FORMATS: readonly string[] = ["permafrost-kit/forest@1", "permafrost-kit/ensemble@1", "permafrost-kit/xgboost@1", "permafrost-kit/xgboost-model"];

/**
 * Restore any saved {@link Model} from its JSON: the format tag picks the loader, which validates
 * the rest as that engine's `fromJSON` does.
 *
 * @param json - the saved object (or its JSON text)
 * @param source - the file it was read from, when it came from a file (problems are then DataErrors naming it)
 * @returns the model: a Forest, a ForestEnsemble or an XGBoostRegressor
 * @throws DataError (text or with `source`) or ArgumentError (in-memory object) for a value that is not a JSON object, an unknown format tag (the known ones listed), or what the engine's loader refuses
 * @example
 * const { x, y } = friedman1(100, 5, 1, "demo");
 * const forest = trainForest(x, y, { ntrees: 10, seed: 1 });
 * modelFromJSON(JSON.parse(JSON.stringify(forest))).predict(x)[0] === forest.predict(x)[0]; // true
 * modelFromJSON({ format: "permafrost-kit/svm@1" }); // throws ArgumentError
 */
export function modelFromJSON(json: unknown, source?: string): Model {
  const fn = "modelFromJSON";
  const d = typeof json === "string" ? parseJsonText(json, source ?? "model JSON") : json;
  const file = typeof json === "string" ? (source ?? "model JSON") : source;
  const tag = d !== null && typeof d === "object" && !Array.isArray(d) ? (d as Record<string, unknown>)["format"] : undefined;
  const expected = `one of ${MODEL_FORMATS.map((f) => JSON.stringify(f)).join(", ")}`;
  switch (tag) {
    case "permafrost-kit/forest@1":
      return Forest.fromJSON(d as ForestJSON, file);
    case "permafrost-kit/ensemble@1":
      return ForestEnsemble.fromJSON(d as ForestEnsembleJSON, file);
    case "permafrost-kit/xgboost@1":
    case "permafrost-kit/xgboost-model":
      return XGBoostRegressor.fromJSON(d, file);
    default:
      if (file !== undefined) throw new DataError({ file, column: "format", value: tag, expected }, "unknown model format");
      throw new ArgumentError({ fn, arg: "json.format", value: tag, expected }, "unknown model format");
  }
}
