/**
 * The top-k ensemble (paper 1 §2.4.1: "for each year of record, we averaged the global
 * predictions from the best ten RF models"): the member forests are trained on all rows in
 * parallel and the ensemble predicts the mean of their predictions.
 */
import { checkInteger, checkOneOf, checkOptions } from "../../core/checks";
import { ArgumentError, DataError } from "../../core/errors";
import { Forest, type ForestJSON, predictChecked } from "./forest";
import { type ForestPool, withDataset } from "./forest-pool";
import { type ForestEngine } from "./forest-task";
import { type Matrix, checkMatrix } from "../../core/matrix";
import { type ForestOptions, resolveForestOptions } from "./options";
import { checkTrainingFrame } from "./train-forest";
import { type Model, type ModelJSON, checkModelMatrix } from "../../core/model";
import { isList } from "../../core/checks";

/** The JSON form of a {@link ForestEnsemble}. */
export interface ForestEnsembleJSON extends ModelJSON {
  /** Format tag. */
  format: "permafrost-kit/ensemble@1";
  /** The members' JSON. */
  members: ForestJSON[];
}

/** An equally weighted ensemble of fitted models. */
export class ForestEnsemble implements Model {
  /** Engine tag. */
  readonly engine = "ensemble";
  /** The member models. */
  readonly members: readonly Forest[];

  /**
   * @param members - at least one fitted forest, all on the same predictors
   * @throws ArgumentError when empty, a member is not a Forest, or the members' predictors differ (count or names, member named)
   */
  constructor(members: readonly Forest[]) {
    const fn = "ForestEnsemble";
    if (!isList(members) || members.length === 0) throw new ArgumentError({ fn, arg: "members", value: members, expected: "at least one fitted Forest" }, "no members");
    members.forEach((m, i) => {
      if (!(m instanceof Forest)) throw new ArgumentError({ fn, arg: "members", at: i, value: m, expected: "a fitted Forest" }, "not a Forest");
    });
    const names = members[0]!.featureNames;
    members.forEach((m, i) => {
      const same = m.nCols === names.length && m.featureNames.every((n: string, j: number) => n === names[j]);
      if (!same) throw new ArgumentError({ fn, arg: "members", at: i, value: m.featureNames.join(", "), expected: `the predictors of member 0 (${names.join(", ")})` }, "members were trained on different predictors");
    });
    this.members = members;
  }

  /** Predictor names (member 0's, which all members share). */
  get featureNames(): readonly string[] {
    return this.members[0]!.featureNames;
  }

  /**
   * Plain-JSON form: format "permafrost-kit/ensemble@1" and each member's {@link Forest.toJSON}.
   *
   * @returns the JSON object ({@link ForestEnsemble.fromJSON} or `modelFromJSON` reads it back)
   * @example
   * const { x, y } = friedman1(100, 5, 1, "demo");
   * const e = new ForestEnsemble([trainForest(x, y, { ntrees: 5, seed: 1 }), trainForest(x, y, { ntrees: 5, seed: 2 })]);
   * e.toJSON().format; // 'permafrost-kit/ensemble@1'
   */
  toJSON(): ForestEnsembleJSON {
    return { format: "permafrost-kit/ensemble@1", members: this.members.map((m) => m.toJSON()) };
  }

  /**
   * Rebuild an ensemble from {@link ForestEnsemble.toJSON} output, validating every member as
   * {@link Forest.fromJSON} does.
   *
   * @param json - the parsed JSON
   * @param source - the file it was read from, when it came from a file (problems are then DataErrors naming it)
   * @returns the ensemble (predictions identical to the original)
   * @throws ArgumentError (in-memory object) or DataError (with `source`) for a wrong format tag, no members, or a bad member (as Forest.fromJSON)
   * @example
   * const { x, y } = friedman1(100, 5, 1, "demo");
   * const e = new ForestEnsemble([trainForest(x, y, { ntrees: 5, seed: 1 }), trainForest(x, y, { ntrees: 5, seed: 2 })]);
   * ForestEnsemble.fromJSON(JSON.parse(JSON.stringify(e))).predict(x)[0] === e.predict(x)[0]; // true
   */
  static fromJSON(json: ForestEnsembleJSON, source?: string): ForestEnsemble {
    const fn = "ForestEnsemble.fromJSON";
    const fail = (field: string, value: unknown, expected: string, problem: string): never => {
      if (source !== undefined) throw new DataError({ file: source, column: field, value, expected }, problem);
      throw new ArgumentError({ fn, arg: `json.${field}`, value, expected }, problem);
    };
    if (json === null || typeof json !== "object") return fail("format", json, "a ForestEnsembleJSON object", "not an ensemble");
    if (json.format !== "permafrost-kit/ensemble@1") fail("format", json.format, "\"permafrost-kit/ensemble@1\"", "unknown format");
    if (!Array.isArray(json.members) || json.members.length === 0) fail("members", json.members, "a non-empty array of forests", "no members");
    return new ForestEnsemble(json.members.map((m) => Forest.fromJSON(m, source)));
  }

