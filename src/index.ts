/**
 * permafrost-kit: typed helpers for rerunning Liu et al. 2024 (ERL, active-layer thickness
 * by random forest) and Liu et al. 2025 (npj Clim. Atmos. Sci., surface and thermal
 * offsets) in tslab notebooks. This file is the package's single public entry.
 */
export * from "./project/paths";
export * from "./project/profile";
export * from "./project/results";
export * from "./random/rng";
export * from "./io/data-error";
export * from "./io/csv";
export * from "./data/dataframe";
export * from "./notebook/display";
export * from "./notebook/header";
export * from "./plot/figure";
export * from "./plot/render-png";
export * from "./plot/show";
export * from "./stats/distributions/gamma";
export * from "./stats/distributions/student-t";
export * from "./stats/descriptive";
export * from "./data/liu2025/table1";
export * from "./data/liu2025/claims";
export * from "./data/liu2025/sites";
export * from "./plot/coastlines";
export * from "./plot/projection";
export * from "./plot/forest-means";
export * from "./plot/thermal-profile";
export * from "./plot/site-map";
export * from "./stats/distributions/incomplete-gamma";
export * from "./stats/distributions/chi-square";
export * from "./stats/distributions/normal";
export * from "./stats/meta/tau2";
export * from "./stats/meta/q-profile";
export * from "./stats/meta/metagen";
export * from "./stats/meta/effect-sizes";
export * from "./stats/pca";
export * from "./stats/ols-simple";
export * from "./plot/meta-forest";
export * from "./data/liu2025/predictors";
export * from "./stats/meta/group-slopes";
export * from "./ml/xgboost/model";
export * from "./ml/xgboost/treeshap";
export * from "./ml/xgboost/engine";
export * from "./ml/xgboost/train";
export * from "./plot/shap-plots";
