/**
 * The claims ledger of paper 1 (issue 16; §4–5 audited in issue 19): every numeric statement of the
 * abstract, §3 (results), §4 (discussion) and §5 (conclusion) about this study's own results that
 * the published annual ALT maps alone can check, with where it is and what is printed, and those
 * that need the training data, the uncertainty runs, the burned-area record or the predictors,
 * listed with the reason. A number stated again later (the discussion and conclusion repeat the
 * abstract) is one entry whose `where` lists every place. {@link evaluateLiu2024Claims} recomputes each checkable claim from an
 * {@link AnnualMapSummary} both per pixel and area-weighted, and says which reading the printed
 * number matches. The printed values below are quotations of the paper, not results.
 */
import { ArgumentError } from "../core/errors";
import { roundingRule, roundsToPrinted } from "../data/claim-rounding";
import { type AnnualMapSummary } from "./annual-map-summary";
import { type BinnedSummary } from "../stats/binned-distribution";

/** What a paper-1 claim asserts, in a form the checker understands. */
export type Liu2024ClaimCheck =
  | { kind: "trend"; stat: "sharePct" | "mean" | "sd" | "q25" | "q75"; printed: number; decimals: number }
  | { kind: "zone"; zone: "25–50 °N" | "≥ 50 °N"; stat: "mean" | "q25" | "q75"; printed: number; decimals: number }
  | { kind: "notCheckable"; printed: string; reason: string };

/** One entry of the ledger as written in the paper. */
export interface Liu2024ClaimSpec {
  /** Stable identifier, e.g. "abs-trend-mean". */
  id: string;
  /** Where in the paper. */
  where: string;
  /** The claim, paraphrased with its printed number. */
  claim: string;
  /** How to check it. */
  check: Liu2024ClaimCheck;
}

/** A checked claim, as written to build/<profile>/results/claims-liu2024.json (paper 2's fields, plus the area-weighted reading). */
export interface Liu2024ClaimResult {
  id: string;
  where: string;
  claim: string;
  /** The printed value (number or text). */
  printed: number | string;
  /** The value recomputed per pixel (every pixel once), or null when not checkable (from any maps, or from these: a zone they do not cover). */
  computed: number | null;
  /** Printed and per-pixel value agree under `rule`; null when not checkable. */
  match: boolean | null;
  /** The value recomputed area-weighted (every pixel by its area) and whether it agrees; null when not checkable. */
  areaWeighted: { computed: number; match: boolean } | null;
  /** Which reading the printed number matches: "per pixel", "area-weighted", "both", "neither"; null when not checkable. */
  reading: "per pixel" | "area-weighted" | "both" | "neither" | null;
  /** The comparison rule, with the quantiles' resolution where one is involved. */
  rule: string;
  /** Pixels used, where checkable. */
  n: number | null;
  /** Explanation. */
  note: string;
}

const TRAINING = "needs the training site-years and the cross-validation (not shipped with the product)";
const UNCERTAINTY = "needs the bootstrap and model-structure ensembles of §2.4.2 (not part of the annual maps)";
const FIRE = "needs the MODIS MCD64A1 burned-area record and the land-cover map (not part of the annual maps)";
const SITES = "needs the CALM site measurements (the site-level comparison of Fig 3d)";
const DRIVERS = "needs the predictor rasters of Table 1 (not part of the annual maps)";
const trend = (stat: "sharePct" | "mean" | "sd" | "q25" | "q75", printed: number, decimals: number): Liu2024ClaimCheck => ({ kind: "trend", stat, printed, decimals });
const zone = (z: "25–50 °N" | "≥ 50 °N", stat: "mean" | "q25" | "q75", printed: number, decimals: number): Liu2024ClaimCheck => ({ kind: "zone", zone: z, stat, printed, decimals });
const nc = (printed: string, reason: string): Liu2024ClaimCheck => ({ kind: "notCheckable", printed, reason });

