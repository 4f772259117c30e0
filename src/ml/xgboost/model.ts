/**
 * Gradient-boosted tree models as flat typed arrays, read from either xgboost's legacy binary
 * model (what npm `ml-xgboost` 1.1.2, an emscripten build of xgboost ~0.7, saves) or
 * xgboost's JSON model format (`save_model("m.json")` in xgboost 1.x/2.x). Used for batch
 * prediction, exact early stopping and TreeSHAP (paper 2, Methods "XGBoost and SHAP
 * analysis", Eqs 4–7).
 *
 * Prediction follows xgboost's float32 semantics: a feature value is rounded to float32, a
 * row goes left when x < threshold, a missing value (NaN) goes to the node's default child,
 * and the margin Σ leaf values is accumulated in float32 from 0, then base_score is added
 * (the order of xgboost's CPU predictor, which makes the results bit-identical).
 */

/** A tree ensemble in flat arrays; node indices are global (tree offsets added). */
export interface TreeEnsemble {
  /** Number of features. */
  nFeatures: number;
  /** Global bias (xgboost `base_score`), added to every prediction. */
  baseScore: number;
  /** Number of trees. */
  nTrees: number;
  /** Index of each tree's root node; length nTrees + 1 (the last is the node count). */
  treeStart: Int32Array;
  /** Split feature of each node (−1 for leaves). */
  feature: Int32Array;
  /** Split threshold (float32 value) of each node; a row goes left when x < threshold. */
  threshold: Float32Array;
  /** Left child (global index), −1 for leaves. */
  left: Int32Array;
  /** Right child (global index), −1 for leaves. */
  right: Int32Array;
  /** 1 when missing values go left. */
  defaultLeft: Uint8Array;
  /** Leaf value (float32 value) for leaves; 0 for internal nodes. */
  value: Float64Array;
  /** Cover = sum of hessians of the training rows reaching the node (xgboost `sum_hess`). */
  cover: Float64Array;
  /** Loss reduction of each split (xgboost `gain`), 0 for leaves. */
  gain: Float64Array;
  /** Objective name as stored in the model. */
  objective: string;
}

class Reader {
  private offset = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  need(n: number, what: string): void {
    if (this.offset + n > this.bytes.length) throw new Error(`xgboost binary: truncated while reading ${what} at byte ${this.offset}`);
  }
  i32(what: string): number { this.need(4, what); const v = this.view.getInt32(this.offset, true); this.offset += 4; return v; }
  u32(what: string): number { this.need(4, what); const v = this.view.getUint32(this.offset, true); this.offset += 4; return v; }
  f32(what: string): number { this.need(4, what); const v = this.view.getFloat32(this.offset, true); this.offset += 4; return v; }
  u64(what: string): number { this.need(8, what); const v = Number(this.view.getBigUint64(this.offset, true)); this.offset += 8; return v; }
  skip(n: number, what: string): void { this.need(n, what); this.offset += n; }
  str(what: string): string {
    const n = this.u64(`${what} length`);
    this.need(n, what);
    const s = new TextDecoder().decode(this.bytes.subarray(this.offset, this.offset + n));
    this.offset += n;
    return s;
  }
}

interface RawTree { left: number[]; right: number[]; feature: number[]; threshold: number[]; defaultLeft: boolean[]; value: number[]; cover: number[]; gain: number[] }

function assemble(nFeatures: number, baseScore: number, objective: string, trees: RawTree[]): TreeEnsemble {
  const total = trees.reduce((s, t) => s + t.left.length, 0);
  const m: TreeEnsemble = {
    nFeatures, baseScore, nTrees: trees.length, treeStart: new Int32Array(trees.length + 1),
    feature: new Int32Array(total), threshold: new Float32Array(total), left: new Int32Array(total), right: new Int32Array(total),
    defaultLeft: new Uint8Array(total), value: new Float64Array(total), cover: new Float64Array(total), gain: new Float64Array(total), objective,
  };
  let o = 0;
  trees.forEach((t, k) => {
    m.treeStart[k] = o;
    for (let i = 0; i < t.left.length; i++) {
      const leaf = t.left[i] === -1;
      m.left[o + i] = leaf ? -1 : t.left[i]! + o;
      m.right[o + i] = leaf ? -1 : t.right[i]! + o;
      m.feature[o + i] = leaf ? -1 : t.feature[i]!;
      m.threshold[o + i] = leaf ? 0 : t.threshold[i]!;
      m.defaultLeft[o + i] = t.defaultLeft[i] === true ? 1 : 0;
      m.value[o + i] = leaf ? Math.fround(t.value[i]!) : 0;
      m.cover[o + i] = t.cover[i]!;
      m.gain[o + i] = leaf ? 0 : t.gain[i]!;
    }
    o += t.left.length;
  });
  m.treeStart[trees.length] = o;
  return m;
}

/**
 * Parse xgboost's legacy binary model (xgboost < 1.0, as saved by ml-xgboost's `toJSON().model`).
 *
 * @param bytes - the model bytes
 * @throws Error when the bytes are truncated or describe an unsupported booster
 */
