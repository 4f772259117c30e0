import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DataError, expectColumns, numberColumn, parseCsv, stringColumn } from "permafrost-kit";

describe("parseCsv", () => {
  it("reads quoted fields, doubled quotes, CRLF and leading # comments, keeping file lines", () => {
    const t = parseCsv('# provenance line\r\nA,B\r\n"x, y","say ""hi"""\r\n2,3\r\n', "q.csv");
    assert.deepEqual(t.comments, ["provenance line"]);
    assert.deepEqual(t.header, ["A", "B"]);
    assert.deepEqual(t.rows, [["x, y", 'say "hi"'], ["2", "3"]]);
    assert.deepEqual(t.lines, [3, 4]);
  });

  it("counts lines inside multi-line quoted fields", () => {
    const t = parseCsv('A,B\n"two\nlines",1\nz,2\n');
    assert.deepEqual(t.lines, [2, 4]);
  });

  it("accepts a last record without a newline and skips blank lines", () => {
    const t = parseCsv("A\n1\n\n2");
    assert.deepEqual(t.rows, [["1"], ["2"]]);
  });

  it("accepts the documented number spellings: quoted, +5, 5., .5, 007, blanks around", () => {
    const t = parseCsv('v\n"12.5"\n+5\n5.\n.5\n007\n 3 \n', "n.csv");
    assert.deepEqual(Array.from(numberColumn(t, "v")), [12.5, 5, 5, 0.5, 7, 3]);
  });

  it("refuses the documented non-numbers", () => {
    for (const c of ["-", ".", "1 234", "1_000", "0x10", "\u22125", "NaN", "Infinity", "1,5"]) {
      assert.throws(() => numberColumn(parseCsv(`v\n"${c}"\n`, "n.csv"), "v"), (e: unknown) => e instanceof DataError && e.message.includes("n.csv line 2, column v"), c);
    }
  });

  it("trims header names, keeps a leading BOM out, a CR inside quotes as text, invisible characters in comments", () => {
    const t = parseCsv('\ufeff# note \u200b\nsite ,v\n"a\rb",1\n', "h.csv");
    assert.deepEqual([t.header, t.rows, t.comments], [["site", "v"], [["a\rb", "1"]], ["note \u200b"]]);
  });

  it("names the line of a record with the wrong number of fields", () => {
    assert.throws(() => parseCsv("A,B\n1,2\n3\n", "short.csv"), (e: unknown) => e instanceof DataError && e.line === 3 && /short\.csv line 3: has 1 fields, the header has 2/.test(e.message));
  });

  it("rejects duplicate and empty column names", () => {
    assert.throws(() => parseCsv("A,A\n1,2\n", "dup.csv"), /dup\.csv line 1, column A: duplicate column name "A"/);
    assert.throws(() => parseCsv("A,\n1,2\n", "empty.csv"), /empty column name/);
  });

  it("rejects an unterminated quote and a stray quote", () => {
    assert.throws(() => parseCsv('A\n"open\n', "u.csv"), /u\.csv line 2, column A: unterminated quoted field/);
    assert.throws(() => parseCsv('A\nab"c\n', "s.csv"), /s\.csv line 2, column A: stray quote/);
  });

  it("rejects a file with no header", () => {
    assert.throws(() => parseCsv("", "none.csv"), /none\.csv line 1: no header row/);
  });
});

describe("numberColumn and stringColumn", () => {
  const t = parseCsv("Site,V,W\nA,1.5,\nB,-0.01,2e3\nC, 7 ,x\n", "n.csv");

  it("parses strict decimals, and blanks as NaN only when asked", () => {
    assert.deepEqual(Array.from(numberColumn({ ...t, rows: t.rows.slice(0, 2), lines: t.lines.slice(0, 2) }, "V")), [1.5, -0.01]);
    const w = numberColumn({ ...t, rows: t.rows.slice(0, 2), lines: t.lines.slice(0, 2) }, "W", "nan");
    assert.ok(Number.isNaN(w[0]!));
    assert.equal(w[1], 2000);
    assert.equal(numberColumn(t, "V")[2], 7);
  });

  it("names file, line and column of a non-numeric cell", () => {
    assert.throws(() => numberColumn(t, "W", "nan"), (e: unknown) => e instanceof DataError && e.line === 4 && e.column === "W" && /n\.csv line 4, column W: "x" is not a number/.test(e.message));
  });

  it("names the line of a blank cell when blanks are not allowed", () => {
    assert.throws(() => numberColumn(t, "W"), /n\.csv line 2, column W: empty cell/);
  });

  it("refuses NaN, Infinity, comma decimals and trailing markers", () => {
    for (const bad of ["NaN", "Infinity", "1,5", "52.8a", "--1", ""]) {
      const one = parseCsv(`V\n"${bad}"\n`, "b.csv");
      assert.throws(() => numberColumn(one, "V"), DataError, bad);
    }
  });

  it("errors on an unknown column", () => {
    assert.throws(() => numberColumn(t, "Nope"), /no column "Nope"/);
    assert.throws(() => stringColumn(t, "Nope"), /no column "Nope"/);
    assert.deepEqual(stringColumn(t, "Site"), ["A", "B", "C"]);
  });
});

describe("expectColumns", () => {
  const t = parseCsv("A,B,C\n1,2,3\n", "c.csv");
  it("passes for the exact columns in order", () => expectColumns(t, ["A", "B", "C"]));
  it("names a missing, unexpected or misplaced column", () => {
    assert.throws(() => expectColumns(t, ["A", "B", "C", "D"]), /missing column "D"/);
    assert.throws(() => expectColumns(t, ["A", "B"]), /unexpected column "C"/);
    assert.throws(() => expectColumns(t, ["B", "A", "C"]), /column "B" is at position 2, expected 1/);
  });
});
