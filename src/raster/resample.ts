/**
 * Explicit resampling of a raster onto another grid of the same CRS (paper 1 §2.3: "continuous
 * rasters interpolated using bilinear interpolation and discontinuous rasters using nearest
 * neighbor"): each target cell centre is sampled from the source.
 */
import { DataError } from "../core/errors";
import { type Grid, cellCenter } from "./grid";
import { type Raster } from "./raster";
import { type SampleMethod, sampleBilinear, sampleNearest } from "./sample-point";

/**
 * Resample every band of a raster onto `target`.
 *
 * @param r - source raster
 * @param target - target grid (same CRS)
 * @param method - "bilinear" for continuous, "nearest" for categorical variables
 * @param label - name of the source for errors
 * @returns the raster on the target grid (NaN where the source has no data)
 * @throws DataError when the CRS differs (reprojection is not done here)
 */
export function resample(r: Raster, target: Grid, method: SampleMethod, label = "raster"): Raster {
  if (r.grid.crs !== target.crs) throw new DataError({ file: label }, `cannot resample from ${r.grid.crs} to ${target.crs}: reproject it first (e.g. gdalwarp)`);
  const f = method === "nearest" ? sampleNearest : sampleBilinear;
  const bands = r.bands.map((src) => {
    const out = new Float32Array(target.width * target.height);
    for (let row = 0; row < target.height; row++) {
      for (let col = 0; col < target.width; col++) {
        const [x, y] = cellCenter(target, col, row);
        out[row * target.width + col] = f(r.grid, src, x, y);
      }
    }
    return out;
  });
  return { grid: target, bands, bandNames: [...r.bandNames], nodata: r.nodata };
}
