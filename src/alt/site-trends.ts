/**
 * Site-level trend agreement (paper 1 §3.1, Fig 3b–e): for every site with at least
 * `minYears` site-years, the OLS trend of the measured ALT and of the mapped ALT at the site's
 * pixel over the same years; the sign table (++, +−, −+, −−, first sign = site measurements,
 * second = map, as the paper's Fig 3d) and the correlation of the two trends (Fig 3e).
 */
import { olsTrend } from "../stats/trend/ols-slope";
import { pearsonR } from "../stats/correlation";
import { ArgumentError } from "../core/errors";
import { isList } from "../core/checks";
import { checkArray, checkInteger, checkOptions, checkSameLength } from "../core/checks";

/** One site's trends. */
export interface SiteTrendRow {
  /** Site id. */
  site: string;
  /** Site-years used. */
  n: number;
  /** First and last year. */
  from: number;
  /** Last year. */
  to: number;
  /** Trend of the measurements, cm yr⁻¹. */
  observed: number;
  /** Trend of the map at the site's pixel over the same years, cm yr⁻¹. */
  mapped: number;
  /** Trend of the reference series (e.g. the true ALT of the pixel), cm yr⁻¹, when given. */
  reference: number | null;
}

/** Agreement of site and map trends. */
export interface SiteTrendAgreement {
  /** One row per site with enough years. */
  rows: SiteTrendRow[];
  /** Sites with fewer than `minYears` site-years, left out (listed with their count of site-years). */
  tooShort: { site: string; n: number }[];
  /** How many sites were left out for having fewer than `minYears` site-years (= tooShort.length). */
  skippedSites: number;
  /** Site-years left out because a value was NaN (missing), with the series that were missing. */
  missingSiteYears: { index: number; site: string; year: number; missing: ("observed" | "mapped" | "reference")[] }[];
  /** How many site-years were left out for a NaN value (= missingSiteYears.length). */
  skippedSiteYears: number;
  /** Sign table: "++", "+-", "-+", "--" counts (site sign first). */
  signs: Record<"++" | "+-" | "-+" | "--", number>;
  /** Share of sites whose two trends have the same sign. */
  signAgreement: number;
  /** Share of sites with a deepening measured trend. */
  observedDeepening: number;
  /** Share of sites with a deepening mapped trend. */
  mappedDeepening: number;
  /** Pearson r of mapped vs observed trends. */
  r: number;
  /** OLS fit mapped = a + b·observed (b < 1: the map damps strong trends). */
  fit: { intercept: number; slope: number };
}

function sign(v: number): "+" | "-" {
  return v > 0 ? "+" : "-";
}

/**
 * Compare site and map trends. Skips and counts, the rule of the kit's trend functions:
 * - a site-year whose measured, mapped or reference value is NaN (missing, e.g. a map pixel
 *   without a value that year) is left out of that site's trends — all of them, so the measured
 *   and mapped trends of a site always cover the same years — and listed in `missingSiteYears`
 *   (counted in `skippedSiteYears`); ±Infinity is never a missing value and is refused;
 * - a site with fewer than `minYears` usable site-years is left out of the comparison and listed
 *   in `tooShort` (counted in `skippedSites`).
 *
 * @param site - site id per site-year
 * @param year - year per site-year
 * @param observed - measured ALT per site-year, cm (NaN = missing)
 * @param mapped - mapped ALT at the site's pixel in that year, cm (NaN = missing)
 * @param options - fewest years (paper: 10) and an optional reference value per site-year (NaN =
 *   missing)
 * @returns per-site rows, the sign table, agreement and correlation, and the skipped sites and
 *   site-years
 * @throws ArgumentError when the arrays differ in length, a site id is not a string, a year is not
 *   an integer, a value is ±Infinity, a site repeats a year, an option is unknown or minYears is
 *   below 3, or fewer than 3 sites qualify
 * @throws ArgumentError passed through from olsTrend / pearsonR when the sites' trends are
 *   degenerate: every site has the same measured trend (the fit of mapped on measured trends does
 *   not exist), or either set of trends is constant (r undefined)
 * @example
 * const site = ["A", "A", "A", "B", "B", "B", "C", "C", "C"];
 * const year = [2001, 2002, 2003, 2001, 2002, 2003, 2001, 2002, 2003];
 * const measured = [1, 2, 3, 2, 4, 6, 3, 2, 1]; // trends +1, +2, −1 cm/yr
 * const mappedAt = [1, 2, 3, 1, 3, 5, 2, 3, 4]; // trends +1, +2, +1 cm/yr
 * const a = siteTrendAgreement(site, year, measured, mappedAt, { minYears: 3 });
 * a.signAgreement; // 0.6667 (the share of sites whose measured and mapped trends have the same sign)
 */
