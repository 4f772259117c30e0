/**
 * `npm run exercises` (issue 18): from every master in notebooks/exercises/, the student notebook
 * and its public tests (build/exercises/student/) and the instructor's autograder bundle
 * (build/exercises/instructor/), as `otter assign` does. Each master runs headless in record mode,
 * which seals its answers (and fails loudly if any cell fails or a test never runs); then, unless
 * `verify` is off, the student notebook runs in check mode and must run without an error with every
 * public check saying "not yet" and its hint, and no solution line may appear in the student files.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError } from "../core/errors";
import { writeFileAtomic } from "../project/atomic";
import { buildDir, projectRoot } from "../project/paths";
import { assignmentAt, autograderBundle, runnableMaster, studentNotebook, type AutograderBundle } from "./assign";
import { EXERCISE_MODE_ENV, EXERCISE_TESTS_ENV, readExerciseTests } from "./exercise";
import { cellSource, readMaster, type Master, type NotebookJson } from "./master";
import { runExerciseNotebook } from "./run-exercise";

/** Options of {@link makeExercises}. */
export interface MakeExercisesOptions {
  /** Folder of the masters (default notebooks/exercises). */
  masters?: string;
  /** Output folder (default build/exercises). */
  out?: string;
  /** Only these exercises (file stems; default all). */
  names?: readonly string[];
  /** Run the student notebooks and check them (default true). */
  verify?: boolean;
  /** Progress lines (default console.log). */
  print?: (line: string) => void;
}

/** What was made of one master. */
export interface ExerciseBuild {
  name: string;
  questions: number;
  points: number;
  publicTests: number;
  hiddenTests: number;
  /** Seconds of the master's record run. */
  masterSeconds: number;
  /** Seconds of the student notebook's check run (null when not verified). */
  studentSeconds: number | null;
}

/**
 * The solution code of a master that must never reach a student: each `// SOLUTION` line's value and
 * each solution block's lines, those of at least 12 characters (shorter ones, such as `}` or `x`,
 * would be found anywhere) that the master does not also show outside its solutions (a prompt may
 * give the call to make, a later cell may repeat it).
 *
 * @param master - from readMaster
 * @returns the texts, trimmed, without a final semicolon
 * @example
 * const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
 *   { cell_type: "code", metadata: {}, source: 'const { check, todo } = kit.exercise("ex");' },
 *   { cell_type: "raw", metadata: {}, source: "# BEGIN QUESTION\nname: q1" },
 *   { cell_type: "raw", metadata: {}, source: "# BEGIN SOLUTION" },
 *   { cell_type: "code", metadata: {}, source: "const so: number[] = magst.map((m, i) => m - maat[i]); // SOLUTION" },
 *   { cell_type: "raw", metadata: {}, source: "# END SOLUTION" },
 *   { cell_type: "raw", metadata: {}, source: "# BEGIN TESTS" },
 *   { cell_type: "code", metadata: {}, source: 'check("q1", so, { hint: "Eq. 1" });' },
 *   { cell_type: "raw", metadata: {}, source: "# END TESTS" },
 *   { cell_type: "raw", metadata: {}, source: "# END QUESTION" }] };
 * solutionLines(readMaster("ex.ipynb", JSON.stringify(nb))); // ["magst.map((m, i) => m - maat[i])"]
 */
export function solutionLines(master: Master): string[] {
  const out: string[] = [];
  master.notebook.cells.forEach((cell, i) => {
    if (master.roles[i] !== "solution") return;
    let inBlock = false;
    for (const raw of cellSource(cell).split("\n")) {
      const line = raw.trim();
      if (/^\/\/\s*BEGIN SOLUTION/.test(line)) inBlock = true;
      else if (/^\/\/\s*END SOLUTION/.test(line)) inBlock = false;
      else if (/\/\/\s*SOLUTION\s*$/.test(line)) {
        const stmt = line.replace(/\/\/\s*SOLUTION\s*$/, "").trim();
        const value = /^return\b/.test(stmt) ? stmt.slice(6) : stmt.slice(assignmentAt(stmt) + 1);
        out.push(value.trim().replace(/;$/, ""));
      } else if (inBlock && !line.startsWith("//")) out.push(line.replace(/;$/, ""));
    }
  });
  const shown = master.notebook.cells.filter((_, i) => master.roles[i] !== "solution" && master.roles[i] !== "hidden-test").map(cellSource).join("\n");
  return out.filter((t) => t.length >= 12 && !shown.includes(t));
}

