/**
 * `npm run exercises [-- [--masters DIR] [--out DIR] [--no-verify] [NAME…]]`: student notebooks and the
 * autograder bundle from the exercise masters (make-exercises.ts).
 */
import { makeExercises, type MakeExercisesOptions } from "./make-exercises";

function parse(argv: readonly string[]): MakeExercisesOptions {
  const o: { masters?: string; out?: string; verify?: boolean; names?: string[] } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--masters" || a === "--out") {
      const v = argv[++i];
      if (v === undefined) throw new Error(`exercises: ${a} needs a folder`);
      o[a === "--masters" ? "masters" : "out"] = v;
    } else if (a === "--no-verify") o.verify = false;
    else if (a.startsWith("--")) throw new Error(`exercises: unknown option ${a} (known: --masters DIR, --out DIR, --no-verify, exercise names)`);
    else (o.names ??= []).push(a.replace(/\.ipynb$/, "").split("/").pop()!);
  }
  return o;
}

try {
  const t0 = performance.now();
  const builds = makeExercises(parse(process.argv.slice(2)));
  const q = builds.reduce((a, b) => a + b.questions, 0);
  console.log(`exercises: ${builds.length} exercises, ${q} questions in ${((performance.now() - t0) / 1000).toFixed(0)} s; hand out build/exercises/student/, keep build/exercises/instructor/ (hidden tests) for npm run grade`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
