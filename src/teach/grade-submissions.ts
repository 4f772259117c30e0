/**
 * `npm run grade -- <submissions…>` (issue 18): each submitted student notebook runs headless in
 * grade mode with the grader's public and hidden tests (gradingNotebook), a broken cell costing only
 * the tests it stops; the scores go to build/grades/<exercise>.csv (student × question), the details to
 * <exercise>.json, and each student's feedback to feedback/<student>/<exercise>.md. A submission that
 * cannot be read, or names no known exercise, is listed with the reason and scores nothing; it does
 * not stop the others.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError } from "../core/errors";
import { writeFileAtomic } from "../project/atomic";
import { buildDir } from "../project/paths";
import { CELL_META, type AutograderBundle } from "./assign";
import { EXERCISE_MODE_ENV, EXERCISE_RESULTS_ENV, EXERCISE_TESTS_ENV } from "./exercise";
import { feedbackMarkdown, gradesCsv, gradingNotebook, readVerdicts, scoreSubmission, type SubmissionScore } from "./grade";
import { cellSource, type NotebookJson } from "./master";
import { runExerciseNotebook } from "./run-exercise";

/** Options of {@link gradeSubmissions}. */
export interface GradeOptions {
  /** The instructor bundle written by `npm run exercises` (default build/exercises/instructor). */
  bundle?: string;
  /** Output folder (default build/grades). */
  out?: string;
  /** Per-cell time limit in seconds (default 300). */
  timeoutS?: number;
  /** Progress lines (default console.log). */
  print?: (line: string) => void;
}

/** A submission that could not be graded. */
export interface Refused {
  file: string;
  reason: string;
}

/** What {@link gradeSubmissions} returns. */
export interface GradeReport {
  scores: SubmissionScore[];
  refused: Refused[];
}

/**
 * The exercise a submission belongs to: its metadata (`metadata.permafrost.exercise`), else the name in
 * its `kit.exercise("…")` call.
 *
 * @param nb - the notebook
 * @returns the exercise's name, or null
 * @example
 * exerciseOf({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "code", metadata: {}, source: 'const { check } = kit.exercise("03-trend-statistics");' }] }); // "03-trend-statistics"
 */
