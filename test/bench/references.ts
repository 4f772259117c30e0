/**
 * What a reference of `npm run bench` needs, and exactly what is missing on this machine (issue 17,
 * goal 5): each R package or Python module is checked on its own, so the bench names the missing
 * piece and its Debian package instead of blaming the reference as a whole.
 */
import { spawnSync } from "node:child_process";

/** One piece a reference needs: how to check it, and the Debian package that provides it. */
export interface Requirement {
  /** What it is, e.g. "R package jsonlite". */
  what: string;
  /** The Debian package (listed in environment/apt-oracles.txt). */
  debian: string;
  /** Program and arguments that exit 0 when it is present. */
  check: [string, string[]];
}

/** An R package (needs Rscript). */
export const rPackage = (pkg: string, debian: string): Requirement => ({ what: `R package ${pkg}`, debian, check: ["Rscript", ["-e", `suppressMessages(library(${pkg}))`]] });

/** A module of Debian's Python. */
export const pythonModule = (mod: string, debian: string): Requirement => ({ what: `Python module ${mod}`, debian, check: ["/usr/bin/python3", ["-c", `import ${mod}`]] });

/**
 * The requirements that are missing here (Rscript itself is reported once when R is absent).
 *
 * @param needs - what the reference needs
 * @returns one line per missing piece, with its Debian package; empty when all are present
 */
export function missingRequirements(needs: readonly Requirement[]): string[] {
  const missing: string[] = [];
  if (needs.some((n) => n.check[0] === "Rscript") && spawnSync("Rscript", ["--version"], { stdio: "ignore" }).status !== 0) missing.push("Rscript (Debian r-base-core)");
  for (const n of needs) {
    if (n.check[0] === "Rscript" && missing.length > 0 && missing[0]!.startsWith("Rscript")) {
      missing.push(`${n.what} (Debian ${n.debian})`);
      continue;
    }
    if (spawnSync(n.check[0], n.check[1], { stdio: "ignore" }).status !== 0) missing.push(`${n.what} (Debian ${n.debian})`);
  }
  return missing;
}

/**
 * The bench's line for a reference that cannot run.
 *
 * @param label - the reference, e.g. "Forest (ranger)"
 * @param missing - from {@link missingRequirements}
 * @returns the message
 */
export function skippedLine(label: string, missing: readonly string[]): string {
  return `${label}: skipped — missing ${missing.join(", ")}; install with: npm run setup -- --oracles (environment/apt-oracles.txt)`;
}
