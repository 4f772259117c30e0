/**
 * Exercise self-checks (issue 18): a master's answers are sealed so that the tests file does not
 * contain them, a student's answer is judged right within the stated tolerance and never beyond twice
 * it, and a wrong answer is told what is wrong (sign, units, which element, key, case or trace, the
 * placeholder) without the expected value; the grade mode writes each verdict for the grader.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import fc from "fast-check";
import "../bad-input/fast-check-seed";
import { ArgumentError, DataError, exercise, isTodo, numberMatches, readExerciseTests, sealNumber, todo, type Exercise } from "permafrost-kit";

function tmpFile(name: string): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pk-teach-")), name);
}

/** Check with `ex` and return the verdict (check itself prints and returns nothing). */
function v(ex: Exercise, key: string, answer: unknown, spec?: object): { passed: boolean; message: string } {
  ex.check(key, answer, spec);
  return ex.results[ex.results.length - 1]!;
}

/** Record `answers` as the master, return a student checker on the same tests. */
function recorded(answers: [string, unknown, object][]): { student: Exercise; file: string; lines: string[] } {
  const file = tmpFile("ex.json");
  const master = exercise("ex", { mode: "record", testsFile: file, print: () => undefined });
  for (const [k, a, s] of answers) master.check(k, a, s);
  const lines: string[] = [];
  return { student: exercise("ex", { mode: "check", testsFile: file, print: (l) => lines.push(l) }), file, lines };
}

describe("sealed numbers", () => {
  it("pass within the tolerance and never beyond twice it (property)", () => {
    fc.assert(fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-4, max: 10, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), (e, tol, f) => {
      const s = sealNumber(e, { tol }, "salt");
      const a = e + f * tol;
      const ok = numberMatches(a, s, "salt");
      if (Math.abs(a - e) < 0.999 * tol) assert.ok(ok, `${a} within ${tol} of ${e}`);
      if (Math.abs(a - e) > 2.001 * tol) assert.ok(!ok, `${a} beyond 2×${tol} of ${e}`);
    }));
  });

  it("relative tolerance: within a factor 1 ± rtol always passes, beyond (1 − rtol)^±2 never (property)", () => {
    fc.assert(fc.property(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.constantFrom(0.5, 0.2, 0.1, 0.05, 1e-3), fc.double({ min: -1, max: 1, noNaN: true }), fc.boolean(), (m, rtol, f, neg) => {
      const e = neg ? -m : m;
      const s = sealNumber(e, { rtol }, "salt");
      const near = e * (1 + 0.999 * rtol * f);
      assert.ok(numberMatches(near, s, "salt"), `${near} within rtol ${rtol} of ${e}`);
      const far = e * (f >= 0 ? 1.001 / (1 - rtol) ** 2 : 0.999 * (1 - rtol) ** 2);
      assert.ok(!numberMatches(far, s, "salt"), `${far} beyond (1 − ${rtol})^±2 of ${e}`);
    }));
  });

  it("refuses a tolerance that would pass every answer; tiny solutions use the absolute floor", () => {
    for (const t of [{ tol: 0 }, { tol: Number.NaN }, { tol: -1 }, { rtol: 0 }, { rtol: 1 }]) assert.throws(() => sealNumber(7, t, "s"), /bad tolerance/, JSON.stringify(t));
    const noise = sealNumber(0.1 + 0.2 - 0.3, {}, "s");
    assert.ok(numberMatches(0, noise, "s") && numberMatches(-5.55e-17, noise, "s"));
    assert.ok(!numberMatches(1e-6, noise, "s"));
  });

  it("relative tolerance works on the log scale, sign and zero included", () => {
    const s = sealNumber(-3.2e-5, { rtol: 1e-3 }, "x");
    assert.ok(numberMatches(-3.2001e-5, s, "x"));
    assert.ok(!numberMatches(3.2e-5, s, "x"));
    assert.ok(!numberMatches(-3.3e-5, s, "x"));
    const z = sealNumber(0, { rtol: 1e-3 }, "x");
    assert.ok(numberMatches(0, z, "x"));
    assert.ok(numberMatches(1e-17, z, "x"), "rtol is an absolute tolerance at 0");
    assert.ok(!numberMatches(0.01, z, "x"));
  });
});