/** The ledger: paper 1's numeric claims, in reading order. */
export const LIU2024_CLAIMS: readonly Liu2024ClaimSpec[] = [
  { id: "abs-site-years", where: "Abstract; §5", claim: "trained with n = 2966 site-years", check: nc("2966", TRAINING) },
  { id: "abs-r2", where: "Abstract; §3.1 ¶1; §4.1; §5", claim: "ML-derived ALT R² = 0.97 against in-situ ALT", check: nc("0.97", TRAINING) },
  { id: "abs-sites-deepening", where: "Abstract; §3.1 ¶1 (Fig 3d); §4.1", claim: "about 80 % of CALM sites had a deepening ALT trend", check: nc("80 %", SITES) },
  { id: "abs-share-deepening", where: "Abstract; §3.1 ¶3; §4.1; §5", claim: "about 65 % of the NPR showed a deepening ALT trend (OLS trend > 0)", check: trend("sharePct", 65, 0) },
  { id: "abs-trend-mean", where: "Abstract; §3.1 ¶3; §4.1; §5", claim: "mean deepening trend 0.11 ± 0.35 cm yr⁻¹ (mean)", check: trend("mean", 0.11, 2) },
  { id: "abs-trend-sd", where: "Abstract", claim: "mean deepening trend 0.11 ± 0.35 cm yr⁻¹ (± = SD across the NPR)", check: trend("sd", 0.35, 2) },
  { id: "abs-trend-q25", where: "Abstract; §3.1 ¶3", claim: "trend 25 % quantile −0.035 cm yr⁻¹", check: trend("q25", -0.035, 3) },
  { id: "abs-trend-q75", where: "Abstract; §3.1 ¶3", claim: "trend 75 % quantile 0.204 cm yr⁻¹", check: trend("q75", 0.204, 3) },
  { id: "res-cv-rmse", where: "§3.1 ¶1; §4.1", claim: "ensemble CV RMSE = 21.60 cm", check: nc("21.60 cm", TRAINING) },
  { id: "res-cv-bias", where: "§3.1 ¶1; §4.1", claim: "ensemble CV bias = 4.02 cm", check: nc("4.02 cm", TRAINING) },
  { id: "res-site-trend-high", where: "§3.1 ¶1 (Fig 3e)", claim: "the maps give slower deepening than the sites at the higher range of site trends (> 1 cm yr⁻¹)", check: nc("> 1 cm yr⁻¹", "needs the CALM site measurements (the site-level comparison of Fig 3e)") },
  { id: "res-zone-temperate-mean", where: "§3.1 ¶2", claim: "mean ALT 252.3 cm in the temperate zone (25–50 °N)", check: zone("25–50 °N", "mean", 252.3, 1) },
  { id: "res-zone-temperate-q25", where: "§3.1 ¶2", claim: "… 25 % quantile 219.2 cm", check: zone("25–50 °N", "q25", 219.2, 1) },
  { id: "res-zone-temperate-q75", where: "§3.1 ¶2", claim: "… 75 % quantile 293.4 cm", check: zone("25–50 °N", "q75", 293.4, 1) },
  { id: "res-zone-north-mean", where: "§3.1 ¶2", claim: "mean ALT 87.8 cm poleward of 50 °N", check: zone("≥ 50 °N", "mean", 87.8, 1) },
  { id: "res-zone-north-q25", where: "§3.1 ¶2", claim: "… 25 % quantile 62.7 cm", check: zone("≥ 50 °N", "q25", 62.7, 1) },
  { id: "res-zone-north-q75", where: "§3.1 ¶2", claim: "… 75 % quantile 94.7 cm", check: zone("≥ 50 °N", "q75", 94.7, 1) },
  { id: "res-unc-sd", where: "§3.1 ¶2", claim: "inter-model SD of mean ALT 4.1 cm (IQR 1.7–5.2)", check: nc("4.1 [1.7, 5.2] cm", UNCERTAINTY) },
  { id: "res-trend-high", where: "§3.1 ¶3", claim: "97.5 % (high) ensemble: mean trend 0.66 cm yr⁻¹ (IQR 0.29–0.81)", check: nc("0.66 [0.29, 0.81]", UNCERTAINTY) },
  { id: "res-trend-low-share", where: "§3.1 ¶3", claim: "2.5 % (low) ensemble: only 12 % of the NPR deepening", check: nc("12 %", UNCERTAINTY) },
  { id: "res-trend-low", where: "§3.1 ¶3", claim: "2.5 % (low) ensemble: mean trend −0.43 cm yr⁻¹ (IQR −0.63 to −0.13)", check: nc("−0.43 [−0.63, −0.13]", UNCERTAINTY) },
  { id: "res-drivers", where: "Abstract; §3.2 ¶1; §5", claim: "mean ALT mostly affected by soil properties, then elevation and LST", check: nc("soil > elevation > LST", DRIVERS) },
  { id: "res-elevation-mean", where: "§3.2 ¶1 (Fig 6)", claim: "mean ALT rises sharply around 1500 m elevation", check: nc("~1500 m", DRIVERS) },
  { id: "res-elevation-trend", where: "§3.2 ¶2 (Fig 7)", claim: "the ALT trend decreases with elevation up to about 1500 m and increases above it", check: nc("~1500 m", DRIVERS) },
  { id: "res-fire", where: "§3.2, fire paragraph (Fig 8)", claim: "ALT deepens ~8 cm (grassland) and ~5 cm (mixed forest) in the first 1–2 years after fire", check: nc("~8 cm / ~5 cm", FIRE) },
  { id: "res-fire-recovery", where: "§3.2, fire paragraph; §4.2 (Fig 8)", claim: "the fire effect on the mapped ALT disappears after 1–2 years", check: nc("1–2 years", FIRE) },
  { id: "dis-above-site-years", where: "§4.3", claim: "the ABoVE sub-region reanalysis used ~2000 site-years", check: nc("~2000", TRAINING) },
];

function pick(s: BinnedSummary, stat: "mean" | "sd" | "q25" | "q75"): number {
  return stat === "mean" ? s.mean : stat === "sd" ? s.sd : stat === "q25" ? s.q25 : s.q75;
}

