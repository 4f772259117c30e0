/**
 * permafrost-kit: typed helpers for rerunning Liu et al. 2024 (ERL, active-layer thickness
 * by random forest) and Liu et al. 2025 (npj Clim. Atmos. Sci., surface and thermal
 * offsets) in tslab notebooks. This file is the package's single public entry,
 * grouped by layer: data flows from core and io through data, stats, ml and raster to alt,
 * notebook and plot. Within a layer, files keep the order in which they build on each other.
 */

// --- The error policy, argument checks, the Matrix type and the Model contract (src/core)
export * from "./core/errors";
export * from "./core/checks";
export * from "./core/matrix";
export * from "./core/model";

// --- Project plumbing: paths, profiles, results JSON, the content-hash cache, atomic writes (src/project)
export * from "./project/paths";
export * from "./project/profile";
export * from "./project/results";
export * from "./project/cache";
export * from "./project/atomic";

// --- Seeded randomness (src/random)
export * from "./random/rng";

// --- Reading files: strict CSV, plausibility ranges, site-years, BCG (src/io)
export * from "./io/csv";
export * from "./io/plausibility";
export * from "./io/bcg";
export * from "./io/site-years";

// --- Data sets: paper 2's Table 1 and its derived tables, the demo world, site-year QC and matching, DataFrame bridges (src/data)
export * from "./data/dataframe";
export * from "./data/liu2025/table1";
export * from "./data/liu2025/claims";
export * from "./data/liu2025/sites";
export * from "./data/liu2025/offset-identity";
export * from "./data/liu2025/group-summaries";
export * from "./data/liu2025/predictors";
export * from "./data/liu2025/offset-group-slopes";
export * from "./data/demo-world/spec";
export * from "./data/demo-world/fields";
export * from "./data/demo-world/land-mask";
export * from "./data/demo-world/world";
export * from "./data/demo-world/sites";
export * from "./data/demo-world/files";
export * from "./data/site-years/qc";
export * from "./data/site-years/match";
export * from "./data/friedman1";

// --- Statistics: descriptive, distributions, trends, correlation, PCA, OLS, regression metrics, meta-analysis (src/stats)
export * from "./stats/distributions/gamma";
export * from "./stats/distributions/student-t";
export * from "./stats/descriptive";
export * from "./stats/distributions/incomplete-gamma";
export * from "./stats/distributions/chi-square";
export * from "./stats/distributions/normal";
export * from "./stats/meta/tau2";
export * from "./stats/meta/q-profile";
export * from "./stats/meta/metagen";
export * from "./stats/meta/effect-sizes";
export * from "./stats/pca";
export * from "./stats/ols-simple";
export * from "./stats/meta/group-slopes";
export * from "./stats/regression-metrics";
export * from "./stats/trend/ols-slope";
export * from "./stats/quantile";
export * from "./stats/trend/kendall-tau";
export * from "./stats/trend/mann-kendall";
export * from "./stats/trend/sen-slope";
export * from "./stats/correlation";

// --- Machine learning: the random forest, XGBoost and TreeSHAP, explanation, splits, model JSON (src/ml)
export * from "./ml/xgboost/model";
export * from "./ml/xgboost/parse-binary";
export * from "./ml/xgboost/json-text";
export * from "./ml/xgboost/parse";
export * from "./ml/xgboost/predict";
export * from "./ml/xgboost/treeshap";
export * from "./ml/xgboost/engine";
export * from "./ml/xgboost/train";
export * from "./ml/xgboost/rmse";
export * from "./ml/xgboost/serialise";
export * from "./ml/xgboost/regressor";
export * from "./ml/split";
export * from "./ml/forest/options";
export * from "./ml/forest/binning";
export * from "./ml/forest/tree-store";
export * from "./ml/forest/predict-trees";
export * from "./ml/forest/regression-model";
export * from "./ml/forest/forest";
export * from "./ml/forest/train-forest";
export * from "./ml/forest/folds";
export * from "./ml/forest/ml-random-forest-engine";
export * from "./ml/forest/forest-task";
export * from "./ml/forest/forest-pool";
export * from "./ml/forest/cross-validate";
export * from "./ml/forest/grid-search";
export * from "./ml/forest/ensemble";
export * from "./ml/forest/permutation-importance";
export * from "./ml/model-json";
export * from "./ml/cross-validate-model";
export * from "./ml/explain/partial-dependence";
export * from "./ml/explain/pd-comparison";

// --- Rasters: grids, GeoTIFF I/O, sampling, resampling, stacks, per-pixel statistics (src/raster)
export * from "./raster/grid";
export * from "./raster/raster";
export * from "./raster/geotiff-io";
export * from "./raster/sample-point";
export * from "./raster/resample";
export * from "./raster/stack";
export * from "./raster/tiff-encoder";
export * from "./raster/pixel-trends";
export * from "./raster/replicate-stats";
export * from "./raster/latitude-bins";

// --- Paper 1's active-layer chain: settings, inputs, cached stages and summaries (src/alt)
export * from "./alt/settings";
export * from "./alt/inputs";
export * from "./alt/pixel-matrix";
export * from "./alt/grid-stage";
export * from "./alt/site-grouped-cv-stage";
export * from "./alt/ensemble-maps";
export * from "./alt/uncertainty";
export * from "./alt/trend-summary";
export * from "./alt/band-coverage";
export * from "./alt/latitude-zone";
export * from "./alt/site-trends";
export * from "./alt/fire-response";
export * from "./alt/driver-table";
export * from "./alt/driver-importance";

// --- Notebook helpers: the banner and timings, rich display (src/notebook)
export * from "./notebook/display";
export * from "./notebook/header";
export * from "./notebook/start";

// --- Figures: plotly specs and PNG rendering (src/plot)
export * from "./plot/figure";
export * from "./plot/render-png";
export * from "./plot/show";
export * from "./plot/coastlines";
export * from "./plot/projection";
export * from "./plot/forest-means";
export * from "./plot/thermal-profile";
export * from "./plot/site-map";
export * from "./plot/meta-forest";
export * from "./plot/shap-plots";
export * from "./plot/raster-map";
export * from "./plot/alt-plots";
