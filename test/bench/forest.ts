/**
 * Random-forest bench (issue: "ranger-class speed"): the kit's h2o-DRF engine against R ranger
 * (Debian r-cran-ranger, run in this same bench when installed) and, on a smaller n, against
 * npm ml-random-forest. Data: 3,000 × 18 uniform predictors, Friedman #1 signal on five.
 * Forest: 100 trees, 6 variables per split, minimum leaf/node size 3, 63.2 % of rows without
 * replacement per tree (both engines).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { missingRequirements, rPackage, skippedLine } from "./references";
import {
  PAPER_GRID, assignFolds, predictTrees, friedman1, createRng, crossValidate, gridSearch, makeMatrix, regressionMetrics, trainForest, trainMlRandomForest, type Matrix,
} from "permafrost-kit";

function dataset(n: number, p: number, seed: number): { x: Matrix; y: Float64Array } {
  return friedman1(n, p, seed, "bench-forest");
}

function ms<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
}

async function msAsync<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await f();
  return [v, performance.now() - t0];
}

const R_SCRIPT = `
suppressMessages(library(ranger)); library(jsonlite)
a <- commandArgs(TRUE); d <- read.csv(a[1]); folds <- scan(a[2], quiet = TRUE)
y <- d$y; X <- d[, -1]
fit <- function(tr, min, threads) ranger(x = X[tr, , drop = FALSE], y = y[tr], num.trees = 100, mtry = 6, min.node.size = min,
  replace = FALSE, sample.fraction = 0.632, num.threads = threads, seed = 1)
train <- min(sapply(1:2, function(i) system.time(fit(rep(TRUE, nrow(X)), 3, 1))[["elapsed"]]))
cv <- function(min, threads) { hold <- numeric(length(y)); for (f in 0:9) { tr <- folds != f
  hold[!tr] <- predict(fit(tr, min, threads), X[!tr, , drop = FALSE], num.threads = threads)$predictions }; hold }
cv2 <- system.time(h3 <- cv(3, 2))[["elapsed"]]
h1 <- cv(1, 2)
r2 <- function(h) 1 - sum((h - y)^2) / sum((y - mean(y))^2)
m <- fit(rep(TRUE, nrow(X)), 3, 1)
set.seed(1); big <- as.data.frame(matrix(runif(1e6 * ncol(X)), ncol = ncol(X))); names(big) <- names(X)
pred <- system.time(predict(m, big, num.threads = 1))[["elapsed"]]
cat(toJSON(list(version = as.character(packageVersion("ranger")), trainS = train, cv10With2ThreadsS = cv2, oofR2Min3 = r2(h3), oofR2FullyGrown = r2(h1),
  predictRowsPerS = 1e6 / pred), auto_unbox = TRUE, digits = NA), "\\n")
`;

interface RangerResult { version: string; trainS: number; cv10With2ThreadsS: number; oofR2Min3: number; oofR2FullyGrown: number; predictRowsPerS: number }

/** What the ranger reference needs. */
const RANGER_NEEDS = [rPackage("ranger", "r-cran-ranger"), rPackage("jsonlite", "r-cran-jsonlite")];

