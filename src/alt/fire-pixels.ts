/**
 * The burned pixels of paper 1's fire analysis (§2.5: "we selected 50 000 burned pixels at 1 km
 * between 2005 and 2015 using the MODIS burned area product … and calculated the pre- and
 * post-fire ALT change for different land cover types"). The fire years come from the manifest's
 * `fire` input (src/alt/manifest.ts), the groups from its `groupBy` predictor (land cover). The
 * same seeded sample is drawn in memory ({@link readFirePixels}) and by tiles
 * (altTiledFireResponse), so both give the same response bit for bit.
 */
import { ArgumentError } from "../core/errors";
import { checkArray, checkInteger } from "../core/checks";
import { type AltSettings } from "./settings";
import { type AltInputs } from "./inputs";
import { fullWindow } from "./input-source";
import { sampleIndices } from "./driver-table";
import { checkAltSettings } from "./checks";

/** Fire years the paper selects burned pixels from (§2.5: 2005–2015), inclusive. */
export const PAPER_FIRE_YEARS: readonly [number, number] = [2005, 2015];

/** A seeded sample of burned pixels and how it was drawn. */
export interface BurnedPixelSample {
  /** Positions (in the array of fire years given) of the sampled burned pixels, ascending. */
  index: Int32Array;
  /** Pixels with a fire year in the window, before sampling. */
  burned: number;
  /** Pixels with a fire year outside the window (left out, counted). */
  outsideYears: number;
}

/**
 * The seeded sample of burned pixels: positions whose fire year is within `years` (inclusive;
 * NaN or 0 = unburned), at most `k` of them drawn with the stream "fire-pixels", ascending.
 *
 * @param fireYear - fire year per pixel (NaN or 0 = unburned)
 * @param k - most pixels to keep (paper: 50,000; all when there are fewer)
 * @param seed - the chain's seed
 * @param years - the fire-year window (default the paper's 2005–2015)
 * @returns the sampled positions, the burned count in the window and the count outside it
 * @throws ArgumentError for a fire year that is not an integer (or NaN), a bad k, seed or window
 * @example
 * const s = sampleBurnedPixels([NaN, 2006, 0, 2012, 2019], 10, 1);
 * Array.from(s.index); // [1, 3]
 * s.outsideYears; // 1 (burned in 2019)
 */
export function sampleBurnedPixels(fireYear: ArrayLike<number>, k: number, seed: number, years: readonly [number, number] = PAPER_FIRE_YEARS): BurnedPixelSample {
  const fn = "sampleBurnedPixels";
  checkArray(fn, "fireYear", fireYear, { allowNaN: true });
  checkInteger(fn, "k", k, { min: 1 });
  checkInteger(fn, "seed", seed, { min: 0, max: Number.MAX_SAFE_INTEGER });
  if (!Array.isArray(years) || years.length !== 2) throw new ArgumentError({ fn, arg: "years", value: years, expected: "[first, last] fire years" }, "not a year window");
  checkInteger(fn, "years[0]", years[0], { min: 1850, max: 2100 });
  checkInteger(fn, "years[1]", years[1], { min: years[0], max: 2100 });
  const inWindow: number[] = [];
  let outsideYears = 0;
  for (let i = 0; i < fireYear.length; i++) {
    const f = fireYear[i]!;
    if (Number.isNaN(f) || f === 0) continue;
    if (!Number.isInteger(f)) throw new ArgumentError({ fn, arg: "fireYear", at: i, value: f, expected: "a whole year, or NaN or 0 for unburned" }, "bad fire year");
    if (f < years[0] || f > years[1]) outsideYears++;
    else inWindow.push(i);
  }
  const pick = sampleIndices(inWindow.length, k, seed, "fire-pixels");
  return { index: Int32Array.from(pick, (j) => inWindow[j]!), burned: inWindow.length, outsideYears };
}

/** The burned pixels of the fire analysis, on the chain's domain cells. */
export interface AltFirePixels extends BurnedPixelSample {
  /** Their grid cells (row-major), ascending; `index` are their positions in `inputs.cells`. */
  cells: Int32Array;
  /** Their fire years. */
  fireYear: Float32Array;
  /** Their group codes (the `groupBy` predictor, e.g. land cover). */
  group: Float32Array;
  /** The predictor the pixels are grouped by. */
  groupBy: string;
  /** Names of the group codes from the manifest ({} when it gives none). */
  classes: Record<string, string>;
}

