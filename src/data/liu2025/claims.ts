/**
 * The claims ledger of paper 2: every numeric statement in the abstract, results and methods
 * that Table 1 alone can check, with where it is and what is printed. {@link evaluateClaims}
 * recomputes each from the table. Claims that need data we do not have (ERA5-Land predictors,
 * soil and vegetation classes, river basins, SHAP values, meta-analysis slopes), or that name no
 * quantity to check, are listed with the reason.
 * The printed values below are quotations of the paper, not results.
 */
import { ArgumentError } from "../../core/errors";
import { roundingRule, roundsToPrinted } from "../claim-rounding";
import { summarize } from "../../stats/descriptive";
import { checkTable1, table1Rows, type Table1, type Table1Variable } from "./table1";

/** A group of sites: a region or a sub-region. */
export type ClaimGroup = { by: "region" | "subRegion"; name: string };

/**
 * Statistics a claim can name. `seOverAllSites` is the SD of the reported values divided by
 * the square root of ALL sites in the group (including those with a blank value): not a
 * correct SE, but a reviewer's check of how a printed SE may have been computed.
 */
export type ClaimStat = "mean" | "se" | "cv" | "min" | "max" | "sharePositivePct" | "shareNonPositivePct" | "seOverAllSites";

/** What a claim asserts, in a form the checker understands. */
export type ClaimCheck =
  | { kind: "stat"; group: ClaimGroup; variable: Table1Variable; stat: ClaimStat; printed: number; decimals: number }
  | { kind: "statInRange"; group: ClaimGroup; variable: Table1Variable; stat: "mean"; low: number; high: number; printed: string }
  | { kind: "site"; site: string; variable: Table1Variable; printed: number; decimals: number }
  | { kind: "siteSign"; site: string; variable: Table1Variable; sign: "negative" | "positive" }
  | { kind: "argExtreme"; among: { by: "region" | "subRegion"; names: string[] }; variable: Table1Variable; stat: "mean" | "min" | "cv"; extreme: "max" | "min"; printed: string }
  | { kind: "siteArgMin"; variable: Table1Variable; printed: string }
  | { kind: "siteCount"; printed: number }
  | { kind: "notCheckable"; printed: string; reason: string };

/** One entry of the ledger as written in the paper. */
export interface ClaimSpec {
  /** Stable identifier, e.g. "abs-so-arctic-mean". */
  id: string;
  /** Where in the paper (section / paragraph). */
  where: string;
  /** The claim, paraphrased with its printed number. */
  claim: string;
  /** How to check it. */
  check: ClaimCheck;
  /** A reviewer's explanation, appended to the note when the claim does not match. */
  hint?: string;
}

/** A checked claim, as written to build/<profile>/results/claims-liu2025.json. */
export interface ClaimResult {
  /** Identifier. */
  id: string;
  /** Where in the paper. */
  where: string;
  /** The claim. */
  claim: string;
  /** The printed value (number or text). */
  printed: number | string;
  /** The value recomputed from Table 1, or null when not checkable. */
  computed: number | string | null;
  /** Printed and computed agree under `rule`; null when not checkable. */
  match: boolean | null;
  /** The comparison rule (e.g. rounding to the printed decimals). */
  rule: string;
  /** n used, where a group statistic. */
  n: number | null;
  /** Explanation. */
  note: string;
}

const g = (by: "region" | "subRegion", name: string): ClaimGroup => ({ by, name });
const stat = (group: ClaimGroup, variable: Table1Variable, s: ClaimStat, printed: number, decimals: number): ClaimCheck => ({ kind: "stat", group, variable, stat: s, printed, decimals });
const site = (name: string, variable: Table1Variable, printed: number, decimals: number): ClaimCheck => ({ kind: "site", site: name, variable, printed, decimals });
const inRange = (sub: string): ClaimCheck => ({ kind: "statInRange", group: g("subRegion", sub), variable: "TO", stat: "mean", low: -1.0, high: -0.6, printed: "−0.6 to −1.0" });
const nc = (printed: string, reason: string): ClaimCheck => ({ kind: "notCheckable", printed, reason });
const ERA5 = "needs the ERA5-Land predictors, which are not shipped and cannot be fetched here";
const SOIL = "needs the harmonized soil-texture classes, which the paper does not tabulate";
const VEG = "needs the vegetation classes, which the paper does not tabulate";
const REGIONS = ["Arctic", "Third Pole", "Antarctica"];
const ARCTIC_SUBS = ["Alaska", "Russia", "Canada", "Greenland", "Nordic", "Svalbard"];
const ALL_SUBS = [...ARCTIC_SUBS, "Tibetan Plateau", "Antarctica"];

