/**
 * The kit's representation of a gradient-boosted tree model: a {@link TreeEnsemble} in flat typed
 * arrays (node indices global, trees one after another), as the parsers (./parse-binary.ts,
 * ./parse-json.ts) and the trainer (./train.ts) produce it and prediction (./predict.ts), exact
 * early stopping (./early-stopping.ts) and TreeSHAP (./treeshap.ts, paper 2, Methods "XGBoost
 * and SHAP analysis", Eqs 4–7) use it. It mirrors xgboost's `RegTree` node arrays
 * (`cleft`/`cright`, `sindex` with the default-left bit, `split_cond`/leaf value, `sum_hess`,
 * `loss_chg`) for one output and the gbtree booster.
 *
 * Every model is validated once, when it is parsed (or, for an ensemble built in memory, on its
 * first use): child indices inside their tree, every reachable node reached exactly once from its
 * root (no cycle, no shared child), split features below the feature count, finite thresholds,
 * leaf values and covers. A corrupt file is refused with a DataError naming the label and
 * the byte offset (binary) or the JSON path; a corrupt in-memory ensemble with an
 * ArgumentError.
 */
export type { FeatureRows } from "./validate";

/** A tree ensemble in flat arrays; node indices are global (tree offsets added). */
export interface TreeEnsemble {
  /** Number of features. */
  nFeatures: number;
  /** Global bias (xgboost `base_score`), added to every prediction. */
  baseScore: number;
  /** Number of trees. */
  nTrees: number;
  /** Index of each tree's root node; length nTrees + 1 (the last is the node count). */
  treeStart: Int32Array;
  /** Split feature of each node (−1 for leaves). */
  feature: Int32Array;
  /** Split threshold (float32 value) of each node; a row goes left when x < threshold. */
  threshold: Float32Array;
  /** Left child (global index), −1 for leaves. */
  left: Int32Array;
  /** Right child (global index), −1 for leaves. */
  right: Int32Array;
  /** 1 when missing values go left. */
  defaultLeft: Uint8Array;
  /** Leaf value (float32 value) for leaves; 0 for internal nodes. */
  value: Float64Array;
  /** Cover = sum of hessians of the training rows reaching the node (xgboost `sum_hess`). */
  cover: Float64Array;
  /** Loss reduction of each split (xgboost `gain`), 0 for leaves. */
  gain: Float64Array;
  /** Objective name as stored in the model. */
  objective: string;
}

/**
 * Objectives whose prediction is the margin itself (Σ leaf values + base_score, no link
 * function), the only ones whose predictions and SHAP values this module computes correctly.
 * A classification, count or survival model (binary:logistic, count:poisson, …) is refused.
 */
export const IDENTITY_OBJECTIVES: readonly string[] = ["reg:squarederror", "reg:linear", "reg:pseudohubererror", "reg:absoluteerror"];
