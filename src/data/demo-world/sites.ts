/**
 * The SYNTHETIC site network of the demo world: about 300 monitoring sites clustered as the real
 * networks of paper 1 §2.2 are (dense in Alaska and NW Canada, sparse in Siberia and on the
 * plateau), with gaps, about 3,000 site-years, sub-pixel site effects, measurement noise and
 * PLANTED errors for the QC to catch: unit-typo outliers (×2.5–4 or ×0.2–0.35) at sites with
 * ≥ 8 years, and a few absurd values (< 12 cm or > 900 cm). Some sites run ≥ 10 continuous
 * years (paper: n = 57 for the trend comparison).
 */
import { ArgumentError } from "../../core/errors";
import { createRng } from "../../random/rng";
import { type Grid, cellCenter, lonLatGrid, pointToCell } from "../../raster/grid";
import { allocDemoWorldBlock, demoWorldCell, demoWorldFields } from "./cell";
import { CellNoise } from "./cell-noise";
import { landMask } from "./land-mask";
import { type DemoWorldSpec } from "./spec";
import { type DemoWorld, windowGrid } from "./world";

/** One observed site-year (CALM-style columns). */
export interface DemoSiteYear {
  /** Site id. */
  site: string;
  /** Latitude, degrees north. */
  lat: number;
  /** Longitude, degrees east. */
  lon: number;
  /** Year. */
  year: number;
  /** Observed ALT, cm. */
  altCm: number;
  /** Network the observation is attributed to (synthetic labels). */
  source: string;
}

/** The truth behind one site-year (kept apart from the observations). */
export interface DemoSiteYearTruth {
  /** Site id. */
  site: string;
  /** Year. */
  year: number;
  /** "none", "typo-high", "typo-low" or "absurd". */
  planted: string;
  /** True ALT of the site's grid cell that year, cm. */
  altTrueCm: number;
}

interface Cluster { name: string; lon: number; lat: number; sd: number; n: number; source: string }

const CLUSTERS: Cluster[] = [
  { name: "AK-NS", lon: -152, lat: 70, sd: 2, n: 55, source: "CALM" },
  { name: "AK-IN", lon: -148, lat: 65.5, sd: 2, n: 40, source: "ABoVE" },
  { name: "NWT", lon: -130, lat: 66, sd: 3, n: 45, source: "ABoVE" },
  { name: "CAA", lon: -95, lat: 74, sd: 5, n: 12, source: "CALM" },
  { name: "NUN", lon: -75, lat: 60, sd: 3, n: 10, source: "ABCflux" },
  { name: "SCA", lon: 22, lat: 69, sd: 2, n: 12, source: "CALM" },
  { name: "SVA", lon: 16, lat: 78, sd: 1, n: 6, source: "CALM" },
  { name: "WSB", lon: 72, lat: 68, sd: 3, n: 22, source: "CALM" },
  { name: "CSB", lon: 105, lat: 66, sd: 5, n: 16, source: "CALM" },
  { name: "YAK", lon: 130, lat: 63, sd: 4, n: 24, source: "ABCflux" },
  { name: "CHU", lon: 170, lat: 66, sd: 3, n: 10, source: "CALM" },
  { name: "MNG", lon: 100, lat: 49, sd: 3, n: 8, source: "CALM" },
  { name: "TP", lon: 92, lat: 34, sd: 3, n: 22, source: "TP-literature" },
];

/**
 * The true ALT series of a cell when it is in the permafrost domain (one value per year, cm), or
 * null outside it: how the site sampler sees a world, whole in memory or evaluated cell by cell.
 */
export type DemoSiteCellLookup = (col: number, row: number) => ArrayLike<number> | null;

/**
 * Place the sites and draw their observations (the world in memory).
 *
 * @param world - the generated world
 * @returns observations and their truth, in the same order
 */
export function generateSites(world: DemoWorld): { observations: DemoSiteYear[]; truth: DemoSiteYearTruth[] } {
  const g = world.grid;
  const series = new Float64Array(world.years.length);
  return sampleDemoSites(world.spec, g, world.years, (col, row) => {
    const i = row * g.width + col;
    if (world.domain[i] !== 1) return null;
    for (let t = 0; t < series.length; t++) series[t] = world.altTrue[t]![i]!;
    return series;
  });
}

/**
 * Place the sites of a world with per-cell noise (e.g. {@link regionalWorldSpec}) without
 * generating the world: each candidate location's cell is evaluated alone by the world's cell
 * physics, with the same per-cell streams as {@link generateDemoWorldWindow}, so the result
 * equals {@link generateSites} of the whole world.
 *
 * @param spec - the world's spec (`cellNoise: "per-cell"`)
 * @returns observations and their truth, in the same order
 * @throws ArgumentError when the spec's noise is sequential (use {@link generateSites} on the world)
 * @example
 * const spec = { ...regionalWorldSpec(), resolution: 0.25, sites: 20 };
 * generateSitesByCell(spec).observations.length === generateSites(generateDemoWorld(spec)).observations.length; // true
 */
