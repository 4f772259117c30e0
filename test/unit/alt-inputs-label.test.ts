/**
 * Notebooks 11–16 on any manifest (issue 15): the banner's data status comes from the manifest
 * before the inputs load, figure titles name a real manifest, and the truth is used only when the
 * manifest names a truth folder; the site-year truth lines up with the pooled site-years of any
 * layout.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  ALT_INPUTS_ENV, ArgumentError, DEMO_WORLD_DATA_NOTE, DataError, altDataStatus, altFigureTitle, altPartialDependence, altSettings,
  comparePartialDependence, demoWorldSpec, ensureDemoWorld, ensureDemoWorldExport, friedman1, hasKnownTruth, loadAltInputs,
  partialDependence, readCsv, readSiteYearTruth, stringColumn, trainForest,
} from "permafrost-kit";
import { refuses, refusesAsync } from "../bad-input/corpus";

const settings = altSettings("quick");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "alt-inputs-label-"));

/**
 * A copy of the quick demo world's manifest, every path made absolute, labelled real and without truth.
 *
 * @param name - the manifest's name
 * @returns its path
 */
function realManifest(name: string): string {
  const world = ensureDemoWorld("quick", { seed: settings.seed });
  const json = JSON.parse(fs.readFileSync(path.join(world.dir, "alt-inputs.json"), "utf8")) as {
    truth?: unknown; synthetic: boolean; name: string; description: string; mask: { file: string }; siteYears: { file: string }[];
    annual: Record<string, { pattern: string }>; static: Record<string, { file: string }>; fire?: { file: string };
  };
  const abs = (p: string): string => path.join(world.dir, p);
  delete json.truth;
  Object.assign(json, { synthetic: false, name, description: "test of the real-data path (synthetic values)" });
  json.mask.file = abs(json.mask.file);
  json.siteYears.forEach((s) => (s.file = abs(s.file)));
  Object.values(json.annual).forEach((a) => (a.pattern = abs(a.pattern)));
  Object.values(json.static).forEach((s) => (s.file = abs(s.file)));
  if (json.fire !== undefined) json.fire.file = abs(json.fire.file);
  const file = path.join(tmp, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(json));
  return file;
}

describe("altDataStatus: the banner's data status, from the manifest, before the inputs load", () => {
  it("the demo world (no manifest named): synthetic, the demo world's note, known truth", () => {
    const saved = process.env[ALT_INPUTS_ENV];
    delete process.env[ALT_INPUTS_ENV];
    try {
      const s = altDataStatus(settings);
      assert.equal(s.data, "synthetic");
      assert.equal(s.dataNote, DEMO_WORLD_DATA_NOTE);
      assert.equal(s.label, "SYNTHETIC demo-world-quick");
      assert.equal(s.hasTruth, true);
      assert.ok(s.world !== null && s.world.dir === s.manifest.dir);
    } finally {
      if (saved !== undefined) process.env[ALT_INPUTS_ENV] = saved;
    }
  });
  it("a real manifest named by $PERMAFROST_ALT_INPUTS: real, REAL and its name and path in the note and label, no truth, no world", async () => {
    const file = realManifest("npr-test");
    const saved = process.env[ALT_INPUTS_ENV];
    process.env[ALT_INPUTS_ENV] = file;
    try {
      const s = altDataStatus(settings);
      assert.equal(s.data, "real");
      assert.equal(s.label, `REAL inputs "npr-test" (${file})`);
      assert.equal(s.dataNote, `REAL inputs "npr-test" (${file}): test of the real-data path (synthetic values)`);
      assert.equal(s.hasTruth, false);
      assert.equal(s.world, null);
      const inputs = await loadAltInputs(settings);
      assert.equal(inputs.label, s.label, "the banner and the loaded inputs say the same");
      assert.equal(hasKnownTruth(inputs), false);
    } finally {
      if (saved === undefined) delete process.env[ALT_INPUTS_ENV];
      else process.env[ALT_INPUTS_ENV] = saved;
    }
  });
  it("a synthetic manifest other than the demo world's says synthetic and whether its truth is known", () => {
    const s = altDataStatus(settings, { manifest: path.join(ensureDemoWorld("quick", { seed: settings.seed }).dir, "alt-inputs.json") });
    assert.equal(s.data, "synthetic");
    assert.match(s.dataNote, /^synthetic inputs "demo-world-quick" \(.*alt-inputs\.json\), known truth$/);
    assert.equal(s.world, null);
  });
  refuses("altDataStatus: an unknown option", () => altDataStatus(settings, { manfest: "x" } as never), ArgumentError, ["options.manfest"]);
  refuses("altDataStatus: a manifest that does not exist", () => altDataStatus(settings, { manifest: path.join(tmp, "nope.json") }), DataError, ["nope.json"]);
});

