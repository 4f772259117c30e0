import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { metaForestPlot, metagen } from "permafrost-kit";

describe("metaForestPlot", () => {
  const te = Array.from({ length: 24 }, (_, i) => Math.sin(i) * 0.5);
  const se = te.map((_, i) => 0.1 + (i % 5) * 0.05);
  const sub = te.map((_, i) => (i < 10 ? "Arctic" : i < 20 ? "Third Pole" : "Antarctica"));
  const r = metagen({ te, seTE: se, subgroup: sub }, { prediction: true });
  const f = metaForestPlot("forest-test", r, "test", { synthetic: true });
  it("has one labelled row per study, subgroup header and diamond, overall and prediction rows", () => {
    const ticks = f.layout.yaxis!.ticktext as string[];
    assert.equal(ticks.length, 24 + 3 * 2 + 1 + 1);
    assert.ok(ticks.includes("Prediction interval"));
  });
  it("grows in height with the number of rows so 20+ studies stay legible (≥ 20 px per row)", () => {
    assert.ok(f.height / (f.layout.yaxis!.ticktext as string[]).length >= 20);
  });
  it("draws a diamond per subgroup plus the overall one, and labels synthetic data", () => {
    const diamonds = f.data.filter((d) => (d as { fill?: string }).fill === "toself");
    assert.equal(diamonds.length, 4);
    assert.match((f.layout.title as { text: string }).text, /^SYNTHETIC DATA/);
  });
});
