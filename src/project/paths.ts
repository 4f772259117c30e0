/**
 * Where the kit's files live: the package root, `data/` and `build/`.
 *
 * The package root is found from this compiled file's own location (`dist/project/`), so it
 * is the same whether the kit is imported from `notebooks/`, from `test/` or by a script.
 */
import * as fs from "node:fs";
import * as path from "node:path";

let cachedRoot: string | undefined;

/**
 * Absolute path of the `permafrost-kit` package root (the folder holding its package.json).
 *
 * @throws Error when no package.json named `permafrost-kit` is found above this module.
 */
export function projectRoot(): string {
  if (cachedRoot !== undefined) return cachedRoot;
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg)) {
      const name = (JSON.parse(fs.readFileSync(pkg, "utf8")) as { name?: string }).name;
      if (name === "permafrost-kit") {
        cachedRoot = dir;
        return dir;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`permafrost-kit: no package.json named permafrost-kit above ${__dirname}`);
    dir = parent;
  }
}

/**
 * Absolute path of the build output folder: `$PERMAFROST_BUILD_DIR` if set, else `<root>/build`.
 */
export function buildDir(): string {
  const fromEnv = process.env["PERMAFROST_BUILD_DIR"];
  return fromEnv !== undefined && fromEnv !== "" ? path.resolve(fromEnv) : path.join(projectRoot(), "build");
}

/**
 * Absolute path of a file under the shipped `data/` folder.
 *
 * @param parts - path segments below `data/`, e.g. `("liu2025", "table1.csv")`
 */
export function dataPath(...parts: string[]): string {
  return path.join(projectRoot(), "data", ...parts);
}

/**
 * Absolute path of a sub-folder of the build folder, created if missing.
 *
 * @param sub - folder name below `build/`, e.g. `"results"` or `"figures"`
 */
export function buildSubdir(sub: string): string {
  const dir = path.join(buildDir(), sub);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
