/**
 * Principal component analysis of standardized variables, for paper 2's meta-analysis
 * (Methods: "we used a principal component analysis (PCA) to derive a single composite
 * predictor" from collinear drivers). Equivalent to R's `prcomp(x, scale. = TRUE)`: variables
 * are centred and scaled to unit SD (n − 1), and components are eigenvectors of the
 * correlation matrix (cyclic Jacobi rotations). Sign convention (R's is arbitrary): each
 * component's loading of largest absolute value is made positive.
 */
import { ArgumentError, FitError } from "../core/errors";
import { checkArray } from "../core/checks";
import { checkLabels, valuesOutOfRange } from "./stat-checks";

/** The first principal component. */
export interface Pca1 {
  /** PC1 score of each row (in SD units of the standardized data). */
  scores: Float64Array;
  /** PC1 loadings (unit length), one per variable. */
  loadings: Float64Array;
  /** Variance of PC1 (the largest eigenvalue of the correlation matrix). */
  variance: number;
  /** Share of total variance explained by PC1, in [0, 1]. */
  explained: number;
  /** Number of variables. */
  p: number;
}

const MAX_SWEEPS = 100;

function jacobiEigen(a: Float64Array, p: number): { values: Float64Array; vectors: Float64Array } {
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) v[i * p + i] = 1;
  for (let sweep = 0; ; sweep++) {
    let off = 0;
    for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) off += a[i * p + j]! ** 2;
    if (off < 1e-30) break;
    if (sweep === MAX_SWEEPS) {
      // As before the error policy, stop after MAX_SWEEPS sweeps; that is convergence when what is
      // left off the diagonal is rounding noise relative to the diagonal (Jacobi converges
      // quadratically, so only a broken matrix gets here with more).
      let diag = 0;
      for (let i = 0; i < p; i++) diag += a[i * p + i]! ** 2;
      if (off <= 1e-26 * diag) break;
      throw new FitError("pca", "Jacobi eigen-decomposition", `did not converge in ${MAX_SWEEPS} sweeps (off-diagonal sum of squares ${off}, diagonal sum of squares ${diag})`);
    }
    for (let i = 0; i < p; i++) {
      for (let j = i + 1; j < p; j++) {
        const aij = a[i * p + j]!;
        if (Math.abs(aij) < 1e-300) continue;
        const theta = (a[j * p + j]! - a[i * p + i]!) / (2 * aij);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < p; r++) {
          const ari = a[r * p + i]!, arj = a[r * p + j]!;
          a[r * p + i] = c * ari - s * arj;
          a[r * p + j] = s * ari + c * arj;
        }
        for (let r = 0; r < p; r++) {
          const air = a[i * p + r]!, ajr = a[j * p + r]!;
          a[i * p + r] = c * air - s * ajr;
          a[j * p + r] = s * air + c * ajr;
        }
        for (let r = 0; r < p; r++) {
          const vri = v[r * p + i]!, vrj = v[r * p + j]!;
          v[r * p + i] = c * vri - s * vrj;
          v[r * p + j] = s * vri + c * vrj;
        }
      }
    }
  }
  const values = new Float64Array(p);
  for (let i = 0; i < p; i++) values[i] = a[i * p + i]!;
  return { values, vectors: v };
}

/**
 * PC1 of standardized variables.
 *
 * @param columns - p ≥ 1 variables, each an array of n ≥ 3 finite numbers (no NaN: drop
 *   incomplete rows first), none constant
 * @param names - variable names for error messages, one per column (default "variable 1", …)
 * @returns scores, loadings, the variance of PC1 and its share
 * @throws ArgumentError for no variables, names of the wrong length, unequal lengths, n < 3, a
 *   NaN or ±Infinity value (named with its row and column), or a constant variable (SD 0, it
 *   cannot be standardized), or values so large (beyond about 1e150) or so small that the sum of
 *   squared deviations overflows or underflows ("values too large", naming the column); FitError
 *   if the eigen-decomposition does not converge
 * @example
 * pca([[1, 2, 3, 4], [2, 4, 5, 8]], ["a", "b"]).explained; // 0.99…
 */
export function pca(columns: readonly ArrayLike<number>[], names: readonly string[] = defaultNames(columns)): Pca1 {
  const fn = "pca";
  if (!Array.isArray(columns) || columns.length === 0) throw new ArgumentError({ fn, arg: "columns", value: columns, expected: "a non-empty array of variables (arrays of numbers)" }, "no variables");
  const p = columns.length;
  checkLabels(fn, "names", names, p, "columns");
  const first = checkArray(fn, `columns[0] (${JSON.stringify(names[0])})`, columns[0], { allowNaN: true });
  const n = first.length;
  if (n < 3) throw new ArgumentError({ fn, arg: "columns", value: n, expected: "at least 3 rows (observations) per variable" }, "too few rows");
  const z: Float64Array[] = [];
  columns.forEach((c, j) => {
    const name = names[j]!;
    const col = checkArray(fn, `columns[${j}] (${JSON.stringify(name)})`, c, { allowNaN: true, length: n, lengthOf: "the rows of columns[0]" });
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(col[i]!)) throw new ArgumentError({ fn, arg: "columns", at: `row ${i}, column ${JSON.stringify(name)}`, value: col[i], expected: "a finite number (drop incomplete rows first)" }, "missing value");
      m += col[i]!;
    }
    m /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (col[i]! - m) ** 2;
    const sd = Math.sqrt(ss / (n - 1));
    let constant = true;
    for (let i = 1; i < n && constant; i++) if (col[i] !== col[0]) constant = false;
    const arg = `columns[${j}] (${JSON.stringify(name)})`;
    if (!constant && !(Number.isFinite(m) && ss < Infinity)) throw valuesOutOfRange(fn, arg, col, "the sum of squared deviations");
    if (!constant && !(ss >= 2.2250738585072014e-308)) throw valuesOutOfRange(fn, arg, col, "the sum of squared deviations", true);
    if (constant || !(sd > 0)) throw new ArgumentError({ fn, arg: "columns", at: `column ${JSON.stringify(name)}`, value: col[0], expected: "a variable that varies" }, "is constant (SD 0); it cannot be standardized");
    const zc = new Float64Array(n);
    for (let i = 0; i < n; i++) zc[i] = (col[i]! - m) / sd;
    z.push(zc);
  });
  const r = new Float64Array(p * p);
  for (let a = 0; a < p; a++) for (let b = a; b < p; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += z[a]![i]! * z[b]![i]!;
    r[a * p + b] = r[b * p + a] = s / (n - 1);
  }
  const { values, vectors } = jacobiEigen(r, p);
  let best = 0;
  for (let j = 1; j < p; j++) if (values[j]! > values[best]!) best = j;
  const loadings = new Float64Array(p);
  let big = 0;
  for (let j = 0; j < p; j++) {
    loadings[j] = vectors[j * p + best]!;
    if (Math.abs(loadings[j]!) > Math.abs(loadings[big]!)) big = j;
  }
  if (loadings[big]! < 0) for (let j = 0; j < p; j++) loadings[j] = -loadings[j]!;
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += z[j]![i]! * loadings[j]!;
    scores[i] = s;
  }
  let total = 0;
  for (let j = 0; j < p; j++) total += values[j]!;
  return { scores, loadings, variance: values[best]!, explained: values[best]! / total, p };
}

function defaultNames(columns: unknown): string[] {
  return Array.isArray(columns) ? columns.map((_, j) => `variable ${j + 1}`) : [];
}
