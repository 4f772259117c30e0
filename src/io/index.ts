/**
 * Reading files: strict CSV, plausibility ranges, site-years, BCG.
 * The `io` layer of permafrost-kit; the package entry re-exports it flat and as the
 * namespace `kit.io`.
 */
export * from "./csv";
export * from "./plausibility";
export * from "./bcg";
export * from "./site-years";
export * from "./calm-wide";
export * from "./site-year-pool";
export * from "./alt-product";
