/**
 * Paper 1's annual ALT maps (§2.4.1, Figs 4a/5a) as independent tile jobs for a batch scheduler
 * (issue 20; e.g. a Slurm array job, one task per tile), in four steps that the command line
 * `npx permafrost-kit alt plan|map|merge|status` runs:
 *
 * 1. {@link planAltTileJobs} trains the ensemble **once**: the training table is matched by window
 *    (matchSiteYearsFromSource), the grid search of altSettings(profile) picks the top-K members
 *    (altGridStage, as notebooks 12/13 do), every member is trained on all site-years and saved
 *    as forest JSON (`ensemble/member-<k>.json`, its SHA-256 in the plan), and `plan.json` records
 *    the inputs (manifest SHA-256, each input file's size and modification time), the training
 *    table's hash, the members, the years, the grid, the tile size and the tile count.
 * 2. {@link runAltTileJob} maps one tile: it loads the plan and the saved members (checksums
 *    verified; inputs that changed since the plan are refused), reads only that tile's windows
 *    (altTileMatrix), predicts with the saved members in a worker pool (nothing is retrained) and
 *    writes the tile state (encodeAltTileState) and then a small done-marker with the state's
 *    SHA-256. A finished tile is a no-op; a killed job leaves no marker (both writes are atomic).
 * 3. {@link mergeAltTileJobs} checks every tile's marker and checksum, names every missing or
 *    corrupt tile and refuses, else assembles the COGs with overviews (assembleAltTileMaps, the
 *    same code as altTiledMaps) and writes the region statistics (annualMapSummary).
 * 4. {@link altTileJobStatus} counts the tiles done, missing and corrupt.
 *
 * The values are those of the single-process altTiledMaps with the same members, bit for bit and
 * whatever the tile size: saved members predict exactly as the freshly trained forests (JSON keeps
 * every double; checked when the plan is written), every pixel's value depends on that pixel only,
 * and the COG writer's bytes depend on the values only.
 *
 * Layout of a run folder: `plan.json`, `plan-timing.json`, `ensemble/member-<k>.json`,
 * `tiles/tile-<k>.tile` + `tiles/tile-<k>.done`, and after the merge `maps/alt_mean.tif`,
 * `maps/alt_trend.tif`, `maps/alt_<year>.tif`, `region-stats.json`, `merge-report.json`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ArgumentError, DataError, EngineError } from "../core/errors";
import { checkInteger, checkOptions } from "../core/checks";
import { Forest, type ForestJSON } from "../ml/forest/forest";
import { type ForestOptions } from "../ml/forest/options";
import { defaultWorkerCount, withForestPool } from "../ml/forest/forest-pool";
import { type TreeArrays } from "../ml/forest/tree-store";
import { contentHash, engineFingerprint, sha256Hex } from "../project/cache";
import { writeFileAtomic } from "../project/atomic";
import { type ProfileName, currentProfile } from "../project/profile";
import { qcSiteYears } from "../data/site-years/qc";
import { type Grid, checkGrid, gridDifferences } from "../raster/grid";
import { openRasterSource } from "../raster/mosaic";
import { altSettings } from "./settings";
import { altGridStage } from "./grid-stage";
import { type AltInputSource, openAltInputs } from "./input-source";
import { readAltSiteYears } from "./inputs";
import { predictorFile, rasterFilesOf } from "./manifest";
import { matchSiteYearsFromSource } from "./source-matching";
import { yearBlockLayout } from "./ensemble-maps";
import { type AltTiledMaps, altTileMatrix, altTileStateFromPredictions, altTileWindows, assembleAltTileMaps, decodeAltTileState, encodeAltTileState } from "./tiled-maps";
import { annualMapSummary, annualSummaryResults } from "./annual-map-summary";

/** The format tag of `plan.json`. */
export const ALT_TILE_PLAN_FORMAT = "permafrost-kit/alt-tile-plan@1";
const MARKER_FORMAT = "permafrost-kit/alt-tile-done@1";
const REGION_STATS_FORMAT = "permafrost-kit/alt-region-stats@1";

/** One input file as the plan saw it (size and modification time: cheap to check in every job). */
export interface AltPlanInputFile {
  /** Path relative to the manifest's folder (absolute when outside it). */
  file: string;
  /** Size, bytes. */
  bytes: number;
  /** Modification time, ms since 1970. */
  mtimeMs: number;
}

/** One saved member of the plan's ensemble. */
export interface AltPlanMember {
  /** Its forest JSON, relative to the run folder (`ensemble/member-<k>.json`). */
  file: string;
  /** SHA-256 of that file's bytes. */
  sha256: string;
  /** The forest options it was trained with (grid point and member seed). */
  options: ForestOptions;
}

/** The content of `plan.json` (see the module comment). */
export interface AltTilePlan {
  /** {@link ALT_TILE_PLAN_FORMAT}. */
  format: string;
  /** The inputs: manifest (absolute path and SHA-256 of its text) and every file the maps and the training read. */
  inputs: { manifest: string; sha256: string; files: AltPlanInputFile[] };
  /** The chain settings used: profile, seed, the grid search's size, and the latitude bin width of the region statistics. */
  settings: { profile: ProfileName; seed: number; topK: number; models: number; nfolds: number; latitudeBinDeg: number };
  /** "grid search" (the top-K of altGridStage) or "given" (members passed to planAltTileJobs). */
  membersFrom: "grid search" | "given";
  /** The training table: rows, predictor columns (the tile matrices' columns) and its content hash. */
  table: { rows: number; columns: string[]; sha256: string };
  /** The saved members, best first. */
  members: AltPlanMember[];
  /** The mapped years (consecutive). */
  years: number[];
  /** The maps' grid (the mask's). */
  grid: Grid;
  /** Tile side in cells, tiles across and down, tiles in all (tile k: row-major). */
  tileSize: number;
  tilesX: number;
  tilesY: number;
  tiles: number;
  /** The kit's engine fingerprint (engineFingerprint): jobs refuse to run with other code. */
  engine: string;
}

