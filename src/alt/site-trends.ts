/**
 * Site-level trend agreement (paper 1 §3.1, Fig 3b–e): for every site with at least
 * `minYears` site-years, the OLS trend of the measured ALT and of the mapped ALT at the site's
 * pixel over the same years; the sign table (++, +−, −+, −−, first sign = site measurements,
 * second = map, as the paper's Fig 3d) and the correlation of the two trends (Fig 3e).
 */
import { olsTrend } from "../stats/trend/ols-slope";
import { pearsonR } from "../stats/correlation";

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
  /** Sites with fewer than `minYears` site-years, left out (counted, listed). */
  tooShort: { site: string; n: number }[];
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
 * Compare site and map trends.
 *
 * @param site - site id per site-year
 * @param year - year per site-year
 * @param observed - measured ALT per site-year, cm
 * @param mapped - mapped ALT at the site's pixel in that year, cm
 * @param options - fewest years (paper: 10) and an optional reference value per site-year
 * @returns per-site rows, the sign table, agreement and correlation
 * @throws RangeError when the arrays differ in length or fewer than 3 sites qualify
 */
export function siteTrendAgreement(site: readonly string[], year: ArrayLike<number>, observed: ArrayLike<number>, mapped: ArrayLike<number>,
  options: { minYears?: number; reference?: ArrayLike<number> } = {}): SiteTrendAgreement {
  const n = site.length;
  if (year.length !== n || observed.length !== n || mapped.length !== n) throw new RangeError(`siteTrendAgreement: ${n} sites but ${year.length} years, ${observed.length} observed, ${mapped.length} mapped`);
  const minYears = options.minYears ?? 10;
  const bySite = new Map<string, number[]>();
  site.forEach((s, i) => {
    const g = bySite.get(s);
    if (g === undefined) bySite.set(s, [i]);
    else g.push(i);
  });
  const rows: SiteTrendRow[] = [];
  const tooShort: { site: string; n: number }[] = [];
  for (const [s, idx] of bySite) {
    if (idx.length < minYears) {
      tooShort.push({ site: s, n: idx.length });
      continue;
    }
    const t = idx.map((i) => year[i]!);
    const ref = options.reference;
    rows.push({
      site: s, n: idx.length, from: Math.min(...t), to: Math.max(...t),
      observed: olsTrend(t, idx.map((i) => observed[i]!)).slope,
      mapped: olsTrend(t, idx.map((i) => mapped[i]!)).slope,
      reference: ref === undefined ? null : olsTrend(t, idx.map((i) => ref[i]!)).slope,
    });
  }
  if (rows.length < 3) throw new RangeError(`siteTrendAgreement: only ${rows.length} sites have ≥ ${minYears} site-years; need at least 3`);
  const signs = { "++": 0, "+-": 0, "-+": 0, "--": 0 };
  for (const r of rows) signs[`${sign(r.observed)}${sign(r.mapped)}`]++;
  const obs = rows.map((r) => r.observed);
  const map = rows.map((r) => r.mapped);
  const fit = olsTrend(obs, map);
  return {
    rows, tooShort, signs,
    signAgreement: (signs["++"] + signs["--"]) / rows.length,
    observedDeepening: obs.filter((v) => v > 0).length / rows.length,
    mappedDeepening: map.filter((v) => v > 0).length / rows.length,
    r: pearsonR(obs, map),
    fit: { intercept: fit.intercept, slope: fit.slope },
  };
}
