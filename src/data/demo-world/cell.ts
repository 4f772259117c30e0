/**
 * The physics of one cell of the SYNTHETIC demo world — the one function every generator calls
 * (the whole quick and full worlds, a window of the regional 1 km world, a single site's cell).
 * The world's smooth fields come from the seed alone (not from the grid), so the same place gets
 * the same climate, soils and vegetation in every world of a seed; only the per-cell noise and
 * the fire draws come from the stream the caller passes (sequential or per cell, see
 * `DemoWorldSpec.cellNoise`). Every constant is listed in data/demo-world/README.md.
 */
import { createRng } from "../../random/rng";
import { type Grid } from "../../raster/grid";
import { type SmoothField, boxBump, sigmoid, sinusoidThaw, smoothField } from "./fields";
import { ANNUAL_PREDICTORS, type DemoWorldSpec, STATIC_PREDICTORS } from "./spec";

/** The smooth fields of a demo world (functions of lon/lat drawn from the seed) and its years. */
export interface DemoWorldFields {
  /** Years, ascending. */
  years: number[];
  /** Elevation, climate, warming, water, soils, aspect and hidden (ground-ice) fields. */
  elevation: SmoothField;
  /** Climate offset of the mean annual temperature. */
  climate: SmoothField;
  /** Spatial part of the warming trend. */
  warming: SmoothField;
  /** Surface water. */
  water: SmoothField;
  /** Soil organic carbon. */
  soc: SmoothField;
  /** Sand. */
  sand: SmoothField;
  /** Clay. */
  clay: SmoothField;
  /** Southness. */
  southness: SmoothField;
  /** The hidden ±10 % factor of ALT that no predictor carries. */
  hidden: SmoothField;
  /** Interannual temperature anomaly, one field per year. */
  anomalies: SmoothField[];
}

/** The values of a block of cells (a whole world, a tile, one cell); NaN outside the permafrost domain. */
export interface DemoWorldBlock {
  /** The block's grid. */
  grid: Grid;
  /** Years, ascending. */
  years: number[];
  /** 1 inside the permafrost domain, per cell. */
  domain: Uint8Array;
  /** Annual predictors: name → one band per year. */
  annual: Record<string, Float32Array[]>;
  /** Static predictors: name → one band. */
  static: Record<string, Float32Array>;
  /** True ALT per year, cm. */
  altTrue: Float32Array[];
  /** Counterfactual true ALT without fire per year, cm. */
  altNoFire: Float32Array[];
  /** Fire year per cell (NaN when unburned). */
  fireYear: Float32Array;
}

/** The draws of the per-cell noise (a `createRng` stream or a {@link CellNoise} positioned at the cell). */
export interface DemoNoiseDraws {
  /** A standard normal deviate. */
  normal(): number;
}

/** The draws of the fire model (a `createRng` stream or a {@link CellNoise} positioned at the cell). */
export interface DemoFireDraws {
  /** A uniform draw in [0, 1). */
  uniform(): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
}

const PLATEAU: [number, number, number, number] = [78, 28, 103, 38];
const ROCKIES: [number, number, number, number] = [-130, 42, -112, 64];
const GREENLAND_ICE: [number, number, number, number] = [-52, 63, -22, 81];

/**
 * The smooth fields of a demo world's seed (each from its own named stream, so their order does
 * not matter) and its years.
 *
 * @param spec - the world's spec (seed and years are used)
 * @returns the fields
 * @example
 * demoWorldFields(demoWorldSpec("quick")).anomalies.length; // 18
 */
export function demoWorldFields(spec: DemoWorldSpec): DemoWorldFields {
  const years: number[] = [];
  for (let y = spec.years[0]; y <= spec.years[1]; y++) years.push(y);
  const f = (name: string, maxWave = 6): SmoothField => smoothField(createRng(spec.seed, `demo-world-field-${name}`), 6, maxWave);
  return {
    years,
    elevation: f("elevation", 8), climate: f("climate", 4), warming: f("warming", 3), water: f("water", 10), soc: f("soc", 8),
    sand: f("sand", 8), clay: f("clay", 8), southness: f("southness", 20), hidden: f("hidden", 12),
    anomalies: years.map((y) => f(`anomaly-${y}`, 5)),
  };
}

