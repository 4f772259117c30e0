/**
 * Where the kit's files live: the package root, `data/` and `build/`.
 *
 * The package root is found from this compiled file's own location (`dist/project/`), so it
 * is the same whether the kit is imported from `notebooks/`, from `test/` or by a script.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ArgumentError, DataError } from "../core/errors";

let cachedRoot: string | undefined;

/**
 * Absolute path of the `permafrost-kit` package root (the folder holding its package.json).
 *
 * @returns the folder
 * @throws DataError when no package.json named `permafrost-kit` is found above this module.
 */
export function projectRoot(): string {
  if (cachedRoot !== undefined) return cachedRoot;
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg)) {
      let name: unknown;
      try {
        name = (JSON.parse(fs.readFileSync(pkg, "utf8")) as { name?: unknown }).name;
      } catch {
        name = undefined; // an unreadable package.json is not ours; keep looking upwards
      }
      if (name === "permafrost-kit") {
        cachedRoot = dir;
        return dir;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new DataError({ file: __dirname, expected: 'a package.json with "name": "permafrost-kit" in this folder or above' }, "not inside the permafrost-kit package");
    dir = parent;
  }
}

/**
 * Absolute path of the build output folder: `$PERMAFROST_BUILD_DIR` if set, else `<root>/build`.
 *
 * @returns the folder (not created)
 */
export function buildDir(): string {
  const fromEnv = process.env["PERMAFROST_BUILD_DIR"];
  return fromEnv !== undefined && fromEnv !== "" ? path.resolve(fromEnv) : path.join(projectRoot(), "build");
}

/**
 * Require a relative path below a folder: non-empty string parts, no absolute path, no `..` that
 * would leave the folder.
 *
 * @param fn - the public function
 * @param arg - the argument name
 * @param parts - the path parts
 * @returns the joined relative path
 */
function checkRelative(fn: string, arg: string, parts: readonly unknown[]): string {
  if (parts.length === 0) throw new ArgumentError({ fn, arg, value: 0, expected: "at least one path part" }, "no path given");
  parts.forEach((p, i) => {
    if (typeof p !== "string" || p === "") throw new ArgumentError({ fn, arg, at: i, value: p, expected: "a non-empty string" }, "bad path part");
  });
  const rel = path.normalize(path.join(...(parts as string[])));
  if (path.isAbsolute(rel) || rel === ".." || rel.startsWith(`..${path.sep}`) || path.isAbsolute(parts[0] as string)) {
    throw new ArgumentError({ fn, arg, value: rel, expected: "a relative path that stays inside the folder" }, "path leaves the folder");
  }
  return rel;
}

/**
 * Absolute path of a file under the shipped `data/` folder.
 *
 * @param parts - path segments below `data/`, e.g. `("liu2025", "table1.csv")`
 * @returns the path (not checked for existence)
 * @throws ArgumentError for an empty, absolute or escaping (`..`) path
 */
export function dataPath(...parts: string[]): string {
  return path.join(projectRoot(), "data", checkRelative("dataPath", "parts", parts));
}

/**
 * Absolute path of a sub-folder of the build folder, created if missing.
 *
 * @param sub - folder name below `build/`, e.g. `"results"` or `"figures"`
 * @returns the folder
 * @throws ArgumentError for an empty, absolute or escaping (`..`) folder name
 */
export function buildSubdir(sub: string): string {
  const dir = path.join(buildDir(), checkRelative("buildSubdir", "sub", [sub]));
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** The environment variable that moves the results folder (e.g. to compare two runs). */
export const RESULTS_DIR_ENV = "PERMAFROST_RESULTS_DIR";

/**
 * The folder of the machine-readable results: `$PERMAFROST_RESULTS_DIR` if set, else
 * `build/results`; created if missing. Setting the variable lets two runs write their results
 * side by side, so they can be diffed (`npm run test:rerun`).
 *
 * @returns the folder
 * @example
 * resultsDir(); // e.g. '/home/me/permafrost-kit/build/results'
 * resultsDir() === path.join(projectRoot(), "build", "results"); // true
 */
export function resultsDir(): string {
  const fromEnv = process.env[RESULTS_DIR_ENV];
  if (fromEnv === undefined || fromEnv === "") return buildSubdir("results");
  const dir = path.resolve(fromEnv);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
