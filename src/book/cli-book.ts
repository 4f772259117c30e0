/**
 * `npm run book -- [--profile quick|full] [--run DIR] [--out DIR]`: build the static book (build-book.ts)
 * from the executed notebooks of the last run (by default the profile whose run finished last) and
 * print where it is, its pages and figures, and the reproduction report's tally.
 */
import * as path from "node:path";
import { buildBook, type BookOptions } from "./build-book";
import type { ProfileName } from "../project/profile";

/**
 * Read the command line.
 *
 * @param argv - the arguments after the script
 * @returns the book's options
 */
function parse(argv: readonly string[]): BookOptions {
  const options: { profile?: ProfileName; runDir?: string; out?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    if (a !== "--profile" && a !== "--run" && a !== "--out") throw new Error(`book: unknown argument ${a} (known: --profile quick|full, --run DIR, --out DIR)`);
    if (v === undefined) throw new Error(`book: ${a} needs a value`);
    i += 1;
    if (a === "--profile") {
      if (v !== "quick" && v !== "full") throw new Error(`book: --profile takes quick or full; got ${JSON.stringify(v)}`);
      options.profile = v;
    } else if (a === "--run") options.runDir = v;
    else options.out = v;
  }
  return options;
}

try {
  const book = buildBook(parse(process.argv.slice(2)));
  const rel = path.relative(process.cwd(), book.out) || ".";
  const figures = Object.values(book.figures).reduce((a, b) => a + b, 0);
  const t = (c: Record<string, number>): string => Object.entries(c).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(", ");
  console.log(`book: ${book.pages.length} pages, ${book.notebooks.shown} notebooks, ${figures} interactive figures, from the ${book.profile} run`);
  console.log(`book: figures and tables: ${t(book.items)}; claims: ${t(book.claims)}`);
  if (book.notebooks.failed.length > 0) console.log(`book: FAILED notebooks in that run: ${book.notebooks.failed.join(", ")}`);
  if (book.notebooks.missing.length > 0) console.log(`book: notebooks not in that run: ${book.notebooks.missing.join(", ")}`);
  for (const w of book.warnings) console.log(`book: warning: ${w}`);
  console.log(`book: open ${rel}/index.html (works from file:// and any static server); the report is ${rel}/report.html`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
