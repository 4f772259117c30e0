/**
 * One call at the top of every notebook: the banner, the times this notebook took on this
 * machine, and a handle that records stage times and closes the notebook.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { buildDir, projectRoot } from "../project/paths";
import { writeTimings } from "../project/results";
import { ArgumentError } from "../core/errors";
import { showMarkdown } from "./display";
import { notebookHeader, type NotebookHeader, type NotebookInfo } from "./header";

/** One notebook's last successful run in one profile, as the notebook runner recorded it. */
export interface MeasuredRun {
  /** Wall-clock seconds of the whole notebook (kernel start to last cell). */
  seconds: number;
  /** When the run finished (ISO 8601, UTC). */
  finished: string;
}

/** The measured times of one notebook on this machine, per profile (absent = not run yet). */
export interface MeasuredTimes {
  /** The last successful run in the quick profile, if any. */
  quick?: MeasuredRun;
  /** The last successful run in the full profile, if any. */
  full?: MeasuredRun;
}

/** The handle returned by {@link notebookStart}. */
export interface NotebookRun {
  /** The banner's facts (the same object {@link notebookHeader} returns; goes into the results JSON). */
  readonly header: NotebookHeader;
  /** The times measured on this machine's last runs of this notebook, read when the notebook started. */
  readonly measured: MeasuredTimes;
  /**
   * Time one step and record it under `stage`. A promise is awaited for the time; a result with a
   * boolean `hit` (a cached stage) records it as `cacheHit`.
   *
   * @param stage - the stage name, e.g. "gridSearch"
   * @param step - the step to run
   * @returns what `step` returns (the same promise for an async step)
   * @throws ArgumentError for an empty or repeated stage name
   */
  time<T>(stage: string, step: () => T): T;
  /**
   * Record a stage time measured elsewhere (e.g. the `ms` of a cached stage).
   *
   * @param stage - the stage name
   * @param ms - milliseconds
   * @param cacheHit - whether the stage reused a cached result
   * @throws ArgumentError for an empty or repeated stage name or a time that is not a finite number ≥ 0
   */
  record(stage: string, ms: number, cacheHit?: boolean): void;
  /**
   * Close the notebook: write the recorded stage times (plus "total", the time since
   * {@link notebookStart}) to `build/<profile>/results/timings/<notebook>.json` (see {@link NotebookRun.timingsFile})
   * and print this run's time. Returns nothing, so the notebook's last cell shows only that line.
   *
   * @throws ArgumentError when called twice
   */
  finish(): void;
  /** The timings file `finish()` wrote, or undefined before it ran. */
  readonly timingsFile: string | undefined;
}

/** The file where the notebook runner keeps each notebook's last successful run per profile (`build/run-times.json`, one file for both profiles). */
export function runTimesFile(): string {
  return path.join(buildDir(), "run-times.json");
}

/**
 * The times measured on this machine's last successful runs of one notebook, per profile, as
 * written by `environment/run_notebooks.py` to `build/run-times.json`. A missing or unreadable
 * file means no measured run (never a guessed number).
 *
 * @param notebook - the notebook file name without extension, e.g. "12-alt-grid-search"
 * @returns the measured runs per profile (a profile is absent when never run here)
 * @example
 * ```ts
 * const t = measuredTimes("99-never-run");
 * t.quick; // undefined
 * t.full; // undefined
 * ```
 */
export function measuredTimes(notebook: string): MeasuredTimes {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(runTimesFile(), "utf8"));
  } catch {
    return {};
  }
  const out: MeasuredTimes = {};
  for (const profile of ["quick", "full"] as const) {
    const rec = (raw as Record<string, Record<string, unknown> | undefined> | null)?.[profile]?.[notebook] as { seconds?: unknown; finished?: unknown } | undefined;
    if (rec && typeof rec.seconds === "number" && Number.isFinite(rec.seconds) && rec.seconds >= 0 && typeof rec.finished === "string") {
      out[profile] = { seconds: rec.seconds, finished: rec.finished };
    }
  }
  return out;
}

