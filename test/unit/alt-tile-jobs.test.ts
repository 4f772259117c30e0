/**
 * Paper 1's maps as tile jobs (issue 20, part 1): plan (train once, save the members) → map each
 * tile as its own job (any order, some twice) → merge gives Cloud Optimized GeoTIFFs byte-identical
 * to the single-process altTiledMaps with the same members, whatever the tile size; a finished
 * tile is a no-op; merge names missing and corrupt tiles and refuses; changed inputs and bad tile
 * numbers are refused naming the file or value; the command line keeps its shape and exit codes.
 * Quick demo world (SYNTHETIC), 4 years, 2 small members.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  ArgumentError, DataError, Forest, ForestPool, altSettings, altTileJobStatus, altTiledMaps, loadAltInputs, mergeAltTileJobs, planAltTileJobs, projectRoot,
  readAltTilePlan, resolveAltTile, runAltTileJob, trainForest, type AltTileMarker, type ForestJSON,
} from "permafrost-kit";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "alt-tile-jobs-"));
const members = [{ ntrees: 15, mtries: 4, minRows: 5, seed: 11 }, { ntrees: 15, mtries: 8, minRows: 3, seed: 12 }];
const cli = path.join(projectRoot(), "dist", "cli", "main.js");
const mapFiles = (dir: string): string[] => fs.readdirSync(dir).filter((f) => f.endsWith(".tif")).sort();

/** Run every tile of a run folder in the given order (by the tile's own job). */
async function mapTiles(run: string, order: readonly number[], workers = 1): Promise<void> {
  for (const k of order) await runAltTileJob({ run, tile: k, workers });
}

test("plan → map every tile (any order, some twice) → merge equals altTiledMaps byte for byte, for tile sizes 32 and 64", async () => {
  const inputs = await loadAltInputs(altSettings("quick"));
  const years = inputs.years.slice(0, 4);
  const ref = await altTiledMaps(inputs.source, inputs.table, members, { dir: path.join(tmp, "single"), tileSize: 64, years, workers: 1, onProgress: () => undefined });

  const runs = { 32: path.join(tmp, "run32"), 64: path.join(tmp, "run64") };
  for (const [size, run] of Object.entries(runs)) {
    const p = await planAltTileJobs({ inputs: inputs.manifest.file, run, tileSize: Number(size), years, members, workers: 1 });
    assert.equal(p.created, true);
    assert.equal(p.plan.tiles, Math.ceil(inputs.grid.width / Number(size)) * Math.ceil(inputs.grid.height / Number(size)));
    assert.equal(p.plan.membersFrom, "given");
    assert.deepEqual(p.plan.table.columns, inputs.table.x.columns);
    assert.equal(p.plan.table.rows, inputs.table.y.length);
    const n = p.plan.tiles;
    // reversed, then every other tile again (no-ops), the middle one with 0 workers (this thread)
    const order = Array.from({ length: n }, (_, k) => n - 1 - k);
    await mapTiles(run, order.slice(0, -1));
    await runAltTileJob({ run, tile: `${order[n - 1]}/${n}`, workers: 0 });
    const again = await runAltTileJob({ run, tile: 0, workers: 1 });
    assert.equal(again.status, "already done");
    const m = await mergeAltTileJobs(run);
    assert.equal(m.cells, inputs.cells.length);
    assert.equal(m.droppedCells, inputs.droppedCells);
    assert.equal(m.pixelYears, years.length * inputs.cells.length);
    assert.deepEqual(mapFiles(path.join(run, "maps")), mapFiles(path.join(tmp, "single")));
    for (const f of [ref.files.mean, ref.files.trend, ...ref.files.annual]) {
      assert.ok(fs.readFileSync(path.join(run, "maps", path.basename(f))).equals(fs.readFileSync(f)), `tile size ${size}: ${path.basename(f)} differs from altTiledMaps'`);
    }
  }
  assert.notEqual(readAltTilePlan(runs[32]).plan.tiles, readAltTilePlan(runs[64]).plan.tiles);
  const stats = (run: string) => fs.readFileSync(path.join(run, "region-stats.json"));
  assert.ok(stats(runs[32]).equals(stats(runs[64])), "region-stats.json does not depend on the tile size");
  const s = JSON.parse(stats(runs[64]).toString()) as { pixels: number; years: number[]; latitude: { meanAlt: unknown[] } };
  assert.equal(s.pixels, inputs.cells.length);
  assert.deepEqual(s.years, years);
  assert.ok(s.latitude.meanAlt.length > 0);
  const report = JSON.parse(fs.readFileSync(path.join(runs[32], "merge-report.json"), "utf8")) as { perTile: unknown[]; jobs: { maxPeakRssMiB: number } };
  assert.equal(report.perTile.length, readAltTilePlan(runs[32]).plan.tiles);
  assert.ok(report.jobs.maxPeakRssMiB > 0);

  // the saved members are the trained forests: same trees, same predictions, bit for bit
  const plan = readAltTilePlan(runs[64]).plan;
  plan.members.forEach((mb, q) => {
    const saved = Forest.fromJSON(JSON.parse(fs.readFileSync(path.join(runs[64], mb.file), "utf8")) as ForestJSON);
    const fresh = trainForest(inputs.table.x, inputs.table.y, members[q]);
    assert.deepEqual(saved.trees, fresh.trees);
    assert.deepEqual(saved.predict(inputs.table.x), fresh.predict(inputs.table.x));
  });
});

