/**
 * Exercise masters, student notebooks and grading without a kernel (issue 18): a master's mistakes are
 * refused with the file and cell; solutions become placeholders that compile (declarations with
 * arrow types, assignments, returns, blocks with and without a return, blocks without a prompt);
 * hidden tests and markers never reach the student; the grader puts its own (official) test cells
 * where the student's were, appends the ones a student deleted, counts only official verdicts,
 * scores points × share of tests passed and says which cell stopped a test.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import {
  DataError, autograderBundle, cellSource, exerciseOf, feedbackMarkdown, gradesCsv, gradingNotebook, readMaster, readVerdicts, runnableMaster, scoreSubmission, solutionLines,
  studentNotebook, studentOf, stubSolution, type NotebookCell, type NotebookJson,
} from "permafrost-kit";

const code = (source: string, extra: Partial<NotebookCell> = {}): NotebookCell => ({ cell_type: "code", metadata: {}, source, outputs: [], execution_count: null, ...extra });
const raw = (source: string): NotebookCell => ({ cell_type: "raw", metadata: {}, source });
const md = (source: string): NotebookCell => ({ cell_type: "markdown", metadata: {}, source });
const nbOf = (cells: NotebookCell[]): NotebookJson => ({ nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: "tslab" } }, cells });
const START = code('import * as kit from "permafrost-kit";\nconst { check, todo } = kit.exercise("ex");');

function question(name: string, solution: string[], tests: string[], points?: number): NotebookCell[] {
  return [
    raw(`# BEGIN QUESTION\nname: ${name}${points === undefined ? "" : `\npoints: ${points}`}`), md(`### ${name}`),
    raw("# BEGIN SOLUTION"), ...solution.map((s) => code(s)), raw("# END SOLUTION"),
    raw("# BEGIN TESTS"), ...tests.map((t) => code(t)), raw("# END TESTS"), raw("# END QUESTION"),
  ];
}

const MASTER = nbOf([
  md("# Example"), START,
  ...question("q1", ["const so: number[] = magst.map((m, i) => m - maat[i]); // SOLUTION"], ['check("q1", so, { tol: 0.05, hint: "Eq. 1" });'], 2),
  ...question("q2", ["function f(a: number): number {\n  // BEGIN SOLUTION\n  const b = a * 2;\n  return b;\n  // END SOLUTION\n}"],
    ['check("q2", f, { cases: [[1]], hint: "double it" });', '// HIDDEN\ncheck("q2/more", f, { cases: [[7], [-1]] });']),
  md("## Summary"),
]);
const read = (nb: NotebookJson, file = "ex.ipynb") => readMaster(file, JSON.stringify(nb));

describe("exercise masters", () => {
  it("reads questions, points, public and hidden tests", () => {
    const m = read(MASTER);
    assert.deepEqual(m.questions.map((q) => [q.name, q.points, q.publicTests, q.hiddenTests]), [["q1", 2, ["q1"], []], ["q2", 1, ["q2"], ["q2/more"]]]);
    assert.deepEqual(autograderBundle(m).questions.map((q) => q.tests), [["q1"], ["q2", "q2/more"]]);
    assert.deepEqual(solutionLines(m), ["magst.map((m, i) => m - maat[i])", "const b = a * 2"]);
  });

  it("refuses a malformed master, naming the file and cell", () => {
    const cases: [NotebookCell[], RegExp][] = [
      [[START, raw("# BEGIN QESTION\nname: q1")], /ex\.ipynb line 2.*an unknown marker/],
      [[START, ...question("q1", ["const x: number = 1; // SOLUTION"], ['// HIDDEN\ncheck("q1", x);'])], /question q1 has no public test/],
      [[START, ...question("q1", ["const x: number = 1; // SOLUTION"], ['check("q2", x);'])], /a check id of another question: got "q2"/],
      [[START, ...question("q1", ["const x: number = 1; // SOLUTION"], ['check("q1", x);', 'check("q1", x);'])], /a check id used twice/],
      [[START, ...question("q1", ["const x: number = 1;"], ['check("q1", x);'])], /a solution cell without a solution marker/],
      [[START, ...question("q1", ["const x: number = 1; // SOLUTION"], ["check(id, x);"])], /without check\("<id>", …\) calls with string-literal ids/],
      [[code("const a = 1;"), START], /the first code cell does not start the exercise.*expected kit\.exercise\("ex"\)/],
      [[START, raw("# BEGIN QUESTION\nname: q1")], /the last question is not closed/],
      [[START, raw("# BEGIN QUESTION\nname: q1\npoints: -1")], /bad points: got "-1"/],
      [[START, code('check("q1", 1);')], /a check\(…\) call outside a question's tests/],
    ];
    for (const [cells, re] of cases) assert.throws(() => read(nbOf(cells)), (e: unknown) => e instanceof DataError && re.test(e.message), String(re));
    assert.throws(() => readMaster("ex.ipynb", "{ not json"), /ex\.ipynb: unreadable/);
  });

  it("reads markers in any case, quoted names and commented-out checks as Otter does; refuses solutions it could not hide", () => {
    const lower = [START, raw("# begin question\nname: \"q1\""), raw("# Begin Solution"), code("const x: number = 1; // solution"), raw("# end solution"),
      raw("# BEGIN TESTS"), code('check("q1", x, { hint: "h" });\n// check("q1/old", x);'), raw("# END TESTS"), raw("# END QUESTION")];
    const m = read(nbOf(lower));
    assert.deepEqual(m.questions.map((q) => [q.name, q.publicTests]), [["q1", ["q1"]]]);
    assert.ok(!JSON.stringify(studentNotebook(m)).includes("= 1;"), "a lower-case // solution is stubbed too");
    const inSolution = [START, raw("# BEGIN QUESTION\nname: q1"), raw("# BEGIN SOLUTION"), md("**Solution:** 65.33"), code("const x: number = 1; // SOLUTION"), raw("# END SOLUTION"),
      raw("# BEGIN TESTS"), code('check("q1", x);'), raw("# END TESTS"), raw("# END QUESTION")];
    assert.throws(() => read(nbOf(inSolution)), /a markdown or raw cell inside a solution/);
    const outside = [START, raw("# BEGIN QUESTION\nname: q1"), code("const x: number = secret(3); // SOLUTION"),
      raw("# BEGIN TESTS"), code('check("q1", x);'), raw("# END TESTS"), raw("# END QUESTION")];
    assert.throws(() => read(nbOf(outside)), /a solution marker outside # BEGIN SOLUTION/);
  });
});

describe("student notebooks", () => {
  it("stubs declarations, assignments, returns and blocks so that they compile", () => {
    const at = { file: "ex.ipynb", cell: 3 };
    assert.equal(stubSolution("const f: (x: number) => number = (x) => x >= 2 ? x : 0; // SOLUTION", at), "const f: (x: number) => number = todo(); // YOUR CODE HERE");
    assert.equal(stubSolution("  total = a + b; // SOLUTION", at), "  total = todo(); // YOUR CODE HERE");
    assert.equal(stubSolution("  return a.filter((v) => v !== 0).length; // SOLUTION", at), "  return todo(); // YOUR CODE HERE");
    assert.equal(stubSolution("// BEGIN SOLUTION\nconst w = 1;\nconsole.log(w);\n// END SOLUTION\nconst k = 2;", at), "// YOUR CODE HERE\nconst k = 2;");
    assert.equal(stubSolution("// BEGIN SOLUTION NO PROMPT\nconst w = 1;\n// END SOLUTION\nconst x: number = w; // SOLUTION", at), "const x: number = todo(); // YOUR CODE HERE");
    assert.throws(() => stubSolution("console.log(1); // SOLUTION", at), /ex\.ipynb line 3, column cell 3, line 1: a \/\/ SOLUTION line that is neither/);
    assert.throws(() => stubSolution("// BEGIN SOLUTION\nconst w = 1;", at), /without \/\/ END SOLUTION/);
    assert.throws(() => stubSolution("const w = 1;\n// END SOLUTION", at), /without \/\/ BEGIN SOLUTION/);
    assert.equal(stubSolution("x += 1; // SOLUTION", at), "x += todo(); // YOUR CODE HERE");
    assert.equal(stubSolution('m["a=b"] = 5; // SOLUTION', at), 'm["a=b"] = todo(); // YOUR CODE HERE');
    assert.equal(stubSolution("let x: number; // SOLUTION", at), "let x: number = todo(); // YOUR CODE HERE");
    assert.equal(stubSolution("function g(a: number): number {\n  // BEGIN SOLUTION\n  return a > 0\n    ? a\n    : -a;\n  // END SOLUTION\n}", at), "function g(a: number): number {\n  // YOUR CODE HERE\n  return todo();\n}");
    assert.throws(() => stubSolution("const { a, b } = o; // SOLUTION", at), /destructures/);
    assert.throws(() => stubSolution("const so: number[] = magst // SOLUTION\n  .map((m) => m);", at), /does not end on its line with ;/);
    assert.throws(() => stubSolution("const so: number[] = magst; // SOLUTION\n  .map((m) => m);", at), /continued on the next line/);
  });

  it("drops markers and hidden tests, tags test cells, strips outputs", () => {
    const withOutputs = JSON.parse(JSON.stringify(MASTER)) as NotebookJson;
    for (const c of withOutputs.cells) if (c.cell_type === "code") { c.outputs = [{ output_type: "stream", name: "stdout", text: "x" }]; c.execution_count = 4; }
    const s = studentNotebook(read(withOutputs));
    const text = JSON.stringify(s);
    assert.ok(!text.includes("BEGIN") && !text.includes("HIDDEN") && !text.includes("q2/more") && !text.includes("magst.map") && !text.includes("a * 2"));
    assert.deepEqual(s.cells.filter((c) => c.cell_type === "code").map((c) => [c.outputs, c.execution_count]), Array(5).fill([[], null]));
    assert.deepEqual(s.cells.filter((c) => (c.metadata["permafrost"] as { tests?: string } | undefined)?.tests !== undefined).map(cellSource), ['check("q1", so, { tol: 0.05, hint: "Eq. 1" });', 'check("q2", f, { cases: [[1]], hint: "double it" });']);
    assert.deepEqual(s.metadata["permafrost"], { exercise: "ex" });
    assert.ok(cellSource(s.cells.find((c) => cellSource(c).startsWith("function f"))!).includes("  // YOUR CODE HERE\n  return todo();"));
    assert.equal(runnableMaster(read(MASTER)).cells.filter((c) => c.cell_type === "raw").length, 0);
  });
});

describe("grading", () => {
  const m = read(MASTER);
  const bundle = autograderBundle(m);

  it("puts the grader's official tests where the student's were and appends deleted ones", () => {
    const sub = studentNotebook(m);
    const noQ1 = { ...sub, cells: sub.cells.filter((c) => !cellSource(c).startsWith('check("q1"')) };
    const g = gradingNotebook(noQ1, bundle);
    const tests = g.cells.filter((c) => (c.metadata["permafrost"] as { grader?: boolean } | undefined)?.grader === true).map(cellSource);
    assert.deepEqual(tests, ['check.official("q2", f, { cases: [[1]], hint: "double it" });', '// HIDDEN\ncheck.official("q2/more", f, { cases: [[7], [-1]] });', 'check.official("q1", so, { tol: 0.05, hint: "Eq. 1" });']);
    assert.equal(exerciseOf(sub), "ex");
    assert.equal(exerciseOf(nbOf([START])), "ex");
    assert.equal(exerciseOf(nbOf([code("1")])), null);
    assert.deepEqual([studentOf("subs/alice.ipynb", ["ex"]), studentOf("subs/bob/ex.ipynb", ["ex"]), studentOf("subs/cy/other.ipynb", ["ex", "other"])], ["alice", "bob", "cy"]);
  });

  it("counts only official verdicts, the last of each test", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pk-grade-"));
    const f = path.join(dir, "r.jsonl");
    fs.writeFileSync(f, [
      { key: "q1", passed: false, message: "off", official: true }, { key: "q1", passed: true, message: "", official: false },
      { key: "q2", passed: false, message: "a", official: true }, { key: "q2", passed: true, message: "", official: true },
    ].map((r) => JSON.stringify(r)).join("\n"));
    const v = readVerdicts(f);
    assert.deepEqual([v.get("q1"), v.get("q2")], [{ passed: false, message: "off" }, { passed: true, message: "" }]);
    assert.equal(readVerdicts(path.join(dir, "none.jsonl")).size, 0);
    fs.writeFileSync(f, "{\"key\":");
    assert.throws(() => readVerdicts(f), /r\.jsonl line 1: unreadable verdict/);
  });

  it("scores points × share passed, names the cell that stopped a test, writes CSV and feedback", () => {
    const failures = [{ cell: 4, ename: "CellError", evalue: "TypeError: x is null" }, { cell: 9, ename: "CellError", evalue: "Cannot find name 'f'" }];
    const s = scoreSubmission("o'neil, j", bundle, new Map([["q1", { passed: true, message: "" }], ["q2/more", { passed: false, message: "case 1 of 2: the sign is wrong" }]]), failures, { q1: [5], q2: [9, 10] });
    assert.deepEqual(s.questions.map((q) => q.score), [2, 0]);
    assert.equal(s.total, 2);
    assert.equal(s.possible, 3);
    assert.match(s.questions[1]!.tests[0]!.message, /did not run: its test cell \(cell 9\) failed: Cannot find name 'f' \(cell 4 failed before it: TypeError: x is null\)/);
    const thirds = scoreSubmission("t", { exercise: "ex", questions: ["a", "b", "c"].map((n) => ({ name: n, points: 1, tests: [n, `${n}/2`, `${n}/3`], hidden: [], cells: [] })) },
      new Map(["a", "b", "c"].map((n) => [n, { passed: true, message: "" }])), []);
    assert.deepEqual([thirds.total, thirds.questions.map((q) => q.score)], [1, [0.33, 0.33, 0.33]]);
    const half = scoreSubmission("ann", bundle, new Map([["q1", { passed: true, message: "" }], ["q2", { passed: true, message: "" }]]), []);
    assert.deepEqual(half.questions.map((q) => q.score), [2, 0.5]);
    assert.equal(gradesCsv([s, half]), "student,q1,q2,total,possible\nann,2,0.5,2.5,3\n\"o'neil, j\",2,0,2,3\n");
    const fb = feedbackMarkdown(s);
    assert.match(fb, /## q2: 0 of 1\n- q2: not yet: the test did not run/);
    assert.match(fb, /- hidden test q2\/more: failed\n/);
    assert.ok(!fb.includes("the sign is wrong"), "a hidden test's message is not shown to the student");
    assert.match(fb, /## Cells that failed\n\n- cell 4: CellError: TypeError: x is null/);
  });
});
