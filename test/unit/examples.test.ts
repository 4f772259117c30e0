// Runs every `@example` in the doc comments of src/ against the compiled package, so the examples
// in the API reference (`npm run docs`) cannot rot.
//
// How an example is read:
// - The example's code is evaluated in an async function with every export of "permafrost-kit" in
//   scope by its bare name, plus Node's `fs`, `path` and `require`; `await` works. Each example runs in a fresh
//   temporary working folder, so relative file names ("model.json") never touch the repository.
// - A line `expr; // stated` is a check when `stated` starts with a value: a number, a string
//   ('…' or "…"), true/false/null/undefined, an array `[1, 2]`, a typed array `Float64Array [1, 3]`,
//   an object `{ a: 1, b: 'x' }` (all keys of the result; a final `…` entry allows more keys), or one
//   of the words `passes` (must not throw) and `throws ArgumentError` (must throw that class). Text
//   after the value is commentary: `// 0.632 = 1 − e⁻¹` checks 0.632. A comment that does not start
//   with a value is prose, not a check.
// - Numbers (the tolerance): a number written with a decimal point or an exponent and fewer than 15
//   significant digits is the result rounded to the digits shown: |actual − stated| ≤ ½ unit in the
//   last shown place. A number ending in `…` is the result truncated: < 1 unit in the last place.
//   `≈ 0.7` allows 1 unit in the last place. Integers and numbers with 15 or more significant digits
//   must match to 1e-12 relative (exact but for the last bits of floating-point noise). NaN must be
//   NaN, ±Infinity exact.
// - Which examples run: every example on a declaration reachable from the package (an export of
//   src/index.ts, or a method of an exported class). Examples on internal helpers not exported are
//   listed (not run): nothing outside src/ can call them by name.
// - Every example that runs states at least one result, and every exported function and public
//   class method (getters and constructors aside) of src/stats/** and src/ml/** carries one. The
//   only exemptions are in ALLOWED below, each with its reason (none today).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import * as util from "node:util";
import * as ts from "typescript";
import * as kit from "permafrost-kit";

/** Examples that may not run or may lack a check, keyed `file:Owner`, each with the reason. */
const ALLOWED = new Map<string, string>([
]);

interface Example {
  file: string; // relative to the repository root
  line: number; // 1-based line of the `@example` tag
  owner: string; // "name" or "Class.method"
  top: string; // the top-level declaration's name
  exported: boolean; // the top-level declaration carries `export`
  code: string[];
}

const root = kit.projectRoot();

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith(".ts") ? [p] : [];
  });
}

