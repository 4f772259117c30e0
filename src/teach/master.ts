/**
 * An exercise master notebook, read (issue 18): questions delimited by raw cells in Otter Assign's v1
 * notebook format (`# BEGIN QUESTION` with `name:` and `points:`, `# BEGIN SOLUTION` / `# END
 * SOLUTION`, `# BEGIN TESTS` / `# END TESTS`, `# END QUESTION`), test cells with `check("<id>", …)`
 * calls (string-literal ids; a first line `// HIDDEN` marks a hidden test). The authoring guide is
 * notebooks/exercises/README.md. Every mistake in a master is a DataError naming the file and the
 * 1-based cell.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError } from "../core/errors";
import { questionOf } from "./exercise";

/** A notebook cell as stored in .ipynb JSON (nbformat 4). */
export interface NotebookCell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata: Record<string, unknown>;
  outputs?: unknown[];
  execution_count?: number | null;
  id?: string;
  attachments?: unknown;
}

/** A notebook as stored in .ipynb JSON (nbformat 4). */
export interface NotebookJson {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** What a master's cell is. */
export type CellRole = "plain" | "marker" | "prompt" | "solution" | "test" | "hidden-test";

/** One question of a master. */
export interface MasterQuestion {
  /** Its id (`name:`), e.g. "q1". */
  name: string;
  /** Its points (`points:`, default 1). */
  points: number;
  /** The test ids of its public test cells, in order. */
  publicTests: string[];
  /** The test ids of its hidden test cells, in order. */
  hiddenTests: string[];
  /** Indexes (0-based) of its test cells (public and hidden), in order. */
  testCells: number[];
}

/** A master, read and checked. */
export interface Master {
  /** The exercise's name (the file's stem). */
  name: string;
  /** The file read. */
  file: string;
  /** The notebook. */
  notebook: NotebookJson;
  /** Role of each cell, by index. */
  roles: CellRole[];
  /** Question of each cell, by index (null outside questions). */
  questionOfCell: (string | null)[];
  /** The questions, in order. */
  questions: MasterQuestion[];
}

/**
 * A cell's source as one string.
 *
 * @param cell - the cell
 * @returns its text
 * @example
 * cellSource({ cell_type: "code", source: ["a\n", "b"], metadata: {} }); // "a\nb"
 */
export function cellSource(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** The ids of the `check("<id>", …)` calls in a test cell's code (string literals only). */
const CHECK_CALL = /\bcheck\s*\(\s*(["'`])([^"'`]+)\1/g;
const CHECK_ANY = /\bcheck\s*\(/g;

/**
 * The check ids of a test cell.
 *
 * @param code - the cell's source (`//` comments are ignored)
 * @returns the ids, in order; null when a `check(` call has no string-literal id
 * @example
 * checkIds('check("q1", so, { tol: 0.1 });\ncheck("q1/cases", f, { cases: [[1]] });'); // ["q1", "q1/cases"]
 */
export function checkIds(code: string): string[] | null {
  const live = stripComments(code);
  const ids = Array.from(live.matchAll(CHECK_CALL), (m) => m[2]!);
  const calls = (live.match(CHECK_ANY) ?? []).length;
  return calls === ids.length ? ids : null;
}

/**
 * Parse the YAML-like `key: value` lines of a `# BEGIN QUESTION` cell.
 *
 * @param text - the raw cell's text
 * @param file - the master, for errors
 * @param cell - the 1-based cell, for errors
 * @returns the question's name and points
 */
function questionConfig(text: string, file: string, cell: number): { name: string; points: number } {
  const conf: Record<string, string> = {};
  for (const line of text.split("\n").slice(1)) {
    if (line.trim() === "") continue;
    const m = /^\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$/.exec(line);
    if (m === null) throw new DataError({ file, line: cell, column: "question config", value: line, expected: "key: value lines (name, points)" }, "unreadable question config");
    conf[m[1]!] = m[2]!.replace(/^(["'])(.*)\1$/, "$2");
  }
  const unknown = Object.keys(conf).filter((k) => k !== "name" && k !== "points" && k !== "manual");
  if (unknown.length > 0) throw new DataError({ file, line: cell, column: "question config", value: unknown.join(", "), expected: "name, points" }, "unknown question config key");
  const name = conf["name"];
  if (name === undefined || !/^[A-Za-z][\w-]*$/.test(name)) throw new DataError({ file, line: cell, column: "name", value: name, expected: "a question id such as q1 (letters, digits, - and _)" }, "bad question name");
  if (conf["manual"] !== undefined && conf["manual"] !== "false") throw new DataError({ file, line: cell, column: "manual", value: conf["manual"], expected: "false (manually graded questions are not supported)" }, "unsupported");
  const points = conf["points"] === undefined ? 1 : Number(conf["points"]);
  if (!Number.isFinite(points) || points <= 0) throw new DataError({ file, line: cell, column: "points", value: conf["points"], expected: "a positive number" }, "bad points");
  return { name, points };
}

const SOLUTION_MARKER = /\/\/\s*(SOLUTION\s*$|BEGIN SOLUTION|END SOLUTION)/im;

/**
 * A test cell's code without its `//` line comments (a commented-out check is not a test).
 *
 * @param code - the source
 * @returns the source with every `//` comment to the end of its line removed (outside strings)
 */
function stripComments(code: string): string {
  return code.split("\n").map((line) => {
    let quote = "";
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quote !== "") {
        if (c === "\\") i++;
        else if (c === quote) quote = "";
      } else if (c === '"' || c === "'" || c === "`") quote = c;
      else if (c === "/" && line[i + 1] === "/") return line.slice(0, i);
    }
    return line;
  }).join("\n");
}

/**
 * Read and check a master notebook.
 *
 * @param file - the .ipynb file; its stem is the exercise's name
 * @param text - the file's content (default: read from `file`)
 * @returns the master
 * @throws DataError naming the file and the 1-based cell for malformed JSON, an unknown or misplaced
 *   marker, a question without tests, a test cell without string-literal check ids, an id used twice
 *   or outside its question, a solution cell without markers, or a first cell that does not start the
 *   exercise by its name
 * @example
 * const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
 *   { cell_type: "code", metadata: {}, source: 'const { check, todo } = kit.exercise("ex");' },
 *   { cell_type: "raw", metadata: {}, source: "# BEGIN QUESTION\nname: q1\npoints: 2" },
 *   { cell_type: "raw", metadata: {}, source: "# BEGIN SOLUTION" },
 *   { cell_type: "code", metadata: {}, source: "const x: number = 1 + 1; // SOLUTION" },
 *   { cell_type: "raw", metadata: {}, source: "# END SOLUTION" },
 *   { cell_type: "raw", metadata: {}, source: "# BEGIN TESTS" },
 *   { cell_type: "code", metadata: {}, source: 'check("q1", x, { hint: "add" });' },
 *   { cell_type: "raw", metadata: {}, source: "# END TESTS" },
 *   { cell_type: "raw", metadata: {}, source: "# END QUESTION" }] };
 * const m = readMaster("ex.ipynb", JSON.stringify(nb));
 * [m.name, m.questions[0].points, m.questions[0].publicTests]; // ["ex", 2, ["q1"]]
 */
export function readMaster(file: string, text?: string): Master {
  const name = path.basename(file).replace(/\.ipynb$/, "");
  let notebook: NotebookJson;
  try {
    notebook = JSON.parse(text ?? fs.readFileSync(file, "utf8")) as NotebookJson;
  } catch (e) {
    throw new DataError({ file, expected: "a notebook (.ipynb JSON)" }, `unreadable: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!Array.isArray(notebook.cells)) throw new DataError({ file, key: "cells", expected: "a list of cells" }, "not a notebook");
  const roles: CellRole[] = [];
  const questionOfCell: (string | null)[] = [];
  const questions: MasterQuestion[] = [];
  const seen = new Set<string>();
  let q: MasterQuestion | null = null;
  let section: "prompt" | "solution" | "tests" | null = null;
  let started = false;
  notebook.cells.forEach((cell, i) => {
    const at = i + 1;
    const src = cellSource(cell);
    const bad = (problem: string, value: unknown, expected: string): never => {
      throw new DataError({ file, line: at, column: `cell ${at} (${cell.cell_type})`, value, expected }, problem);
    };
    if (cell.cell_type === "code" && !started) {
      if (!new RegExp(`exercise\\(\\s*["'\`]${name.replace(/[.]/g, "\\.")}["'\`]`).test(src)) bad("the first code cell does not start the exercise", src.slice(0, 80), `kit.exercise("${name}") (the file's stem)`);
      started = true;
    }
    if (cell.cell_type === "raw") {
      const head = src.trim().split("\n")[0]!.trim().replace(/\s+/g, " ").toUpperCase();
      roles.push("marker");
      questionOfCell.push(q?.name ?? null);
      if (head === "# BEGIN QUESTION") {
        if (q !== null) bad("a question begins inside another", head, `# END QUESTION for ${q.name} first`);
        const conf = questionConfig(src.trim(), file, at);
        if (questions.some((o) => o.name === conf.name)) bad("a question id used twice", conf.name, "unique question names");
        q = { ...conf, publicTests: [], hiddenTests: [], testCells: [] };
        questions.push(q);
        section = "prompt";
      } else if (head === "# BEGIN SOLUTION" || head === "# BEGIN TESTS") {
        if (q === null || section !== "prompt") bad("a marker outside a question's prompt part", head, "# BEGIN SOLUTION / # BEGIN TESTS inside a question, not nested");
        section = head === "# BEGIN SOLUTION" ? "solution" : "tests";
      } else if (head === "# END SOLUTION" || head === "# END TESTS") {
        if (section !== (head === "# END SOLUTION" ? "solution" : "tests")) bad("an END marker without its BEGIN", head, "a matching # BEGIN … before it");
        section = "prompt";
      } else if (head === "# END QUESTION") {
        if (q === null || section !== "prompt") bad("# END QUESTION outside a question or inside a solution/tests part", head, "# END SOLUTION / # END TESTS first");
        if (q!.publicTests.length === 0) bad(`question ${q!.name} has no public test`, q!.name, "at least one test cell with check(…) that is not // HIDDEN");
        q = null;
        section = null;
      } else if (/^#\s*(BEGIN|END)\b/.test(head) || /^#\s*ASSIGNMENT CONFIG/.test(head)) {
        bad("an unknown marker", head, "# BEGIN/END QUESTION, SOLUTION, TESTS");
      } else {
        roles[roles.length - 1] = "plain";
      }
      return;
    }
    questionOfCell.push(q?.name ?? null);
    if (section === "solution") {
      if (cell.cell_type !== "code") bad("a markdown or raw cell inside a solution", src.slice(0, 80), "only code cells between # BEGIN SOLUTION and # END SOLUTION (put the prompt before them; a written answer would reach the student)");
      if (!SOLUTION_MARKER.test(src)) bad("a solution cell without a solution marker", src.slice(0, 80), "// SOLUTION at the end of a line, or a // BEGIN SOLUTION … // END SOLUTION block");
      roles.push("solution");
      return;
    }
    if (section === "tests") {
      if (cell.cell_type !== "code") bad("a non-code cell among the tests", cell.cell_type, "code cells with check(…) calls");
      const hidden = /^\s*\/\/\s*HIDDEN\b/.test(src);
      const ids = checkIds(src);
      if (ids === null || ids.length === 0) bad("a test cell without check(\"<id>\", …) calls with string-literal ids", src.slice(0, 80), 'check("q1", answer, { … })');
      for (const id of ids!) {
        if (questionOf(id) !== q!.name) bad("a check id of another question", id, `${q!.name} or ${q!.name}/<name>`);
        if (seen.has(id)) bad("a check id used twice", id, "unique ids");
        seen.add(id);
        (hidden ? q!.hiddenTests : q!.publicTests).push(id);
      }
      q!.testCells.push(i);
      roles.push(hidden ? "hidden-test" : "test");
      return;
    }
    if (cell.cell_type === "code" && SOLUTION_MARKER.test(src)) bad("a solution marker outside # BEGIN SOLUTION … # END SOLUTION", src.slice(0, 80), "solution cells inside a question's solution part (the cell would reach the student unchanged)");
    if (cell.cell_type === "code" && /\bcheck\s*\(/.test(stripComments(src)) && q === null) bad("a check(…) call outside a question's tests", src.slice(0, 80), "checks inside # BEGIN TESTS … # END TESTS");
    roles.push(q === null ? "plain" : "prompt");
  });
  if (q !== null) throw new DataError({ file, value: (q as MasterQuestion).name, expected: "# END QUESTION" }, "the last question is not closed");
  if (!started) throw new DataError({ file, expected: `a first code cell with kit.exercise("${name}")` }, "no code cell");
  if (questions.length === 0) throw new DataError({ file, expected: "at least one # BEGIN QUESTION" }, "no questions");
  return { name, file, notebook, roles, questionOfCell, questions };
}
