/**
 * The specification of the SYNTHETIC paper-1 demo world: grid, years, seed and the predictor
 * names of paper 1's Table 1. Everything the generator makes follows from this object, and the
 * manifest of a generated world records it.
 */
import { checkInteger } from "../../core/checks";
import { type ProfileName } from "../../project/profile";
import { DEFAULT_SEED } from "../../random/rng";

/** Annual predictors (one band per year), named after paper 1 Table 1. */
export const ANNUAL_PREDICTORS = [
  "ati", "mdt", "tree_cover", "ndvi_max", "surface_water", "thaw_doy", "freeze_doy", "snow_off_doy", "snow_on_doy", "soil_moisture",
] as const;

/** Static predictors (one band), named after paper 1 Table 1. */
export const STATIC_PREDICTORS = ["soc", "bulk_density", "sand", "clay", "silt", "landcover", "elevation", "southness", "slope", "latitude"] as const;

/** Predictors that are categorical (resampled nearest, not bilinear). */
export const CATEGORICAL_PREDICTORS: readonly string[] = ["landcover"];

/** Units and meaning of every predictor, for tables and READMEs. */
export const DEMO_PREDICTOR_UNITS: Readonly<Record<string, string>> = {
  ati: "annual thaw index, °C·day (sum of daily mean LST > 0)",
  mdt: "mean daily temperature, °C",
  tree_cover: "percent tree cover, %",
  ndvi_max: "summer (JJA) maximum NDVI, unitless",
  surface_water: "percent surface water, %",
  thaw_doy: "spring thaw, day of year",
  freeze_doy: "fall freeze, day of year",
  snow_off_doy: "last day of spring snow, day of year",
  snow_on_doy: "first day of fall snow, day of year",
  soil_moisture: "summer (JJA) surface soil moisture, m³ m⁻³",
  soc: "soil organic carbon 0–3 m, kg m⁻²",
  bulk_density: "soil bulk density, g cm⁻³",
  sand: "sand, %",
  clay: "clay, %",
  silt: "silt, %",
  landcover: "land-cover class (IGBP-like codes; 21–23 tundra)",
  elevation: "elevation, m",
  southness: "southness, −1 (north-facing) … 1 (south-facing)",
  slope: "slope, degrees",
  latitude: "latitude, degrees north",
};

/** What the generator is told. */
export interface DemoWorldSpec {
  /** Seed of every random stream of the world. */
  seed: number;
  /** Cell size in degrees. */
  resolution: number;
  /** [west, south, east, north] in degrees. */
  bbox: [number, number, number, number];
  /** First and last year. */
  years: [number, number];
  /** Number of monitoring sites (spread over the site clusters whose centre lies in the box). */
  sites: number;
  /**
   * How a cell's random noise and fire draws are made. Absent (the quick and full worlds): one
   * sequential stream over all cells in row-major order, so the world can only be generated whole.
   * `"per-cell"`: a counter-based stream per cell ({@link CellNoise}), so any window of the world
   * can be generated alone and gives the same values whatever the tiling (the regional 1 km world).
   */
  cellNoise?: "per-cell";
}

/**
 * Bump when the generator's output changes for the same spec (invalidates cached worlds).
 * Version 2: the world also carries the real-export layout (`alt-inputs.json`); values unchanged.
 * Version 3: the export layout has the burned-area input `fire/fire_year.tif` and the manifest's
 * `fire` entry; values unchanged.
 */
export const DEMO_WORLD_VERSION = 3;

/**
 * The demo world for a profile: 2° cells (quick, CI) or 0.5° (full), 25–85° N, 2003–2020.
 *
 * @param profile - "quick" or "full"
 * @param seed - seed (default {@link DEFAULT_SEED})
 * @returns the spec
 */
export function demoWorldSpec(profile: ProfileName, seed: number = DEFAULT_SEED): DemoWorldSpec {
  return { seed, resolution: profile === "quick" ? 2 : 0.5, bbox: [-180, 25, 180, 85], years: [2003, 2020], sites: 300 };
}

/**
 * The box of the regional 1 km demo world, [west, south, east, north] in degrees: interior and
 * northern Alaska and a strip of the Yukon (the site clusters AK-NS and AK-IN).
 */
export const REGIONAL_WORLD_BBOX: readonly [number, number, number, number] = [-156, 64, -140, 71];

/**
 * The regional 1 km demo world: 1/120° cells (paper 1's grid) over {@link REGIONAL_WORLD_BBOX},
 * 2003–2020, with per-cell noise so that it is generated tile by tile (it is too large to hold
 * whole). Same physics, fields and known truth as the quick and full worlds; its sites follow the
 * same sampling design, restricted to the clusters inside the box.
 *
 * @param seed - seed (default {@link DEFAULT_SEED}), a non-negative integer
 * @returns the spec
 * @throws ArgumentError when the seed is not a non-negative integer
 * @example
 * regionalWorldSpec().resolution * 120; // 1
 * regionalWorldSpec().cellNoise; // 'per-cell'
 */
export function regionalWorldSpec(seed: number = DEFAULT_SEED): DemoWorldSpec {
  checkInteger("regionalWorldSpec", "seed", seed, { min: 0 });
  return { seed, resolution: 1 / 120, bbox: [...REGIONAL_WORLD_BBOX], years: [2003, 2020], sites: 95, cellNoise: "per-cell" };
}

/**
 * Names of the demo world's land-cover codes (the `landcover` predictor; codes follow IGBP where
 * one fits, 21–23 are the tundra classes). The generator (`world.ts`) assigns 10 to the plateau,
 * 1 or 3 (east of 90 °E) to forest, 8 to forest–tundra, and 21–23 to tundra by thaw index.
 */
export const DEMO_LANDCOVER_NAMES: Readonly<Record<number, string>> = {
  1: "evergreen needleleaf", 3: "deciduous needleleaf", 8: "forest–tundra", 10: "grassland (plateau)", 21: "shrub tundra", 22: "graminoid tundra", 23: "barren tundra",
};

/**
 * The name of a demo-world land-cover code, or the code itself (as text) when it has none.
 *
 * @param code - a land-cover code (e.g. from the `landcover` band or the rows of `fireResponse`)
 * @returns the class name, e.g. "shrub tundra" for 21
 * @example
 * demoLandcoverName(21); // 'shrub tundra'
 * demoLandcoverName(99); // '99'
 */
export function demoLandcoverName(code: number): string {
  return DEMO_LANDCOVER_NAMES[code] ?? String(code);
}
