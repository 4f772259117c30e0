/**
 * The error policy itself (src/core/errors.ts, checks.ts, matrix.ts): message shapes, the class
 * family, and the shared checks every public function uses — each check fed broken input.
 */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ArgumentError, DataError, EngineError, FitError, KitError, checkArray, checkInteger, checkMatrix, checkNumber, checkOneOf, checkOptions,
  checkSameLength, describeThrown, formatValue, guardEngine, makeMatrix, matrixFromColumns, selectRows,
} from "permafrost-kit";
import { refuses } from "../bad-input/corpus";

describe("error classes: one family, messages that say what, where, the value and what was expected", () => {
  it("DataError names file, line, column, value and expectation", () => {
    const e = new DataError({ file: "table1.csv", line: 12, column: "ALT", value: -32.8, expected: "0 to 2000 cm" }, "impossible value");
    assert.equal(e.message, "table1.csv line 12, column ALT: impossible value: got -32.8, expected 0 to 2000 cm");
    assert.ok(e instanceof KitError);
    assert.equal(e.name, "DataError");
    assert.equal(e.value, -32.8);
  });
  it("ArgumentError names function, argument, position, value and expectation", () => {
    const e = new ArgumentError({ fn: "trainXGBoost", arg: "validation.y", at: 17, value: NaN, expected: "a finite number" }, "bad value");
    assert.equal(e.message, "trainXGBoost: validation.y[17]: bad value: got NaN, expected a finite number");
    const f = new ArgumentError({ fn: "predict", arg: "x", at: "row 3, column \"elev\"", value: Infinity }, "infinite value");
    assert.equal(f.message, 'predict: x (row 3, column "elev"): infinite value: got Infinity');
    assert.ok(f instanceof KitError);
  });
  it("FitError names the function and method", () => {
    assert.equal(new FitError("estimateTau2", "REML", "no convergence").message, "estimateTau2 (REML): no convergence");
  });
  it("EngineError keeps the cause and quotes anything thrown, even a bare string", () => {
    const trap = new WebAssembly.RuntimeError("memory access out of bounds");
    const e = new EngineError("ml-xgboost", "train", trap);
    assert.equal(e.cause, trap);
    assert.match(e.message, /ml-xgboost failed during train: RuntimeError: memory access out of bounds/);
    assert.match(new EngineError("x", "y", "abort(5)").message, /thrown value "abort\(5\)"/);
  });
  it("guardEngine wraps foreign throws and lets kit errors through unchanged", () => {
    assert.throws(() => guardEngine("e", "op", () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- an engine throwing a bare string is the case under test
      throw "boom";
    }), (x: unknown) => x instanceof EngineError && /"boom"/.test(x.message));
    const mine = new ArgumentError({ fn: "f", arg: "a" }, "bad");
    assert.throws(() => guardEngine("e", "op", () => { throw mine; }), (x: unknown) => x === mine);
    assert.equal(guardEngine("e", "op", () => 5), 5);
  });
  it("formatValue is short and unambiguous", () => {
    assert.equal(formatValue(-0), "-0");
    assert.equal(formatValue(NaN), "NaN");
    assert.equal(formatValue("a"), '"a"');
    assert.equal(formatValue(new Float32Array(7)), "Float32Array(7)");
    assert.equal(formatValue([1, 2]), "[1, 2]");
    assert.equal(formatValue({ a: 1, b: 2 }), "object {a, b}");
    assert.ok(formatValue("x".repeat(500)).length <= 80);
    assert.equal(describeThrown(new RangeError("r")), "RangeError: r");
  });
});

