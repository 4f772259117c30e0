/**
 * Rasters: grids, GeoTIFF I/O, sampling, resampling, stacks, per-pixel statistics.
 * The `raster` layer of permafrost-kit; the package entry re-exports it flat and as the
 * namespace `kit.raster`.
 */
export * from "./grid";
export * from "./raster";
export * from "./geotiff-io";
export * from "./sample-point";
export * from "./resample";
export * from "./resample-window";
export * from "./stack";
export * from "./tiff-encoder";
export * from "./cog-writer";
export * from "./mosaic";
export * from "./cells-by-window";
export * from "./finite-cells";
export * from "./pixel-trends";
export * from "./replicate-stats";
export * from "./latitude-bins";
export * from "./latitude-bin-accumulator";
export * from "./cell-area";
