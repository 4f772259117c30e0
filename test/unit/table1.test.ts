import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import {
  BCG_PLAUSIBILITY, DataError, dataPath, evaluateClaims, GAZETTEER_PLAUSIBILITY, loadSiteCoordinates, loadTable1, parseCsv, parseTable1, plausibilityMarkdown, PREDICTOR_PLAUSIBILITY,
  SITE_YEAR_PLAUSIBILITY, summarize, table1Rows, TABLE1_PLAUSIBILITY, TABLE1_SUBREGIONS, type LoaderPlausibility,
} from "permafrost-kit";

const text = fs.readFileSync(dataPath("liu2025", "table1.csv"), "utf8");
const lines = text.split("\n");
const headerLine = lines.findIndex((l) => l.startsWith("No.,"));
const edit = (fn: (ls: string[]) => void): string => { const ls = lines.slice(); fn(ls); return ls.join("\n"); };
const rowLine = (no: number) => headerLine + no; // 0-based index in `lines` of row No. `no`

describe("loadTable1 (the shipped file)", () => {
  const t = loadTable1();
  it("has 117 sites with the paper's counts per region and sub-region", () => {
    assert.equal(t.n, 117);
    for (const [name, { n }] of Object.entries(TABLE1_SUBREGIONS)) assert.equal(table1Rows(t, "subRegion", name).length, n, name);
    assert.deepEqual(["Arctic", "Third Pole", "Antarctica"].map((r) => table1Rows(t, "region", r).length), [66, 32, 19]);
  });
  it("parses footnote-marked values into numbers and keeps the marker", () => {
    const i = t.site.indexOf("Mould Bay"); // printed "52.8a"
    assert.equal(t.values.ALT[i], 52.8);
    assert.equal(t.marks.ALT[i], "a");
    const j = t.site.indexOf("Guolasjavri 1"); // printed "1000.0a"
    assert.equal(t.values.ALT[j], 1000);
    const k = t.site.indexOf("Fenghuo Shan"); // ALT marked "b"
    assert.equal(t.marks.ALT[k], "b");
  });
  it("keeps blank ALT as missing, never 0, and records printed decimals", () => {
    const i = t.site.indexOf("AS20");
    assert.ok(Number.isNaN(t.values.ALT[i]!));
    assert.equal(t.decimals.ALT[i], -1);
    assert.equal(t.decimals.TO[t.site.indexOf("TSH")], 2); // printed "1.00"
    assert.equal(Array.from(t.values.ALT).filter((v) => v === 0).length, 0);
  });
  it("gives the values R 4.2 gives for Arctic SO and Antarctic ALT", () => {
    // confirmed in R: d <- read.csv("data/liu2025/table1.csv", comment.char = "#", check.names = FALSE)
    //   x <- d$SO[d$Region == "Arctic"]; mean(x) = 3.0845454545454545; sd(x)/sqrt(66) = 0.28226218876836273
    //   a <- d$ALT[d$Region == "Antarctica"]; mean(a, na.rm = TRUE) = 41.262499999999996; sum(is.na(a)) = 11
    const so = summarize(table1Rows(t, "region", "Arctic").map((i) => t.values.SO[i]!));
    assert.equal(so.n, 66);
    assert.ok(Math.abs(so.mean! - 3.0845454545454545) < 1e-13, `mean ${so.mean}`);
    assert.ok(Math.abs(so.se! - 0.28226218876836273) < 1e-13, `se ${so.se}`);
    const alt = summarize(table1Rows(t, "region", "Antarctica").map((i) => t.values.ALT[i]!));
    assert.ok(Math.abs(alt.mean! - 41.262499999999996) < 1e-12);
    assert.equal(alt.nMissing, 11);
  });
});

