/**
 * `npm run bench`: the kit's hot paths against reference implementations measured in the
 * SAME run (never against numbers from another day). Writes build/bench.json.
 *
 * TreeSHAP: see treeshap.ts (kit vs Debian xgboost's C++ `pred_contribs`, nthread = 1).
 *
 * Random forest: see forest.ts (kit vs R ranger vs ml-random-forest).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildDir } from "permafrost-kit";
import { forestBench } from "./forest";
import { treeShapBench } from "./treeshap";

async function main(): Promise<void> {
  const results = { node: process.version, cpus: os.cpus().length, treeShap: await treeShapBench(), forest: await forestBench() };
  fs.mkdirSync(buildDir(), { recursive: true });
  fs.writeFileSync(path.join(buildDir(), "bench.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`wrote ${path.join("build", "bench.json")}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
