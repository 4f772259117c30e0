import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { buildDir, byProfile, currentProfile, dataPath, projectRoot, readResults, writeResults } from "permafrost-kit";

describe("profiles", () => {
  const saved = process.env["PERMAFROST_PROFILE"];
  afterEach(() => {
    if (saved === undefined) delete process.env["PERMAFROST_PROFILE"]; else process.env["PERMAFROST_PROFILE"] = saved;
  });
  it("default to quick when unset and follow PERMAFROST_PROFILE", () => {
    delete process.env["PERMAFROST_PROFILE"];
    assert.equal(currentProfile(), "quick");
    process.env["PERMAFROST_PROFILE"] = "full";
    assert.equal(currentProfile(), "full");
    assert.equal(byProfile({ quick: 10, full: 100 }), 100);
  });
  it("reject an unknown profile name", () => {
    process.env["PERMAFROST_PROFILE"] = "fast";
    assert.throws(() => currentProfile(), /PERMAFROST_PROFILE="fast" is not a profile/);
  });
});

describe("paths", () => {
  it("find the package root from the compiled module", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot(), "package.json"), "utf8")) as { name: string };
    assert.equal(pkg.name, "permafrost-kit");
    assert.ok(fs.existsSync(dataPath("liu2025", "table1.csv")));
  });
});

describe("writeResults", () => {
  let tmp = "";
  const saved = process.env["PERMAFROST_BUILD_DIR"];
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pk-results-"));
    process.env["PERMAFROST_BUILD_DIR"] = tmp;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env["PERMAFROST_BUILD_DIR"]; else process.env["PERMAFROST_BUILD_DIR"] = saved;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("writes build/results/<name>.json with _meta, typed arrays as arrays, identically on rerun", () => {
    assert.equal(buildDir(), tmp);
    const file = writeResults("t-ok", { a: 1.5, v: new Float64Array([1, 2]), nested: { s: "x", n: null } });
    assert.equal(file, path.join(tmp, "results", "t-ok.json"));
    const first = fs.readFileSync(file, "utf8");
    const back = readResults("t-ok");
    assert.deepEqual(back["v"], [1, 2]);
    assert.equal((back["_meta"] as { notebook: string }).notebook, "t-ok");
    writeResults("t-ok", { a: 1.5, v: new Float64Array([1, 2]), nested: { s: "x", n: null } });
    assert.equal(fs.readFileSync(file, "utf8"), first);
  });

  it("refuses NaN and Infinity, naming the key path", () => {
    assert.throws(() => writeResults("t-bad", { stats: { so: { mean: NaN } } }), /\$\.stats\.so\.mean is NaN/);
    assert.throws(() => writeResults("t-bad", { xs: new Float64Array([1, Infinity]) }), /\$\.xs\[1\] is Infinity/);
  });

  it("refuses unsafe file names and non-JSON values", () => {
    assert.throws(() => writeResults("../escape", {}), /bad file name/);
    assert.throws(() => writeResults("t-fn", { f: () => 1 }), /unsupported type function/);
  });
});