/** Options of {@link planAltTileJobs}. */
export interface AltTilePlanOptions {
  /** The `alt-inputs.json` manifest. */
  inputs: string;
  /** The run folder (created). */
  run: string;
  /** Run profile of the grid search and ensemble size (default: the active profile, `$PERMAFROST_PROFILE`, else quick). */
  profile?: ProfileName;
  /** Tile side in cells, 16–4096 (default 128; memory per tile ≈ side² × years × predictors × 8 bytes). */
  tileSize?: number;
  /** Years to map, consecutive, at least 3 (default: all the manifest's years). */
  years?: number[];
  /** Worker threads of the grid search and the member training (default: the cores available). */
  workers?: number;
  /** Skip the grid search and save these members (forest options, best first), e.g. for a test or a chosen ensemble. */
  members?: ForestOptions[];
}

/** What {@link planAltTileJobs} did. */
export interface AltTilePlanResult {
  /** The plan. */
  plan: AltTilePlan;
  /** Path of `plan.json`. */
  file: string;
  /** False when an identical plan was already there (nothing was trained again). */
  created: boolean;
  /** Wall time, s: the grid search (0 when cached or members given) and the member training (0 when not created). */
  seconds: { gridSearch: number; members: number };
  /** Whether the grid search came from the kit's cache. */
  gridSearchCached: boolean;
}

const planFile = (run: string): string => path.join(run, "plan.json");

/**
 * The name of tile k: `tile-<k>`, k zero-padded to the digits of the last tile (its files are
 * `tiles/<name>.tile` and `tiles/<name>.done`).
 *
 * @param plan - the plan
 * @param k - tile index
 * @returns the tile's name
 */
function tileName(plan: Pick<AltTilePlan, "tiles">, k: number): string {
  return `tile-${String(k).padStart(String(plan.tiles - 1).length, "0")}`;
}

/**
 * The files of tile k in a run folder.
 *
 * @param run - the run folder
 * @param plan - the plan
 * @param k - tile index
 * @returns the state file and the done-marker
 */
function tileFiles(run: string, plan: Pick<AltTilePlan, "tiles">, k: number): { state: string; marker: string } {
  const base = path.join(run, "tiles", tileName(plan, k));
  return { state: `${base}.tile`, marker: `${base}.done` };
}

/**
 * The state and done-marker files of tile k of a run folder: `tiles/tile-<k>.tile` and
 * `tiles/tile-<k>.done`, k zero-padded to the width of the plan's last tile number.
 *
 * @param run - the run folder
 * @param plan - the plan (its tile count)
 * @param k - the tile index
 * @returns the two paths
 * @example
 * altTileFiles("run", { tiles: 12 }, 3).marker; // 'run/tiles/tile-03.done'
 */
export function altTileFiles(run: string, plan: Pick<AltTilePlan, "tiles">, k: number): { state: string; marker: string } {
  return tileFiles(run, plan, k);
}

/**
 * Every file the maps and the training read: the mask, each predictor's file (or GEE tiles) of the
 * mapped years, and the site-year files; with size and modification time.
 *
 * @param source - the opened inputs
 * @param years - the mapped years
 * @returns the files, in a fixed order
 */
function inputStamps(source: AltInputSource, years: readonly number[]): AltPlanInputFile[] {
  const m = source.manifest;
  const named = [m.mask, ...m.predictors.flatMap((p) => (p.kind === "annual" ? years.map((y) => predictorFile(p, y)) : [p.path]))].flatMap((f) => rasterFilesOf(f));
  return [...named, ...m.siteYears.map((s) => s.file)].map((f) => {
    const st = fs.statSync(f);
    const rel = path.relative(m.dir, f);
    return { file: rel.startsWith("..") || path.isAbsolute(rel) ? f : rel, bytes: st.size, mtimeMs: st.mtimeMs };
  });
}

/**
 * Read and check a run folder's `plan.json`.
 *
 * @param run - the run folder
 * @returns the plan and the SHA-256 of its bytes (the markers name it)
 * @throws DataError naming plan.json when it is missing, not JSON, of another format, or lacks a field
 * @example
 * readAltTilePlan("no-such-run"); // throws DataError
 */
