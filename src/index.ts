/**
 * permafrost-kit: typed helpers for rerunning Liu et al. 2024 (ERL, active-layer thickness
 * by random forest) and Liu et al. 2025 (npj Clim. Atmos. Sci., surface and thermal
 * offsets) in tslab notebooks. This file is the package's single public entry.
 *
 * Data flows from core and io through data, stats, ml and raster to alt, notebook and plot; the
 * book layer, which catalogues what the notebooks reproduce, sits on top.
 * Each layer is a namespace a student can browse (`kit.stats.`, then tab), and every name is
 * also re-exported flat (`kit.metagen` is `kit.stats.metagen`). Names are unique across the
 * layers (the compiler refuses two `export *` of one name, and a test checks the union), so the flat surface never hides one layer's name behind another's.
 * The files of each layer are listed, in the order they build on each other, in its
 * `src/<layer>/index.ts`.
 *
 * @example
 * ```ts
 * import * as kit from "permafrost-kit";
 * kit.stats.mean([1, 2, 3]) === kit.mean([1, 2, 3]); // true: the namespace and the flat name are one function
 * ```
 */

/** The error policy, argument checks, the Matrix type and the Model contract (src/core). */
export * as core from "./core/index";
/** Project plumbing: paths, profiles, results JSON, the content-hash cache, atomic writes (src/project). */
export * as project from "./project/index";
/** Seeded randomness: the generator, DEFAULT_SEED and named seed streams (src/random). */
export * as random from "./random/index";
/** Reading files: strict CSV, plausibility ranges, site-years, BCG (src/io). */
export * as io from "./io/index";
/** Data sets: paper 2's Table 1 and derived tables, the demo world, site-year QC and matching, DataFrame bridges (src/data). */
export * as data from "./data/index";
/** Statistics: descriptive, distributions, trends, correlation, PCA, OLS, regression metrics, meta-analysis (src/stats). */
export * as stats from "./stats/index";
/** Machine learning: the random forest, XGBoost and TreeSHAP, explanation, splits, model JSON, CV (src/ml). */
export * as ml from "./ml/index";
/** Rasters: grids, GeoTIFF I/O, sampling, resampling, stacks, per-pixel statistics (src/raster). */
export * as raster from "./raster/index";
/** Paper 1's active-layer chain: settings, inputs, cached stages and summaries (src/alt). */
export * as alt from "./alt/index";
/** Notebook helpers: the banner and timings, rich display (src/notebook). */
export * as notebook from "./notebook/index";
/** Figures: plotly specs and PNG rendering (src/plot). */
export * as plot from "./plot/index";
/** Teaching: exercise self-checks, student versions and the autograder (src/teach). */
export * as teach from "./teach/index";
/** The reviewer's book: executed notebooks as a static site, claims ledgers, the reproduction report (src/book). */
export * as book from "./book/index";

export * from "./core/index";
export * from "./project/index";
export * from "./random/index";
export * from "./io/index";
export * from "./data/index";
export * from "./stats/index";
export * from "./ml/index";
export * from "./raster/index";
export * from "./alt/index";
export * from "./notebook/index";
export * from "./plot/index";
export * from "./teach/index";
export * from "./book/index";
