/**
 * Growing one regression tree the way h2o's DRF does (paper 1 §2.4.1 used h2o): at every node
 * `mtries` features are drawn at random without replacement; for each, a uniform histogram
 * over the node's own range of that feature ("UniformAdaptive", with max(nbins,
 * nbinsTopLevel / 2^depth) bins) gives the candidate split points; the split with the largest
 * squared-error reduction wins, with missing values sent to whichever side reduces the error
 * more (or split off on their own, NA vs. rest). A node stays a leaf when it is at `maxDepth`,
 * has fewer than 2·`minRows` rows, or when no candidate leaves ≥ `minRows` rows on both sides
 * and reduces the error by more than `minSplitImprovement` × the node's error. A leaf predicts
 * the mean response of its in-bag rows.
 */
import { FitError } from "../../core/errors";
import { type Rng } from "../../random/rng";
import { type BinnedFeatures, NA_CODE, cellEdge } from "./binning";
import { type ResolvedForestOptions } from "./options";
import { type TreeStore } from "./tree-store";

/** Scratch buffers reused across the trees of one forest. */
export interface GrowScratch {
  /** Per-bin row counts. */
  readonly cnt: Int32Array;
  /** Per-bin response sums. */
  readonly sum: Float64Array;
  /** Feature index permutation for the per-split draw. */
  readonly feats: Int32Array;
  /** A node's codes of one feature, gathered once for the histogram pass (length ≥ frame rows). */
  readonly nodeCodes: Uint16Array;
  /** The in-bag responses in the order of `idx`, permuted with it (contiguous reads). */
  readonly yInBag: Float64Array;
}

/**
 * Allocate scratch buffers for growing trees on `nCols` features.
 *
 * @param nCols - number of features
 * @param nbinsTopLevel - maximum histogram size
 * @param nRows - rows of the training frame
 * @returns the buffers
 */
export function growScratch(nCols: number, nbinsTopLevel: number, nRows: number): GrowScratch {
  const feats = new Int32Array(nCols);
  for (let j = 0; j < nCols; j++) feats[j] = j;
  return { cnt: new Int32Array(nbinsTopLevel), sum: new Float64Array(nbinsTopLevel), feats, nodeCodes: new Uint16Array(nRows), yInBag: new Float64Array(nRows) };
}

/** Everything one tree is grown from. */
export interface GrowInput {
  /** Binned training frame. */
  readonly bins: BinnedFeatures;
  /** Response of each frame row. */
  readonly y: Float64Array;
  /** In-bag frame rows; permuted in place while growing. */
  readonly idx: Int32Array;
  /** Resolved options. */
  readonly options: ResolvedForestOptions;
  /** The tree's random stream (feature draws). */
  readonly rng: Rng;
  /** Squared-error reduction per feature, accumulated (impurity importance). */
  readonly importance: Float64Array;
  /** Scratch buffers. */
  readonly scratch: GrowScratch;
}

/**
 * Grow one tree into `store`.
 *
 * @param store - where nodes are appended
 * @param input - data, options and random stream
 * @returns index of the tree's root node
 * @throws FitError when the tree has no in-bag rows (an empty tree has no prediction)
 */
export function growTree(store: TreeStore, input: GrowInput): number {
  if (input.idx.length === 0) throw new FitError("growTree", "kit-drf", "the tree has no in-bag rows, so its leaves would have no mean to predict");
  const yv = input.scratch.yInBag;
  for (let k = 0; k < input.idx.length; k++) yv[k] = input.y[input.idx[k]!]!;
  const root = store.addRoot();
  growNode(store, input, root, 0, input.idx.length, 0);
  return root;
}