describe("altFigureTitle: a real manifest's name in every figure title", () => {
  it("unchanged for synthetic inputs (the figure adds SYNTHETIC), the manifest named for real ones", () => {
    assert.equal(altFigureTitle({ manifest: { synthetic: true, name: "demo" } }, "Fig 4a: mean ALT"), "Fig 4a: mean ALT");
    assert.equal(altFigureTitle({ manifest: { synthetic: false, name: "NPR 1 km" } }, "Fig 4a: mean ALT"), 'Fig 4a: mean ALT<br><sup>REAL inputs "NPR 1 km"</sup>');
  });
  refuses("altFigureTitle: a title that is not a string", () => altFigureTitle({ manifest: { synthetic: false, name: "x" } }, 42 as never), ArgumentError, ["title", "42"]);
  refuses("altFigureTitle: inputs without a manifest", () => altFigureTitle({} as never, "t"), ArgumentError, ["inputs"]);
});

describe("readSiteYearTruth: the planted errors and true ALT, row by row of the pooled site-years", () => {
  it("on the demo world it equals site-years-truth.csv row by row", async () => {
    const inputs = await loadAltInputs(settings, { manifest: path.join(ensureDemoWorld("quick", { seed: settings.seed }).dir, "alt-inputs.json") });
    const t = readSiteYearTruth(inputs);
    const csv = readCsv(path.join(inputs.manifest.dir, "site-years-truth.csv"));
    assert.deepEqual(t.planted, stringColumn(csv, "planted"));
    assert.equal(t.altTrueCm.length, inputs.sites.site.length);
    assert.ok(t.planted.filter((p) => p !== "none").length > 0, "the demo world plants errors");
  });
  it("on a split export (CALM-wide + long, pooled in another order) it joins by site and year, not by line", async () => {
    const dir = path.join(tmp, "export");
    ensureDemoWorldExport(demoWorldSpec("quick", settings.seed), dir, { name: "split", tiled: true, tileSize: 64 });
    const split = await loadAltInputs(settings, { manifest: path.join(dir, "alt-inputs.json") });
    const long = await loadAltInputs(settings, { manifest: path.join(ensureDemoWorld("quick", { seed: settings.seed }).dir, "alt-inputs.json") });
    const byKey = (x: typeof split): Map<string, string> => {
      const t = readSiteYearTruth(x);
      return new Map(x.sites.site.map((s, i) => [`${s}|${x.sites.year[i]}`, `${t.planted[i]}|${t.altTrueCm[i]}`]));
    };
    assert.notDeepEqual(split.sites.site, long.sites.site, "the pooled order differs from the long file's");
    assert.deepEqual([...byKey(split)].sort(), [...byKey(long)].sort());
  });
  refusesAsync("readSiteYearTruth: inputs without known truth (real data)", async () => readSiteYearTruth(await loadAltInputs(settings, { manifest: realManifest("no-truth") })), ArgumentError, ["no-truth", "no known truth"]);
  refuses("readSiteYearTruth: a site-year missing from the truth file", () => {
    const dir = path.join(tmp, "truth-short");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "site-years-truth.csv"), "site,year,planted,alt_true_cm\nA,2003,none,50\n");
    const sites = { site: ["A", "B"], year: [2003, 2004] };
    return readSiteYearTruth({ manifest: { truthDir: dir }, sites } as never);
  }, DataError, ["site-years-truth.csv", "B 2004"]);
});

describe("altPartialDependence: Figs 6–7 with or without a truth model", () => {
  const { x, y } = friedman1(150, 5, 3, "pd-label");
  const m = trainForest(x, y, { ntrees: 10 }), r = trainForest(x, y, { ntrees: 10, seed: 2 });
  it("without a reference: the model's PD alone, truth range and shape r null", () => {
    const c = altPartialDependence(m, null, x, "x1", { gridSize: 5 });
    assert.equal(c.reference, null);
    assert.deepEqual(c.pd, partialDependence(m, x, "x1", { gridSize: 5 }));
    assert.deepEqual(c.summary, { predictor: "x1", mappedRange: c.pd.pdRange, trueRange: null, shapeR: null });
  });
  it("with a reference: exactly comparePartialDependence", () => {
    const c = altPartialDependence(m, r, x, "x1", { gridSize: 5 });
    const d = comparePartialDependence(m, r, x, "x1", { gridSize: 5 });
    assert.deepEqual(c, d);
  });
});