/** The ledger: the paper's numeric claims, in reading order. */
export const LIU2025_CLAIMS: readonly ClaimSpec[] = [
  { id: "abs-so-arctic-mean", where: "Abstract; Results, 'A global baseline', ¶1", claim: "SO in the Arctic 3.1 ± 0.3 °C (mean)", check: stat(g("region", "Arctic"), "SO", "mean", 3.1, 1) },
  { id: "abs-so-arctic-se", where: "Abstract; Results, 'A global baseline', ¶1", claim: "SO in the Arctic 3.1 ± 0.3 °C (SE)", check: stat(g("region", "Arctic"), "SO", "se", 0.3, 1) },
  { id: "abs-so-tp-mean", where: "Abstract; Results, 'A global baseline', ¶2", claim: "SO in the Third Pole 3.2 ± 0.2 °C (mean)", check: stat(g("region", "Third Pole"), "SO", "mean", 3.2, 1) },
  { id: "abs-so-tp-se", where: "Abstract; Results, 'A global baseline', ¶2", claim: "SO in the Third Pole 3.2 ± 0.2 °C (SE)", check: stat(g("region", "Third Pole"), "SO", "se", 0.2, 1) },
  { id: "abs-so-ant-mean", where: "Abstract", claim: "SO in Antarctica 1.0 ± 0.2 °C (mean)", check: stat(g("region", "Antarctica"), "SO", "mean", 1.0, 1), hint: "The Results section prints 0.9 for the same statistic (see res-so-ant-mean)." },
  { id: "abs-so-ant-se", where: "Abstract; Results, 'A global baseline', ¶2", claim: "SO in Antarctica 1.0 ± 0.2 °C (SE)", check: stat(g("region", "Antarctica"), "SO", "se", 0.2, 1) },
  { id: "abs-to-arctic-mean", where: "Abstract; Results, 'A global baseline', ¶4", claim: "TO in the Arctic −0.5 ± 0.2 °C (mean)", check: stat(g("region", "Arctic"), "TO", "mean", -0.5, 1), hint: "Borderline rounding: the exact mean lies just beyond the half-unit boundary of the printed value." },
  { id: "abs-to-arctic-se", where: "Abstract; Results, 'A global baseline', ¶4", claim: "TO in the Arctic −0.5 ± 0.2 °C (SE)", check: stat(g("region", "Arctic"), "TO", "se", 0.2, 1) },
  { id: "abs-to-tp-mean", where: "Abstract; Results, 'A global baseline', ¶4", claim: "TO in the Third Pole −0.2 ± 0.1 °C (mean)", check: stat(g("region", "Third Pole"), "TO", "mean", -0.2, 1) },
  { id: "abs-to-tp-se", where: "Abstract; Results, 'A global baseline', ¶4", claim: "TO in the Third Pole −0.2 ± 0.1 °C (SE)", check: stat(g("region", "Third Pole"), "TO", "se", 0.1, 1) },
  { id: "abs-to-ant-mean", where: "Abstract", claim: "TO in Antarctica −0.1 ± 0.1 °C (mean)", check: stat(g("region", "Antarctica"), "TO", "mean", -0.1, 1) },
  { id: "abs-to-ant-se", where: "Abstract; Results, 'A global baseline', ¶5", claim: "TO in Antarctica −0.1 ± 0.1 °C (SE)", check: stat(g("region", "Antarctica"), "TO", "se", 0.1, 1) },
  { id: "res-so-arctic-min", where: "Results, 'A global baseline', ¶1", claim: "Arctic SO ranges from −0.5 …", check: stat(g("region", "Arctic"), "SO", "min", -0.5, 1) },
  { id: "res-so-arctic-max", where: "Results, 'A global baseline', ¶1", claim: "… to 8.4 °C", check: stat(g("region", "Arctic"), "SO", "max", 8.4, 1) },
  { id: "res-so-arctic-cv", where: "Results, 'A global baseline', ¶1", claim: "Arctic SO CV = 0.7", check: stat(g("region", "Arctic"), "SO", "cv", 0.7, 1) },
  { id: "res-so-tp-cv", where: "Results, 'A global baseline', ¶2", claim: "Third Pole SO CV = 0.3", check: stat(g("region", "Third Pole"), "SO", "cv", 0.3, 1) },
  { id: "res-maat-ant-mean", where: "Results, 'A global baseline', ¶2 and ¶5", claim: "Antarctica MAAT −11.1 ± 1.9 °C (mean)", check: stat(g("region", "Antarctica"), "MAAT", "mean", -11.1, 1), hint: "Borderline rounding: the exact mean lies just beyond the half-unit boundary; truncation would give the printed value." },
  { id: "res-maat-ant-se", where: "Results, 'A global baseline', ¶2 and ¶5", claim: "Antarctica MAAT −11.1 ± 1.9 °C (SE)", check: stat(g("region", "Antarctica"), "MAAT", "se", 1.9, 1) },
  { id: "res-magst-ant-mean", where: "Results, 'A global baseline', ¶2", claim: "Antarctica MAGST −10.2 ± 1.9 °C (mean)", check: stat(g("region", "Antarctica"), "MAGST", "mean", -10.2, 1) },
  { id: "res-magst-ant-se", where: "Results, 'A global baseline', ¶2", claim: "Antarctica MAGST −10.2 ± 1.9 °C (SE)", check: stat(g("region", "Antarctica"), "MAGST", "se", 1.9, 1) },
  { id: "res-so-ant-mean", where: "Results, 'A global baseline', ¶2", claim: "Antarctica mean SO 0.9 ± 0.2 °C (mean; the abstract says 1.0)", check: stat(g("region", "Antarctica"), "SO", "mean", 0.9, 1) },
  { id: "res-so-ant-cv", where: "Results, 'A global baseline', ¶2", claim: "Antarctica SO CV = 0.8", check: stat(g("region", "Antarctica"), "SO", "cv", 0.8, 1) },
  { id: "res-maat-lowest-ant", where: "Results, 'A global baseline', ¶2", claim: "Antarctica has the lowest mean MAAT of the three regions", check: { kind: "argExtreme", among: { by: "region", names: REGIONS }, variable: "MAAT", stat: "mean", extreme: "min", printed: "Antarctica" } },
  { id: "res-magst-lowest-ant", where: "Results, 'A global baseline', ¶2", claim: "… and the lowest mean MAGST of the three regions", check: { kind: "argExtreme", among: { by: "region", names: REGIONS }, variable: "MAGST", stat: "mean", extreme: "min", printed: "Antarctica" } },
  { id: "res-so-ant-cv-highest", where: "Results, 'A global baseline', ¶2", claim: "Antarctica's SO is the most variable relative to its mean (CV = 0.8) of the three regions", check: { kind: "argExtreme", among: { by: "region", names: REGIONS }, variable: "SO", stat: "cv", extreme: "max", printed: "Antarctica" } },
  { id: "res-so-alaska-highest", where: "Results, 'A global baseline', ¶3", claim: "The highest regional mean SO in the Arctic is Alaska's", check: { kind: "argExtreme", among: { by: "subRegion", names: ARCTIC_SUBS }, variable: "SO", stat: "mean", extreme: "max", printed: "Alaska" } },
  { id: "res-so-alaska-mean", where: "Results, 'A global baseline', ¶3", claim: "Alaska mean SO 4.6 °C", check: stat(g("subRegion", "Alaska"), "SO", "mean", 4.6, 1) },
  { id: "res-maat-alaska-mean", where: "Results, 'A global baseline', ¶3", claim: "Alaska mean MAAT −7.1 °C", check: stat(g("subRegion", "Alaska"), "MAAT", "mean", -7.1, 1), hint: "The printed value matches Russia's mean MAAT instead (see res-maat-russia-aside): a possible mix-up of sub-regions." },
  { id: "res-maat-russia-aside", where: "Reviewer aside to res-maat-alaska-mean", claim: "(not a paper claim) Russia's mean MAAT, compared with the −7.1 printed for Alaska", check: stat(g("subRegion", "Russia"), "MAAT", "mean", -7.1, 1) },
  { id: "res-magst-alaska-mean", where: "Results, 'A global baseline', ¶3", claim: "Alaska mean MAGST −2.8 °C", check: stat(g("subRegion", "Alaska"), "MAGST", "mean", -2.8, 1) },
  { id: "res-to-arctic-min", where: "Results, 'A global baseline', ¶4", claim: "Arctic TO ranges from −4.2 …", check: stat(g("region", "Arctic"), "TO", "min", -4.2, 1) },
  { id: "res-to-arctic-max", where: "Results, 'A global baseline', ¶4", claim: "… to 2.4 °C", check: stat(g("region", "Arctic"), "TO", "max", 2.4, 1) },
  { id: "res-to-arctic-cv", where: "Results, 'A global baseline', ¶4", claim: "Arctic TO CV = 2.3", check: stat(g("region", "Arctic"), "TO", "cv", 2.3, 1), hint: "The difference is larger than rounding of the CV itself." },
  { id: "res-to-alaska-range", where: "Results, 'A global baseline', ¶4", claim: "Most negative sub-regional TO (−0.6 to −1.0 °C) in continental North America, Russia and Svalbard: Alaska", check: inRange("Alaska") },
  { id: "res-to-canada-range", where: "Results, 'A global baseline', ¶4", claim: "… Canada (mean TO within −0.6 to −1.0 °C)", check: inRange("Canada") },
  { id: "res-to-russia-range", where: "Results, 'A global baseline', ¶4", claim: "… Russia (mean TO within −0.6 to −1.0 °C)", check: inRange("Russia") },
  { id: "res-to-svalbard-range", where: "Results, 'A global baseline', ¶4", claim: "… Svalbard (mean TO within −0.6 to −1.0 °C)", check: inRange("Svalbard") },
  { id: "res-to-tp-min", where: "Results, 'A global baseline', ¶4", claim: "Third Pole TO ranges from −1.5 …", check: stat(g("region", "Third Pole"), "TO", "min", -1.5, 1) },
  { id: "res-to-tp-max", where: "Results, 'A global baseline', ¶4", claim: "… to 2.0 °C", check: stat(g("region", "Third Pole"), "TO", "max", 2.0, 1) },
  { id: "res-to-tp-positive", where: "Results, 'A global baseline', ¶4", claim: "72 % of Third Pole sites have positive TO", check: stat(g("region", "Third Pole"), "TO", "sharePositivePct", 72, 0), hint: "The printed share matches the share of Third Pole sites with TO ≤ 0, negative or zero (see res-to-tp-negative-aside): the text appears to have the sign reversed." },
  { id: "res-to-tp-negative-aside", where: "Reviewer aside to res-to-tp-positive", claim: "(not a paper claim) share of Third Pole sites with TO ≤ 0, compared with the printed 72 %", check: stat(g("region", "Third Pole"), "TO", "shareNonPositivePct", 72, 0) },
  { id: "res-to-ant-mean", where: "Results, 'A global baseline', ¶5", claim: "Antarctica mean TO slightly positive, 0.1 ± 0.1 °C (the abstract says −0.1)", check: stat(g("region", "Antarctica"), "TO", "mean", 0.1, 1), hint: "The abstract prints a negative mean for the same statistic (abs-to-ant-mean), which agrees with the table; the Results sentence has the sign reversed." },
  { id: "res-to-ant-cv", where: "Results, 'A global baseline', ¶5", claim: "Antarctica TO CV = 8.0", check: stat(g("region", "Antarctica"), "TO", "cv", 8.0, 1), hint: "With a mean this close to zero the CV is very sensitive to how the mean is rounded; a CV computed from a rounded mean would differ." },
  { id: "res-to-ant-cv-highest", where: "Results, 'A global baseline', ¶5", claim: "Antarctica has the highest spatial heterogeneity of TO (CV = 8.0) of the three regions (the Methods compute CV within each region)", check: { kind: "argExtreme", among: { by: "region", names: REGIONS }, variable: "TO", stat: "cv", extreme: "max", printed: "Antarctica" } },
  { id: "res-snow-ant", where: "Results, 'A global baseline', ¶5", claim: "Antarctic snow depth 0.03 ± 0.02 m", check: nc("0.03 ± 0.02 m", ERA5) },
  { id: "res-swc-ant", where: "Results, 'A global baseline', ¶5", claim: "Antarctic soil moisture 0.13 ± 0.03 m³/m³", check: nc("0.13 ± 0.03", ERA5) },
  { id: "res-shap-so-precip", where: "Results, 'Surface offset …', ¶1", claim: "Precipitation mean |SHAP| = 0.81 for SO", check: nc("0.81", ERA5) },
  { id: "res-so-chukochya", where: "Results, 'Surface offset …', ¶2", claim: "SO −0.1 °C at Chukochya River", check: site("Chukochya River 14_79", "SO", -0.1, 1), hint: "Table 1 prints MAGST = MAAT for this site, so SO is zero there." },
  { id: "res-so-kevo", where: "Results, 'Surface offset …', ¶3", claim: "SO 0.4 °C at Kevo (Valsjæggl 1)", check: site("Kevo(Valsjeaggl 1)", "SO", 0.4, 1) },
  { id: "res-so-elh", where: "Results, 'Surface offset …', ¶4", claim: "SO 3.1 °C at ELH", check: site("ELH", "SO", 3.1, 1) },
  { id: "res-so-clp2", where: "Results, 'Surface offset …', ¶4", claim: "SO 2.2 °C at CLP2", check: site("CLP2", "SO", 2.2, 1) },
  { id: "res-so-veg-tp", where: "Results, 'Surface offset …', ¶4", claim: "Third Pole SO 3.2 (grassland) vs 2.9 (dwarf shrub) vs 2.5 °C (bare)", check: nc("3.2 / 2.9 / 2.5", VEG) },
  { id: "res-so-clp3", where: "Results, 'Surface offset …', ¶5", claim: "SO 1.3 °C at CLP3", check: site("CLP3", "SO", 1.3, 1) },
  { id: "res-so-zlh", where: "Results, 'Surface offset …', ¶5", claim: "SO 1.2 °C at ZLH1 (Table 1: ZLH)", check: site("ZLH", "SO", 1.2, 1) },
  { id: "res-so-kunlun", where: "Results, 'Surface offset …', ¶5", claim: "SO 5.8 °C at Kunlun Basin", check: site("Kunlun Basin", "SO", 5.8, 1) },
  { id: "res-so-tsh", where: "Results, 'Surface offset …', ¶5", claim: "SO 4.4 °C at TSH", check: site("TSH", "SO", 4.4, 1) },
  { id: "res-so-yangtze", where: "Results, 'Surface offset …', ¶5", claim: "SO ≥ 3.0 °C in the colder, continuous permafrost of the Yangtze River source area", check: nc("≥ 3.0", "needs each Third Pole site's river basin and permafrost zone, which Table 1 does not give") },
  { id: "res-antarctic-interior-cold", where: "Results, 'Surface offset …', ¶6", claim: "Mt. Fleming and Victoria Valley 1 are extremely cold interior sites, near −23.0 °C", check: nc("near −23.0", "names neither the variable nor a tolerance; Table 1 prints MAAT, MAGST and TTOP between −24.0 and −22.7 °C at the two sites") },
  { id: "res-so-fleming", where: "Results, 'Surface offset …', ¶6", claim: "SO 0.5 °C at Mt. Fleming", check: site("Mt. Fleming", "SO", 0.5, 1) },
  { id: "res-so-victoria", where: "Results, 'Surface offset …', ¶6", claim: "SO 0.3 °C at Victoria Valley 1", check: site("Victoria Valley1", "SO", 0.3, 1) },
  { id: "res-so-limnopolar", where: "Results, 'Surface offset …', ¶6", claim: "SO 1.6 °C at Limnopolar Lake", check: site("Limnopolar Lake", "SO", 1.6, 1) },
  { id: "res-so-bullpass-neg", where: "Results, 'Surface offset …', ¶6", claim: "Negative SO at Bull Pass", check: { kind: "siteSign", site: "Bull Pass", variable: "SO", sign: "negative" } },
  { id: "res-so-marble-neg", where: "Results, 'Surface offset …', ¶6", claim: "Negative SO at MarblePoint", check: { kind: "siteSign", site: "MarblePoint", variable: "SO", sign: "negative" } },
  { id: "res-so-rothera-neg", where: "Results, 'Surface offset …', ¶6", claim: "Negative SO at Rothera", check: { kind: "siteSign", site: "Rothera", variable: "SO", sign: "negative" } },
  { id: "res-so-granite", where: "Results, 'Surface offset …', ¶7", claim: "SO 1.6 °C at Granite Harbour", check: site("Granite Harbour", "SO", 1.6, 1) },
  { id: "res-so-lowhead", where: "Results, 'Surface offset …', ¶7", claim: "SO 1.6 °C at Low Head", check: site("Low Head", "SO", 1.6, 1) },
  { id: "res-meta-snow", where: "Results, 'Surface offset …', meta-analysis", claim: "Snow → SO slopes −0.59 [−1.04, −0.15] (vegetated Arctic), −0.45 [−0.64, −0.27] (TP grassland), −1.17 [−2.12, −0.21] (non-vegetated Arctic)", check: nc("−0.59 / −0.45 / −1.17", `${ERA5}; ${VEG}`) },
  { id: "res-to-kashin", where: "Results, 'Thermal offset …'", claim: "TO −0.5 °C at Kashin_01k (peat)", check: site("Kashin_01k", "TO", -0.5, 1) },
  { id: "res-to-tavvavuoma", where: "Results, 'Thermal offset …'", claim: "TO −1.2 °C at Tavvavuoma", check: site("Tavvavuoma", "TO", -1.2, 1) },
  { id: "res-to-nuuk", where: "Results, 'Thermal offset …'", claim: "TO −1.9 °C at 'Nunk' (Table 1: Nuuk)", check: site("Nuuk", "TO", -1.9, 1) },
  { id: "res-to-clyde", where: "Results, 'Thermal offset …'", claim: "TO −0.04 °C at Clyde River", check: site("Clyde River", "TO", -0.04, 1), hint: "Table 1 prints TO to one decimal, so the text's two-decimal value can only be checked to that precision" },
  { id: "res-to-azarova", where: "Results, 'Thermal offset …'", claim: "TO 1.8 °C at Azarova-1", check: site("Azarova-1", "TO", 1.8, 1) },
  { id: "res-alt-nordic-mean", where: "Results, 'Thermal offset …'", claim: "Nordic ALT 350.9 ± 114.4 cm (mean)", check: stat(g("subRegion", "Nordic"), "ALT", "mean", 350.9, 1) },
  { id: "res-alt-nordic-se", where: "Results, 'Thermal offset …'", claim: "Nordic ALT 350.9 ± 114.4 cm (SE)", check: stat(g("subRegion", "Nordic"), "ALT", "se", 114.4, 1) },
  { id: "res-alt-alaska-mean", where: "Results, 'Thermal offset …'", claim: "Alaska ALT 60.0 ± 5.3 cm (mean)", check: stat(g("subRegion", "Alaska"), "ALT", "mean", 60.0, 1) },
  { id: "res-alt-alaska-se", where: "Results, 'Thermal offset …'", claim: "Alaska ALT 60.0 ± 5.3 cm (SE)", check: stat(g("subRegion", "Alaska"), "ALT", "se", 5.3, 1) },
  { id: "res-alt-russia-mean", where: "Results, 'Thermal offset …'", claim: "Russia ALT 78.9 ± 11.4 cm (mean)", check: stat(g("subRegion", "Russia"), "ALT", "mean", 78.9, 1) },
  { id: "res-alt-russia-se", where: "Results, 'Thermal offset …'", claim: "Russia ALT 78.9 ± 11.4 cm (SE)", check: stat(g("subRegion", "Russia"), "ALT", "se", 11.4, 1) },
  { id: "res-shap-to", where: "Results, 'Thermal offset …'", claim: "TO SHAP: snow density 0.14, wind 0.13, albedo 0.12, deep soil moisture 0.07, precipitation 0.03", check: nc("0.14 / 0.13 / 0.12 / 0.07 / 0.03", ERA5) },
  { id: "res-alt-tp-mean", where: "Results, 'Thermal offset …'", claim: "Third Pole ALT 157.7 ± 13.8 cm (mean)", check: stat(g("region", "Third Pole"), "ALT", "mean", 157.7, 1), hint: "ALT is blank for most Third Pole sites in Table 1; the paper must have used ALT values that the table does not print." },
  { id: "res-alt-tp-se", where: "Results, 'Thermal offset …'", claim: "Third Pole ALT 157.7 ± 13.8 cm (SE)", check: stat(g("region", "Third Pole"), "ALT", "se", 13.8, 1), hint: "ALT is blank for most Third Pole sites in Table 1; the paper must have used ALT values that the table does not print." },
  { id: "res-to-tp-sand", where: "Results, 'Thermal offset …'", claim: "47 % of Third Pole sites sandy, mean TO −0.1 °C; clay sites mean TO −0.7 °C", check: nc("47 % / −0.1 / −0.7", SOIL) },
  { id: "res-to-elh", where: "Results, 'Thermal offset …'", claim: "TO 0.7 °C at ELH", check: site("ELH", "TO", 0.7, 1) },
  { id: "res-to-mdx3", where: "Results, 'Thermal offset …'", claim: "TO 0.3 °C at MDX3", check: site("MDX3", "TO", 0.3, 1) },
  { id: "res-to-clp1", where: "Results, 'Thermal offset …'", claim: "TO 0.4 °C at CLP1 …", check: site("CLP1", "TO", 0.4, 1) },
  { id: "res-magst-clp1", where: "Results, 'Thermal offset …'", claim: "… MAGST −2.3 °C …", check: site("CLP1", "MAGST", -2.3, 1) },
  { id: "res-ttop-clp1", where: "Results, 'Thermal offset …'", claim: "… TTOP −1.9 °C", check: site("CLP1", "TTOP", -1.9, 1) },
  { id: "res-to-ant-texture", where: "Results, 'Thermal offset …', Antarctica", claim: "In Antarctica, fine sandy loam within a gravelly matrix makes an order-of-magnitude difference in TO (1.4 °C versus 0.2–0.3 °C)", check: nc("1.4 vs 0.2–0.3", `${SOIL}; the sites are not named (no Antarctic row of Table 1 prints a TO of 1.4 °C)`) },
  { id: "res-alt-ant-mean", where: "Results, 'Thermal offset …'", claim: "Antarctica lowest mean ALT, 41.3 ± 5.5 cm (mean)", check: stat(g("region", "Antarctica"), "ALT", "mean", 41.3, 1) },
  { id: "res-alt-ant-se", where: "Results, 'Thermal offset …'", claim: "Antarctica ALT 41.3 ± 5.5 cm (SE)", check: stat(g("region", "Antarctica"), "ALT", "se", 5.5, 1), hint: "The printed SE matches the SD of the reported values divided by the square root of ALL Antarctic sites (see res-alt-ant-se-aside), i.e. blanks counted in n." },
  { id: "res-alt-ant-se-aside", where: "Reviewer aside to res-alt-ant-se", claim: "(not a paper claim) SD of the reported Antarctic ALT values / √(all 19 Antarctic sites), compared with the printed 5.5", check: stat(g("region", "Antarctica"), "ALT", "seOverAllSites", 5.5, 1) },
  { id: "res-alt-ant-lowest", where: "Results, 'Thermal offset …'", claim: "Antarctica has the lowest mean ALT (among sub-regions)", check: { kind: "argExtreme", among: { by: "subRegion", names: ALL_SUBS }, variable: "ALT", stat: "mean", extreme: "min", printed: "Antarctica" } },
  { id: "res-ttop-fleming", where: "Results, 'Thermal offset …'", claim: "Mt. Fleming TTOP −23.3 °C", check: site("Mt. Fleming", "TTOP", -23.3, 1) },
  { id: "res-magst-fleming", where: "Results, 'Thermal offset …'", claim: "Mt. Fleming MAGST −23.5 °C", check: site("Mt. Fleming", "MAGST", -23.5, 1) },
  { id: "res-alt-fleming", where: "Results, 'Thermal offset …'", claim: "Mt. Fleming ALT 7.7 cm …", check: site("Mt. Fleming", "ALT", 7.7, 1) },
  { id: "res-alt-fleming-thinnest", where: "Results, 'Thermal offset …'", claim: "… the thinnest ALT of all sites", check: { kind: "siteArgMin", variable: "ALT", printed: "Mt. Fleming" } },
  { id: "res-to-fleming", where: "Results, 'Thermal offset …'", claim: "Mt. Fleming TO 0.2 °C", check: site("Mt. Fleming", "TO", 0.2, 1) },
  { id: "res-meta-to", where: "Results, 'Thermal offset …', meta-analysis", claim: "Moisture → TO: overall slope −0.007; gravel TP −0.50; loam Antarctica 0.25", check: nc("−0.007 / −0.50 / 0.25", `${ERA5}; ${SOIL}`) },
  { id: "met-counts", where: "Abstract (117 sites); Methods, 'Study sites'", claim: "117 sites: Alaska 18, Canada 14, Russia 15, Nordic 11, Svalbard 4, Greenland 4, Third Pole 32, Antarctica 19", check: { kind: "siteCount", printed: 117 } },
];