describe("parseTable1: malformed inputs get a clear error naming the line", () => {
  it("a wrong column name", () => {
    const bad = edit((ls) => { ls[headerLine] = ls[headerLine]!.replace("MAGST,", "MAGST_C,"); });
    assert.throws(() => parseTable1(parseCsv(bad, "t.csv")), /t\.csv line 3: missing column "MAGST"/);
  });
  it("a non-numeric cell", () => {
    const bad = edit((ls) => { ls[rowLine(5)] = ls[rowLine(5)]!.replace(",-6.5,", ",-6.5x,"); });
    assert.throws(() => parseTable1(parseCsv(bad, "t.csv")), (e: unknown) => e instanceof DataError && e.line === rowLine(5) + 1 && e.column === "MAGST" && /"-6\.5x" is not a number/.test(e.message));
  });
  it("a missing row", () => {
    const bad = edit((ls) => { ls.splice(rowLine(40), 1); });
    assert.throws(() => parseTable1(parseCsv(bad, "t.csv")), /t\.csv line \d+, column No\.: row No\. 40 is missing \(found 41\)/);
  });
  it("a duplicate site", () => {
    const bad = edit((ls) => { ls[rowLine(3)] = ls[rowLine(3)]!.replace("Arctic Village", "Barrow"); });
    assert.throws(() => parseTable1(parseCsv(bad, "t.csv")), /column Site: site "Barrow" already given on line \d+/);
  });
  it("a count that differs from the paper (a site moved to another sub-region)", () => {
    const bad = edit((ls) => { ls[rowLine(34)] = ls[rowLine(34)]!.replace("Arctic,Canada,", "Arctic,Alaska,"); });
    assert.throws(() => parseTable1(parseCsv(bad, "t.csv")), /Alaska: the paper states 18 sites, the file has 19/);
  });
  it("a blank required cell and an unknown sub-region", () => {
    const blank = edit((ls) => { ls[rowLine(2)] = ls[rowLine(2)]!.replace(",-3.2,", ",,"); });
    assert.throws(() => parseTable1(parseCsv(blank, "t.csv")), /column MAAT: empty cell; only ALT may be blank/);
    const sub = edit((ls) => { ls[rowLine(2)] = ls[rowLine(2)]!.replace("Alaska", "Yukon"); });
    assert.throws(() => parseTable1(parseCsv(sub, "t.csv")), /unknown sub-region "Yukon"/);
  });
});

describe("gazetteer and claims ledger", () => {
  const t = loadTable1();
  it("the gazetteer aligns with Table 1 and labels every position", () => {
    const c = loadSiteCoordinates(t);
    assert.equal(c.lat.length, 117);
    assert.ok(c.quality.every((q) => q === "approximate" || q === "unlocated"));
  });
  it("every ledger entry has id, where, claim, printed, computed, match and note; ids are unique", () => {
    const r = evaluateClaims(t);
    assert.equal(new Set(r.map((c) => c.id)).size, r.length);
    for (const c of r) {
      assert.ok(c.where.length > 0 && c.claim.length > 0 && c.note.length > 0, c.id);
      assert.equal(c.match === null, c.computed === null, c.id);
    }
  });
  it("finds the reversed sign of the Antarctic mean TO in the Results, and agrees with the abstract", () => {
    const r = Object.fromEntries(evaluateClaims(t).map((c) => [c.id, c]));
    assert.equal(r["abs-to-ant-mean"]?.match, true);
    assert.equal(r["res-to-ant-mean"]?.match, false);
    assert.equal(r["res-so-arctic-max"]?.match, true);
  });
});

describe("the data READMEs show the plausibility tables of the code", () => {
  const cases: [string, LoaderPlausibility][] = [
    ["data/liu2025/README.md", TABLE1_PLAUSIBILITY],
    ["data/liu2025/README.md", GAZETTEER_PLAUSIBILITY],
    ["data/liu2025/README-predictors.md", PREDICTOR_PLAUSIBILITY],
    ["data/demo-world/README.md", SITE_YEAR_PLAUSIBILITY],
    ["data/bcg/README.md", BCG_PLAUSIBILITY],
  ];
  it("every range is well formed: the unusual range lies inside the impossible one", () => {
    for (const [, spec] of cases) {
      for (const r of spec.ranges) {
        const [lo, hi] = r.impossible;
        const [ulo, uhi] = r.unusual;
        assert.ok(lo <= ulo && ulo <= uhi && uhi <= hi, `${spec.loader} ${r.column}: [${ulo}, ${uhi}] not inside [${lo}, ${hi}]`);
        assert.ok(r.why !== "" && r.unit !== "" && r.label !== "");
      }
    }
  });
  for (const [readme, spec] of cases) {
    it(`${readme} has the ${spec.loader} table exactly as plausibilityMarkdown renders it`, () => {
      const text = fs.readFileSync(path.join(path.dirname(dataPath("liu2025")), "..", readme), "utf8");
      const open = text.indexOf(`<!-- plausibility:${spec.loader} `);
      const close = text.indexOf(`<!-- /plausibility:${spec.loader} -->`);
      assert.ok(open >= 0 && close > open, `${readme} has no plausibility block for ${spec.loader}`);
      const block = text.slice(text.indexOf("\n", open) + 1, close);
      assert.equal(block, plausibilityMarkdown(spec));
    });
  }
});
