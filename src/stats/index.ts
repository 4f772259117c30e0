/**
 * Statistics: descriptive, distributions, trends, correlation, PCA, OLS, regression metrics, meta-analysis.
 * The `stats` layer of permafrost-kit; the package entry re-exports it flat and as the
 * namespace `kit.stats`.
 */
export * from "./distributions/gamma";
export * from "./distributions/student-t";
export * from "./descriptive";
export * from "./distributions/incomplete-gamma";
export * from "./distributions/chi-square";
export * from "./distributions/normal";
export * from "./meta/tau2";
export * from "./meta/q-profile";
export * from "./meta/metagen";
export * from "./meta/effect-sizes";
export * from "./pca";
export * from "./ols-simple";
export * from "./meta/group-slopes";
export * from "./regression-metrics";
export * from "./trend/ols-slope";
export * from "./quantile";
export * from "./binned-distribution";
export * from "./trend/kendall-tau";
export * from "./trend/mann-kendall";
export * from "./trend/sen-slope";
export * from "./correlation";
