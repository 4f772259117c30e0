import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ArgumentError, float64Column, toDataFrame } from "permafrost-kit";

describe("toDataFrame / float64Column", () => {
  it("round-trips a typed column through a danfo DataFrame", () => {
    const df = toDataFrame({ site: ["a", "b"], v: new Float64Array([1.25, -2]) });
    assert.deepEqual(df.columns, ["site", "v"]);
    assert.deepEqual(Array.from(float64Column(df, "v")), [1.25, -2]);
  });
  it("refuses columns of unequal length", () => {
    assert.throws(() => toDataFrame({ a: [1, 2], b: [1] }), (e: unknown) => e instanceof ArgumentError && /toDataFrame: columns\.b: columns differ in length: got 1, expected 2 values/.test(e.message));
  });
  it("names the row of a missing or non-numeric value", () => {
    const df = toDataFrame({ v: [1, null, 3], s: ["x", "y", "z"] });
    assert.throws(() => float64Column(df, "v", { label: "t" }), (e: unknown) => e instanceof ArgumentError && /float64Column: t column v \(row 1\): missing value/.test(e.message));
    assert.ok(Number.isNaN(float64Column(df, "v", { allowNaN: true })[1]!));
    assert.ok(Number.isNaN(float64Column(df, "v", { missing: "nan" })[1]!), "the loaders' missing-value option works here too");
    assert.throws(() => float64Column(df, "s"), /"x" is not a number/);
    assert.throws(() => float64Column(df, "nope"), (e: unknown) => e instanceof ArgumentError && /float64Column: name: no such column/.test(e.message));
  });
});