describe("exercise check", () => {
  it("never writes the answer into the tests file", () => {
    const { file } = recorded([["q1", 12.3456, { tol: 0.001 }], ["q2", "Hartung-Knapp", {}], ["q3", [101.5, 202.25], { tol: 0.01 }]]);
    const text = fs.readFileSync(file, "utf8");
    for (const secret of ["12.34", "Hartung", "hartung", "101.5", "202.25"]) assert.ok(!text.includes(secret), secret);
  });

  it("says what is wrong: sign, units, element, key, type, the placeholder", () => {
    const { student, lines } = recorded([["q1", 2.5, { tol: 0.01, hint: "Eq. 1" }], ["q2", new Float64Array([1, 2, 3]), { tol: 0.01 }], ["q3", { so: 1.2, to: -0.5 }, { tol: 0.05 }]]);
    assert.equal(v(student, "q1", 2.504, { hint: "Eq. 1" }).passed, true);
    assert.match(v(student, "q1", -2.5, { hint: "Eq. 1" }).message, /the sign is wrong/);
    assert.match(v(student, "q1", 250).message, /100× too large/);
    assert.match(v(student, "q1", Number.NaN).message, /got NaN, expected a finite number/);
    assert.match(v(student, "q1", "2.5").message, /expected a number, got a string/);
    assert.match(v(student, "q1", todo()).message, /no answer yet/);
    assert.match(v(student, "q2", [1, 2, 3]).message, /expected a Float64Array, got an array/);
    assert.match(v(student, "q2", new Float64Array([1, 2])).message, /expected 3 values, got 2/);
    assert.match(v(student, "q2", new Float64Array([1, 9, 3])).message, /1 of 3 values is off; the first is \[1\]/);
    assert.match(v(student, "q3", { so: 1.2 }).message, /missing key to/);
    assert.match(v(student, "q3", { so: 1.2, to: todo() }).message, /no answer yet/);
    assert.match(lines[1]!, /^✘ q1: not yet — the answer: the sign is wrong\. Hint: Eq\. 1$/);
    for (const l of lines) assert.ok(!/2\.5\b/.test(l.replace("-2.5", "")) || l.startsWith("✔"), l);
  });

  it("calls a function on the cases and reports the case that is wrong or throws", () => {
    const { student } = recorded([["q1", (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length, { cases: [[[1, 2, 3]], [new Float64Array([4, 8])]] }]]);
    assert.equal(v(student, "q1", (a: number[]) => Array.from(a).reduce((s, v) => s + v, 0) / a.length).passed, true);
    assert.match(v(student, "q1", (a: number[]) => a.length).message, /case 1 of 2/);
    assert.match(v(student, "q1", () => { throw new Error("boom"); }).message, /case 1 of 2 threw Error: boom/);
    assert.match(v(student, "q1", 3).message, /expected a function, got a number/);
  });

  it("function cases survive the tests file: NaN, ±Infinity and −0 arguments; unwritable ones are refused", () => {
    const nanMean = (xs: Float64Array): number => {
      let sum = 0;
      let n = 0;
      for (const x of xs) if (!Number.isNaN(x)) { sum += x; n++; }
      return sum / n;
    };
    const { student } = recorded([["q1", nanMean, { cases: [[new Float64Array([1, Number.NaN, 3])], [new Float64Array([Number.NaN, -0, 2])]], hint: "skip NaN" }]]);
    assert.equal(v(student, "q1", nanMean).passed, true);
    assert.match(v(student, "q1", (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / xs.length).message, /case 1 of 2.*got NaN/);
    const m = exercise("ex", { mode: "record", testsFile: tmpFile("u.json"), print: () => undefined });
    assert.throws(() => m.check("q1", (x: unknown) => String(x), { cases: [[undefined]] }), /an argument that cannot be written to the tests file: got "undefined"/);
    assert.throws(() => m.check("q2", (x: unknown) => String(x), { cases: [[new Date(0)]] }), /cannot be written/);
  });

  it("checks a figure's traces, modes, points and axis titles", () => {
    const fig = { data: [{ type: "scatter", mode: "markers", x: [1, 2], y: [3, 4] }, { type: "scatter", mode: "lines", x: [1, 2], y: [3.5, 3.5] }], layout: { xaxis: { title: { text: "year" } }, yaxis: { title: "ALT (cm)" } } };
    const { student } = recorded([["q1", fig, { values: true, tol: 0.01 }]]);
    assert.equal(v(student, "q1", fig).passed, true);
    assert.match(v(student, "q1", { data: fig.data.slice(0, 1), layout: fig.layout }).message, /expected 2 traces, got 1/);
    assert.match(v(student, "q1", { ...fig, data: [{ ...fig.data[0], mode: "lines" }, fig.data[1]] }).message, /trace 1 should have mode 'markers'/);
    assert.match(v(student, "q1", { ...fig, layout: { xaxis: { title: "year" } } }).message, /the y axis needs a title/);
    assert.match(v(student, "q1", { ...fig, data: [fig.data[0], { ...fig.data[1], y: [3.5, 9] }] }).message, /trace 2 y: 1 of 2 values is off/);
    assert.match(v(student, "q1", { data: fig.data, layout: null }).message, /a figure needs data \(a list of trace objects\) and layout/);
    assert.match(v(student, "q1", { data: [null, null], layout: {} }).message, /a figure needs data/);
    const synthetic = recorded([["q1", { data: fig.data, layout: { ...fig.layout, title: { text: "SYNTHETIC DATA: x" } } }, {}]]).student;
    assert.match(v(synthetic, "q1", fig).message, /the title must say the data are SYNTHETIC/);
  });

  it("the master refuses a placeholder, a second check with one id and an unsealable answer", () => {
    const m = exercise("ex", { mode: "record", testsFile: tmpFile("m.json"), print: () => undefined });
    assert.throws(() => m.check("q1", todo()), ArgumentError);
    m.check("q1", 1);
    assert.throws(() => m.check("q1", 2), /a second check with the same id/);
    assert.throws(() => m.check("q2", Number.NaN), /cannot seal/);
    assert.throws(() => m.check("q3", (x: number) => x), /a function answer needs cases/);
    assert.ok(isTodo({ a: [1, todo()] }));
  });

  it("grade mode appends each verdict; an unknown test, a missing or foreign tests file are named", () => {
    const { file } = recorded([["q1", 1, {}]]);
    const results = tmpFile("results.jsonl");
    const g = exercise("ex", { mode: "grade", testsFile: file, resultsFile: results, print: () => undefined });
    g.check("q1", 1);
    g.check("q1", 2);
    g.check("q9", 1);
    const lines = fs.readFileSync(results, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { key: string; passed: boolean; message: string });
    assert.deepEqual(lines.map((l) => [l.key, l.passed]), [["q1", true], ["q1", false], ["q9", false]]);
    assert.match(lines[2]!.message, /no test named q9 .* \(it has q1\)/);
    const printed: string[] = [];
    const off = exercise("ex", { testsFile: tmpFile("none.json"), print: (l) => printed.push(l) });
    assert.match(v(off, "q1", 1).message, /no tests file at/);
    assert.match(printed[0]!, /^Self-checks are off/);
    assert.throws(() => exercise("other", { testsFile: file }), DataError);
    assert.throws(() => exercise("ex", { mode: "grading" as "grade" }), /unknown mode/);
    assert.equal(readExerciseTests(file).tests[0]!.key, "q1");
  });
});
