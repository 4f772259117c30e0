#!/usr/bin/env node
/**
 * The command line of permafrost-kit (`npx permafrost-kit …`, the package's `bin`): it only reads
 * the arguments and prints; the work is in src/alt/tile-jobs.ts (planAltTileJobs, runAltTileJob,
 * mergeAltTileJobs, altTileJobStatus). Exit status: 0 done, 2 refused (a usage error naming the
 * command or option, a bad value, changed inputs, missing or corrupt tiles: the message says
 * which), 1 an unexpected failure (a worker crash, a full disk).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ArgumentError, DataError } from "../core/errors";
import { projectRoot } from "../project/paths";
import { altTileJobStatus, altTileStatusLine, mergeAltTileJobs, planAltTileJobs, readAltTilePlan, runAltTileJob } from "../alt/tile-jobs";
import { exportRunToEarthEngine } from "../alt/earth-engine-export";
import { readAltInputsManifest } from "../alt/manifest";
import { altCostRatesFromRuns } from "../alt/cost-rates";
import { altCostModel } from "../alt/cost-model";
import { ensureDemoWorld } from "../data/demo-world/files";

const USAGE = `Usage: permafrost-kit <command> [options]

Commands (paper 1's annual ALT maps as tile jobs for a batch scheduler, e.g. a Slurm array):
  alt plan    train the ensemble once, save it, and plan the tiles
  alt map     map one tile of a plan (one array task)
  alt merge   check every tile, build the COG mosaic and the region statistics
  alt status  tiles done / missing / corrupt
  alt export-ee  write the saved ensemble as Earth Engine tree strings and scripts
  alt cost    core-hours and wall time of a full-scale run, from finished runs' measurements
  alt demo-world  write (or find) the SYNTHETIC demo world and print its alt-inputs.json manifest

Options:
  -h, --help     this help (permafrost-kit alt <command> --help: a command's options)
  --version      the kit's version
`;

const ALT_USAGE = `Usage: permafrost-kit alt <plan|map|merge|status> [options]

  permafrost-kit alt plan   --inputs <alt-inputs.json> --run <DIR> [--profile quick|full] [--tile-size N] [--years A-B] [--workers W]
  permafrost-kit alt map    --run <DIR> [--tile K | --tile K/N] [--workers W]
  permafrost-kit alt merge  --run <DIR>
  permafrost-kit alt status --run <DIR>
  permafrost-kit alt demo-world [--profile quick|full]
  permafrost-kit alt export-ee --run <DIR> [--bands FILE] [--max-part-bytes N]
  permafrost-kit alt cost   --run <DIR>[,<DIR>…] [--merge-run <DIR>] --pixels N [--years N] [--members N] [--bootstrap N]
                            [--tile-size N] [--cores-per-node N] [--cores-per-job N] [--nodes N,N,…]

A typical run: plan once, then one map job per tile (sbatch --array=0-<tiles-1>; the tile comes
from $SLURM_ARRAY_TASK_ID), then merge. permafrost-kit alt <command> --help shows each command.
`;

/** Each command's options (value names for the help), and its help text. */
const COMMANDS: Record<string, { options: Record<string, string>; help: string }> = {
  plan: {
    options: { inputs: "FILE", run: "DIR", profile: "quick|full", "tile-size": "N", years: "A-B", workers: "W" },
    help: `Usage: permafrost-kit alt plan --inputs <alt-inputs.json> --run <DIR> [options]

Trains paper 1's ensemble once (the grid search of the profile, then its top-K members on all
site-years), saves every member to DIR/ensemble/member-<k>.json and writes DIR/plan.json (inputs
and their checksums, training-table hash, members, years, grid, tile size, tile count). Prints the
tile count and the sbatch array range. Run again with the same options: nothing is trained again;
with other options or changed inputs: refused (use another DIR).

  --inputs FILE        the alt-inputs.json manifest (required)
  --run DIR            the run folder (required; created)
  --profile quick|full grid search and ensemble size (default: $PERMAFROST_PROFILE, else quick)
  --tile-size N        tile side in cells, 16-4096 (default 128)
  --years A-B          years to map, e.g. 2003-2020 (default: all the manifest's; at least 3)
  --workers W          worker threads for the training (default: the cores available)
`,
  },
  map: {
    options: { run: "DIR", tile: "K|K/N", workers: "W" },
    help: `Usage: permafrost-kit alt map --run <DIR> [--tile K | --tile K/N] [--workers W]

Maps tile K of the plan in DIR with the saved members (nothing is trained): reads only the tile's
windows, writes DIR/tiles/tile-<K>.tile and then its done-marker tile-<K>.done (checksum, cells,
pixel-years, seconds, peak memory, host). A finished tile is a no-op. Refuses inputs that changed
since the plan.

  --run DIR       the run folder of a plan (required)
  --tile K|K/N    the tile, 0 <= K < N (default: $SLURM_ARRAY_TASK_ID); N must be the plan's tile count
  --workers W     worker threads (default: $SLURM_CPUS_PER_TASK, else the cores available; at most one per member;
                  0 = predict in this thread, no workers)
`,
  },
  merge: {
    options: { run: "DIR" },
    help: `Usage: permafrost-kit alt merge --run <DIR>

Checks every tile's marker and checksum (names every missing or corrupt tile and exits 2), then
writes the Cloud Optimized GeoTIFFs with overviews to DIR/maps (alt_mean.tif, alt_trend.tif,
alt_<year>.tif), the region statistics to DIR/region-stats.json and the jobs' accounting to
DIR/merge-report.json.

  --run DIR   the run folder (required)
`,
  },
  "demo-world": {
    options: { profile: "quick|full" },
    help: `Usage: permafrost-kit alt demo-world [--profile quick|full]

Writes the SYNTHETIC demo world of a profile (known truth; the quick one on a 2° grid, the full one
on 0.5°) under data/demo-world/, or finds it there (checksums verified), and prints the path of its
alt-inputs.json manifest: the --inputs of alt plan, to try the tile jobs without data of your own.
The regional 1/120° world is written by npm run region.

  --profile quick|full   which world (default: $PERMAFROST_PROFILE, else quick)
`,
  },
  "export-ee": {
    options: { run: "DIR", bands: "FILE", "max-part-bytes": "N" },
    help: `Usage: permafrost-kit alt export-ee --run <DIR> [--bands FILE] [--max-part-bytes N]

Writes the plan's saved ensemble (DIR/ensemble/member-<k>.json) for Earth Engine's
ee.Classifier.decisionTreeEnsemble: every tree in R rpart's text format, split into part files,
with DIR/ee/manifest.json (members, parts, sizes, SHA-256) and the scripts apply_ensemble.js and
apply_ensemble.py (untested against the live service: no network here). The plan's manifest says
which predictors are annual; the years are the plan's.

  --run DIR             the run folder of a plan (required)
  --bands FILE          a JSON object predictor name -> Earth Engine band name (default: the names themselves)
  --max-part-bytes N    largest part file, 1024-10485760 bytes (default 4194304)
`,
  },
  cost: {
    options: { run: "DIR[,DIR]", "merge-run": "DIR[,DIR]", pixels: "N", years: "N", members: "N", bootstrap: "N", "tile-size": "N", "cores-per-node": "N", "cores-per-job": "N", nodes: "N,N" },
    help: `Usage: permafrost-kit alt cost --run <DIR>[,<DIR>…] --pixels N [options]

The cost of paper 1's maps and uncertainty at full scale (altCostModel), from the measurements of
finished runs (altCostRatesFromRuns: every tile mapped and merged). Give two runs planned with
different tile sizes: the memory per job is fitted to their peaks. Prints core-hours and wall hours
per stage and node count, the tiles, and the per-job resources for sbatch.

  --run DIR[,DIR]       runs with done tiles (required; two tile sizes; a sample of tiles is enough)
  --merge-run DIR[,DIR] merged runs for the merge rate (default: the --run runs that were merged)
  --pixels N            domain pixels to cost (required; e.g. 48039528: the NPR's 16e6 km² at 0.0083°)
  --years N             mapped years (default: the first run's)
  --members N           ensemble members (default: the first run's)
  --bootstrap N         bootstrap replicates (default 100, paper 1 §2.4.2)
  --tile-size N         tile side of the costed run (default: the first run's)
  --cores-per-node N    cores of a batch node (default 32)
  --cores-per-job N     cores per tile job, --cpus-per-task (default: the members, a job's useful maximum)
  --nodes N,N,…         node counts to cost (default 1,4,16,64)
`,
  },
  status: {
    options: { run: "DIR" },
    help: `Usage: permafrost-kit alt status --run <DIR>

One line: the plan's tiles, and how many are done, missing and corrupt (with their numbers).

  --run DIR   the run folder (required)
`,
  },
};

