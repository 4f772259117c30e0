/**
 * Random-forest hyperparameters with the defaults of h2o's DRF (the engine paper 1, §2.4.1,
 * used through the R package h2o): 50 trees, `mtries` = ⌊p/3⌋ for regression, `minRows` 1,
 * `sampleRate` 0.632 without replacement, `maxDepth` 20, `nbins` 20, `nbinsTopLevel` 1024,
 * `minSplitImprovement` 1e-5.
 */

/** Hyperparameters of one forest (h2o DRF names, camelCased). */
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
  /** Seed of the forest's random stream (row sampling and feature draws). Default 20240117. */
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

function positiveInt(name: string, v: number, min = 1): number {
  if (!Number.isInteger(v) || v < min) throw new RangeError(`forest option ${name} must be an integer ≥ ${min}, got ${v}`);
  return v;
}

/**
 * Fill h2o DRF defaults and validate the options for a training set with `p` features.
 *
 * @param options - user options
 * @param p - number of predictor columns
 * @returns resolved options
 * @throws RangeError for an out-of-range option (named in the message)
 */
export function resolveForestOptions(options: ForestOptions, p: number): ResolvedForestOptions {
  const mtriesIn = options.mtries ?? -1;
  const mtries = mtriesIn === -1 ? Math.max(1, Math.floor(p / 3)) : positiveInt("mtries", mtriesIn);
  if (mtries > p) throw new RangeError(`forest option mtries = ${mtries} exceeds the ${p} predictor columns`);
  const sampleRate = options.sampleRate ?? 0.632;
  if (!(sampleRate > 0 && sampleRate <= 1)) throw new RangeError(`forest option sampleRate must be in (0, 1], got ${sampleRate}`);
  const msi = options.minSplitImprovement ?? 1e-5;
  if (!(msi >= 0)) throw new RangeError(`forest option minSplitImprovement must be ≥ 0, got ${msi}`);
  const nbins = positiveInt("nbins", options.nbins ?? 20, 2);
  const nbinsTopLevel = positiveInt("nbinsTopLevel", options.nbinsTopLevel ?? 1024, 2);
  if (nbinsTopLevel > 4096) throw new RangeError(`forest option nbinsTopLevel must be ≤ 4096, got ${nbinsTopLevel}`);
  return {
    ntrees: positiveInt("ntrees", options.ntrees ?? 50),
    mtries,
    minRows: positiveInt("minRows", options.minRows ?? 1),
    sampleRate,
    maxDepth: positiveInt("maxDepth", options.maxDepth ?? 20, 0),
    nbins,
    nbinsTopLevel: Math.max(nbins, nbinsTopLevel),
    minSplitImprovement: msi,
    seed: options.seed ?? 20240117,
    oobPermutationImportance: options.oobPermutationImportance ?? false,
  };
}