/**
 * Empty bands (NaN, domain 0) for a block of cells.
 *
 * @param grid - the block's grid
 * @param years - its years
 * @returns the block
 * @example
 * allocDemoWorldBlock(lonLatGrid([0, 60, 2, 62], 1), [2003, 2004]).altTrue.length; // 2
 */
export function allocDemoWorldBlock(grid: Grid, years: readonly number[]): DemoWorldBlock {
  const n = grid.width * grid.height;
  const band = (): Float32Array => new Float32Array(n).fill(NaN);
  const annual: Record<string, Float32Array[]> = {};
  for (const a of ANNUAL_PREDICTORS) annual[a] = years.map(band);
  const stat: Record<string, Float32Array> = {};
  for (const s of STATIC_PREDICTORS) stat[s] = band();
  return { grid, years: [...years], domain: new Uint8Array(n), annual, static: stat, altTrue: years.map(band), altNoFire: years.map(band), fireYear: band() };
}

const e = new Float64Array(8);

/**
 * The physics of one cell: draws the cell's noise (8 normals first, in or out of the domain, then
 * 10 per year in the domain) and, in the domain, its fire (a uniform, then an integer), and writes
 * every predictor, the true ALT, the no-fire ALT and the fire year at index `i` of `block`.
 *
 * @param fields - the world's fields
 * @param lon - the cell centre's longitude, degrees
 * @param lat - the cell centre's latitude, degrees
 * @param land - whether the cell is land
 * @param noise - the noise draws (consumed)
 * @param fires - the fire draws (consumed in the domain only)
 * @param block - where to write (bands of the fields' years)
 * @param i - the cell's index in the block
 * @returns true when the cell is in the permafrost domain
 * @example
 * const f = demoWorldFields(demoWorldSpec("quick"));
 * const b = allocDemoWorldBlock(lonLatGrid([-150, 68, -149, 69], 1), f.years);
 * demoWorldCell(f, -149.5, 68.5, true, createRng(1, "n"), createRng(1, "f"), b, 0); // true
 */