/**
 * The check lines a run printed (stdout streams of code cells).
 *
 * @param nb - the executed notebook
 * @returns the lines that start with ✔ or ✘
 */
function printedChecks(nb: NotebookJson): string[] {
  const lines: string[] = [];
  for (const cell of nb.cells) {
    for (const o of (cell.outputs ?? []) as { output_type?: string; name?: string; text?: string | string[] }[]) {
      if (o.output_type !== "stream" || o.name !== "stdout") continue;
      const text = Array.isArray(o.text) ? o.text.join("") : o.text ?? "";
      lines.push(...text.split("\n").filter((l) => /^[✔✘] /.test(l)));
    }
  }
  return lines;
}

/**
 * The notebook with its markdown's relative links (`[..](../13-alt-maps-trends.ipynb)`) rewritten
 * from the masters' folder to the folder the notebook is written to, where the target exists.
 *
 * @param nb - the student notebook
 * @param from - the masters' folder
 * @param to - the student folder
 * @returns the notebook
 */
function relinked(nb: NotebookJson, from: string, to: string): NotebookJson {
  const cells = nb.cells.map((c) => {
    if (c.cell_type !== "markdown") return c;
    const src = cellSource(c).replace(/\]\((?![a-z]+:|#|\/)([^)\s#]+)(#[^)\s]*)?\)/gi, (whole: string, target: string, anchor?: string) => {
      const abs = path.resolve(from, target);
      return fs.existsSync(abs) ? `](${path.relative(to, abs).split(path.sep).join("/")}${anchor ?? ""})` : whole;
    });
    return { ...c, source: src };
  });
  return { ...nb, cells };
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, `${JSON.stringify(value, null, 1)}\n`);
}

/**
 * Make the student notebooks and the autograder bundle of every master.
 *
 * @param options - masters folder, output folder, names, verify, printer
 * @returns what was made, per exercise
 * @throws DataError naming the master and cell when a master is malformed, fails when run, has a
 *   test that never ran or a public test without a hint; naming the student notebook when it fails,
 *   a check does not say "not yet" or a solution line leaked into it; for a missing masters folder
 * @example
 * makeExercises({ masters: "no-such-folder" }); // throws DataError
 */