test("a finished tile is a no-op; merge names missing and corrupt tiles and refuses; remapping them restores the same maps", async () => {
  const run = path.join(tmp, "run32");
  const { plan } = readAltTilePlan(run);
  const tiles = path.join(run, "tiles");
  const before = new Map(fs.readdirSync(tiles).map((f) => [f, fs.statSync(path.join(tiles, f)).mtimeMs]));
  const maps = mapFiles(path.join(run, "maps")).map((f) => fs.readFileSync(path.join(run, "maps", f)));
  const r = await runAltTileJob({ run, tile: 2, workers: 1 });
  assert.equal(r.status, "already done");
  for (const [f, t] of before) assert.equal(fs.statSync(path.join(tiles, f)).mtimeMs, t, `${f} was touched by a no-op`);

  fs.rmSync(path.join(tiles, "tile-1.done")); // a killed job: state written, no marker
  const flip = path.join(tiles, "tile-3.tile");
  const b = fs.readFileSync(flip);
  b[b.length - 1] ^= 0xff;
  fs.writeFileSync(flip, b);
  fs.writeFileSync(path.join(tiles, "tile-4.done"), "{ not json");
  const marker = JSON.parse(fs.readFileSync(path.join(tiles, "tile-5.done"), "utf8")) as AltTileMarker;
  fs.writeFileSync(path.join(tiles, "tile-5.done"), JSON.stringify({ ...marker, sha256: "0".repeat(64) }));
  const status = altTileJobStatus(run);
  assert.deepEqual(status.done, [0, 2]);
  assert.deepEqual(status.missing, [1]);
  assert.deepEqual(status.corrupt.map((c) => c.tile), [3, 4, 5]);
  await assert.rejects(mergeAltTileJobs(run), (e: unknown) => {
    assert.ok(e instanceof DataError);
    for (const s of ["4 of 6 tiles not done", "missing: tile 1 (tile-1)", "tile 3 (tile-3.tile differs from its marker's SHA-256)", "tile 4 (tile-4.done is not JSON)", "tile 5 (tile-5.tile differs"]) assert.ok(e.message.includes(s), `${e.message}\nshould name ${s}`);
    return true;
  });
  const statusCli = spawnSync(process.execPath, [cli, "alt", "status", "--run", run], { encoding: "utf8" });
  assert.equal(statusCli.status, 0);
  assert.equal(statusCli.stdout, "tiles: 6; done 2; missing 1 (1); corrupt 3 (3-5)\n");
  const mergeCli = spawnSync(process.execPath, [cli, "alt", "merge", "--run", run], { encoding: "utf8" });
  assert.equal(mergeCli.status, 2);
  assert.match(mergeCli.stderr, /missing: tile 1 \(tile-1\); corrupt: tile 3 .*tile 4 .*tile 5 /);

  await mapTiles(run, [5, 4, 3, 1]);
  assert.deepEqual(altTileJobStatus(run).done, Array.from({ length: plan.tiles }, (_, k) => k));
  await mergeAltTileJobs(run);
  assert.deepEqual(mapFiles(path.join(run, "maps")).map((f) => fs.readFileSync(path.join(run, "maps", f))), maps, "the remapped tiles give byte-identical maps");
});

test("a plan is not overwritten with different content; an identical plan trains nothing; changed inputs make map refuse", async () => {
  const inputs = await loadAltInputs(altSettings("quick"));
  const years = inputs.years.slice(0, 4);
  const run64 = path.join(tmp, "run64");
  const same = await planAltTileJobs({ inputs: inputs.manifest.file, run: run64, tileSize: 64, years, members, workers: 1 });
  assert.equal(same.created, false);
  await assert.rejects(planAltTileJobs({ inputs: inputs.manifest.file, run: run64, tileSize: 32, years, members, workers: 1 }), (e: unknown) =>
    e instanceof DataError && e.key === "tileSize" && e.message.includes("tileSize: 64 in the plan, 32 now"));

  // a copy of the world, so its files can change
  const world = path.join(tmp, "world");
  fs.cpSync(path.dirname(inputs.manifest.file), world, { recursive: true, preserveTimestamps: true });
  const run = path.join(tmp, "run-changed");
  await planAltTileJobs({ inputs: path.join(world, "alt-inputs.json"), run, tileSize: 64, years, members, workers: 0 });
  await runAltTileJob({ run, tile: 0, workers: 0 });
  const ati = path.join(world, "predictors", "ati", `ati_${years[1]}.tif`);
  const t = fs.statSync(ati).mtime;
  fs.utimesSync(ati, t, new Date(t.getTime() + 60_000));
  await assert.rejects(runAltTileJob({ run, tile: 1, workers: 0 }), (e: unknown) => e instanceof DataError && e.file === ati && e.message.includes("input file changed since the plan"));
  assert.equal(fs.existsSync(path.join(run, "tiles", "tile-1.done")), false);
  assert.equal((await runAltTileJob({ run, tile: 0, workers: 0 })).status, "already done", "a finished tile stays done");
  fs.appendFileSync(path.join(world, "alt-inputs.json"), "\n");
  await assert.rejects(runAltTileJob({ run, tile: 1, workers: 0 }), (e: unknown) => e instanceof DataError && e.message.includes("inputs manifest changed since the plan"));
  await assert.rejects(planAltTileJobs({ inputs: path.join(world, "alt-inputs.json"), run, tileSize: 64, years, members, workers: 0 }), (e: unknown) =>
    e instanceof DataError && e.message.includes("inputs: the manifest's text changed"));
});

