/**
 * Generic inverse-variance meta-analysis, the equivalent of R meta's `metagen()` used in
 * paper 2 (Methods, "Meta-analysis"): common-effect and random-effects pooling of slopes
 * (Eq. 9), Cochran's Q and I² (Eq. 10), τ² by any of eight estimators with its Q-profile
 * interval, Hartung–Knapp CIs, prediction intervals, and subgroup analysis with a separate
 * τ² per subgroup and the random-effects test for subgroup differences.
 *
 * Result field names follow R (meta/metafor) so outputs compare one to one. Two I² flavours:
 * `I2` (with `lowerI2`/`upperI2`) is the Q-based I² = (Q − df)/Q of Eq. 10 and meta, with the
 * Higgins–Thompson (2002) interval that meta prints; `I2Tau` (with `lowerI2Tau`/`upperI2Tau`)
 * is metafor's τ²-based I² = τ²/(τ² + s²), whose interval is the Q-profile one.
 */
import { ArgumentError, FitError } from "../../core/errors";
import { checkArray, checkOneOf, checkOptions } from "../../core/checks";
import { chiSquareSf } from "../distributions/chi-square";
import { normalQuantile, normalTwoSidedP } from "../distributions/normal";
import { studentTQuantile, studentTTwoSidedP } from "../distributions/student-t";
import { checkLabels, checkLevel } from "../stat-checks";
import { checkTau2Control, estimateTau2Of, qProfileOf, typicalWithinVarianceOf, TAU2_METHODS, type Tau2Control, type Tau2Method } from "./tau2-core";

/** Input: effects and their standard errors, with optional labels and subgroups. */
export interface MetagenInput {
  /** Effect estimates (e.g. regression slopes, Eq. 8). */
  te: ArrayLike<number>;
  /** Standard errors of the effects (> 0). */
  seTE: ArrayLike<number>;
  /** Study labels (default "study 1", …). */
  studyLabels?: readonly string[];
  /** Subgroup of each study (e.g. region). */
  subgroup?: readonly string[];
}

/**
 * Options, named after R meta's arguments (engine-native names, as `ntrees` stays in ForestOptions
 * and `max_depth` in XGBoostParams): `methodTau` is meta's `method.tau`, `methodRandomCi` its
 * `method.random.ci`, `methodPredict` its `method.predict`, `methodTauCi` its `method.tau.ci`,
 * `level` its `level`, so a reader can set the same option in R and here.
 */
export interface MetagenOptions {
  /** τ² estimator (default "REML", as meta ≥ 6). */
  methodTau?: Tau2Method;
  /** CI of the random-effects estimate: "classic" (z) or "HK" (Hartung–Knapp, t with k − 1 df). Default "classic". */
  methodRandomCi?: "classic" | "HK";
  /** Compute a prediction interval (default false). */
  prediction?: boolean;
  /** "HTS": t(k − 2)·√(τ² + SE²_classic) (Higgins, Thompson & Spiegelhalter 2009, meta 6–7 default); "V": t(k − 1)·√(τ² + SE²) with the SE of `methodRandomCi`. */
  methodPredict?: "HTS" | "V";
  /** Confidence level (default 0.95). */
  level?: number;
  /** CI method for τ² and I²Tau: only the Q-profile ("QP") is implemented. */
  methodTauCi?: "QP";
  /** Convergence controls of iterative τ² estimators. */
  control?: Tau2Control;
}