export function parseLegacyBinary(bytes: Uint8Array): TreeEnsemble {
  const r = new Reader(bytes);
  const baseScore = r.f32("base_score");
  const nFeatures = r.u32("num_feature");
  const numClass = r.i32("num_class");
  r.skip(4 * 31, "learner reserved");
  const objective = r.str("objective name");
  const booster = r.str("booster name");
  if (booster !== "gbtree") throw new Error(`xgboost binary: booster ${JSON.stringify(booster)} is not supported (only gbtree)`);
  if (numClass > 1) throw new Error("xgboost binary: multi-class models are not supported");
  const numTrees = r.i32("num_trees");
  r.skip(4 * 3 + 8 + 4 * 2 + 4 * 32, "gbtree param");
  const trees: RawTree[] = [];
  for (let k = 0; k < numTrees; k++) {
    r.i32("num_roots");
    const numNodes = r.i32("num_nodes");
    r.skip(4 * 4 + 4 * 31, "tree param");
    const t: RawTree = { left: [], right: [], feature: [], threshold: [], defaultLeft: [], value: [], cover: [], gain: [] };
    for (let i = 0; i < numNodes; i++) {
      r.i32("parent");
      const cl = r.i32("cleft"), cr = r.i32("cright");
      const sindex = r.u32("sindex");
      const info = r.f32("split/leaf value");
      t.left.push(cl); t.right.push(cr);
      t.feature.push(sindex & 0x7fffffff);
      t.defaultLeft.push((sindex >>> 31) === 1);
      t.threshold.push(info); t.value.push(info);
    }
    for (let i = 0; i < numNodes; i++) {
      t.gain.push(r.f32("loss_chg"));
      t.cover.push(r.f32("sum_hess"));
      r.f32("base_weight");
      r.i32("leaf_child_cnt");
    }
    trees.push(t);
  }
  return assemble(nFeatures, baseScore, objective, trees);
}

interface JsonTree { left_children: number[]; right_children: number[]; split_indices: number[]; split_conditions: number[]; default_left: (number | boolean)[]; sum_hessian: number[]; loss_changes: number[] }

/**
 * Parse xgboost's JSON model (`Booster.save_model("m.json")`, xgboost 1.x/2.x).
 *
 * @param json - the parsed JSON object or its text
 * @throws Error for a non-gbtree booster or a multi-output model
 */
export function parseXGBoostJson(json: unknown): TreeEnsemble {
  const doc = (typeof json === "string" ? JSON.parse(json) : json) as { learner: { learner_model_param: { base_score: string; num_feature: string; num_class?: string }; gradient_booster: { name: string; model: { trees: JsonTree[] } }; objective: { name: string } } };
  const l = doc.learner;
  if (l.gradient_booster.name !== "gbtree") throw new Error(`xgboost JSON: booster ${l.gradient_booster.name} is not supported`);
  if (Number(l.learner_model_param.num_class ?? "0") > 1) throw new Error("xgboost JSON: multi-class models are not supported");
  const trees: RawTree[] = l.gradient_booster.model.trees.map((t) => ({
    left: t.left_children, right: t.right_children, feature: t.split_indices, threshold: t.split_conditions,
    defaultLeft: t.default_left.map((d) => d === 1 || d === true), value: t.split_conditions, cover: t.sum_hessian, gain: t.loss_changes,
  }));
  return assemble(Number(l.learner_model_param.num_feature), Number(l.learner_model_param.base_score), l.objective.name, trees);
}

/**
 * Parse a model in either format: bytes (legacy binary) or JSON (object or text).
 *
 * @param model - legacy binary bytes, or a JSON model
 * @throws Error as the format-specific parsers
 */
export function parseXGBoostModel(model: Uint8Array | ArrayLike<number> | string | object): TreeEnsemble {
  if (model instanceof Uint8Array) return parseLegacyBinary(model);
  if (typeof model === "string") return parseXGBoostJson(model);
  if (typeof (model as ArrayLike<number>).length === "number") return parseLegacyBinary(Uint8Array.from(model as ArrayLike<number>, (b) => b & 0xff));
  return parseXGBoostJson(model);
}

/**
 * Index of the leaf that a row reaches in one tree.
 *
 * @param m - the ensemble
 * @param tree - tree number
 * @param x - row-major feature matrix (NaN = missing)
 * @param row - the row
 */
export function leafIndex(m: TreeEnsemble, tree: number, x: ArrayLike<number>, row: number): number {
  let node = m.treeStart[tree]!;
  const base = row * m.nFeatures;
  while (m.left[node] !== -1) {
    const v = x[base + m.feature[node]!]!;
    node = Number.isNaN(v) ? (m.defaultLeft[node] === 1 ? m.left[node]! : m.right[node]!) : Math.fround(v) < m.threshold[node]! ? m.left[node]! : m.right[node]!;
  }
  return node;
}

/**
 * Batch prediction (margin = Σ leaf values + base_score, in float32 as xgboost).
 *
 * @param m - the ensemble
 * @param x - row-major features, nRows × nFeatures (NaN = missing)
 * @param nTrees - use only the first nTrees trees (default all), for tree-prefix predictions
 * @throws RangeError when x's length is not a multiple of nFeatures
 */
export function predictEnsemble(m: TreeEnsemble, x: ArrayLike<number>, nTrees: number = m.nTrees): Float64Array {
  if (x.length % m.nFeatures !== 0) throw new RangeError(`predict: ${x.length} values is not a multiple of ${m.nFeatures} features`);
  const n = x.length / m.nFeatures;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < nTrees; t++) s = Math.fround(s + m.value[leafIndex(m, t, x, i)]!);
    out[i] = Math.fround(s + Math.fround(m.baseScore));
  }
  return out;
}