export function readAltTilePlan(run: string): { plan: AltTilePlan; sha256: string } {
  const file = planFile(run);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new DataError({ file, expected: "the plan of a run folder (npx permafrost-kit alt plan --inputs <alt-inputs.json> --run <DIR>)" }, "no plan in this run folder");
  }
  let p: AltTilePlan;
  try {
    p = JSON.parse(bytes.toString("utf8")) as AltTilePlan;
  } catch (e) {
    throw new DataError({ file, expected: "JSON" }, `not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (p === null || typeof p !== "object" || p.format !== ALT_TILE_PLAN_FORMAT) throw new DataError({ file, key: "format", value: p?.format, expected: JSON.stringify(ALT_TILE_PLAN_FORMAT) }, "not a tile-job plan");
  const need = (key: string, ok: boolean): void => {
    if (!ok) throw new DataError({ file, key, value: (p as unknown as Record<string, unknown>)[key], expected: "the field a plan writes" }, "bad plan field");
  };
  need("inputs", typeof p.inputs?.manifest === "string" && typeof p.inputs.sha256 === "string" && Array.isArray(p.inputs.files));
  need("members", Array.isArray(p.members) && p.members.length > 0 && p.members.every((m) => typeof m?.file === "string" && typeof m.sha256 === "string"));
  need("table", Array.isArray(p.table?.columns));
  need("years", Array.isArray(p.years) && p.years.length >= 3 && p.years.every((y) => Number.isInteger(y)));
  need("tiles", Number.isInteger(p.tiles) && p.tiles >= 1 && Number.isInteger(p.tileSize));
  try {
    checkGrid("readAltTilePlan", "grid", p.grid);
  } catch (e) {
    throw new DataError({ file, key: "grid", value: p.grid, expected: "a grid {width, height, originX, originY, resX, resY, crs}" }, "bad plan field", { cause: e });
  }
  return { plan: p, sha256: sha256Hex(bytes) };
}

/**
 * Whether two forests' node arrays are identical value for value (Object.is: −0, NaN and ±Infinity
 * count), so that they predict identically.
 *
 * @param a - one forest's trees
 * @param b - the other's
 * @returns the first array and index that differ, or null
 */
function treesDiffer(a: TreeArrays, b: TreeArrays): string | null {
  for (const key of ["feature", "threshold", "child", "naRight", "value", "cover", "roots"] as const) {
    const x = a[key], y = b[key];
    if (x.length !== y.length) return `${key}.length`;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return `${key}[${i}]`;
  }
  return null;
}

/**
 * Say how a field of an existing plan differs from a new request, briefly: for the inputs, the
 * first file (or the manifest) that differs; otherwise both values.
 *
 * @param key - the plan field
 * @param was - the existing plan's value
 * @param now - the new request's value
 * @returns e.g. "tileSize: 64 in the plan, 128 now"
 */
function planDifference(key: string, was: unknown, now: unknown): string {
  const short = (v: unknown): string => {
    const t = JSON.stringify(v) ?? "none";
    return t.length > 120 ? `${t.slice(0, 117)}…` : t;
  };
  if (key === "inputs") {
    const a = was as AltTilePlan["inputs"], b = now as AltTilePlan["inputs"];
    if (a.manifest !== b.manifest) return `inputs: manifest ${a.manifest} in the plan, ${b.manifest} now`;
    if (a.sha256 !== b.sha256) return `inputs: the manifest's text changed (SHA-256 ${a.sha256.slice(0, 12)}… in the plan, ${b.sha256.slice(0, 12)}… now)`;
    const n = Math.max(a.files.length, b.files.length);
    for (let i = 0; i < n; i++) {
      if (JSON.stringify(a.files[i]) !== JSON.stringify(b.files[i])) return `inputs: file ${a.files[i]?.file ?? b.files[i]?.file} changed (${short(a.files[i])} in the plan, ${short(b.files[i])} now)`;
    }
  }
  return `${key}: ${short(was)} in the plan, ${short(now)} now`;
}

/**
 * Plan a tiled map run (step 1 of the module comment): match the training table by window, run
 * (or reuse from the kit's cache) the grid search of altSettings(profile), train the top-K members
 * once on all site-years, save them as forest JSON, and write `plan.json` last (atomically: a
 * killed plan leaves none). Run again with the same arguments, it finds the identical plan and
 * trains nothing; with other arguments or changed inputs, it refuses to overwrite the plan.
 *
 * @param options - manifest, run folder, profile, tile size, years, workers, or given members
 * @returns the plan, its file, whether it was created, and the training times
 * @throws ArgumentError for an unknown option, a bad tile size, years that are not at least 3
 *   consecutive years of the manifest, a bad worker count or bad members
 * @throws DataError naming the manifest key and file of a bad input (from openAltInputs and the
 *   readers), or naming plan.json and the first field that differs when the run folder holds
 *   another plan
 * @throws EngineError when a saved member does not read back identical to the trained forest
 * @example
 * const manifest = path.join(ensureDemoWorld("quick").dir, "alt-inputs.json");
 * const p = await planAltTileJobs({ inputs: manifest, run: "run", tileSize: 64, years: [2003, 2004, 2005], members: [{ ntrees: 3, seed: 1 }], workers: 0 });
 * [p.plan.tiles, p.plan.members[0].file]; // [3, 'ensemble/member-0.json']
 */