/** Pooled results for one set of studies. */
export interface MetagenCore {
  /** Number of studies. */
  k: number;
  /** Common-effect (inverse-variance) estimate. */
  teCommon: number;
  /** Its standard error. */
  seCommon: number;
  /** z-based CI of the common effect. */
  lowerCommon: number;
  /** z-based CI of the common effect. */
  upperCommon: number;
  /** Random-effects estimate. */
  teRandom: number;
  /** Its standard error (Hartung–Knapp-scaled when methodRandomCi = "HK"). */
  seRandom: number;
  /** Random-effects CI. */
  lowerRandom: number;
  /** Random-effects CI. */
  upperRandom: number;
  /** Two-sided p-value of the random-effects estimate. */
  pvalRandom: number;
  /** The CI method actually used ("classic" when HK is not defined, k = 1). */
  ciMethod: "classic" | "HK";
  /** Between-study variance. */
  tau2: number;
  /** Its standard error (metafor's se.tau2); null for k = 1. */
  seTau2: number | null;
  /** Q-profile CI of τ²; null for k = 1. */
  lowerTau2: number | null;
  /** Q-profile CI of τ²; null for k = 1. */
  upperTau2: number | null;
  /** √τ². */
  tau: number;
  /** Cochran's Q (common-effect weights). */
  Q: number;
  /** k − 1. */
  dfQ: number;
  /** P(χ²(k − 1) > Q); null for k = 1. */
  pvalQ: number | null;
  /** Q-based I² = max(0, (Q − df)/Q), Eq. 10, as a fraction; null for k = 1. */
  I2: number | null;
  /** Higgins–Thompson CI of the Q-based I²; null for k < 2. */
  lowerI2: number | null;
  /** Higgins–Thompson CI of the Q-based I²; null for k < 2. */
  upperI2: number | null;
  /** τ²-based I² = τ²/(τ² + s²) (metafor), fraction; null for k = 1. */
  I2Tau: number | null;
  /** Q-profile CI of I2Tau; null for k = 1. */
  lowerI2Tau: number | null;
  /** Q-profile CI of I2Tau; null for k = 1. */
  upperI2Tau: number | null;
  /** H = √(Q/df); null for k = 1. */
  H: number | null;
  /** Prediction interval; null when not requested or not defined (HTS needs k ≥ 3). */
  lowerPredict: number | null;
  /** Prediction interval; null when not requested or not defined. */
  upperPredict: number | null;
  /** Random-effects weights in percent. */
  weightsRandom: number[];
  /** Common-effect weights in percent. */
  weightsCommon: number[];
  /** Iterations of the τ² estimator. */
  tau2Iterations: number;
}

/** One subgroup's pooled results. */
export interface MetagenSubgroup extends MetagenCore {
  /** Subgroup name. */
  name: string;
  /** Indices (into the input) of the subgroup's studies. */
  studies: number[];
}

/** The full result. */
export interface MetagenResult extends MetagenCore {
  /** Study labels. */
  studyLabels: string[];
  /** Effects, copied from the input. */
  te: number[];
  /** Standard errors, copied from the input. */
  seTE: number[];
  /** Options used (with defaults filled in). */
  options: Required<Omit<MetagenOptions, "control">>;
  /** Subgroup results (separate τ² per subgroup), when `subgroup` was given. */
  subgroups?: MetagenSubgroup[];
  /** Random-effects test for subgroup differences: Σ (θ_g − θ̄)²/SE_g². */
  qBetween?: number;
  /** Number of subgroups − 1. */
  dfBetween?: number;
  /** P(χ²(dfBetween) > qBetween). */
  pvalBetween?: number;
}

function pool(te: number[], seTE: number[], o: Required<Omit<MetagenOptions, "control">>, control: Required<Tau2Control>, where: string): MetagenCore {
  try {
    return poolOf(te, seTE, o, control);
  } catch (e) {
    if (e instanceof FitError) throw new FitError("metagen", o.methodTau, `${where}: ${e.message}`);
    throw e;
  }
}

