/**
 * Student notebooks and the autograder's test cells from a master (issue 18), as Otter Assign does
 * for Python: solutions become placeholders that compile (`todo()`), hidden test cells are removed,
 * the question markers are dropped, outputs are stripped. The rules are in
 * notebooks/exercises/README.md.
 */
import { DataError } from "../core/errors";
import { cellSource, checkIds, type Master, type NotebookCell, type NotebookJson } from "./master";

/** The prompt a student sees where a solution was. */
export const PROMPT = "// YOUR CODE HERE";

/** Cell metadata key the generator and the grader share: `{ permafrost: { tests: "q1" } }` on test cells. */
export const CELL_META = "permafrost";

/**
 * Index of the `=` that starts the value of a declaration or assignment, or -1: the first `=` outside
 * strings, brackets and type arguments that is not part of `=>`, `==`, `<=`, `>=` or `!=` (a compound
 * operator such as `+=` is found at its `=`).
 *
 * @param line - the code
 * @returns the index
 * @example
 * assignmentAt('const s: string = "a=b";'); // 16
 * assignmentAt("if (a <= b) f();"); // -1
 */
export function assignmentAt(line: string): number {
  let quote = "";
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote !== "") {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if ("([{<".includes(c)) depth++;
    else if (")]}>".includes(c) && !(c === ">" && line[i - 1] === "=")) depth = Math.max(0, depth - 1);
    else if (c === "=" && depth === 0) {
      const prev = line[i - 1] ?? "";
      const next = line[i + 1] ?? "";
      if (next === "=" || next === ">" || "=!".includes(prev)) continue;
      return i;
    }
  }
  return -1;
}

/**
 * A solution cell's code with the solutions replaced (the README's three markers).
 *
 * @param code - the cell's source
 * @param where - the file and cell, for errors
 * @param where.file - the master
 * @param where.cell - the 1-based cell
 * @returns the student's code
 * @throws DataError for a `// SOLUTION` line that is neither a declaration, an assignment nor a return,
 *   and for an unclosed or unopened block
 * @example
 * stubSolution("const so: number[] = t.map((v) => v - 1); // SOLUTION", { file: "ex.ipynb", cell: 4 }); // "const so: number[] = todo(); // YOUR CODE HERE"
 * stubSolution("function f(a: number): number {\n  // BEGIN SOLUTION\n  const b = a * 2;\n  return b;\n  // END SOLUTION\n}", { file: "ex.ipynb", cell: 5 }); // "function f(a: number): number {\n  // YOUR CODE HERE\n  return todo();\n}"
 */
export function stubSolution(code: string, where: { file: string; cell: number }): string {
  const lines = code.split("\n");
  const out: string[] = [];
  const bad = (n: number, problem: string, expected: string): never => {
    throw new DataError({ file: where.file, line: where.cell, column: `cell ${where.cell}, line ${n + 1}`, value: lines[n]!.trim().slice(0, 80), expected }, problem);
  };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const begin = /^(\s*)\/\/\s*BEGIN SOLUTION(\s+NO PROMPT)?\s*$/i.exec(line);
    if (begin !== null) {
      const indent = begin[1]!;
      const body: string[] = [];
      let end = -1;
      for (let k = n + 1; k < lines.length; k++) {
        if (/^\s*\/\/\s*END SOLUTION\s*$/i.test(lines[k]!)) {
          end = k;
          break;
        }
        if (/\/\/\s*BEGIN SOLUTION/i.test(lines[k]!)) bad(k, "a solution block inside another", "// END SOLUTION first");
        body.push(lines[k]!);
      }
      if (end < 0) bad(n, "a solution block without // END SOLUTION", "// END SOLUTION after the block");
      if (begin[2] === undefined) {
        out.push(`${indent}${PROMPT}`);
        // a return at the block's own level (possibly spanning lines) needs a placeholder return
        if (body.some((l) => l.startsWith(indent) && !/^\s/.test(l.slice(indent.length)) && /^return\b/.test(l.slice(indent.length)))) out.push(`${indent}return todo();`);
      }
      n = end;
      continue;
    }
    if (/^\s*\/\/\s*END SOLUTION\s*$/i.test(line)) bad(n, "// END SOLUTION without // BEGIN SOLUTION", "a // BEGIN SOLUTION before it");
    const marked = /^(\s*)(.*?)\s*\/\/\s*SOLUTION\s*$/i.exec(line);
    if (marked !== null) {
      const [, indent, stmt] = marked as unknown as [string, string, string];
      if (!stmt.endsWith(";")) bad(n, "a // SOLUTION statement that does not end on its line with ;", "the whole statement on the marked line, ending with ; (use a // BEGIN SOLUTION block for longer code)");
      const next = lines[n + 1]?.trim() ?? "";
      if (/^[.?:+\-*/%&|,)\]]/.test(next)) bad(n + 1, "a // SOLUTION statement continued on the next line", "the whole statement on the marked line (use a // BEGIN SOLUTION block for longer code)");
      if (/^return\b/.test(stmt)) {
        out.push(`${indent}return todo(); ${PROMPT}`);
        continue;
      }
      if (/^(const|let|var)\s*[[{]/.test(stmt)) bad(n, "a // SOLUTION line that destructures", "one typed variable per marked line (const lohi: [number, number] = …; todo() cannot be destructured)");
      const eq = assignmentAt(stmt);
      if (eq < 0) {
        // a declaration without a value: `let x: number; // SOLUTION`
        if (/^(let|var)\s+[\w$]+\s*(:[^;]*)?;$/.test(stmt)) {
          out.push(`${indent}${stmt.slice(0, -1).trimEnd()} = todo(); ${PROMPT}`);
          continue;
        }
        bad(n, "a // SOLUTION line that is neither a declaration, an assignment nor a return", "const x: T = …; // SOLUTION, x = …; // SOLUTION or return …; // SOLUTION");
      }
      out.push(`${indent}${stmt.slice(0, eq + 1)} todo(); ${PROMPT}`);
      continue;
    }
    out.push(line);
  }
  return out.join("\n");
}

