/**
 * A fitted random forest of the kit's h2o-DRF engine (paper 1 §2.4.1): compiled trees, the
 * out-of-bag (OOB) predictions of the training frame, impurity importance (h2o's "relative
 * importance": the squared-error reduction summed over every split on a feature) and, when
 * asked for, Breiman's OOB permutation importance. Serialises to plain JSON and back exactly.
 */
import { checkArray, checkInteger, checkOneOf } from "../../core/checks";
import { ArgumentError, DataError } from "../../core/errors";
import { type Matrix, columnName, defaultColumnName } from "../../core/matrix";
import { type ResolvedForestOptions, resolveForestOptions } from "./options";
import { leafOf, predictTrees, worthCoding } from "./predict-trees";
import { type CodedTrees, compileCodedTrees } from "./coded-trees";
import { predictStacked } from "./stacked-walk";
import { type Model, checkModelMatrix } from "../../core/model";
import { type TreeArrays } from "./tree-store";

/**
 * The largest magnitude of a response value (and so of a node value or an OOB prediction) the
 * forest accepts: 1e150, so that squares (1e300) and their sums over the rows of a node still fit
 * a double. Larger values would overflow to Infinity in the split search or in the mean over
 * trees; rescale the response first (e.g. to other units).
 */
export const MAX_RESPONSE_MAGNITUDE = 1e150;

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
export class Forest implements Model {
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
   * @param parts - the fitted pieces as {@link trainForest} or a worker makes them (trusted:
   *   only their shape is checked here; load untrusted data with {@link Forest.fromJSON}, which
   *   validates every node)
   * @throws ArgumentError when the parts lack predictor names or trees, or the per-feature and per-node arrays do not match
   */
  constructor(parts: ForestParts) {
    const fn = "Forest";
    if (parts === null || typeof parts !== "object") throw new ArgumentError({ fn, arg: "parts", value: parts, expected: "the parts of a fitted forest" }, "not forest parts");
    const p = Array.isArray(parts.featureNames) ? parts.featureNames.length : 0;
    if (p === 0) throw new ArgumentError({ fn, arg: "parts.featureNames", value: parts.featureNames, expected: "one name per predictor" }, "no predictor names");
    const t = parts.trees;
    if (t?.roots === undefined || t.roots.length === 0) throw new ArgumentError({ fn, arg: "parts.trees.roots", value: t?.roots, expected: "at least one tree" }, "no trees");
    for (const key of ["threshold", "child", "naRight", "value", "cover"] as const) {
      if (t[key]?.length !== t.feature.length) throw new ArgumentError({ fn, arg: `parts.trees.${key}`, value: t[key]?.length, expected: `${t.feature.length} entries, one per node` }, "wrong length");
    }
    if (parts.impurityImportance?.length !== p) throw new ArgumentError({ fn, arg: "parts.impurityImportance", value: parts.impurityImportance?.length, expected: `${p} values, one per predictor` }, "wrong length");
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
   * @throws ArgumentError when `x` is not a well-formed Matrix, its column count differs from training, its column names (when both sides have names) differ, or the tree range is bad
   * @example
   * const { x, y } = friedman1(100, 5, 1, "demo");
   * const forest = trainForest(x, y, { ntrees: 10, seed: 1 });
   * forest.predict(makeMatrix(x.data.subarray(0, 10), 5, [...x.columns])); // Float64Array [12.24, 12.45] (the first two rows)
   * forest.predict(x, [0, 1])[0]; // 12.95 (tree 0 alone)
   */
  predict(x: Matrix, trees?: [number, number]): Float64Array {
    checkModelMatrix("Forest.predict", "x", x, this.featureNames);
    let from = 0;
    let to = this.nTrees;
    if (trees !== undefined) {
      const fn = "Forest.predict";
      if (!Array.isArray(trees) || trees.length !== 2) throw new ArgumentError({ fn, arg: "trees", value: trees, expected: "a range [from, to)" }, "not a range");
      from = checkInteger(fn, "trees[0]", trees[0], { min: 0, max: this.nTrees - 1 });
      to = checkInteger(fn, "trees[1]", trees[1], { min: from + 1, max: this.nTrees });
    }
    const out = new Float64Array(x.nRows);
    predictTrees(this.trees, x.data, x.nCols, out, from, to, codedTreesFor(this, x.nRows));
    return out;
  }

  /**
   * The leaf index reached in each tree by each row (row-major rows × trees); for proximity
   * or debugging.
   *
   * @param x - predictors with the training columns, in the same order
   * @returns node indices
   * @throws ArgumentError when `x` is not a well-formed Matrix or its columns differ from training
   * @example
   * const { x, y } = friedman1(100, 5, 1, "demo");
   * const forest = trainForest(x, y, { ntrees: 10, seed: 1 });
   * forest.leaves(x).length; // 1000 (100 rows × 10 trees)
   */
  leaves(x: Matrix): Int32Array {
    checkModelMatrix("Forest.leaves", "x", x, this.featureNames);
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
   * @throws ArgumentError for an unknown kind, or "permutation" when it was not computed
   * @example
   * const { x, y } = friedman1(100, 5, 1, "demo");
   * const forest = trainForest(x, y, { ntrees: 10, seed: 1 });
   * forest.importance().map((r) => r.feature); // ['x3', 'x0', 'x2', 'x4', 'x1']
   */
  importance(kind: "impurity" | "permutation" = "impurity"): ImportanceRow[] {
    checkOneOf("Forest.importance", "kind", kind, ["impurity", "permutation"] as const);
    const raw = kind === "impurity" ? this.impurityImportance : this.oobPermutationImportance;
    if (raw === null) {
      throw new ArgumentError({ fn: "Forest.importance", arg: "kind", value: kind, expected: "\"impurity\", or train with { oobPermutationImportance: true } (or use permutationImportance(forest, x, y))" }, "permutation importance was not computed for this forest");
    }
    return importanceTable(this.featureNames, raw);
  }

  /**
   * Plain-JSON form (typed arrays become number arrays; NaN becomes null).
   *
   * @returns the JSON object
   * @example
   * const { x, y } = friedman1(100, 5, 1, "demo");
   * const forest = trainForest(x, y, { ntrees: 10, seed: 1 });
   * JSON.stringify(forest.toJSON()).startsWith('{"format":"permafrost-kit/forest@1"'); // true
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
   * @example
   * const { x, y } = friedman1(100, 5, 1, "demo");
   * const forest = trainForest(x, y, { ntrees: 10, seed: 1 });
   * new Forest(forest.toParts()).predict(x)[0] === forest.predict(x)[0]; // true
   */
  toParts(): ForestParts {
    return {
      engine: this.engine, options: this.options, featureNames: [...this.featureNames], nTrainRows: this.nTrainRows, trees: this.trees,
      impurityImportance: this.impurityImportance, oobPermutationImportance: this.oobPermutationImportance, oobPredictions: this.oobPredictions,
    };
  }

  /**
   * Rebuild a forest from {@link Forest.toJSON} output, validating it once: the format tag, the
   * options, unique predictor names, array lengths, roots (the first at node 0, increasing: tree
   * q owns the nodes from its root up to the next root), every node's feature (< the number of
   * predictors) and children (after their parent and inside their own tree's node range, so no
   * cycles and no tree reaching into another), node values and OOB predictions finite and at most
   * {@link MAX_RESPONSE_MAGNITUDE} in magnitude, importances finite (impurity importance ≥ 0).
   *
   * @param json - the parsed JSON
   * @param source - the file it was read from, when it came from a file: problems are then reported as DataError naming the file
   * @returns the forest (predictions identical to the original)
   * @throws ArgumentError (in-memory object) or DataError (with `source`) naming the first bad field, index and value
   * @example
   * const { x, y } = friedman1(100, 5, 1, "demo");
   * const forest = trainForest(x, y, { ntrees: 10, seed: 1 });
   * const json = JSON.parse(JSON.stringify(forest.toJSON()));
   * Forest.fromJSON(json).predict(x)[0] === forest.predict(x)[0]; // true
   * Forest.fromJSON({ ...json, format: "forest@0" }); // throws ArgumentError
   */
  static fromJSON(json: ForestJSON, source?: string): Forest {
    const fail = (field: string, at: number | undefined, value: unknown, expected: string, problem: string): never => {
      if (source !== undefined) throw new DataError({ file: source, column: at === undefined ? field : `${field}[${at}]`, value, expected }, problem);
      throw new ArgumentError(at === undefined ? { fn: "Forest.fromJSON", arg: `json.${field}`, value, expected } : { fn: "Forest.fromJSON", arg: `json.${field}`, at, value, expected }, problem);
    };
    if (json === null || typeof json !== "object") return fail("format", undefined, json, "a ForestJSON object", "not a forest");
    if (json.format !== "permafrost-kit/forest@1") fail("format", undefined, json.format, "\"permafrost-kit/forest@1\"", "unknown format");
    const names = json.featureNames;
    if (!Array.isArray(names) || names.length === 0) fail("featureNames", undefined, names, "a non-empty array of names", "bad feature names");
    const seen = new Set<string>();
    names.forEach((n, j) => {
      if (typeof n !== "string" || n === "") fail("featureNames", j, n, "a non-empty name", "bad feature name");
      if (seen.has(n)) fail("featureNames", j, n, "a name not used by an earlier predictor", "duplicate feature name");
      seen.add(n);
    });
    const p = names.length;
    let options: ResolvedForestOptions;
    try {
      options = { ...resolveForestOptions(json.options, p, "Forest.fromJSON", "json.options") };
    } catch (e) {
      if (!(e instanceof ArgumentError)) throw e;
      return fail(e.arg.replace(/^json\./, ""), undefined, e.value, e.expected ?? "a valid option", "bad option");
    }
    if (!Number.isInteger(json.nTrainRows) || json.nTrainRows < 2) fail("nTrainRows", undefined, json.nTrainRows, "an integer ≥ 2", "bad row count");
    const t = json.trees;
    if (t === null || typeof t !== "object") fail("trees", undefined, t, "the node arrays", "missing");
    const num = (field: keyof ForestJSON["trees"], len: number | undefined): unknown[] => {
      const a = t[field] as unknown;
      if (!Array.isArray(a)) return fail(`trees.${field}`, undefined, a, "an array", "missing");
      if (len !== undefined && a.length !== len) fail(`trees.${field}`, undefined, a.length, `${len} entries, one per node`, "wrong length");
      return a as unknown[];
    };
    const feature = num("feature", undefined);
    const nNodes = feature.length;
    if (nNodes === 0) fail("trees.feature", undefined, 0, "at least one node", "no nodes");
    const threshold = num("threshold", nNodes);
    const child = num("child", nNodes);
    const naRight = num("naRight", nNodes);
    const value = num("value", nNodes);
    const cover = num("cover", nNodes);
    const roots = num("roots", undefined);
    if (roots.length === 0) fail("trees.roots", undefined, 0, "at least one tree", "no trees");
    roots.forEach((r, q) => {
      const prev = q === 0 ? -1 : (roots[q - 1] as number);
      const lo = q === 0 ? 0 : prev + 1;
      if (!(Number.isInteger(r) && (r as number) >= lo && (r as number) < nNodes && (q > 0 || r === 0))) {
        fail("trees.roots", q, r, q === 0 ? "0 (the first tree starts at node 0)" : `a node index ${lo}..${nNodes - 1} (roots increase: each tree's nodes follow the previous tree's)`, "bad root");
      }
    });
    const bound = MAX_RESPONSE_MAGNITUDE;
    for (let q = 0; q < roots.length; q++) {
      const end = q + 1 < roots.length ? (roots[q + 1] as number) : nNodes;
      for (let k = roots[q] as number; k < end; k++) {
        const f = feature[k];
        if (!(Number.isInteger(f) && (f as number) >= -1 && (f as number) < p)) fail("trees.feature", k, f, `-1 (leaf) or a predictor index 0..${p - 1}`, "bad node feature");
        const v = value[k];
        if (!(typeof v === "number" && Number.isFinite(v))) fail("trees.value", k, v, "a finite number", "bad node value");
        if (Math.abs(v as number) > bound) fail("trees.value", k, v, `a magnitude at most ${bound} (MAX_RESPONSE_MAGNITUDE)`, "node value too large");
        const c = cover[k];
        if (!(Number.isInteger(c) && (c as number) >= 0)) fail("trees.cover", k, c, "a non-negative integer", "bad node cover");
        if ((f as number) < 0) continue;
        const th = threshold[k];
        if (!(th === null || (typeof th === "number" && !Number.isNaN(th)))) fail("trees.threshold", k, th, "a number (null for an NA-vs-rest split)", "bad threshold");
        const ch = child[k];
        if (!(Number.isInteger(ch) && (ch as number) > k && (ch as number) + 1 < end)) {
          fail("trees.child", k, ch, `a node index ${k + 1}..${end - 2} of tree ${q} (children follow their parent, inside their own tree)`, "bad child index");
        }
        const na = naRight[k];
        if (na !== 0 && na !== 1) fail("trees.naRight", k, na, "0 or 1", "bad missing-value side");
      }
    }
    const perFeature = (field: "impurityImportance" | "oobPermutationImportance", a: unknown): Float64Array => {
      if (!Array.isArray(a) || a.length !== p) return fail(field, undefined, Array.isArray(a) ? a.length : a, `${p} numbers, one per predictor`, "wrong length");
      a.forEach((v, j) => {
        if (!(typeof v === "number" && Number.isFinite(v))) fail(field, j, v, "a finite number", "bad importance");
        // impurity importance sums squared-error reductions (never negative); permutation importance may be
        if (field === "impurityImportance" && (v as number) < 0) fail(field, j, v, "a number ≥ 0 (a sum of squared-error reductions)", "negative importance");
      });
      return Float64Array.from(a as number[]);
    };
    const oob = json.oobPredictions;
    if (!Array.isArray(oob) || oob.length !== json.nTrainRows) fail("oobPredictions", undefined, Array.isArray(oob) ? oob.length : oob, `${json.nTrainRows} entries (nTrainRows)`, "wrong length");
    oob.forEach((v, i) => {
      if (!(v === null || (typeof v === "number" && Number.isFinite(v)))) fail("oobPredictions", i, v, "a finite number or null", "bad OOB prediction");
      if (v !== null && Math.abs(v) > MAX_RESPONSE_MAGNITUDE) fail("oobPredictions", i, v, `a magnitude at most ${MAX_RESPONSE_MAGNITUDE} (MAX_RESPONSE_MAGNITUDE)`, "OOB prediction too large");
    });
    if (typeof json.engine !== "string") fail("engine", undefined, json.engine, "an engine name", "bad engine");
    return new Forest({
      engine: json.engine,
      options,
      featureNames: [...names],
      nTrainRows: json.nTrainRows,
      trees: {
        feature: Int32Array.from(feature as number[]),
        // a null threshold is the +Infinity of an NA-vs-rest split
        threshold: Float64Array.from(threshold as (number | null)[], (v) => v ?? Infinity),
        child: Int32Array.from(child as number[]), naRight: Uint8Array.from(naRight as number[]), value: Float64Array.from(value as number[]),
        cover: Int32Array.from(cover as number[]), roots: Int32Array.from(roots as number[]),
      },
      impurityImportance: perFeature("impurityImportance", json.impurityImportance),
      oobPermutationImportance: json.oobPermutationImportance === null ? null : perFeature("oobPermutationImportance", json.oobPermutationImportance),
      oobPredictions: Float64Array.from(oob, (v) => v ?? NaN),
    });
  }
}

/**
 * Build an importance table (sorted, with h2o's scaled and percentage columns).
 *
 * @param names - feature names
 * @param raw - raw importance per feature
 * @returns rows sorted by decreasing importance
 * @throws ArgumentError when the lengths differ or an importance is not finite
 * @example
 * importanceTable(["a", "b"], [1, 3])[0].feature; // 'b'
 */
export function importanceTable(names: readonly string[], raw: ArrayLike<number>): ImportanceRow[] {
  checkArray("importanceTable", "raw", raw, { length: names.length, lengthOf: "names.length" });
  let max = 0;
  let total = 0;
  for (let j = 0; j < raw.length; j++) {
    max = Math.max(max, raw[j]!);
    total += Math.max(0, raw[j]!);
  }
  const rows: ImportanceRow[] = [];
  for (let j = 0; j < raw.length; j++) {
    const v = raw[j]!;
    rows.push({ feature: names[j] ?? defaultColumnName(j), relative: v, scaled: max > 0 ? v / max : 0, percentage: total > 0 ? v / total : 0 });
  }
  return rows.sort((a, b) => b.relative - a.relative || a.feature.localeCompare(b.feature));
}

/**
 * {@link Forest.predict} over all trees for a matrix the caller has already checked (with
 * `checkModelMatrix`, or at `ForestPool.register` plus `checkModelColumns`): the same
 * predictions without another scan of every value — for the ensemble, which checks once and
 * predicts with every member, and for the pool's tasks.
 *
 * @param forest - the fitted forest
 * @param x - predictors with the forest's columns (already checked)
 * @param blocks - when the rows are this many consecutive blocks of the same units (years × cells):
 *   walk each unit's rows together ({@link predictStacked}; the same results) unless a value is missing
 * @returns predictions, one per row
 * @example
 * const { x, y } = friedman1(100, 5, 1, "demo");
 * const forest = trainForest(x, y, { ntrees: 10, seed: 1 });
 * predictChecked(forest, checkModelMatrix("f", "x", x, forest.featureNames))[0] === forest.predict(x)[0]; // true
 */
export function predictChecked(forest: Forest, x: Matrix, blocks?: number): Float64Array {
  const out = new Float64Array(x.nRows);
  const coded = codedTreesFor(forest, x.nRows);
  if (blocks !== undefined && coded !== null && !hasMissing(x.data)) predictStacked(forest.trees, coded, x.data, x.nCols, blocks, out);
  else predictTrees(forest.trees, x.data, x.nCols, out, 0, forest.nTrees, coded);
  return out;
}

/**
 * Whether any value is NaN.
 *
 * @param v - values
 * @returns true at the first NaN
 */
function hasMissing(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (Number.isNaN(v[i]!)) return true;
  return false;
}

/** The environment variable that picks the forests' walk (see {@link forestWalk}). */
export const FOREST_WALK_ENV = "PERMAFROST_FOREST_WALK";

/**
 * The walk forests predict with: "fast" (default: the coded walk, and the stacked walk for
 * years × cells matrices) or "float" (every row walks the doubles, as every prediction did before
 * the coded walk), from `$PERMAFROST_FOREST_WALK`. Both give the same predictions bit for bit;
 * "float" exists so that `npm run bench` can time the bootstrap stage both ways in one run.
 *
 * @returns the walk
 * @throws ArgumentError for a value other than "fast", "float" or unset, naming the variable
 * @example
 * forestWalk(); // 'fast' (the variable unset)
 */
export function forestWalk(): "fast" | "float" {
  const raw = process.env[FOREST_WALK_ENV];
  if (raw === undefined || raw === "" || raw === "fast") return "fast";
  if (raw === "float") return "float";
  throw new ArgumentError({ fn: "forestWalk", arg: `environment variable ${FOREST_WALK_ENV}`, value: raw, expected: '"fast" (default) or "float"' }, "unknown walk");
}

/** Each forest's trees compiled for the coded walk, once (a forest's trees do not change). */
const codedTrees = new WeakMap<Forest, CodedTrees | null>();

/**
 * The forest's coded trees for a prediction of `nRows` rows: compiled at the first prediction
 * that is worth it ({@link worthCoding}) and kept; null (walk the doubles) before that.
 *
 * @param forest - the fitted forest
 * @param nRows - rows to predict
 * @returns the coded trees, or null
 */
function codedTreesFor(forest: Forest, nRows: number): CodedTrees | null {
  if (forestWalk() === "float") return null;
  const known = codedTrees.get(forest);
  if (known !== undefined) return known;
  if (!worthCoding(nRows, forest.nNodes)) return null;
  const coded = compileCodedTrees(forest.trees);
  codedTrees.set(forest, coded);
  return coded;
}

/**
 * Names for a matrix's columns ("column j" where unnamed).
 *
 * @param x - the matrix
 * @returns one name per column
 * @example
 * featureNamesOf(makeMatrix(new Float64Array(2), 2)); // ['f0', 'f1']
 */
export function featureNamesOf(x: Matrix): string[] {
  return Array.from({ length: x.nCols }, (_, j) => columnName(x, j));
}
