/**
 * Pooling of site-year tables from several networks (paper 1 §2.2: "a total of ~3,000 site-years
 * from CALM, ABoVE, ABCflux and Tibetan Plateau compilations"). Each table keeps its `source`
 * tag per row; the pooled table remembers the file of every row (`rowFile`), so the QC and
 * matching ledgers name file and line. A site-year reported by two files is refused, naming
 * both: which one is right is a decision for the user, not a silent first-wins.
 */
import { ArgumentError, DataError } from "../core/errors";
import { isList } from "../core/checks";
import { type SiteYearTable } from "./site-years";

/**
 * Concatenate site-year tables in the order given.
 *
 * @param tables - one table per file (readSiteYears, readCalmWide), at least one
 * @returns the pooled table: `file` lists the files, `rowFile` names each row's file, warnings
 *   of all tables kept
 * @throws ArgumentError for an empty list or an entry that is not a site-year table
 * @throws DataError naming both files and lines when one site and year appear in two files
 * @example
 * const a = siteYearsFromCsv(parseCsv("site,lat,lon,year,alt_cm,source\nA,68.6,-149.6,2005,52,CALM\n", "calm.csv"));
 * const b = siteYearsFromCsv(parseCsv("site,lat,lon,year,alt_cm,source\nB,65.1,-147.5,2005,61,ABoVE\n", "above.csv"));
 * poolSiteYears([a, b]).rowFile; // ['calm.csv', 'above.csv']
 */
export function poolSiteYears(tables: readonly SiteYearTable[]): SiteYearTable {
  const fn = "poolSiteYears";
  if (!isList(tables) || tables.length === 0) throw new ArgumentError({ fn, arg: "tables", value: tables, expected: "at least one site-year table" }, "nothing to pool");
  tables.forEach((t, k) => {
    if ((t as unknown) === null || typeof t !== "object" || !isList(t.site) || typeof t.file !== "string") throw new ArgumentError({ fn, arg: "tables", at: k, value: t, expected: "a site-year table (readSiteYears, readCalmWide)" }, "not a site-year table");
  });
  const n = tables.reduce((a, t) => a + t.site.length, 0);
  const out: SiteYearTable = {
    file: tables.map((t) => t.file).join(" + "),
    site: [], lat: new Float64Array(n), lon: new Float64Array(n), year: new Int32Array(n), altCm: new Float64Array(n),
    source: [], line: new Int32Array(n), rowFile: [], comments: tables.flatMap((t) => t.comments), warnings: tables.flatMap((t) => t.warnings),
  };
  const first = new Map<string, { file: string; line: number }>();
  let r = 0;
  for (const t of tables) {
    for (let i = 0; i < t.site.length; i++, r++) {
      const file = t.rowFile?.[i] ?? t.file;
      const key = `${t.site[i]}|${t.year[i]}`;
      const seen = first.get(key);
      if (seen !== undefined) {
        throw new DataError({ file, line: t.line[i]!, column: "year", value: t.year[i], expected: "each site-year in one file only" }, `site ${t.site[i]} year ${t.year[i]} is also in ${seen.file} line ${seen.line}`);
      }
      first.set(key, { file, line: t.line[i]! });
      out.site.push(t.site[i]!);
      out.lat[r] = t.lat[i]!;
      out.lon[r] = t.lon[i]!;
      out.year[r] = t.year[i]!;
      out.altCm[r] = t.altCm[i]!;
      out.source.push(t.source[i]!);
      out.line[r] = t.line[i]!;
      out.rowFile!.push(file);
    }
  }
  return out;
}
