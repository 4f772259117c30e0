/**
 * A fitted random forest of the kit's h2o-DRF engine (paper 1 §2.4.1): compiled trees, the
 * out-of-bag (OOB) predictions of the training frame, impurity importance (h2o's "relative
 * importance": the squared-error reduction summed over every split on a feature) and, when
 * asked for, Breiman's OOB permutation importance. Serialises to plain JSON and back exactly.
 */
import { type Matrix, columnName } from "../../core/matrix";
import { type ResolvedForestOptions } from "./options";
import { leafOf, predictTrees } from "./predict-trees";
import { type RegressionModel } from "./regression-model";
import { type TreeArrays } from "./tree-store";

/** One row of an importance table. */
export interface ImportanceRow {
  /** Predictor name. */
  feature: string;
  /** Raw importance (impurity: response units² summed over splits; permutation: increase in MSE). */
  relative: number;
  /** `relative` divided by the largest value (h2o's "scaled_importance"). */
  scaled: number;
  /** `relative` divided by the sum over features (h2o's "percentage"). */
  percentage: number;
}

/** The JSON form of a {@link Forest} (`Forest.fromJSON(JSON.parse(JSON.stringify(f)))` is exact). */
export interface ForestJSON {
  /** Format tag. */
  format: "permafrost-kit/forest@1";
  /** Engine that grew the trees. */
  engine: string;
  /** Options the forest was trained with. */
  options: ResolvedForestOptions;
  /** Predictor names. */
  featureNames: string[];
  /** Rows in the training frame. */
  nTrainRows: number;
  /** Node arrays as plain numbers. */
  trees: { feature: number[]; threshold: (number | null)[]; child: number[]; naRight: number[]; value: number[]; cover: number[]; roots: number[] };
  /** Impurity importance per feature. */
  impurityImportance: number[];
  /** OOB permutation importance per feature, when computed. */
  oobPermutationImportance: number[] | null;
  /** OOB prediction per training-frame row (null where a row was never out of bag). */
  oobPredictions: (number | null)[];
}

/** What {@link Forest}'s constructor takes. */
export interface ForestParts {
  /** Engine that grew the trees (default "kit-drf"). */
  engine?: string;
  /** Resolved options. */
  options: ResolvedForestOptions;
  /** Predictor names. */
  featureNames: string[];
  /** Rows in the training frame. */
  nTrainRows: number;
  /** Compiled trees. */
  trees: TreeArrays;
  /** Impurity importance per feature. */
  impurityImportance: Float64Array;
  /** OOB permutation importance per feature, or null. */
  oobPermutationImportance: Float64Array | null;
  /** OOB predictions (NaN where never out of bag). */
  oobPredictions: Float64Array;
}

/** A fitted forest: predict, importance, OOB predictions, JSON. */
export class Forest implements RegressionModel {
  /** Engine that grew the trees: "kit-drf" (h2o DRF semantics) or "ml-random-forest". */
  readonly engine: string;
  /** Options used in training. */
  readonly options: ResolvedForestOptions;
  /** Predictor names (from the training matrix's columns). */
  readonly featureNames: readonly string[];
  /** Rows in the training frame. */
  readonly nTrainRows: number;
  /** Compiled trees. */
  readonly trees: TreeArrays;
  /** Impurity importance per feature (response units², summed over all splits of all trees). */
  readonly impurityImportance: Float64Array;
  /** Breiman OOB permutation importance (increase in per-tree OOB MSE), or null when not computed. */
  readonly oobPermutationImportance: Float64Array | null;
  /** OOB prediction per training-frame row; NaN where a row was in every tree's sample. */
  readonly oobPredictions: Float64Array;

  /**
   * @param parts - the fitted pieces (see {@link trainForest})
   */
  constructor(parts: ForestParts) {
    this.engine = parts.engine ?? "kit-drf";
    this.options = parts.options;
    this.featureNames = parts.featureNames;
    this.nTrainRows = parts.nTrainRows;
    this.trees = parts.trees;
    this.impurityImportance = parts.impurityImportance;
    this.oobPermutationImportance = parts.oobPermutationImportance;
    this.oobPredictions = parts.oobPredictions;
  }

  /** Number of trees. */
  get nTrees(): number {
    return this.trees.roots.length;
  }

  /** Number of predictor columns. */
  get nCols(): number {
    return this.featureNames.length;
  }

  /** Total number of nodes over all trees. */
  get nNodes(): number {
    return this.trees.feature.length;
  }

  /**
   * Predict every row: the mean over trees of the leaf means (response units).
   *
   * @param x - predictors with the training columns, in the same order
   * @param trees - optional range of trees `[from, to)` (e.g. to score the first k trees)
   * @returns predictions, one per row
   * @throws RangeError when the column count differs from training
   */
  predict(x: Matrix, trees?: [number, number]): Float64Array {
    if (x.nCols !== this.nCols) throw new RangeError(`Forest.predict: matrix has ${x.nCols} columns, the forest was trained on ${this.nCols} (${this.featureNames.join(", ")})`);
    const out = new Float64Array(x.nRows);
    predictTrees(this.trees, x.data, x.nCols, out, trees?.[0] ?? 0, trees?.[1] ?? this.nTrees);
    return out;
  }

