/**
 * Loader of the BCG vaccine trials (data/bcg/bcg.csv, metafor's `dat.bcg`; teaching data of the
 * meta-analysis tutorial). The tutorial reads it with {@link loadBcg}, which checks every value
 * against {@link BCG_PLAUSIBILITY} (counts are whole and non-negative, at least one non-case per
 * arm) and lists unusual values in `warnings`.
 */
import { DataError } from "../core/errors";
import { dataPath } from "../project/paths";
import { expectColumns, numberColumn, readCsv, requireRows, stringColumn } from "./csv";
import { checkRange, checkUniqueKey, checkVocabulary, type LoaderPlausibility, type PlausibilityWarning, rangeFor } from "./plausibility";

/** The columns of bcg.csv, in order. */
export const BCG_COLUMNS = ["trial", "author", "year", "tpos", "tneg", "cpos", "cneg", "ablat", "alloc"] as const;

/** Plausible ranges and vocabularies of bcg.csv (shown in data/bcg/README.md). */
export const BCG_PLAUSIBILITY: LoaderPlausibility = {
  loader: "loadBcg",
  file: "bcg.csv",
  ranges: [
    { column: "trial", label: "trial number", unit: "-", impossible: [1, 1000], unusual: [1, 13], why: "metafor's dat.bcg numbers its 13 trials from 1" },
    { column: "year", label: "publication year", unit: "yr", impossible: [1921, 2100], unusual: [1930, 1990], why: "BCG was first given to people in 1921; the 13 trials were published 1948–1980" },
    { column: "tpos", label: "vaccinated TB cases", unit: "persons", impossible: [0, 10000000], unusual: [0, 1000000], why: "a count of people: whole and non-negative" },
    { column: "tneg", label: "vaccinated non-cases", unit: "persons", impossible: [1, 10000000], unusual: [1, 1000000], why: "a count of people; an arm without non-cases has no log risk ratio" },
    { column: "cpos", label: "control TB cases", unit: "persons", impossible: [0, 10000000], unusual: [0, 1000000], why: "a count of people: whole and non-negative" },
    { column: "cneg", label: "control non-cases", unit: "persons", impossible: [1, 10000000], unusual: [1, 1000000], why: "a count of people; an arm without non-cases has no log risk ratio" },
    { column: "ablat", label: "absolute latitude", unit: "°", impossible: [0, 90], unusual: [0, 66], why: "an absolute latitude; trials beyond the polar circle are rare" },
  ],
  vocabularies: [{ column: "alloc", values: ["random", "alternate", "systematic"], why: "metafor's dat.bcg allocation methods" }],
};

/** The BCG trials as typed columns (row i of every array is trial i). */
export interface BcgTrials {
  /** Source file name. */
  file: string;
  /** Trial number. */
  trial: Int32Array;
  /** First author(s). */
  author: string[];
  /** Publication year. */
  year: Int32Array;
  /** Vaccinated TB cases. */
  tpos: Float64Array;
  /** Vaccinated non-cases. */
  tneg: Float64Array;
  /** Control TB cases. */
  cpos: Float64Array;
  /** Control non-cases. */
  cneg: Float64Array;
  /** Absolute latitude of the trial, degrees. */
  ablat: Float64Array;
  /** Allocation method. */
  alloc: string[];
  /** Unusual but possible values (see {@link BCG_PLAUSIBILITY}). */
  warnings: PlausibilityWarning[];
}

/**
 * Read and validate bcg.csv.
 *
 * @param filePath - defaults to the shipped data/bcg/bcg.csv
 * @returns the trials, with unusual values listed in `warnings`
 * @throws DataError naming file, line, column and value for a wrong column set, a header-only
 *   file, a non-numeric, fractional or impossible count, an unknown allocation or a repeated trial
 * @example
 * const b = loadBcg();
 * logRiskRatio(b.tpos, b.tneg, b.cpos, b.cneg).yi.length; // 13
 */
export function loadBcg(filePath: string = dataPath("bcg", "bcg.csv")): BcgTrials {
  const csv = readCsv(filePath);
  expectColumns(csv, BCG_COLUMNS);
  requireRows(csv);
  const warnings: PlausibilityWarning[] = [];
  const num = (c: string): Float64Array => {
    const x = numberColumn(csv, c);
    checkRange(x, rangeFor(BCG_PLAUSIBILITY, c), csv.file, csv.lines, warnings);
    if (c !== "ablat") {
      x.forEach((v, i) => {
        if (!Number.isInteger(v)) throw new DataError({ file: csv.file, line: csv.lines[i], column: c, value: v, expected: "a whole number" }, "not a whole number");
      });
    }
    return x;
  };
  const trial = num("trial");
  checkUniqueKey(csv.file, csv.lines, { column: "trial", expected: "each trial once", key: (i) => String(trial[i]), describe: (i) => `trial ${trial[i]}`, value: (i) => trial[i] });
  const year = num("year");
  const out = { tpos: num("tpos"), tneg: num("tneg"), cpos: num("cpos"), cneg: num("cneg"), ablat: num("ablat") };
  const alloc = stringColumn(csv, "alloc");
  checkVocabulary(alloc, BCG_PLAUSIBILITY.vocabularies[0]!, csv.file, csv.lines);
  return { file: csv.file, trial: Int32Array.from(trial), author: stringColumn(csv, "author"), year: Int32Array.from(year), ...out, alloc, warnings };
}
