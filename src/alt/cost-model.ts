/**
 * A cost model of paper 1's maps and uncertainty at full scale (issue 20), from measured rates: the
 * core-hours of each stage, the wall time on N batch nodes, and the memory a tile job needs.
 *
 * Work per stage, in member pixel-years (one member forest predicting one pixel in one year):
 * - **maps** (§2.4.1): members × pixels × years;
 * - **model structure** (§2.4.2, pass 0 of altTiledUncertainty): the same again (the members predict
 *   every tile; the combinations are drawn from those predictions and cost nothing measurable);
 * - **bootstrap** (§2.4.2): replicates × (members × pixels × years), plus retraining the members once
 *   per replicate;
 * - **merge**: assembling (years + 2) single-band COGs, on one node, at the measured assembly rate.
 *
 * Tile jobs are independent, so a compute stage's wall time on N nodes is its core-seconds over the
 * cores in use: min(N × cores per node, tiles × cores per job) — more cores than tiles do not help.
 * The merge runs on one node. Nothing here is estimated that was not measured: the rates come from a
 * run's tile-job done-markers (see `altCostRatesFromRun`) or from `npm run region`.
 */
import { ArgumentError } from "../core/errors";
import { checkInteger, checkNumber, checkOptions, isList } from "../core/checks";

/** Rates measured on one machine (units in the field names). */
export interface AltMeasuredRates {
  /** Where the rates come from (a run folder, a report file) and the machine, in words. */
  source: string;
  /** Member pixel-years predicted per core-second by the map tile jobs (all their time, reads and writes included). */
  memberPixelYearsPerCoreS: number;
  /** Seconds to train one member forest on the training table, one core. */
  trainSecondsPerMember: number;
  /** Pixels per second written by the merge (all output bands of one pixel count once). */
  mergePixelYearsPerS: number;
  /** Peak resident memory of tile jobs at two or more tile sides (cells per side; MiB). */
  memory: readonly { tileSize: number; peakMiB: number }[];
}

/** The run to cost. */
export interface AltCostScenario {
  /** Domain pixels (e.g. 48 × 10⁶: the NPR's 16 × 10⁶ km² at 0.0083° ≈ 0.333 km² per cell). */
  pixels: number;
  /** Mapped years (paper 1: 18, 2003–2020). */
  years: number;
  /** Ensemble members (paper 1: 10). */
  members: number;
  /** Bootstrap replicates (paper 1: 100). */
  bootstrapReplicates: number;
  /** Tile side in cells. */
  tileSize: number;
  /** Cores per batch node. */
  coresPerNode: number;
  /** Cores per tile job (its `--cpus-per-task`). */
  coresPerJob: number;
  /** Node counts to cost. */
  nodes: readonly number[];
}

/** One stage of the cost table. */
export interface AltCostRow {
  /** The stage. */
  stage: "maps" | "model structure" | "bootstrap" | "merge";
  /** Member pixel-years of the stage (merge: pixel-years written). */
  work: number;
  /** Core-hours. */
  coreHours: number;
  /** Wall hours for each node count of the scenario (same order). */
  wallHours: number[];
}

/** The cost table of a scenario. */
export interface AltCostTable {
  /** The stages. */
  rows: AltCostRow[];
  /** Core-hours and wall hours (per node count) of all stages. */
  total: { coreHours: number; wallHours: number[] };
  /** Tiles of the grid (pixels / tileSize², rounded up; domain pixels only, so a lower bound). */
  tiles: number;
  /** Memory a tile job needs at the scenario's tile side (MiB), from the fitted a + b·side² model, with 25 % headroom. */
  memoryPerJobMiB: number;
  /** The fitted memory model: MiB = base + perCell × side². */
  memoryModel: { baseMiB: number; perCellMiB: number };
}

/**
 * Fit MiB = base + perCell × side² by least squares to measured tile-job peaks (two or more tile sides).
 *
 * @param memory - measured peaks
 * @returns the base and per-cell terms (MiB)
 * @throws ArgumentError for fewer than two distinct tile sides or a non-positive value
 * @example
 * fitTileMemory([{ tileSize: 64, peakMiB: 200 }, { tileSize: 128, peakMiB: 260 }]).baseMiB; // 180
 */
export function fitTileMemory(memory: readonly { tileSize: number; peakMiB: number }[]): { baseMiB: number; perCellMiB: number } {
  const fn = "fitTileMemory";
  if (!isList(memory) || new Set(memory.map((m) => m?.tileSize)).size < 2) throw new ArgumentError({ fn, arg: "memory", value: memory, expected: "peaks measured at two or more tile sides" }, "cannot fit the memory model");
  memory.forEach((m, i) => {
    checkNumber(fn, `memory[${i}].tileSize`, m.tileSize, { min: 1 });
    checkNumber(fn, `memory[${i}].peakMiB`, m.peakMiB, { min: 1 });
  });
  const xs = memory.map((m) => m.tileSize * m.tileSize);
  const ys = memory.map((m) => m.peakMiB);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) * (x - mx);
  });
  const perCellMiB = Math.max(0, sxy / sxx);
  return { baseMiB: my - perCellMiB * mx, perCellMiB };
}