/** A mistake in the command line: printed after the command's name, exit status 2. */
class UsageError extends Error {
  /**
   * @param command - the command ("alt map"), or "" for the top level
   * @param message - what is wrong
   */
  constructor(readonly command: string, message: string) {
    super(message);
  }
}

/**
 * Read `--name value` and `--name=value` pairs against a command's known options.
 *
 * @param command - the command, for messages
 * @param argv - its arguments
 * @param known - option names (without dashes)
 * @returns the values by name, or null when --help was asked
 */
function parseOptions(command: string, argv: readonly string[], known: readonly string[]): Map<string, string> | null {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--help" || a === "-h") return null;
    if (!a.startsWith("--")) throw new UsageError(command, `unexpected argument ${JSON.stringify(a)} (options are --name value)`);
    const eq = a.indexOf("=");
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (!known.includes(name)) throw new UsageError(command, `unknown option --${name} (known: ${known.map((k) => `--${k}`).join(", ")}, --help)`);
    let value: string | undefined;
    if (eq >= 0) value = a.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) throw new UsageError(command, `--${name} needs a value`);
      i++;
    }
    if (out.has(name)) throw new UsageError(command, `--${name} given twice`);
    out.set(name, value);
  }
  return out;
}

/**
 * A required option's value.
 *
 * @param command - the command, for messages
 * @param o - the parsed options
 * @param name - the option
 * @returns its value
 */
