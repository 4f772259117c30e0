/**
 * Flat, growable storage of regression trees: one set of typed arrays for all the trees of a
 * forest, in the layout the compiled predictor walks. Node k is a leaf when `feature[k] < 0`;
 * otherwise its children are `child[k]` (value < threshold) and `child[k] + 1` (value ≥
 * threshold), and a missing value goes right when `naRight[k]` is 1 (the side learned in
 * training).
 */
/** Arrays of all nodes of all trees (lengths are `nNodes`). */
export interface TreeArrays {
  /** Split feature, or −1 for a leaf. */
  feature: Int32Array;
  /** Split threshold (feature units): left when value < threshold. */
  threshold: Float64Array;
  /** Index of the left child; the right child is the next node. */
  child: Int32Array;
  /** 1 when a missing value goes to the right child. */
  naRight: Uint8Array;
  /** Node prediction: the mean response of its in-bag rows (response units). */
  value: Float64Array;
  /** In-bag rows that reached the node. */
  cover: Int32Array;
  /** Index of each tree's root node (length = number of trees). */
  roots: Int32Array;
}

/** Growable builder for {@link TreeArrays}. */
export class TreeStore {
  private cap: number;
  /** Number of nodes stored. */
  nNodes = 0;
  private readonly rootList: number[] = [];
  private a: TreeArrays;

  /**
   * @param capacity - initial node capacity (grows by doubling)
   */
  constructor(capacity = 1024) {
    this.cap = Math.max(16, capacity);
    this.a = TreeStore.alloc(this.cap);
  }

  private static alloc(n: number): TreeArrays {
    return {
      feature: new Int32Array(n), threshold: new Float64Array(n), child: new Int32Array(n),
      naRight: new Uint8Array(n), value: new Float64Array(n), cover: new Int32Array(n), roots: new Int32Array(0),
    };
  }

  /**
   * Append `count` new nodes (leaves until set otherwise) and return the first index.
   *
   * @param count - number of nodes to add (1 for a root, 2 for a pair of children; internal, unchecked: the grower passes 1 or 2)
   * @returns index of the first new node
   * @example
   * const store = new TreeStore();
   * store.addRoot(); // 0
   * store.add(2); // 1 (its two children are nodes 1 and 2)
   * store.nNodes; // 3
   */
  add(count: number): number {
    if (this.nNodes + count > this.cap) {
      let cap = this.cap * 2;
      while (cap < this.nNodes + count) cap *= 2;
      const b = TreeStore.alloc(cap);
      b.feature.set(this.a.feature); b.threshold.set(this.a.threshold); b.child.set(this.a.child);
      b.naRight.set(this.a.naRight); b.value.set(this.a.value); b.cover.set(this.a.cover);
      this.a = b;
      this.cap = cap;
    }
    const first = this.nNodes;
    for (let k = first; k < first + count; k++) this.a.feature[k] = -1;
    this.nNodes += count;
    return first;
  }

  /**
   * Start a new tree and return its root index.
   *
   * @returns index of the root node
   * @example
   * const store = new TreeStore();
   * store.addRoot(); // 0
   * store.add(2); // 1
   * store.addRoot(); // 3
   */
  addRoot(): number {
    const r = this.add(1);
    this.rootList.push(r);
    return r;
  }

  /** The live arrays (valid until the next `add`). */
  get arrays(): TreeArrays {
    return this.a;
  }

  /**
   * Trimmed copies of the arrays, with the roots.
   *
   * @returns compact tree arrays
   * @example
   * const store = new TreeStore();
   * store.addRoot();
   * store.add(2);
   * store.finish().roots; // Int32Array [0]
   * store.finish().feature; // Int32Array [-1, -1, -1] (leaves until the grower sets a split)
   */
  finish(): TreeArrays {
    const n = this.nNodes;
    return {
      feature: this.a.feature.slice(0, n), threshold: this.a.threshold.slice(0, n), child: this.a.child.slice(0, n),
      naRight: this.a.naRight.slice(0, n), value: this.a.value.slice(0, n), cover: this.a.cover.slice(0, n),
      roots: Int32Array.from(this.rootList),
    };
  }
}
