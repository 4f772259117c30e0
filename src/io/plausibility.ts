/**
 * Plausibility of loaded values: every numeric column a loader reads has a range outside which a
 * value is **physically impossible** (the loader refuses the file with a {@link DataError} naming
 * the file, line, column, value and range) and a narrower range outside which it is **unusual but
 * possible** (the file loads, and the value is listed in the `warnings` the loader returns).
 * Categorical columns (vegetation class, soil class, region …) are checked against their known
 * vocabulary: a misspelt class would otherwise become a group of its own.
 *
 * Each loader keeps its table ({@link LoaderPlausibility}) beside its column definitions; the data
 * READMEs show the same tables, rendered by {@link plausibilityMarkdown} (a unit test keeps them equal).
 */
import { DataError, formatValue, KitError } from "../core/errors";

/** The plausible range of one numeric column. */
export interface PlausibleRange {
  /** Column name as in the file. */
  column: string;
  /** What the column is, in words, used in messages ("latitude", "ALT"). */
  label: string;
  /** Unit as stored in the file ("cm", "°C", "fraction", "m day⁻¹"). */
  unit: string;
  /** Outside [min, max] (inclusive) the value is physically impossible: the file is refused. */
  impossible: readonly [number, number];
  /** Outside [min, max] (inclusive) the value is unusual: it loads with a warning. */
  unusual: readonly [number, number];
  /** Why these bounds, in a sentence. */
  why: string;
}

/** The known values of one categorical column. */
export interface Vocabulary {
  /** Column name as in the file. */
  column: string;
  /** The valid values (compared exactly, after trimming). */
  values: readonly string[];
  /** Where the vocabulary comes from. */
  why: string;
}

/** The plausibility table of one loader. */
export interface LoaderPlausibility {
  /** The loader's public function. */
  loader: string;
  /** The file it reads (for the README heading). */
  file: string;
  /** Numeric columns. */
  ranges: readonly PlausibleRange[];
  /** Categorical columns. */
  vocabularies: readonly Vocabulary[];
}

/** A value that loaded but is unusual (outside the `unusual` range, or inconsistent with its row). */
export interface PlausibilityWarning {
  /** File (base name or label). */
  file: string;
  /** 1-based line. */
  line: number;
  /** Column. */
  column: string;
  /** The value as loaded. */
  value: number;
  /** The range it fell outside. */
  range: readonly [number, number];
  /** Why the value is unusual. */
  why: string;
}

/**
 * Find a column's range in a loader table.
 *
 * @param table - a loader's plausibility table
 * @param column - the column name
 * @returns the range
 * @throws KitError when the table has no such column (an internal error, a kit bug: every read column must be listed)
 * @example
 * rangeFor({ loader: "f", file: "a.csv", ranges: [{ column: "x", label: "x", unit: "m", impossible: [0, 9], unusual: [1, 8], why: "" }], vocabularies: [] }, "x").unit; // 'm'
 */
export function rangeFor(table: LoaderPlausibility, column: string): PlausibleRange {
  const r = table.ranges.find((x) => x.column === column);
  if (r === undefined) throw new KitError(`rangeFor: internal error: ${table.loader} has no plausibility range for column ${JSON.stringify(column)} of ${table.file} (a bug, please report)`);
  return r;
}

function fmt(x: number): string {
  return Object.is(x, -0) ? "0" : String(x);
}

function rangeText(r: readonly [number, number], unit: string): string {
  return `${fmt(r[0])} to ${fmt(r[1])} ${unit}`;
}

/**
 * Check one numeric column against its range. NaN (a missing value the loader allowed) is
 * skipped. The first physically impossible value stops the load; every unusual one is appended
 * to `warnings`.
 *
 * @param values - the column as loaded
 * @param range - its plausible range
 * @param file - file name for messages
 * @param lines - 1-based file line of each value
 * @param warnings - the list unusual values are appended to
 * @returns the number of warnings added
 * @throws DataError naming file, line, column, value and the possible range for an impossible value
 * @example
 * const w: PlausibilityWarning[] = [];
 * checkRange([5, 950], { column: "alt_cm", label: "ALT", unit: "cm", impossible: [0, 2000], unusual: [5, 800], why: "…" }, "s.csv", [2, 3], w); // 1
 */
export function checkRange(values: ArrayLike<number>, range: PlausibleRange, file: string, lines: ArrayLike<number>, warnings: PlausibilityWarning[]): number {
  const [lo, hi] = range.impossible;
  const [ulo, uhi] = range.unusual;
  let added = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    const line = lines[i] ?? 0;
    if (!(v >= lo && v <= hi)) {
      const how = v < lo ? (lo === 0 ? "is negative" : "is too low") : "is too high";
      throw new DataError(
        { file, line, column: range.column, value: v, expected: `${rangeText(range.impossible, range.unit)} (${range.why})` },
        `${range.label} ${formatValue(v)} ${range.unit} ${how}: physically impossible value`,
      );
    }
    if (v < ulo || v > uhi) {
      warnings.push({ file, line, column: range.column, value: v, range: range.unusual, why: range.why });
      added++;
    }
  }
  return added;
}

