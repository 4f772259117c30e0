/**
 * Which annual ALT maps notebook 17 reads (issue 16): the authors' published product when
 * `PERMAFROST_ALT_PRODUCT` names its folder (or its one multi-band file), with the reader's options
 * (glob, yearPattern, firstYear, scale, offset, nodata, units) as JSON in
 * `PERMAFROST_ALT_PRODUCT_OPTIONS`; otherwise the SYNTHETIC stand-in written from the demo world
 * (the quick world in the quick profile, the 1/120° regional world in the full profile).
 */
import { ArgumentError } from "../core/errors";
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
 * @throws ArgumentError for bad settings or options; DataError (from the reader) naming any file it refuses
 * @example
 * const p = await openPaperProduct(altSettings("quick"));
 * p.product.years.length; // 18
 */
export async function openPaperProduct(settings: AltSettings): Promise<{ product: AltProduct; synthetic: boolean; label: string; standIn: ProductStandIn | null }> {
  const status = altProductStatus(settings);
  const o = productOptions();
  if (o !== null) return { product: await openAltProduct(o), synthetic: false, label: status.label, standIn: null };
  const standIn = await ensureAltProductStandIn(standInWorld(settings), { seed: settings.seed });
  return { product: await openAltProduct({ path: standIn.dir, glob: "ALT_*.tif" }), synthetic: true, label: status.label, standIn };
}
