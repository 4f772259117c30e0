/**
 * How a claims ledger compares a recomputed number with a printed one (papers 1 and 2): the
 * printed value is the computed one rounded to the printed decimals, i.e. |computed − printed| ≤
 * half a unit in the last printed place (with 1e-9 of slack for binary floating point).
 */

/**
 * Whether a computed value rounds to the printed one at the printed number of decimals.
 *
 * @param computed - the recomputed value
 * @param printed - the value as printed in the paper
 * @param decimals - decimals printed (0 for an integer, e.g. a percentage)
 * @returns true when |computed − printed| ≤ ½ · 10^−decimals
 * @example
 * roundsToPrinted(0.1149, 0.11, 2); // true
 * roundsToPrinted(0.1151, 0.11, 2); // false
 */
export function roundsToPrinted(computed: number, printed: number, decimals: number): boolean {
  return Math.abs(computed - printed) <= 0.5 * 10 ** -decimals + 1e-9;
}

/**
 * The rule of {@link roundsToPrinted} in words, for the ledger's `rule` field.
 *
 * @param decimals - decimals printed
 * @returns the rule
 * @example
 * roundingRule(1); // 'computed value rounds to the printed one at 1 decimal (|Δ| ≤ 0.05)'
 */
export function roundingRule(decimals: number): string {
  return `computed value rounds to the printed one at ${decimals} decimal${decimals === 1 ? "" : "s"} (|Δ| ≤ ${0.5 * 10 ** -decimals})`;
}