/**
 * The cost table of paper 1's maps and uncertainty for a scenario, from measured rates.
 *
 * @param rates - measured rates (core-seconds, assembly rate, memory peaks)
 * @param scenario - pixels, years, members, replicates, tiling and the cluster
 * @returns core-hours and wall hours per stage and node count, tiles, memory per job
 * @throws ArgumentError for a missing or non-positive rate or scenario value, or an unknown option
 * @example
 * const rates = { source: "example", memberPixelYearsPerCoreS: 300000, trainSecondsPerMember: 0.5, mergePixelYearsPerS: 4e6, memory: [{ tileSize: 64, peakMiB: 200 }, { tileSize: 128, peakMiB: 260 }] };
 * const t = altCostModel(rates, { pixels: 48e6, years: 18, members: 10, bootstrapReplicates: 100, tileSize: 256, coresPerNode: 32, coresPerJob: 4, nodes: [1, 10] });
 * Math.round(t.rows[0].coreHours); // 8
 * t.rows.map((r) => r.stage).join(", "); // 'maps, model structure, bootstrap, merge'
 */
export function altCostModel(rates: AltMeasuredRates, scenario: AltCostScenario): AltCostTable {
  const fn = "altCostModel";
  checkOptions(fn, "rates", rates, ["source", "memberPixelYearsPerCoreS", "trainSecondsPerMember", "mergePixelYearsPerS", "memory"]);
  checkOptions(fn, "scenario", scenario, ["pixels", "years", "members", "bootstrapReplicates", "tileSize", "coresPerNode", "coresPerJob", "nodes"]);
  checkNumber(fn, "rates.memberPixelYearsPerCoreS", rates.memberPixelYearsPerCoreS, { min: Number.MIN_VALUE });
  checkNumber(fn, "rates.trainSecondsPerMember", rates.trainSecondsPerMember, { min: 0 });
  checkNumber(fn, "rates.mergePixelYearsPerS", rates.mergePixelYearsPerS, { min: Number.MIN_VALUE });
  checkNumber(fn, "scenario.pixels", scenario.pixels, { min: 1 });
  for (const k of ["years", "members", "tileSize", "coresPerNode", "coresPerJob"] as const) checkInteger(fn, `scenario.${k}`, scenario[k], { min: 1 });
  checkInteger(fn, "scenario.bootstrapReplicates", scenario.bootstrapReplicates, { min: 0 });
  if (scenario.coresPerJob > scenario.coresPerNode) throw new ArgumentError({ fn, arg: "scenario.coresPerJob", value: scenario.coresPerJob, expected: `at most the cores per node (${scenario.coresPerNode})` }, "a job larger than a node");
  if (!isList(scenario.nodes) || scenario.nodes.length === 0) throw new ArgumentError({ fn, arg: "scenario.nodes", value: scenario.nodes, expected: "one or more node counts" }, "no node counts");
  scenario.nodes.forEach((n, i) => checkInteger(fn, `scenario.nodes[${i}]`, n, { min: 1 }));
  const memoryModel = fitTileMemory(rates.memory);

  const { pixels, years, members, bootstrapReplicates: b, tileSize, coresPerNode, coresPerJob } = scenario;
  const tiles = Math.ceil(pixels / (tileSize * tileSize));
  const pass = members * pixels * years;
  const coreS = (work: number): number => work / rates.memberPixelYearsPerCoreS;
  // usable cores: whole jobs per node, and no more jobs than tiles
  const wall = (coreSeconds: number): number[] =>
    scenario.nodes.map((n) => coreSeconds / (Math.min(n * Math.floor(coresPerNode / coresPerJob), tiles) * coresPerJob) / 3600);
  const row = (stage: AltCostRow["stage"], work: number, coreSeconds: number): AltCostRow => ({ stage, work, coreHours: coreSeconds / 3600, wallHours: wall(coreSeconds) });
  const maps = row("maps", pass, coreS(pass));
  const structure = row("model structure", pass, coreS(pass));
  const bootstrap = row("bootstrap", b * pass, b * (coreS(pass) + members * rates.trainSecondsPerMember));
  const mergeWork = pixels * (years + 2);
  const mergeS = mergeWork / rates.mergePixelYearsPerS;
  const merge: AltCostRow = { stage: "merge", work: mergeWork, coreHours: mergeS / 3600, wallHours: scenario.nodes.map(() => mergeS / 3600) };
  const rows = [maps, structure, bootstrap, merge];
  const total = { coreHours: rows.reduce((a, r) => a + r.coreHours, 0), wallHours: scenario.nodes.map((_, i) => rows.reduce((a, r) => a + r.wallHours[i]!, 0)) };
  return { rows, total, tiles, memoryPerJobMiB: Math.ceil(1.25 * (memoryModel.baseMiB + memoryModel.perCellMiB * tileSize * tileSize)), memoryModel };
}
