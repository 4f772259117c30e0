/**
 * The Earth Engine export (issue 20, part 3), tested without a network: the exported tree text is
 * read by an independent parser of the rpart format (test/oracles/ee_rpart_oracle.py, written from
 * the format's description, run with /usr/bin/python3), whose predictions must equal the kit's
 * forests exactly on 10,000 rows of the quick world — training rows, map pixels, and rows placed
 * exactly at, just below and just above every split threshold and at its float32 rounding.
 * Tolerance: none. The text carries every threshold and leaf value as a shortest round-trip
 * decimal, the parser reads them with Python's correctly rounded float(), and both sides sum the
 * trees in the same order in double precision, so every prediction is the same double.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vm from "node:vm";
import {
  ArgumentError, EE_EXPORT_FORMAT, EE_REQUEST_PAYLOAD_LIMIT_BYTES, type Forest, ForestEnsemble, altSettings, elementwiseMean, exportEnsembleToEarthEngine,
  exportRunToEarthEngine, forestToRpartText, loadAltInputs, makeMatrix, pixelMatrixForYears, previousDouble, projectRoot, trainForest, treeToRpartText,
  type EarthEngineExportManifest, DataError,
} from "permafrost-kit";
import { createHash } from "node:crypto";

const ORACLE = path.join(projectRoot(), "test", "oracles", "ee_rpart_oracle.py");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ee-export-"));

/** The next double above a finite x. */
function nextDouble(x: number): number {
  return -previousDouble(-x);
}

/** What the oracle prints. */
interface OracleSummary { members: number; trees: number[]; nodes: number[]; maskedRows: number }

/** Run the oracle on an export folder and rows; returns members' predictions, the ensemble and the map value. */
function runOracle(eeDir: string, bands: readonly string[], rows: Float64Array, nMembers: number): { members: Float64Array[]; ensemble: Float64Array; map: Float64Array; summary: OracleSummary } {
  const nRows = rows.length / bands.length;
  const work = fs.mkdtempSync(path.join(tmp, "oracle-"));
  fs.writeFileSync(path.join(work, "rows.bin"), Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength));
  fs.writeFileSync(path.join(work, "rows.json"), JSON.stringify({ bands, nRows, file: "rows.bin" }));
  const out = path.join(work, "out.bin");
  const summary = JSON.parse(execFileSync("/usr/bin/python3", [ORACLE, eeDir, path.join(work, "rows.json"), out], { encoding: "utf8", maxBuffer: 1 << 24 })) as OracleSummary;
  const b = fs.readFileSync(out);
  const all = new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  assert.equal(all.length, (nMembers + 2) * nRows);
  const at = (i: number): Float64Array => all.slice(i * nRows, (i + 1) * nRows);
  return { members: Array.from({ length: nMembers }, (_, k) => at(k)), ensemble: at(nMembers), map: at(nMembers + 1), summary };
}

/** Every part file's SHA-256 and size agree with the manifest, and each is within the part limit. */
function checkParts(eeDir: string, m: EarthEngineExportManifest): void {
  for (const member of m.members) {
    let next = 0;
    for (const p of member.parts) {
      const bytes = fs.readFileSync(path.join(eeDir, p.file));
      assert.equal(bytes.byteLength, p.bytes, p.file);
      assert.ok(p.bytes <= m.limits.maxPartBytes, `${p.file}: ${p.bytes} bytes > ${m.limits.maxPartBytes}`);
      assert.equal(createHash("sha256").update(bytes).digest("hex"), p.sha256, p.file);
      assert.equal(p.from, next, `${p.file} continues the member's trees`);
      assert.equal(bytes.toString("utf8").split("\n").length - 1, p.trees, `${p.file}: one line per tree`);
      next = p.to;
    }
    assert.equal(next, member.nTrees, `${member.name}: the parts hold every tree`);
  }
}

