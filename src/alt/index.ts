/**
 * Paper 1's active-layer chain: settings, inputs, cached stages and summaries.
 * The `alt` layer of permafrost-kit; the package entry re-exports it flat and as the
 * namespace `kit.alt`.
 */
export * from "./settings";
export * from "./manifest";
export * from "./input-source";
export * from "./inputs";
export * from "./pixel-matrix";
export * from "./grid-stage";
export * from "./site-grouped-cv-stage";
export * from "./ensemble-maps";
export * from "./tiled-maps";
export * from "./tile-jobs";
export * from "./source-matching";
export * from "./uncertainty";
export * from "./trend-summary";
export * from "./band-coverage";
export * from "./latitude-zone";
export * from "./site-trends";
export * from "./fire-response";
export * from "./fire-pixels";
export * from "./tiled-fire";
export * from "./driver-table";
export * from "./driver-importance";
export * from "./tiled-drivers";
export * from "./annual-map-summary";
export * from "./claims-liu2024";
export * from "./ledger-statistics";
export * from "./product-source";
export * from "./tiled-uncertainty";
export * from "./inputs-label";
export * from "./cost-model";
export * from "./earth-engine-export";
export * from "./cost-rates";