function groupRows(t: Table1, group: ClaimGroup): number[] {
  return table1Rows(t, group.by, group.name);
}

function siteRow(t: Table1, name: string): number {
  const i = t.site.indexOf(name);
  if (i < 0) throw new ArgumentError({ fn: "evaluateClaims", arg: "claims", value: name, expected: `a site of ${t.file}` }, "a claim names a site that is not in the table");
  return i;
}

const roundsTo = roundsToPrinted;
const ROUND_RULE = roundingRule;

function groupStat(t: Table1, group: ClaimGroup, variable: Table1Variable, s: string): { value: number | null; n: number } {
  const rows = groupRows(t, group);
  const x = rows.map((i) => t.values[variable][i] ?? NaN);
  const sum = summarize(x);
  if (s === "sharePositivePct" || s === "shareNonPositivePct") {
    const kept = x.filter((v) => !Number.isNaN(v));
    const hits = kept.filter((v) => (s === "sharePositivePct" ? v > 0 : v <= 0)).length;
    return { value: kept.length === 0 ? null : (100 * hits) / kept.length, n: kept.length };
  }
  if (s === "seOverAllSites") return { value: sum.sd === null ? null : sum.sd / Math.sqrt(rows.length), n: sum.n };
  const value = s === "mean" ? sum.mean : s === "se" ? sum.se : s === "cv" ? sum.cv : s === "min" ? sum.min : s === "max" ? sum.max : null;
  return { value, n: sum.n };
}

