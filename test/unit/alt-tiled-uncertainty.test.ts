/**
 * The bounded-memory uncertainty analysis (issue 15): altTiledUncertainty's per-pixel statistics
 * (bootstrap, model structure, combined: mean, SD, CV, 2.5/97.5 % quantiles of the mean ALT and
 * trend) equal the in-memory chain's (bootstrapMaps, altMemberMaps + modelStructureMaps,
 * replicateStats, quantileMaps) bit for bit on the quick world; a killed run resumes from its unit
 * states, and missing, truncated or corrupt states are recomputed, giving byte-identical maps.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  ALT_UNCERTAINTY_BANDS, ArgumentError, altMemberMaps, altSettings, altTiledUncertainty, bootstrapMaps, loadAltInputs, modelStructureMaps, pixelMatrixForYears,
  quantileMaps, readGeoTiff, replicateStats, scatterToMap,
} from "permafrost-kit";
import { refusesAsync } from "../bad-input/corpus";

const settings = altSettings("quick");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alt-tiled-unc-"));
const members = [{ ntrees: 8, mtries: 4, minRows: 5, seed: 11 }, { ntrees: 8, mtries: 8, minRows: 3, seed: 12 }];
const opts = { dir, bootstrapReplicates: 2, bootstrapShare: 0.75, structureReplicates: 3, seed: settings.seed, tileSize: 32, onProgress: () => undefined };

describe("tiled uncertainty", () => {
  it("equals the in-memory bootstrap and model-structure statistics bit for bit; a killed run resumes", async () => {
    const inputs = await loadAltInputs(settings);
    const years = inputs.years.slice(0, 4);
    const strata = Array.from(inputs.table.rows, (r) => inputs.sites.source[r]!);
    const run = await altTiledUncertainty(inputs.source, inputs.table, strata, members, { ...opts, years });
    assert.equal(run.cells, inputs.cells.length);
    assert.equal(run.units, 3 * run.tiles);
    assert.equal(run.reusedUnits, 0);

    const pixels = pixelMatrixForYears(inputs.stack, years, inputs.cells);
    const boot = await bootstrapMaps(inputs.table, strata, members, pixels, years, { replicates: 2, share: 0.75, seed: settings.seed }, { workers: 1 });
    assert.deepEqual(run.distinctRows, boot.value.distinctRows);
    const maps = await altMemberMaps(inputs.table, members, pixels, years, inputs.cells, { workers: 1 });
    const struct = modelStructureMaps(maps.value.members, years, 3, settings.seed);
    const size = inputs.grid.width * inputs.grid.height;
    const want = (means: Float32Array[], trends: Float32Array[]) => {
      const m = replicateStats(means);
      const t = replicateStats(trends);
      return [m.mean, m.sd, m.cv, ...quantileMaps(means, [0.025, 0.975]), t.mean, t.sd, t.cv, ...quantileMaps(trends, [0.025, 0.975])].map((v) => scatterToMap(v, inputs.cells, size));
    };
    const expected = {
      bootstrap: want(boot.value.mean, boot.value.trend),
      structure: want(struct.mean, struct.trend),
      combined: want([...boot.value.mean, ...struct.mean], [...boot.value.trend, ...struct.trend]),
    };
    for (const kind of ["bootstrap", "structure", "combined"] as const) {
      const got = await readGeoTiff(run.files[kind]);
      assert.deepEqual(got.bandNames, ALT_UNCERTAINTY_BANDS);
      expected[kind].forEach((w, j) => assert.deepEqual(got.bands[j], w, `${kind} ${ALT_UNCERTAINTY_BANDS[j]}`));
    }
    // the bands are not trivially equal: the spread is positive on the domain
    assert.ok(expected.combined[6]!.some((v) => v > 0));

    // a killed run: states of both kinds missing, one truncated, one with a flipped byte
    const before = Object.fromEntries(Object.entries(run.files).map(([k, f]) => [k, fs.readFileSync(f)]));
    fs.rmSync(path.join(run.stateDir, "bootstrap-1", "0.tile"));
    fs.rmSync(path.join(run.stateDir, "structure-2", "3.tile"));
    const trunc = path.join(run.stateDir, "bootstrap-0", "2.tile");
    fs.writeFileSync(trunc, fs.readFileSync(trunc).subarray(0, 60));
    const flip = path.join(run.stateDir, "structure-0", "5.tile");
    const b = fs.readFileSync(flip);
    b[b.length - 1] ^= 0xff;
    fs.writeFileSync(flip, b);
    const again = await altTiledUncertainty(inputs.source, inputs.table, strata, members, { ...opts, years });
    assert.equal(again.reusedUnits, again.units - 4);
    for (const [k, f] of Object.entries(again.files)) assert.deepEqual(fs.readFileSync(f), before[k], `${k}: the resumed run writes byte-identical maps`);
    // a finished run reuses every unit and retrains nothing
    const third = await altTiledUncertainty(inputs.source, inputs.table, strata, members, { ...opts, years });
    assert.equal(third.reusedUnits, third.units);
    assert.equal(third.ms.train, 0);
  });
});

describe("bad input to altTiledUncertainty", async () => {
  const inputs = await loadAltInputs(settings);
  const years = inputs.years.slice(0, 2);
  const run = (o: object, strata: string[] | null = null) => altTiledUncertainty(inputs.source, inputs.table, strata, members, { ...opts, years, ...o });
  refusesAsync("altTiledUncertainty: one bootstrap replicate", () => run({ bootstrapReplicates: 1 }), ArgumentError, ["options.bootstrapReplicates", "1"]);
  refusesAsync("altTiledUncertainty: share 1.5", () => run({ bootstrapShare: 1.5 }), ArgumentError, ["options.bootstrapShare", "1.5"]);
  refusesAsync("altTiledUncertainty: a year outside the source", () => run({ years: [1990, 1991] }), ArgumentError, ["options.years", "1990"]);
  refusesAsync("altTiledUncertainty: an unknown option", () => run({ tiles: 3 }), ArgumentError, ["options", "tiles"]);
  refusesAsync("altTiledUncertainty: strata of the wrong length", () => run({}, ["CALM"]), ArgumentError, ["strata", "1"]);
});
