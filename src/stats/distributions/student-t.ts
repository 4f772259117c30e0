/**
 * Student t distribution: CDF and quantile, for t-based confidence intervals
 * (paper 2 Fig 2: mean with 95 % CI per sub-region; the meta-analysis' prediction interval).
 * Checked against R's pt()/qt() in test/oracles/descriptive/.
 */
import { ArgumentError, FitError, KitError } from "../../core/errors";
import { incompleteBeta } from "./gamma";
import { gammaQ } from "./incomplete-gamma";
import { invertCdf, invertSf } from "./invert-cdf";
import { checkDf, checkNotNaN, checkProbability } from "../stat-checks";

/**
 * Above this many degrees of freedom the t distribution is computed with R's normal
 * approximation (pt: Φ(t·(1 − 1/(4df)) / √(1 + t²/(2df))), error O(1/df²)), where the incomplete
 * beta function loses accuracy.
 */
const NORMAL_DF = 4e5;

/** Below this p a lower quantile is found from the tail (1 − p would lose p's digits); above, as −q(1 − p). */
const LOWER_TAIL_P = 1e-4;

/**
 * Largest |t| whose tail probability is computed accurately, for df ≥ 1: t² must not overflow
 * (below df = 1 the bound is 1e150·√df, so that df / (df + t²) stays a normal double).
 */
export const STUDENT_T_MAX_QUANTILE = 1e150;

// P(T > |t|) (the upper tail at |t|), accurate for tiny tails; the caller handles ±Infinity.
function tailOf(t: number, df: number): number {
  if (df > NORMAL_DF) {
    if (t === 0) return 0.5;
    const v = 1 / (4 * df);
    const t2 = t * t;
    const z = Number.isFinite(t2) ? (Math.abs(t) * (1 - v)) / Math.sqrt(1 + t2 * 2 * v) : (1 - v) / Math.sqrt(2 * v);
    return 0.5 * gammaQ(0.5, (z * z) / 2);
  }
  return 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

function cdf(t: number, df: number): number {
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = tailOf(t, df);
  return t > 0 ? 1 - tail : tail;
}

// Run an internal computation, reporting a failure of an internal function under the public one.
function named<T>(fn: string, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof KitError && !(e instanceof ArgumentError && e.fn === fn)) throw new FitError(fn, undefined, `numerical failure (${e.message})`);
    throw e;
  }
}

/**
 * P(T ≤ t) for Student's t with `df` degrees of freedom.
 *
 * @param t - the quantile (±Infinity allowed)
 * @param df - degrees of freedom, a finite number > 0 (may be fractional)
 * @returns the probability
 * @throws ArgumentError for df ≤ 0, df infinite, or NaN input
 * @example
 * studentTCdf(0, 5); // 0.5
 */
export function studentTCdf(t: number, df: number): number {
  checkDf("studentTCdf", df);
  checkNotNaN("studentTCdf", "t", t);
  return named("studentTCdf", () => cdf(t, df));
}

/**
 * The p-quantile of Student's t with `df` degrees of freedom (R's `qt(p, df)`), found by
 * bisection on {@link studentTCdf} to full double precision; a lower quantile (p < 0.5) is found
 * from the lower tail itself, for p < 1e-4, so a tiny p (1e-20, 1e-100) keeps its precision. Above 4e5 degrees of
 * freedom the distribution is R's normal approximation (as R's pt).
 *
 * @param p - probability in (0, 1)
 * @param df - degrees of freedom, a finite number > 0
 * @returns the quantile
 * @throws ArgumentError for p outside (0, 1), df ≤ 0, or NaN; and when the quantile is beyond
 *   ±{@link STUDENT_T_MAX_QUANTILE}·min(1, √df) (a df too small, e.g. below about 0.01 for
 *   p = 0.975 or any df below about 1e-10, or a p too close to 0 or 1 for df), where it cannot be
 *   computed accurately
 * @example
 * studentTQuantile(0.975, 10); // 2.228
 */
export function studentTQuantile(p: number, df: number): number {
  const fn = "studentTQuantile";
  checkProbability(fn, "p", p, true);
  checkDf(fn, df);
  if (p === 0.5) return 0;
  const limit = {
    max: Math.min(STUDENT_T_MAX_QUANTILE, STUDENT_T_MAX_QUANTILE * Math.sqrt(df)),
    fail: (): never => {
      throw new ArgumentError({ fn, arg: "df", value: df, expected: `degrees of freedom for which the ${p}-quantile is within ±${STUDENT_T_MAX_QUANTILE}·min(1, √df) (larger df, or p further from 0 and 1)` }, `quantile too large to compute for p = ${p}`);
    },
  };
  return named(fn, () => {
    if (p < LOWER_TAIL_P) return -invertSf((t) => tailOf(t, df), p, limit);
    if (p < 0.5) return -invertCdf((t) => cdf(t, df), 1 - p, 1, fn, limit);
    return invertCdf((t) => cdf(t, df), p, 1, fn, limit);
  });
}

/**
 * Two-sided p-value 2·P(T > |t|) for Student's t, computed without cancellation.
 *
 * @param t - the statistic (±Infinity gives 0)
 * @param df - degrees of freedom, a finite number > 0
 * @returns the p-value
 * @throws ArgumentError for df ≤ 0, df infinite, or NaN
 * @example
 * studentTTwoSidedP(0, 5); // 1
 */
export function studentTTwoSidedP(t: number, df: number): number {
  checkDf("studentTTwoSidedP", df);
  checkNotNaN("studentTTwoSidedP", "t", t);
  if (!Number.isFinite(t)) return 0;
  return named("studentTTwoSidedP", () => 2 * tailOf(t, df));
}