export async function planAltTileJobs(options: AltTilePlanOptions): Promise<AltTilePlanResult> {
  const fn = "planAltTileJobs";
  checkOptions(fn, "options", options, ["inputs", "run", "profile", "tileSize", "years", "workers", "members"]);
  if (options === undefined) throw new ArgumentError({ fn, arg: "options", value: options, expected: "{ inputs, run, … }" }, "no options");
  for (const k of ["inputs", "run"] as const) {
    if (typeof options[k] !== "string" || options[k] === "") throw new ArgumentError({ fn, arg: `options.${k}`, value: options[k], expected: k === "inputs" ? "the path of an alt-inputs.json manifest" : "a folder path" }, "not a path");
  }
  const run = path.resolve(options.run);
  const settings = altSettings(options.profile ?? currentProfile());
  const tileSize = checkInteger(fn, "options.tileSize", options.tileSize ?? 128, { min: 16, max: 4096 });
  const workers = options.workers === undefined ? undefined : checkInteger(fn, "options.workers", options.workers, { min: 0, max: 1024 });
  const given = options.members;
  if (given !== undefined && (!Array.isArray(given) || given.length === 0)) throw new ArgumentError({ fn, arg: "options.members", value: given, expected: "the forest options of at least one member" }, "no members");

  const source = await openAltInputs(path.resolve(options.inputs));
  const m = source.manifest;
  const years = options.years ?? source.years;
  if (!Array.isArray(years) || years.length < 3 || years.some((y, k) => !source.years.includes(y) || (k > 0 && y !== years[k - 1]! + 1))) {
    throw new ArgumentError({ fn, arg: "options.years", value: years, expected: `at least 3 consecutive years of the manifest (${source.years[0]}–${source.years[source.years.length - 1]}; the region statistics need a trend)` }, "bad years");
  }
  const g = source.grid;
  const tiling = altTileWindows(g, tileSize);
  const nModels = settings.grid.ntrees.length * settings.grid.mtries.length * settings.grid.minRows.length;
  // everything the plan depends on before training: equal requests give equal plans
  const request = {
    inputs: { manifest: m.file, sha256: sha256Hex(fs.readFileSync(m.file)), files: inputStamps(source, years) },
    settings: { profile: settings.profile, seed: settings.seed, topK: settings.topK, models: nModels, nfolds: settings.nfolds, latitudeBinDeg: settings.latitudeBinDeg },
    membersFrom: given === undefined ? ("grid search" as const) : ("given" as const),
    given: given ?? null,
    years: [...years],
    grid: { width: g.width, height: g.height, originX: g.originX, originY: g.originY, resX: g.resX, resY: g.resY, crs: g.crs },
    tileSize, tilesX: tiling.tilesX, tilesY: tiling.tilesY, tiles: tiling.windows.length,
    engine: engineFingerprint(),
  };
  const file = planFile(run);
  if (fs.existsSync(file)) {
    const { plan: old } = readAltTilePlan(run);
    const oldRequest: Record<string, unknown> = { ...old, given: old.membersFrom === "given" ? old.members.map((x) => x.options) : null };
    for (const [key, value] of Object.entries(request)) {
      if (JSON.stringify(oldRequest[key]) !== JSON.stringify(value)) {
        throw new DataError({ file, key }, `the run folder holds a plan with different content (${planDifference(key, oldRequest[key], value)}): use another --run folder, or delete this one to start over`);
      }
    }
    const intact = old.members.every((x) => {
      try {
        return sha256Hex(fs.readFileSync(path.join(run, x.file))) === x.sha256;
      } catch {
        return false;
      }
    });
    if (intact) return { plan: old, file, created: false, seconds: { gridSearch: 0, members: 0 }, gridSearchCached: true };
  }

  const sites = readAltSiteYears(m);
  const table = await matchSiteYearsFromSource(sites, source, qcSiteYears(sites).kept);
  const columns = table.x.columns!;
  const t0 = performance.now();
  let members: ForestOptions[];
  let cachedSearch = false;
  if (given === undefined) {
    const grid = await altGridStage(table, settings, workers === undefined ? {} : { workers });
    members = grid.value.members;
    cachedSearch = grid.hit;
  } else members = given;
  const tGrid = Math.round(performance.now() - t0) / 1000;
  const t1 = performance.now();
  const all = Int32Array.from({ length: table.y.length }, (_, i) => i);
  const trained = await withForestPool(workers === undefined ? {} : { workers: Math.min(workers, members.length) }, async (pool) => {
    pool.register("train", table.x, table.y);
    return pool.run(members.map((o) => ({ data: "train", options: o, trainRows: all, returnModel: true })));
  });
  const tMembers = Math.round(performance.now() - t1) / 1000;
  fs.mkdirSync(path.join(run, "ensemble"), { recursive: true });
  const saved: AltPlanMember[] = trained.map((r, k) => {
    const forest = new Forest(r.model!);
    const text = JSON.stringify(forest.toJSON());
    const back = Forest.fromJSON(JSON.parse(text) as ForestJSON);
    const diff = treesDiffer(forest.trees, back.trees);
    if (diff !== null) throw new EngineError("forest JSON", `saving member ${k}`, `the saved forest reads back with a different ${diff}: its predictions would differ`);
    const rel = `ensemble/member-${k}.json`;
    writeFileAtomic(path.join(run, rel), text);
    return { file: rel, sha256: sha256Hex(text), options: members[k]! };
  });
  const plan: AltTilePlan = {
    format: ALT_TILE_PLAN_FORMAT,
    inputs: request.inputs,
    settings: request.settings,
    membersFrom: request.membersFrom,
    table: { rows: table.y.length, columns: [...columns], sha256: contentHash("alt-tile-table-v1", table.x.data, columns, table.y) },
    members: saved,
    years: request.years,
    grid: request.grid,
    tileSize, tilesX: request.tilesX, tilesY: request.tilesY, tiles: request.tiles,
    engine: request.engine,
  };
  fs.mkdirSync(path.join(run, "tiles"), { recursive: true });
  writeFileAtomic(path.join(run, "plan-timing.json"), `${JSON.stringify({ gridSearchSeconds: tGrid, gridSearchCached: cachedSearch, membersSeconds: tMembers, peakRssMiB: peakRssMiB(), host: os.hostname(), workers: workers ?? defaultWorkerCount() }, null, 2)}\n`);
  writeFileAtomic(file, `${JSON.stringify(plan, null, 2)}\n`);
  return { plan, file, created: true, seconds: { gridSearch: tGrid, members: tMembers }, gridSearchCached: cachedSearch };
}

/**
 * This process's peak resident memory so far, MiB (getrusage's ru_maxrss; worker threads included).
 *
 * @returns MiB
 */