export function siteTrendAgreement(site: readonly string[], year: ArrayLike<number>, observed: ArrayLike<number>, mapped: ArrayLike<number>,
  options: { minYears?: number; reference?: ArrayLike<number> } = {}): SiteTrendAgreement {
  const fn = "siteTrendAgreement";
  if (!isList(site)) throw new ArgumentError({ fn, arg: "site", value: site, expected: "an array of site ids" }, "not an array");
  site.forEach((s, i) => {
    if (typeof s !== "string") throw new ArgumentError({ fn, arg: "site", at: i, value: s, expected: "a site id (string)" }, "not a string");
  });
  const n = site.length;
  checkArray(fn, "year", year);
  checkSameLength(fn, "site", site, "year", year);
  for (let i = 0; i < n; i++) checkInteger(fn, `year[${i}]`, year[i]);
  checkArray(fn, "observed", observed, { length: n, lengthOf: "site.length", allowNaN: true });
  checkArray(fn, "mapped", mapped, { length: n, lengthOf: "site.length", allowNaN: true });
  checkOptions(fn, "options", options, ["minYears", "reference"]);
  if (options.reference !== undefined) checkArray(fn, "options.reference", options.reference, { length: n, lengthOf: "site.length", allowNaN: true });
  const minYears = options.minYears ?? 10;
  checkInteger(fn, "options.minYears", minYears, { min: 3 });
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const k = `${site[i]}\u0000${year[i]}`;
    if (seen.has(k)) throw new ArgumentError({ fn, arg: "year", at: i, value: year[i], expected: `one value per site and year (site ${JSON.stringify(site[i])} repeats it)` }, "duplicate site-year");
    seen.add(k);
  }
  const ref = options.reference;
  const missingSiteYears: SiteTrendAgreement["missingSiteYears"] = [];
  const bySite = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const s = site[i]!;
    if (Number.isNaN(observed[i]!) || Number.isNaN(mapped[i]!) || (ref !== undefined && Number.isNaN(ref[i]!))) {
      const missing: ("observed" | "mapped" | "reference")[] = [];
      if (Number.isNaN(observed[i]!)) missing.push("observed");
      if (Number.isNaN(mapped[i]!)) missing.push("mapped");
      if (ref !== undefined && Number.isNaN(ref[i]!)) missing.push("reference");
      missingSiteYears.push({ index: i, site: s, year: year[i]!, missing });
      // the site still exists (it may end up too short); its usable years are collected below
      if (!bySite.has(s)) bySite.set(s, []);
      continue;
    }
    const g = bySite.get(s);
    if (g === undefined) bySite.set(s, [i]);
    else g.push(i);
  }
  const rows: SiteTrendRow[] = [];
  const tooShort: { site: string; n: number }[] = [];
  for (const [s, idx] of bySite) {
    if (idx.length < minYears) {
      tooShort.push({ site: s, n: idx.length });
      continue;
    }
    const t = idx.map((i) => year[i]!);
    rows.push({
      site: s, n: idx.length, from: Math.min(...t), to: Math.max(...t),
      observed: olsTrend(t, idx.map((i) => observed[i]!)).slope,
      mapped: olsTrend(t, idx.map((i) => mapped[i]!)).slope,
      reference: ref === undefined ? null : olsTrend(t, idx.map((i) => ref[i]!)).slope,
    });
  }
  if (rows.length < 3) throw new ArgumentError({ fn, arg: "options.minYears", value: minYears, expected: `a value that leaves at least 3 sites (only ${rows.length} sites have ≥ ${minYears} site-years)` }, `only ${rows.length} sites have ≥ ${minYears} site-years; need at least 3`);
  const signs = { "++": 0, "+-": 0, "-+": 0, "--": 0 };
  for (const r of rows) signs[`${sign(r.observed)}${sign(r.mapped)}`]++;
  const obs = rows.map((r) => r.observed);
  const map = rows.map((r) => r.mapped);
  const fit = olsTrend(obs, map);
  return {
    rows, tooShort, skippedSites: tooShort.length, missingSiteYears, skippedSiteYears: missingSiteYears.length, signs,
    signAgreement: (signs["++"] + signs["--"]) / rows.length,
    observedDeepening: obs.filter((v) => v > 0).length / rows.length,
    mappedDeepening: map.filter((v) => v > 0).length / rows.length,
    r: pearsonR(obs, map),
    fit: { intercept: fit.intercept, slope: fit.slope },
  };
}