function nameOf(node: ts.Node): string | undefined {
  if (ts.isVariableStatement(node)) {
    const d = node.declarationList.declarations[0];
    return d && ts.isIdentifier(d.name) ? d.name.text : undefined;
  }
  if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)
    || ts.isMethodDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isEnumDeclaration(node)
    || ts.isPropertySignature(node) || ts.isMethodSignature(node)) && node.name !== undefined) {
    return ts.isIdentifier(node.name) ? node.name.text : node.name.getText();
  }
  if (ts.isConstructorDeclaration(node)) return "constructor";
  return undefined;
}

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** The `@example` blocks of one raw doc comment, with the 1-based line of each tag. */
function examplesIn(raw: string, firstLine: number): { line: number; code: string[] }[] {
  const lines = raw.replace(/^\/\*\*/, "").replace(/\*\/$/, "").split("\n").map((l) => l.replace(/^\s*\* ?/, ""));
  const out: { line: number; code: string[] }[] = [];
  let cur: { line: number; code: string[] } | undefined;
  lines.forEach((l, i) => {
    if (/^@\w/.test(l)) {
      cur = undefined;
      if (l.startsWith("@example")) {
        cur = { line: firstLine + i, code: [] };
        out.push(cur);
        const rest = l.slice("@example".length).trim();
        if (rest !== "") cur.code.push(rest);
      }
    } else if (cur !== undefined && !/^\s*```/.test(l)) {
      cur.code.push(l);
    }
  });
  for (const e of out) while (e.code.length > 0 && e.code[e.code.length - 1]!.trim() === "") e.code.pop();
  return out;
}

function collect(): Example[] {
  const out: Example[] = [];
  for (const file of sourceFiles(path.join(root, "src"))) {
    const text = fs.readFileSync(file, "utf8");
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const seen = new Set<number>();
    const visit = (node: ts.Node, top: ts.Node | undefined, cls: string | undefined): void => {
      const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
      for (const doc of docs) {
        if (seen.has(doc.pos)) continue;
        seen.add(doc.pos);
        const raw = text.slice(doc.getStart(sf), doc.end);
        const firstLine = sf.getLineAndCharacterOfPosition(doc.getStart(sf)).line + 1;
        const name = nameOf(node) ?? "?";
        const topNode = top ?? node;
        for (const ex of examplesIn(raw, firstLine)) {
          out.push({
            file: path.relative(root, file).split(path.sep).join("/"), line: ex.line,
            owner: cls !== undefined && top !== undefined ? `${cls}.${name}` : name,
            top: nameOf(topNode) ?? "?", exported: isExported(topNode), code: ex.code,
          });
        }
      }
      const isTop = node.parent === sf;
      const nextTop = isTop ? node : top;
      const nextCls = isTop && (ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)) ? nameOf(node) : cls;
      ts.forEachChild(node, (c) => visit(c, nextTop, nextCls));
    };
    ts.forEachChild(sf, (c) => visit(c, undefined, undefined));
  }
  return out;
}

// ---- the stated result -------------------------------------------------------------------------

type Stated =
  | { kind: "number"; text: string; value: number; approx: boolean }
  | { kind: "string" | "literal"; value: string | boolean | null | undefined }
  | { kind: "array"; typed?: string; items: Stated[] }
  | { kind: "object"; open: boolean; entries: [string, Stated][] };

type Check = { kind: "passes" } | { kind: "throws"; name: string } | { kind: "value"; value: Stated };

const TYPED = ["Float64Array", "Float32Array", "Int32Array", "Uint32Array", "Int16Array", "Uint16Array", "Int8Array", "Uint8Array", "Uint8ClampedArray"];

class Parser {
  i = 0;
  constructor(readonly s: string) {}
  ws(): void { while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++; }
  eat(t: string): boolean { this.ws(); if (this.s.startsWith(t, this.i)) { this.i += t.length; return true; } return false; }
  value(): Stated {
    this.ws();
    const rest = this.s.slice(this.i);
    const approx = /^≈\s*/.exec(rest);
    if (approx) { this.i += approx[0].length; const v = this.value(); if (v.kind !== "number") throw new Error("≈ before a non-number"); return { ...v, approx: true }; }
    const num = /^[-−]?(?:0x[0-9a-fA-F]+|Infinity|NaN|(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?(?:…|\.\.\.)?)/.exec(rest);
    if (num && !/^[\w.]/.test(rest.slice(num[0].length))) {
      this.i += num[0].length;
      const text = num[0].replace("−", "-");
      const value = Number(text.replace(/…|\.\.\.$/, ""));
      if (Number.isNaN(value) && !text.endsWith("NaN")) throw new Error(`bad number ${text}`);
      return { kind: "number", text, value, approx: false };
    }
    const str = /^(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/.exec(rest);
    if (str) {
      this.i += str[0].length;
      const body = str[1] ?? str[2] ?? "";
      return { kind: "string", value: body.replace(/\\(.)/g, (_, ch: string) => ({ n: "\n", t: "\t", r: "\r" } as Record<string, string>)[ch] ?? ch) };
    }
    const lit = /^(true|false|null|undefined)\b/.exec(rest);
    if (lit) {
      this.i += lit[0].length;
      return { kind: "literal", value: ({ true: true, false: false, null: null, undefined } as Record<string, boolean | null | undefined>)[lit[1]!] };
    }
    const typed = TYPED.find((t) => new RegExp(`^${t}\\s*\\[`).test(rest));
    if (typed !== undefined) { this.i += typed.length; return { ...this.array(), typed }; }
    if (rest.startsWith("[")) return this.array();
    if (rest.startsWith("{")) return this.object();
    throw new Error(`not a value: ${rest.slice(0, 20)}`);
  }
  array(): { kind: "array"; items: Stated[] } {
    if (!this.eat("[")) throw new Error("[ expected");
    const items: Stated[] = [];
    if (this.eat("]")) return { kind: "array", items };
    for (;;) {
      items.push(this.value());
      if (this.eat("]")) return { kind: "array", items };
      if (!this.eat(",")) throw new Error(", or ] expected");
    }
  }
  object(): Stated {
    if (!this.eat("{")) throw new Error("{ expected");
    const entries: [string, Stated][] = [];
    let open = false;
    if (this.eat("}")) return { kind: "object", open, entries };
    for (;;) {
      if (this.eat("…") || this.eat("...")) { open = true; if (!this.eat("}")) throw new Error("} expected after …"); return { kind: "object", open, entries }; }
      this.ws();
      const key = /^(?:[A-Za-z_$][\w$]*|'[^']*'|"[^"]*")/.exec(this.s.slice(this.i));
      if (!key) throw new Error("key expected");
      this.i += key[0].length;
      if (!this.eat(":")) throw new Error(": expected");
      entries.push([key[0].replace(/^['"]|['"]$/g, ""), this.value()]);
      if (this.eat("}")) return { kind: "object", open, entries };
      if (!this.eat(",")) throw new Error(", or } expected");
    }
  }
}

/** The check a line comment states, or undefined when the comment is prose. */
function parseCheck(comment: string): Check | undefined {
  const c = comment.trim();
  if (/^passes\b/.test(c)) return { kind: "passes" };
  const thr = /^throws\s+([A-Z]\w*)/.exec(c);
  if (thr) return { kind: "throws", name: thr[1]! };
  try {
    const p = new Parser(c);
    const value = p.value();
    const after = c.slice(p.i);
    // after the value: nothing, or commentary set off by a space (`= 1 − e⁻¹`, `(rounded)`)
    if (after !== "" && !/^\s/.test(after)) return undefined;
    return { kind: "value", value };
  } catch {
    return undefined;
  }
}

function show(v: unknown): string {
  return util.inspect(v, { depth: 4, breakLength: Infinity, maxArrayLength: 12 });
}

function numberTolerance(s: Extract<Stated, { kind: "number" }>): { allowed: number; how: string } {
  const t = s.text.replace(/^-/, "");
  if (!Number.isFinite(s.value) || t.startsWith("0x")) return { allowed: 0, how: "exact" };
  const body = t.replace(/…|\.\.\.$/, "");
  const [mant = "", expPart] = body.split("e");
  const exp = expPart === undefined ? 0 : Number(expPart);
  const decimals = mant.includes(".") ? mant.split(".")[1]!.length : 0;
  const digits = mant.replace(".", "").replace(/^0+/, "").length;
  const ulp = 10 ** (exp - decimals);
  const truncated = t !== body;
  if (s.approx) return { allowed: ulp, how: "≈: 1 unit in the last shown place" };
  if (truncated) return { allowed: ulp * (1 - 1e-9), how: "truncated (…): < 1 unit in the last shown place" };
  if ((mant.includes(".") || expPart !== undefined) && digits < 15) return { allowed: 0.5 * ulp * (1 + 1e-9) + 1e-12 * Math.abs(s.value), how: "rounded to the digits shown" };
  return { allowed: 1e-12 * Math.abs(s.value), how: "1e-12 relative" };
}

/** Why `actual` differs from the stated value, or undefined when it matches. */
function mismatch(actual: unknown, s: Stated, at: string): string | undefined {
  switch (s.kind) {
    case "number": {
      if (typeof actual !== "number") return `${at}: got ${show(actual)}, stated the number ${s.text}`;
      if (Number.isNaN(s.value)) return Number.isNaN(actual) ? undefined : `${at}: got ${actual}, stated NaN`;
      const { allowed, how } = numberTolerance(s);
      const delta = Math.abs(actual - s.value);
      return delta <= allowed || actual === s.value ? undefined : `${at}: got ${actual}, stated ${s.text} (${how}: Δ ${delta.toExponential(2)} > ${allowed.toExponential(2)})`;
    }
    case "string":
    case "literal":
      return actual === s.value ? undefined : `${at}: got ${show(actual)}, stated ${show(s.value)}`;
    case "array": {
      if (s.typed !== undefined) {
        if (!ArrayBuffer.isView(actual) || actual.constructor.name !== s.typed) return `${at}: got ${show(actual)}, stated a ${s.typed}`;
      } else if (!Array.isArray(actual)) {
        return `${at}: got ${show(actual)}, stated an array`;
      }
      const list = Array.from(actual as ArrayLike<unknown>);
      if (list.length !== s.items.length) return `${at}: got ${show(actual)} (length ${list.length}), stated length ${s.items.length}`;
      for (let k = 0; k < list.length; k++) {
        const m = mismatch(list[k], s.items[k]!, `${at}[${k}]`);
        if (m !== undefined) return m;
      }
      return undefined;
    }
    case "object": {
      if (typeof actual !== "object" || actual === null || Array.isArray(actual)) return `${at}: got ${show(actual)}, stated an object`;
      const rec = actual as Record<string, unknown>;
      for (const [k, v] of s.entries) {
        if (!(k in rec)) return `${at}: no key ${k} in ${show(actual)}`;
        const m = mismatch(rec[k], v, `${at}.${k}`);
        if (m !== undefined) return m;
      }
      if (!s.open) {
        const extra = Object.keys(rec).filter((k) => !s.entries.some(([e]) => e === k));
        if (extra.length > 0) return `${at}: the result has keys not stated (${extra.join(", ")}); state them or end the object with …`;
      }
      return undefined;
    }
  }
}

// ---- running ----------------------------------------------------------------------------------

interface Compiled { body: string; checks: { line: number; expr: string; check: Check }[] }

const STATEMENT = /^(const|let|var|return|throw|if|for|while|import|export|class|function)\b/;

function compile(ex: Example): Compiled {
  const checks: Compiled["checks"] = [];
  const body = ex.code.map((line, k) => {
    const m = /^(\s*)(.*?);\s*\/\/(.*)$/.exec(line);
    if (!m || m[2]!.trim() === "" || m[2]!.trimStart().startsWith("//")) return line;
    const check = parseCheck(m[3]!);
    if (check === undefined) return line;
    const expr = m[2]!.trim();
    if (STATEMENT.test(expr)) throw new Error(`example line ${k + 1}: a stated result on a statement (${expr}); put the checked expression on its own line`);
    const id = checks.length;
    checks.push({ line: k + 1, expr, check });
    const isAsync = /\bawait\b/.test(expr);
    return `${m[1]!}await __check(${id}, ${isAsync ? "async " : ""}() => (${expr}));`;
  }).join("\n");
  return { body, checks };
}

const scopeNames = Object.keys(kit).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k));
const scopeValues = scopeNames.map((k) => (kit as Record<string, unknown>)[k]);
type AsyncFn = (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async function () { /* constructor probe */ }).constructor as new (...args: string[]) => AsyncFn;

async function run(ex: Example): Promise<number> {
  const c = compile(ex);
  const failures: string[] = [];
  const check = async (id: number, thunk: () => unknown): Promise<void> => {
    const { line, expr, check: want } = c.checks[id]!;
    const at = `line ${line}: ${expr}`;
    let value: unknown;
    try {
      value = thunk();
      if (value instanceof Promise) {
        if (!/\bawait\b/.test(expr)) { failures.push(`${at}: returns a Promise (write \`await\`)`); return; }
        value = await value;
      }
    } catch (e) {
      if (want.kind === "throws") {
        const cls = (kit as Record<string, unknown>)[want.name];
        if (typeof cls !== "function" || !(e instanceof (cls as new () => unknown))) failures.push(`${at}: threw ${show(e)}, stated throws ${want.name}`);
        return;
      }
      failures.push(`${at}: threw ${e instanceof Error ? `${e.name}: ${e.message}` : show(e)}`);
      return;
    }
    if (want.kind === "throws") failures.push(`${at}: returned ${show(value)}, stated throws ${want.name}`);
    else if (want.kind === "value") {
      const m = mismatch(value, want.value, at);
      if (m !== undefined) failures.push(m);
    }
  };
  // examples are TypeScript (`as const`, `const w: T[] = []`): strip the types first
  const js = ts.transpileModule(`async function __example() {\n${c.body}\n}`, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None } }).outputText;
  const fn = new AsyncFunction(...scopeNames, "fs", "path", "require", "__check", `${js}\nreturn __example();`);
  const cwd = process.cwd();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-example-"));
  try {
    process.chdir(dir);
    await fn(...scopeValues, fs, path, require, check);
  } catch (e) {
    failures.push(`the example threw ${e instanceof Error ? `${e.name}: ${e.message}` : show(e)}`);
  } finally {
    process.chdir(cwd);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(failures, [], `${ex.file}:${ex.line} @example of ${ex.owner}:\n  ${failures.join("\n  ")}\n--- code ---\n${ex.code.join("\n")}`);
  return c.checks.length;
}

