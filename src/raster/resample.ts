/**
 * Explicit resampling of a raster onto another grid of the same CRS (paper 1 §2.3: "continuous
 * rasters interpolated using bilinear interpolation and discontinuous rasters using nearest
 * neighbor"): each target cell centre is sampled from the source.
 */
import { ArgumentError, DataError } from "../core/errors";
import { checkOneOf } from "../core/checks";
import { type Grid, checkGrid } from "./grid";
import { type Raster, MAX_CELLS, checkRaster } from "./raster";
import { type SampleMethod, SAMPLE_METHODS } from "./sample-point";
import { bilinearUnchecked, nearestUnchecked } from "./sample-kernels";

/**
 * Resample every band of a raster onto `target`. Target cells whose centre lies outside the
 * source grid, or next to a missing source cell, are NaN.
 *
 * @param r - source raster
 * @param target - target grid (same CRS)
 * @param method - "bilinear" for continuous, "nearest" for categorical variables
 * @param label - name of the source for errors
 * @returns the raster on the target grid (NaN where the source has no data)
 * @throws ArgumentError for an invalid raster or grid, a target of more than 2³¹ − 1 cells, or an unknown method (listing the valid ones)
 * @throws DataError naming the source when the CRS differs (reprojection is not done here)
 */
export function resampleRaster(r: Raster, target: Grid, method: SampleMethod, label = "raster"): Raster {
  const fn = "resampleRaster";
  checkRaster(fn, "r", r);
  checkGrid(fn, "target", target);
  checkOneOf(fn, "method", method, SAMPLE_METHODS);
  if (typeof label !== "string") throw new ArgumentError({ fn, arg: "label", value: label, expected: "a file name or label" }, "not a string");
  const cells = target.width * target.height;
  if (cells > MAX_CELLS) throw new ArgumentError({ fn, arg: "target", value: `${target.width}×${target.height} = ${cells} cells`, expected: `at most ${MAX_CELLS} cells per band (what a Float32Array can hold)` }, "target grid too large");
  if (r.grid.crs !== target.crs) throw new DataError({ file: label }, `cannot resample from ${r.grid.crs} to ${target.crs}: reproject it first (e.g. gdalwarp)`);
  const f = method === "nearest" ? nearestUnchecked : bilinearUnchecked;
  const bands = r.bands.map((src) => {
    const out = new Float32Array(target.width * target.height);
    for (let row = 0; row < target.height; row++) {
      const y = target.originY - (row + 0.5) * target.resY;
      for (let col = 0; col < target.width; col++) {
        out[row * target.width + col] = f(r.grid, src, target.originX + (col + 0.5) * target.resX, y);
      }
    }
    return out;
  });
  return { grid: target, bands, bandNames: [...r.bandNames], nodata: r.nodata };
}
