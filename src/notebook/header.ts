/**
 * The banner at the top of every notebook: which paper section it reproduces, the active
 * profile, whether the data are real or synthetic, and the seed.
 */
import { currentProfile, type ProfileName } from "../project/profile";
import { showMarkdown } from "./display";

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
 */
export function notebookHeader(info: NotebookInfo): NotebookHeader {
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
