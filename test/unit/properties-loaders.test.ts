/**
 * Property-based tests of the loaders (fast-check): the CSV reader inverts a correct CSV writer
 * (quotes, commas, doubled quotes, CR/LF inside fields, CRLF line ends, a BOM), `numberColumn`
 * refuses every text that does not denote a finite number and reads back every finite double,
 * loading a site-year table does not depend on the order of its rows, and an invisible format
 * character anywhere in a field is refused naming its line, column and code point.
 */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import "../bad-input/fast-check-seed";
import { DataError, numberColumn, parseCsv, siteYearsFromCsv } from "permafrost-kit";

const RUNS = 150;

/** A correct CSV writer: quotes a field when it holds a comma, a quote, CR or LF, or when it is the only (empty) field of a record. */
function writeCsv(header: readonly string[], rows: readonly (readonly string[])[], eol: string, alwaysQuote: boolean): string {
  const field = (s: string, only: boolean) => (alwaysQuote || /[",\r\n]/.test(s) || (only && s === "") ? `"${s.replace(/"/g, '""')}"` : s);
  const rec = (r: readonly string[]) => r.map((s) => field(s, r.length === 1)).join(",");
  return [rec(header), ...rows.map(rec)].join(eol) + eol;
}

// field text: letters, blanks, the CSV metacharacters, a non-ASCII letter and '#'
const cell = fc.string({ unit: fc.constantFrom("a", "b", "Z", "1", " ", ",", '"', "\n", "\r", "\r\n", "é", "#", "-"), maxLength: 8 });
const name = fc.string({ unit: fc.constantFrom("a", "b", "c", "x", "_", "1"), minLength: 1, maxLength: 5 });

describe("property: parseCsv inverts a correct CSV writer", () => {
  it("round-trips header and every field, and reports each record's first line", () => {
    const table = fc
      .uniqueArray(name, { minLength: 1, maxLength: 5 })
      .chain((header) => fc.record({
        header: fc.constant(header),
        rows: fc.array(fc.array(cell, { minLength: header.length, maxLength: header.length }), { maxLength: 8 }),
        eol: fc.constantFrom("\n", "\r\n"),
        alwaysQuote: fc.boolean(),
        bom: fc.boolean(),
      }));
    fc.assert(
      fc.property(table, ({ header, rows, eol, alwaysQuote, bom }) => {
        const text = writeCsv(header, rows, eol, alwaysQuote);
        const t = parseCsv(bom ? `\ufeff${text}` : text, "prop.csv");
        assert.deepEqual(t.header, header);
        assert.deepEqual(t.rows, rows);
        // line of record k = 1 + the line breaks written before it
        let line = 1 + writeCsv(header, [], eol, alwaysQuote).split("\n").length - 1;
        rows.forEach((r, k) => {
          assert.equal(t.lines[k], line);
          line += writeCsv([], [r], eol, alwaysQuote).slice(eol.length).split("\n").length - 1;
        });
      }),
      { numRuns: RUNS },
    );
  });
});

describe("property: numberColumn reads finite numbers only", () => {
  const one = (text: string) => numberColumn(parseCsv(`V\n"${text}"\n`, "n.csv"), "V");

  it("refuses every text that overflows to ±Infinity, naming the line, the column and the text", () => {
    const overflow = fc.tuple(fc.constantFrom("", "+", "-"), fc.integer({ min: 1, max: 9 }), fc.string({ unit: fc.constantFrom("0", "5", "9"), maxLength: 4 }), fc.constantFrom("e", "E", "e+"), fc.integer({ min: 309, max: 99999 }))
      .map(([s, d, frac, e, exp]) => `${s}${d}${frac === "" ? "" : `.${frac}`}${e}${exp}`);
    const longDigits = fc.integer({ min: 310, max: 400 }).map((n) => `1${"0".repeat(n)}`);
    fc.assert(
      fc.property(fc.oneof(overflow, longDigits, fc.constantFrom("Infinity", "-Infinity", "inf", "NaN", "1e999")), (text) => {
        assert.throws(() => one(text), (e: unknown) => e instanceof DataError && e.line === 2 && e.column === "V" && e.message.includes("n.csv line 2, column V") && e.message.includes(text.slice(0, 30)));
      }),
      { numRuns: RUNS },
    );
  });

  it("reads back every finite double written by String(x), exactly", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const y = one(String(x))[0]!;
        assert.ok(Number.isFinite(y));
        assert.ok(Object.is(y, x) || (x === 0 && y === 0), `${x} read back as ${y}`);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("property: loading a site-year table is invariant under row order", () => {
  const row = fc.record({
    site: fc.constantFrom("A", "B", "C", "D"),
    lat: fc.double({ min: -89, max: 89, noNaN: true }),
    lon: fc.double({ min: -180, max: 359, noNaN: true }),
    year: fc.integer({ min: 1950, max: 2040 }),
    alt: fc.double({ min: 0, max: 1200, noNaN: true }),
    source: fc.constantFrom("CALM", "ABoVE", "TP, lit."),
  });
  it("gives the same set of site-years and the same set of warnings for any permutation", () => {
    const input = fc
      .uniqueArray(row, { minLength: 1, maxLength: 12, selector: (r) => `${r.site}|${r.year}` })
      .chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length })));
    const load = (rows: { site: string; lat: number; lon: number; year: number; alt: number; source: string }[]) => {
      const text = ["site,lat,lon,year,alt_cm,source", ...rows.map((r) => [r.site, r.lat, r.lon, r.year, r.alt, `"${r.source}"`].join(","))].join("\n");
      const t = siteYearsFromCsv(parseCsv(text, "perm.csv"));
      const records = t.site.map((s, i) => JSON.stringify([s, t.lat[i], t.lon[i], t.year[i], t.altCm[i], t.source[i]])).sort();
      const warnings = t.warnings.map((w) => JSON.stringify([w.column, w.value, w.range])).sort();
      return { records, warnings };
    };
    fc.assert(
      fc.property(input, ([rows, shuffled]) => {
        assert.deepEqual(load(shuffled), load(rows));
      }),
      { numRuns: RUNS },
    );
  });
});

describe("property: an invisible format character in any field is refused where it is", () => {
  const INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064", "\ufeff"];
  const plain = fc.string({ unit: fc.constantFrom("a", "b", "1", " ", "é", "-"), maxLength: 6 });
  it("names the record's line, the column and the code point, for every position", () => {
    const input = fc
      .integer({ min: 1, max: 4 })
      .chain((ncol) => fc.record({
        rows: fc.array(fc.array(plain, { minLength: ncol, maxLength: ncol }), { minLength: 1, maxLength: 6 }),
        ch: fc.constantFrom(...INVISIBLE),
        where: fc.tuple(fc.nat(), fc.nat({ max: ncol - 1 }), fc.nat({ max: 6 })),
        quote: fc.boolean(),
        eol: fc.constantFrom("\n", "\r\n"),
      }));
    fc.assert(
      fc.property(input, ({ rows, ch, where, quote, eol }) => {
        const header = rows[0]!.map((_, k) => `c${k}`);
        const r = where[0] % rows.length;
        const k = where[1];
        const cellText = rows[r]![k]!;
        const at = Math.min(where[2], cellText.length);
        const bad = rows.map((row) => row.slice());
        bad[r]![k] = cellText.slice(0, at) + ch + cellText.slice(at);
        const text = [header.join(","), ...bad.map((row) => row.map((s) => (quote || s === "" ? `"${s}"` : s)).join(","))].join(eol) + eol;
        const code = `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
        assert.throws(() => parseCsv(text, "inv.csv"), (e: unknown) => e instanceof DataError && e.message.includes(`inv.csv line ${r + 2}, column c${k}`) && e.message.includes(code));
      }),
      { numRuns: RUNS },
    );
  });
});
