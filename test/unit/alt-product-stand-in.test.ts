/**
 * Notebook 17's inputs (issue 16): the SYNTHETIC stand-in written in the product's layout equals the
 * demo world's true ALT, is reused when its checksums verify and rewritten when a file changed; the
 * environment picks the real product; the streamed ledger statistics equal the exact ones on the
 * stand-in (counts, shares, means, SDs to rounding; quantiles within the bin width plus the gap).
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  ArgumentError, DataError, altProductStatus, productWarnings, altSettings, annualMapSummary, ensureAltProductStandIn, exactLedgerStatistics, ledgerStatistics, openAltProduct, openPaperProduct,
  readGeoTiff,
} from "permafrost-kit";
import { refusesAsync, refuses } from "../bad-input/corpus";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stand-in-"));

test("the stand-in is the world's true ALT in the product's layout, reused when intact, rewritten when not", async () => {
  const p = await ensureAltProductStandIn("quick", { dir });
  assert.equal(p.generated, true);
  assert.deepEqual(p.years, Array.from({ length: 18 }, (_, k) => 2003 + k));
  assert.deepEqual(p.files.map((f) => path.basename(f)), p.years.map((y) => `ALT_${y}.tif`));
  const m = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as { synthetic: boolean; description: string };
  assert.equal(m.synthetic, true);
  assert.match(m.description, /^SYNTHETIC stand-in/);
  const truth = await readGeoTiff(path.join(p.worldDir, "truth", "alt_true", "alt_true_2010.tif"));
  assert.deepEqual((await readGeoTiff(p.files[7]!)).bands[0], truth.bands[0]);
  assert.equal((await ensureAltProductStandIn("quick", { dir })).generated, false);
  const b = fs.readFileSync(p.files[3]!);
  b[b.length - 10] ^= 0xff;
  fs.writeFileSync(p.files[3]!, b);
  const again = await ensureAltProductStandIn("quick", { dir });
  assert.equal(again.generated, true, "a changed file is rewritten");
  assert.deepEqual((await readGeoTiff(again.files[7]!)).bands[0], truth.bands[0]);
});

test("streamed ledger statistics equal the exact ones on the stand-in", async () => {
  const product = await openAltProduct({ path: dir, glob: "ALT_*.tif" });
  const streamed = ledgerStatistics(await annualMapSummary(product, { progress: false, blockRows: 7 }));
  const exact = await exactLedgerStatistics(product);
  for (const w of ["perPixel", "areaWeighted"] as const) {
    for (const k of ["sharePct", "trendMean", "trendSd", "zone25to50Mean", "zoneNorth50Mean"] as const) {
      assert.ok(Math.abs(streamed[w][k] - exact[w][k]) < 1e-9 * Math.max(1, Math.abs(exact[w][k])), `${w} ${k}: ${streamed[w][k]} vs ${exact[w][k]}`);
    }
    // quantiles: bin width (0.0005 cm/yr, 0.01 cm) plus the gap between neighbouring values of a 1,356-pixel world
    for (const k of ["trendQ25", "trendQ75"] as const) assert.ok(Math.abs(streamed[w][k] - exact[w][k]) < 0.002, `${w} ${k}: ${streamed[w][k]} vs ${exact[w][k]}`);
    for (const k of ["zone25to50Q25", "zone25to50Q75", "zoneNorth50Q25", "zoneNorth50Q75"] as const) assert.ok(Math.abs(streamed[w][k] - exact[w][k]) < 0.1, `${w} ${k}: ${streamed[w][k]} vs ${exact[w][k]}`);
  }
});

test("warnings before comparing with the paper: another period, values that look like metres", () => {
  const all = Array.from({ length: 18 }, (_, k) => 2003 + k);
  assert.deepEqual(productWarnings(all, 87.8), []);
  const w = productWarnings([2003, 2004, 2005], 0.56);
  assert.match(w[0]!, /cover 2003–2005; the paper's numbers are for 2003–2020/);
  assert.match(w[1]!, /0\.56 cm: the maps may be in metres/);
});

test("the environment picks the real product and its reader options", async () => {
  const settings = altSettings("quick");
  assert.equal(altProductStatus(settings).data, "synthetic");
  const prev = { p: process.env["PERMAFROST_ALT_PRODUCT"], o: process.env["PERMAFROST_ALT_PRODUCT_OPTIONS"] };
  try {
    process.env["PERMAFROST_ALT_PRODUCT"] = dir;
    process.env["PERMAFROST_ALT_PRODUCT_OPTIONS"] = JSON.stringify({ glob: "ALT_*.tif" });
    const s = altProductStatus(settings);
    assert.deepEqual([s.data, s.label], ["real", `REAL product "${dir}"`]);
    const p = await openPaperProduct(settings);
    assert.deepEqual([p.synthetic, p.standIn, p.product.years.length], [false, null, 18]);
  } finally {
    for (const [k, v] of [["PERMAFROST_ALT_PRODUCT", prev.p], ["PERMAFROST_ALT_PRODUCT_OPTIONS", prev.o]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});

describe("stand-in and product selection: refusals", () => {
  refusesAsync("a stand-in of an unknown world", () => ensureAltProductStandIn("arctic" as never), ArgumentError, ["ensureAltProductStandIn", "world", '"arctic"']);
  refuses("reader options that are not JSON", () => {
    const prev = { p: process.env["PERMAFROST_ALT_PRODUCT"], o: process.env["PERMAFROST_ALT_PRODUCT_OPTIONS"] };
    process.env["PERMAFROST_ALT_PRODUCT"] = dir;
    process.env["PERMAFROST_ALT_PRODUCT_OPTIONS"] = "{glob: ALT}";
    try {
      return altProductStatus(altSettings("quick"));
    } finally {
      for (const [k, v] of [["PERMAFROST_ALT_PRODUCT", prev.p], ["PERMAFROST_ALT_PRODUCT_OPTIONS", prev.o]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  }, ArgumentError, ["$PERMAFROST_ALT_PRODUCT_OPTIONS", "not valid JSON", "{glob: ALT}"]);
  refusesAsync("a product path that does not exist", async () => {
    const prev = process.env["PERMAFROST_ALT_PRODUCT"];
    process.env["PERMAFROST_ALT_PRODUCT"] = path.join(dir, "prodcut");
    try {
      return await openPaperProduct(altSettings("quick"));
    } finally {
      if (prev === undefined) delete process.env["PERMAFROST_ALT_PRODUCT"];
      else process.env["PERMAFROST_ALT_PRODUCT"] = prev;
    }
  }, DataError, ["prodcut", "no such folder or file", "$PERMAFROST_ALT_PRODUCT"]);
  refusesAsync("an exact check of maps too large to hold", async () => exactLedgerStatistics(await openAltProduct({ path: dir, glob: "ALT_*.tif" }), { maxCells: 100 }), ArgumentError, ["exactLedgerStatistics", "source.grid", "180 × 30 cells", "annualMapSummary"]);
});
