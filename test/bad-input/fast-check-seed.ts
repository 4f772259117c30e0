/**
 * One fixed fast-check seed for every property test, so `npm test` is deterministic (a CI run
 * cannot fail by drawing an unlucky case that the previous run did not). To explore new cases, set
 * `PERMAFROST_FC_SEED` to any integer (or `random`); a failure prints the seed and path to replay.
 */
import fc from "fast-check";

const raw = process.env["PERMAFROST_FC_SEED"];
if (raw !== "random") {
  const seed = raw === undefined ? 20261121 : Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`PERMAFROST_FC_SEED=${raw} is not an integer or "random"`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
}