function required(command: string, o: Map<string, string>, name: string): string {
  const v = o.get(name);
  if (v === undefined || v === "") throw new UsageError(command, `--${name} is required`);
  return v;
}

/**
 * An optional whole-number option.
 *
 * @param command - the command, for messages
 * @param o - the parsed options
 * @param name - the option
 * @returns the number, or undefined when not given
 */
function integer(command: string, o: Map<string, string>, name: string): number | undefined {
  const v = o.get(name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(command, `--${name} takes a whole number; got ${JSON.stringify(v)}`);
  return Number(v);
}

/**
 * The years of `--years A-B`.
 *
 * @param command - the command, for messages
 * @param v - the value
 * @returns the years A … B
 */
function yearRange(command: string, v: string): number[] {
  const m = /^(\d{4})-(\d{4})$/.exec(v);
  if (m === null || Number(m[2]) < Number(m[1])) throw new UsageError(command, `--years takes a range A-B of 4-digit years, e.g. 2003-2020; got ${JSON.stringify(v)}`);
  return Array.from({ length: Number(m[2]) - Number(m[1]) + 1 }, (_, k) => Number(m[1]) + k);
}

/**
 * Run one `alt` command.
 *
 * @param sub - plan, map, merge or status
 * @param argv - its arguments
 * @returns the exit status
 */
async function alt(sub: string, argv: readonly string[]): Promise<number> {
  const spec = COMMANDS[sub];
  const command = `alt ${sub}`;
  if (spec === undefined) throw new UsageError("alt", `unknown command ${JSON.stringify(sub)} (known: ${Object.keys(COMMANDS).join(", ")})`);
  const o = parseOptions(command, argv, Object.keys(spec.options));
  if (o === null) {
    process.stdout.write(spec.help);
    return 0;
  }
  if (sub === "plan") {
    const profile = o.get("profile");
    if (profile !== undefined && profile !== "quick" && profile !== "full") throw new UsageError(command, `--profile takes quick or full; got ${JSON.stringify(profile)}`);
    const years = o.get("years");
    const tileSize = integer(command, o, "tile-size");
    const workers = integer(command, o, "workers");
    const r = await planAltTileJobs({
      inputs: required(command, o, "inputs"), run: required(command, o, "run"),
      ...(profile === undefined ? {} : { profile }),
      ...(tileSize === undefined ? {} : { tileSize }),
      ...(years === undefined ? {} : { years: yearRange(command, years) }),
      ...(workers === undefined ? {} : { workers }),
    });
    const p = r.plan;
    if (r.created) {
      const search = p.membersFrom === "given" ? "members given" : `grid search ${p.settings.models} models × ${p.settings.nfolds} folds${r.gridSearchCached ? " (from the cache)" : ""} ${r.seconds.gridSearch.toFixed(1)} s`;
      console.log(`plan: ${r.file} (new): ${p.members.length} members (${search}; members trained in ${r.seconds.members.toFixed(1)} s)`);
    } else console.log(`plan: ${r.file} unchanged (an identical plan was there; nothing trained)`);
    console.log(`inputs: ${p.inputs.manifest}; ${p.table.rows} training rows; years ${p.years[0]}-${p.years[p.years.length - 1]}; grid ${p.grid.width} × ${p.grid.height}; tile size ${p.tileSize}`);
    console.log(`tiles: ${p.tiles} (sbatch --array=0-${p.tiles - 1})`);
    return 0;
  }
  if (sub === "map") {
    const workers = integer(command, o, "workers");
    const tile = o.get("tile");
    const r = await runAltTileJob({ run: required(command, o, "run"), ...(tile === undefined ? {} : { tile }), ...(workers === undefined ? {} : { workers }) });
    if (r.status === "already done") console.log(`tile ${r.tile}: already done`);
    else {
      const mk = r.marker;
      console.log(`tile ${r.tile}/${r.tiles} (${r.name}): mapped ${mk.cells} cells, ${mk.pixelYears} pixel-years, ${mk.seconds.toFixed(1)} s, peak RSS ${mk.peakRssMiB.toFixed(0)} MiB, ${mk.workers === 0 ? "in this thread (no workers)" : `${mk.workers} worker${mk.workers === 1 ? "" : "s"}`}`);
    }
    return 0;
  }
  if (sub === "demo-world") {
    const profile = o.get("profile") ?? process.env["PERMAFROST_PROFILE"] ?? "quick";
    if (profile !== "quick" && profile !== "full") throw new UsageError(command, `--profile takes quick or full; got ${JSON.stringify(profile)}`);
    const world = ensureDemoWorld(profile);
    console.log(`SYNTHETIC demo world (${profile}, ${world.generated ? `generated in ${(world.ms / 1000).toFixed(1)} s` : "found, checksums verified"}): ${path.join(world.dir, "alt-inputs.json")}`);
    return 0;
  }
  const run = required(command, o, "run");
  if (sub === "export-ee") return exportEe(command, o, run);
  if (sub === "cost") return cost(command, o, run);
  if (sub === "merge") {
    const r = await mergeAltTileJobs(run);
    const rel = (f: string) => path.relative(process.cwd(), f) || ".";
    console.log(`merged ${r.tiles} tiles: ${r.cells} cells (${r.droppedCells} dropped for a missing predictor), ${r.pixelYears} pixel-years`);
    console.log(`maps: ${rel(path.dirname(r.files.mean))}/ (alt_mean.tif, alt_trend.tif, ${r.files.annual.length} annual COGs with overviews)`);
    console.log(`region statistics: ${rel(r.regionStats)}; jobs: ${rel(r.report)}`);
    return 0;
  }
  console.log(altTileStatusLine(altTileJobStatus(run)));
  return 0;
}

/**
 * `alt export-ee`: the saved ensemble as Earth Engine tree strings and scripts.
 *
 * @param command - the command, for messages
 * @param o - the parsed options
 * @param run - the run folder
 * @returns the exit status
 */
function exportEe(command: string, o: Map<string, string>, run: string): number {
  const { plan } = readAltTilePlan(run);
  const bandsFile = o.get("bands");
  let bands: Record<string, string> | undefined;
  if (bandsFile !== undefined) {
    try {
      bands = JSON.parse(fs.readFileSync(bandsFile, "utf8")) as Record<string, string>;
    } catch (e) {
      throw new DataError({ file: bandsFile, expected: "a JSON object: predictor name -> Earth Engine band name" }, `cannot read it (${(e as Error).message})`);
    }
  }
  const maxPartBytes = integer(command, o, "max-part-bytes");
  const ee = exportRunToEarthEngine(run, { manifest: readAltInputsManifest(plan.inputs.manifest), years: plan.years, ...(bands === undefined ? {} : { bands }), ...(maxPartBytes === undefined ? {} : { maxPartBytes }) });
  const parts = ee.members.reduce((a, m) => a + m.parts.length, 0);
  const trees = ee.members.reduce((a, m) => a + m.nTrees, 0);
  const rel = (f: string) => path.relative(process.cwd(), f) || ".";
  console.log(`export-ee: ${ee.members.length} members, ${trees} trees in ${parts} part files; ${rel(path.join(run, "ee", "manifest.json"))}, apply_ensemble.js, apply_ensemble.py (untested against the live service)`);
  return 0;
}

/**
 * A comma-separated list of whole numbers.
 *
 * @param command - the command, for messages
 * @param name - the option
 * @param v - its value
 * @returns the numbers
 */
function integers(command: string, name: string, v: string): number[] {
  if (!/^\d+(,\d+)*$/.test(v)) throw new UsageError(command, `--${name} takes whole numbers separated by commas, e.g. 1,4,16; got ${JSON.stringify(v)}`);
  return v.split(",").map(Number);
}

/**
 * `alt cost`: the cost table of a full-scale run from finished runs' measurements.
 *
 * @param command - the command, for messages
 * @param o - the parsed options
 * @param runs - the run folders, comma-separated
 * @returns the exit status
 */
function cost(command: string, o: Map<string, string>, runs: string): number {
  const dirs = runs.split(",").filter((d) => d !== "");
  const { plan } = readAltTilePlan(dirs[0]!);
  const pixelsText = required(command, o, "pixels");
  if (!/^\d+(\.\d+)?(e\d+)?$/i.test(pixelsText) || !(Number(pixelsText) >= 1)) throw new UsageError(command, `--pixels takes a number of pixels, e.g. 48039528 or 4.8e7; got ${JSON.stringify(pixelsText)}`);
  const members = integer(command, o, "members") ?? plan.members.length;
  const scenario = {
    pixels: Number(pixelsText),
    years: integer(command, o, "years") ?? plan.years.length,
    members,
    bootstrapReplicates: integer(command, o, "bootstrap") ?? 100,
    tileSize: integer(command, o, "tile-size") ?? plan.tileSize,
    coresPerNode: integer(command, o, "cores-per-node") ?? 32,
    coresPerJob: integer(command, o, "cores-per-job") ?? members,
    nodes: integers(command, "nodes", o.get("nodes") ?? "1,4,16,64"),
  };
  const mergeRuns = o.get("merge-run");
  const sizes = new Set(dirs.map((d) => readAltTilePlan(d).plan.tileSize));
  if (sizes.size < 2) throw new UsageError(command, `give two or more runs planned with different --tile-size (the memory per job is fitted to their peaks); got ${dirs.length} run${dirs.length === 1 ? "" : "s"} of tile size ${[...sizes].join(", ")}`);
  const rates = altCostRatesFromRuns(dirs, mergeRuns === undefined ? dirs : mergeRuns.split(",").filter((d) => d !== ""));
  const t = altCostModel(rates, scenario);
  const h = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  const sci = (x: number) => x.toExponential(2).replace("e+", " × 10^");
  console.log(`rates (${rates.source}): ${Math.round(rates.memberPixelYearsPerCoreS).toLocaleString("en-US")} member pixel-years per core-second; ${rates.trainSecondsPerMember.toFixed(2)} core-seconds to train a member; merge ${Math.round(rates.mergePixelYearsPerS).toLocaleString("en-US")} pixel-years per second`);
  console.log(`scenario: ${scenario.pixels.toLocaleString("en-US")} pixels × ${scenario.years} years × ${members} members, ${scenario.bootstrapReplicates} bootstrap replicates; ${t.tiles.toLocaleString("en-US")} tiles of ${scenario.tileSize}²; ${scenario.coresPerJob} cores per job, ${scenario.coresPerNode} per node`);
  console.log("");
  console.log(`| stage | work (member pixel-years) | core-hours | ${scenario.nodes.map((n) => `wall h, ${n} node${n === 1 ? "" : "s"}`).join(" | ")} |`);
  console.log(`|---|---:|---:|${scenario.nodes.map(() => "---:").join("|")}|`);
  for (const r of t.rows) console.log(`| ${r.stage} | ${sci(r.work)} | ${h(r.coreHours)} | ${r.wallHours.map(h).join(" | ")} |`);
  console.log(`| **total** | | **${h(t.total.coreHours)}** | ${t.total.wallHours.map((x) => `**${h(x)}**`).join(" | ")} |`);
  console.log("");
  const perTileS = (scenario.tileSize * scenario.tileSize * scenario.years * members) / (rates.memberPixelYearsPerCoreS * scenario.coresPerJob);
  console.log(`memory per tile job: ${t.memoryPerJobMiB} MiB (fitted ${t.memoryModel.baseMiB.toFixed(0)} MiB + ${(t.memoryModel.perCellMiB * 1024).toFixed(3)} MiB per 1024 cells of tile, + 25 %); a full tile takes about ${perTileS.toFixed(0)} s at the measured rate`);
  console.log(`sbatch per tile: --cpus-per-task=${scenario.coresPerJob} --mem=${t.memoryPerJobMiB}M --time=${Math.max(1, Math.ceil((2 * perTileS) / 60))} (minutes: twice the measured rate's tile time, rounded up)`);
  return 0;
}

/**
 * Run the command line.
 *
 * @param argv - the arguments after the script
 * @returns the exit status
 */
async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h") {
    (command === undefined ? process.stderr : process.stdout).write(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === "--version") {
    console.log((JSON.parse(fs.readFileSync(path.join(projectRoot(), "package.json"), "utf8")) as { version: string }).version);
    return 0;
  }
  if (command !== "alt") throw new UsageError("", `unknown command ${JSON.stringify(command)} (known: alt; see permafrost-kit --help)`);
  const [sub, ...args] = rest;
  if (sub === undefined || sub === "--help" || sub === "-h") {
    (sub === undefined ? process.stderr : process.stdout).write(ALT_USAGE);
    return sub === undefined ? 2 : 0;
  }
  return alt(sub, args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`permafrost-kit${e.command === "" ? "" : ` ${e.command}`}: ${e.message}\n`);
      process.exitCode = 2;
    } else if (e instanceof ArgumentError || e instanceof DataError) {
      process.stderr.write(`permafrost-kit: ${e.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`permafrost-kit: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    }
  },
);
