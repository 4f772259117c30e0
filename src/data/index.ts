/**
 * Data sets: paper 2's Table 1 and its derived tables, the demo world, site-year QC and matching, DataFrame bridges.
 * The `data` layer of permafrost-kit; the package entry re-exports it flat and as the
 * namespace `kit.data`.
 */
export * from "./dataframe";
export * from "./liu2025/table1";
export * from "./claim-rounding";
export * from "./liu2025/claims";
export * from "./liu2025/sites";
export * from "./liu2025/offset-identity";
export * from "./liu2025/group-summaries";
export * from "./liu2025/predictors";
export * from "./liu2025/offset-group-slopes";
export * from "./demo-world/spec";
export * from "./demo-world/fields";
export * from "./demo-world/land-mask";
export * from "./demo-world/cell-noise";
export * from "./demo-world/cell";
export * from "./demo-world/world";
export * from "./demo-world/true-mean-trend";
export * from "./demo-world/sites";
export * from "./demo-world/files";
export * from "./demo-world/export-layout";
export * from "./demo-world/export";
export * from "./demo-world/product-stand-in";
export * from "./site-years/qc";
export * from "./site-years/match";
export * from "./friedman1";
