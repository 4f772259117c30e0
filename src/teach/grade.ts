/**
 * Grading a submitted student notebook (issue 18), in Otter Grader's manner: the grader's own test
 * cells (public and hidden, from the autograder bundle) replace the submission's test cells, the
 * notebook runs headless in grade mode, and each question scores its points times the share of its
 * tests that passed. Only the grader's verdicts count (`check.official`); a test that never ran (its
 * cell or an earlier one failed) fails with the reason.
 */
import * as fs from "node:fs";
import { DataError } from "../core/errors";
import { CELL_META, notebookCell, withCellIds, type AutograderBundle } from "./assign";
import type { NotebookCell, NotebookJson } from "./master";

/** One test's verdict in a graded run. */
export interface TestVerdict {
  key: string;
  hidden: boolean;
  passed: boolean;
  message: string;
}

/** One question's score. */
export interface QuestionScore {
  name: string;
  points: number;
  score: number;
  tests: TestVerdict[];
}

/** A cell that failed in a run (from environment/run_exercise.py). */
export interface CellFailure {
  /** 1-based cell of the graded notebook. */
  cell: number;
  ename: string;
  evalue: string;
}

/** A graded submission. */
export interface SubmissionScore {
  student: string;
  exercise: string;
  questions: QuestionScore[];
  total: number;
  possible: number;
  failures: CellFailure[];
}

const CHECK_CALL = /\bcheck\s*\(/g;

/**
 * Round to hundredths (scores in the CSV).
 *
 * @param x - a score
 * @returns it rounded
 */
function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * The notebook the grader runs: the submission with each question's test cells replaced by the
 * bundle's (their `check(` calls made official), questions whose test cells were deleted get theirs
 * at the end, outputs cleared.
 *
 * @param submission - the student's notebook
 * @param bundle - the exercise's autograder bundle
 * @returns the notebook to run
 * @example
 * const bundle = { exercise: "ex", questions: [{ name: "q1", points: 1, tests: ["q1"], hidden: [], cells: ['check("q1", x);'] }] };
 * const sub = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
 *   { cell_type: "code", metadata: {}, source: "const x = 2;" },
 *   { cell_type: "code", metadata: { permafrost: { tests: "q1" } }, source: 'check("q1", 3);' }] };
 * gradingNotebook(sub, bundle).cells.map((c) => c.source); // ["const x = 2;", 'check.official("q1", x);']
 */
export function gradingNotebook(submission: NotebookJson, bundle: AutograderBundle): NotebookJson {
  const placed = new Set<string>();
  const cellsOf = (q: string): NotebookCell[] => bundle.questions.find((b) => b.name === q)!.cells.map((src) =>
    notebookCell({ cell_type: "code", metadata: {}, source: "" }, src.replace(CHECK_CALL, "check.official("), { [CELL_META]: { tests: q, grader: true } }));
  const cells: NotebookCell[] = [];
  for (const cell of submission.cells) {
    const tag = (cell.metadata?.[CELL_META] as { tests?: unknown } | undefined)?.tests;
    if (typeof tag === "string" && bundle.questions.some((q) => q.name === tag)) {
      if (!placed.has(tag)) cells.push(...cellsOf(tag));
      placed.add(tag);
      continue;
    }
    cells.push(notebookCell(cell, Array.isArray(cell.source) ? cell.source.join("") : cell.source));
  }
  for (const q of bundle.questions) if (!placed.has(q.name)) cells.push(...cellsOf(q.name));
  return withCellIds({ ...submission, cells }, `${bundle.exercise}-graded`);
}

/**
 * Read a grade-mode results file (JSON lines), keeping the last official verdict of each test.
 *
 * @param file - the results file (missing: no test ran)
 * @returns verdicts by test id
 * @example
 * fs.writeFileSync("r.jsonl", '{"key":"q1","passed":false,"message":"x","official":true}\n{"key":"q1","passed":true,"message":"","official":false}\n');
 * readVerdicts("r.jsonl").get("q1").passed; // false
 */
export function readVerdicts(file: string): Map<string, { passed: boolean; message: string }> {
  const out = new Map<string, { passed: boolean; message: string }>();
  if (!fs.existsSync(file)) return out;
  fs.readFileSync(file, "utf8").split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let r: { key?: unknown; passed?: unknown; message?: unknown; official?: unknown };
    try {
      r = JSON.parse(line) as typeof r;
    } catch {
      throw new DataError({ file, line: i + 1, value: line.slice(0, 80), expected: "one JSON verdict per line" }, "unreadable verdict");
    }
    if (r.official !== true || typeof r.key !== "string") return;
    out.set(r.key, { passed: r.passed === true, message: typeof r.message === "string" ? r.message : "" });
  });
  return out;
}