function poolOf(te: number[], seTE: number[], o: Required<Omit<MetagenOptions, "control">>, control: Required<Tau2Control>): MetagenCore {
  const k = te.length;
  const v = seTE.map((s) => s * s);
  const z = normalQuantile(1 - (1 - o.level) / 2);
  let sw = 0, swy = 0;
  for (let i = 0; i < k; i++) { sw += 1 / v[i]!; swy += te[i]! / v[i]!; }
  const teCommon = swy / sw;
  const seCommon = Math.sqrt(1 / sw);
  let Q = 0;
  for (let i = 0; i < k; i++) Q += (te[i]! - teCommon) ** 2 / v[i]!;
  const dfQ = k - 1;
  const est = estimateTau2Of(te, v, o.methodTau, control);
  const tau2 = est.tau2;
  let swr = 0, swry = 0;
  const wr = v.map((vi) => 1 / (vi + tau2));
  for (let i = 0; i < k; i++) { swr += wr[i]!; swry += wr[i]! * te[i]!; }
  const teRandom = swry / swr;
  const seClassic = Math.sqrt(1 / swr);
  const ciMethod: "classic" | "HK" = o.methodRandomCi === "HK" && k >= 2 ? "HK" : "classic";
  let seRandom = seClassic, lowerRandom: number, upperRandom: number, pvalRandom: number;
  if (ciMethod === "HK") {
    let s2 = 0;
    for (let i = 0; i < k; i++) s2 += wr[i]! * (te[i]! - teRandom) ** 2;
    s2 /= k - 1;
    seRandom = Math.sqrt(s2 / swr);
    const tq = studentTQuantile(1 - (1 - o.level) / 2, k - 1);
    lowerRandom = teRandom - tq * seRandom;
    upperRandom = teRandom + tq * seRandom;
    pvalRandom = seRandom === 0 ? 0 : studentTTwoSidedP(teRandom / seRandom, k - 1);
  } else {
    lowerRandom = teRandom - z * seRandom;
    upperRandom = teRandom + z * seRandom;
    pvalRandom = normalTwoSidedP(teRandom / seRandom);
  }
  let lowerPredict: number | null = null, upperPredict: number | null = null;
  if (o.prediction) {
    if (o.methodPredict === "HTS" && k >= 3) {
      const half = studentTQuantile(1 - (1 - o.level) / 2, k - 2) * Math.sqrt(tau2 + seClassic ** 2);
      lowerPredict = teRandom - half;
      upperPredict = teRandom + half;
    } else if (o.methodPredict === "V" && k >= 2) {
      const half = studentTQuantile(1 - (1 - o.level) / 2, k - 1) * Math.sqrt(tau2 + seRandom ** 2);
      lowerPredict = teRandom - half;
      upperPredict = teRandom + half;
    }
  }
  let I2: number | null = null, lowerI2: number | null = null, upperI2: number | null = null, H: number | null = null;
  let I2Tau: number | null = null, lowerI2Tau: number | null = null, upperI2Tau: number | null = null;
  let lowerTau2: number | null = null, upperTau2: number | null = null, pvalQ: number | null = null;
  if (k >= 2) {
    pvalQ = chiSquareSf(Q, dfQ);
    I2 = Q > 0 ? Math.max(0, (Q - dfQ) / Q) : 0;
    H = Math.sqrt(Q / dfQ);
    // Higgins & Thompson (2002), as meta's isquared(): CI for ln H, then I² = (H² − 1)/H².
    const selogH = Q > k ? (0.5 * (Math.log(Q) - Math.log(k - 1))) / (Math.sqrt(2 * Q) - Math.sqrt(2 * k - 3)) : k > 2 ? Math.sqrt((1 / (2 * (k - 2))) * (1 - 1 / (3 * (k - 2) ** 2))) : NaN;
    if (Number.isFinite(selogH)) {
      const hLow = Math.max(1, Math.exp(Math.log(Math.max(H, 1)) - z * selogH));
      const hUp = Math.max(1, Math.exp(Math.log(Math.max(H, 1)) + z * selogH));
      lowerI2 = (hLow ** 2 - 1) / hLow ** 2;
      upperI2 = (hUp ** 2 - 1) / hUp ** 2;
    }
    const s2 = typicalWithinVarianceOf(v);
    I2Tau = tau2 / (tau2 + s2);
    [lowerTau2, upperTau2] = qProfileOf(te, v, o.level, 1e-13);
    lowerI2Tau = lowerTau2 / (lowerTau2 + s2);
    upperI2Tau = upperTau2 / (upperTau2 + s2);
  }
  return {
    k, teCommon, seCommon, lowerCommon: teCommon - z * seCommon, upperCommon: teCommon + z * seCommon,
    teRandom, seRandom, lowerRandom, upperRandom, pvalRandom, ciMethod,
    tau2, seTau2: k >= 2 ? est.seTau2 : null, lowerTau2, upperTau2, tau: Math.sqrt(tau2),
    Q, dfQ, pvalQ, I2, lowerI2, upperI2, I2Tau, lowerI2Tau, upperI2Tau, H, lowerPredict, upperPredict,
    weightsRandom: wr.map((w) => (100 * w) / swr), weightsCommon: v.map((vi) => (100 / vi) / sw),
    tau2Iterations: est.iterations,
  };
}

const INPUT_KEYS = ["te", "seTE", "studyLabels", "subgroup"] as const;
const OPTION_KEYS = ["methodTau", "methodRandomCi", "prediction", "methodPredict", "level", "methodTauCi", "control"] as const;

/**
 * Random-effects meta-analysis with optional subgroups (R meta's `metagen`).
 *
 * @param input - effects, standard errors, labels, subgroups (`te`, not R's `TE`)
 * @param options - estimator, CI method, prediction interval, level
 * @returns pooled results with R's field names; see {@link MetagenResult}
 * @throws ArgumentError for an unknown input field or option (listing the valid ones), an
 *   unknown estimator or method (listing the valid ones), a level outside (0, 1) (95 is refused
 *   with "did you mean 0.95?"), no studies, mismatched lengths of te, seTE, studyLabels or
 *   subgroup, a NaN or infinite effect or SE, an SE ≤ 0, an SE whose variance or weight 1/SE²
 *   overflows (about SE < 1e-154 or > 1e154), an effect whose te²/SE² overflows (each named with
 *   its index and study),
 *   or a subgroup label that is not a non-empty string; FitError naming the estimator (and the
 *   subgroup) when τ² or its Q-profile interval cannot be computed
 * @example
 * metagen({ te: [0.1, 0.5, 0.9], seTE: [0.1, 0.14, 0.1] }, { methodTau: "DL" }).teRandom; // 0.5
 */