export function generateSitesByCell(spec: DemoWorldSpec): { observations: DemoSiteYear[]; truth: DemoSiteYearTruth[] } {
  if (spec.cellNoise !== "per-cell") {
    throw new ArgumentError({ fn: "generateSitesByCell", arg: "spec.cellNoise", value: spec.cellNoise, expected: '"per-cell" (for a world with sequential noise use generateSites on the generated world)' }, "the cells of this world cannot be evaluated alone");
  }
  const grid = lonLatGrid(spec.bbox, spec.resolution);
  const fields = demoWorldFields(spec);
  const noise = new CellNoise(spec.seed, "demo-world-cell-noise");
  const fires = new CellNoise(spec.seed, "demo-world-fires");
  const cache = new Map<number, Float64Array | null>();
  return sampleDemoSites(spec, grid, fields.years, (col, row) => {
    const key = row * grid.width + col;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const window = { col0: col, row0: row, width: 1, height: 1 };
    const block = allocDemoWorldBlock(windowGrid(grid, window), fields.years);
    const [lon, lat] = cellCenter(grid, col, row);
    const inDomain = demoWorldCell(fields, lon, lat, landMask(grid, window)[0] === 1, noise.at(row, col), fires.at(row, col), block, 0);
    const out = inDomain ? Float64Array.from(block.altTrue, (b) => b[0]!) : null;
    cache.set(key, out);
    return out;
  });
}

/**
 * The site sampler behind {@link generateSites} and {@link generateSitesByCell}: the clusters
 * whose centre lies in the spec's box, scaled to `spec.sites` sites in all, each site placed
 * near its cluster's centre in a domain cell (up to 200 tries), with its years, site factor,
 * noise and planted errors drawn from the stream `demo-world-sites`.
 *
 * @param spec - the world's spec (seed, box and number of sites are used)
 * @param grid - the world's grid
 * @param years - the world's years
 * @param lookup - the true ALT series of a cell, or null outside the domain
 * @returns observations and their truth, in the same order
 */
export function sampleDemoSites(spec: DemoWorldSpec, grid: Grid, years: readonly number[], lookup: DemoSiteCellLookup): { observations: DemoSiteYear[]; truth: DemoSiteYearTruth[] } {
  const g = grid;
  const rng = createRng(spec.seed, "demo-world-sites");
  const [west, south, east, north] = spec.bbox;
  const clusters = CLUSTERS.filter((c) => c.lon >= west && c.lon < east && c.lat >= south && c.lat < north);
  const scale = spec.sites / clusters.reduce((a, c) => a + c.n, 0);
  const observations: DemoSiteYear[] = [];
  const truth: DemoSiteYearTruth[] = [];
  const y0 = years[0]!;
  const y1 = years[years.length - 1]!;
  let siteNo = 0;
  for (const c of clusters) {
    const count = Math.max(1, Math.round(c.n * scale));
    for (let s = 0; s < count; s++) {
      // a location in the permafrost domain near the cluster centre
      let cell: ArrayLike<number> | null = null;
      let lon = 0;
      let lat = 0;
      for (let attempt = 0; attempt < 200 && cell === null; attempt++) {
        lon = c.lon + c.sd * rng.normal() * 1.5;
        lat = Math.min(84, c.lat + c.sd * rng.normal() * 0.7);
        const [cf, rf] = pointToCell(g, lon, lat);
        const col = Math.floor(cf);
        const row = Math.floor(rf);
        if (col < 0 || row < 0 || col >= g.width || row >= g.height) continue;
        cell = lookup(col, row);
      }
      if (cell === null) continue;
      siteNo++;
      const id = `${c.name}-${String(siteNo).padStart(3, "0")}`;
      const siteFactor = Math.exp(0.15 * rng.normal());
      const long = rng.uniform() < 0.2;
      const start = long ? y0 + rng.int(3) : y0 + rng.int(y1 - y0 - 3);
      const length = long ? 12 + rng.int(y1 - y0 - 11) : 5 + rng.int(12);
      const years: number[] = [];
      for (let y = start; y <= Math.min(y1, start + length - 1); y++) {
        // long sites are continuous for their first 10 years; others have 10 % gaps
        if (!(long && y - start < 10) && rng.uniform() < 0.1) continue;
        years.push(y);
      }
      const plantable = years.length >= 8;
      for (const y of years) {
        const t = y - y0;
        const altTrue = cell[t]!;
        let alt = altTrue * siteFactor * (1 + 0.06 * rng.normal());
        let planted = "none";
        const u = rng.uniform();
        if (plantable && u < 0.025) {
          planted = "typo-high";
          alt *= 2.5 + 1.5 * rng.uniform();
        } else if (plantable && u < 0.035) {
          planted = "typo-low";
          alt *= 0.2 + 0.15 * rng.uniform();
        }
        observations.push({ site: id, lat: Math.round(lat * 1e4) / 1e4, lon: Math.round(lon * 1e4) / 1e4, year: y, altCm: Math.round(alt * 10) / 10, source: c.source });
        truth.push({ site: id, year: y, planted, altTrueCm: Math.round(altTrue * 100) / 100 });
      }
    }
  }
  // a few absurd values (sensor or transcription errors) anywhere
  for (let k = 0; k < 6; k++) {
    const r = rng.int(observations.length);
    const value = k < 3 ? 4 + 8 * rng.uniform() : 900 + 300 * rng.uniform();
    observations[r]!.altCm = Math.round(value * 10) / 10;
    truth[r]!.planted = "absurd";
  }
  return { observations, truth };
}
