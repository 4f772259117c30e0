/**
 * The reproduction report's statuses (issue 19): for every figure, table and numeric claim of both
 * papers, whether this run recomputed it from real data and it matches, recomputed it and it does not
 * match, showed it on synthetic data only, or could not reproduce it offline (and why), with the cell
 * that produced it. Statuses are derived from the run (each figure's synthetic flag as displayed, the
 * banner of the notebook that showed a table, the claims ledgers' verdicts), never typed in.
 */
import type { ExecutedNotebook } from "./executed-notebook";
import type { PaperItem } from "./paper-items";

/** A status of the reproduction report. */
export type ReproStatus = "match" | "mismatch" | "real-unchecked" | "synthetic" | "offline" | "absent";

/** The words shown for each status. */
export const REPRO_STATUS_TEXT: Readonly<Record<ReproStatus, string>> = {
  match: "recomputed from real data: matches the paper",
  mismatch: "recomputed from real data: does not match the paper",
  "real-unchecked": "recomputed from real data: no printed number to compare",
  synthetic: "shown on synthetic data only",
  offline: "not reproducible offline",
  absent: "missing from this run",
};

/** Where in the book a result was produced: a notebook and a cell. */
export interface CellRef {
  /** Notebook stem, e.g. "21-offsets-descriptive". */
  notebook: string;
  /** 0-based cell index (the anchor `cell-<index>`). */
  cellIndex: number;
  /** What is there (a figure name, or the text searched for). */
  what: string;
}

/** One row of the report for a figure or table. */
export interface ItemStatus {
  /** The catalogue entry. */
  item: PaperItem;
  /** Its status in this run. */
  status: ReproStatus;
  /** Why: the claims' verdicts, the offline reason, or what is missing. */
  reason: string;
  /** The cells that produced it. */
  cells: CellRef[];
  /** Ids of its checked claims that disagree with the paper (status "mismatch"), else empty. */
  disagreeing: string[];
}

/** A claim as a claims ledger (`claims-liu2025.json`, `claims-liu2024.json`) stores it. */
export interface LedgerClaim {
  /** Stable id, e.g. "abs-so-arctic-mean". */
  id: string;
  /** Where in the paper. */
  where: string;
  /** The claim in words. */
  claim: string;
  /** The printed value. */
  printed: unknown;
  /** The recomputed value (null when not checkable). */
  computed: unknown;
  /** true / false, or null when not checkable. */
  match: boolean | null;
  /** The comparison rule. */
  rule: string;
  /** The ledger's note (why not checkable, why it disagrees). */
  note: string;
}

/** A claims ledger of one paper, with whether it was evaluated on synthetic data. */
export interface Ledger {
  /** "liu2024" or "liu2025". */
  paper: PaperItem["paper"];
  /** The results file name, e.g. "claims-liu2025.json". */
  file: string;
  /** The claims. */
  claims: LedgerClaim[];
  /** true when the ledger itself says its numbers come from synthetic data. */
  synthetic: boolean;
}

/** One row of the report for a numeric claim. */
export interface ClaimStatus {
  /** The paper. */
  paper: PaperItem["paper"];
  /** The ledger row. */
  claim: LedgerClaim;
  /** Its status in this run. */
  status: ReproStatus;
  /** Why. */
  reason: string;
  /** The cell whose output lists it, when found. */
  cell: CellRef | undefined;
}

/**
 * The text of every output of a cell that the book can search (streams, markdown, plain text).
 *
 * @param nb - the notebook
 * @param index - the cell index
 * @returns the joined text
 */
function outputText(nb: ExecutedNotebook, index: number): string {
  let texts = OUTPUT_TEXTS.get(nb);
  if (texts === undefined) {
    texts = new Map();
    OUTPUT_TEXTS.set(nb, texts);
  }
  let text = texts.get(index);
  if (text === undefined) {
    text = joinedOutputs(nb, index);
    texts.set(index, text);
  }
  return text;
}

// each cell's searchable output text, joined once per notebook (the report searches it once per claim)
const OUTPUT_TEXTS = new WeakMap<ExecutedNotebook, Map<number, string>>();

/**
 * A cell's outputs joined as searchable text (uncached; see outputText).
 *
 * @param nb - the notebook
 * @param index - the cell index
 * @returns the joined text
 */
function joinedOutputs(nb: ExecutedNotebook, index: number): string {
  return nb.cells[index]!.outputs.map((o) => (o.kind === "stream" || o.kind === "markdown" || o.kind === "text" ? o.text : o.kind === "figure" ? o.caption : "")).join("\n");
}

/**
 * The first cell, over the notebooks in order, whose output contains a text.
 *
 * @param notebooks - the executed notebooks
 * @param text - the text
 * @param only - a notebook stem to search only
 * @returns the cell, or undefined
 */
function findOutput(notebooks: readonly ExecutedNotebook[], text: string, only?: string): CellRef | undefined {
  for (const nb of notebooks) {
    if (only !== undefined && nb.stem !== only) continue;
    for (const c of nb.cells) if (c.outputs.length > 0 && outputText(nb, c.index).includes(text)) return { notebook: nb.stem, cellIndex: c.index, what: text };
  }
  return undefined;
}

