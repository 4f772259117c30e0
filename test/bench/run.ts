/**
 * `npm run bench`: the kit's hot paths against reference implementations measured in the
 * SAME run (never against numbers from another day). Writes build/bench.json.
 *
 * TreeSHAP: rows/s of `treeShap` on a 3,000 × 18, 100-tree (max_depth 6) model, against
 * Debian xgboost's C++ `pred_contribs` (nthread = 1) on the identical model, when
 * /usr/bin/python3 has xgboost; skipped with a message otherwise. Goal: within 3× of C++.
 *
 * Random forest: see forest.ts (kit vs R ranger vs ml-random-forest).
 *
 * Bootstrap stage (optional, not in the default run): see bootstrap.ts (one replicate of
 * `bootstrapMaps` vs the same replicate in R ranger). `--only bootstrap` runs just that section
 * (`--only treeshap,forest,bootstrap` picks several); `--quick` gives it the quick profile's inputs
 * instead of the full profile's. The sections run are merged into an existing build/bench.json.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildDir, createRng, predictEnsemble, trainXGBoost, treeShap } from "permafrost-kit";
import { missingRequirements, pythonModule, skippedLine } from "./references";
import { forestBench } from "./forest";
import { bootstrapBench } from "./bootstrap";

function best<T>(reps: number, f: () => T): { ms: number; value: T } {
  let ms = Infinity;
  let value: T | undefined;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    value = f();
    ms = Math.min(ms, performance.now() - t0);
  }
  return { ms, value: value! };
}

async function treeShapBench(): Promise<Record<string, unknown>> {
  const n = 3000, p = 18;
  const rng = createRng(20240117, "bench-treeshap");
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) x[i * p + j] = rng.uniform();
    y[i] = Math.sin(6 * x[i * p]!) + 2 * x[i * p + 1]! * x[i * p + 2]! + 0.5 * x[i * p + 3]! + 0.1 * rng.normal();
  }
  const t0 = performance.now();
  const model = await trainXGBoost(x, p, y, { eta: 0.1, max_depth: 6, nrounds: 100 });
  const trainMs = performance.now() - t0;
  const shap = best(3, () => treeShap(model.ensemble, x));
  const pred = best(3, () => predictEnsemble(model.ensemble, x));
  const kitRowsPerS = n / (shap.ms / 1000);
  const out: Record<string, unknown> = { rows: n, features: p, trees: model.ensemble.nTrees, maxDepth: 6, trainMsEngine: trainMs, kitTreeShapMs: shap.ms, kitTreeShapRowsPerS: kitRowsPerS, kitPredictRowsPerS: n / (pred.ms / 1000) };
  console.log(`TreeSHAP (kit): ${shap.ms.toFixed(0)} ms for ${n} rows × ${model.ensemble.nTrees} trees = ${kitRowsPerS.toFixed(0)} rows/s; ml-xgboost training ${trainMs.toFixed(0)} ms`);
  const missing = missingRequirements([pythonModule("xgboost", "python3-xgboost"), pythonModule("numpy", "python3-numpy")]);
  const hasXgb = missing.length === 0;
  if (!hasXgb) {
    console.log(skippedLine("TreeSHAP (xgboost C++)", missing));
    return { ...out, reference: null, referenceMissing: missing };
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pk-bench-"));
  fs.writeFileSync(path.join(tmp, "data.json"), JSON.stringify({ x: Array.from(x), y: Array.from(y), n, p }));
  const py = `
import json, time, numpy as np, xgboost as xgb
d = json.load(open("${tmp}/data.json"))
X = np.array(d["x"], dtype=np.float32).reshape(d["n"], d["p"]); y = np.array(d["y"])
b = xgb.train({"eta": 0.1, "max_depth": 6, "tree_method": "exact", "nthread": 1, "base_score": 0.5}, xgb.DMatrix(X, label=y, nthread=1), 100)
dm = xgb.DMatrix(X, nthread=1)
best = 1e9
for _ in range(3):
    t = time.perf_counter(); c = b.predict(dm, pred_contribs=True); best = min(best, time.perf_counter() - t)
print(json.dumps({"ms": best * 1000, "version": xgb.__version__}))
`;
  const r = spawnSync("/usr/bin/python3", ["-c", py], { encoding: "utf8" });
  fs.rmSync(tmp, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`bench: xgboost reference failed: ${r.stderr}`);
  const ref = JSON.parse(r.stdout.trim().split("\n").pop()!) as { ms: number; version: string };
  const refRowsPerS = n / (ref.ms / 1000);
  const ratio = shap.ms / ref.ms;
  console.log(`TreeSHAP (xgboost ${ref.version} C++, 1 thread): ${ref.ms.toFixed(0)} ms = ${refRowsPerS.toFixed(0)} rows/s`);
  console.log(`ratio kit / C++ time: ${ratio.toFixed(2)}× (goal ≤ 3×) — ${ratio <= 3 ? "met" : "NOT met"}`);
  return { ...out, reference: { engine: `xgboost ${ref.version} pred_contribs, nthread 1`, ms: ref.ms, rowsPerS: refRowsPerS }, ratioKitOverReference: ratio, goalMet: ratio <= 3 };
}

const SECTIONS = ["treeshap", "forest", "bootstrap"] as const;
type Section = (typeof SECTIONS)[number];

function parseArgs(argv: readonly string[]): { only: Section[]; quick: boolean } {
  let only: Section[] = ["treeshap", "forest"];
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--quick") quick = true;
    else if (a === "--only" || a.startsWith("--only=")) {
      const v = a === "--only" ? argv[++i] : a.slice("--only=".length);
      const names = (v ?? "").split(",").filter((n) => n !== "");
      const bad = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
      if (names.length === 0 || bad.length > 0) throw new Error(`bench: --only takes a comma-separated list of ${SECTIONS.join(", ")}; got ${JSON.stringify(v ?? "")}`);
      only = names as Section[];
    } else throw new Error(`bench: unknown argument ${JSON.stringify(a)} (known: --only <${SECTIONS.join("|")}>[,…], --quick)`);
  }
  return { only, quick };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const file = path.join(buildDir(), "bench.json");
  const before: Record<string, unknown> = args.only.length < SECTIONS.length && fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown> : {};
  const results: Record<string, unknown> = { ...before, node: process.version, cpus: os.cpus().length };
  if (args.only.includes("treeshap")) results["treeShap"] = await treeShapBench();
  if (args.only.includes("forest")) results["forest"] = await forestBench();
  if (args.only.includes("bootstrap")) results["bootstrap"] = await bootstrapBench({ profile: args.quick ? "quick" : "full" });
  fs.mkdirSync(buildDir(), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`wrote ${path.join("build", "bench.json")}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