test("bad tile numbers are refused naming the value; the tile comes from $SLURM_ARRAY_TASK_ID", async () => {
  const run = path.join(tmp, "run64");
  const bad: [string | undefined, Record<string, string>, string[]][] = [
    ["3", {}, ['"3"', "no such tile", "0–2"]],
    ["7/3", {}, ['"7/3"', "no such tile"]],
    ["1/4", {}, ['"1/4"', "differs from the plan's", "K/3"]],
    ["one", {}, ['"one"', "not a tile number"]],
    ["-1", {}, ['"-1"', "not a tile number"]],
    [undefined, {}, ["no tile given", "SLURM_ARRAY_TASK_ID"]],
    [undefined, { SLURM_ARRAY_TASK_ID: "9" }, ["$SLURM_ARRAY_TASK_ID", '"9"', "no such tile"]],
  ];
  for (const [tile, env, mentions] of bad) {
    await assert.rejects(runAltTileJob({ run, ...(tile === undefined ? {} : { tile }), env, workers: 0 }), (e: unknown) => {
      assert.ok(e instanceof ArgumentError, String(e));
      for (const s of mentions) assert.ok(e.message.includes(s), `${e.message}\nshould mention ${s}`);
      return true;
    });
  }
  assert.equal(resolveAltTile(undefined, 3, { SLURM_ARRAY_TASK_ID: "2" }), 2);
  assert.equal((await runAltTileJob({ run, env: { SLURM_ARRAY_TASK_ID: "2" }, workers: 0 })).status, "already done");
  await assert.rejects(runAltTileJob({ run, tile: 1, workers: -1 }), ArgumentError);
});

test("ForestPool.predict: registered forests predict registered matrices as forest.predict does, with 0 and 1 workers", async () => {
  const inputs = await loadAltInputs(altSettings("quick"));
  const f = trainForest(inputs.table.x, inputs.table.y, members[0]);
  for (const workers of [0, 1]) {
    const pool = new ForestPool({ workers });
    try {
      pool.registerModel("m", f);
      pool.register("x", inputs.table.x, undefined, { blocks: 2 });
      const [p] = await pool.predict([{ model: "m", data: "x" }]);
      assert.deepEqual(p, f.predict(inputs.table.x));
      await assert.rejects(pool.predict([{ model: "n", data: "x" }]), (e: unknown) => e instanceof ArgumentError && e.message.includes("tasks[0].model") && e.message.includes('"n"'));
      assert.throws(() => pool.registerModel("m", f), ArgumentError);
      pool.unregisterModel("m");
      assert.deepEqual(pool.modelIds, []);
    } finally {
      await pool.close();
    }
  }
});

test("the command line: help, unknown commands and options exit 2 naming them; map takes $SLURM_ARRAY_TASK_ID", () => {
  const run = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", env: { ...process.env, ...env } });
  assert.ok(fs.readFileSync(cli, "utf8").startsWith("#!/usr/bin/env node\n"));
  const help = run(["--help"]);
  assert.equal(help.status, 0);
  for (const c of ["alt plan", "alt map", "alt merge", "alt status"]) assert.ok(help.stdout.includes(c), c);
  assert.equal(run(["alt", "--help"]).status, 0);
  assert.match(run(["alt", "map", "--help"]).stdout, /--tile K\|K\/N/);
  const cases: [string[], RegExp][] = [
    [["frobnicate"], /unknown command "frobnicate"/],
    [["alt", "mapp"], /alt: unknown command "mapp"/],
    [["alt", "map", "--tiles", "3"], /alt map: unknown option --tiles/],
    [["alt", "plan", "--run", "x"], /alt plan: --inputs is required/],
    [["alt", "plan", "--inputs", "a", "--run", "b", "--years", "2003"], /--years takes a range A-B/],
    [["alt", "map", "--run", path.join(tmp, "run64"), "--tile", "5/3"], /--tile.*"5\/3"/],
  ];
  for (const [args, message] of cases) {
    const r = run(args);
    assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
  const done = run(["alt", "map", "--run", path.join(tmp, "run64")], { SLURM_ARRAY_TASK_ID: "1" });
  assert.equal(done.status, 0, done.stderr);
  assert.equal(done.stdout, "tile 1: already done\n");
});