describe("shared checks: each refuses with the argument and the value", () => {
  refuses("checkNumber: NaN option", () => checkNumber("trainXGBoost", "params.eta", NaN, { min: 0, exclusiveMin: true }), ArgumentError, ["trainXGBoost", "params.eta", "got NaN", "> 0"]);
  refuses("checkNumber: Infinity", () => checkNumber("f", "options.level", Infinity), ArgumentError, ["options.level", "got Infinity"]);
  refuses("checkNumber: a string", () => checkNumber("f", "options.level", "0.95"), ArgumentError, ["options.level", 'got "0.95"']);
  refuses("checkNumber: above max", () => checkNumber("metagen", "options.level", 95, { min: 0, max: 1 }), ArgumentError, ["metagen", "options.level", "got 95", "≤ 1"]);
  refuses("checkInteger: fractional", () => checkInteger("trainForest", "options.nTrees", 2.5, { min: 1 }), ArgumentError, ["options.nTrees", "got 2.5", "an integer"]);
  refuses("checkInteger: zero rounds", () => checkInteger("trainXGBoost", "params.nrounds", 0, { min: 1 }), ArgumentError, ["params.nrounds", "got 0", "≥ 1"]);
  refuses("checkOneOf: unknown estimator", () => checkOneOf("metagen", "options.methodTau", "REM", ["DL", "REML"] as const), ArgumentError, ["options.methodTau", 'got "REM"', '"DL", "REML"']);
  refuses("checkOptions: misspelt option", () => checkOptions("trainForest", "options", { ntree: 50 }, ["nTrees", "mtries"]), ArgumentError, ["options.ntree", "unknown option", "nTrees, mtries"]);
  refuses("checkOptions: not an object", () => checkOptions("f", "options", 5, ["a"]), ArgumentError, ["options", "got 5"]);
  refuses("checkArray: NaN at index 2", () => checkArray("mean", "x", [1, 2, NaN]), ArgumentError, ["mean", "x[2]", "got NaN"]);
  refuses("checkArray: -Infinity even where NaN is allowed", () => checkArray("f", "y", new Float64Array([NaN, -Infinity]), { allowNaN: true }), ArgumentError, ["y[1]", "got -Infinity"]);
  refuses("checkArray: wrong length", () => checkArray("f", "y", [1, 2], { length: 3, lengthOf: "x.nRows" }), ArgumentError, ["f: y", "got 2", "3 (x.nRows)"]);
  refuses("checkArray: not an array", () => checkArray("f", "y", "123"), ArgumentError, ["f: y", 'got "123"']);
  refuses("checkArray: a string inside", () => checkArray("f", "y", [1, "2"]), ArgumentError, ["y[1]", 'got "2"']);
  refuses("checkSameLength", () => checkSameLength("pearsonR", "x", [1, 2, 3], "y", [1, 2]), ArgumentError, ["pearsonR: y", "got 2", "3 values, the length of x"]);
});

describe("Matrix checks: shape, storage, names and infinite cells", () => {
  refuses("a plain Float64Array where a Matrix is expected", () => checkMatrix("trainForest", "x", new Float64Array(6)), ArgumentError, ["trainForest: x", "not a Matrix", "Float64Array(6)"]);
  refuses("a literal whose data length is not nRows × nCols", () => checkMatrix("predict", "x", { data: new Float64Array(5), nRows: 2, nCols: 3 }), ArgumentError, ["predict: x.data", "got 5", "2 × 3 = 6"]);
  refuses("a plain number[] as storage", () => checkMatrix("predict", "x", { data: [1, 2], nRows: 1, nCols: 2 }), ArgumentError, ["x.data", "Float64Array"]);
  refuses("fractional nRows", () => checkMatrix("f", "x", { data: new Float64Array(3), nRows: 1.5, nCols: 2 }), ArgumentError, ["x.nRows", "got 1.5"]);
  refuses("column names of the wrong count", () => checkMatrix("f", "x", { data: new Float64Array(4), nRows: 2, nCols: 2, columns: ["a"] }), ArgumentError, ["x.columns", '["a"]']);
  refuses("duplicate column names", () => checkMatrix("f", "x", { data: new Float64Array(4), nRows: 2, nCols: 2, columns: ["a", "a"] }), ArgumentError, ["x.columns[1]", '"a"']);
  refuses("an infinite cell, named by row and column", () => makeMatrix(new Float64Array([1, 2, 3, Infinity]), 2, ["elev", "ndvi"]), ArgumentError, ['row 1, column "ndvi"', "got Infinity"]);
  refuses("too few rows", () => checkMatrix("trainForest", "x", makeMatrix(new Float64Array(2), 2), 2), ArgumentError, ["x.nRows", "got 1", "at least 2"]);
  refuses("matrix: data not a multiple of nCols", () => makeMatrix(new Float64Array(5), 2), ArgumentError, ["matrix: data", "got 5", "multiple of nCols = 2"]);
  refuses("matrix: zero columns", () => makeMatrix(new Float64Array(0), 0), ArgumentError, ["matrix: nCols", "got 0"]);
  refuses("matrixFromColumns: unknown name", () => matrixFromColumns({ a: [1] }, ["a", "b"]), ArgumentError, ["names[1]", '"b"', "one of a"]);
  refuses("matrixFromColumns: ragged columns", () => matrixFromColumns({ a: [1, 2], b: [1] }), ArgumentError, ["columns.b", "got 1", "2 values"]);
  refuses("selectRows: index out of range", () => selectRows(makeMatrix(new Float64Array(4), 2), [0, 5]), ArgumentError, ["selectRows: rows[1]", "got 5", "0..1"]);
  refuses("selectRows: fractional index", () => selectRows(makeMatrix(new Float64Array(4), 2), [0.5]), ArgumentError, ["rows[0]", "got 0.5"]);
  it("NaN cells are missing values and pass", () => {
    assert.equal(checkMatrix("f", "x", makeMatrix(new Float64Array([NaN, 1]), 2)).nRows, 1);
  });
});