/**
 * A copy of a cell with new source for a generated notebook: no outputs, no execution count, extra
 * metadata merged in.
 *
 * @param cell - the cell copied (type, metadata, id, attachments)
 * @param source - the new source
 * @param meta - metadata to add
 * @returns the cell
 * @example
 * notebookCell({ cell_type: "code", metadata: {}, source: "1", outputs: [1], execution_count: 3 }, "2").outputs; // []
 */
export function notebookCell(cell: NotebookCell, source: string, meta?: Record<string, unknown>): NotebookCell {
  const out: NotebookCell = { cell_type: cell.cell_type, metadata: { ...cell.metadata, ...(meta ?? {}) }, source };
  if (cell.cell_type === "code") {
    out.outputs = [];
    out.execution_count = null;
  }
  if (cell.id !== undefined) out.id = cell.id;
  if (cell.attachments !== undefined) out.attachments = cell.attachments;
  return out;
}

/**
 * The student notebook of a master: markers dropped, solutions stubbed, hidden tests removed,
 * public test cells tagged with their question (`metadata.permafrost.tests`), outputs stripped, and
 * the exercise named in the notebook's metadata (`metadata.permafrost.exercise`).
 *
 * @param master - from readMaster
 * @returns the notebook
 * @example
 * const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
 *   { cell_type: "code", metadata: {}, source: 'const { check, todo } = kit.exercise("ex");' },
 *   { cell_type: "raw", metadata: {}, source: "# BEGIN QUESTION\nname: q1" },
 *   { cell_type: "raw", metadata: {}, source: "# BEGIN SOLUTION" },
 *   { cell_type: "code", metadata: {}, source: "const x: number = 1 + 1; // SOLUTION" },
 *   { cell_type: "raw", metadata: {}, source: "# END SOLUTION" },
 *   { cell_type: "raw", metadata: {}, source: "# BEGIN TESTS" },
 *   { cell_type: "code", metadata: {}, source: 'check("q1", x, { hint: "add" });' },
 *   { cell_type: "code", metadata: {}, source: '// HIDDEN\ncheck("q1/again", x);' },
 *   { cell_type: "raw", metadata: {}, source: "# END TESTS" },
 *   { cell_type: "raw", metadata: {}, source: "# END QUESTION" }] };
 * const s = studentNotebook(readMaster("ex.ipynb", JSON.stringify(nb)));
 * s.cells.map((c) => c.source); // ['const { check, todo } = kit.exercise("ex");', "const x: number = todo(); // YOUR CODE HERE", 'check("q1", x, { hint: "add" });']
 */
export function studentNotebook(master: Master): NotebookJson {
  const cells: NotebookCell[] = [];
  master.notebook.cells.forEach((cell, i) => {
    const role = master.roles[i]!;
    if (role === "marker" || role === "hidden-test") return;
    const src = cellSource(cell);
    if (role === "solution") cells.push(notebookCell(cell, stubSolution(src, { file: master.file, cell: i + 1 })));
    else if (role === "test") cells.push(notebookCell(cell, src, { [CELL_META]: { tests: master.questionOfCell[i]! } }));
    else cells.push(notebookCell(cell, src));
  });
  return withCellIds({ ...master.notebook, metadata: { ...master.notebook.metadata, [CELL_META]: { exercise: master.name } }, cells }, master.name);
}

