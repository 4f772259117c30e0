/**
 * Atomic file writes. Every file the kit writes for a later run to trust (cache entries, results,
 * timings, figure files) is written to a temporary file in the same folder — named
 * `.<file>.<pid>.<random>.tmp` — and then renamed over the target. A rename within one folder is
 * atomic, so a run killed at any moment leaves either the old file, the new file, or a stray
 * temporary file: never a half-written target. Stray temporaries of processes that are no longer
 * alive are ignored by every reader and removed by {@link cleanStrayTemps}.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { ArgumentError, EngineError } from "../core/errors";

/** Bytes per `write` call, so a large file is written in steps (and a kill can land between them). */
const CHUNK = 1 << 20;

/** Matches the temporary files of {@link writeFileAtomic} (and the older `<file>.<pid>.tmp`), capturing the pid. */
export const TEMP_FILE_RE = /\.(\d+)(?:\.[0-9a-f]+)?\.tmp$/;

/**
 * The temporary name used for `file` by this process: same folder, hidden, with the pid and a
 * random part so two writers never share one.
 *
 * @param file - the target file
 * @returns the temporary path
 * @example
 * tempPathFor("/x/build/quick/results/a.json"); // e.g. '/x/build/quick/results/.a.json.12345.1f2e3d4c.tmp' (pid, random)
 * /^\/x\/build\/quick\/results\/\.a\.json\.\d+\.[0-9a-f]{8}\.tmp$/.test(tempPathFor("/x/build/quick/results/a.json")); // true
 */
export function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/**
 * Write `data` to `file` atomically: into a temporary file in the same folder, then rename. The
 * folder must exist.
 *
 * @param file - the target path
 * @param data - text (written as UTF-8) or bytes
 * @throws ArgumentError when `file` is not a non-empty string or `data` is neither text nor bytes
 * @throws EngineError ("filesystem") when the write or the rename fails (no space, no permission);
 *   the temporary file is removed
 * @example
 * writeFileAtomic("out.json", "{}\n");
 * fs.readFileSync("out.json", "utf8"); // '{}\n'
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  if (typeof file !== "string" || file === "") throw new ArgumentError({ fn: "writeFileAtomic", arg: "file", value: file, expected: "a file path" }, "not a path");
  if (typeof data !== "string" && !(data instanceof Uint8Array)) {
    throw new ArgumentError({ fn: "writeFileAtomic", arg: "data", value: data, expected: "a string or a Uint8Array" }, "not text or bytes");
  }
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const tmp = tempPathFor(file);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, "wx");
    for (let off = 0; off < bytes.byteLength; ) off += fs.writeSync(fd, bytes, off, Math.min(CHUNK, bytes.byteLength - off));
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already closed
      }
    }
    fs.rmSync(tmp, { force: true });
    throw new EngineError("filesystem", `write ${file}`, e);
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === "EPERM";
  }
}

/**
 * Remove the temporary files that killed writers left in `dir` (those whose pid is no longer a
 * running process). Temporaries of live processes are left alone; no reader ever trusts a
 * temporary file.
 *
 * @param dir - the folder (a folder that does not exist or cannot be read has nothing to clean: 0)
 * @returns the number of files removed
 * @throws ArgumentError when `dir` is not a non-empty string
 * @example
 * cleanStrayTemps("/tmp/empty-folder"); // 0
 */
export function cleanStrayTemps(dir: string): number {
  if (typeof dir !== "string" || dir === "") throw new ArgumentError({ fn: "cleanStrayTemps", arg: "dir", value: dir, expected: "a folder path" }, "not a path");
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const m = TEMP_FILE_RE.exec(name);
    if (m === null || alive(Number(m[1]))) continue;
    try {
      fs.rmSync(path.join(dir, name), { force: true });
      removed++;
    } catch {
      // another process cleaned it first
    }
  }
  return removed;
}

const cleaned = new Set<string>();

/**
 * {@link cleanStrayTemps} once per folder per process (writers call it before their first write).
 *
 * @param dir - the folder
 * @throws ArgumentError when `dir` is not a non-empty string
 * @example
 * cleanStrayTempsOnce("/tmp/empty-folder"); // passes
 */
export function cleanStrayTempsOnce(dir: string): void {
  if (cleaned.has(dir)) return;
  cleaned.add(dir);
  cleanStrayTemps(dir);
}
