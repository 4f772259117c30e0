/**
 * Machine learning: the random forest, XGBoost and TreeSHAP, explanation, splits, model JSON.
 * The `ml` layer of permafrost-kit; the package entry re-exports it flat and as the
 * namespace `kit.ml`.
 */
export * from "./xgboost/model";
export * from "./xgboost/parse-binary";
export * from "./xgboost/json-text";
export * from "./xgboost/parse";
export * from "./xgboost/predict";
export * from "./xgboost/treeshap";
export * from "./xgboost/engine";
export * from "./xgboost/train";
export * from "./xgboost/rmse";
export * from "./xgboost/serialise";
export * from "./xgboost/regressor";
export * from "./split";
export * from "./forest/options";
export * from "./forest/binning";
export * from "./forest/tree-store";
export * from "./forest/predict-trees";
export * from "./forest/coded-trees";
export * from "./forest/stacked-walk";
export * from "./forest/regression-model";
export * from "./forest/forest";
export * from "./forest/train-forest";
export * from "./forest/folds";
export * from "./forest/ml-random-forest-engine";
export * from "./forest/forest-task";
export * from "./forest/forest-pool";
export * from "./forest/cross-validate";
export * from "./forest/grid-search";
export * from "./forest/ensemble";
export * from "./forest/permutation-importance";
export * from "./model-json";
export * from "./cross-validate-model";
export * from "./explain/partial-dependence";
export * from "./explain/pd-comparison";
export * from "./export/rpart-text";
export * from "./export/ee-parts";
export * from "./export/ee-scripts";