// ---- the tests ----------------------------------------------------------------------------------

const all = collect();
/**
 * The files src/index.ts re-exports, following the layer barrels (`export * from "./stats/index"`,
 * whose `export * from "./quantile"` → src/stats/quantile.ts).
 */
function reExportedFiles(file: string, seen = new Set<string>()): Set<string> {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  for (const m of text.matchAll(/^export \* from "(\.\/.+)";$/gm)) {
    const target = path.posix.join(path.posix.dirname(file), `${m[1]!}.ts`);
    if (seen.has(target)) continue;
    seen.add(target);
    if (target.endsWith("/index.ts")) reExportedFiles(target, seen);
  }
  return seen;
}
const publicFiles = reExportedFiles("src/index.ts");
const isPublic = (file: string, name: string): boolean => publicFiles.has(file) && Object.prototype.hasOwnProperty.call(kit, name);
const reachable = (e: Example): boolean => e.exported && isPublic(e.file, e.top);
const keyOf = (e: Example): string => `${e.file}:${e.owner}`;
const runnable = all.filter((e) => reachable(e) && !ALLOWED.has(keyOf(e)));
const internal = all.filter((e) => !reachable(e));

const nChecks = runnable.reduce((n, e) => n + compile(e).checks.length, 0);
const unchecked = runnable.filter((e) => compile(e).checks.length === 0).map((e) => e.owner);

