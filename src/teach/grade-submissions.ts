/**
 * `npm run grade -- <submissions…>` (issue 18): each submitted student notebook runs headless in
 * grade mode with the grader's public and hidden tests (gradingNotebook), a broken cell costing only
 * the tests it stops; the scores go to build/grades/<exercise>.csv (student × question), the details to
 * <exercise>.json, and each student's feedback to feedback/<student>/<exercise>.md. Grading again
 * updates those files: a student graded again replaces their row, the others stay. A submission that
 * cannot be read or graded, names no known exercise, or would be a second submission of the same
 * student for the same exercise in one call, is listed with the reason and scores nothing; it does not
 * stop the others.
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
  if (typeof meta === "string") return EXERCISE_NAME.test(meta) ? meta : null;
  for (const c of nb.cells ?? []) {
    if (c === null || typeof c !== "object") continue;
    const m = /\bexercise\(\s*["'`]([\w.-]+)["'`]/.exec(cellSource(c));
    if (c.cell_type === "code" && m !== null) return m[1]!;
  }
  return null;
}

/** An exercise's name: a file stem of letters, digits, `.`, `_` and `-` (never a path). */
const EXERCISE_NAME = /^[\w][\w.-]*$/;

/**
 * The student's name of a submission: the file's stem, or its folder's name when the file is named
 * after an exercise (`alice/03-trend-statistics.ipynb`).
 *
 * @param file - the submission
 * @param exercises - the exercises' names (the submission's own, or all of the bundle's)
 * @returns the name
 * @example
 * [studentOf("subs/alice.ipynb", ["ex"]), studentOf("subs/bob/ex.ipynb", ["ex"])]; // ["alice", "bob"]
 */
export function studentOf(file: string, exercises: readonly string[]): string {
  const stem = path.basename(file).replace(/\.ipynb$/, "");
  return exercises.includes(stem) ? path.basename(path.dirname(path.resolve(file))) : stem;
}

function readBundle(dir: string, exercise: string): { bundle: AutograderBundle; tests: string } | null {
  const file = path.join(dir, `${exercise}.autograder.json`);
  const tests = path.join(dir, "tests", `${exercise}.json`);
  if (!fs.existsSync(file) || !fs.existsSync(tests)) return null;
  let bundle: AutograderBundle;
  try {
    bundle = JSON.parse(fs.readFileSync(file, "utf8")) as AutograderBundle;
  } catch (e) {
    throw new DataError({ file, expected: "an autograder bundle written by npm run exercises" }, `unreadable: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (bundle.exercise !== exercise || !Array.isArray(bundle.questions)) throw new DataError({ file, key: "exercise", value: bundle.exercise, expected: exercise }, "not this exercise's bundle");
  return { bundle, tests };
}

/**
 * The scores already in `<exercise>.json` (an earlier grading call), or none.
 *
 * @param file - the grades JSON
 * @returns its scores
 */
function earlierScores(file: string): SubmissionScore[] {
  if (!fs.existsSync(file)) return [];
  try {
    const list = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
    return Array.isArray(list) ? list as SubmissionScore[] : [];
  } catch (e) {
    throw new DataError({ file, expected: "the grades JSON of an earlier npm run grade" }, `unreadable: ${e instanceof Error ? e.message : String(e)}`);
  }
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
  const exercises = fs.readdirSync(bundleDir).filter((f) => f.endsWith(".autograder.json")).map((f) => f.slice(0, -".autograder.json".length));
  const seen = new Map<string, string>();
  const refuse = (file: string, reason: string): void => {
    refused.push({ file, reason });
    print(`grade: ${file}: refused (${reason})`);
  };
  for (const file of files) {
    let nb: NotebookJson;
    try {
      nb = JSON.parse(fs.readFileSync(file, "utf8")) as NotebookJson;
      if (nb === null || typeof nb !== "object" || !Array.isArray(nb.cells)) throw new Error("no cells list");
      const badCell = nb.cells.findIndex((c) => c === null || typeof c !== "object" || !["code", "markdown", "raw"].includes(c.cell_type));
      if (badCell >= 0) throw new Error(`cell ${badCell + 1} is not a notebook cell`);
    } catch (e) {
      refuse(file, `not a readable notebook: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    const exercise = exerciseOf(nb);
    const found = exercise === null ? null : readBundle(bundleDir, exercise);
    if (exercise === null || found === null) {
      refuse(file, exercise === null ? "names no exercise (no metadata.permafrost.exercise, no kit.exercise(\"…\") call)" : `no autograder bundle for exercise ${exercise} in ${bundleDir}`);
      continue;
    }
    const student = studentOf(file, exercises.includes(exercise) ? exercises : [...exercises, exercise]);
    const id = `${exercise}/${student}`;
    if (seen.has(id)) {
      refuse(file, `a second submission of student ${student} for ${exercise} in this call (the first: ${seen.get(id)!}); rename one file or folder`);
      continue;
    }
    seen.set(id, file);
    try {
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
    } catch (e) {
      refuse(file, `could not be graded: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const byExercise = new Map<string, SubmissionScore[]>();
  for (const s of scores) byExercise.set(s.exercise, [...(byExercise.get(s.exercise) ?? []), s]);
  for (const [exercise, list] of byExercise) {
    // merge with an earlier call's grades: a student graded again replaces their row
    const json = path.join(out, `${exercise}.json`);
    const now = new Set(list.map((x) => x.student));
    const merged = [...earlierScores(json).filter((x) => !now.has(x.student)), ...list].sort((a, b) => a.student.localeCompare(b.student));
    writeFileAtomic(path.join(out, `${exercise}.csv`), gradesCsv(merged));
    writeFileAtomic(json, `${JSON.stringify(merged, null, 1)}\n`);
  }
  fs.mkdirSync(out, { recursive: true });
  writeFileAtomic(path.join(out, "refused.json"), `${JSON.stringify(refused, null, 1)}\n`);
  if (fs.existsSync(path.join(out, "work"))) print(`grade: the executed notebooks are in ${path.join(out, "work")}`);
  return { scores, refused };
}