test("the exported trees, read by an independent rpart parser, predict exactly as the kit's forests on 10,000 rows", async (t) => {
  const inputs = await loadAltInputs(altSettings("quick"));
  const table = inputs.table;
  const p = table.x.nCols;
  const names = [...table.x.columns!];
  // three members with different tree counts and depths, as a top-K ensemble would have
  const members: Forest[] = [
    trainForest(table.x, table.y, { ntrees: 6, mtries: 4, minRows: 3, seed: 11 }),
    trainForest(table.x, table.y, { ntrees: 9, mtries: 7, minRows: 2, seed: 12 }),
    trainForest(table.x, table.y, { ntrees: 4, mtries: 10, maxDepth: 6, seed: 13 }),
  ];

  // rows: the training table, map pixels of three years, and rows at the thresholds
  const pixels = pixelMatrixForYears(inputs.stack, inputs.years.slice(0, 3), inputs.cells);
  const rows: number[][] = [];
  for (let i = 0; i < table.x.nRows; i++) rows.push(Array.from(table.x.data.subarray(i * p, (i + 1) * p)));
  for (let i = 0; i < pixels.nRows; i++) rows.push(Array.from(pixels.data.subarray(i * p, (i + 1) * p)));
  const cuts: [number, number][] = [];
  for (const f of members) {
    for (let k = 0; k < f.nNodes; k++) if (f.trees.feature[k]! >= 0 && Number.isFinite(f.trees.threshold[k]!)) cuts.push([f.trees.feature[k]!, f.trees.threshold[k]!]);
  }
  let atThreshold = 0;
  for (let i = 0; rows.length < 10_000; i++) {
    const [j, th] = cuts[Math.floor(i / 4) % cuts.length]!;
    const base = [...rows[(i * 7919) % 6000]!];
    base[j] = [th, previousDouble(th), nextDouble(th), Math.fround(th)][i % 4]!;
    if (i % 4 === 0) atThreshold++;
    rows.push(base);
  }
  assert.equal(rows.length, 10_000);
  assert.ok(atThreshold > 800, `${atThreshold} rows exactly at a threshold`);
  // and 40 rows with a missing value: Earth Engine masks those pixels; the parser must too
  const masked = rows.slice(0, 40).map((r, i) => r.map((v, j) => (j === i % p ? NaN : v)));
  const x = makeMatrix(Float64Array.from([...rows, ...masked].flat()), p, names);
  const complete = makeMatrix(Float64Array.from(rows.flat()), p, names);

  // export with two bands renamed and parts small enough that every member needs several
  const bands = { ati: "ATI_degday", latitude: "lat" };
  const bandList = names.map((n) => (bands as Record<string, string>)[n] ?? n);
  const ex = exportEnsembleToEarthEngine(members, { dir: path.join(tmp, "run"), bands, manifest: inputs.manifest, maxPartBytes: 120_000 });
  assert.equal(ex.format, EE_EXPORT_FORMAT);
  assert.deepEqual(ex.members.map((m) => m.nTrees), [6, 9, 4]);
  assert.ok(ex.members.filter((m) => m.parts.length >= 2).length >= 2, `parts per member: ${ex.members.map((m) => m.parts.length).join(", ")}`);
  checkParts(ex.dir, ex);
  assert.deepEqual(JSON.parse(fs.readFileSync(ex.manifestFile, "utf8")), JSON.parse(JSON.stringify({ ...ex, dir: undefined, manifestFile: undefined })));
  // the parts are the member's trees, in order, newlines written as '#'
  ex.members.forEach((m, k) => {
    const lines = m.parts.flatMap((pt) => fs.readFileSync(path.join(ex.dir, pt.file), "utf8").split("\n").slice(0, -1));
    assert.deepEqual(lines.map((l) => `${l.replace(/#/g, "\n")}\n`), forestToRpartText(members[k]!, bands));
  });

  const o = runOracle(ex.dir, bandList, x.data, members.length);
  t.diagnostic(`oracle: ${JSON.stringify(o.summary)}`);
  assert.deepEqual(o.summary.trees, [6, 9, 4]);
  assert.equal(o.summary.maskedRows, 40);
  const n = complete.nRows;
  members.forEach((f, k) => {
    const kit = f.predict(complete);
    let differ = 0;
    for (let i = 0; i < n; i++) if (!Object.is(o.members[k]![i], kit[i])) differ++;
    assert.equal(differ, 0, `member ${k}: ${differ} of ${n} rows differ from the kit`);
    for (let i = n; i < x.nRows; i++) assert.ok(Number.isNaN(o.members[k]![i]!), `member ${k}: a row with a missing value is masked`);
  });
  assert.deepEqual(o.ensemble.subarray(0, n), new ForestEnsemble(members).predict(complete), "ensemble mean (double precision)");
  const maps = members.map((f) => Float32Array.from(f.predict(complete)));
  assert.deepEqual(Float32Array.from(o.map.subarray(0, n)), elementwiseMean(maps), "the map arithmetic of altMemberMaps");

  // why one classifier per member: one ensemble over all 19 trees weights trees, not members
  const pooled = new Float64Array(n);
  members.forEach((f) => f.predict(complete).forEach((v, i) => (pooled[i] = pooled[i]! + (v * f.nTrees) / 19)));
  let same = 0;
  for (let i = 0; i < n; i++) if (Math.abs(pooled[i]! - o.ensemble[i]!) < 1e-9) same++;
  assert.ok(same < n / 10, `pooled trees equal the member mean on ${same} of ${n} rows`);

  // the manifest's predictors say which image each band comes from; the years are the manifest's
  assert.deepEqual(ex.bands.map((b) => b.band), bandList);
  assert.deepEqual(ex.bands.filter((b) => b.kind === "static").map((b) => b.predictor).sort(), inputs.manifest.predictors.filter((q) => q.kind === "static").map((q) => q.name).sort());
  assert.deepEqual(ex.years, inputs.years);
  assert.equal(ex.limits.requestPayloadBytes, EE_REQUEST_PAYLOAD_LIMIT_BYTES);
  assert.equal(ex.inlineFits, ex.inlineRequestBytes <= EE_REQUEST_PAYLOAD_LIMIT_BYTES);
});