  /**
   * The leaf index reached in each tree by each row (row-major rows × trees); for proximity
   * or debugging.
   *
   * @param x - predictors
   * @returns node indices
   */
  leaves(x: Matrix): Int32Array {
    const nT = this.nTrees;
    const out = new Int32Array(x.nRows * nT);
    for (let i = 0; i < x.nRows; i++) {
      for (let t = 0; t < nT; t++) out[i * nT + t] = leafOf(this.trees, this.trees.roots[t]!, x.data, i * x.nCols);
    }
    return out;
  }

  /**
   * Importance table sorted from most to least important.
   *
   * @param kind - "impurity" (h2o's variable importance, default) or "permutation" (OOB, needs `oobPermutationImportance: true` in training)
   * @returns one row per feature
   * @throws Error when permutation importance was not computed
   */
  importance(kind: "impurity" | "permutation" = "impurity"): ImportanceRow[] {
    const raw = kind === "impurity" ? this.impurityImportance : this.oobPermutationImportance;
    if (raw === null) throw new Error("Forest.importance: train with { oobPermutationImportance: true } for permutation importance, or use permutationImportance(forest, x, y)");
    return importanceTable(this.featureNames, raw);
  }

  /**
   * Plain-JSON form (typed arrays become number arrays; NaN becomes null).
   *
   * @returns the JSON object
   */
  toJSON(): ForestJSON {
    const t = this.trees;
    const nanToNull = (a: Float64Array): (number | null)[] => Array.from(a, (v) => (Number.isFinite(v) ? v : null));
    return {
      format: "permafrost-kit/forest@1",
      engine: this.engine,
      options: this.options,
      featureNames: [...this.featureNames],
      nTrainRows: this.nTrainRows,
      trees: {
        feature: Array.from(t.feature), threshold: nanToNull(t.threshold), child: Array.from(t.child), naRight: Array.from(t.naRight),
        value: Array.from(t.value), cover: Array.from(t.cover), roots: Array.from(t.roots),
      },
      impurityImportance: Array.from(this.impurityImportance),
      oobPermutationImportance: this.oobPermutationImportance === null ? null : Array.from(this.oobPermutationImportance),
      oobPredictions: nanToNull(this.oobPredictions),
    };
  }

  /**
   * The plain parts (typed arrays), e.g. to post the forest to or from a worker thread.
   *
   * @returns the parts; `new Forest(parts)` rebuilds it
   */
  toParts(): ForestParts {
    return {
      engine: this.engine, options: this.options, featureNames: [...this.featureNames], nTrainRows: this.nTrainRows, trees: this.trees,
      impurityImportance: this.impurityImportance, oobPermutationImportance: this.oobPermutationImportance, oobPredictions: this.oobPredictions,
    };
  }

  /**
   * Rebuild a forest from {@link Forest.toJSON} output.
   *
   * @param json - the parsed JSON
   * @returns the forest (predictions identical to the original)
   * @throws Error when the format tag is wrong
   */
  static fromJSON(json: ForestJSON): Forest {
    if (json.format !== "permafrost-kit/forest@1") throw new Error(`Forest.fromJSON: unknown format ${String(json.format)}`);
    const t = json.trees;
    return new Forest({
      engine: json.engine,
      options: json.options,
      featureNames: json.featureNames,
      nTrainRows: json.nTrainRows,
      trees: {
        feature: Int32Array.from(t.feature),
        // a null threshold is the +Infinity of an NA-vs-rest split
        threshold: Float64Array.from(t.threshold, (v) => v ?? Infinity),
        child: Int32Array.from(t.child), naRight: Uint8Array.from(t.naRight), value: Float64Array.from(t.value),
        cover: Int32Array.from(t.cover), roots: Int32Array.from(t.roots),
      },
      impurityImportance: Float64Array.from(json.impurityImportance),
      oobPermutationImportance: json.oobPermutationImportance === null ? null : Float64Array.from(json.oobPermutationImportance),
      oobPredictions: Float64Array.from(json.oobPredictions, (v) => v ?? NaN),
    });
  }
}

/**
 * Build an importance table (sorted, with h2o's scaled and percentage columns).
 *
 * @param names - feature names
 * @param raw - raw importance per feature
 * @returns rows sorted by decreasing importance
 */
export function importanceTable(names: readonly string[], raw: ArrayLike<number>): ImportanceRow[] {
  let max = 0;
  let total = 0;
  for (let j = 0; j < raw.length; j++) {
    max = Math.max(max, raw[j]!);
    total += Math.max(0, raw[j]!);
  }
  const rows: ImportanceRow[] = [];
  for (let j = 0; j < raw.length; j++) {
    const v = raw[j]!;
    rows.push({ feature: names[j] ?? `column ${j}`, relative: v, scaled: max > 0 ? v / max : 0, percentage: total > 0 ? v / total : 0 });
  }
  return rows.sort((a, b) => b.relative - a.relative || a.feature.localeCompare(b.feature));
}

/**
 * Names for a matrix's columns ("column j" where unnamed).
 *
 * @param x - the matrix
 * @returns one name per column
 */
export function featureNamesOf(x: Matrix): string[] {
  return Array.from({ length: x.nCols }, (_, j) => columnName(x, j));
}
