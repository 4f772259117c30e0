/**
 * The package's public surface (issue 14): one namespace per layer, every name also flat and
 * the same object in both places, no name in two layers, and the generic names the old flat
 * surface carried (matrix, figure, show, resample, rmse, meanOf, toMap, atCells, yearMatrix,
 * yearsMatrix, blockToMaps) gone for names that say what they do.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as kit from "permafrost-kit";

const LAYERS = ["core", "project", "random", "io", "data", "stats", "ml", "raster", "alt", "notebook", "plot", "teach", "book"] as const;
const root = path.resolve(__dirname, "../../..");

/** Folders of src/ that are not layers: type declarations, and the command line (src/cli: the package's bin, no exports). */
const NOT_LAYERS = ["types", "cli"];

test("every layer has a namespace and a barrel file src/<layer>/index.ts", () => {
  for (const layer of LAYERS) {
    assert.equal(typeof kit[layer], "object", `kit.${layer}`);
    assert.ok(fs.existsSync(path.join(root, "src", layer, "index.ts")), `src/${layer}/index.ts`);
  }
  const dirs = fs.readdirSync(path.join(root, "src"), { withFileTypes: true }).filter((d) => d.isDirectory() && !NOT_LAYERS.includes(d.name)).map((d) => d.name).sort();
  assert.deepEqual(dirs, [...LAYERS].sort(), "a new src/ folder needs its namespace in src/index.ts and here");
});

test("the flat names are exactly the union of the namespaces, each the same object, none in two layers", () => {
  const owner = new Map<string, string>();
  for (const layer of LAYERS) {
    for (const [name, value] of Object.entries(kit[layer] as Record<string, unknown>)) {
      assert.equal(owner.get(name), undefined, `${name} is exported by both ${owner.get(name)} and ${layer}`);
      owner.set(name, layer);
      assert.equal((kit as Record<string, unknown>)[name], value, `kit.${name} is kit.${layer}.${name}`);
    }
  }
  const flat = Object.keys(kit).filter((k) => !(LAYERS as readonly string[]).includes(k)).sort();
  assert.deepEqual(flat, [...owner.keys()].sort());
});

test("the generic names of the old surface are gone; their replacements are there", () => {
  const renamed: Record<string, string> = {
    matrix: "makeMatrix", figure: "makeFigure", show: "showFigure", resample: "resampleRaster", rmse: "xgboostRmse",
    meanOf: "elementwiseMean", toMap: "scatterToMap", atCells: "gatherAtCells", yearMatrix: "pixelMatrixForYear",
    yearsMatrix: "pixelMatrixForYears", blockToMaps: "blockAnnualMaps", blockYears: "blockAnnualViews",
  };
  for (const [old, now] of Object.entries(renamed)) {
    assert.equal(old in kit, false, `kit.${old} should be gone`);
    assert.equal(typeof (kit as Record<string, unknown>)[now], "function", `kit.${now}`);
  }
});

test("notebooks call the descriptive statistics through kit.stats (kit.mean reads as any mean)", () => {
  const dir = path.join(root, "notebooks");
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".ipynb"))) {
    const text = fs.readFileSync(path.join(dir, f), "utf8");
    const bare = /kit\.(mean|median|summarize|quantiles|sampleSd)\(/.exec(text);
    assert.equal(bare, null, `${f}: ${bare?.[0]} → kit.stats.${bare?.[1]}`);
  }
});