  /** Total number of trees over the members. */
  get nTrees(): number {
    return this.members.reduce((a, m) => a + m.nTrees, 0);
  }

  /** Number of predictor columns. */
  get nCols(): number {
    return this.members[0]!.nCols;
  }

  /**
   * Mean of the members' predictions per row (response units).
   *
   * @param x - predictors with the training columns, in the same order
   * @returns predictions
   * @throws ArgumentError when `x` is not a well-formed Matrix or its columns differ from training
   * @example
   * const { x, y } = friedman1(100, 5, 1, "demo");
   * const ensemble = new ForestEnsemble([trainForest(x, y, { ntrees: 5, seed: 1 }), trainForest(x, y, { ntrees: 5, seed: 2 })]);
   * ensemble.predict(x)[0]; // 11.26 (the mean of the two members)
   */
  predict(x: Matrix): Float64Array {
    checkModelMatrix("ForestEnsemble.predict", "x", x, this.members[0]!.featureNames);
    const out = new Float64Array(x.nRows);
    for (const m of this.members) {
      // x was checked once above; members share its predictors
      const p = predictChecked(m, x);
      for (let i = 0; i < out.length; i++) out[i]! += p[i]!;
    }
    for (let i = 0; i < out.length; i++) out[i]! /= this.members.length;
    return out;
  }

  /**
   * Every member's predictions (members × rows), e.g. for the model-structure uncertainty of
   * paper 1 §2.4.2.
   *
   * @param x - predictors with the training columns, in the same order
   * @returns one prediction array per member
   * @throws ArgumentError when `x` is not a well-formed Matrix or its columns differ from training
   * @example
   * const { x, y } = friedman1(100, 5, 1, "demo");
   * const ensemble = new ForestEnsemble([trainForest(x, y, { ntrees: 5, seed: 1 }), trainForest(x, y, { ntrees: 5, seed: 2 })]);
   * const [a, b] = ensemble.predictMembers(x);
   * (a[0] + b[0]) / 2 === ensemble.predict(x)[0]; // true
   */
  predictMembers(x: Matrix): Float64Array[] {
    checkModelMatrix("ForestEnsemble.predictMembers", "x", x, this.members[0]!.featureNames);
    return this.members.map((m) => predictChecked(m, x));
  }
}

/** Settings for {@link trainEnsemble}. */
export interface TrainEnsembleOptions {
  /** Training frame rows (default all; duplicates allowed, e.g. a bootstrap). */
  rows?: Int32Array;
  /** Engine (default "kit-drf"). */
  engine?: ForestEngine;
  /** Pool to reuse. */
  pool?: ForestPool;
  /** Workers of a fresh pool. */
  workers?: number;
}

/**
 * Train each member configuration on the same rows, in parallel.
 *
 * @param x - predictors
 * @param y - response per row
 * @param members - forest options per member (e.g. the top 10 grid points plus a seed)
 * @param options - rows, engine and parallelism
 * @returns the ensemble
 * @throws ArgumentError (rejects) for a malformed matrix, bad responses or rows, no members, unknown or bad member options (member index named) or settings
 * @throws FitError or EngineError (rejects) when a member fails while fitting or a worker fails
 * @example
 * const { x, y } = friedman1(100, 5, 1, "demo");
 * (await trainEnsemble(x, y, [{ ntrees: 5, seed: 1 }, { ntrees: 5, seed: 2 }], { workers: 0 })).members.length; // 2
 */
export async function trainEnsemble(x: Matrix, y: ArrayLike<number>, members: readonly ForestOptions[], options: TrainEnsembleOptions = {}): Promise<ForestEnsemble> {
  const fn = "trainEnsemble";
  checkMatrix(fn, "x", x);
  checkOptions(fn, "options", options, ["rows", "engine", "pool", "workers"]);
  const engine = checkOneOf(fn, "options.engine", options.engine ?? "kit-drf", ["kit-drf", "ml-random-forest"] as const);
  if (!isList(members) || members.length === 0) throw new ArgumentError({ fn, arg: "members", value: members, expected: "at least one member's forest options" }, "no members");
  const minRows = Math.max(...members.map((o, m) => resolveForestOptions(o, x.nCols, fn, `members[${m}]`).minRows));
  if (options.workers !== undefined) checkInteger(fn, "options.workers", options.workers, { min: 0, max: 1024 });
  const rows = options.rows ?? Int32Array.from({ length: x.nRows }, (_, i) => i);
  checkTrainingFrame(fn, x, y, rows, minRows, true);
  return withDataset(options.pool, options.workers, x, y, async (pool, id) => {
    const results = await pool.run(members.map((o) => ({ data: id, engine, options: o, trainRows: rows, returnModel: true })));
    return new ForestEnsemble(results.map((r) => new Forest(r.model!)));
  });
}
