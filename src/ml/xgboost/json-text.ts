/**
 * JSON text to a value, with a {@link DataError} naming the file (or label) when the text is not
 * JSON: the first step of reading xgboost's JSON model (./parse-json.ts) and the kit's own saved
 * model (./serialise.ts).
 */
import { DataError } from "../../core/errors";

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
