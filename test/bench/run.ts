/**
 * `npm run bench`: the kit's hot paths against reference implementations measured in the
 * SAME run (never against numbers from another day). Writes build/bench.json.
 *
 * TreeSHAP: see treeshap.ts (kit vs Debian xgboost's C++ `pred_contribs`, nthread = 1).
 *
 * Random forest: see forest.ts (kit vs R ranger vs ml-random-forest).
 *
 * Bootstrap stage: see bootstrap.ts (one replicate of `bootstrapMaps` vs the same replicate in R
 * ranger, on the full profile's inputs). `--only bootstrap` runs just that section
 * (`--only treeshap,forest,bootstrap` picks several); `--quick` gives it the quick profile's inputs
 * instead of the full profile's; `--before <rev>` also times the same replicates with the kit at that
 * git revision, built in this run (before.ts; issue 17's goal 2 is measured with `--before 7c391d1`,
 * the last commit before that issue's work). The sections run are merged into an existing build/bench.json.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildDir } from "permafrost-kit";
import { forestBench } from "./forest";
import { treeShapBench } from "./treeshap";
import { bootstrapBench } from "./bootstrap";

const SECTIONS = ["treeshap", "forest", "bootstrap"] as const;
type Section = (typeof SECTIONS)[number];

function parseArgs(argv: readonly string[]): { only: Section[]; quick: boolean; before?: string } {
  let only: Section[] = [...SECTIONS];
  let quick = false;
  let before: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--quick") quick = true;
    else if (a === "--before" || a.startsWith("--before=")) {
      before = a === "--before" ? argv[++i] : a.slice("--before=".length);
      if (before === undefined || before === "") throw new Error("bench: --before takes a git revision, e.g. --before 7c391d1");
    }    else if (a === "--only" || a.startsWith("--only=")) {
      const v = a === "--only" ? argv[++i] : a.slice("--only=".length);
      const names = (v ?? "").split(",").filter((n) => n !== "");
      const bad = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
      if (names.length === 0 || bad.length > 0) throw new Error(`bench: --only takes a comma-separated list of ${SECTIONS.join(", ")}; got ${JSON.stringify(v ?? "")}`);
      only = names as Section[];
    } else throw new Error(`bench: unknown argument ${JSON.stringify(a)} (known: --only <${SECTIONS.join("|")}>[,…], --quick, --before <git revision>)`);
  }
  if (before !== undefined && !only.includes("bootstrap")) throw new Error("bench: --before times the bootstrap section; add bootstrap to --only");
  return before === undefined ? { only, quick } : { only, quick, before };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const file = path.join(buildDir(), "bench.json");
  const before: Record<string, unknown> = args.only.length < SECTIONS.length && fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown> : {};
  const results: Record<string, unknown> = { ...before, node: process.version, cpus: os.cpus().length };
  if (args.only.includes("treeshap")) results["treeShap"] = await treeShapBench();
  if (args.only.includes("forest")) results["forest"] = await forestBench();
  if (args.only.includes("bootstrap")) results["bootstrap"] = await bootstrapBench({ profile: args.quick ? "quick" : "full", ...(args.before === undefined ? {} : { before: args.before }) });
  fs.mkdirSync(buildDir(), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`wrote ${path.join("build", "bench.json")}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
