/**
 * Pearson and Spearman correlation (paper 1 Fig 3e: site vs map trends; notebook 15: agreement
 * of two importance rankings). Spearman's ρ is Pearson's r of mid-ranks (ties averaged), as
 * R's `cor(method = "spearman")`.
 *
 * Missing values are refused (NaN is an error, with its index). A constant variable has no
 * correlation (R returns NA with a warning); here that is an {@link ArgumentError} naming the
 * variable, never a silent NaN.
 */
import { ArgumentError } from "../core/errors";
import { checkArray, checkSameLength } from "../core/checks";
import { valuesOutOfRange } from "./stat-checks";

const MIN_NORMAL = 2.2250738585072014e-308;

function checkVaries(fn: string, arg: string, x: ArrayLike<number>): void {
  for (let i = 1; i < x.length; i++) if (x[i] !== x[0]) return;
  throw new ArgumentError({ fn, arg, value: x[0], expected: "at least two distinct values" }, `${arg} is constant, so the correlation is undefined`);
}

function pearsonOf(fn: string, x: ArrayLike<number>, y: ArrayLike<number>): number {
  checkVaries(fn, "x", x);
  checkVaries(fn, "y", y);
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  // never a wrong finite r: an overflowed (or underflowed) sum is refused, naming the variable
  if (!(sxx < Infinity && Number.isFinite(mx))) throw valuesOutOfRange(fn, "x", x, "the sum of squared deviations");
  if (!(syy < Infinity && Number.isFinite(my))) throw valuesOutOfRange(fn, "y", y, "the sum of squared deviations");
  const sxxyy = sxx * syy;
  if (!(sxxyy < Infinity && Number.isFinite(sxy))) throw valuesOutOfRange(fn, sxx >= syy ? "x" : "y", sxx >= syy ? x : y, "the product of the sums of squared deviations");
  if (!(sxxyy >= MIN_NORMAL)) throw valuesOutOfRange(fn, sxx <= syy ? "x" : "y", sxx <= syy ? x : y, "the product of the sums of squared deviations", true);
  // clamped to [−1, 1] as R's cor does (cov.c, CLAMP), against rounding just beyond ±1
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxxyy)));
}

function checkPair(fn: string, x: unknown, y: unknown): [ArrayLike<number>, ArrayLike<number>] {
  const a = checkArray(fn, "x", x, { minLength: 2 });
  const b = checkArray(fn, "y", y);
  checkSameLength(fn, "x", a, "y", b);
  return [a, b];
}

/**
 * Pearson's product-moment correlation.
 *
 * @param x - first variable: finite numbers, at least 2
 * @param y - second variable, same length
 * @returns r in [−1, 1]
 * @throws ArgumentError when lengths differ, there are fewer than 2 values, a value is NaN or
 *   ±Infinity (named with its index), either variable is constant (r undefined), or the values
 *   are so large (|x| beyond about 1e150) or so small that the sums of squares overflow or
 *   underflow ("values too large", naming the variable)
 * @example
 * pearsonR([1, 2, 3], [2, 4, 7]); // 0.993
 */
export function pearsonR(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const [a, b] = checkPair("pearsonR", x, y);
  return pearsonOf("pearsonR", a, b);
}

function ranksOf(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]!);
  const r = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && x[order[j]!] === x[order[i]!]) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) r[order[k]!] = rank;
    i = j;
  }
  return r;
}

/**
 * Mid-ranks (1-based; tied values share the mean of their ranks).
 *
 * @param x - finite values (NaN has no rank and is refused)
 * @returns ranks
 * @throws ArgumentError for a non-array or a NaN or ±Infinity value (named with its index)
 * @example
 * midRanks([10, 30, 20, 20]); // Float64Array [1, 4, 2.5, 2.5]
 */
export function midRanks(x: ArrayLike<number>): Float64Array {
  return ranksOf(checkArray("midRanks", "x", x));
}

/**
 * Spearman's rank correlation ρ.
 *
 * @param x - first variable: finite numbers, at least 2
 * @param y - second variable, same length
 * @returns ρ in [−1, 1]
 * @throws ArgumentError when lengths differ, there are fewer than 2 values, a value is NaN or
 *   ±Infinity, or either variable is constant (ρ undefined)
 * @example
 * spearmanRho([1, 2, 3], [2, 4, 70]); // 1
 */
export function spearmanRho(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const [a, b] = checkPair("spearmanRho", x, y);
  return pearsonOf("spearmanRho", ranksOf(a), ranksOf(b));
}