/**
 * Score a graded run: each question's points times the share of its tests that passed; a test
 * without a verdict failed ("did not run", with the first failing cell when there was one).
 *
 * @param student - the student's name
 * @param bundle - the exercise's autograder bundle
 * @param verdicts - from {@link readVerdicts}
 * @param failures - the run's failed cells
 * @param testCells - the 1-based cells of each question's tests in the graded notebook (to say that a
 *   test's own cell failed rather than an earlier one)
 * @returns the score
 * @example
 * const bundle = { exercise: "ex", questions: [{ name: "q1", points: 2, tests: ["q1", "q1/h"], hidden: ["q1/h"], cells: [] }] };
 * scoreSubmission("ann", bundle, new Map([["q1", { passed: true, message: "" }]]), []).total; // 1
 */
export function scoreSubmission(student: string, bundle: AutograderBundle, verdicts: Map<string, { passed: boolean; message: string }>, failures: readonly CellFailure[],
  testCells: Readonly<Record<string, readonly number[]>> = {}): SubmissionScore {
  const questions = bundle.questions.map((q): QuestionScore => {
    const own = failures.find((f) => (testCells[q.name] ?? []).includes(f.cell));
    // the failure closest before the question's first test cell is the likeliest cause
    const earlier = failures.filter((f) => f.cell < Math.min(...(testCells[q.name] ?? [Infinity]))).pop();
    const tests = q.tests.map((key): TestVerdict => {
      const v = verdicts.get(key);
      const hidden = q.hidden.includes(key);
      if (v !== undefined) return { key, hidden, ...v };
      const f = own ?? earlier ?? failures[0];
      const why = f === undefined ? "the test did not run"
        : `the test did not run: ${f === own ? "its test cell" : "an earlier cell"} (cell ${f.cell}) failed: ${f.evalue.slice(0, 160)}${f === own && earlier !== undefined ? ` (cell ${earlier.cell} failed before it: ${earlier.evalue.slice(0, 100)})` : ""}`;
      return { key, hidden, passed: false, message: why };
    });
    const passed = tests.filter((t) => t.passed).length;
    return { name: q.name, points: q.points, score: q.points * passed / tests.length, tests };
  });
  // rounded for the record only after summing (three thirds make one, not 0.99)
  const total = round2(questions.reduce((a, q) => a + q.score, 0));
  for (const q of questions) q.score = round2(q.score);
  return { student, exercise: bundle.exercise, questions, total, possible: round2(questions.reduce((a, q) => a + q.points, 0)), failures: [...failures] };
}

/**
 * The grades of one exercise as CSV: a row per student, a column per question, total and possible.
 *
 * @param scores - the exercise's graded submissions
 * @returns the CSV text
 * @example
 * const bundle = { exercise: "ex", questions: [{ name: "q1", points: 2, tests: ["q1"], hidden: [], cells: [] }] };
 * gradesCsv([scoreSubmission("ann", bundle, new Map([["q1", { passed: true, message: "" }]]), [])]); // "student,q1,total,possible\nann,2,2,2\n"
 */
export function gradesCsv(scores: readonly SubmissionScore[]): string {
  if (scores.length === 0) return "";
  const names = scores[0]!.questions.map((q) => q.name);
  const quote = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const rows = [...scores].sort((a, b) => a.student.localeCompare(b.student)).map((s) => [quote(s.student), ...s.questions.map((q) => String(q.score)), String(s.total), String(s.possible)].join(","));
  return `${["student", ...names, "total", "possible"].join(",")}\n${rows.join("\n")}\n`;
}

/**
 * A student's feedback: each question's score, each public test's message and hint, each hidden test
 * only as passed or not, and the cells that failed.
 *
 * @param s - the graded submission
 * @returns Markdown
 * @example
 * const bundle = { exercise: "ex", questions: [{ name: "q1", points: 1, tests: ["q1"], hidden: [], cells: [] }] };
 * feedbackMarkdown(scoreSubmission("ann", bundle, new Map(), [])).split("\n")[0]; // "# ex: feedback for ann"
 */
export function feedbackMarkdown(s: SubmissionScore): string {
  const lines = [`# ${s.exercise}: feedback for ${s.student}`, "", `**Score: ${s.total} of ${s.possible}**`, ""];
  for (const q of s.questions) {
    lines.push(`## ${q.name}: ${q.score} of ${q.points}`);
    for (const t of q.tests) {
      if (t.hidden) lines.push(`- hidden test ${t.key}: ${t.passed ? "passed" : t.message.startsWith("the test did not run") ? "did not run" : "failed"}`);
      else lines.push(`- ${t.key}: ${t.passed ? "passed" : `not yet: ${t.message}`}`);
    }
    lines.push("");
  }
  if (s.failures.length > 0) {
    lines.push("## Cells that failed", "");
    for (const f of s.failures) lines.push(`- cell ${f.cell}: ${f.ename}: ${f.evalue.slice(0, 300)}`);
    lines.push("");
  }
  return lines.join("\n");
}