function peakRssMiB(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

/**
 * The tile a job maps, from `--tile K` or `--tile K/N`, else `$SLURM_ARRAY_TASK_ID` (the task of a
 * Slurm array job, `sbatch --array=0-<tiles − 1>`).
 *
 * @param spec - "K", "K/N", a number, or undefined (then the environment's SLURM_ARRAY_TASK_ID)
 * @param tiles - the plan's tile count (N must equal it)
 * @param env - the environment (default process.env)
 * @returns the tile index, 0 … tiles − 1
 * @throws ArgumentError naming the value: not K or K/N, K ≥ N, N differing from the plan's tile
 *   count, or no tile given and no SLURM_ARRAY_TASK_ID
 * @example
 * resolveAltTile("3/12", 12); // 3
 * resolveAltTile(undefined, 12, { SLURM_ARRAY_TASK_ID: "11" }); // 11
 * resolveAltTile("12", 12); // throws ArgumentError
 */
export function resolveAltTile(spec: string | number | undefined, tiles: number, env: Record<string, string | undefined> = process.env): number {
  const fn = "resolveAltTile";
  let arg = "--tile";
  let text: string;
  if (spec === undefined || spec === "") {
    const id = env["SLURM_ARRAY_TASK_ID"];
    if (id === undefined || id === "") throw new ArgumentError({ fn, arg, value: spec, expected: `--tile K or K/${tiles} (0 ≤ K < ${tiles}), or run as a Slurm array task ($SLURM_ARRAY_TASK_ID)` }, "no tile given");
    arg = "$SLURM_ARRAY_TASK_ID";
    text = id;
  } else text = String(spec);
  const match = /^(\d+)(?:\/(\d+))?$/.exec(text.trim());
  if (match === null) throw new ArgumentError({ fn, arg, value: text, expected: `a tile number K or K/N (0 ≤ K < ${tiles}, N = ${tiles})` }, "not a tile number");
  const k = Number(match[1]);
  if (match[2] !== undefined && Number(match[2]) !== tiles) throw new ArgumentError({ fn, arg, value: text, expected: `K/${tiles}: the plan has ${tiles} tiles` }, "tile count differs from the plan's");
  if (k >= tiles) throw new ArgumentError({ fn, arg, value: text, expected: `a tile 0–${tiles - 1} (the plan has ${tiles} tiles)` }, "no such tile");
  return k;
}

/** How a tile stands in a run folder. */
type TileCheck = { ok: true; marker: AltTileMarker } | { ok: false; missing: boolean; reason: string };

/** The done-marker of a tile (`tiles/tile-<k>.done`). */
export interface AltTileMarker {
  /** Format tag. */
  format: string;
  /** Tile index and name. */
  tile: number;
  name: string;
  /** SHA-256 of the plan it was mapped for. */
  plan: string;
  /** The tile's state file (in the same folder) and the SHA-256 of its bytes. */
  state: string;
  sha256: string;
  /** Domain cells mapped, and dropped for a missing predictor. */
  cells: number;
  dropped: number;
  /** Pixel-years predicted by each member (cells × years). */
  pixelYears: number;
  /** Wall time of the job, s (plan and members loaded, windows read, predicted, written). */
  seconds: number;
  /** Its phases, s: checks and loading the members, reading the tile's windows, predicting (workers started, members registered), writing the state. */
  phases: { load: number; read: number; predict: number; write: number };
  /** Peak resident memory of the job, MiB. */
  peakRssMiB: number;
  /** Host and worker threads. */
  host: string;
  workers: number;
}

/**
 * Check tile k: a marker of this plan and this tile, naming a state file whose bytes have the
 * marker's SHA-256 and that decodes (its own payload hash and sizes).
 *
 * @param run - the run folder
 * @param plan - the plan
 * @param planSha - SHA-256 of plan.json
 * @param k - tile index
 * @returns done with the marker, or not with the reason (missing: no marker)
 */
function checkTile(run: string, plan: AltTilePlan, planSha: string, k: number): TileCheck {
  const f = tileFiles(run, plan, k);
  let text: string;
  try {
    text = fs.readFileSync(f.marker, "utf8");
  } catch {
    return { ok: false, missing: true, reason: "no done-marker" };
  }
  let mk: AltTileMarker;
  try {
    mk = JSON.parse(text) as AltTileMarker;
  } catch {
    return { ok: false, missing: false, reason: `${path.basename(f.marker)} is not JSON` };
  }
  if (mk === null || typeof mk !== "object" || mk.format !== MARKER_FORMAT || mk.tile !== k) return { ok: false, missing: false, reason: `${path.basename(f.marker)} is not this tile's marker` };
  if (mk.plan !== planSha) return { ok: false, missing: false, reason: `${path.basename(f.marker)} was written for another plan` };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(f.state);
  } catch {
    return { ok: false, missing: false, reason: `${path.basename(f.state)} is missing` };
  }
  if (sha256Hex(bytes) !== mk.sha256) return { ok: false, missing: false, reason: `${path.basename(f.state)} differs from its marker's SHA-256` };
  if (decodeAltTileState(f.state, plan.years.length) === null) return { ok: false, missing: false, reason: `${path.basename(f.state)} does not decode` };
  return { ok: true, marker: mk };
}

/**
 * Refuse a plan whose inputs changed since it was written (manifest text, or any input file's size
 * or modification time), or whose engine differs from this kit's.
 *
 * @param run - the run folder
 * @param plan - the plan
 */
function checkPlanInputs(run: string, plan: AltTilePlan): void {
  const pf = planFile(run);
  const m = plan.inputs.manifest;
  let text: Buffer;
  try {
    text = fs.readFileSync(m);
  } catch {
    throw new DataError({ file: m, expected: `the manifest the plan was made from (${pf})` }, "inputs manifest missing");
  }
  if (sha256Hex(text) !== plan.inputs.sha256) throw new DataError({ file: m, expected: `the manifest text the plan was made from (SHA-256 ${plan.inputs.sha256.slice(0, 12)}…, ${pf})` }, "inputs manifest changed since the plan: make a new plan in another run folder");
  for (const f of plan.inputs.files) {
    const abs = path.resolve(path.dirname(m), f.file);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      throw new DataError({ file: abs, expected: `the input file the plan read (${pf})` }, "input file missing");
    }
    if (st.size !== f.bytes || st.mtimeMs !== f.mtimeMs) {
      throw new DataError({ file: abs, value: `${st.size} bytes, modified ${new Date(st.mtimeMs).toISOString()}`, expected: `${f.bytes} bytes, modified ${new Date(f.mtimeMs).toISOString()}, as when planned (${pf}; a copy that does not keep times, e.g. cp without -p, counts as a change)` }, "input file changed since the plan: make a new plan in another run folder");
    }
  }
  const engine = engineFingerprint();
  if (engine !== plan.engine) throw new DataError({ file: pf, key: "engine", value: plan.engine, expected: `${engine} (this kit's code)` }, "the plan was made with other kit code: run the jobs with the kit that made the plan, or make a new plan");
}

