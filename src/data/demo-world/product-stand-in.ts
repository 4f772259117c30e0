/**
 * A SYNTHETIC stand-in for paper 1's published product (issue 16): the annual ALT maps 2003–2020
 * of a demo world, written as the product would be downloaded — one GeoTIFF per year,
 * `ALT_<year>.tif`, ALT in cm, nodata −9999, Cloud Optimized (tiled, deflate, overviews) — so the
 * product notebook (17) runs on it exactly as on the real maps, with known answers (the values are
 * the world's true ALT, `truth/alt_true`). Written by row blocks (memory: one block of every year
 * plus one tile row per file), cached with a manifest of SHA-256 checksums and labelled SYNTHETIC
 * in the manifest and in every file name's folder (`…-product-SYNTHETIC`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { checkOneOf, checkOptions, checkInteger } from "../../core/checks";
import { ArgumentError } from "../../core/errors";
import { writeFileAtomic } from "../../project/atomic";
import { sha256Hex } from "../../project/cache";
import { DEFAULT_SEED } from "../../random/rng";
import { openRasterSource, type RasterSource } from "../../raster/mosaic";
import { createCogWriter } from "../../raster/cog-writer";
import { ensureDemoWorld } from "./files";
import { ensureRegionalWorld } from "./export";
import { DEMO_WORLD_VERSION } from "./spec";

/** What the stand-in is made from: the quick or full demo world, or the regional 1 km world. */
export type ProductStandInWorld = "quick" | "full" | "region1km";

/** A stand-in product on disk. */
export interface ProductStandIn {
  /** Its folder (holding ALT_<year>.tif and manifest.json). */
  dir: string;
  /** The years. */
  years: number[];
  /** The annual files, one per year. */
  files: string[];
  /** The folder of the world it was made from (its truth is the known answer). */
  worldDir: string;
  /** Whether it was written now (false: reused, every checksum verified). */
  generated: boolean;
  /** Wall time, ms. */
  ms: number;
}

const DESCRIPTION = "SYNTHETIC stand-in for the published ALT product of Liu et al. 2024 (annual 1 km maps, doi:10.5281/zenodo.10070610): the true ALT of a permafrost-kit demo world in the product's layout; NOT data";

/**
 * Make sure the stand-in product of a demo world exists (write it, or reuse it when its manifest
 * and checksums verify), in `data/demo-world/<world>-seed<seed>-product-SYNTHETIC/` or `options.dir`.
 *
 * @param world - "quick", "full" (generated on demand, seconds) or "region1km" (the 1/120° world, about a minute)
 * @param options - seed (default the kit's), folder
 * @returns the folder, years, files, the world's folder, whether it was written, the time
 * @throws ArgumentError for an unknown world or option, or a bad seed or folder
 * @throws DataError (from the readers) naming a world file that cannot be read
 * @example
 * const p = await ensureAltProductStandIn("quick");
 * path.basename(p.files[0]!); // 'ALT_2003.tif'
 */
export async function ensureAltProductStandIn(world: ProductStandInWorld, options: { seed?: number; dir?: string } = {}): Promise<ProductStandIn> {
  const fn = "ensureAltProductStandIn";
  const t0 = performance.now();
  checkOneOf(fn, "world", world, ["quick", "full", "region1km"] as const);
  checkOptions(fn, "options", options, ["seed", "dir"]);
  const seed = options.seed === undefined ? DEFAULT_SEED : checkInteger(fn, "options.seed", options.seed, { min: 0 });
  if (options.dir !== undefined && (typeof options.dir !== "string" || options.dir === "")) throw new ArgumentError({ fn, arg: "options.dir", value: options.dir, expected: "a folder path" }, "not a path");
  const worldDir = world === "region1km" ? ensureRegionalWorld({ seed }).dir : ensureDemoWorld(world, { seed }).dir;
  const dir = options.dir ?? `${worldDir}-product-SYNTHETIC`;
  const truth = path.join(worldDir, "truth", "alt_true");
  const years = fs.readdirSync(truth).map((f) => /^alt_true_(\d{4})(-\d{10}-\d{10})?\.tif$/.exec(f)?.[1]).filter((y): y is string => y !== undefined)
    .filter((y, i, a) => a.indexOf(y) === i).map(Number).sort((a, b) => a - b);
  const files = years.map((y) => path.join(dir, `ALT_${y}.tif`));
  const manifestFile = path.join(dir, "manifest.json");
  const stamp = { description: DESCRIPTION, synthetic: true, world, seed, generatorVersion: DEMO_WORLD_VERSION };
  try {
    const m = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as typeof stamp & { files: Record<string, string> };
    const same = JSON.stringify({ ...m, files: undefined }) === JSON.stringify({ ...stamp, files: undefined });
    if (same && files.every((f) => m.files[path.basename(f)] === sha256Hex(fs.readFileSync(f)))) return { dir, years, files, worldDir, generated: false, ms: performance.now() - t0 };
  } catch {
    // absent, unreadable or stale: write it again
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.rmSync(manifestFile, { force: true }); // the manifest last: an interrupted run leaves none
  const sources: RasterSource[] = [];
  for (const y of years) sources.push(await openRasterSource(path.join(truth, `alt_true_${y}.tif`)));
  const grid = sources[0]!.grid;
  const writers = years.map((y, t) => createCogWriter(files[t]!, { grid, bandNames: [String(y)], nodata: -9999 }));
  try {
    const rows = Math.max(1, Math.floor((1 << 20) / grid.width));
    for (let row0 = 0; row0 < grid.height; row0 += rows) {
      const w = { col0: 0, row0, col1: grid.width, row1: Math.min(grid.height, row0 + rows) };
      for (let t = 0; t < years.length; t++) writers[t]!.writeRows(row0, [(await sources[t]!.readWindow(w, [0]))[0]!]);
    }
    for (const w of writers) await w.close();
  } catch (e) {
    for (const w of writers) w.abort();
    throw e;
  }
  const sums = Object.fromEntries(files.map((f) => [path.basename(f), sha256Hex(fs.readFileSync(f))]));
  writeFileAtomic(manifestFile, `${JSON.stringify({ ...stamp, files: sums }, null, 2)}\n`);
  return { dir, years, files, worldDir, generated: true, ms: performance.now() - t0 };
}