/**
 * The status of each figure and table of the catalogue in this run.
 *
 * A listed kit figure (or `name*` prefix) must have been displayed by some notebook, and a listed
 * output text must occur in the named notebook's outputs; otherwise the item is "absent". An item
 * shown by a figure flagged SYNTHETIC, or by a notebook whose banner is not "real", is "synthetic".
 * A real item is "mismatch" when any of its claims disagrees, "match" when it has checkable claims and
 * all agree, else "real-unchecked". An item with nothing listed is "offline", with its reason.
 *
 * @param items - the catalogue ({@link PAPER_ITEMS})
 * @param notebooks - the run's executed notebooks
 * @param ledgers - the run's claims ledgers
 * @returns one row per item, in catalogue order
 * @example
 * const item = { paper: "liu2025", kind: "table", label: "Table 9", panels: "", caption: "x", section: "s", figures: [], outputs: [], claims: [], offline: "needs data not shipped" } as const;
 * itemStatuses([item], [], [])[0].status; // 'offline'
 */
export function itemStatuses(items: readonly PaperItem[], notebooks: readonly ExecutedNotebook[], ledgers: readonly Ledger[]): ItemStatus[] {
  const shown = notebooks.flatMap((nb) => nb.figures.map((f) => ({ ...f, notebook: nb.stem })));
  const claimById = new Map(ledgers.flatMap((l) => l.claims.map((c) => [`${l.paper}:${c.id}`, c] as const)));
  return items.map((item) => {
    const cells: CellRef[] = [];
    const missing: string[] = [];
    let synthetic = false;
    for (const name of item.figures) {
      const prefix = name.endsWith("*") ? name.slice(0, -1) : undefined;
      const hits = shown.filter((f) => (prefix === undefined ? f.name === name : f.name.startsWith(prefix)));
      if (hits.length === 0) missing.push(`figure ${name}`);
      for (const h of hits) {
        cells.push({ notebook: h.notebook, cellIndex: h.cellIndex, what: h.name });
        synthetic ||= h.synthetic;
      }
    }
    for (const o of item.outputs) {
      const hit = findOutput(notebooks, o.contains, o.notebook);
      if (hit === undefined) {
        missing.push(`the output "${o.contains}" of ${o.notebook}`);
        continue;
      }
      cells.push(hit);
      const banner = notebooks.find((nb) => nb.stem === o.notebook)?.banner;
      synthetic ||= banner?.data !== "real";
    }
    const none: string[] = [];
    if (missing.length > 0) return { item, status: "absent", reason: `not found in this run: ${missing.join("; ")}`, cells, disagreeing: none };
    if (cells.length === 0) return { item, status: "offline", reason: item.offline ?? "the kit does not redraw it", cells, disagreeing: none };
    const partly = item.offline === undefined ? "" : ` Not redrawn: ${item.offline}`;
    if (synthetic) return { item, status: "synthetic", reason: `redrawn from SYNTHETIC data (a figure displayed with the SYNTHETIC flag, or a notebook whose banner says its data are not real), so its numbers do not test the paper.${partly}`, cells, disagreeing: none };
    const claims = item.claims.map((id) => claimById.get(`${item.paper}:${id}`)).filter((c): c is LedgerClaim => c !== undefined && c.match !== null);
    const bad = claims.filter((c) => c.match === false);
    if (bad.length > 0) return { item, status: "mismatch", reason: `${bad.length} of ${claims.length} checked claims disagree (${bad.map((c) => c.id).join(", ")}; their notes say whether the paper's text disagrees with its own Table 1).${partly}`, cells, disagreeing: bad.map((c) => c.id) };
    if (claims.length > 0) return { item, status: "match", reason: `all ${claims.length} checked claim${claims.length === 1 ? "" : "s"} agree${claims.length === 1 ? "s" : ""}.${partly}`, cells, disagreeing: none };
    return { item, status: "real-unchecked", reason: `recomputed from the shipped real data; the paper prints no number for it that the claims ledger checks.${partly}`, cells, disagreeing: none };
  });
}

/**
 * The status of each claim of the ledgers in this run. A claim with no verdict is "offline" (the
 * ledger's note says what is missing); a claim evaluated on synthetic data (the ledger says so, or the
 * notebook listing it has a non-real banner) is "synthetic"; else "match" or "mismatch".
 *
 * @param ledgers - the claims ledgers
 * @param notebooks - the executed notebooks (to find the cell listing each claim and its data status)
 * @returns one row per claim, ledger by ledger
 * @example
 * const claim = { id: "c1", where: "Abstract", claim: "x", printed: 1, computed: 1.02, match: true, rule: "rounds", note: "agrees" };
 * claimStatuses([{ paper: "liu2025", file: "claims-liu2025.json", claims: [claim], synthetic: false }], [])[0].status; // 'match'
 */
export function claimStatuses(ledgers: readonly Ledger[], notebooks: readonly ExecutedNotebook[]): ClaimStatus[] {
  return ledgers.flatMap((ledger) =>
    ledger.claims.map((claim): ClaimStatus => {
      const cell = findOutput(notebooks, claim.id);
      const banner = cell === undefined ? undefined : notebooks.find((nb) => nb.stem === cell.notebook)?.banner;
      if (claim.match === null) return { paper: ledger.paper, claim, status: "offline", reason: claim.note, cell };
      if (ledger.synthetic || (banner !== undefined && banner.data !== "real")) {
        return { paper: ledger.paper, claim, status: "synthetic", reason: `computed on synthetic data (${ledger.file}), so the comparison does not test the paper`, cell };
      }
      return { paper: ledger.paper, claim, status: claim.match ? "match" : "mismatch", reason: `${claim.rule}: ${claim.note}`, cell };
    }),
  );
}
