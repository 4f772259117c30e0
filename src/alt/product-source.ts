/**
 * Which annual ALT maps notebook 17 reads (issue 16): the authors' published product when
 * `PERMAFROST_ALT_PRODUCT` names its folder (or its one multi-band file), with the reader's options
 * (glob, yearPattern, firstYear, scale, offset, nodata, units) as JSON in
 * `PERMAFROST_ALT_PRODUCT_OPTIONS`; otherwise the SYNTHETIC stand-in written from the demo world
 * (the quick world in the quick profile, the 1/120° regional world in the full profile).
 */
import * as fs from "node:fs";
import { ArgumentError, DataError } from "../core/errors";
import { type AltProduct, type AltProductOptions, openAltProduct } from "../io/alt-product";
import { type ProductStandIn, ensureAltProductStandIn } from "../data/demo-world/product-stand-in";
import { type AltSettings } from "./settings";
import { checkAltSettings } from "./checks";

/** The environment variable naming the published product's folder (or file). */
export const ALT_PRODUCT_ENV = "PERMAFROST_ALT_PRODUCT";

/** The environment variable holding the reader's options as JSON (e.g. `{"glob": "ALT_*.tif", "scale": 0.1}`). */
export const ALT_PRODUCT_OPTIONS_ENV = "PERMAFROST_ALT_PRODUCT_OPTIONS";

/** The banner's data status of notebook 17, from the environment alone (nothing is read). */
export interface AltProductStatus {
  /** "real" for the product named by the environment, "synthetic" for the stand-in. */
  data: "real" | "synthetic";
  /** One line for the banner. */
  dataNote: string;
  /** For tables and figure titles. */
  label: string;
}

function productOptions(): AltProductOptions | null {
  const where = process.env[ALT_PRODUCT_ENV];
  if (where === undefined || where === "") return null;
  const text = process.env[ALT_PRODUCT_OPTIONS_ENV];
  let extra: unknown = {};
  if (text !== undefined && text !== "") {
    try {
      extra = JSON.parse(text);
    } catch (e) {
      throw new ArgumentError({ fn: "openPaperProduct", arg: `$${ALT_PRODUCT_OPTIONS_ENV}`, value: text, expected: 'JSON of the reader\'s options, e.g. {"glob": "ALT_*.tif"}' }, `not valid JSON: ${(e as Error).message}`);
    }
    if (extra === null || typeof extra !== "object" || Array.isArray(extra)) throw new ArgumentError({ fn: "openPaperProduct", arg: `$${ALT_PRODUCT_OPTIONS_ENV}`, value: text, expected: "a JSON object" }, "not an object");
  }
  return { ...(extra as Omit<AltProductOptions, "path">), path: where };
}

const standInWorld = (settings: AltSettings) => (settings.profile === "full" ? "region1km" : "quick");

/**
 * The data status of notebook 17 for its banner.
 *
 * @param settings - chain settings (the profile picks the stand-in)
 * @returns real or synthetic, the banner note and a label
 * @throws ArgumentError for bad settings or unreadable `$PERMAFROST_ALT_PRODUCT_OPTIONS`
 * @example
 * altProductStatus(altSettings("quick")).data; // 'synthetic'
 */
export function altProductStatus(settings: AltSettings): AltProductStatus {
  checkAltSettings("altProductStatus", "settings", settings);
  const o = productOptions();
  if (o !== null) return { data: "real", dataNote: `REAL published product at ${o.path} (${ALT_PRODUCT_ENV})`, label: `REAL product "${o.path}"` };
  const w = standInWorld(settings);
  return { data: "synthetic", dataNote: `SYNTHETIC stand-in product: the true ALT of the ${w} demo world in the product's layout (set ${ALT_PRODUCT_ENV} for the real maps)`, label: `SYNTHETIC stand-in (${w} demo world)` };
}

/**
 * Open the annual maps notebook 17 reads (see the module comment), writing the stand-in when needed.
 *
 * @param settings - chain settings (the profile picks the stand-in; the seed its world)
 * @returns the opened product, whether it is synthetic, a label, and the stand-in (null for the real product)
 * @throws ArgumentError for bad settings or options; DataError when `$PERMAFROST_ALT_PRODUCT` names
 *   nothing that exists, or (from the reader) naming any file it refuses
 * @example
 * const p = await openPaperProduct(altSettings("quick"));
 * p.product.years.length; // 18
 */
export async function openPaperProduct(settings: AltSettings): Promise<{ product: AltProduct; synthetic: boolean; label: string; standIn: ProductStandIn | null }> {
  const status = altProductStatus(settings);
  const o = productOptions();
  if (o !== null) {
    if (!fs.existsSync(o.path)) throw new DataError({ file: o.path, expected: `the folder of the product's per-year files, or its one multi-band file (named by $${ALT_PRODUCT_ENV})` }, "no such folder or file");
    return { product: await openAltProduct(o), synthetic: false, label: status.label, standIn: null };
  }
  const standIn = await ensureAltProductStandIn(standInWorld(settings), { seed: settings.seed });
  return { product: await openAltProduct({ path: standIn.dir, glob: "ALT_*.tif" }), synthetic: true, label: status.label, standIn };
}

/** The years paper 1's numbers are for (§2.3: 2003–2020). */
export const PAPER1_YEARS: readonly [number, number] = [2003, 2020];

/**
 * What a reviewer should know before comparing a product's numbers with paper 1's: maps that do not
 * cover 2003–2020 (the paper's trends are over those 18 years), and values so small that the maps
 * are probably in metres read as centimetres (the median pixel's mean ALT below 5 cm; set the
 * reader's `units: "m"`).
 *
 * @param years - the maps' years
 * @param medianMeanAltCm - the median of the pixels' mean ALT (cm), e.g. `summary.meanAlt.perPixel.median`
 * @returns warnings, empty when there is none
 * @example
 * productWarnings([2003, 2004, 2005], 0.56).length; // 2
 * productWarnings(Array.from({ length: 18 }, (_, k) => 2003 + k), 85); // []
 */
export function productWarnings(years: readonly number[], medianMeanAltCm: number): string[] {
  const out: string[] = [];
  const [a, b] = [years[0], years[years.length - 1]];
  if (a !== PAPER1_YEARS[0] || b !== PAPER1_YEARS[1]) out.push(`these maps cover ${a}–${b}; the paper's numbers are for ${PAPER1_YEARS[0]}–${PAPER1_YEARS[1]}, so the ledger compares different periods`);
  if (Number.isFinite(medianMeanAltCm) && medianMeanAltCm < 5) out.push(`the median pixel's mean ALT is ${medianMeanAltCm.toFixed(2)} cm: the maps may be in metres read as centimetres (set "units": "m" in $${ALT_PRODUCT_OPTIONS_ENV})`);
  return out;
}
