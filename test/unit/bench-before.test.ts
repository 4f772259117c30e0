/**
 * `npm run bench -- --before <rev>` builds the kit of an earlier commit from git history: an unknown
 * revision is refused with its name, before anything is exported or compiled.
 */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildRevision } from "../bench/before";

describe("bench --before", () => {
  it("refuses an unknown revision, naming it", () => {
    assert.throws(() => buildRevision("no-such-revision-pk"), /bench --before: git rev-parse --verify --quiet no-such-revision-pk\^\{commit\} failed/);
  });
});