export function demoWorldCell(fields: DemoWorldFields, lon: number, lat: number, land: boolean, noise: DemoNoiseDraws, fires: DemoFireDraws, block: DemoWorldBlock, i: number): boolean {
  // draw the cell's noise in a fixed order whether or not it is in the domain (stable streams)
  for (let k = 0; k < 8; k++) e[k] = noise.normal();
  if (!land || boxBump(lon, lat, GREENLAND_ICE, 1) > 0.5) return false;
  const years = fields.years;
  const nY = years.length;
  const annual = block.annual;
  const stat = block.static;
  const plateau = boxBump(lon, lat, PLATEAU, 3);
  const rockies = boxBump(lon, lat, ROCKIES, 4);
  const elev = Math.max(0, 250 + 250 * fields.elevation(lon, lat) + 4300 * plateau + 1200 * rockies + 80 * e[0]!);
  const cont = Math.min(1, 0.15 + 0.7 * Math.exp(-(((lon - 120) / 35) ** 2)) + 0.35 * Math.exp(-(((lon + 110) / 25) ** 2)));
  const maritime = 3 * Math.exp(-(((lon - 15) / 30) ** 2)); // the North-Atlantic-warmed European sector
  const mat0 = 24 - 0.45 * lat - 0.004 * elev + 5.5 * plateau + maritime + 1.5 * fields.climate(lon, lat) - 2.5 * cont;
  if (!(mat0 < -1)) return false;
  block.domain[i] = 1;
  const amp = 14 + 12 * cont + 0.22 * (lat - 25);
  const warm = 0.03 + 0.04 * fields.warming(lon, lat) + 0.0006 * (lat - 50);
  const [ati0] = sinusoidThaw(mat0, amp);
  const tree0 = Math.min(90, Math.max(0, 70 * sigmoid((ati0 - 1400) / 200) * (1 - plateau) + 3 * e[1]!));
  const water0 = Math.min(60, Math.max(0, 8 + 7 * fields.water(lon, lat) + 2 * e[2]!));
  const soc = Math.min(80, Math.max(2, 25 + 15 * fields.soc(lon, lat) + 0.6 * water0 - 12 * plateau + 3 * e[3]!));
  const sand = Math.min(85, Math.max(5, 40 + 15 * fields.sand(lon, lat) + 20 * plateau));
  const clay = Math.min(40, Math.max(3, 18 + 7 * fields.clay(lon, lat)));
  const silt = Math.max(0, 100 - sand - clay);
  const southness = Math.max(-1, Math.min(1, 0.6 * fields.southness(lon, lat) + 0.25 * e[4]!));
  const slope = Math.max(0, Math.min(40, 1.5 + 6 * (elev / 2000) + 1.5 * Math.abs(e[5]!)));
  const hidden = 0.1 * Math.max(-1.5, Math.min(1.5, fields.hidden(lon, lat)));
  const landcover = plateau > 0.5 ? 10 : tree0 > 40 ? (lon > 90 && lon < 170 ? 3 : 1) : tree0 > 15 ? 8 : ati0 > 700 ? 21 : ati0 > 350 ? 22 : 23;
  stat.soc![i] = soc;
  stat.bulk_density![i] = Math.max(0.3, 1.55 - 0.012 * soc + 0.04 * e[6]!);
  stat.sand![i] = sand;
  stat.clay![i] = clay;
  stat.silt![i] = silt;
  stat.landcover![i] = landcover;
  stat.elevation![i] = elev;
  stat.southness![i] = southness;
  stat.slope![i] = slope;
  stat.latitude![i] = lat;
  // fires: 5 % of forested or shrub cells burn once in 2005–2015
  const burnable = tree0 > 15 || landcover === 21;
  const burns = fires.uniform() < (burnable ? 0.05 : 0);
  const fy = 2005 + fires.int(11);
  const fire = burns ? fy : NaN;
  block.fireYear[i] = fire;
  const fireAmp = tree0 > 20 ? 0.35 : 0.2;
  for (let t = 0; t < nY; t++) {
    const y = years[t]!;
    const an = fields.anomalies[t]!(lon, lat);
    const r = () => noise.normal();
    const mat = mat0 + warm * (t - (nY - 1) / 2) + 0.8 * an;
    const [ati, thawDays] = sinusoidThaw(mat, amp);
    const since = y - fire; // NaN when unburned
    const treeNoFire = Math.min(95, tree0 + 0.15 * t);
    const tree = since >= 0 ? treeNoFire * Math.min(1, 0.1 + since / 15) : treeNoFire;
    const ndviBase = 0.25 + 0.45 * sigmoid((ati - 900) / 300) + 0.002 * treeNoFire + 0.003 * t;
    const ndvi = ndviBase - (since >= 0 ? 0.2 * Math.exp(-since / 4) : 0) + 0.02 * r();
    const water = Math.min(60, Math.max(0, water0 + 1 * r()));
    const sm = Math.min(0.5, Math.max(0.05, 0.15 + 0.004 * water0 + 0.002 * clay - 0.02 * an + 0.02 * r()));
    const thaw = 200 - thawDays / 2 + 3 * r();
    const freeze = 200 + thawDays / 2 + 3 * r();
    annual.ati![t]![i] = ati * (1 + 0.02 * r());
    annual.mdt![t]![i] = mat + 1 + 0.5 * r();
    annual.tree_cover![t]![i] = Math.max(0, tree + 2 * r());
    annual.ndvi_max![t]![i] = ndvi;
    annual.surface_water![t]![i] = water;
    annual.thaw_doy![t]![i] = thaw;
    annual.freeze_doy![t]![i] = freeze;
    annual.snow_off_doy![t]![i] = thaw - 12 + 5 * r();
    annual.snow_on_doy![t]![i] = freeze + 10 + 5 * r();
    annual.soil_moisture![t]![i] = sm;
    const edaphic = (treeCover: number): number =>
      3.0 * Math.exp(-0.01 * soc) * (0.75 + 0.6 * (sand / 100)) * (1 - 0.0035 * treeCover) * (1 - 0.9 * (sm - 0.25)) * (1 + 0.05 * southness) * (1 + 2.5 * plateau) * (1 + 0.8 * rockies) * (1 + hidden);
    const noFire = edaphic(treeNoFire) * Math.sqrt(ati);
    const deepening = since >= 1 ? fireAmp * Math.exp(-(since - 1) / 6) : 0;
    block.altNoFire[t]![i] = noFire;
    block.altTrue[t]![i] = edaphic(tree) * Math.sqrt(ati) * (1 + deepening);
  }
  return true;
}
