/**
 * The error every loader throws for bad input. It names the file, and where known the
 * 1-based line and the column, so a user can open the file at the right place.
 */

/** Where in a file a problem was found. */
export interface DataLocation {
  /** The file name or a label for in-memory text. */
  file: string;
  /** 1-based line number in the file, when known. */
  line?: number;
  /** Column name, when known. */
  column?: string;
}

/** Bad input data: a malformed file, a non-numeric cell, a duplicate key, an empty group. */
export class DataError extends Error {
  /** The file (or label) the problem is in. */
  readonly file: string;
  /** 1-based line number, when known. */
  readonly line: number | undefined;
  /** Column name, when known. */
  readonly column: string | undefined;

  /**
   * @param where - file, line and column of the problem
   * @param problem - what is wrong, in words
   */
  constructor(where: DataLocation, problem: string) {
    super(`${formatLocation(where)}: ${problem}`);
    this.name = "DataError";
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
  }
}

/**
 * "table1.csv line 12, column MAGST" style text for a location.
 *
 * @param where - the location to format
 */
export function formatLocation(where: DataLocation): string {
  let s = where.file;
  if (where.line !== undefined) s += ` line ${where.line}`;
  if (where.column !== undefined) s += `, column ${where.column}`;
  return s;
}