/**
 * Load the plan's saved members, each checked against its SHA-256 and validated by Forest.fromJSON.
 *
 * @param run - the run folder
 * @param plan - the plan
 * @returns the forests, best first
 */
function loadMembers(run: string, plan: AltTilePlan): Forest[] {
  return plan.members.map((mb) => {
    const f = path.join(run, mb.file);
    let text: string;
    try {
      text = fs.readFileSync(f, "utf8");
    } catch {
      throw new DataError({ file: f, expected: "a member saved by the plan" }, "member file missing");
    }
    if (sha256Hex(text) !== mb.sha256) throw new DataError({ file: f, value: `SHA-256 ${sha256Hex(text).slice(0, 12)}…`, expected: `${mb.sha256.slice(0, 12)}… (plan.json)` }, "member file differs from the one the plan saved");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new DataError({ file: f, expected: "forest JSON" }, "not JSON");
    }
    return Forest.fromJSON(json as ForestJSON, f);
  });
}

/** Options of {@link runAltTileJob}. */
export interface AltTileJobOptions {
  /** The run folder (with the plan). */
  run: string;
  /** "K" or "K/N" or K (default: `$SLURM_ARRAY_TASK_ID`); see {@link resolveAltTile}. */
  tile?: string | number;
  /** Worker threads predicting the members in parallel (default: `$SLURM_CPUS_PER_TASK`, else the cores available; at most one per member; 0 = this thread). */
  workers?: number;
  /** The environment the defaults come from (default process.env). */
  env?: Record<string, string | undefined>;
}

/** What {@link runAltTileJob} did. */
export interface AltTileJobResult {
  /** Tile index, name, and the plan's tile count. */
  tile: number;
  name: string;
  tiles: number;
  /** "mapped", or "already done" (a valid marker was there: nothing was read or written). */
  status: "mapped" | "already done";
  /** The marker (this job's, or the earlier one). */
  marker: AltTileMarker;
}

/**
 * Map one tile of a plan (step 2 of the module comment). A tile that is already done (valid
 * marker and state) is a no-op; otherwise the state is computed and written, then the marker
 * (both atomically: a killed job leaves no marker, and its tile is mapped again next time).
 *
 * @param options - run folder, tile, workers, environment
 * @returns the tile, its status and marker
 * @throws ArgumentError for an unknown option, a bad tile (see {@link resolveAltTile}) or worker count
 * @throws DataError naming the file: no plan or a bad one, an input that changed since the plan
 *   (manifest, file size or time), a missing or altered member file, a grid that differs from the plan's
 * @example
 * const manifest = path.join(ensureDemoWorld("quick").dir, "alt-inputs.json");
 * await planAltTileJobs({ inputs: manifest, run: "run", tileSize: 64, years: [2003, 2004, 2005], members: [{ ntrees: 3, seed: 1 }], workers: 0 });
 * (await runAltTileJob({ run: "run", tile: "1/3", workers: 0 })).status; // 'mapped'
 * (await runAltTileJob({ run: "run", tile: 1, workers: 0 })).status; // 'already done'
 */
export async function runAltTileJob(options: AltTileJobOptions): Promise<AltTileJobResult> {
  const t0 = performance.now();
  const fn = "runAltTileJob";
  checkOptions(fn, "options", options, ["run", "tile", "workers", "env"]);
  if (typeof options?.run !== "string" || options.run === "") throw new ArgumentError({ fn, arg: "options.run", value: options?.run, expected: "the run folder of a plan" }, "not a path");
  const env = options.env ?? process.env;
  const run = path.resolve(options.run);
  const { plan, sha256: planSha } = readAltTilePlan(run);
  const k = resolveAltTile(options.tile, plan.tiles, env);
  let workers: number;
  if (options.workers !== undefined) workers = checkInteger(fn, "options.workers", options.workers, { min: 0, max: 1024 });
  else {
    const slurm = env["SLURM_CPUS_PER_TASK"];
    workers = slurm !== undefined && slurm !== "" ? checkInteger(fn, "$SLURM_CPUS_PER_TASK", Number(slurm), { min: 1, max: 1024 }) : defaultWorkerCount();
  }
  workers = Math.min(workers, plan.members.length);
  const name = tileName(plan, k);
  const before = checkTile(run, plan, planSha, k);
  if (before.ok) return { tile: k, name, tiles: plan.tiles, status: "already done", marker: before.marker };

  checkPlanInputs(run, plan);
  const members = loadMembers(run, plan);
  const t1 = performance.now();
  const source = await openAltInputs(plan.inputs.manifest);
  const diff = gridDifferences(source.grid, plan.grid);
  if (diff.length > 0) throw new DataError({ file: plan.inputs.manifest, key: "mask.file", value: diff.join("; "), expected: `the grid of the plan (${planFile(run)})` }, "the inputs' grid differs from the plan's");
  const window = altTileWindows(plan.grid, plan.tileSize).windows[k]!;
  // the matrix in shared memory from the start: the pool shares it with the workers without a copy
  const scratch = new Float64Array(new SharedArrayBuffer((window.col1 - window.col0) * (window.row1 - window.row0) * plan.years.length * plan.table.columns.length * 8));
  const { x, cells, dropped } = await altTileMatrix(source, plan.table.columns, plan.years, window, scratch);
  const t2 = performance.now();
  let predictions: Float64Array[] = [];
  if (cells.length > 0) {
    predictions = await withForestPool({ workers }, async (pool) => {
      members.forEach((f, q) => pool.registerModel(`member-${q}`, f));
      pool.register("tile", x, undefined, yearBlockLayout(plan.years));
      return pool.predict(members.map((_, q) => ({ model: `member-${q}`, data: "tile" })));
    });
  }
  const t3 = performance.now();
  const state = altTileStateFromPredictions(cells, dropped, predictions, plan.years);
  const bytes = encodeAltTileState(state);
  const f = tileFiles(run, plan, k);
  fs.mkdirSync(path.dirname(f.state), { recursive: true });
  writeFileAtomic(f.state, bytes);
  const t4 = performance.now();
  const s3 = (a: number, b: number) => Math.round(b - a) / 1000;
  const marker: AltTileMarker = {
    format: MARKER_FORMAT, tile: k, name, plan: planSha, state: path.basename(f.state), sha256: sha256Hex(bytes),
    cells: cells.length, dropped, pixelYears: cells.length * plan.years.length,
    seconds: s3(t0, t4), phases: { load: s3(t0, t1), read: s3(t1, t2), predict: s3(t2, t3), write: s3(t3, t4) }, peakRssMiB: peakRssMiB(), host: os.hostname(), workers,
  };
  writeFileAtomic(f.marker, `${JSON.stringify(marker, null, 2)}\n`);
  return { tile: k, name, tiles: plan.tiles, status: "mapped", marker };
}

