/**
 * The top-k ensemble (paper 1 §2.4.1: "for each year of record, we averaged the global
 * predictions from the best ten RF models"): the member forests are trained on all rows in
 * parallel and the ensemble predicts the mean of their predictions.
 */
import { Forest } from "./forest";
import { type ForestPool, withDataset } from "./forest-pool";
import { type ForestEngine } from "./forest-task";
import { type Matrix } from "../../core/matrix";
import { type ForestOptions } from "./options";
import { type RegressionModel } from "./regression-model";

/** An equally weighted ensemble of fitted models. */
export class ForestEnsemble implements RegressionModel {
  /** Engine tag. */
  readonly engine = "ensemble";
  /** The member models. */
  readonly members: readonly Forest[];

  /**
   * @param members - at least one fitted forest, all on the same predictors
   * @throws RangeError when empty or the members' predictor counts differ
   */
  constructor(members: readonly Forest[]) {
    if (members.length === 0) throw new RangeError("ForestEnsemble: no members");
    const p = members[0]!.nCols;
    if (members.some((m) => m.nCols !== p)) throw new RangeError("ForestEnsemble: members were trained on different predictor counts");
    this.members = members;
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
   * @param x - predictors
   * @returns predictions
   */
  predict(x: Matrix): Float64Array {
    const out = new Float64Array(x.nRows);
    for (const m of this.members) {
      const p = m.predict(x);
      for (let i = 0; i < out.length; i++) out[i]! += p[i]!;
    }
    for (let i = 0; i < out.length; i++) out[i]! /= this.members.length;
    return out;
  }

  /**
   * Every member's predictions (members × rows), e.g. for the model-structure uncertainty of
   * paper 1 §2.4.2.
   *
   * @param x - predictors
   * @returns one prediction array per member
   */
  predictMembers(x: Matrix): Float64Array[] {
    return this.members.map((m) => m.predict(x));
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
 */
export async function trainEnsemble(x: Matrix, y: ArrayLike<number>, members: readonly ForestOptions[], options: TrainEnsembleOptions = {}): Promise<ForestEnsemble> {
  const rows = options.rows ?? Int32Array.from({ length: x.nRows }, (_, i) => i);
  return withDataset(options.pool, options.workers, x, y, async (pool, id) => {
    const results = await pool.run(members.map((o) => ({ data: id, engine: options.engine ?? "kit-drf", options: o, trainRows: rows, returnModel: true })));
    return new ForestEnsemble(results.map((r) => new Forest(r.model!)));
  });
}