describe(`@example blocks in src/ (${all.length}: ${runnable.length} run with ${nChecks} stated results checked, ${ALLOWED.size} allow-listed, ${internal.length} on internal helpers)`, () => {
  it("the public files are found through the layer barrels (a change to src/index.ts cannot silently stop the examples from running)", () => {
    assert.ok(publicFiles.size > 100, `only ${publicFiles.size} public files found from src/index.ts`);
    assert.ok(runnable.length > 150, `only ${runnable.length} examples run`);
  });

  it("every example that runs states at least one result (`expr; // value`, `// passes` or `// throws X`)", () => {
    assert.deepEqual(unchecked, [], `examples without a stated result: ${unchecked.join(", ")}`);
  });

  for (const ex of runnable) {
    it(`${ex.file}:${ex.line} ${ex.owner}`, async () => {
      assert.ok(ex.code.some((l) => l.trim() !== "" && !l.trim().startsWith("//")), `${ex.file}:${ex.line} @example of ${ex.owner} has no code, only comments: write code that runs`);
      await run(ex);
    });
  }

  it("every allow-list entry names an example that exists, and gives a reason", () => {
    for (const [key, why] of ALLOWED) {
      assert.ok(all.some((e) => keyOf(e) === key), `ALLOWED names no example: ${key}`);
      assert.ok(why.length > 10, `ALLOWED ${key}: give the reason`);
    }
  });

  it(`examples on internal helpers are listed, not run: ${internal.map((e) => e.owner).join(", ")}`, () => {
    for (const e of internal) assert.ok(!isPublic(e.file, e.top) || !e.exported, e.owner);
  });

  it("every exported function (and public class method) of src/stats/** and src/ml/** carries an @example with a stated result", () => {
    const missing: string[] = [];
    for (const file of sourceFiles(path.join(root, "src"))) {
      const rel = path.relative(root, file).split(path.sep).join("/");
      if (!/^src\/(stats|ml)\//.test(rel)) continue;
      const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
      for (const st of sf.statements) {
        if (ts.isClassDeclaration(st) && isExported(st) && st.name !== undefined && isPublic(rel, st.name.text)) {
          for (const m of st.members) {
            if (!ts.isMethodDeclaration(m) || (ts.getModifiers(m) ?? []).some((x) => x.kind === ts.SyntaxKind.PrivateKeyword || x.kind === ts.SyntaxKind.ProtectedKeyword)) continue;
            const owner = `${st.name.text}.${nameOf(m) ?? "?"}`;
            if (ALLOWED.has(`${rel}:${owner}`)) continue;
            const exs = all.filter((e) => e.file === rel && e.owner === owner);
            if (!exs.some((e) => compile(e).checks.length > 0)) missing.push(`${rel}:${owner} (${exs.length === 0 ? "no @example" : "no `expr; // result` line"})`);
          }
          continue;
        }
        const isFn = ts.isFunctionDeclaration(st)
          || (ts.isVariableStatement(st) && st.declarationList.declarations.some((d) => d.initializer !== undefined && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))));
        if (!isFn || !isExported(st)) continue;
        const name = nameOf(st);
        if (name === undefined || !isPublic(rel, name)) continue;
        const key = `${rel}:${name}`;
        if (ALLOWED.has(key)) continue;
        const exs = all.filter((e) => e.file === rel && e.owner === name);
        const checked = exs.some((e) => compile(e).checks.length > 0);
        if (!checked) missing.push(`${key} (${exs.length === 0 ? "no @example" : "no `expr; // result` line"})`);
      }
    }
    assert.deepEqual([...new Set(missing)], [], `exported stats/ml functions without a checked @example:\n  ${missing.join("\n  ")}`);
  });
});

describe("the example checker itself (so a wrong stated result cannot slip through)", () => {
  const verdict = (comment: string, actual: unknown): string => {
    const c = parseCheck(comment);
    if (c === undefined) return "prose";
    if (c.kind !== "value") return c.kind;
    return mismatch(actual, c.value, "x") === undefined ? "ok" : "wrong";
  };
  it("rounded numbers: ½ unit in the last shown place", () => {
    assert.equal(verdict("0.993", 0.99340), "ok");
    assert.equal(verdict("0.993", 0.99351), "wrong");
    assert.equal(verdict("16.67 = 5·4·15/18", 50 / 3), "ok");
    assert.equal(verdict("0.632 = 1 − e⁻¹", 1 - Math.exp(-1)), "ok");
    assert.equal(verdict("0.632 = 1 − e⁻¹", 0.6335), "wrong");
    assert.equal(verdict("-0.8893", -0.88931), "ok");
    assert.equal(verdict("1e-3", 0.0012), "ok"); // one significant digit shown
    assert.equal(verdict("1e-3", 0.0016), "wrong");
  });
  it("truncated (…), approximate (≈), integers and full-precision numbers", () => {
    assert.equal(verdict("0.333…", 1 / 3), "ok");
    assert.equal(verdict("0.333…", 0.3341), "wrong");
    assert.equal(verdict("≈ 0.7", 0.64), "ok");
    assert.equal(verdict("≈ 0.7", 0.85), "wrong");
    assert.equal(verdict("1", 0.9999999999999998), "ok");
    assert.equal(verdict("1", 1.001), "wrong");
    assert.equal(verdict("0.3333333333333333", 1 / 3), "ok");
    assert.equal(verdict("1.959963984540054", 1.96), "wrong");
    assert.equal(verdict("NaN", NaN), "ok");
    assert.equal(verdict("0xe40c292c", 0xe40c292c), "ok");
  });
  it("strings, arrays, typed arrays and objects compare structurally", () => {
    assert.equal(verdict("'b'", "b"), "ok");
    assert.equal(verdict("\"a, north\"", "a, north"), "ok");
    assert.equal(verdict("'b'", "c"), "wrong");
    assert.equal(verdict("[1, 2.5, 4]", [1, 2.5, 4]), "ok");
    assert.equal(verdict("[1, 2.5, 4]", [1, 2.5]), "wrong");
    assert.equal(verdict("Float64Array [1, NaN]", new Float64Array([1, NaN])), "ok");
    assert.equal(verdict("Float64Array [1, NaN]", [1, NaN]), "wrong");
    assert.equal(verdict("Int32Array [1]", new Float64Array([1])), "wrong");
    assert.equal(verdict("{ slope: 2, n: 3 }", { slope: 2, n: 3 }), "ok");
    assert.equal(verdict("{ slope: 2, n: 3 }", { slope: 2, n: 3, se: 0 }), "wrong");
    assert.equal(verdict("{ slope: 2, … }", { slope: 2, n: 3, se: 0 }), "ok");
    assert.equal(verdict("{ ok: false, reason: 'missing' }", { ok: false, reason: "missing" }), "ok");
    assert.equal(verdict("true", 1), "wrong");
  });
  it("prose is not a check; `passes` and `throws X` are", () => {
    assert.equal(verdict("the number of QC-kept rows", 1), "prose");
    assert.equal(verdict("mean change of each series, cm", 1), "prose");
    assert.equal(verdict("same value on every run", 1), "prose");
    assert.equal(verdict("passes", undefined), "passes");
    assert.equal(verdict("throws ArgumentError", undefined), "throws");
  });
  it("a stated result on a statement is refused (it would be ignored)", () => {
    assert.throws(() => compile({ file: "f", line: 1, owner: "f", top: "f", exported: true, code: ["const a = mean([1, 2]); // 1.5"] }), /own line/);
  });
});
