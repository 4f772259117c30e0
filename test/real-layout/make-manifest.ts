/**
 * `npm run test:real-layout`, step 1: a manifest of real-format files without truth, for running
 * notebooks 11–16 on the real-data path (issue 15). Writes the quick demo world in the layout of a
 * real export (CALM-wide + long site CSVs, GEE tile sets of 64 × 64 pixels) to
 * `build/real-layout/world/` (reused when its checksums verify), then beside its `alt-inputs.json` a
 * second manifest, `alt-inputs-real-path-test.json`: the same files, `"synthetic": false`, no `truth`
 * and a name and description that say what it is, a test of the real-data path whose values are
 * still synthetic. Prints the second manifest's absolute path (the value for PERMAFROST_ALT_INPUTS).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { buildDir, demoWorldSpec, ensureDemoWorldExport, readAltInputsManifest } from "permafrost-kit";

/** The test manifest's file name, beside the export's own alt-inputs.json. */
const TEST_MANIFEST = "alt-inputs-real-path-test.json";

const dir = path.join(buildDir(), "real-layout", "world");
const out = path.join(dir, TEST_MANIFEST);
// the export refuses to rewrite a folder holding unknown files: take ours out first
fs.rmSync(out, { force: true });
const world = ensureDemoWorldExport(demoWorldSpec("quick"), dir, { name: "demo-world-quick-tiled", tiled: true, tileSize: 64 });
const manifest = JSON.parse(fs.readFileSync(path.join(dir, "alt-inputs.json"), "utf8")) as Record<string, unknown>;
delete manifest.truth;
manifest.synthetic = false;
manifest.name = "real-data path test (synthetic values)";
manifest.description = "A TEST of the real-data path, NOT real data: the quick SYNTHETIC demo world in the layout of a real export (CALM-wide and long site CSVs, GEE tile sets), labelled real and without its truth folder, so notebooks 11-16 run as they would on a researcher's own manifest.";
fs.writeFileSync(out, `${JSON.stringify(manifest, null, 2)}\n`);
const m = readAltInputsManifest(out);
assert.equal(m.synthetic, false, `${out}: "synthetic" must be false`);
assert.equal(m.truthDir, null, `${out}: the test manifest must have no truth`);
console.error(`${world.generated ? "wrote" : "reused"} ${world.manifest.counts.tiles} tiles in ${(world.ms / 1000).toFixed(1)} s: ${path.relative(process.cwd(), dir)}; test manifest "${m.name}" (${m.predictors.length} predictors, ${m.siteYears.length} site-year files)`);
console.log(out);
