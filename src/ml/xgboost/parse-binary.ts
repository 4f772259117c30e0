/**
 * Reading xgboost's legacy binary model format (xgboost < 1.0: `LearnerModelParam`, the objective
 * and booster names, `GBTreeModelParam`, then per tree its `TreeParam`, the node records
 * (`RTreeNode`) and the node statistics (`RTreeNodeStat`)), as npm `ml-xgboost` 1.1.2 (an
 * emscripten build of xgboost ~0.7) saves it with `toJSON().model`. Only the gbtree booster with one output and an
 * objective whose prediction is the margin is read. Every problem is reported with the byte
 * offset where the offending field starts.
 */
import { ArgumentError, DataError } from "../../core/errors";
import { assemble, localValue, OBJECTIVE_EXPECTED, type RawTree } from "./assemble";
import { IDENTITY_OBJECTIVES, type TreeEnsemble } from "./model";
import { validateParsed } from "./validate";

class Reader {
  offset = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array, private readonly label: string) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  need(n: number, what: string): void {
    if (this.offset + n > this.bytes.length) {
      throw new DataError({ file: this.label, column: `byte ${this.offset}`, expected: `${n} bytes for ${what}, the file has ${this.bytes.length} bytes` }, `truncated: ${this.bytes.length - this.offset} bytes left while reading ${what}`);
    }
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
  bad(at: number, what: string, value: unknown, expected: string): DataError {
    return new DataError({ file: this.label, column: `byte ${at} (${what})`, value, expected }, `bad ${what}`);
  }
}

const BIN_FIELDS: Record<string, string> = { left: "cleft", right: "cright", feature: "sindex", threshold: "split value", value: "leaf value", cover: "sum_hess", defaultLeft: "default direction", gain: "loss_chg" };

/**
 * Parse xgboost's legacy binary model (xgboost < 1.0, as saved by ml-xgboost's `toJSON().model`),
 * and validate it (the structural checks listed in ./model.ts).
 *
 * @param bytes - the model bytes
 * @param label - the file name (or a label) for messages (default "xgboost binary model")
 * @returns the ensemble
 * @throws DataError naming the label and the byte offset, when the bytes are truncated, describe an
 *   unsupported booster (not gbtree, multi-class, leaf vectors, several roots), an objective with a
 *   link function (only {@link IDENTITY_OBJECTIVES}) or a corrupt tree
 * @example
 * const Engine = await loadEngine();
 * const engine = new Engine({ objective: "reg:linear", eta: 1, max_depth: 1, silent: 1, iterations: 1 });
 * engine.train([[0], [1], [2], [3]], [0, 0, 1, 1]);
 * const bytes = new Uint8Array(Int8Array.from(engine.toJSON().model).buffer); // what ml-xgboost saves
 * engine.free();
 * parseLegacyBinary(bytes, "engine-model.bin").nTrees; // 1
 */
export function parseLegacyBinary(bytes: Uint8Array, label = "xgboost binary model"): TreeEnsemble {
  if (!(bytes instanceof Uint8Array)) throw new ArgumentError({ fn: "parseLegacyBinary", arg: "bytes", value: bytes, expected: "a Uint8Array" }, "not bytes");
  const r = new Reader(bytes, label);
  const baseScore = r.f32("base_score");
  let at = r.offset;
  const nFeatures = r.u32("num_feature");
  if (nFeatures < 1 || nFeatures > 0x7fffffff) throw r.bad(at, "num_feature", nFeatures, "a positive feature count");
  at = r.offset;
  const numClass = r.i32("num_class");
  if (numClass > 1) throw r.bad(at, "num_class", numClass, "0 or 1 (multi-class models are not supported)");
  r.skip(4 * 31, "learner reserved");
  at = r.offset;
  const objective = r.str("objective name");
  if (!IDENTITY_OBJECTIVES.includes(objective)) throw new DataError({ file: label, column: `byte ${at} (objective name)`, value: objective, expected: OBJECTIVE_EXPECTED }, "unsupported objective");
  at = r.offset;
  const booster = r.str("booster name");
  if (booster !== "gbtree") throw r.bad(at, "booster name", booster, '"gbtree" (the only booster supported)');
  at = r.offset;
  const numTrees = r.i32("num_trees");
  if (numTrees < 0) throw r.bad(at, "num_trees", numTrees, "a tree count ≥ 0");
  r.skip(4 * 3 + 8 + 4 * 2 + 4 * 32, "gbtree param");
  const trees: RawTree[] = [];
  const nodeOffset: number[] = [], statOffset: number[] = [];
  for (let k = 0; k < numTrees; k++) {
    at = r.offset;
    const roots = r.i32(`num_roots of tree ${k}`);
    if (roots !== 1) throw r.bad(at, `num_roots of tree ${k}`, roots, "1 (multi-root trees are not supported)");
    at = r.offset;
    const numNodes = r.i32(`num_nodes of tree ${k}`);
    if (numNodes < 1) throw r.bad(at, `num_nodes of tree ${k}`, numNodes, "at least 1 node");
    r.need(numNodes * 36, `the ${numNodes} nodes of tree ${k}`);
    r.skip(4 * 3, `tree param of tree ${k}`);
    at = r.offset;
    const leafVector = r.i32(`size_leaf_vector of tree ${k}`);
    if (leafVector !== 0) throw r.bad(at, `size_leaf_vector of tree ${k}`, leafVector, "0 (leaf vectors are not supported)");
    r.skip(4 * 31, `tree param of tree ${k}`);
    const t: RawTree = { left: [], right: [], feature: [], threshold: [], defaultLeft: [], value: [], cover: [], gain: [] };
    for (let i = 0; i < numNodes; i++) {
      nodeOffset.push(r.offset);
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
      statOffset.push(r.offset);
      t.gain.push(r.f32("loss_chg"));
      t.cover.push(r.f32("sum_hess"));
      r.f32("base_weight");
      r.i32("leaf_child_cnt");
    }
    trees.push(t);
  }
  const m = assemble(nFeatures, baseScore, objective, trees);
  return validateParsed(m, label, (i0) => {
    const i = localValue(i0, m);
    if (i.index === undefined || i.tree === undefined) return i.field === "baseScore" ? "byte 0 (base_score)" : i.field;
    const local = i.index - m.treeStart[i.tree]!;
    const what = BIN_FIELDS[i.field] ?? i.field;
    const off = (i.field === "cover" || i.field === "gain" ? statOffset : nodeOffset)[i.index]!;
    return `byte ${off} (tree ${i.tree} node ${local}: ${what})`;
  });
}
