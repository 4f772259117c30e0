/**
 * Notebook helpers: the banner and timings, rich display, progress with an ETA.
 * The `notebook` layer of permafrost-kit; the package entry re-exports it flat and as the
 * namespace `kit.notebook`.
 */
export * from "./display";
export * from "./header";
export * from "./start";
export * from "./progress";
