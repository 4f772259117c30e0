/**
 * Settings of the paper-1 chain (notebooks 12–16) per run profile. `full` is the paper's
 * (§2.4.1–2.4.2: 108 models × random tenfold CV, the ten best in the ensemble, 100 bootstrap
 * + 100 model-structure replicates); `quick` is a reduced grid and few replicates so that CI
 * runs the whole chain in minutes. Every notebook prints the settings it used.
 */
import { type GridSpec, PAPER_GRID } from "../ml/forest/grid-search";
import { PROFILE_NAMES, type ProfileName, currentProfile } from "../project/profile";
import { checkInteger, checkOneOf } from "../core/checks";
import { DEFAULT_SEED } from "../random/rng";

/** The paper-1 chain's settings. */
export interface AltSettings {
  /** Profile these settings belong to. */
  profile: ProfileName;
  /** Master seed (folds, forests, bootstrap draws, model-structure draws, ICE rows). */
  seed: number;
  /** Hyperparameter grid (paper: nt 50/100/150 × nv 2–10 × no_leaf 2–5). */
  grid: GridSpec;
  /** CV folds (paper: 10). */
  nfolds: number;
  /** Models in the ensemble (paper: 10). */
  topK: number;
  /** Bootstrap replicates (paper: 100). */
  bootstrapReplicates: number;
  /** Share of site-years drawn per bootstrap replicate, with replacement (paper: 0.75). */
  bootstrapShare: number;
  /** Model-structure combinations (paper: 100). */
  structureReplicates: number;
  /** Latitude bin width for Figs 4d/5e, degrees. */
  latitudeBinDeg: number;
  /** Partial-dependence grid points. */
  pdGridSize: number;
  /** ICE curves per predictor. */
  iceCurves: number;
  /** Most pixels used as rows for the driver models and PD averages. */
  driverPixels: number;
  /** Most burned pixels in the fire response, a seeded sample of the domain's burned pixels (paper §2.5: 50,000). */
  firePixels: number;
  /** Fewest site-years for a site-level trend (paper Fig 3d–e: 10). */
  minSiteYears: number;
}

/**
 * The settings for a profile (default: the active one).
 *
 * @param profile - "quick" or "full"
 * @param seed - master seed (default the kit's DEFAULT_SEED), a non-negative safe integer
 * @returns the settings
 * @throws ArgumentError for a profile other than "quick" or "full" (also via `$PERMAFROST_PROFILE`)
 *   or a seed that is not a non-negative integer
 */
export function altSettings(profile: ProfileName = currentProfile(), seed: number = DEFAULT_SEED): AltSettings {
  checkOneOf("altSettings", "profile", profile, PROFILE_NAMES);
  checkInteger("altSettings", "seed", seed, { min: 0, max: Number.MAX_SAFE_INTEGER });
  const full = profile === "full";
  return {
    profile,
    seed,
    grid: full ? PAPER_GRID : { ntrees: [50], mtries: [2, 4, 6, 8, 10], minRows: [2, 3, 5] },
    nfolds: 10,
    topK: full ? 10 : 5,
    bootstrapReplicates: full ? 100 : 8,
    bootstrapShare: 0.75,
    structureReplicates: full ? 100 : 8,
    latitudeBinDeg: full ? 2.5 : 5,
    pdGridSize: full ? 20 : 12,
    iceCurves: full ? 60 : 30,
    driverPixels: full ? 8000 : 2000,
    firePixels: 50000,
    minSiteYears: 10,
  };
}
