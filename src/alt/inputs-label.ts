/**
 * What notebooks 11–16 say about paper 1's inputs, and which of their comparisons they can make
 * (issue 15): the banner's data status is decided from the manifest **before** the inputs load
 * (REAL with the manifest's name and path, or SYNTHETIC), figure titles name a real manifest, and
 * the comparisons with the known truth of a synthetic world (its truth folder) are made only when
 * the manifest has one. The site-year truth is joined by site and year, so it lines up with the
 * pooled site-years of any layout (one long CSV, or CALM-wide plus long files).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ArgumentError, DataError } from "../core/errors";
import { numberColumn, readCsv, stringColumn } from "../io/csv";
import { type Matrix } from "../core/matrix";
import { type ModelLike } from "../core/model";
import { type PdComparisonSummary, comparePartialDependence } from "../ml/explain/pd-comparison";
import { type PartialDependence, type PartialDependenceOptions, partialDependence } from "../ml/explain/partial-dependence";
import { type DemoWorldOnDisk } from "../data/demo-world/files";
import { type AltSettings } from "./settings";
import { type AltInputsManifest, readAltInputsManifest } from "./manifest";
import { type AltInputs, resolveAltInputs } from "./inputs";

/** The banner's data note for the kit's own demo world (unchanged since notebooks 11–16 first ran on it). */
export const DEMO_WORLD_DATA_NOTE = "permafrost-kit demo world (known truth); see data/demo-world/README.md";

/** The data status of paper 1's inputs, as a notebook's banner states it. */
export interface AltDataStatus {
  /** "synthetic" (manifest `"synthetic": true`) or "real". */
  data: "synthetic" | "real";
  /** One sentence for the banner: the demo world, or the manifest's name and path. */
  dataNote: string;
  /** The same text as `AltInputs.label`: "SYNTHETIC <name>" or `REAL inputs "<name>" (<path>)`. */
  label: string;
  /** Whether the manifest names a truth folder (the comparisons with the truth can be made). */
  hasTruth: boolean;
  /** The validated manifest. */
  manifest: AltInputsManifest;
  /** The demo world (generated or reused here), or null for any other manifest. */
  world: DemoWorldOnDisk | null;
}

/**
 * The data status of the inputs a notebook is about to load, for `notebookStart({ data, dataNote })`:
 * resolves the manifest as {@link loadAltInputs} does (`options.manifest`, `$PERMAFROST_ALT_INPUTS`,
 * else the demo world's, generated when missing) and reads it, without loading any raster.
 *
 * @param settings - chain settings (profile and seed)
 * @param options - `manifest`: an explicit path
 * @returns data status, banner note, label, whether truth is known, the manifest and the demo world (or null)
 * @throws ArgumentError for bad settings or options
 * @throws DataError (from the manifest reader) for a missing or invalid manifest
 * @example
 * const s = altDataStatus(altSettings("quick"), { manifest: path.join(ensureDemoWorld("quick").dir, "alt-inputs.json") });
 * [s.data, s.hasTruth, s.label]; // ['synthetic', true, 'SYNTHETIC demo-world-quick']
 */
export function altDataStatus(settings: AltSettings, options: { manifest?: string } = {}): AltDataStatus {
  const { manifest: file, world } = resolveAltInputs(settings, options);
  const m = readAltInputsManifest(file);
  const label = m.synthetic ? `SYNTHETIC ${m.name}` : `REAL inputs "${m.name}" (${file})`;
  const hasTruth = m.truthDir !== null;
  const dataNote = world !== null
    ? DEMO_WORLD_DATA_NOTE
    : m.synthetic
      ? `synthetic inputs "${m.name}" (${file})${hasTruth ? ", known truth" : ", no known truth"}`
      : `${label}${m.description === "" ? "" : `: ${m.description}`}`;
  return { data: m.synthetic ? "synthetic" : "real", dataNote, label, hasTruth, manifest: m, world };
}

/**
 * A figure title for inputs from a manifest: unchanged for synthetic inputs (the figure itself
 * adds the SYNTHETIC label with `{ synthetic: true }`), followed for real ones by a second, smaller
 * title line `REAL inputs "<name>"` (plotly's `<br><sup>`: a long manifest name does not push the
 * title past the figure's edges), so a figure never leaves the notebook without saying whose data it shows.
 *
 * @param inputs - the loaded inputs (only `manifest.synthetic` and `manifest.name` are read)
 * @param title - the figure's title
 * @returns the title to draw
 * @throws ArgumentError for a title that is not a string, or inputs without a manifest
 * @example
 * altFigureTitle({ manifest: { synthetic: false, name: "NPR 1 km" } }, "Fig 4a"); // 'Fig 4a<br><sup>REAL inputs "NPR 1 km"</sup>'
 * altFigureTitle({ manifest: { synthetic: true, name: "demo-world-quick" } }, "Fig 4a"); // 'Fig 4a'
 */
export function altFigureTitle(inputs: { manifest: Pick<AltInputsManifest, "synthetic" | "name"> }, title: string): string {
  if (typeof title !== "string") throw new ArgumentError({ fn: "altFigureTitle", arg: "title", value: title, expected: "a string" }, "not a string");
  if (inputs === null || typeof inputs !== "object" || inputs.manifest === null || typeof inputs.manifest !== "object" || typeof inputs.manifest.name !== "string") {
    throw new ArgumentError({ fn: "altFigureTitle", arg: "inputs", value: inputs, expected: "the inputs from loadAltInputs()" }, "no manifest");
  }
  return inputs.manifest.synthetic ? title : `${title}<br><sup>REAL inputs "${inputs.manifest.name}"</sup>`;
}