test("the scripts: parameters at the top, one regression classifier per member, every part and band named, untested-against-the-service stated, valid syntax", () => {
  const x = makeMatrix(Float64Array.from({ length: 600 }, (_, i) => Math.sin(i * 1.7) * 10), 3, ["a", "b", "c"]);
  const y = Array.from({ length: 200 }, (_, i) => x.data[3 * i]! * 2 + x.data[3 * i + 1]!);
  const members = [trainForest(x, y, { ntrees: 3, seed: 1 }), trainForest(x, y, { ntrees: 2, seed: 2 })];
  const ex = exportEnsembleToEarthEngine(members, { dir: path.join(tmp, "scripts"), years: [2010, 2011], bands: { c: "band_c" }, outputBand: "alt_cm" });
  const js = fs.readFileSync(path.join(ex.dir, "apply_ensemble.js"), "utf8");
  const py = fs.readFileSync(path.join(ex.dir, "apply_ensemble.py"), "utf8");
  for (const s of [js, py]) {
    assert.match(s, /UNTESTED AGAINST THE LIVE EARTH ENGINE SERVICE/);
    assert.match(s, /setOutputMode\('REGRESSION'\)/);
    assert.match(s, /decisionTreeEnsemble/);
    assert.match(s, /replace\('#', '\\n'/);
    assert.match(s, /\[2010, 2011\]/);
    assert.match(s, /'alt_cm'/);
    for (const b of ["a", "b", "band_c"]) assert.ok(s.includes(`'${b}'`), `band ${b}`);
    assert.ok(s.indexOf("TREE_ASSET_ROOT") < s.indexOf("decisionTreeEnsemble"), "parameters first");
  }
  for (const m of ex.members) for (const pt of m.parts) assert.ok(js.includes(`'${pt.asset}'`), pt.asset);
  assert.match(js, /Export\.image\.toAsset/);
  assert.match(py, /Export\.image\.toDrive/);
  assert.doesNotThrow(() => new vm.Script(js, { filename: "apply_ensemble.js" }));
  execFileSync("/usr/bin/python3", ["-c", "import ast, sys; ast.parse(open(sys.argv[1]).read())", path.join(ex.dir, "apply_ensemble.py")]);
  // the Python script reads manifest.json: it names each part's file, asset, first tree and checksum
  const m = JSON.parse(fs.readFileSync(ex.manifestFile, "utf8")) as EarthEngineExportManifest;
  assert.deepEqual(Object.keys(m.members[0]!.parts[0]!).sort(), ["asset", "bytes", "file", "from", "sha256", "to", "trees"]);
});

test("a split keeps the kit's route at its threshold: 'band <= previous double' sends x = threshold right", () => {
  const x = makeMatrix(Float64Array.from({ length: 100 }, (_, i) => i / 10), 1, ["v"]);
  const y = Array.from({ length: 100 }, (_, i) => (i < 50 ? 1 : 5));
  const f = trainForest(x, y, { ntrees: 1, seed: 3, sampleRate: 1, maxDepth: 1, mtries: 1 });
  const th = f.trees.threshold[0]!;
  const line = treeToRpartText(f, 0).split("\n")[1]!;
  const cut = Number(/<= (\S+)/.exec(line)![1]);
  assert.equal(cut, previousDouble(th));
  assert.ok(th <= cut === false && previousDouble(th) <= cut, "x = threshold fails 'x <= cut' (goes right), the double below passes");
  assert.equal(f.predict(makeMatrix(Float64Array.of(th), 1, ["v"]))[0], f.trees.value[f.trees.child[0]! + 1]);
});

test("exportRunToEarthEngine reads <run>/ensemble/member-<k>.json; a second export replaces the first; a foreign ee/ folder is left alone", () => {
  const x = makeMatrix(Float64Array.from({ length: 400 }, (_, i) => Math.cos(i * 0.37) * 5), 2, ["a", "b"]);
  const y = Array.from({ length: 200 }, (_, i) => x.data[2 * i]! - x.data[2 * i + 1]!);
  const run = path.join(tmp, "saved");
  fs.mkdirSync(path.join(run, "ensemble"), { recursive: true });
  const members = [trainForest(x, y, { ntrees: 2, seed: 1 }), trainForest(x, y, { ntrees: 3, seed: 2 }), trainForest(x, y, { ntrees: 1, seed: 3 })];
  members.forEach((f, k) => fs.writeFileSync(path.join(run, "ensemble", `member-${k}.json`), JSON.stringify(f)));
  const a = exportRunToEarthEngine(run, { years: [2003] });
  assert.deepEqual(a.members.map((m) => m.nTrees), [2, 3, 1]);
  assert.deepEqual(forestToRpartText(members[1]!), fs.readFileSync(path.join(a.dir, "member-1", "trees-0.txt"), "utf8").split("\n").slice(0, -1).map((l) => `${l.replace(/#/g, "\n")}\n`));
  // two members now: the stale member-2 folder goes with the old export
  const b = exportEnsembleToEarthEngine(members.slice(0, 2), { dir: run, years: [2003] });
  assert.deepEqual(fs.readdirSync(b.dir).filter((d) => d.startsWith("member-")).sort(), ["member-0", "member-1"]);
  assert.deepEqual(fs.readdirSync(run).sort(), ["ee", "ensemble"], "no temporary folder left behind");
  // gaps and bad files are DataErrors naming the file
  fs.renameSync(path.join(run, "ensemble", "member-1.json"), path.join(run, "ensemble", "member-5.json"));
  assert.throws(() => exportRunToEarthEngine(run), (e: unknown) => e instanceof DataError && e.file.endsWith("member-1.json"));
  fs.writeFileSync(path.join(run, "ensemble", "member-1.json"), "{ not json");
  assert.throws(() => exportRunToEarthEngine(run), (e: unknown) => e instanceof DataError && e.file.endsWith("member-1.json"));
  assert.throws(() => exportRunToEarthEngine(path.join(tmp, "nothing-here")), DataError);
  const foreign = path.join(tmp, "foreign");
  fs.mkdirSync(path.join(foreign, "ee"), { recursive: true });
  fs.writeFileSync(path.join(foreign, "ee", "notes.txt"), "mine");
  assert.throws(() => exportEnsembleToEarthEngine(members, { dir: foreign }), (e: unknown) => e instanceof ArgumentError && e.arg === "options.dir");
  assert.equal(fs.readFileSync(path.join(foreign, "ee", "notes.txt"), "utf8"), "mine");
});

test("malformed members and options are refused, naming the argument", () => {
  const x = makeMatrix(Float64Array.from({ length: 400 }, (_, i) => Math.sin(i) * 3), 2, ["a", "b"]);
  const y = Array.from({ length: 200 }, (_, i) => x.data[2 * i]! * 3);
  const f = trainForest(x, y, { ntrees: 2, seed: 1 });
  const other = trainForest(makeMatrix(x.data, 2, ["a", "c"]), y, { ntrees: 2, seed: 1 });
  const dir = path.join(tmp, "bad");
  const refuses = (members: unknown, options: unknown, arg: RegExp): void => {
    assert.throws(() => exportEnsembleToEarthEngine(members as Forest[], options as { dir: string }), (e: unknown) => e instanceof ArgumentError && arg.test(e.arg), `${JSON.stringify(options)} → ${arg}`);
  };
  refuses([], { dir }, /^members$/);
  refuses([f, {}], { dir }, /^members$/);
  refuses([f, other], { dir }, /^members$/);
  refuses([f], undefined, /^options$/);
  refuses([f], { dir: "" }, /^options\.dir$/);
  refuses([f], { dir, maxPartBytes: 100 }, /^options\.maxPartBytes$/);
  refuses([f], { dir, maxPartBytes: EE_REQUEST_PAYLOAD_LIMIT_BYTES + 1 }, /^options\.maxPartBytes$/);
  refuses([f], { dir, maxPartBytes: 2048.5 }, /^options\.maxPartBytes$/);
  refuses([f], { dir, maxPartBytes: 1024 }, /^members\[0\] tree$/); // a whole tree is larger than a part
  refuses([f], { dir, bands: { a: "band a" } }, /^options\.bands\.a$/);
  refuses([f], { dir, bands: { a: "a<b" } }, /^options\.bands\.a$/);
  refuses([f], { dir, bands: { a: "B4.x" } }, /^options\.bands\.a$/);
  refuses([f], { dir, bands: { a: "4band" } }, /^options\.bands\.a$/);
  refuses([f], { dir, bands: { a: "b" } }, /^options\.bands/); // two predictors on one band
  refuses([f], { dir, bands: { z: "z" } }, /^options\.bands\.z$/);
  refuses([f], { dir, bands: ["a"] }, /^options\.bands$/);
  refuses([makeForestNamed(x, y, ["a b", "c"])], { dir }, /^options\.bands/); // a predictor name that is no band name
  refuses([f], { dir, years: [] }, /^options\.years$/);
  refuses([f], { dir, years: [20.5] }, /^options\.years$/);
  refuses([f], { dir, years: "2003" }, /^options\.years$/);
  refuses([f], { dir, outputBand: "alt cm" }, /^options\.outputBand$/);
  refuses([f], { dir, manifest: { file: "m.json", predictors: [{ name: "a", kind: "annual" }] } }, /^options\.manifest$/);
  refuses([f], { dir, unknown: 1 }, /^options\.unknown$/);
  assert.equal(fs.existsSync(dir), false, "nothing written for refused options");
});

/** A forest whose predictors carry the given names. */
function makeForestNamed(x: { data: Float64Array }, y: number[], names: string[]): Forest {
  return trainForest(makeMatrix(x.data, names.length, names), y, { ntrees: 1, seed: 1 });
}
