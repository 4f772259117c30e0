/**
 * The measured rates of the cost model (issue 20), read from finished tile-job runs: what each map
 * tile job took (its done-marker: seconds, worker threads, pixel-years, peak memory), what the plan's
 * member training took (`plan-timing.json`), and what the merge took (`merge-report.json`). Nothing
 * here is assumed: a run that lacks a measurement is refused, naming the file.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ArgumentError, DataError } from "../core/errors";
import { isList } from "../core/checks";
import { type AltMeasuredRates } from "./cost-model";
import { type AltTileMarker, altTileFiles, readAltTilePlan } from "./tile-jobs";

/**
 * Read a JSON file of a run.
 *
 * @param file - the file
 * @param what - what it should be, for the error
 * @returns the parsed value
 */
function readJson(file: string, what: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new DataError({ file, expected: what }, "cannot read the file", { cause: e });
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new DataError({ file, expected: what }, "not JSON", { cause: e });
  }
}

/**
 * A positive number field of a run file.
 *
 * @param obj - the parsed file
 * @param key - the field
 * @param file - the file, for the error
 * @returns the number
 */
function positive(obj: Record<string, unknown>, key: string, file: string): number {
  const v = obj[key];
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) throw new DataError({ file, key, value: v, expected: "a positive number" }, "missing or bad measurement");
  return v;
}

/**
 * The cores a job held: its worker threads, or 1 for 0 workers (everything in the calling thread).
 *
 * @param obj - a marker or the plan timing
 * @param file - the file, for the error
 * @returns the cores
 */
function coresOf(obj: Record<string, unknown>, file: string): number {
  const v = obj["workers"];
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw new DataError({ file, key: "workers", value: v, expected: "a whole number of worker threads" }, "missing or bad measurement");
  return Math.max(1, v);
}

/**
 * The cost model's rates from one or more tile-job runs, e.g. the same inputs planned with two tile
 * sides (the memory model needs two). A run counts with the tiles it has done (a sample of a large
 * grid is enough: the rates are per pixel-year); at least one run must have been merged.
 *
 * - member pixel-years per core-second: Σ pixel-years × members / Σ seconds × worker threads (1 for none), over the
 *   tiles with domain cells (a job is charged for all the cores it holds);
 * - training seconds per member: the plan's member training × its worker threads / members;
 * - merge rate: domain cells × (years + 2) output bands / the merge's assembly seconds;
 * - memory: the largest tile-job peak of each run, at its tile side.
 *
 * @param runs - run folders (each with plan.json, plan-timing.json and done tiles; merge-report.json in at least one, unless `mergeRuns` is given)
 * @param mergeRuns - the runs whose merge gives the merge rate (default: `runs`), e.g. a run of fewer years mapped whole so that it could be merged
 * @returns the rates, with their source (the runs and hosts)
 * @throws ArgumentError for no runs
 * @throws DataError naming a run file that is missing, not JSON or lacks a measurement, a run without a done tile, or no merged run
 * @example
 * const manifest = path.join(ensureDemoWorld("quick").dir, "alt-inputs.json");
 * await planAltTileJobs({ inputs: manifest, run: "run", tileSize: 64, years: [2003, 2004, 2005], members: [{ ntrees: 3, seed: 1 }], workers: 0 });
 * for (const k of [0, 1, 2]) await runAltTileJob({ run: "run", tile: k, workers: 0 });
 * await mergeAltTileJobs("run");
 * altCostRatesFromRuns(["run"]).memberPixelYearsPerCoreS > 0; // true
 */
export function altCostRatesFromRuns(runs: readonly string[], mergeRuns: readonly string[] = runs): AltMeasuredRates {
  if (!isList(runs) || runs.length === 0) throw new ArgumentError({ fn: "altCostRatesFromRuns", arg: "runs", value: runs, expected: "one or more run folders" }, "no runs");
  let work = 0;
  let coreS = 0;
  let trainCoreS = 0;
  let trained = 0;
  let mergeWork = 0;
  let mergeS = 0;
  const memory: { tileSize: number; peakMiB: number }[] = [];
  const hosts = new Set<string>();
  for (const run of runs) {
    const dir = path.resolve(run);
    const { plan } = readAltTilePlan(dir);
    const timingFile = path.join(dir, "plan-timing.json");
    const timing = readJson(timingFile, "the plan's timing (written by alt plan)");
    trainCoreS += positive(timing, "membersSeconds", timingFile) * coresOf(timing, timingFile);
    trained += plan.members.length;
    let peak = 0;
    for (let k = 0; k < plan.tiles; k++) {
      const file = altTileFiles(dir, plan, k).marker;
      if (!fs.existsSync(file)) continue;
      const mk = readJson(file, "a tile's done-marker") as unknown as AltTileMarker;
      peak = Math.max(peak, positive(mk as unknown as Record<string, unknown>, "peakRssMiB", file));
      hosts.add(String(mk.host));
      if (mk.cells === 0) continue;
      work += mk.pixelYears * plan.members.length;
      coreS += positive(mk as unknown as Record<string, unknown>, "seconds", file) * coresOf(mk as unknown as Record<string, unknown>, file);
    }
    if (peak === 0) throw new DataError({ file: path.join(dir, "tiles"), expected: "at least one tile done (alt map)" }, "no tile of this run is done");
    memory.push({ tileSize: plan.tileSize, peakMiB: peak });
  }
  if (!isList(mergeRuns)) throw new ArgumentError({ fn: "altCostRatesFromRuns", arg: "mergeRuns", value: mergeRuns, expected: "run folders" }, "not a list");
  for (const run of mergeRuns) {
    const dir = path.resolve(run);
    const { plan } = readAltTilePlan(dir);
    const reportFile = path.join(dir, "merge-report.json");
    if (!fs.existsSync(reportFile)) continue;
    const report = readJson(reportFile, "the merge's report (written by alt merge)");
    const merge = report["merge"] as Record<string, unknown> | undefined;
    if (merge === undefined || typeof merge !== "object") throw new DataError({ file: reportFile, key: "merge", value: merge, expected: "the merge's times" }, "missing measurement");
    mergeS += positive(merge, "assembleSeconds", reportFile);
    mergeWork += positive(report, "cells", reportFile) * (plan.years.length + 2);
  }
  if (mergeS === 0) throw new DataError({ file: path.join(path.resolve(runs[0]!), "merge-report.json"), expected: "at least one run merged (alt merge), for the merge rate" }, "no merged run");
  if (coreS === 0) throw new DataError({ file: path.resolve(runs[0]!), expected: "tiles with domain cells" }, "no tile mapped any cell");
  return {
    source: `${runs.length} tile-job run${runs.length === 1 ? "" : "s"} (${runs.map((r) => path.basename(path.resolve(r))).join(", ")}${mergeRuns === runs ? "" : `; merge: ${mergeRuns.map((r) => path.basename(path.resolve(r))).join(", ")}`}) on ${[...hosts].sort().join(", ")}`,
    memberPixelYearsPerCoreS: work / coreS,
    trainSecondsPerMember: trainCoreS / trained,
    mergePixelYearsPerS: mergeWork / mergeS,
    memory,
  };
}