function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - 60 * m)} s`;
}

function describeRun(profile: "quick" | "full", run: MeasuredRun | undefined): string {
  return run === undefined
    ? `not run yet in the ${profile} profile on this machine`
    : `**${formatSeconds(run.seconds)}** in the ${profile} profile (run finished ${run.finished.replace("T", " ").slice(0, 16)} UTC)`;
}

/**
 * Start a notebook: show the banner ({@link notebookHeader}) and the times this notebook took in
 * the quick and full profiles on this machine's last runs (from {@link measuredTimes}), and return
 * a handle that records stage times and, with `finish()`, writes them and prints this run's time.
 *
 * @param info - what the notebook reproduces, its data status and seed
 * @returns the handle
 * @throws ArgumentError as {@link notebookHeader} does
 * @example
 * ```ts
 * const nb = notebookStart({ notebook: "99-example", reproduces: "Liu et al. 2025, Methods: Meta-analysis",
 *   data: "real", dataNote: "BCG trials (Colditz et al. 1994)" });
 * nb.header.data; // 'real'
 * nb.time("load", () => [1, 2, 3]).length; // 3
 * nb.timingsFile; // undefined
 * // the notebook's last cell: nb.finish() writes build/<profile>/results/timings/99-example.json and prints this run's time
 * ```
 */
export function notebookStart(info: NotebookInfo): NotebookRun {
  const started = performance.now();
  const header = notebookHeader(info);
  const measured = measuredTimes(info.notebook);
  showMarkdown(`> Time measured on this machine's last runs of this notebook: ${describeRun("quick", measured.quick)}; ${describeRun("full", measured.full)}.`);
  const stages: Record<string, { ms: number; cacheHit?: boolean }> = {};
  let timingsFile: string | undefined;
  const checkStage = (fn: string, stage: unknown): void => {
    if (typeof stage !== "string" || stage.trim() === "" || stage === "total") throw new ArgumentError({ fn, arg: "stage", value: stage, expected: "a non-empty stage name other than \"total\"" }, "bad name");
    if (stage in stages) throw new ArgumentError({ fn, arg: "stage", value: stage, expected: "a stage name not recorded yet" }, "repeated");
  };
  const record = (stage: string, ms: number, cacheHit?: boolean): void => {
    const fn = "NotebookRun.record";
    checkStage(fn, stage);
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) throw new ArgumentError({ fn, arg: "ms", value: ms, expected: "a finite number ≥ 0" }, "bad time");
    stages[stage] = cacheHit === undefined ? { ms } : { ms, cacheHit };
  };
  const hitOf = (v: unknown): boolean | undefined => {
    const hit = v !== null && typeof v === "object" ? (v as { hit?: unknown }).hit : undefined;
    return typeof hit === "boolean" ? hit : undefined;
  };
  return {
    header,
    measured,
    time<T>(stage: string, step: () => T): T {
      checkStage("NotebookRun.time", stage);
      const t0 = performance.now();
      const result = step();
      if (result instanceof Promise) {
        return result.then((v: unknown) => {
          record(stage, performance.now() - t0, hitOf(v));
          return v;
        }) as T;
      }
      record(stage, performance.now() - t0, hitOf(result));
      return result;
    },
    record,
    get timingsFile(): string | undefined {
      return timingsFile;
    },
    finish(): void {
      if (timingsFile !== undefined) throw new ArgumentError({ fn: "NotebookRun.finish", arg: "this", value: info.notebook, expected: "one call per notebook run" }, "called twice");
      const totalMs = performance.now() - started;
      timingsFile = writeTimings(info.notebook, { ...stages, total: { ms: totalMs } });
      const staged = Object.entries(stages).map(([k, v]) => `${k} ${formatSeconds(v.ms / 1000)}${v.cacheHit === true ? " (cached)" : ""}`);
      const shown = path.relative(projectRoot(), timingsFile);
      showMarkdown(
        `> This run (${header.profile} profile): **${formatSeconds(totalMs / 1000)}** from \`notebookStart\` to \`finish\`` +
          (staged.length > 0 ? `; stages: ${staged.join(", ")}` : "") +
          `. Stage times written to \`${shown.startsWith("..") ? timingsFile : shown}\`.`,
      );
    },
  };
}