export function metagen(input: MetagenInput, options: MetagenOptions = {}): MetagenResult {
  const fn = "metagen";
  if (input === null || typeof input !== "object") throw new ArgumentError({ fn, arg: "input", value: input, expected: "an object { te, seTE, studyLabels?, subgroup? }" }, "not an object");
  checkOptions(fn, "input", input, INPUT_KEYS);
  checkOptions(fn, "options", options, OPTION_KEYS);
  const o: Required<Omit<MetagenOptions, "control">> = {
    methodTau: options.methodTau === undefined ? "REML" : checkOneOf(fn, "options.methodTau", options.methodTau, TAU2_METHODS),
    methodRandomCi: options.methodRandomCi === undefined ? "classic" : checkOneOf(fn, "options.methodRandomCi", options.methodRandomCi, ["classic", "HK"] as const),
    prediction: options.prediction === undefined ? false : checkOneOf(fn, "options.prediction", options.prediction, [true, false] as const),
    methodPredict: options.methodPredict === undefined ? "HTS" : checkOneOf(fn, "options.methodPredict", options.methodPredict, ["HTS", "V"] as const),
    level: options.level === undefined ? 0.95 : checkLevel(fn, "options.level", options.level),
    methodTauCi: options.methodTauCi === undefined ? "QP" : checkOneOf(fn, "options.methodTauCi", options.methodTauCi, ["QP"] as const),
  };
  const control = checkTau2Control(fn, "options.control", options.control);
  const teIn = checkArray(fn, "input.te", input.te, { minLength: 1 });
  const k = teIn.length;
  const seIn = checkArray(fn, "input.seTE", input.seTE, { length: k, lengthOf: "input.te" });
  const labels = input.studyLabels !== undefined ? [...checkLabels(fn, "input.studyLabels", input.studyLabels, k, "input.te")] : Array.from({ length: k }, (_, i) => `study ${i + 1}`);
  if (input.subgroup !== undefined) checkLabels(fn, "input.subgroup", input.subgroup, k, "input.te");
  const te: number[] = [], se: number[] = [];
  for (let i = 0; i < k; i++) {
    const s = seIn[i]!;
    if (s <= 0) throw new ArgumentError({ fn, arg: "input.seTE", at: i, value: s, expected: "a standard error > 0" }, `study ${JSON.stringify(labels[i])} has a standard error that is not positive`);
    const v = s * s, w = 1 / v;
    if (!(v < Infinity && w < Infinity)) {
      throw new ArgumentError({ fn, arg: "input.seTE", at: i, value: s, expected: "a standard error whose variance seTE² and weight 1/seTE² are finite (about 1e-154 < seTE < 1e154)" }, `study ${JSON.stringify(labels[i])} has a standard error whose weight overflows`);
    }
    if (!(teIn[i]! * teIn[i]! * w < Infinity)) {
      throw new ArgumentError({ fn, arg: "input.te", at: i, value: teIn[i], expected: `an effect whose weighted square te²/seTE² is finite (seTE = ${s}): values too large` }, `study ${JSON.stringify(labels[i])} has an effect too large for its standard error`);
    }
    te.push(teIn[i]!); se.push(s);
  }
  const overall = pool(te, se, o, control, "all studies");
  const result: MetagenResult = { ...overall, studyLabels: labels, te, seTE: se, options: o };
  if (input.subgroup !== undefined) {
    const names = [...new Set(input.subgroup)];
    const subgroups: MetagenSubgroup[] = names.map((name) => {
      const studies = input.subgroup!.flatMap((g, i) => (g === name ? [i] : []));
      const core = pool(studies.map((i) => te[i]!), studies.map((i) => se[i]!), o, control, `subgroup ${JSON.stringify(name)}`);
      return { name, studies, ...core };
    });
    let sw = 0, swy = 0;
    for (const g of subgroups) { sw += 1 / g.seRandom ** 2; swy += g.teRandom / g.seRandom ** 2; }
    const mean = swy / sw;
    let qb = 0;
    for (const g of subgroups) qb += (g.teRandom - mean) ** 2 / g.seRandom ** 2;
    result.subgroups = subgroups;
    result.qBetween = qb;
    result.dfBetween = subgroups.length - 1;
    result.pvalBetween = subgroups.length > 1 ? chiSquareSf(qb, subgroups.length - 1) : 1;
  }
  return result;
}
