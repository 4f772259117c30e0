/**
 * How many rpart tree texts go into one file (and so one Earth Engine table asset), against Earth
 * Engine's documented size limit (issue 20, part 3).
 *
 * The limit that bounds a part is the request payload. A part reaches Earth Engine in one request:
 * either as inline strings (`decisionTreeEnsemble([ee.String(…), …])`, geemap's
 * `strings_to_classifier`) or as the features of a table asset made by one
 * `Export.table.toAsset` call (geemap's `export_trees_to_fc`), whose request carries every
 * string. Earth Engine refuses a request larger than 10,485,760 bytes ("Request payload size
 * exceeds the limit: 10485760 bytes", quoted from the service in gee-community/geemap issues #1092
 * and #1093, 2022; earlier 4,194,304 bytes, geemap #93, r-spatial/rgee #66). A part is therefore
 * at most {@link EE_DEFAULT_PART_BYTES} = 4 MiB of tree text by default: the old limit, and less
 * than half of today's, which leaves room for the JSON around each string (a feature with a null
 * geometry and two properties, about 100 bytes per tree). Once the parts are table assets, a
 * script refers to them by asset id and the request stays small however many trees there are.
 *
 * A part file holds one tree per line with each newline written as `#`, the layout of geemap's
 * `trees_to_csv` (read back by its `csv_to_classifier`, which turns `#` into newlines again).
 */
import { ArgumentError } from "../../core/errors";
import { checkInteger, isList } from "../../core/checks";

/**
 * Earth Engine's request payload limit, bytes (see the module notes for the source).
 *
 * @example
 * EE_REQUEST_PAYLOAD_LIMIT_BYTES / 2 ** 20; // 10 (MiB)
 */
export const EE_REQUEST_PAYLOAD_LIMIT_BYTES = 10_485_760;

/**
 * Default largest part, bytes of encoded tree text: 4 MiB (see the module notes).
 *
 * @example
 * EE_DEFAULT_PART_BYTES / 2 ** 20; // 4 (MiB)
 */
export const EE_DEFAULT_PART_BYTES = 4_194_304;

/**
 * Smallest part size {@link planTreeParts} accepts, bytes.
 *
 * @example
 * EE_MIN_PART_BYTES; // 1024
 */
export const EE_MIN_PART_BYTES = 1024;

/** One part: trees `from … to − 1` and their encoded size. */
export interface TreePart {
  /** First tree (index into the texts). */
  from: number;
  /** One past the last tree. */
  to: number;
  /** Bytes of the part file: every encoded tree line with its newline. */
  bytes: number;
}

/**
 * A tree's text as one line of a part file: each newline becomes `#` (geemap's `trees_to_csv`
 * encoding; the rpart text itself never contains `#`).
 *
 * @param text - one tree's rpart text
 * @returns the text with `#` for every newline, without a trailing `#`
 * @throws ArgumentError when `text` is not a string or already contains `#`
 * @example
 * encodeTreeLine("1) root 5 0 2.5\n 2) a <= 1 3 0 1 *\n 3) a > 1 2 0 4.75 *\n"); // '1) root 5 0 2.5# 2) a <= 1 3 0 1 *# 3) a > 1 2 0 4.75 *'
 */
export function encodeTreeLine(text: string): string {
  if (typeof text !== "string" || text.includes("#")) throw new ArgumentError({ fn: "encodeTreeLine", arg: "text", value: text, expected: "rpart text without '#'" }, "cannot encode");
  return text.replace(/\n$/, "").replace(/\n/g, "#");
}

/**
 * Split trees, in order, into consecutive parts of at most `maxBytes` bytes each (the bytes of
 * their encoded lines, {@link encodeTreeLine}, with a newline after each), filling each part
 * before starting the next.
 *
 * @param texts - rpart text of every tree
 * @param maxBytes - largest part, bytes ({@link EE_MIN_PART_BYTES} … {@link EE_REQUEST_PAYLOAD_LIMIT_BYTES}; default {@link EE_DEFAULT_PART_BYTES})
 * @returns the parts in tree order (none for no trees)
 * @throws ArgumentError for texts that are not a list of strings, a bad `maxBytes`, or a single tree larger than `maxBytes` (named with its size: a tree cannot be split across parts)
 * @example
 * const line = "1) root 5 0 2.5\n"; // sixteen bytes a tree once encoded
 * planTreeParts([line, line, line], 1024); // [{ from: 0, to: 3, bytes: 48 }]
 * planTreeParts(Array(100).fill(line), 1024).length; // 2
 * planTreeParts([line], 100); // throws ArgumentError
 */
export function planTreeParts(texts: readonly string[], maxBytes: number = EE_DEFAULT_PART_BYTES): TreePart[] {
  const fn = "planTreeParts";
  if (!isList(texts)) throw new ArgumentError({ fn, arg: "texts", value: texts, expected: "a list of rpart tree texts" }, "not a list");
  checkInteger(fn, "maxBytes", maxBytes, { min: EE_MIN_PART_BYTES, max: EE_REQUEST_PAYLOAD_LIMIT_BYTES });
  const parts: TreePart[] = [];
  let cur: TreePart | null = null;
  texts.forEach((text, q) => {
    if (typeof text !== "string") throw new ArgumentError({ fn, arg: "texts", at: q, value: text, expected: "a string" }, "not text");
    const bytes = Buffer.byteLength(encodeTreeLine(text), "utf8") + 1;
    if (bytes > maxBytes) throw new ArgumentError({ fn, arg: "texts", at: q, value: `${bytes} bytes`, expected: `at most maxBytes = ${maxBytes} bytes per tree (a tree cannot be split; raise maxBytes up to ${EE_REQUEST_PAYLOAD_LIMIT_BYTES}, or grow shallower trees)` }, "tree too large for one part");
    if (cur === null || cur.bytes + bytes > maxBytes) {
      cur = { from: q, to: q, bytes: 0 };
      parts.push(cur);
    }
    cur.to = q + 1;
    cur.bytes += bytes;
  });
  return parts;
}
