/**
 * Progress with an ETA for the long stages (issue 15: the grid search, the member maps, the
 * bootstrap, the site-grouped CV, per-pixel trends over large maps). A reporter counts finished
 * units of work (models, members, replicates, folds, blocks) and emits a line such as
 * `grid search: 37/108 models (34 %), 1m12s elapsed, ETA 2m18s`
 * when it starts, then at most once every `everyS` seconds (default 5), and a final line when
 * the work is done.
 *
 * **ETA.** The estimate uses the mean rate observed since the start: after `done` of `total`
 * units in `elapsed` seconds, ETA = elapsed × (total − done) / done. It is unknown (`null`,
 * printed as `ETA …`) before the first unit finishes. A mean over the whole run is steadier than
 * the rate of the last few units when a worker pool finishes units in bursts.
 *
 * **Where the lines go.** (a) Inside a tslab kernel: the cell's output, as one line shown when the
 * stage starts and updated in place (Jupyter's `update_display_data`), so a 50-minute stage leaves
 * a single line in the notebook, its final one. (b) When the environment variable
 * `PERMAFROST_PROGRESS_FILE` names a file, one JSON object per emitted line is appended to it
 * ({@link ProgressEvent}); the notebook runner `environment/run_notebooks.py` sets a fresh file per
 * notebook and prints its events in the terminal. (c) Outside a kernel and without that file:
 * stderr (with the file, outside a kernel, only the file). Progress never goes into a results
 * JSON, so results stay byte-identical whatever is printed.
 */
import * as fs from "node:fs";
import { ArgumentError } from "../core/errors";
import { checkInteger, checkNumber, checkOptions } from "../core/checks";

type WriteDisplayData = (content: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

/**
 * tslab's display writer for the cell being executed (as in display.ts), or undefined outside a kernel.
 *
 * @returns the writer, or undefined
 */
function kernelDisplay(): WriteDisplayData | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData?: WriteDisplayData | null };
    return jupyter.lastWriteDisplayData ?? undefined;
  } catch {
    return undefined;
  }
}

let displays = 0;

/** The environment variable naming the JSON-lines file that progress events are appended to. */
export const PROGRESS_FILE_ENV = "PERMAFROST_PROGRESS_FILE";

/** Options of {@link startProgress}. */
export interface ProgressOptions {
  /** What is counted, plural (`models`, `members`, `replicates`, `folds`, `blocks`); default `steps`. */
  unit?: string;
  /** Fewest seconds between two progress lines (the first and the final line always go out); default 5, ≥ 0. */
  everyS?: number;
  /** The clock, in milliseconds (default `Date.now`); inject one for tests. */
  clock?: () => number;
  /**
   * Where text lines go: a function given each line (without newline), or null for no text.
   * Default: inside a tslab kernel, one line in the cell's output updated in place; outside one,
   * stderr when there is no progress file
   * (and nothing when there is: the file's reader shows the events).
   */
  write?: ((line: string) => void) | null;
  /** JSON-lines file for events (default: the `PERMAFROST_PROGRESS_FILE` environment variable; null = none). */
  file?: string | null;
  /** Notebook name to put in each event (optional). */
  notebook?: string;
}

/** One emitted progress event, as appended (one JSON object per line) to the progress file. */
export interface ProgressEvent {
  /** The notebook, when given in the options. */
  notebook?: string;
  /** The stage's label, e.g. `grid search`. */
  stage: string;
  /** What is counted, e.g. `models`. */
  unit: string;
  /** Units finished. */
  done: number;
  /** Units in all. */
  total: number;
  /** Seconds since the start (rounded to 0.1 s). */
  elapsedS: number;
  /** Estimated seconds left (rounded to 0.1 s; 0 when finished), or null before the first unit finishes. */
  etaS: number | null;
  /** True on the final event. */
  final: boolean;
  /** Wall-clock time of the event, seconds since 1970 (from the reporter's clock). */
  t: number;
  /** The text line shown for this event. */
  line: string;
}