/**
 * Recompute every claim of {@link LIU2025_CLAIMS} (or another list) from Table 1.
 * Statistics use the same definitions as the descriptive notebook: mean, SE = SD/√n with
 * SD (n − 1), CV = SD/|mean|; missing ALT values are skipped and n is reported.
 *
 * @param t - Table 1
 * @param claims - the claims to check (default: the full ledger)
 * @returns one result per claim, in order
 * @throws ArgumentError when a claim names a site that is not in the table, `claims` is not an
 *   array, or `t` is not a loaded Table 1 (see {@link checkTable1})
 */
export function evaluateClaims(t: Table1, claims: readonly ClaimSpec[] = LIU2025_CLAIMS): ClaimResult[] {
  checkTable1("evaluateClaims", t, "t");
  const given: unknown = claims;
  if (!Array.isArray(given)) throw new ArgumentError({ fn: "evaluateClaims", arg: "claims", value: claims, expected: "an array of claims (ClaimSpec[])" }, "not an array");
  return claims.map((c): ClaimResult => {
    const r = evaluateOne(t, c);
    if (r.match === false && c.hint !== undefined) r.note = `${r.note}. ${c.hint}`;
    return r;
  });
}

function evaluateOne(t: Table1, c: ClaimSpec): ClaimResult {
    const base = { id: c.id, where: c.where, claim: c.claim };
    const ck = c.check;
    switch (ck.kind) {
      case "notCheckable":
        return { ...base, printed: ck.printed, computed: null, match: null, rule: "not checkable from Table 1", n: null, note: ck.reason };
      case "site": {
        const v = t.values[ck.variable][siteRow(t, ck.site)] ?? NaN;
        const match = roundsTo(v, ck.printed, ck.decimals);
        return { ...base, printed: ck.printed, computed: v, match, rule: `Table 1 cell; ${ROUND_RULE(ck.decimals)}`, n: 1, note: match ? "agrees with Table 1" : `Table 1 prints ${ck.variable} = ${t.values[ck.variable][siteRow(t, ck.site)]} for ${ck.site}` };
      }
      case "siteSign": {
        const v = t.values[ck.variable][siteRow(t, ck.site)] ?? NaN;
        const match = ck.sign === "negative" ? v < 0 : v > 0;
        return { ...base, printed: ck.sign, computed: v, match, rule: `sign of the Table 1 cell`, n: 1, note: match ? "agrees with Table 1" : `Table 1 prints ${ck.variable} = ${v} for ${ck.site}, which is not ${ck.sign}` };
      }
      case "siteArgMin": {
        let best = -1;
        for (let i = 0; i < t.n; i++) {
          const v = t.values[ck.variable][i] ?? NaN;
          if (!Number.isNaN(v) && (best < 0 || v < (t.values[ck.variable][best] ?? NaN))) best = i;
        }
        const name = t.site[best] ?? "";
        return { ...base, printed: ck.printed, computed: name, match: name === ck.printed, rule: `site with the smallest ${ck.variable} among sites that report it`, n: null, note: `minimum ${ck.variable} = ${t.values[ck.variable][best]}` };
      }
      case "argExtreme": {
        let bestName = "";
        let bestVal = NaN;
        for (const name of ck.among.names) {
          const v = groupStat(t, { by: ck.among.by, name }, ck.variable, ck.stat).value;
          if (v === null) continue;
          if (Number.isNaN(bestVal) || (ck.extreme === "max" ? v > bestVal : v < bestVal)) {
            bestVal = v;
            bestName = name;
          }
        }
        return { ...base, printed: ck.printed, computed: bestName, match: bestName === ck.printed, rule: `${ck.extreme} of the ${ck.stat} of ${ck.variable} among ${ck.among.names.join(", ")}`, n: null, note: `${ck.stat} ${ck.variable} of ${bestName}: ${bestVal}` };
      }
      case "statInRange": {
        const { value, n } = groupStat(t, ck.group, ck.variable, ck.stat);
        const match = value === null ? null : value >= ck.low - 0.05 && value <= ck.high + 0.05;
        return { ...base, printed: ck.printed, computed: value, match, rule: `mean within [${ck.low}, ${ck.high}] after rounding to 1 decimal`, n, note: match === true ? "within the printed range" : "outside the printed range" };
      }
      case "siteCount":
        return { ...base, printed: ck.printed, computed: t.n, match: t.n === ck.printed, rule: "number of rows; loadTable1 also checks every region and sub-region count", n: t.n, note: "per-group counts are checked by loadTable1" };
      case "stat": {
        const { value, n } = groupStat(t, ck.group, ck.variable, ck.stat);
        if (value === null) return { ...base, printed: ck.printed, computed: null, match: null, rule: ROUND_RULE(ck.decimals), n, note: "too few values" };
        const match = roundsTo(value, ck.printed, ck.decimals);
        const missing = ck.variable === "ALT" ? ` (ALT reported at ${n} of ${groupRows(t, ck.group).length} sites)` : "";
        return { ...base, printed: ck.printed, computed: value, match, rule: ROUND_RULE(ck.decimals), n, note: (match ? "agrees" : "disagrees") + missing };
      }
    }
}
