/**
 * Internal to training and the saved-model reader (./train.ts, ./serialise.ts); the parameter
 * names and the {@link XGBoostParams} type are re-exported by ./train.ts. xgboost's parameter
 * names, its defaults (xgboost's own, not ml-xgboost's, and nrounds 100 as in paper 2's setting,
 * Methods "XGBoost and SHAP analysis") and the checks of their values against the ranges xgboost
 * declares for them, with float32 bounds where xgboost stores a value as float32.
 */
import { checkInteger, checkNumber, checkOneOf, checkOptions } from "../../core/checks";

/**
 * xgboost parameters. The names are xgboost's own (`max_depth`, `min_child_weight`, `nrounds`, …,
 * snake_case as in R and Python xgboost), kept on purpose inside this engine's options so that a
 * setting reads as in the papers and xgboost's documentation; the kit's own options (validation
 * set, early stopping) are separate (TrainOptions, FitXGBoostOptions). Defaults are xgboost's,
 * except where noted.
 */
export interface XGBoostParams {
  /** "reg:squarederror" (default) or its old name "reg:linear". */
  objective?: "reg:squarederror" | "reg:linear";
  /** Learning rate, > 0 (default 0.3; paper 2 uses 0.1). */
  eta?: number;
  /** Maximum depth (default 6; 1 to 64). */
  max_depth?: number;
  /** Minimum hessian in a child (default 1). */
  min_child_weight?: number;
  /** Row subsample per tree, in (0, 1] (default 1; note ml-xgboost's own default is 0.5). */
  subsample?: number;
  /** Column subsample per tree (default 1). */
  colsample_bytree?: number;
  /** L2 regularization (default 1). */
  lambda?: number;
  /** L1 regularization (default 0). */
  alpha?: number;
  /** Minimum loss reduction to split (default 0). */
  gamma?: number;
  /** Global bias (default 0.5). */
  base_score?: number;
  /** Number of boosting rounds, 1 to 100000 (default 100). */
  nrounds?: number;
  /** Seed for subsampling (default 0). */
  seed?: number;
}

/** The parameter names {@link trainXGBoost} accepts. */
export const XGBOOST_PARAM_NAMES: readonly (keyof XGBoostParams)[] = [
  "objective", "eta", "max_depth", "min_child_weight", "subsample", "colsample_bytree", "lambda", "alpha", "gamma", "base_score", "nrounds", "seed",
];

const OBJECTIVES = ["reg:squarederror", "reg:linear"] as const;

/** The largest finite float32 (xgboost stores labels, features and base_score as float32). */
export const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Check the parameters and fill in the defaults (xgboost's, nrounds 100).
 *
 * @param fn - the public function
 * @param arg - the argument path
 * @param params - the parameters
 * @returns the parameters with every default filled in
 */
export function resolveParams(fn: string, arg: string, params: unknown): Required<XGBoostParams> {
  checkOptions(fn, arg, params, XGBOOST_PARAM_NAMES);
  const p = (params ?? {}) as XGBoostParams;
  const num = (k: keyof XGBoostParams, d: number, bounds: Parameters<typeof checkNumber>[3]) => (p[k] === undefined ? d : checkNumber(fn, `${arg}.${k}`, p[k], bounds));
  const int = (k: keyof XGBoostParams, d: number, bounds: Parameters<typeof checkInteger>[3]) => (p[k] === undefined ? d : checkInteger(fn, `${arg}.${k}`, p[k], bounds));
  return {
    objective: p.objective === undefined ? "reg:squarederror" : checkOneOf(fn, `${arg}.objective`, p.objective, OBJECTIVES),
    eta: num("eta", 0.3, { min: 0, exclusiveMin: true }),
    max_depth: int("max_depth", 6, { min: 1, max: 64 }),
    min_child_weight: num("min_child_weight", 1, { min: 0 }),
    subsample: num("subsample", 1, { min: 0, exclusiveMin: true, max: 1 }),
    colsample_bytree: num("colsample_bytree", 1, { min: 0, exclusiveMin: true, max: 1 }),
    lambda: num("lambda", 1, { min: 0 }),
    alpha: num("alpha", 0, { min: 0 }),
    gamma: num("gamma", 0, { min: 0 }),
    base_score: num("base_score", 0.5, { min: -FLOAT32_MAX, max: FLOAT32_MAX }),
    nrounds: int("nrounds", 100, { min: 1, max: 100000 }),
    seed: int("seed", 0, { min: 0, max: 2147483647 }),
  };
}