export function exerciseOf(nb: NotebookJson): string | null {
  const meta = (nb.metadata?.["permafrost"] as { exercise?: unknown } | undefined)?.exercise;
  if (typeof meta === "string") return meta;
  for (const c of nb.cells ?? []) {
    const m = /\bexercise\(\s*["'`]([\w.-]+)["'`]/.exec(cellSource(c));
    if (c.cell_type === "code" && m !== null) return m[1]!;
  }
  return null;
}

/**
 * The student's name of a submission: the file's stem, or its folder's name when the file is named
 * after the exercise (`alice/03-trend-statistics.ipynb`).
 *
 * @param file - the submission
 * @param exercise - its exercise
 * @returns the name
 * @example
 * [studentOf("subs/alice.ipynb", "ex"), studentOf("subs/bob/ex.ipynb", "ex")]; // ["alice", "bob"]
 */
export function studentOf(file: string, exercise: string): string {
  const stem = path.basename(file).replace(/\.ipynb$/, "");
  return stem === exercise ? path.basename(path.dirname(path.resolve(file))) : stem;
}

function readBundle(dir: string, exercise: string): { bundle: AutograderBundle; tests: string } | null {
  const file = path.join(dir, `${exercise}.autograder.json`);
  const tests = path.join(dir, "tests", `${exercise}.json`);
  if (!fs.existsSync(file) || !fs.existsSync(tests)) return null;
  return { bundle: JSON.parse(fs.readFileSync(file, "utf8")) as AutograderBundle, tests };
}

/**
 * Grade submitted notebooks.
 *
 * @param files - the submissions (.ipynb)
 * @param options - bundle, output folder, time limit, printer
 * @returns the scores and the submissions refused
 * @throws DataError when the bundle folder does not exist (run `npm run exercises` first)
 * @example
 * gradeSubmissions(["alice.ipynb"], { bundle: "no-such-bundle" }); // throws DataError
 */
export function gradeSubmissions(files: readonly string[], options: GradeOptions = {}): GradeReport {
  const bundleDir = path.resolve(options.bundle ?? path.join(buildDir(), "exercises", "instructor"));
  if (!fs.existsSync(bundleDir)) throw new DataError({ file: bundleDir, expected: "the instructor bundle written by npm run exercises" }, "no autograder bundle");
  const out = path.resolve(options.out ?? path.join(buildDir(), "grades"));
  const print = options.print ?? ((l: string) => console.log(l));
  const scores: SubmissionScore[] = [];
  const refused: Refused[] = [];
  for (const file of files) {
    let nb: NotebookJson;
    try {
      nb = JSON.parse(fs.readFileSync(file, "utf8")) as NotebookJson;
      if (!Array.isArray(nb.cells)) throw new Error("no cells list");
    } catch (e) {
      refused.push({ file, reason: `not a readable notebook: ${e instanceof Error ? e.message : String(e)}` });
      print(`grade: ${file}: refused (not a readable notebook)`);
      continue;
    }
    const exercise = exerciseOf(nb);
    const found = exercise === null ? null : readBundle(bundleDir, exercise);
    if (exercise === null || found === null) {
      refused.push({ file, reason: exercise === null ? "names no exercise (no metadata.permafrost.exercise, no kit.exercise(\"…\") call)" : `no autograder bundle for exercise ${exercise} in ${bundleDir}` });
      print(`grade: ${file}: refused (${refused[refused.length - 1]!.reason})`);
      continue;
    }
    const student = studentOf(file, exercise);
    const work = path.join(out, "work", exercise, student);
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(work, { recursive: true });
    const graded = path.join(work, `${exercise}.ipynb`);
    const gradedNb = gradingNotebook(nb, found.bundle);
    writeFileAtomic(graded, `${JSON.stringify(gradedNb, null, 1)}\n`);
    const testCells: Record<string, number[]> = {};
    gradedNb.cells.forEach((c, i) => {
      const q = (c.metadata[CELL_META] as { tests?: unknown } | undefined)?.tests;
      if (typeof q === "string") (testCells[q] ??= []).push(i + 1);
    });
    const results = path.join(work, "results.jsonl");
    const run = runExerciseNotebook(graded, graded, { [EXERCISE_MODE_ENV]: "grade", [EXERCISE_TESTS_ENV]: found.tests, [EXERCISE_RESULTS_ENV]: results }, options.timeoutS ?? 300);
    const score = scoreSubmission(student, found.bundle, readVerdicts(results), run.errors, testCells);
    scores.push(score);
    const fb = path.join(out, "feedback", student, `${exercise}.md`);
    fs.mkdirSync(path.dirname(fb), { recursive: true });
    writeFileAtomic(fb, feedbackMarkdown(score));
    print(`grade: ${exercise}: ${student}: ${score.total} of ${score.possible}${run.errors.length > 0 ? ` (${run.errors.length} cell${run.errors.length === 1 ? "" : "s"} failed)` : ""} in ${run.seconds.toFixed(1)} s`);
  }
  const byExercise = new Map<string, SubmissionScore[]>();
  for (const s of scores) byExercise.set(s.exercise, [...(byExercise.get(s.exercise) ?? []), s]);
  for (const [exercise, list] of byExercise) {
    writeFileAtomic(path.join(out, `${exercise}.csv`), gradesCsv(list));
    writeFileAtomic(path.join(out, `${exercise}.json`), `${JSON.stringify(list, null, 1)}\n`);
  }
  fs.mkdirSync(out, { recursive: true });
  writeFileAtomic(path.join(out, "refused.json"), `${JSON.stringify(refused, null, 1)}\n`);
  return { scores, refused };
}
