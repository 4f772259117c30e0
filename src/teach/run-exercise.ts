/**
 * Run one exercise notebook headless on the project's tslab kernel through
 * environment/run_exercise.py (issue 18): every cell runs even after one fails, each failure is
 * reported by cell, and the executed notebook is written for inspection.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { EngineError } from "../core/errors";
import { projectRoot } from "../project/paths";
import type { CellFailure } from "./grade";

/** What a run reported. */
export interface ExerciseRun {
  /** Wall seconds of the notebook's cells (kernel start included). */
  seconds: number;
  /** Code cells run. */
  cells: number;
  /** The cells that failed, in order. */
  errors: CellFailure[];
  /** Kernel restarts after the kernel died. */
  restarts: number;
}

/**
 * Execute a notebook, continuing after failing cells.
 *
 * @param notebook - the .ipynb to run (its folder is the kernel's working folder)
 * @param out - where the executed notebook is written
 * @param env - extra environment (the PERMAFROST_EXERCISE_* variables)
 * @param timeoutS - per-cell limit in seconds (default 300); a cell past it is interrupted and failed
 * @returns the run's report
 * @throws EngineError when the runner itself cannot run (no Debian python3 with nbclient, no kernel,
 *   no such notebook)
 * @example
 * runExerciseNotebook("no-such-notebook.ipynb", "out.ipynb", {}); // throws EngineError
 */
export function runExerciseNotebook(notebook: string, out: string, env: Record<string, string>, timeoutS = 300): ExerciseRun {
  const runner = path.join(projectRoot(), "environment", "run_exercise.py");
  const r = spawnSync("/usr/bin/python3", [runner, path.resolve(notebook), "--out", path.resolve(out), "--timeout", String(timeoutS)], {
    encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 1 << 26,
  });
  const last = (r.stdout ?? "").trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !last.startsWith("{")) {
    throw new EngineError("environment/run_exercise.py", `running ${notebook}`, new Error((r.stderr || r.error?.message || `exit ${String(r.status)}`).trim().slice(-2000)));
  }
  return JSON.parse(last) as ExerciseRun;
}