/** The tiles of a run folder, by state (see {@link altTileJobStatus}). */
export interface AltTileJobStatus {
  /** Tiles in the plan. */
  tiles: number;
  /** Tiles with a valid marker and state. */
  done: number[];
  /** Tiles without a marker (not run, running, or killed). */
  missing: number[];
  /** Tiles whose marker or state is bad, with the reason. */
  corrupt: { tile: number; reason: string }[];
}

/**
 * Which tiles of a run are done, missing or corrupt (checksums verified).
 *
 * @param run - the run folder
 * @returns the tile indices by state
 * @throws DataError naming plan.json when there is no valid plan
 * @example
 * const manifest = path.join(ensureDemoWorld("quick").dir, "alt-inputs.json");
 * await planAltTileJobs({ inputs: manifest, run: "run", tileSize: 64, years: [2003, 2004, 2005], members: [{ ntrees: 3, seed: 1 }], workers: 0 });
 * await runAltTileJob({ run: "run", tile: 2, workers: 0 });
 * altTileJobStatus("run"); // { tiles: 3, done: [2], missing: [0, 1], corrupt: [] }
 */
export function altTileJobStatus(run: string): AltTileJobStatus {
  if (typeof run !== "string" || run === "") throw new ArgumentError({ fn: "altTileJobStatus", arg: "run", value: run, expected: "the run folder of a plan" }, "not a path");
  return tileStatus(path.resolve(run)).status;
}

/**
 * Check every tile of a run.
 *
 * @param dir - the run folder (absolute)
 * @returns the plan, the status, and the markers of the tiles done
 */
function tileStatus(dir: string): { plan: AltTilePlan; status: AltTileJobStatus; markers: AltTileMarker[] } {
  const { plan, sha256 } = readAltTilePlan(dir);
  const status: AltTileJobStatus = { tiles: plan.tiles, done: [], missing: [], corrupt: [] };
  const markers: AltTileMarker[] = [];
  for (let k = 0; k < plan.tiles; k++) {
    const c = checkTile(dir, plan, sha256, k);
    if (c.ok) {
      status.done.push(k);
      markers.push(c.marker);
    } else if (c.missing) status.missing.push(k);
    else status.corrupt.push({ tile: k, reason: c.reason });
  }
  return { plan, status, markers };
}

/**
 * A list of tile numbers as short text: runs of consecutive numbers as ranges.
 *
 * @param ks - ascending tile numbers
 * @returns e.g. "0-3, 7, 9-10"
 */
function tileRanges(ks: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ks.length; ) {
    let j = i;
    while (j + 1 < ks.length && ks[j + 1] === ks[j]! + 1) j++;
    parts.push(i === j ? String(ks[i]) : `${ks[i]}-${ks[j]}`);
    i = j + 1;
  }
  return parts.join(", ");
}

/**
 * One line for a status: tiles done, missing and corrupt, with their numbers.
 *
 * @param s - the status
 * @returns the line
 * @example
 * altTileStatusLine({ tiles: 12, done: [0, 1, 2, 3, 4, 6, 8, 9, 10, 11], missing: [5], corrupt: [{ tile: 7, reason: "tile-07.tile differs from its marker's SHA-256" }] }); // 'tiles: 12; done 10; missing 1 (5); corrupt 1 (7)'
 */
export function altTileStatusLine(s: AltTileJobStatus): string {
  const c = s.corrupt.map((x) => x.tile);
  return `tiles: ${s.tiles}; done ${s.done.length}; missing ${s.missing.length}${s.missing.length > 0 ? ` (${tileRanges(s.missing)})` : ""}; corrupt ${c.length}${c.length > 0 ? ` (${tileRanges(c)})` : ""}`;
}

/** What {@link mergeAltTileJobs} wrote. */
export interface AltTileMerge {
  /** The COGs (in `maps/`), as altTiledMaps names them. */
  files: AltTiledMaps["files"];
  /** `region-stats.json` and `merge-report.json`. */
  regionStats: string;
  report: string;
  /** Tiles, domain cells mapped and dropped, pixel-years per member. */
  tiles: number;
  cells: number;
  droppedCells: number;
  pixelYears: number;
  /** Wall time of the merge, ms: assembling the COGs, and the region statistics. */
  ms: { assemble: number; stats: number };
}