/** How {@link checkUniqueKey} reads the key of row i and names it in a message. */
export interface UniqueKeySpec {
  /** The column the message names (the last column of a composite key). */
  column: string;
  /** What each key is, for `expected` ("each trial once", "one row per site and year"). */
  expected: string;
  /** The key of row i, as compared (normalise here, e.g. lower case). */
  key: (i: number) => string;
  /** The key of row i in words, as printed ("trial 3", 'site "Barrow"'). */
  describe: (i: number) => string;
  /** The value reported as `got` (default: the key). */
  value?: (i: number) => unknown;
}

/**
 * Require one row per key (a trial, a site, a site-year): the second row with a key already
 * seen is refused, naming both lines. The one duplicate-key check of the loaders.
 *
 * @param file - file name for messages
 * @param lines - 1-based file line of each row (its length is the number of rows)
 * @param spec - how to read and name the key
 * @throws DataError `file line L, column C: <key> already given on line P: got …, expected …`
 * @example
 * checkUniqueKey("b.csv", [2, 3], { column: "trial", expected: "each trial once", key: (i) => String([1, 2][i]), describe: (i) => `trial ${[1, 2][i]}` }); // passes
 */
export function checkUniqueKey(file: string, lines: ArrayLike<number>, spec: UniqueKeySpec): void {
  const seen = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const k = spec.key(i);
    const line = lines[i]!;
    const prev = seen.get(k);
    if (prev !== undefined) {
      throw new DataError({ file, line, column: spec.column, value: spec.value === undefined ? k : spec.value(i), expected: spec.expected }, `${spec.describe(i)} already given on line ${prev}`);
    }
    seen.set(k, line);
  }
}

/**
 * Check a categorical column against its vocabulary.
 *
 * @param values - the column (trimmed strings)
 * @param vocab - the valid values
 * @param file - file name for messages
 * @param lines - 1-based file line of each value
 * @throws DataError naming file, line, column, the value and listing the valid values
 * @example
 * checkVocabulary(["Forest"], { column: "vegetation_class", values: ["Forest", "Tundra"], why: "" }, "p.csv", [2]); // passes
 */
export function checkVocabulary(values: readonly string[], vocab: Vocabulary, file: string, lines: ArrayLike<number>): void {
  const known = new Set(vocab.values);
  values.forEach((v, i) => {
    if (known.has(v)) return;
    const close = vocab.values.find((k) => k.toLowerCase() === v.toLowerCase());
    throw new DataError(
      { file, line: lines[i] ?? 0, column: vocab.column, value: v, expected: `one of ${vocab.values.map((k) => JSON.stringify(k)).join(", ")}` },
      `unknown ${vocab.column} value${close === undefined ? "" : ` (did you mean ${JSON.stringify(close)}? values are case-sensitive)`}`,
    );
  });
}

/**
 * One warning as a line of text: `table1.csv line 80, column ALT: 1000 outside the usual 5 to 800 (why)`.
 *
 * @param w - a warning
 * @returns the text
 * @example
 * formatPlausibilityWarning({ file: "a.csv", line: 3, column: "x", value: 9, range: [0, 5], why: "rare" }); // 'a.csv line 3, column x: 9 is outside the usual range 0 to 5 (rare)'
 */
export function formatPlausibilityWarning(w: PlausibilityWarning): string {
  return `${w.file} line ${w.line}, column ${w.column}: ${fmt(w.value)} is outside the usual range ${fmt(w.range[0])} to ${fmt(w.range[1])} (${w.why})`;
}

/**
 * A short report of a loader's warnings for a notebook: the count, then one line per warning.
 *
 * @param warnings - the `warnings` a loader returned
 * @returns the text ("no plausibility warnings" when the list is empty)
 * @example
 * plausibilityReport([]); // 'no plausibility warnings'
 */
export function plausibilityReport(warnings: readonly PlausibilityWarning[]): string {
  if (warnings.length === 0) return "no plausibility warnings";
  return [`${warnings.length} plausibility warning${warnings.length === 1 ? "" : "s"} (unusual but possible values; the data loaded):`, ...warnings.map((w) => `  ${formatPlausibilityWarning(w)}`)].join("\n");
}

function mdCell(s: string): string {
  return s.replace(/\|/g, "\\|");
}

/**
 * The plausibility table of a loader as Markdown (the data READMEs include it verbatim; a unit
 * test checks that they do).
 *
 * @param table - a loader's plausibility table
 * @returns the Markdown, ending with a newline
 * @example
 * plausibilityMarkdown({ loader: "f", file: "a.csv", ranges: [], vocabularies: [] }).startsWith("| column"); // true
 */
export function plausibilityMarkdown(table: LoaderPlausibility): string {
  const out = [
    "| column | unit | impossible outside (error) | unusual outside (warning) | why |",
    "|---|---|---|---|---|",
    ...table.ranges.map((r) => `| ${mdCell(r.column)} | ${mdCell(r.unit)} | ${fmt(r.impossible[0])} to ${fmt(r.impossible[1])} | ${fmt(r.unusual[0])} to ${fmt(r.unusual[1])} | ${mdCell(r.why)} |`),
  ];
  if (table.vocabularies.length > 0) {
    out.push("", "| column | valid values (anything else is an error) | source |", "|---|---|---|");
    for (const v of table.vocabularies) out.push(`| ${mdCell(v.column)} | ${v.values.map((x) => (x === "" ? "(blank)" : `\`${x}\``)).join(", ")} | ${mdCell(v.why)} |`);
  }
  return `${out.join("\n")}\n`;
}
