/**
 * Internal to the parsers (./parse-binary.ts, ./parse-json.ts), not part of the public entry:
 * the per-tree node lists read from a file (xgboost numbers nodes per tree, 0 = root) are
 * flattened into one {@link TreeEnsemble} with global node indices, as xgboost's `RegTree`
 * nodes laid end to end; leaves get feature −1, threshold 0 and their value rounded to float32
 * (xgboost's `bst_float`). Also the text both parsers use to refuse an objective with a link
 * function, and the mapping of a child index back to the file's own per-tree numbering for
 * messages.
 */
import { IDENTITY_OBJECTIVES, type TreeEnsemble } from "./model";
import type { EnsembleIssue } from "./validate";

/**
 * A problem with a child index, restated in the source's own (per-tree) numbering, for messages.
 *
 * @param i - the problem, with a global child index
 * @param m - the ensemble
 * @returns the problem with the child index local to its tree
 */
export function localValue(i: EnsembleIssue, m: TreeEnsemble): EnsembleIssue {
  if ((i.field === "left" || i.field === "right") && i.tree !== undefined && typeof i.value === "number" && i.value !== -1) {
    return { ...i, value: i.value - m.treeStart[i.tree]! };
  }
  return i;
}

/** What the parsers say was expected of an objective they refuse. */
export const OBJECTIVE_EXPECTED = `an objective whose prediction is the margin (${IDENTITY_OBJECTIVES.join(", ")}); models with a link function (logistic, poisson, …) are not supported`;

/** One tree as read from a file: per-node lists in the file's own (per-tree) numbering. */
export interface RawTree { left: number[]; right: number[]; feature: number[]; threshold: number[]; defaultLeft: boolean[]; value: number[]; cover: number[]; gain: number[] }

/**
 * Flatten per-tree node lists into one ensemble with global node indices (tree offsets added).
 *
 * @param nFeatures - the feature count
 * @param baseScore - the global bias
 * @param objective - the objective name
 * @param trees - the trees, in the file's order
 * @returns the ensemble (not yet validated)
 */
export function assemble(nFeatures: number, baseScore: number, objective: string, trees: RawTree[]): TreeEnsemble {
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
      const l = t.left[i]!, r = t.right[i]!;
      const leaf = l === -1 && r === -1;
      m.left[o + i] = l === -1 ? -1 : l + o;
      m.right[o + i] = r === -1 ? -1 : r + o;
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