function runRanger(x: Matrix, y: Float64Array, folds: Int32Array): RangerResult {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pk-forest-bench-"));
  const lines = [`y,${Array.from({ length: x.nCols }, (_, j) => `x${j}`).join(",")}`];
  for (let i = 0; i < x.nRows; i++) lines.push(`${y[i]},${Array.from(x.data.subarray(i * x.nCols, (i + 1) * x.nCols)).join(",")}`);
  fs.writeFileSync(path.join(tmp, "d.csv"), `${lines.join("\n")}\n`);
  fs.writeFileSync(path.join(tmp, "folds.txt"), Array.from(folds).join("\n"));
  fs.writeFileSync(path.join(tmp, "bench.R"), R_SCRIPT);
  const r = spawnSync("Rscript", [path.join(tmp, "bench.R"), path.join(tmp, "d.csv"), path.join(tmp, "folds.txt")], { encoding: "utf8", maxBuffer: 1 << 24 });
  fs.rmSync(tmp, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`bench: ranger reference failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as RangerResult;
}

/**
 * Run the forest bench and print a comparison table.
 *
 * @returns the measurements (written to build/bench.json by run.ts)
 */
export async function forestBench(): Promise<Record<string, unknown>> {
  const { x, y } = dataset(3000, 18, 20240117);
  const folds = assignFolds(3000, 10, 7);
  const opts = { ntrees: 100, mtries: 6, minRows: 3, seed: 1 };
  const trainMs = Math.min(...[0, 1].map(() => ms(() => trainForest(x, y, opts))[1]));
  const [cv2, cv2Ms] = await msAsync(() => crossValidate(x, y, opts, { folds, workers: 2 }));
  const [cv1, cv1Ms] = await msAsync(() => crossValidate(x, y, opts, { folds, workers: 0 }));
  const cvFull = await crossValidate(x, y, { ...opts, minRows: 1, maxDepth: 40 }, { folds, workers: 2 });
  const forest = trainForest(x, y, opts);
  const big = new Float64Array(1_000_000 * 18);
  const rng = createRng(1, "bench-forest-predict");
  for (let i = 0; i < big.length; i++) big[i] = rng.uniform();
  const [pred, predMs] = ms(() => forest.predict({ data: big, nRows: 1_000_000, nCols: 18 }));
  const kitPredict = 1e6 / (predMs / 1000);
  // the float walk (every prediction before the coded walk) on the same rows, for identity and its rate
  const floatOut = new Float64Array(1_000_000);
  const [, floatMs] = ms(() => predictTrees(forest.trees, big, 18, floatOut, 0, forest.nTrees, null));
  const identicalToFloatWalk = floatOut.every((v, i) => v === pred[i]);
  // the paper's grid, 1/10 of the trees (5, 10, 15): training time is linear in the tree count
  const [, gridMs] = await msAsync(() => gridSearch(x, y, { grid: { ...PAPER_GRID, ntrees: PAPER_GRID.ntrees.map((t) => t / 10) }, folds, workers: 2 }));
  const gridExtrapolatedS = (gridMs * 10) / 1000;

  // ml-random-forest on 500 rows (its O(n²) splitter), 20 trees, same data
  const sub = { x: makeMatrix(x.data.slice(0, 500 * 18), 18), y: y.slice(0, 500) };
  const small = { ntrees: 20, mtries: 6, minRows: 3, seed: 1 };
  const [, mlrfMs] = ms(() => trainMlRandomForest(sub.x, sub.y, small));
  const [, kitSmallMs] = ms(() => trainForest(sub.x, sub.y, small));
  const holdout = { x: makeMatrix(x.data.slice(2000 * 18), 18), y: y.slice(2000) };
  const mlrfR2 = regressionMetrics(holdout.y, trainMlRandomForest(sub.x, sub.y, small).predict(holdout.x)).r2;
  const kitSmallR2 = regressionMetrics(holdout.y, trainForest(sub.x, sub.y, small).predict(holdout.x)).r2;

  const out: Record<string, unknown> = {
    data: "3000 × 18, Friedman #1 on 5 predictors (synthetic)", forest: opts,
    kit: { trainMs, cv10With2WorkersMs: cv2Ms, cv10With1ThreadMs: cv1Ms, oofR2Min3: cv2.pooled.r2, oofR2FullyGrown: cvFull.pooled.r2, identicalAcrossWorkers: cv1.holdout.every((v, i) => v === cv2.holdout[i]), predictRowsPerS: kitPredict, floatWalkRowsPerS: 1e6 / (floatMs / 1000), identicalToFloatWalk, paperGridExtrapolatedS: gridExtrapolatedS },
    mlRandomForest: { rows: 500, trees: 20, trainMs: mlrfMs, kitTrainMs: kitSmallMs, holdoutR2: mlrfR2, kitHoldoutR2: kitSmallR2 },
  };
  console.log(`Forest (kit): train ${trainMs.toFixed(0)} ms; 10-fold CV ${cv1Ms.toFixed(0)} ms on 1 thread, ${cv2Ms.toFixed(0)} ms with 2 workers (identical: ${String(out.kit && (out.kit as { identicalAcrossWorkers: boolean }).identicalAcrossWorkers)}); OOF R² ${cv2.pooled.r2.toFixed(4)} (minRows 3), ${cvFull.pooled.r2.toFixed(4)} (fully grown); predict ${kitPredict.toFixed(0)} rows/s (the float walk ${(1e6 / (floatMs / 1000)).toFixed(0)} rows/s; identical: ${String(identicalToFloatWalk)})`);
  console.log(`Forest (kit): paper grid 108 models × 10-fold CV on this machine, extrapolated from the grid at 1/10 trees (${(gridMs / 1000).toFixed(1)} s): ${gridExtrapolatedS.toFixed(0)} s (${(gridExtrapolatedS / 60).toFixed(1)} min)`);
  console.log(`Forest (ml-random-forest, 500 rows, 20 trees): train ${mlrfMs.toFixed(0)} ms vs kit ${kitSmallMs.toFixed(0)} ms (${(mlrfMs / kitSmallMs).toFixed(0)}×); holdout R² ${mlrfR2.toFixed(3)} vs kit ${kitSmallR2.toFixed(3)}`);
  const missing = missingRequirements(RANGER_NEEDS);
  if (missing.length > 0) {
    console.log(skippedLine("Forest (ranger)", missing));
    return { ...out, ranger: null, rangerMissing: missing };
  }
  const ref = runRanger(x, y, folds);
  const goals = {
    trainAtMost1xRanger1Thread: trainMs / 1000 <= ref.trainS,
    cv2WorkersAtMostRanger2Threads: cv2Ms / 1000 <= ref.cv10With2ThreadsS,
    predictAtLeast5xRanger: kitPredict >= 5 * ref.predictRowsPerS && identicalToFloatWalk,
    oofR2Within001FullyGrown: Math.abs(cvFull.pooled.r2 - ref.oofR2FullyGrown) <= 0.01,
  };
  console.log(`Forest (ranger ${ref.version}): train ${(ref.trainS * 1000).toFixed(0)} ms (kit/ranger ${(trainMs / 1000 / ref.trainS).toFixed(2)}×, goal ≤ 1); 10-fold CV with 2 threads ${(ref.cv10With2ThreadsS * 1000).toFixed(0)} ms (kit/ranger ${(cv2Ms / 1000 / ref.cv10With2ThreadsS).toFixed(2)}×, goal ≤ 1); predict ${ref.predictRowsPerS.toFixed(0)} rows/s (kit/ranger ${(kitPredict / ref.predictRowsPerS).toFixed(2)}×, goal ≥ 5, outputs identical to the float walk)`);
  console.log(`Forest (ranger): OOF R² ${ref.oofR2Min3.toFixed(4)} with min.node.size 3 (kit minRows 3: Δ ${(cv2.pooled.r2 - ref.oofR2Min3).toFixed(4)}; the two rules differ: ranger stops splitting nodes of ≤ 3 rows, h2o keeps ≥ 3 rows per leaf), ${ref.oofR2FullyGrown.toFixed(4)} fully grown (kit Δ ${(cvFull.pooled.r2 - ref.oofR2FullyGrown).toFixed(4)}, goal |Δ| ≤ 0.01)`);
  console.log(`Forest goals: ${Object.entries(goals).map(([k, v]) => `${k} ${v ? "met" : "NOT met"}`).join("; ")}`);
  return { ...out, ranger: ref, goals };
}
