/**
 * `npm run grade -- [--bundle DIR] [--out DIR] [--timeout S] <submission.ipynb…>`: grade submitted
 * student notebooks (grade-submissions.ts); writes build/grades/<exercise>.csv and per-student feedback.
 */
import * as path from "node:path";
import { buildDir } from "../project/paths";
import { gradeSubmissions, type GradeOptions } from "./grade-submissions";

function parse(argv: readonly string[]): { files: string[]; options: GradeOptions } {
  const files: string[] = [];
  const options: { bundle?: string; out?: string; timeoutS?: number } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--bundle" || a === "--out" || a === "--timeout") {
      const v = argv[++i];
      if (v === undefined) throw new Error(`grade: ${a} needs a value`);
      if (a === "--timeout") {
        const t = Number(v);
        if (!Number.isFinite(t) || t <= 0) throw new Error(`grade: --timeout takes seconds > 0; got ${JSON.stringify(v)}`);
        options.timeoutS = t;
      } else options[a === "--bundle" ? "bundle" : "out"] = v;
    } else if (a.startsWith("--")) throw new Error(`grade: unknown option ${a} (known: --bundle DIR, --out DIR, --timeout S, submissions)`);
    else files.push(a);
  }
  if (files.length === 0) throw new Error("grade: no submissions given (npm run grade -- subs/*.ipynb)");
  return { files, options };
}

try {
  const { files, options } = parse(process.argv.slice(2));
  const report = gradeSubmissions(files, options);
  const out = path.relative(process.cwd(), path.resolve(options.out ?? path.join(buildDir(), "grades"))) || ".";
  console.log(`grade: ${report.scores.length} graded, ${report.refused.length} refused; scores in ${out}/<exercise>.csv, feedback in ${out}/feedback/${report.refused.length > 0 ? `, refusals in ${out}/refused.json` : ""}`);
  if (report.refused.length > 0) process.exitCode = 2;
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
