/**
 * The self-check of an exercise notebook (issue 18): `const { check, todo } = kit.exercise("03-trends")`
 * at the top, then `check("q1", answer, { hint, tol })` after each answer prints at once whether it is
 * right and, if not, what is wrong and the hint, never the answer (as Otter-Grader's `grader.check`).
 *
 * The tests (sealed answers, see sealed-value.ts) come from the exercise's tests file, written by
 * `npm run exercises` from the master notebook: `tests/<name>.json` next to the notebook (a student
 * bundle holds only the public tests; the autograder's holds the hidden ones too). Three modes, from
 * the environment:
 * - check (default): compare and print;
 * - record (`PERMAFROST_EXERCISE_MODE=record`, used on the master): seal each answer into the tests
 *   file, refusing a placeholder or a key used twice;
 * - grade (`PERMAFROST_EXERCISE_MODE=grade`): compare, print, and append each verdict to
 *   `PERMAFROST_EXERCISE_RESULTS` (JSON lines) for the grader.
 * `PERMAFROST_EXERCISE_TESTS` overrides the tests file's path.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ArgumentError, DataError } from "../core/errors";
import { writeFileAtomic } from "../project/atomic";
import { sealValue, verifyValue, type CheckSpec, type SealedValue, type Verdict } from "./sealed-value";
import { todo } from "./todo";

/** Environment variable: record | check | grade. */
export const EXERCISE_MODE_ENV = "PERMAFROST_EXERCISE_MODE";
/** Environment variable: the tests file (default tests/<name>.json in the working directory). */
export const EXERCISE_TESTS_ENV = "PERMAFROST_EXERCISE_TESTS";
/** Environment variable: the grade mode's results file (JSON lines). */
export const EXERCISE_RESULTS_ENV = "PERMAFROST_EXERCISE_RESULTS";

/** One recorded test: a check call of the master, keyed by its id ("q1", "q1/hidden-cases"). */
export interface ExerciseTest {
  /** The check's id as written in the notebook. */
  key: string;
  /** The question: the id up to the first "/". */
  question: string;
  /** True for a test of a `// HIDDEN` cell (set by the generator; only in the autograder's file). */
  hidden: boolean;
  /** The hint printed when the answer is not yet right. */
  hint: string;
  /** The sealed answer. */
  answer: SealedValue;
}

/** An exercise's tests file. */
export interface ExerciseTests {
  /** The exercise (the master notebook's file stem). */
  exercise: string;
  /** Points per question (from the master's `# BEGIN QUESTION` cells; the generator fills them in). */
  points: Record<string, number>;
  /** The tests, in the master's order. */
  tests: ExerciseTest[];
}

/** What one check found. */
export interface CheckResult extends Verdict {
  /** The check's id. */
  key: string;
  /** The line printed. */
  line: string;
}

/**
 * The check function of an exercise: prints its line and returns nothing (so that tslab, which
 * prints a cell's last value, does not print the verdict twice); the verdicts are in
 * {@link Exercise.results}. `check.official` is the same check as run by the autograder
 * (`npm run grade` rewrites the test cells it inserts to call it): in grade mode only official
 * verdicts count, so a stray check a student leaves in the notebook does not stand in for the
 * grader's. It is not a security boundary: code in the student's kernel could still forge verdicts,
 * as in Otter-Grader.
 */
export type CheckFn = ((key: string, answer: unknown, spec?: CheckSpec) => void) & {
  official: (key: string, answer: unknown, spec?: CheckSpec) => void;
};

/** What {@link exercise} returns. */
export interface Exercise {
  /** The exercise's name. */
  name: string;
  /** record | check | grade. */
  mode: "record" | "check" | "grade";
  /** The tests file used. */
  testsFile: string;
  /** Compare an answer (see the module comment). */
  check: CheckFn;
  /** The placeholder of student notebooks ({@link todo}). */
  todo: typeof todo;
  /** Every check made so far, in order. */
  results: CheckResult[];
}

/** Options of {@link exercise} (the environment variables override none of these when given). */
export interface ExerciseOptions {
  /** record | check | grade (default from PERMAFROST_EXERCISE_MODE, else check). */
  mode?: "record" | "check" | "grade";
  /** The tests file (default from PERMAFROST_EXERCISE_TESTS, else tests/<name>.json). */
  testsFile?: string;
  /** The grade mode's results file (default from PERMAFROST_EXERCISE_RESULTS). */
  resultsFile?: string;
  /** Where lines go (default console.log). */
  print?: (line: string) => void;
}

/**
 * The question of a check id: the part before the first "/" ("q3/hidden-cases" belongs to q3).
 *
 * @param key - the check's id
 * @returns the question id
 * @example
 * questionOf("q3/hidden-cases"); // "q3"
 */
export function questionOf(key: string): string {
  return key.split("/")[0]!;
}

/**
 * Read an exercise's tests file.
 *
 * @param file - the path
 * @returns the tests
 * @throws DataError naming the file when it is not a tests file
 * @example
 * const f = "tests.json";
 * fs.writeFileSync(f, JSON.stringify({ exercise: "ex", points: { q1: 1 }, tests: [] }));
 * readExerciseTests(f).exercise; // "ex"
 */
export function readExerciseTests(file: string): ExerciseTests {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new DataError({ file, expected: "an exercise tests file (JSON) written by npm run exercises" }, `unreadable: ${e instanceof Error ? e.message : String(e)}`);
  }
  const t = parsed as Partial<ExerciseTests>;
  if (typeof t.exercise !== "string" || !Array.isArray(t.tests) || t.points === null || typeof t.points !== "object") {
    throw new DataError({ file, expected: "{ exercise, points, tests }" }, "not an exercise tests file");
  }
  return t as ExerciseTests;
}