const OPTION_NAMES = ["unit", "everyS", "clock", "write", "file", "notebook"] as const;

/**
 * Format a duration for a progress line: `45s` under a minute, `2m05s` under an hour, `1h03m`
 * from an hour on (seconds rounded to the nearest whole second first; minutes of the hour form
 * truncated).
 *
 * @param seconds - a duration in seconds (finite, ≥ 0)
 * @returns the short text
 * @throws ArgumentError when `seconds` is negative or not finite
 * @example
 * formatDuration(44.6); // '45s'
 * formatDuration(125); // '2m05s'
 * formatDuration(3805); // '1h03m'
 */
export function formatDuration(seconds: number): string {
  checkNumber("formatDuration", "seconds", seconds, { min: 0 });
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/**
 * The default text sink: in a kernel, one display (its own display id) updated in place by each
 * line; else stderr, unless a progress file takes the events.
 *
 * @param file - the progress file, or null
 * @returns the sink, or null for none
 */
function defaultWrite(file: string | null): ((line: string) => void) | null {
  const display = kernelDisplay();
  if (display !== undefined) {
    const id = `permafrost-progress-${process.pid}-${++displays}`;
    let shown = false;
    return (line) => {
      display({ data: { "text/plain": line }, metadata: {}, transient: { display_id: id } }, shown);
      shown = true;
    };
  }
  return file === null ? (line) => process.stderr.write(`${line}\n`) : null;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Files whose append failed once: warned about on stderr once, then skipped (a progress file never stops a run). */
const failedFiles = new Set<string>();

/**
 * A running progress report; made by {@link startProgress}. Count finished units with
 * {@link ProgressReporter.tick} or {@link ProgressReporter.update}; reaching the total (or
 * calling {@link ProgressReporter.done}) emits the final line.
 */
export class ProgressReporter {
  /** The stage's label. */
  readonly label: string;
  /** What is counted (plural). */
  readonly unit: string;
  /** Units in all. */
  readonly total: number;
  private readonly everyMs: number;
  private readonly clock: () => number;
  private readonly write: ((line: string) => void) | null;
  private readonly file: string | null;
  private readonly notebook: string | undefined;
  private readonly start: number;
  private lastEmit: number;
  private doneUnits = 0;
  private ended = false;
  /** Every event emitted so far (the same objects written to the file). */
  readonly events: ProgressEvent[] = [];

  /**
   * @param label - the stage's label
   * @param total - units in all (an integer ≥ 0)
   * @param options - unit, throttle, clock and sinks
   * @throws ArgumentError as {@link startProgress}
   */
  constructor(label: string, total: number, options: ProgressOptions = {}) {
    const fn = "startProgress";
    if (typeof label !== "string" || label.trim() === "") throw new ArgumentError({ fn, arg: "label", value: label, expected: "a non-empty stage label, e.g. \"grid search\"" }, "no label");
    checkInteger(fn, "total", total, { min: 0, max: Number.MAX_SAFE_INTEGER });
    checkOptions(fn, "options", options, OPTION_NAMES);
    const o = options ?? {};
    if (o.unit !== undefined && (typeof o.unit !== "string" || o.unit.trim() === "")) throw new ArgumentError({ fn, arg: "options.unit", value: o.unit, expected: "a non-empty plural noun, e.g. \"models\"" }, "not a unit");
    if (o.everyS !== undefined) checkNumber(fn, "options.everyS", o.everyS, { min: 0 });
    if (o.clock !== undefined && typeof o.clock !== "function") throw new ArgumentError({ fn, arg: "options.clock", value: o.clock, expected: "a function returning milliseconds" }, "not a function");
    if (o.write !== undefined && o.write !== null && typeof o.write !== "function") throw new ArgumentError({ fn, arg: "options.write", value: o.write, expected: "a function (line) or null" }, "not a function");
    if (o.file !== undefined && o.file !== null && (typeof o.file !== "string" || o.file === "")) throw new ArgumentError({ fn, arg: "options.file", value: o.file, expected: "a file path or null" }, "not a file path");
    if (o.notebook !== undefined && typeof o.notebook !== "string") throw new ArgumentError({ fn, arg: "options.notebook", value: o.notebook, expected: "a notebook name" }, "not text");
    this.label = label;
    this.unit = o.unit ?? "steps";
    this.total = total;
    this.everyMs = (o.everyS ?? 5) * 1000;
    this.clock = o.clock ?? Date.now;
    const envFile = process.env[PROGRESS_FILE_ENV];
    this.file = o.file !== undefined ? o.file : envFile !== undefined && envFile !== "" ? envFile : null;
    this.write = o.write === undefined ? defaultWrite(this.file) : o.write;
    this.notebook = o.notebook;
    this.start = this.now();
    this.lastEmit = this.start;
    this.emit(false);
    if (total === 0) this.done();
  }

  private now(): number {
    const t = this.clock();
    if (typeof t !== "number" || !Number.isFinite(t)) throw new ArgumentError({ fn: "startProgress", arg: "options.clock", value: t, expected: "a finite number of milliseconds" }, "the clock returned a bad time");
    return t;
  }

  /** Units finished so far. */
  get count(): number {
    return this.doneUnits;
  }

  /** Whether the final line has been emitted. */
  get finished(): boolean {
    return this.ended;
  }

  /**
   * Count `n` more finished units.
   *
   * @param n - units just finished (an integer ≥ 0; default 1)
   * @throws ArgumentError when n is not a non-negative integer or the count would pass the total
   * @example
   * const p = startProgress("bootstrap", 4, { unit: "replicates", write: null, file: null });
   * p.tick(); p.tick(2);
   * p.count; // 3
   */
  tick(n = 1): void {
    checkInteger("ProgressReporter.tick", "n", n, { min: 0 });
    this.update(this.doneUnits + n, "ProgressReporter.tick");
  }

  /**
   * Set the number of finished units (e.g. from a pool's `(done, total)` callback). A line goes
   * out when `everyS` seconds have passed since the last one; reaching the total emits the final
   * line.
   *
   * @param done - units finished so far (an integer from the current count to the total)
   * @param fn - the public function named in errors (default `ProgressReporter.update`)
   * @throws ArgumentError when `done` is not an integer, goes backwards, or passes the total
   * @example
   * let now = 0;
   * const lines: string[] = [];
   * const p = startProgress("grid search", 108, { unit: "models", clock: () => now, write: (l) => lines.push(l), file: null });
   * now = 72_000; p.update(37);
   * lines[1]; // 'grid search: 37/108 models (34 %), 1m12s elapsed, ETA 2m18s'
   */
  update(done: number, fn = "ProgressReporter.update"): void {
    checkInteger(fn, "done", done, { min: this.doneUnits, max: this.total });
    if (this.ended) return;
    this.doneUnits = done;
    if (done === this.total) {
      this.done();
      return;
    }
    if (this.now() - this.lastEmit >= this.everyMs) this.emit(false);
  }

  /**
   * Emit the final line (`…, done in 3m17s`; or `stopped after …` when fewer than `total` units
   * finished). Calling it again does nothing.
   *
   * @example
   * const lines: string[] = [];
   * const p = startProgress("trends", 2, { unit: "blocks", clock: () => 0, write: (l) => lines.push(l), file: null });
   * p.tick(2);
   * lines; // ['trends: 0/2 blocks (0 %), 0s elapsed, ETA …', 'trends: 2/2 blocks (100 %), done in 0s']
   */
  done(): void {
    if (this.ended) return;
    this.ended = true;
    this.emit(true);
  }

  private emit(final: boolean): void {
    const now = this.now();
    this.lastEmit = now;
    const elapsedS = Math.max(0, now - this.start) / 1000;
    const d = this.doneUnits;
    const etaS = d === this.total ? 0 : d === 0 ? null : (elapsedS * (this.total - d)) / d;
    const pct = this.total === 0 ? 100 : Math.floor((100 * d) / this.total);
    const head = `${this.label}: ${d}/${this.total} ${this.unit} (${pct} %)`;
    const line = final
      ? `${head}, ${d === this.total ? "done in" : "stopped after"} ${formatDuration(elapsedS)}`
      : `${head}, ${formatDuration(elapsedS)} elapsed, ETA ${etaS === null ? "…" : formatDuration(etaS)}`;
    const event: ProgressEvent = {
      ...(this.notebook === undefined ? {} : { notebook: this.notebook }),
      stage: this.label, unit: this.unit, done: d, total: this.total,
      elapsedS: round1(elapsedS), etaS: etaS === null ? null : round1(etaS), final, t: round1(now / 1000), line,
    };
    this.events.push(event);
    if (this.write !== null) this.write(line);
    if (this.file !== null && !failedFiles.has(this.file)) {
      try {
        fs.appendFileSync(this.file, `${JSON.stringify(event)}\n`);
      } catch (e) {
        failedFiles.add(this.file);
        process.stderr.write(`progress: cannot append to ${this.file} (${PROGRESS_FILE_ENV}): ${e instanceof Error ? e.message : String(e)}; progress events are no longer written there\n`);
      }
    }
  }
}

/**
 * Start reporting the progress of a long stage; emits the first line at once.
 *
 * @param label - what runs, e.g. `grid search` (non-empty)
 * @param total - units of work in all (an integer ≥ 0; 0 finishes at once)
 * @param options - `unit`, `everyS`, `clock`, `write`, `file`, `notebook` (see {@link ProgressOptions}); other names are an error
 * @returns the reporter: call `tick()`/`update(done)` as units finish and `done()` at the end
 * @throws ArgumentError for an empty label, a total that is negative, fractional or not finite, or
 *   an unknown or bad option (naming it)
 * @example
 * let now = 0;
 * const p = startProgress("bootstrap", 40, { unit: "replicates", clock: () => now, write: null, file: null });
 * now = 130_000; p.update(12);
 * now = 136_000; p.update(13);
 * p.events[2].line; // 'bootstrap: 13/40 replicates (32 %), 2m16s elapsed, ETA 4m42s'
 */
export function startProgress(label: string, total: number, options: ProgressOptions = {}): ProgressReporter {
  return new ProgressReporter(label, total, options);
}

/**
 * The progress callback a long stage passes to its worker pool. Without a caller's `onProgress`
 * it is the `update` of a {@link ProgressReporter} started now under `label` (so its first line
 * goes out before the first unit finishes; lines as {@link startProgress}). With one, the
 * caller's callback is called (it shows what it wants) and, when `PERMAFROST_PROGRESS_FILE` is
 * set, the events still go to that file, so the terminal of the notebook runner shows the stage
 * either way. The stages call this inside their cached computation, so a cache hit reports
 * nothing.
 *
 * @param label - the stage's label, e.g. `grid search`
 * @param total - units of work in all (an integer ≥ 0)
 * @param unit - what is counted, e.g. `fold models`
 * @param onProgress - the caller's callback `(done, total)`, or undefined
 * @returns a callback `(done, total)`; the reporter counts `done` of `total` (the callback's
 *   second argument is passed on to the caller's callback only)
 * @throws ArgumentError for a bad label, total or unit (as {@link startProgress}); the returned
 *   callback throws it when `done` goes backwards or passes the total
 * @example
 * const seen: number[] = [];
 * const cb = stageProgress("grid search", 2, "models", (d) => seen.push(d));
 * cb(1, 2); cb(2, 2);
 * seen; // [1, 2]
 */
export function stageProgress(label: string, total: number, unit: string, onProgress?: (done: number, total: number) => void): (done: number, total: number) => void {
  const file = process.env[PROGRESS_FILE_ENV];
  if (onProgress !== undefined && (file === undefined || file === "")) return onProgress;
  const reporter = startProgress(label, total, onProgress === undefined ? { unit } : { unit, write: null });
  if (onProgress === undefined) return (done: number) => reporter.update(done, "stageProgress");
  return (done: number, n: number) => {
    onProgress(done, n);
    reporter.update(done, "stageProgress");
  };
}
