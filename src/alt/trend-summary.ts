/**
 * Paper 1's §3.1 trend summary (Liu et al. 2024, ERL 19 014020; Figs 5a–d): the share of pixels
 * whose ALT deepens, the mean trend and its interquartile range, for one set of per-pixel trends
 * (an ensemble map, a low or high quantile map, or the truth), and the same for a whole
 * {@link PixelTrendMaps} result with the Sen and Mann–Kendall columns.
 */
import { ArgumentError } from "../core/errors";
import { checkNumber, isList } from "../core/checks";
import { mean } from "../stats/descriptive";
import { quantiles } from "../stats/quantile";
import { type PixelTrendMaps } from "../raster/pixel-trends";
import { gatherAtCells } from "./pixel-matrix";

/** Summary of per-pixel trends (cm yr⁻¹). */
export interface TrendSummary {
  /** Pixels summarized. */
  n: number;
  /** Share of pixels with a trend > 0 (deepening), 0–1. */
  deepeningShare: number;
  /** Mean trend (cm yr⁻¹). */
  meanTrend: number;
  /** 25 % quantile of the trends (type 7, cm yr⁻¹). */
  iqrLow: number;
  /** 75 % quantile of the trends (type 7, cm yr⁻¹). */
  iqrHigh: number;
}

/**
 * Share deepening, mean and IQR of per-pixel ALT trends (§3.1: "65 % of pixels deepening, mean
 * 0.11 cm yr⁻¹, IQR −0.035…0.204").
 *
 * @param trend - one trend per pixel (cm yr⁻¹), finite, at least one
 * @returns the summary
 * @throws ArgumentError for an empty input or a NaN or ±Infinity trend (index named)
 * @example
 * trendSummary([-1, 1, 2, 2]); // { n: 4, deepeningShare: 0.75, meanTrend: 1, iqrLow: 0.5, iqrHigh: 2 }
 */
export function trendSummary(trend: ArrayLike<number>): TrendSummary {
  if (!(isList(trend) || ArrayBuffer.isView(trend))) throw new ArgumentError({ fn: "trendSummary", arg: "trend", value: trend, expected: "an array or typed array of trends" }, "not an array");
  const a = Array.from(trend);
  const q = quantiles(a, [0.25, 0.75]);
  return { n: a.length, deepeningShare: a.filter((x) => x > 0).length / a.length, meanTrend: mean(a), iqrLow: q[0]!, iqrHigh: q[1]! };
}

/** {@link trendSummary} of a {@link PixelTrendMaps} result, with the Sen and Mann–Kendall shares and the mean ALT. */
export interface PixelTrendSummary {
  /** Pixels summarized. */
  pixels: number;
  /** Share of pixels with an OLS trend > 0, 0–1. */
  deepeningOls: number;
  /** Share of pixels with a Sen's slope > 0, 0–1. */
  deepeningSen: number;
  /** Share of pixels with a Mann–Kendall p below `alpha`, 0–1. */
  significantShare: number;
  /** Mean OLS trend (cm yr⁻¹). */
  meanTrend: number;
  /** 25 % quantile of the OLS trends (cm yr⁻¹). */
  iqrLow: number;
  /** 75 % quantile of the OLS trends (cm yr⁻¹). */
  iqrHigh: number;
  /** Mean of the per-pixel mean ALT (cm). */
  meanAlt: number;
}

/**
 * The §3.1 summary of per-pixel trend maps at the domain's cells: share deepening by OLS and by
 * Sen's slope, share with a Mann–Kendall p below `alpha`, the mean OLS trend with its IQR, and the
 * mean ALT.
 *
 * @param maps - per-pixel maps from {@link pixelTrends} or {@link pixelTrendsFromFile}
 * @param cells - the domain's row-major cell indices
 * @param alpha - significance level of the Mann–Kendall share (default 0.05)
 * @returns the summary
 * @throws ArgumentError for a cell outside the maps, a NaN or ±Infinity trend or mean at a domain
 *   cell (index named), or an alpha outside (0, 1)
 * @example
 * const m = pixelTrends([new Float32Array([1, 2]), new Float32Array([2, 2]), new Float32Array([3, 2])], [2003, 2004, 2005], { minYears: 3 });
 * pixelTrendSummary(m, Int32Array.from([0, 1])).deepeningOls; // 0.5
 */
export function pixelTrendSummary(maps: PixelTrendMaps, cells: Int32Array, alpha = 0.05): PixelTrendSummary {
  const fn = "pixelTrendSummary";
  checkNumber(fn, "alpha", alpha, { min: 0, exclusiveMin: true, max: 1 });
  if (maps === null || typeof maps !== "object") throw new ArgumentError({ fn, arg: "maps", value: maps, expected: "per-pixel maps from pixelTrends" }, "not an object");
  const ols = Array.from(gatherAtCells(maps.ols, cells));
  const sen = Array.from(gatherAtCells(maps.sen, cells));
  const p = Array.from(gatherAtCells(maps.mkP, cells));
  const s = trendSummary(ols);
  return {
    pixels: s.n, deepeningOls: s.deepeningShare, deepeningSen: sen.filter((v) => v > 0).length / sen.length,
    significantShare: p.filter((v) => v < alpha).length / p.length, meanTrend: s.meanTrend, iqrLow: s.iqrLow, iqrHigh: s.iqrHigh,
    meanAlt: mean(Array.from(gatherAtCells(maps.mean, cells))),
  };
}
