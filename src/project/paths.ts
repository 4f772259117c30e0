/**
 * Where the kit's files live: the package root, `data/` and `build/`.
 *
 * The package root is found from this compiled file's own location (`dist/project/`), so it
 * is the same whether the kit is imported from `notebooks/`, from `test/` or by a script.
 *
 * `build/` is split by run profile (issue 19): everything a notebook run produces (executed
 * notebooks, results, timings, figures, maps, the run log) goes below `build/<profile>/`
 * ({@link profileBuildDir}), so a quick interactive session never overwrites the outputs of a full
 * `npm run reproduce`. What does not depend on the profile stays at the build root
 * ({@link buildSubdir}): the content-addressed cache `build/cache/` (its keys hash the settings each
 * profile picks, so the two profiles never share an entry unless the computation is the same),
 * `build/run-times.json` (keyed by profile), the compiled tests, the API docs, the exercises.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ArgumentError, DataError } from "../core/errors";
import { currentProfile } from "./profile";

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
 * Absolute path of a sub-folder of the build folder shared by both profiles, created if missing.
 * A notebook run's outputs go below the profile's folder instead ({@link profileSubdir}).
 *
 * @param sub - folder name below `build/`, e.g. `"cache"` or `"exercises"`
 * @returns the folder
 * @throws ArgumentError for an empty, absolute or escaping (`..`) folder name
 * @example
 * buildSubdir("cache") === path.join(buildDir(), "cache"); // true
 */
export function buildSubdir(sub: string): string {
  const dir = path.join(buildDir(), checkRelative("buildSubdir", "sub", [sub]));
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Absolute path of the active profile's build folder, `build/<profile>/` (profile from
 * `$PERMAFROST_PROFILE` through {@link currentProfile}: `quick` when unset), created if missing.
 * Everything a notebook run writes goes below it: `notebooks/` (executed copies, written by
 * `environment/run_notebooks.py`), `results/` (with `timings/` and the claims ledgers),
 * `figures/`, `maps/` and `run-log.json`. A lab session (quick) thus never touches `build/full/`.
 * `$PERMAFROST_BUILD_DIR` moves the build root and with it both profile folders.
 *
 * @returns the folder
 * @throws ArgumentError naming `PERMAFROST_PROFILE` when it is set to anything other than `quick` or `full`
 * @example
 * profileBuildDir() === path.join(buildDir(), currentProfile()); // true
 * profileBuildDir(); // e.g. '/home/me/permafrost-kit/build/quick' (with PERMAFROST_PROFILE unset or quick)
 */
export function profileBuildDir(): string {
  const dir = path.join(buildDir(), currentProfile());
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Absolute path of a sub-folder of the active profile's build folder ({@link profileBuildDir}),
 * created if missing: where a notebook writes figures (`"figures"`), maps (`"maps"`) and the like.
 *
 * @param sub - folder path below `build/<profile>/`, e.g. `"figures"` or `"maps/product"`
 * @returns the folder
 * @throws ArgumentError for an empty, absolute or escaping (`..`) folder name, or a bad `PERMAFROST_PROFILE`
 * @example
 * profileSubdir("maps") === path.join(buildDir(), currentProfile(), "maps"); // true
 * profileSubdir("../full"); // throws ArgumentError
 */
export function profileSubdir(sub: string): string {
  const rel = checkRelative("profileSubdir", "sub", [sub]);
  const dir = path.join(profileBuildDir(), rel);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** The environment variable that moves the results folder (e.g. to compare two runs). */
export const RESULTS_DIR_ENV = "PERMAFROST_RESULTS_DIR";

/**
 * The folder of the machine-readable results: `$PERMAFROST_RESULTS_DIR` if set, else the active
 * profile's `build/<profile>/results` ({@link profileSubdir}); created if missing. Setting the
 * variable lets two runs write their results side by side, so they can be diffed
 * (`npm run test:rerun`).
 *
 * @returns the folder
 * @throws ArgumentError for a bad `PERMAFROST_PROFILE` (when `$PERMAFROST_RESULTS_DIR` is not set)
 * @example
 * resultsDir(); // e.g. '/home/me/permafrost-kit/build/quick/results'
 * resultsDir() === path.join(buildDir(), currentProfile(), "results"); // true (with PERMAFROST_RESULTS_DIR unset)
 */
export function resultsDir(): string {
  const fromEnv = process.env[RESULTS_DIR_ENV];
  if (fromEnv === undefined || fromEnv === "") return profileSubdir("results");
  const dir = path.resolve(fromEnv);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