/**
 * The notebook with an id on every cell (nbformat 4.5 wants them; Jupyter warns without), as
 * `<prefix>-<index>`, keeping the ids cells already have.
 *
 * @param nb - the notebook
 * @param prefix - the id prefix (letters, digits, - and _)
 * @returns the notebook (nbformat_minor at least 5)
 * @example
 * withCellIds({ nbformat: 4, nbformat_minor: 4, metadata: {}, cells: [{ cell_type: "markdown", metadata: {}, source: "x" }] }, "ex").cells[0].id; // "ex-1"
 */
export function withCellIds(nb: NotebookJson, prefix: string): NotebookJson {
  const used = new Set(nb.cells.map((c) => c.id).filter((id): id is string => typeof id === "string"));
  const safe = prefix.replace(/[^\w-]/g, "-").slice(0, 48);
  const cells = nb.cells.map((c, i) => {
    if (typeof c.id === "string" && c.id !== "") return c;
    let id = `${safe}-${i + 1}`;
    while (used.has(id)) id = `${id}x`;
    used.add(id);
    return { ...c, id };
  });
  return { ...nb, nbformat: 4, nbformat_minor: Math.max(5, nb.nbformat_minor ?? 5), cells };
}

/** The autograder's view of one question: its points, tests and test cells (public and hidden, in order). */
export interface GradedQuestion {
  name: string;
  points: number;
  /** Every test id (public, then hidden, in the master's order of cells). */
  tests: string[];
  /** The hidden ones. */
  hidden: string[];
  /** Source of each test cell, in order. */
  cells: string[];
}

/** The autograder bundle of one exercise (what `npm run grade` needs besides the tests file). */
export interface AutograderBundle {
  exercise: string;
  questions: GradedQuestion[];
}

/**
 * The autograder bundle of a master.
 *
 * @param master - from readMaster
 * @returns questions with points, test ids and test cells
 * @example
 * const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
 *   { cell_type: "code", metadata: {}, source: 'const { check, todo } = kit.exercise("ex");' },
 *   { cell_type: "raw", metadata: {}, source: "# BEGIN QUESTION\nname: q1\npoints: 3" },
 *   { cell_type: "raw", metadata: {}, source: "# BEGIN TESTS" },
 *   { cell_type: "code", metadata: {}, source: 'check("q1", 2);' },
 *   { cell_type: "code", metadata: {}, source: '// HIDDEN\ncheck("q1/again", 2);' },
 *   { cell_type: "raw", metadata: {}, source: "# END TESTS" },
 *   { cell_type: "raw", metadata: {}, source: "# END QUESTION" }] };
 * const b = autograderBundle(readMaster("ex.ipynb", JSON.stringify(nb)));
 * [b.questions[0].points, b.questions[0].tests, b.questions[0].hidden]; // [3, ["q1", "q1/again"], ["q1/again"]]
 */
export function autograderBundle(master: Master): AutograderBundle {
  return {
    exercise: master.name,
    questions: master.questions.map((q) => {
      const cells = q.testCells.map((i) => cellSource(master.notebook.cells[i]!));
      return { name: q.name, points: q.points, tests: cells.flatMap((c) => checkIds(c) ?? []), hidden: [...q.hiddenTests], cells };
    }),
  };
}

/**
 * The master as a notebook to run: marker cells dropped, outputs stripped (what `npm run exercises`
 * executes in record mode, and what the grader accepts as a perfect submission).
 *
 * @param master - from readMaster
 * @returns the notebook, its test cells tagged as in the student notebook
 * @example
 * const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
 *   { cell_type: "code", metadata: {}, source: 'const { check, todo } = kit.exercise("ex");' },
 *   { cell_type: "raw", metadata: {}, source: "# BEGIN QUESTION\nname: q1" },
 *   { cell_type: "raw", metadata: {}, source: "# BEGIN TESTS" },
 *   { cell_type: "code", metadata: {}, source: 'check("q1", 2);' },
 *   { cell_type: "raw", metadata: {}, source: "# END TESTS" },
 *   { cell_type: "raw", metadata: {}, source: "# END QUESTION" }] };
 * runnableMaster(readMaster("ex.ipynb", JSON.stringify(nb))).cells.length; // 2
 */
export function runnableMaster(master: Master): NotebookJson {
  const cells: NotebookCell[] = [];
  master.notebook.cells.forEach((cell, i) => {
    const role = master.roles[i]!;
    if (role === "marker") return;
    const src = cellSource(cell);
    if (role === "test" || role === "hidden-test") cells.push(notebookCell(cell, src, { [CELL_META]: { tests: master.questionOfCell[i]! } }));
    else cells.push(notebookCell(cell, src));
  });
  return withCellIds({ ...master.notebook, metadata: { ...master.notebook.metadata, [CELL_META]: { exercise: master.name } }, cells }, master.name);
}