export function makeExercises(options: MakeExercisesOptions = {}): ExerciseBuild[] {
  const mastersDir = path.resolve(options.masters ?? path.join(projectRoot(), "notebooks", "exercises"));
  const out = path.resolve(options.out ?? path.join(buildDir(), "exercises"));
  const print = options.print ?? ((l: string) => console.log(l));
  if (!fs.existsSync(mastersDir)) throw new DataError({ file: mastersDir, expected: "a folder of exercise masters (.ipynb)" }, "no such folder");
  const files = fs.readdirSync(mastersDir).filter((f) => f.endsWith(".ipynb")).sort();
  const wanted = options.names ?? files.map((f) => f.replace(/\.ipynb$/, ""));
  const missing = wanted.filter((n) => !files.includes(`${n}.ipynb`));
  if (missing.length > 0) throw new DataError({ file: mastersDir, value: missing.join(", "), expected: `masters among ${files.join(", ")}` }, "no such exercise");
  const student = path.join(out, "student");
  const instructor = path.join(out, "instructor");
  const builds: ExerciseBuild[] = [];
  for (const name of wanted) {
    const masterFile = path.join(mastersDir, `${name}.ipynb`);
    const master = readMaster(masterFile);
    const bundle: AutograderBundle = autograderBundle(master);
    // 1. the master in record mode: its answers sealed into the instructor's tests file
    const testsFile = path.join(instructor, "tests", `${name}.json`);
    fs.rmSync(testsFile, { force: true });
    const runDir = path.join(instructor, "run");
    fs.mkdirSync(runDir, { recursive: true });
    const runnable = path.join(runDir, `${name}.ipynb`);
    writeJson(runnable, runnableMaster(master));
    print(`exercises: ${name}: running the master in record mode`);
    const rec = runExerciseNotebook(runnable, runnable, { [EXERCISE_MODE_ENV]: "record", [EXERCISE_TESTS_ENV]: testsFile });
    if (rec.errors.length > 0) {
      const e = rec.errors[0]!;
      throw new DataError({ file: masterFile, line: e.cell, column: `cell ${e.cell} of the master without its marker cells (executed copy: ${runnable})`, value: e.evalue, expected: "a master that runs without an error" }, "the master fails");
    }
    const tests = readExerciseTests(testsFile);
    const recorded = new Set(tests.tests.map((t) => t.key));
    for (const q of bundle.questions) {
      for (const key of q.tests) if (!recorded.has(key)) throw new DataError({ file: masterFile, value: key, expected: "every check of the tests cells to run" }, "a test never ran in the master");
    }
    const hidden = new Set(bundle.questions.flatMap((q) => q.hidden));
    tests.points = Object.fromEntries(bundle.questions.map((q) => [q.name, q.points]));
    tests.tests = tests.tests.map((t) => ({ ...t, hidden: hidden.has(t.key) }));
    for (const t of tests.tests) if (!t.hidden && t.hint.trim() === "") throw new DataError({ file: masterFile, value: t.key, expected: "a hint on every public check ({ hint: \"…\" })" }, "a public test without a hint");
    writeJson(testsFile, tests);
    writeJson(path.join(instructor, `${name}.autograder.json`), bundle);
    fs.copyFileSync(masterFile, path.join(instructor, `${name}.master.ipynb`));
    // 2. the student notebook and its public tests
    const studentFile = path.join(student, `${name}.ipynb`);
    const studentTests = path.join(student, "tests", `${name}.json`);
    writeJson(studentFile, relinked(studentNotebook(master), mastersDir, student));
    writeJson(studentTests, { ...tests, tests: tests.tests.filter((t) => !t.hidden) });
    const studentText = fs.readFileSync(studentFile, "utf8");
    const studentTestsText = fs.readFileSync(studentTests, "utf8");
    const leaked = solutionLines(master).filter((s) => studentText.includes(JSON.stringify(s).slice(1, -1)) || studentTestsText.includes(s));
    if (leaked.length > 0) throw new DataError({ file: studentFile, value: leaked[0], expected: "no solution line in the student files" }, "a solution leaked");
    const build: ExerciseBuild = {
      name, questions: bundle.questions.length, points: bundle.questions.reduce((a, q) => a + q.points, 0),
      publicTests: tests.tests.filter((t) => !t.hidden).length, hiddenTests: hidden.size, masterSeconds: rec.seconds, studentSeconds: null,
    };
    // 3. the student notebook must run, every public check saying "not yet" with its hint
    if (options.verify ?? true) {
      const executed = path.join(out, "verify", `${name}.ipynb`);
      const run = runExerciseNotebook(studentFile, executed, { [EXERCISE_MODE_ENV]: "check", [EXERCISE_TESTS_ENV]: "" });
      if (run.errors.length > 0) throw new DataError({ file: studentFile, line: run.errors[0]!.cell, value: run.errors[0]!.evalue, expected: "a student notebook that runs without an error (executed copy: " + executed + ")" }, "the student notebook fails");
      const lines = printedChecks(JSON.parse(fs.readFileSync(executed, "utf8")) as NotebookJson);
      for (const t of tests.tests.filter((x) => !x.hidden)) {
        const line = lines.find((l) => l.startsWith(`✘ ${t.key}: not yet`) || l.startsWith(`✔ ${t.key}:`));
        if (line === undefined || !line.startsWith(`✘ ${t.key}: not yet`) || !line.includes("Hint:")) {
          throw new DataError({ file: studentFile, value: line ?? `(no line for ${t.key})`, expected: `✘ ${t.key}: not yet — … Hint: …` }, "a check of the student notebook does not say not yet with its hint");
        }
      }
      build.studentSeconds = run.seconds;
    }
    print(`exercises: ${name}: ${build.questions} questions, ${build.points} points, ${build.publicTests} public and ${build.hiddenTests} hidden tests; master ${build.masterSeconds.toFixed(1)} s${build.studentSeconds === null ? "" : `, student notebook ${build.studentSeconds.toFixed(1)} s (every check: not yet, with its hint)`}`);
    builds.push(build);
  }
  // a build of some exercises keeps the others' lines of an earlier build
  const summary = path.join(out, "summary.json");
  let earlier: ExerciseBuild[] = [];
  try {
    earlier = fs.existsSync(summary) ? (JSON.parse(fs.readFileSync(summary, "utf8")) as { exercises: ExerciseBuild[] }).exercises : [];
  } catch {
    earlier = []; // an unreadable summary is rewritten from this build
  }
  const made = new Set(builds.map((b) => b.name));
  writeJson(summary, { exercises: [...earlier.filter((b) => !made.has(b.name)), ...builds].sort((a, b) => a.name.localeCompare(b.name)) });
  return builds;
}
