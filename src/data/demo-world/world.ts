/**
 * The SYNTHETIC northern-permafrost demo world for paper 1 (Liu et al. 2024): annual and static
 * predictors named as in its Table 1, and a known true active-layer thickness (ALT), so that the
 * paper's methods can be run and scored against the truth. Nothing here is observed data.
 *
 * The physics, in brief (all seeded; see data/demo-world/README.md for every constant):
 * - climate: mean annual temperature falls with latitude and elevation (warmer in the European
 *   sector), a Tibetan-Plateau-like
 *   high block (78–103° E, 28–38° N, ≈ 4,300 m), continental interiors colder with larger annual
 *   cycles, a spatially varying warming trend (mostly positive) and smooth interannual anomalies;
 * - the annual thaw index (ATI) and thaw season follow from a sinusoidal annual cycle;
 * - vegetation (tree cover, NDVI), water, soils and terrain are smooth fields tied to climate;
 * - true ALT follows a Stefan-type relation ALT = E·√ATI (cm), with the edaphic factor E reduced
 *   by soil organic carbon, tree cover and soil moisture, raised by sand, southness and on the
 *   plateau, times a hidden ±10 % factor (ground ice) that no predictor carries;
 * - fires (2005–2015) remove trees and NDVI, and deepen ALT by 20–35 % fading with a 6-year
 *   e-folding time; the counterfactual no-fire ALT gives the true fire response.
 * The permafrost domain is land (Natural Earth 1:110m) with a baseline mean temperature below
 * −1 °C, outside the Greenland ice sheet.
 */
import { createRng } from "../../random/rng";
import { type Grid, cellCenter, lonLatGrid } from "../../raster/grid";
import { type SmoothField, boxBump, sigmoid, sinusoidThaw, smoothField } from "./fields";
import { landMask } from "./land-mask";
import { type DemoWorldSpec } from "./spec";

/** The generated world, in memory (NaN outside the permafrost domain). */
export interface DemoWorld {
  /** The spec it was generated from. */
  spec: DemoWorldSpec;
  /** The grid. */
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

const PLATEAU: [number, number, number, number] = [78, 28, 103, 38];
const ROCKIES: [number, number, number, number] = [-130, 42, -112, 64];
const GREENLAND_ICE: [number, number, number, number] = [-52, 63, -22, 81];

/**
 * Generate the demo world (deterministic for a spec).
 *
 * @param spec - grid, years, seed
 * @returns the world in memory
 */
export function generateDemoWorld(spec: DemoWorldSpec): DemoWorld {
  const grid = lonLatGrid(spec.bbox, spec.resolution);
  const years: number[] = [];
  for (let y = spec.years[0]; y <= spec.years[1]; y++) years.push(y);
  const nY = years.length;
  const n = grid.width * grid.height;
  const land = landMask(grid);
  const rng = (name: string) => createRng(spec.seed, `demo-world-${name}`);
  const f = (name: string, maxWave = 6): SmoothField => smoothField(rng(`field-${name}`), 6, maxWave);
  const fElev = f("elevation", 8);
  const fClim = f("climate", 4);
  const fWarm = f("warming", 3);
  const fWater = f("water", 10);
  const fSoc = f("soc", 8);
  const fSand = f("sand", 8);
  const fClay = f("clay", 8);
  const fSouth = f("southness", 20);
  const fHidden = f("hidden", 12);
  const anomalies = years.map((y) => f(`anomaly-${y}`, 5));
  const noise = rng("cell-noise");
  const fireRng = rng("fires");

  const band = (): Float32Array => new Float32Array(n).fill(NaN);
  const annualNames = ["ati", "mdt", "tree_cover", "ndvi_max", "surface_water", "thaw_doy", "freeze_doy", "snow_off_doy", "snow_on_doy", "soil_moisture"];
  const annual: Record<string, Float32Array[]> = {};
  for (const a of annualNames) annual[a] = years.map(band);
  const staticNames = ["soc", "bulk_density", "sand", "clay", "silt", "landcover", "elevation", "southness", "slope", "latitude"];
  const stat: Record<string, Float32Array> = {};
  for (const s of staticNames) stat[s] = band();
  const altTrue = years.map(band);
  const altNoFire = years.map(band);
  const fireYear = band();
  const domain = new Uint8Array(n);

  for (let i = 0; i < n; i++) {
    const col = i % grid.width;
    const row = (i - col) / grid.width;
    const [lon, lat] = cellCenter(grid, col, row);
    // draw the cell's noise in a fixed order whether or not it is in the domain (stable streams)
    const e = Array.from({ length: 8 }, () => noise.normal());
    if (land[i] === 0 || boxBump(lon, lat, GREENLAND_ICE, 1) > 0.5) continue;
    const plateau = boxBump(lon, lat, PLATEAU, 3);
    const rockies = boxBump(lon, lat, ROCKIES, 4);
    const elev = Math.max(0, 250 + 250 * fElev(lon, lat) + 4300 * plateau + 1200 * rockies + 80 * e[0]!);
    const cont = Math.min(1, 0.15 + 0.7 * Math.exp(-(((lon - 120) / 35) ** 2)) + 0.35 * Math.exp(-(((lon + 110) / 25) ** 2)));
    const maritime = 3 * Math.exp(-(((lon - 15) / 30) ** 2)); // the North-Atlantic-warmed European sector
    const mat0 = 24 - 0.45 * lat - 0.004 * elev + 5.5 * plateau + maritime + 1.5 * fClim(lon, lat) - 2.5 * cont;
    if (!(mat0 < -1)) continue;
    domain[i] = 1;
    const amp = 14 + 12 * cont + 0.22 * (lat - 25);
    const warm = 0.03 + 0.04 * fWarm(lon, lat) + 0.0006 * (lat - 50);
    const [ati0] = sinusoidThaw(mat0, amp);
    const tree0 = Math.min(90, Math.max(0, 70 * sigmoid((ati0 - 1400) / 200) * (1 - plateau) + 3 * e[1]!));
    const water0 = Math.min(60, Math.max(0, 8 + 7 * fWater(lon, lat) + 2 * e[2]!));
    const soc = Math.min(80, Math.max(2, 25 + 15 * fSoc(lon, lat) + 0.6 * water0 - 12 * plateau + 3 * e[3]!));
    const sand = Math.min(85, Math.max(5, 40 + 15 * fSand(lon, lat) + 20 * plateau));
    const clay = Math.min(40, Math.max(3, 18 + 7 * fClay(lon, lat)));
    const silt = Math.max(0, 100 - sand - clay);
    const southness = Math.max(-1, Math.min(1, 0.6 * fSouth(lon, lat) + 0.25 * e[4]!));
    const slope = Math.max(0, Math.min(40, 1.5 + 6 * (elev / 2000) + 1.5 * Math.abs(e[5]!)));
    const hidden = 0.1 * Math.max(-1.5, Math.min(1.5, fHidden(lon, lat)));
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
    const burns = fireRng.uniform() < (burnable ? 0.05 : 0);
    const fy = 2005 + fireRng.int(11);
    const fire = burns ? fy : NaN;
    fireYear[i] = fire;
    const fireAmp = tree0 > 20 ? 0.35 : 0.2;
    for (let t = 0; t < nY; t++) {
      const y = years[t]!;
      const an = anomalies[t]!(lon, lat);
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
      altNoFire[t]![i] = noFire;
      altTrue[t]![i] = edaphic(tree) * Math.sqrt(ati) * (1 + deepening);
    }
  }
  return { spec, grid, years, domain, annual, static: stat, altTrue, altNoFire, fireYear };
}
