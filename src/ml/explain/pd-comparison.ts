/**
 * Partial dependence of a model next to that of a reference model on the same rows (paper 1
 * §2.4.3, Figs 6–7, with the demo world's truth as the reference): both PD/ICE profiles, their
 * ranges, and the correlation of the two PD curves (does the map learn the world's shape?).
 */
import { pearsonR } from "../../stats/correlation";
import { type Matrix } from "../../core/matrix";
import { type ModelLike } from "../../core/model";
import { type PartialDependence, type PartialDependenceOptions, partialDependence } from "./partial-dependence";

/** The summary row of {@link comparePartialDependence} (response units). */
export type PdComparisonSummary = {
  /** Predictor name. */
  predictor: string;
  /** max − min of the model's PD curve (response units). */
  mappedRange: number;
  /** max − min of the reference's PD curve (response units). */
  trueRange: number;
  /** Pearson r of the two PD curves over the grid; null when it is undefined (NaN). */
  shapeR: number | null;
};

/** Both profiles and their summary. */
export interface PdComparison {
  /** The model's PD and ICE curves. */
  pd: PartialDependence;
  /** The reference model's PD and ICE curves (same grid options). */
  reference: PartialDependence;
  /** Ranges and shape correlation. */
  summary: PdComparisonSummary;
}

/**
 * PD/ICE of `model` and of `reference` for one predictor, with the same options, and how they
 * compare: each PD range (max − min, response units, e.g. cm or cm yr⁻¹) and the Pearson r of the
 * two PD curves.
 *
 * @param model - the fitted model (e.g. a forest trained on the mapped ALT)
 * @param reference - the reference model (e.g. the same forest trained on the true ALT)
 * @param x - the rows to average over (e.g. sampled pixels' predictors)
 * @param feature - predictor name or column index
 * @param options - grid, ICE rows, seed and centring, as for {@link partialDependence}
 * @returns both profiles and the summary
 * @throws ArgumentError as {@link partialDependence} does, and as {@link pearsonR} does (e.g. a
 *   constant PD curve: no correlation is defined)
 * @throws EngineError when a model returns the wrong number of predictions
 * @example
 * const { x, y } = friedman1(200, 5, 1, "demo");
 * const a = trainForest(x, y, { ntrees: 20 }), b = trainForest(x, y, { ntrees: 20, seed: 2 });
 * comparePartialDependence(a, b, x, "x3", { gridSize: 5 }).summary.shapeR; // 0.9967 (two seeds agree on the shape)
 */
export function comparePartialDependence(model: ModelLike, reference: ModelLike, x: Matrix, feature: string | number, options: PartialDependenceOptions = {}): PdComparison {
  const pd = partialDependence(model, x, feature, options);
  const ref = partialDependence(reference, x, feature, options);
  const r = pearsonR(pd.pd, ref.pd);
  return { pd, reference: ref, summary: { predictor: pd.feature, mappedRange: pd.pdRange, trueRange: ref.pdRange, shapeR: Number.isNaN(r) ? null : r } };
}
