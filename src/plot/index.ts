/**
 * Figures: plotly specs and PNG rendering.
 * The `plot` layer of permafrost-kit; the package entry re-exports it flat and as the
 * namespace `kit.plot`.
 */
export * from "./figure";
export * from "./render-png";
export * from "./show";
export * from "./coastlines";
export * from "./projection";
export * from "./forest-means";
export * from "./thermal-profile";
export * from "./site-map";
export * from "./meta-forest";
export * from "./shap-plots";
export * from "./raster-map";
export * from "./alt-plots";