/**
 * Read the burned pixels of the in-memory chain: the manifest's fire years on the domain cells,
 * the seeded sample of at most `settings.firePixels` burned in 2005–2015 (paper §2.5), and their
 * land-cover groups. Null when the manifest has no `fire` input (the fire analysis is skipped).
 *
 * @param inputs - the loaded inputs
 * @param settings - chain settings (firePixels, seed)
 * @returns the sampled pixels, or null
 * @throws ArgumentError for bad settings or inputs
 * @throws DataError (from the reader) for a fire-year value that is not a year, naming the file and cell
 * @example
 * const inputs = await loadAltInputs(altSettings("quick"));
 * const fire = await readFirePixels(inputs, altSettings("quick"));
 * fire!.groupBy; // 'landcover'
 */
export async function readFirePixels(inputs: AltInputs, settings: AltSettings): Promise<AltFirePixels | null> {
  const fn = "readFirePixels";
  checkAltSettings(fn, "settings", settings);
  if (inputs === null || typeof inputs !== "object" || inputs.source === undefined) throw new ArgumentError({ fn, arg: "inputs", value: inputs, expected: "the inputs from loadAltInputs()" }, "not loaded inputs");
  const spec = inputs.manifest.fire;
  if (spec === null) return null;
  const all = await inputs.source.readFireYear(fullWindow(inputs.grid));
  const atCells = Float32Array.from(inputs.cells, (c) => all[c]!);
  const s = sampleBurnedPixels(atCells, settings.firePixels, settings.seed);
  const groups = inputs.stack.band(spec.groupBy, 0)!;
  const cells = Int32Array.from(s.index, (i) => inputs.cells[i]!);
  return { ...s, cells, fireYear: Float32Array.from(s.index, (i) => atCells[i]!), group: Float32Array.from(cells, (c) => groups[c]!), groupBy: spec.groupBy, classes: spec.classes };
}

/**
 * The columns of a years × cells block at some positions: the annual series of those pixels, as a
 * years × positions block (value y·k + j is position j in year y).
 *
 * @param block - years × nCells values
 * @param nCells - cells per year in the block
 * @param index - positions (0 … nCells − 1)
 * @returns years × index.length values
 * @throws ArgumentError when the block is not a whole number of years of nCells, or a position is outside
 * @example
 * Array.from(blockColumns(Float32Array.from([1, 2, 3, 4, 5, 6]), 3, Int32Array.from([0, 2]))); // [1, 3, 4, 6]
 */
export function blockColumns(block: Float32Array, nCells: number, index: Int32Array): Float32Array {
  const fn = "blockColumns";
  checkInteger(fn, "nCells", nCells, { min: 1 });
  if (!(block instanceof Float32Array) || block.length % nCells !== 0) throw new ArgumentError({ fn, arg: "block", value: block?.length, expected: `a Float32Array of years × ${nCells} values` }, "not a years × cells block");
  const nY = block.length / nCells;
  const k = index.length;
  const out = new Float32Array(nY * k);
  for (let j = 0; j < k; j++) {
    const i = index[j]!;
    if (!(i >= 0 && i < nCells)) throw new ArgumentError({ fn, arg: "index", at: j, value: i, expected: `a position 0…${nCells - 1}` }, "position outside the block");
    for (let y = 0; y < nY; y++) out[y * k + j] = block[y * nCells + i]!;
  }
  return out;
}

/**
 * The name of a group code of the fire analysis: the manifest's `fire.classes` name, else "class <code>".
 *
 * @param classes - code → name (from {@link AltFirePixels})
 * @param code - the group code
 * @returns the name
 * @example
 * fireClassName({ "21": "shrub tundra" }, 21); // 'shrub tundra'
 * fireClassName({}, 7); // 'class 7'
 */
export function fireClassName(classes: Readonly<Record<string, string>>, code: number): string {
  return classes[String(code)] ?? `class ${code}`;
}