function growNode(store: TreeStore, g: GrowInput, node: number, start: number, end: number, depth: number): void {
  const { bins, idx, options, scratch } = g;
  // responses in idx order: the same values in the same order as y[idx[k]], read contiguously
  const yv = scratch.yInBag;
  const tmp = scratch.nodeCodes;
  const n = end - start;
  let s = 0;
  let ss = 0;
  for (let k = start; k < end; k++) {
    const v = yv[k]!;
    s += v;
    ss += v * v;
  }
  const arr0 = store.arrays;
  arr0.value[node] = s / n;
  arr0.cover[node] = n;
  const sse = ss - (s * s) / n;
  const minRows = options.minRows;
  if (depth >= options.maxDepth || n < 2 * minRows || !(sse > 1e-12 * Math.abs(ss) + 1e-300)) return;

  const N = bins.nRows;
  const codes = bins.codes;
  const { cnt, sum, feats } = scratch;
  const p = bins.nCols;
  const nbDepth = Math.max(options.nbins, options.nbinsTopLevel >> Math.min(depth, 30));
  const parentScore = (s * s) / n;
  let bestGain = 0;
  let bestF = -1;
  let bestCode = 0;
  let bestNaRight = 0;

  for (let t = 0; t < options.mtries; t++) {
    // partial Fisher–Yates: feats[t] becomes a fresh random feature
    const r = t + g.rng.int(p - t);
    const f = feats[r]!;
    feats[r] = feats[t]!;
    feats[t] = f;

    const base = f * N;
    let cmin = NA_CODE;
    let cmax = -1;
    let naN = 0;
    let naS = 0;
    for (let k = start; k < end; k++) {
      const c = codes[base + idx[k]!]!;
      tmp[k] = c;
      if (c === NA_CODE) {
        naN++;
        naS += yv[k]!;
      } else {
        if (c < cmin) cmin = c;
        if (c > cmax) cmax = c;
      }
    }
    const nn = n - naN;
    const sn = s - naS;
    if (naN > 0 && nn > 0 && naN >= minRows && nn >= minRows) {
      // NA vs. rest
      const gain = (sn * sn) / nn + (naS * naS) / naN - parentScore;
      if (gain > bestGain) {
        bestGain = gain; bestF = f; bestCode = NA_CODE; bestNaRight = 1;
      }
    }
    if (cmax <= cmin) continue;
    const span = cmax - cmin + 1;
    const exact = span <= nbDepth;
    const nb = exact ? span : nbDepth;
    cnt.fill(0, 0, nb);
    sum.fill(0, 0, nb);
    if (naN === 0 && exact) {
      for (let k = start; k < end; k++) {
        const b = tmp[k]! - cmin;
        cnt[b]! += 1;
        sum[b]! += yv[k]!;
      }
    } else {
      for (let k = start; k < end; k++) {
        const c = tmp[k]!;
        if (c === NA_CODE) continue;
        const b = exact ? c - cmin : (((c - cmin) * nb) / span) | 0;
        cnt[b]! += 1;
        sum[b]! += yv[k]!;
      }
    }
    let cl = 0;
    let sl = 0;
    if (naN === 0) {
      // no missing value (the usual case): the loop below with its NA side fixed to "none"
      for (let b = 0; b < nb - 1; b++) {
        cl += cnt[b]!;
        sl += sum[b]!;
        if (cnt[b + 1] === 0 || cl === 0) continue;
        const cr = nn - cl;
        if (cl < minRows || cr < minRows) continue;
        const sr = sn - sl;
        const gain = (sl * sl) / cl + (sr * sr) / cr - parentScore;
        if (gain > bestGain) {
          bestGain = gain; bestF = f; bestNaRight = 0;
          bestCode = exact ? cmin + b + 1 : cmin + Math.ceil(((b + 1) * span) / nb);
        }
      }
      continue;
    }
    for (let b = 0; b < nb - 1; b++) {
      cl += cnt[b]!;
      sl += sum[b]!;
      if (cnt[b + 1] === 0 || cl === 0) continue;
      const cr = nn - cl;
      const sr = sn - sl;
      // the missing values go left, or (when there are any) right: keep the better side
      for (let naRight = 0; naRight <= (naN > 0 ? 1 : 0); naRight++) {
        const nL = naRight === 1 ? cl : cl + naN;
        const sL = naRight === 1 ? sl : sl + naS;
        const nR = naRight === 1 ? cr + naN : cr;
        const sR = naRight === 1 ? sr + naS : sr;
        if (nL < minRows || nR < minRows) continue;
        const gain = (sL * sL) / nL + (sR * sR) / nR - parentScore;
        if (gain > bestGain) {
          bestGain = gain; bestF = f; bestNaRight = naRight;
          bestCode = exact ? cmin + b + 1 : cmin + Math.ceil(((b + 1) * span) / nb);
        }
      }
    }
  }
  if (bestF < 0 || !(bestGain > options.minSplitImprovement * sse)) return;

  // partition idx[start, end): left rows first
  const base = bestF * N;
  let lo = start;
  let hi = end - 1;
  while (lo <= hi) {
    const c = codes[base + idx[lo]!]!;
    const left = c === NA_CODE ? bestNaRight === 0 : c < bestCode;
    if (left) lo++;
    else {
      const t = idx[lo]!;
      idx[lo] = idx[hi]!;
      idx[hi] = t;
      const v = yv[lo]!;
      yv[lo] = yv[hi]!;
      yv[hi] = v;
      hi--;
    }
  }
  g.importance[bestF]! += bestGain;
  const child = store.add(2);
  const arr = store.arrays;
  arr.feature[node] = bestF;
  arr.threshold[node] = bestCode === NA_CODE ? Infinity : cellEdge(bins, bestF, bestCode);
  arr.naRight[node] = bestNaRight;
  arr.child[node] = child;
  growNode(store, g, child, start, lo, depth + 1);
  growNode(store, g, child + 1, lo, end, depth + 1);
}
