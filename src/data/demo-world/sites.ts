/**
 * The SYNTHETIC site network of the demo world: about 300 monitoring sites clustered as the real
 * networks of paper 1 §2.2 are (dense in Alaska and NW Canada, sparse in Siberia and on the
 * plateau), with gaps, about 3,000 site-years, sub-pixel site effects, measurement noise and
 * PLANTED errors for the QC to catch: unit-typo outliers (×2.5–4 or ×0.2–0.35) at sites with
 * ≥ 8 years, and a few absurd values (< 12 cm or > 900 cm). Some sites run ≥ 10 continuous
 * years (paper: n = 57 for the trend comparison).
 */
import { createRng } from "../../random/rng";
import { pointToCell } from "../../raster/grid";
import { type DemoWorld } from "./world";

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
 * Place the sites and draw their observations.
 *
 * @param world - the generated world
 * @returns observations and their truth, in the same order
 */
export function generateSites(world: DemoWorld): { observations: DemoSiteYear[]; truth: DemoSiteYearTruth[] } {
  const g = world.grid;
  const rng = createRng(world.spec.seed, "demo-world-sites");
  const scale = world.spec.sites / CLUSTERS.reduce((a, c) => a + c.n, 0);
  const observations: DemoSiteYear[] = [];
  const truth: DemoSiteYearTruth[] = [];
  const y0 = world.years[0]!;
  const y1 = world.years[world.years.length - 1]!;
  let siteNo = 0;
  for (const c of CLUSTERS) {
    const count = Math.max(1, Math.round(c.n * scale));
    for (let s = 0; s < count; s++) {
      // a location in the permafrost domain near the cluster centre
      let cell = -1;
      let lon = 0;
      let lat = 0;
      for (let attempt = 0; attempt < 200 && cell < 0; attempt++) {
        lon = c.lon + c.sd * rng.normal() * 1.5;
        lat = Math.min(84, c.lat + c.sd * rng.normal() * 0.7);
        const [cf, rf] = pointToCell(g, lon, lat);
        const col = Math.floor(cf);
        const row = Math.floor(rf);
        if (col < 0 || row < 0 || col >= g.width || row >= g.height) continue;
        if (world.domain[row * g.width + col] === 1) cell = row * g.width + col;
      }
      if (cell < 0) continue;
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
        const altTrue = world.altTrue[t]![cell]!;
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
