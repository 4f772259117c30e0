/**
 * `npm run test:exercises` (issue 18, part of `npm test`): the exercise pipeline end to end on the
 * real kernel.
 *
 * 0. The masters are committed without outputs.
 * 1. `makeExercises` on every master: each master runs in record mode without an error (so every
 *    master answer passes its own check), and each student notebook runs without an error with every
 *    public check saying "not yet" and its hint.
 * 2. No solution line, hidden test or hidden test id is in any student file.
 * 3. Planted submissions of the warm-up exercise grade to the scores worked out by hand: a correct
 *    one (full marks), a wrong function (that question 0), a crashing cell (that question 0, the rest
 *    still graded), one whose check cells were deleted (the grader's tests appended; full marks), and
 *    a truncated file and a file with a null cell (refused, the others still graded), a second file of
 *    the same student (refused), a late regrade (replaces that row only), a cell that never ends (interrupted after
 *    the time limit, that question 0). On a real exercise (03), the master's own
 *    solutions as a submission score full marks and Sen's slope with JavaScript's text sort loses
 *    exactly that question.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { cellSource, feedbackMarkdown as feedbackOf, gradeSubmissions, makeExercises, readExerciseTests, readMaster, runnableMaster, solutionLines, type NotebookJson } from "permafrost-kit";

const root = path.resolve(__dirname, "..", "..", "..");
const masters = path.join(root, "notebooks", "exercises");
// inside the project: the kernel finds "permafrost-kit" by walking up from the notebook's folder
const tmp = path.join(root, "build", "test-exercises");
fs.rmSync(tmp, { recursive: true, force: true });
const out = path.join(tmp, "exercises");
const t0 = performance.now();

// 0. masters are committed without outputs, like every notebook of the project
for (const f of fs.readdirSync(masters).filter((n) => n.endsWith(".ipynb"))) {
  const nb = JSON.parse(fs.readFileSync(path.join(masters, f), "utf8")) as NotebookJson;
  nb.cells.forEach((c, i) => assert.ok(c.cell_type !== "code" || ((c.outputs ?? []).length === 0 && (c.execution_count === null || c.execution_count === undefined)), `${f}: cell ${i + 1} has outputs`));
}

// 1. generate and verify every exercise
const builds = makeExercises({ masters, out, verify: true });
const questions = builds.reduce((a, b) => a + b.questions, 0);
console.log(`test:exercises: ${builds.length} exercises, ${questions} questions made and verified`);

// 2. nothing of the solutions or the hidden tests in the student files
for (const b of builds) {
  const master = readMaster(path.join(masters, `${b.name}.ipynb`));
  const studentNb = fs.readFileSync(path.join(out, "student", `${b.name}.ipynb`), "utf8");
  const studentTests = fs.readFileSync(path.join(out, "student", "tests", `${b.name}.json`), "utf8");
  const code = (JSON.parse(studentNb) as NotebookJson).cells.map(cellSource).join("\n");
  for (const s of solutionLines(master)) assert.ok(!code.includes(s) && !studentTests.includes(s), `${b.name}: solution line in the student files: ${s}`);
  const all = readExerciseTests(path.join(out, "instructor", "tests", `${b.name}.json`));
  const hidden = all.tests.filter((t) => t.hidden).map((t) => t.key);
  assert.equal(hidden.length, b.hiddenTests, `${b.name}: hidden tests recorded`);
  for (const key of hidden) assert.ok(!code.includes(`"${key}"`) && !studentTests.includes(`"${key}"`), `${b.name}: hidden test ${key} in the student files`);
  assert.ok(!code.includes("// HIDDEN"), `${b.name}: a hidden cell in the student notebook`);
  assert.ok(!/# (BEGIN|END) (QUESTION|SOLUTION|TESTS)/.test(code), `${b.name}: a marker in the student notebook`);
}

// 3. planted submissions of the warm-up
const warm = "00-how-checks-work";
const student = JSON.parse(fs.readFileSync(path.join(out, "student", `${warm}.ipynb`), "utf8")) as NotebookJson;
const subs = path.join(tmp, "submissions");
fs.mkdirSync(path.join(subs, "dan"), { recursive: true });
fs.mkdirSync(path.join(subs, "late"), { recursive: true });
const right: Record<string, string> = {
  "const meanAlt: number = todo(); // YOUR CODE HERE": "const meanAlt: number = alt.reduce((s, v) => s + v, 0) / alt.length;",
  "const anomalies: number[] = todo(); // YOUR CODE HERE": "const anomalies: number[] = alt.map((v) => v - 392 / 6);",
  "  // YOUR CODE HERE\n  return todo();": "  return values.map((v) => v / 100);",
};
function submission(file: string, replace: Record<string, string>, drop?: (src: string) => boolean): void {
  const nb: NotebookJson = JSON.parse(JSON.stringify(student)) as NotebookJson;
  nb.cells = nb.cells.filter((c) => drop === undefined || !drop(cellSource(c)));
  for (const c of nb.cells) {
    let src = cellSource(c);
    for (const [a, b] of Object.entries(replace)) src = src.replace(a, b);
    c.source = src;
  }
  fs.writeFileSync(path.join(subs, file), JSON.stringify(nb));
}
submission("alice.ipynb", right);
submission("bob.ipynb", { ...right, "  // YOUR CODE HERE\n  return todo();": "  return values.map((v) => v * 100);" });
submission("carol.ipynb", { ...right, "const meanAlt: number = todo(); // YOUR CODE HERE": "const meanAlt: number = (null as unknown as number[]).length;" });
submission(path.join("dan", `${warm}.ipynb`), right, (src) => /^check\(/.test(src.trim()));
fs.writeFileSync(path.join(subs, "eve.ipynb"), JSON.stringify(student).slice(0, 500));
fs.writeFileSync(path.join(subs, "gil.ipynb"), JSON.stringify({ ...student, cells: [...student.cells.slice(0, 3), null] }));
fs.mkdirSync(path.join(subs, "sec2"), { recursive: true });
fs.copyFileSync(path.join(subs, "bob.ipynb"), path.join(subs, "sec2", "alice.ipynb"));
const files = ["alice.ipynb", "bob.ipynb", "carol.ipynb", path.join("dan", `${warm}.ipynb`), "eve.ipynb", "gil.ipynb", path.join("sec2", "alice.ipynb")].map((f) => path.join(subs, f));
const grades = path.join(tmp, "grades");
const report = gradeSubmissions(files, { bundle: path.join(out, "instructor"), out: grades });
const csv = fs.readFileSync(path.join(grades, `${warm}.csv`), "utf8");
assert.equal(csv, [
  "student,q1,q2,q3,total,possible",
  "alice,1,1,2,4,4", // right
  "bob,1,1,0,2,4", // cmToM multiplies by 100: its public and hidden tests fail
  "carol,0,1,2,3,4", // the cell of q1 throws: q1 scores 0, q2 and q3 still graded
  "dan,1,1,2,4,4", // deleted the check cells: the grader's tests are appended
  "",
].join("\n"));
assert.deepEqual(report.refused.map((r) => path.relative(subs, r.file)), ["eve.ipynb", "gil.ipynb", path.join("sec2", "alice.ipynb")]);
assert.match(report.refused[1]!.reason, /cell 4 is not a notebook cell/);
assert.match(report.refused[2]!.reason, /a second submission of student alice/);
const bobFeedback = fs.readFileSync(path.join(grades, "feedback", "bob", `${warm}.md`), "utf8");
assert.match(bobFeedback, /- q3: not yet: case 1 of 2 \(arguments \[\[62,65\]\]\): it is 10000× too large|- q3: not yet: case 1 of 2/);
assert.match(bobFeedback, /- hidden test q3\/more: failed/);
const carolFeedback = fs.readFileSync(path.join(grades, "feedback", "carol", `${warm}.md`), "utf8");
assert.match(carolFeedback, /q1: not yet: the test did not run: its test cell \(cell \d+\) failed: .*meanAlt.*\(cell \d+ failed before it: TypeError/);
// grading bob again (fixed) replaces his row and keeps the others
submission(path.join("late", "bob.ipynb"), right);
gradeSubmissions([path.join(subs, "late", "bob.ipynb")], { bundle: path.join(out, "instructor"), out: grades, print: () => undefined });
assert.match(fs.readFileSync(path.join(grades, `${warm}.csv`), "utf8"), /^student,q1,q2,q3,total,possible\nalice,1,1,2,4,4\nbob,1,1,2,4,4\ncarol,0,1,2,3,4\ndan,1,1,2,4,4\n$/);

// a cell that never ends is interrupted after the time limit; the other questions are still graded
submission("frank.ipynb", { ...right, "const meanAlt: number = todo(); // YOUR CODE HERE": "let meanAlt: number = 0;\nwhile (meanAlt >= 0) meanAlt += 1e-9;" });
const loop = gradeSubmissions([path.join(subs, "frank.ipynb")], { bundle: path.join(out, "instructor"), out: path.join(tmp, "grades-loop"), timeoutS: 8 });
assert.deepEqual(loop.scores[0]!.questions.map((q) => q.score), [0, 1, 2]);
assert.match(feedbackOf(loop.scores[0]!), /the cell ran past 8 s and was interrupted/);

// a real exercise: the master's own solutions as a submission score full marks; the classic student
// bug in Sen's slope (JavaScript's default sort compares slopes as text) loses q2's points, public and hidden
const trends = "03-trend-statistics";
const perfect = runnableMaster(readMaster(path.join(masters, `${trends}.ipynb`)));
fs.mkdirSync(path.join(subs, "trends"), { recursive: true });
fs.writeFileSync(path.join(subs, "trends", "master.ipynb"), JSON.stringify(perfect));
const textSort = JSON.parse(JSON.stringify(perfect).replace("slopes.sort((a, b) => a - b);", "slopes.sort();")) as NotebookJson;
assert.notEqual(JSON.stringify(textSort), JSON.stringify(perfect), "the planted bug found its line");
fs.writeFileSync(path.join(subs, "trends", "textsort.ipynb"), JSON.stringify(textSort));
const trendReport = gradeSubmissions([path.join(subs, "trends", "master.ipynb"), path.join(subs, "trends", "textsort.ipynb")], { bundle: path.join(out, "instructor"), out: path.join(tmp, "grades-trends") });
const [master03, textsort03] = trendReport.scores;
assert.equal(master03!.total, master03!.possible, `the master of ${trends} as a submission: ${JSON.stringify(master03!.questions.map((q) => [q.name, q.score]))}`);
assert.deepEqual(textsort03!.questions.filter((q) => q.score < q.points).map((q) => [q.name, q.score]), [["q2", 0]], JSON.stringify(textsort03!.questions.map((q) => q.tests)));
assert.equal(textsort03!.total, textsort03!.possible - 2);

console.log(`test:exercises: planted submissions graded as expected (${[...report.scores, ...trendReport.scores].map((s) => `${s.exercise} ${s.student} ${s.total}/${s.possible}`).join(", ")}; eve refused)`);
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`test:exercises: passed in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