const salted = (exercise: string, key: string): string => `${exercise}/${key}`;

/**
 * Start an exercise notebook's self-checks.
 *
 * @param name - the exercise (the master notebook's file stem, e.g. "03-trend-statistics")
 * @param options - mode, tests file, results file, printer
 * @returns `check`, `todo` and the results so far
 * @throws ArgumentError for an unknown mode; DataError for an unreadable tests file
 * @example
 * const f = "ex.json";
 * const master = exercise("ex", { mode: "record", testsFile: f, print: () => undefined });
 * master.check("q1", 2.5, { tol: 0.01, hint: "add the two numbers" });
 * const student = exercise("ex", { mode: "check", testsFile: f, print: () => undefined });
 * student.check("q1", 2.5);
 * student.check("q1", 3);
 * student.check("q1", student.todo());
 * student.results.map((r) => r.passed); // [true, false, false]
 * student.results[2].line; // "✘ q1: not yet — the answer: no answer yet (todo() still stands in for it). Hint: add the two numbers"
 */
export function exercise(name: string, options: ExerciseOptions = {}): Exercise {
  const fn = "exercise";
  if (typeof name !== "string" || !/^[\w.-]+$/.test(name)) throw new ArgumentError({ fn, arg: "name", value: name, expected: "the exercise's file stem (letters, digits, . _ -)" }, "bad name");
  const fromEnv = (v: string): string | undefined => (process.env[v] === undefined || process.env[v] === "" ? undefined : process.env[v]);
  const mode = options.mode ?? (fromEnv(EXERCISE_MODE_ENV) as Exercise["mode"] | undefined) ?? "check";
  if (!["record", "check", "grade"].includes(mode)) throw new ArgumentError({ fn, arg: `options.mode (or ${EXERCISE_MODE_ENV})`, value: mode, expected: "record, check or grade" }, "unknown mode");
  const testsFile = path.resolve(options.testsFile ?? fromEnv(EXERCISE_TESTS_ENV) ?? path.join("tests", `${name}.json`));
  const resultsFile = options.resultsFile ?? fromEnv(EXERCISE_RESULTS_ENV);
  if (mode === "grade" && resultsFile === undefined) throw new ArgumentError({ fn, arg: `options.resultsFile (or ${EXERCISE_RESULTS_ENV})`, value: undefined, expected: "a file for the grade mode's results" }, "missing");
  const print = options.print ?? ((line: string) => console.log(line));
  const results: CheckResult[] = [];
  let tests: ExerciseTests | null = null;
  let unavailable = "";
  if (mode === "record") {
    tests = { exercise: name, points: {}, tests: [] };
  } else if (fs.existsSync(testsFile)) {
    tests = readExerciseTests(testsFile);
    if (tests.exercise !== name) throw new DataError({ file: testsFile, key: "exercise", value: tests.exercise, expected: name }, "the tests are for another exercise");
  } else {
    unavailable = `no tests file at ${testsFile} (npm run exercises writes it)`;
    print(`Self-checks are off: ${unavailable}.`);
  }

  const run = (key: string, answer: unknown, spec: CheckSpec, official: boolean): CheckResult => {
    if (typeof key !== "string" || key === "") throw new ArgumentError({ fn: "check", arg: "key", value: key, expected: "the question id, e.g. \"q1\"" }, "bad id");
    const hint = spec.hint ?? "";
    let verdict: Verdict;
    let test: ExerciseTest | undefined;
    if (mode === "record") {
      if (tests!.tests.some((t) => t.key === key)) throw new ArgumentError({ fn: "check", arg: "key", value: key, expected: "an id used once in the master" }, "a second check with the same id");
      const sealed = sealValue(answer, spec, salted(name, key), "check");
      tests!.tests.push({ key, question: questionOf(key), hidden: false, hint, answer: sealed });
      fs.mkdirSync(path.dirname(testsFile), { recursive: true });
      writeFileAtomic(testsFile, `${JSON.stringify(tests, null, 1)}\n`);
      verdict = verifyValue(answer, sealed, salted(name, key));
      if (!verdict.passed) throw new ArgumentError({ fn: "check", arg: "answer", value: key, expected: "a master answer that passes its own check" }, verdict.message);
    } else {
      test = tests?.tests.find((t) => t.key === key);
      if (test === undefined) {
        verdict = { passed: false, message: tests === null ? unavailable : `no test named ${key} in ${testsFile} (it has ${tests.tests.map((t) => t.key).join(", ")})` };
      } else verdict = verifyValue(answer, test.answer, salted(name, key));
    }
    const shownHint = hint !== "" ? hint : test?.hint ?? "";
    const line = mode === "record" ? `✔ ${key}: recorded` : verdict.passed ? `✔ ${key}: right` : `✘ ${key}: not yet — ${verdict.message}.${shownHint === "" ? "" : ` Hint: ${shownHint}`}`;
    print(line);
    const result: CheckResult = { key, passed: verdict.passed, message: verdict.message, line };
    results.push(result);
    if (mode === "grade") fs.appendFileSync(resultsFile!, `${JSON.stringify({ key, passed: result.passed, message: result.message, official })}\n`);
    return result;
  };
  const check: CheckFn = Object.assign((key: string, answer: unknown, spec: CheckSpec = {}): void => {
    run(key, answer, spec, false);
  }, {
    official: (key: string, answer: unknown, spec: CheckSpec = {}): void => {
      run(key, answer, spec, true);
    },
  });
  return { name, mode, testsFile, check, todo, results };
}