/**
 * Merge a run (step 3 of the module comment): check every tile's marker and checksum, then
 * assemble the COGs with overviews into `maps/` (assembleAltTileMaps: the bytes altTiledMaps
 * writes) and write the region statistics to `region-stats.json`: paper 1 §3.1's streamed
 * summaries of the annual maps ({@link annualMapSummary} read back from the COGs by row blocks,
 * then {@link annualSummaryResults}): per pixel and area-weighted distributions of the mean ALT,
 * OLS trend and Sen's slope, shares deepening and significant (Mann–Kendall), mean ALT in the
 * 25–50° N and ≥ 50° N zones, and latitude profiles in bins of the profile's `latitudeBinDeg`.
 * The job accounting (per-tile seconds, peak memory, hosts) goes to `merge-report.json`, so the
 * maps and `region-stats.json` are identical whatever the tile size.
 *
 * @param run - the run folder
 * @returns the files and counts
 * @throws DataError naming the tiles folder and every missing or corrupt tile (with the reason) when any tile is not done; naming plan.json when there is no valid plan
 * @example
 * const manifest = path.join(ensureDemoWorld("quick").dir, "alt-inputs.json");
 * await planAltTileJobs({ inputs: manifest, run: "run", tileSize: 64, years: [2003, 2004, 2005], members: [{ ntrees: 3, seed: 1 }], workers: 0 });
 * for (const k of [2, 0, 1]) await runAltTileJob({ run: "run", tile: k, workers: 0 });
 * (await mergeAltTileJobs("run")).cells; // 1356
 */
export async function mergeAltTileJobs(run: string): Promise<AltTileMerge> {
  if (typeof run !== "string" || run === "") throw new ArgumentError({ fn: "mergeAltTileJobs", arg: "run", value: run, expected: "the run folder of a plan" }, "not a path");
  const dir = path.resolve(run);
  const { plan, status, markers } = tileStatus(dir);
  if (status.missing.length + status.corrupt.length > 0) {
    const what = [
      ...(status.missing.length > 0 ? [`missing: ${status.missing.map((k) => `tile ${k} (${tileName(plan, k)})`).join(", ")}`] : []),
      ...(status.corrupt.length > 0 ? [`corrupt: ${status.corrupt.map((c) => `tile ${c.tile} (${c.reason})`).join(", ")}`] : []),
    ];
    throw new DataError({ file: path.join(dir, "tiles"), expected: `all ${plan.tiles} tiles done (npx permafrost-kit alt map --run ${run} --tile K for each)` }, `${status.missing.length + status.corrupt.length} of ${plan.tiles} tiles not done (${what.join("; ")})`);
  }
  const t0 = performance.now();
  const mapsDir = path.join(dir, "maps");
  fs.mkdirSync(mapsDir, { recursive: true });
  const files = await assembleAltTileMaps({ grid: plan.grid, years: plan.years, tileSize: plan.tileSize, stateFile: (k) => tileFiles(dir, plan, k).state, dir: mapsDir });
  const tAssemble = performance.now() - t0;

  const t1 = performance.now();
  const sources: Awaited<ReturnType<typeof openRasterSource>>[] = [];
  for (const f of files.annual) sources.push(await openRasterSource(f));
  const g = plan.grid;
  const summary = await annualMapSummary({
    grid: g, years: plan.years,
    readRows: async (row0, row1) => Promise.all(sources.map(async (s) => (await s.readWindow({ col0: 0, row0, col1: g.width, row1 }, [0]))[0]!)),
  }, { latitudeBinDeg: plan.settings.latitudeBinDeg, progress: false });
  const stats = {
    format: REGION_STATS_FORMAT,
    about: "Paper 1 §3.1 summaries of the merged annual ALT maps (annualMapSummary streamed over maps/alt_<year>.tif): distributions per pixel and area-weighted (exact counts, means and SDs; quantiles to the bin width), shares deepening and significant, zones, latitude profiles",
    years: plan.years, grid: plan.grid, minYears: plan.years.length, latitudeBinDeg: plan.settings.latitudeBinDeg,
    ...annualSummaryResults(summary),
  };
  const regionStats = path.join(dir, "region-stats.json");
  writeFileAtomic(regionStats, `${JSON.stringify(stats, null, 2)}\n`);
  const tStats = performance.now() - t1;

  const sum = (f: (mk: AltTileMarker) => number) => markers.reduce((a, mk) => a + f(mk), 0);
  const report = path.join(dir, "merge-report.json");
  const merged = { tiles: plan.tiles, cells: sum((mk) => mk.cells), droppedCells: sum((mk) => mk.dropped), pixelYears: sum((mk) => mk.pixelYears) };
  writeFileAtomic(report, `${JSON.stringify({
    ...merged, members: plan.members.length, tileSize: plan.tileSize,
    jobs: { seconds: sum((mk) => mk.seconds), maxSeconds: Math.max(...markers.map((mk) => mk.seconds)), maxPeakRssMiB: Math.max(...markers.map((mk) => mk.peakRssMiB)), hosts: [...new Set(markers.map((mk) => mk.host))].sort() },
    merge: { assembleSeconds: Math.round(tAssemble) / 1000, statsSeconds: Math.round(tStats) / 1000, peakRssMiB: peakRssMiB() },
    perTile: markers.map((mk) => ({ tile: mk.tile, cells: mk.cells, pixelYears: mk.pixelYears, seconds: mk.seconds, phases: mk.phases, peakRssMiB: mk.peakRssMiB, host: mk.host, workers: mk.workers })),
  }, null, 2)}\n`);
  return { files, regionStats, report, ...merged, ms: { assemble: tAssemble, stats: tStats } };
}