/**
 * Whether the inputs come with known truth (a synthetic world whose manifest names a truth
 * folder): the notebooks compare with the truth only then.
 *
 * @param inputs - the loaded inputs (only `manifest.truthDir` is read)
 * @returns true when `readTruth` and {@link readSiteYearTruth} can be used
 * @example
 * hasKnownTruth({ manifest: { truthDir: null } }); // false
 * hasKnownTruth({ manifest: { truthDir: "/data/world/truth" } }); // true
 */
export function hasKnownTruth(inputs: { manifest: Pick<AltInputsManifest, "truthDir"> }): boolean {
  return inputs.manifest.truthDir !== null;
}

/** The known truth of every site-year of the inputs, row by row of `inputs.sites`. */
export interface SiteYearTruth {
  /** The planted error of each row ("none" for a genuine value). */
  planted: string[];
  /** The world's true ALT at the site's pixel in that year, cm. */
  altTrueCm: Float64Array;
}

/**
 * The known truth behind the site-years of a synthetic world (`<truth dir>/site-years-truth.csv`:
 * `site,year,planted,alt_true_cm`), joined by site and year to the rows of `inputs.sites`, so it
 * lines up with the pooled table whatever the layout of the site files.
 *
 * @param inputs - the loaded inputs (`manifest.truthDir` and `sites`)
 * @returns planted error and true ALT per row of `inputs.sites`
 * @throws ArgumentError for inputs without known truth (real data)
 * @throws DataError when the file is missing or unreadable, or has no row for a site-year of `inputs.sites`
 * @example
 * const inputs = await loadAltInputs(altSettings("quick"), { manifest: path.join(ensureDemoWorld("quick").dir, "alt-inputs.json") });
 * const t = readSiteYearTruth(inputs);
 * t.altTrueCm.length === inputs.sites.site.length; // true
 * t.planted.includes("none"); // true
 */
export function readSiteYearTruth(inputs: Pick<AltInputs, "manifest" | "sites">): SiteYearTruth {
  const dir = inputs?.manifest?.truthDir;
  if (typeof dir !== "string") {
    throw new ArgumentError({ fn: "readSiteYearTruth", arg: "inputs", value: inputs?.manifest?.name, expected: "a synthetic world with known truth (its manifest names a truth folder)" }, "these inputs have no known truth (real data): skip the comparison with the truth");
  }
  const file = path.join(dir, "site-years-truth.csv");
  if (!fs.existsSync(file)) throw new DataError({ file, expected: "the site-year truth of a synthetic world (site,year,planted,alt_true_cm)" }, "no such file");
  const csv = readCsv(file);
  const site = stringColumn(csv, "site"), year = numberColumn(csv, "year"), planted = stringColumn(csv, "planted"), alt = numberColumn(csv, "alt_true_cm");
  const row = new Map<string, number>();
  site.forEach((s, i) => row.set(`${s}\u0000${year[i]!}`, i));
  const n = inputs.sites.site.length;
  const out: SiteYearTruth = { planted: new Array<string>(n), altTrueCm: new Float64Array(n) };
  for (let r = 0; r < n; r++) {
    const i = row.get(`${inputs.sites.site[r]!}\u0000${inputs.sites.year[r]!}`);
    if (i === undefined) throw new DataError({ file, value: `${inputs.sites.site[r]!} ${inputs.sites.year[r]!}`, expected: "a row for every site-year of the site files" }, "site-year missing from the truth file");
    out.planted[r] = planted[i]!;
    out.altTrueCm[r] = alt[i]!;
  }
  return out;
}

/** PD/ICE of a model, and of the model fitted on the truth when there is one. */
export interface OptionalPdComparison {
  /** The model's PD and ICE curves. */
  pd: PartialDependence;
  /** The truth model's curves, or null without known truth. */
  reference: PartialDependence | null;
  /** Ranges and shape correlation; `trueRange` and `shapeR` are null without known truth. */
  summary: { predictor: string; mappedRange: number; trueRange: number | null; shapeR: number | null };
}

/**
 * Paper 1 Figs 6–7 on any inputs: {@link comparePartialDependence} of the mapped model and the
 * truth model when the truth is known, else the mapped model's {@link partialDependence} alone
 * (the truth's range and the shape correlation are then null).
 *
 * @param model - the forest fitted on the mapped response
 * @param reference - the forest fitted on the true response, or null without known truth
 * @param x - the rows to average over
 * @param feature - predictor name or column index
 * @param options - as for {@link partialDependence}
 * @returns the curves and the summary row
 * @throws ArgumentError as {@link partialDependence} does
 * @example
 * const { x, y } = friedman1(200, 5, 1, "demo");
 * const m = trainForest(x, y, { ntrees: 20 });
 * altPartialDependence(m, null, x, "x3", { gridSize: 5 }).summary.trueRange; // null
 */
export function altPartialDependence(model: ModelLike, reference: ModelLike | null, x: Matrix, feature: string | number, options: PartialDependenceOptions = {}): OptionalPdComparison {
  if (reference !== null) {
    const c = comparePartialDependence(model, reference, x, feature, options);
    const summary: PdComparisonSummary = c.summary;
    return { pd: c.pd, reference: c.reference, summary };
  }
  const pd = partialDependence(model, x, feature, options);
  return { pd, reference: null, summary: { predictor: pd.feature, mappedRange: pd.pdRange, trueRange: null, shapeR: null } };
}
