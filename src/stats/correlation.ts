/**
 * Pearson and Spearman correlation (paper 1 Fig 3e: site vs map trends; notebook 15: agreement
 * of two importance rankings). Spearman's ρ is Pearson's r of mid-ranks (ties averaged), as
 * R's `cor(method = "spearman")`.
 */

/**
 * Pearson's product-moment correlation.
 *
 * @param x - first variable
 * @param y - second variable
 * @returns r in [−1, 1] (NaN when either variable is constant or n < 2)
 * @throws RangeError when lengths differ or a value is NaN
 */
export function pearsonR(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`pearsonR: ${n} x values but ${y.length} y values`);
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(x[i]!) || Number.isNaN(y[i]!)) throw new RangeError(`pearsonR: NaN at index ${i}`);
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
  return n < 2 || sxx === 0 || syy === 0 ? NaN : sxy / Math.sqrt(sxx * syy);
}

/**
 * Mid-ranks (1-based; tied values share the mean of their ranks).
 *
 * @param x - values
 * @returns ranks
 */
export function midRanks(x: ArrayLike<number>): Float64Array {
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
 * Spearman's rank correlation ρ.
 *
 * @param x - first variable
 * @param y - second variable
 * @returns ρ in [−1, 1]
 * @throws RangeError when lengths differ or a value is NaN
 */
export function spearmanRho(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return pearsonR(midRanks(x), midRanks(y));
}
