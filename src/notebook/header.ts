/**
 * The banner at the top of every notebook: which paper section it reproduces, the active
 * profile, whether the data are real or synthetic, and the seed.
 */
import { currentProfile, type ProfileName } from "../project/profile";
import { showMarkdown } from "./display";
import { ArgumentError } from "../core/errors";
import { checkInteger, checkOneOf, checkOptions } from "../core/checks";

/** What a notebook declares about itself. */
export interface NotebookInfo {
  /** Notebook file name without extension, e.g. "00-start-here". */
  notebook: string;
  /** What it reproduces, e.g. "Liu et al. 2025, Methods: Descriptive analysis; Figs 1–2". */
  reproduces: string;
  /** "real" (shipped published data), "synthetic" (demo world) or "mixed" (say which in `dataNote`). */
  data: "real" | "synthetic" | "mixed";
  /** One sentence on the data's origin. */
  dataNote: string;
  /** The seed used for all randomness in the notebook, if any. */
  seed?: number;
}

/** The banner's facts, as returned by {@link notebookHeader}. */
export interface NotebookHeader extends NotebookInfo {
  /** The active profile. */
  profile: ProfileName;
  /** Node.js version running the kernel. */
  node: string;
}

/**
 * Display the notebook banner and return its facts (for the results JSON).
 *
 * @param info - what the notebook reproduces, its data status and seed
 * @returns the banner's facts
 * @throws ArgumentError for an unknown field, a missing or empty text field, a data status other
 *   than real/synthetic/mixed, or a seed that is not a non-negative integer
 */
export function notebookHeader(info: NotebookInfo): NotebookHeader {
  const fn = "notebookHeader";
  if (info === undefined) throw new ArgumentError({ fn, arg: "info", value: info, expected: "{ notebook, reproduces, data, dataNote, seed? }" }, "missing");
  checkOptions(fn, "info", info, ["notebook", "reproduces", "data", "dataNote", "seed"]);
  for (const k of ["notebook", "reproduces", "dataNote"] as const) {
    if (typeof info[k] !== "string" || info[k].trim() === "") throw new ArgumentError({ fn, arg: `info.${k}`, value: info[k], expected: "a non-empty string" }, "missing");
  }
  checkOneOf(fn, "info.data", info.data, ["real", "synthetic", "mixed"] as const);
  if (info.seed !== undefined) checkInteger(fn, "info.seed", info.seed, { min: 0, max: Number.MAX_SAFE_INTEGER });
  const header: NotebookHeader = { ...info, profile: currentProfile(), node: process.version };
  const dataLine =
    info.data === "real"
      ? `**Data: real** (${info.dataNote})`
      : info.data === "synthetic"
        ? `**Data: SYNTHETIC** (${info.dataNote}). Numbers from synthetic data do not reproduce the paper's numbers.`
        : `**Data: mixed real and SYNTHETIC** (${info.dataNote})`;
  showMarkdown(
    [
      `> **${info.notebook}** · reproduces: ${info.reproduces}`,
      `> `,
      `> Profile: **${header.profile}** (set \`PERMAFROST_PROFILE=quick|full\`) · ${dataLine}`,
      `> `,
      `> Seed: ${info.seed === undefined ? "none (no randomness)" : `**${info.seed}**`} · Node ${header.node}`,
    ].join("\n"),
  );
  return header;
}
