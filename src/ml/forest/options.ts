/**
 * Random-forest hyperparameters with the defaults of h2o's DRF (the engine paper 1, §2.4.1,
 * used through the R package h2o): 50 trees, `mtries` = ⌊p/3⌋ for regression, `minRows` 1,
 * `sampleRate` 0.632 without replacement, `maxDepth` 20, `nbins` 20, `nbinsTopLevel` 1024,
 * `minSplitImprovement` 1e-5.
 */
import { ArgumentError } from "../../core/errors";
import { checkInteger, checkNumber, checkOptions } from "../../core/checks";
import { DEFAULT_SEED } from "../../random/rng";

/**
 * Hyperparameters of one forest. The names are h2o DRF's own (`ntrees`, `mtries`, `min_rows` →
 * `minRows`, …; camelCased where h2o uses snake_case), kept on purpose inside this engine's
 * options so that a setting reads as in paper 1 and h2o's documentation.
 */
export interface ForestOptions {
  /** Number of trees (paper grid: 50, 100, 150). Default 50. */
  ntrees?: number;
  /** Features drawn at random as split candidates at EVERY split (paper grid: 2–10). Default −1 = ⌊p/3⌋ (at least 1). */
  mtries?: number;
  /** Fewest in-bag rows allowed in a leaf (paper grid: 2–5). Default 1. */
  minRows?: number;
  /** Share of the training rows each tree sees, drawn per row without replacement. Default 0.632. */
  sampleRate?: number;
  /** Maximum depth of a tree (root = depth 0). Default 20. */
  maxDepth?: number;
  /** Fewest histogram bins per feature at a node. Default 20. */
  nbins?: number;
  /** Histogram bins at the root; halved at each level down to `nbins`. Default 1024. */
  nbinsTopLevel?: number;
  /** A split must reduce the node's squared error by more than this share of it. Default 1e-5. */
  minSplitImprovement?: number;
  /** Seed of the forest's random stream (row sampling and feature draws). Default {@link DEFAULT_SEED}. */
  seed?: number;
  /** Also compute Breiman's out-of-bag permutation importance while training. Default false. */
  oobPermutationImportance?: boolean;
}

/** {@link ForestOptions} with every default filled in and `mtries` resolved for `p` features. */
export interface ResolvedForestOptions {
  /** Number of trees. */
  ntrees: number;
  /** Candidate features per split. */
  mtries: number;
  /** Minimum rows per leaf. */
  minRows: number;
  /** Per-tree row sampling rate (without replacement). */
  sampleRate: number;
  /** Maximum depth. */
  maxDepth: number;
  /** Minimum bins per node histogram. */
  nbins: number;
  /** Bins at the root. */
  nbinsTopLevel: number;
  /** Relative minimum squared-error improvement of a split. */
  minSplitImprovement: number;
  /** Seed. */
  seed: number;
  /** Whether OOB permutation importance is computed. */
  oobPermutationImportance: boolean;
}

/**
 * Upper bounds of the options that size memory or recursion: `ntrees` ≤ 100,000 (a forest's node
 * arrays grow with it), `nbins` and `nbinsTopLevel` ≤ 4,096 (the histograms; the features are
 * coded on 65,534 fine cells, so more bins add nothing), `maxDepth` ≤ 1,000 (trees are grown
 * recursively). Larger values are refused with an ArgumentError rather than failing in an
 * allocation.
 */
export const FOREST_OPTION_LIMITS = { ntrees: 100_000, nbins: 4096, nbinsTopLevel: 4096, maxDepth: 1000 } as const;

/** Every option name {@link ForestOptions} knows (an unknown name is refused, not ignored). */
export const FOREST_OPTION_NAMES: readonly string[] = [
  "ntrees", "mtries", "minRows", "sampleRate", "maxDepth", "nbins", "nbinsTopLevel", "minSplitImprovement", "seed", "oobPermutationImportance",
];

/**
 * Fill h2o DRF defaults and validate the options for a training set with `p` features: known
 * names only, integers where counts are meant, finite values in range (`ntrees` 1…100,000,
 * `mtries` −1 or 1…p, `minRows` ≥ 1, `sampleRate` in (0, 1], `maxDepth` 1…1,000, `nbins`
 * 2…4096, `nbinsTopLevel` 2…4096, `minSplitImprovement` ≥ 0, `seed` a non-negative safe
 * integer; see {@link FOREST_OPTION_LIMITS}).
 *
 * @param options - user options
 * @param p - number of predictor columns
 * @param fn - the public function to name in an error (default "trainForest")
 * @param arg - the argument path of the options (default "options")
 * @returns resolved options
 * @throws ArgumentError for an unknown option name (listing the valid ones) or a bad value (named, with the value and the valid range)
 * @example
 * resolveForestOptions({ ntrees: 10 }, 6).mtries; // 2
 */
export function resolveForestOptions(options: ForestOptions, p: number, fn = "trainForest", arg = "options"): ResolvedForestOptions {
  checkOptions(fn, arg, options, FOREST_OPTION_NAMES);
  const o: ForestOptions = options ?? {};
  const mtriesIn = o.mtries ?? -1;
  const mtries = mtriesIn === -1 ? Math.max(1, Math.floor(p / 3)) : checkInteger(fn, `${arg}.mtries`, mtriesIn, { min: 1, max: p });
  const sampleRate = checkNumber(fn, `${arg}.sampleRate`, o.sampleRate ?? 0.632, { min: 0, exclusiveMin: true, max: 1 });
  const msi = checkNumber(fn, `${arg}.minSplitImprovement`, o.minSplitImprovement ?? 1e-5, { min: 0 });
  const nbins = checkInteger(fn, `${arg}.nbins`, o.nbins ?? 20, { min: 2, max: FOREST_OPTION_LIMITS.nbins });
  const nbinsTopLevel = checkInteger(fn, `${arg}.nbinsTopLevel`, o.nbinsTopLevel ?? 1024, { min: 2, max: FOREST_OPTION_LIMITS.nbinsTopLevel });
  const oob = o.oobPermutationImportance ?? false;
  if (typeof oob !== "boolean") throw new ArgumentError({ fn, arg: `${arg}.oobPermutationImportance`, value: oob, expected: "true or false" }, "not a boolean");
  return {
    ntrees: checkInteger(fn, `${arg}.ntrees`, o.ntrees ?? 50, { min: 1, max: FOREST_OPTION_LIMITS.ntrees }),
    mtries,
    minRows: checkInteger(fn, `${arg}.minRows`, o.minRows ?? 1, { min: 1 }),
    sampleRate,
    maxDepth: checkInteger(fn, `${arg}.maxDepth`, o.maxDepth ?? 20, { min: 1, max: FOREST_OPTION_LIMITS.maxDepth }),
    nbins,
    nbinsTopLevel: Math.max(nbins, nbinsTopLevel),
    minSplitImprovement: msi,
    seed: checkInteger(fn, `${arg}.seed`, o.seed ?? DEFAULT_SEED, { min: 0, max: Number.MAX_SAFE_INTEGER }),
    oobPermutationImportance: oob,
  };
}