/**
 * Check every claim of {@link LIU2024_CLAIMS} against the statistics of annual ALT maps.
 *
 * @param summary - from annualMapSummary (the published product, or a stand-in)
 * @param claims - the ledger (default {@link LIU2024_CLAIMS})
 * @returns one result per claim, in order
 * @throws ArgumentError when the summary lacks the paper's zones or has no trend pixels
 * @example
 * const grid = lonLatGrid([0, 60, 2, 62], 1);
 * const years = [2003, 2004, 2005];
 * const s = await annualMapSummary({ grid, years, readRows: async (r0: number, r1: number) => years.map((y, t) => Float32Array.from({ length: (r1 - r0) * 2 }, (_, i) => 80 + 0.1 * t * (i + 1))) }, { progress: false });
 * const c = evaluateLiu2024Claims(s).find((r) => r.id === "abs-share-deepening")!;
 * [c.computed, c.match]; // [100, false] (every pixel of this toy deepens)
 */
export function evaluateLiu2024Claims(summary: AnnualMapSummary, claims: readonly Liu2024ClaimSpec[] = LIU2024_CLAIMS): Liu2024ClaimResult[] {
  const fn = "evaluateLiu2024Claims";
  if (summary === null || typeof summary !== "object" || !Array.isArray(summary.zones)) throw new ArgumentError({ fn, arg: "summary", value: summary, expected: "the result of annualMapSummary" }, "not a map summary");
  if (!(summary.trendPixels > 0)) throw new ArgumentError({ fn, arg: "summary.trendPixels", value: summary.trendPixels, expected: "at least one pixel with a trend" }, "no trends to check");
  return claims.map((c) => {
    const base = { id: c.id, where: c.where, claim: c.claim };
    const ck = c.check;
    if (ck.kind === "notCheckable") return { ...base, printed: ck.printed, computed: null, match: null, areaWeighted: null, reading: null, rule: "not checkable from the annual maps", n: null, note: ck.reason };
    let values: { perPixel: number; areaWeighted: number }, n: number, resolution: number;
    if (ck.kind === "trend") {
      if (ck.stat === "sharePct") {
        values = { perPixel: 100 * summary.shares.perPixel.deepeningOls, areaWeighted: 100 * summary.shares.areaWeighted.deepeningOls };
        resolution = 0;
      } else {
        values = { perPixel: pick(summary.olsTrend.perPixel, ck.stat), areaWeighted: pick(summary.olsTrend.areaWeighted, ck.stat) };
        resolution = ck.stat === "q25" || ck.stat === "q75" ? summary.olsTrend.perPixel.binWidth : 0;
      }
      n = summary.trendPixels;
    } else {
      const z = summary.zones.find((x) => x.zone === ck.zone);
      if (z === undefined) throw new ArgumentError({ fn, arg: "summary.zones", value: summary.zones.map((x) => x.zone), expected: `the zone ${ck.zone}` }, "zone missing");
      if (z.meanAlt.perPixel.n === 0) return { ...base, printed: ck.printed, computed: null, match: null, areaWeighted: null, reading: null, rule: "not checkable from these maps", n: 0, note: `the maps have no pixel in ${ck.zone}` };
      values = { perPixel: pick(z.meanAlt.perPixel, ck.stat), areaWeighted: pick(z.meanAlt.areaWeighted, ck.stat) };
      resolution = ck.stat === "mean" ? 0 : z.meanAlt.perPixel.binWidth;
      n = z.meanAlt.perPixel.n;
    }
    const ok = (v: number) => Number.isFinite(v) && roundsToPrinted(v, ck.printed, ck.decimals);
    const [mp, ma] = [ok(values.perPixel), ok(values.areaWeighted)];
    const reading = mp && ma ? "both" : mp ? "per pixel" : ma ? "area-weighted" : "neither";
    const tol = 0.5 * 10 ** -ck.decimals;
    const borderline = resolution > 0 && [values.perPixel, values.areaWeighted].some((v) => Math.abs(Math.abs(v - ck.printed) - tol) <= resolution);
    const period = summary.years[0] === 2003 && summary.years[summary.years.length - 1] === 2020 ? "" : `the maps cover ${summary.years[0]}–${summary.years[summary.years.length - 1]}, the paper 2003–2020; `;
    const note = `${period}${reading === "neither" ? `neither reading rounds to ${ck.printed}` : `the printed value matches the ${reading === "both" ? "per-pixel and the area-weighted readings" : `${reading} reading`}`}${borderline ? `; borderline: within the quantile's resolution (${resolution}) of the rounding boundary` : ""}`;
    return {
      ...base, printed: ck.printed, computed: values.perPixel, match: mp, areaWeighted: { computed: values.areaWeighted, match: ma }, reading,
      rule: `${roundingRule(ck.decimals)}${resolution > 0 ? `; quantile to ± ${resolution} (bin width) plus the gap between neighbouring pixel values` : ""}${ck.kind === "trend" && ck.stat === "sharePct" ? "; percent of pixels with an OLS trend > 0" : ""}`,
      n, note,
    };
  });
}
