/**
 * Issue 19: each profile writes to its own build folder, so a notebook session (quick) never
 * overwrites the outputs of a full `npm run reproduce`. `build/<profile>/` holds what a notebook
 * run produces (results with timings, figures, maps; the runner adds notebooks/ and run-log.json);
 * the cache, run-times.json and the other tools' folders stay at the build root.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import {
  ArgumentError, buildDir, buildSubdir, cached, contentHash, makeFigure, notebookStart, profileBuildDir, profileSubdir, resultsDir, runTimesFile,
  writeFigureSpec, writeResults, writeTimings,
} from "permafrost-kit";

const VARS = ["PERMAFROST_BUILD_DIR", "PERMAFROST_PROFILE", "PERMAFROST_RESULTS_DIR", "PERMAFROST_NO_CACHE"] as const;

/**
 * Every file below a folder, as paths relative to it.
 *
 * @param dir - the folder
 * @returns the relative paths, sorted
 */
function filesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

describe("per-profile build folders (issue 19)", () => {
  let tmp = "";
  const saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pk-profiles-"));
    for (const k of VARS) delete process.env[k];
    process.env["PERMAFROST_BUILD_DIR"] = tmp;
  });
  afterEach(() => {
    for (const k of VARS) {
      if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k];
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("two profiles resolve to two folders below the build root; shared folders do not move", () => {
    process.env["PERMAFROST_PROFILE"] = "quick";
    const quick = { root: profileBuildDir(), results: resultsDir(), figures: profileSubdir("figures"), maps: profileSubdir("maps/product"), cache: buildSubdir("cache"), times: runTimesFile() };
    process.env["PERMAFROST_PROFILE"] = "full";
    const full = { root: profileBuildDir(), results: resultsDir(), figures: profileSubdir("figures"), maps: profileSubdir("maps/product"), cache: buildSubdir("cache"), times: runTimesFile() };
    assert.deepEqual(quick, {
      root: path.join(tmp, "quick"), results: path.join(tmp, "quick", "results"), figures: path.join(tmp, "quick", "figures"),
      maps: path.join(tmp, "quick", "maps", "product"), cache: path.join(tmp, "cache"), times: path.join(tmp, "run-times.json"),
    });
    assert.deepEqual(full, {
      root: path.join(tmp, "full"), results: path.join(tmp, "full", "results"), figures: path.join(tmp, "full", "figures"),
      maps: path.join(tmp, "full", "maps", "product"), cache: path.join(tmp, "cache"), times: path.join(tmp, "run-times.json"),
    });
    for (const dir of [quick.root, quick.results, quick.figures, quick.maps, full.root, full.results, full.figures, full.maps]) assert.ok(fs.statSync(dir).isDirectory(), `${dir} is created`);
  });

  it("the profile defaults to quick: with PERMAFROST_PROFILE unset the folder is build/quick", () => {
    assert.equal(profileBuildDir(), path.join(tmp, "quick"));
    assert.equal(resultsDir(), path.join(tmp, "quick", "results"));
  });

  it("PERMAFROST_RESULTS_DIR wins over the profile's results folder; PERMAFROST_BUILD_DIR moves both profiles (a relative one from the working folder)", () => {
    const elsewhere = path.join(tmp, "elsewhere");
    process.env["PERMAFROST_RESULTS_DIR"] = elsewhere;
    process.env["PERMAFROST_PROFILE"] = "full";
    assert.equal(resultsDir(), elsewhere);
    assert.equal(profileSubdir("figures"), path.join(tmp, "full", "figures"), "only the results move");
    delete process.env["PERMAFROST_RESULTS_DIR"];
    const cwd = process.cwd();
    try {
      process.chdir(tmp);
      process.env["PERMAFROST_BUILD_DIR"] = "other-build";
      assert.equal(buildDir(), path.join(fs.realpathSync(tmp), "other-build"));
      assert.equal(resultsDir(), path.join(fs.realpathSync(tmp), "other-build", "full", "results"));
    } finally {
      process.chdir(cwd);
    }
  });

  it("refuses a sub-folder that leaves the profile's folder (e.g. into the other profile's) and a bad profile, naming them", () => {
    assert.throws(() => profileSubdir("../full"), (e: unknown) => e instanceof ArgumentError && /profileSubdir: sub/.test(e.message) && /path leaves the folder/.test(e.message));
    assert.throws(() => profileSubdir(path.join(tmp, "abs")), (e: unknown) => e instanceof ArgumentError && /profileSubdir: sub/.test(e.message));
    assert.throws(() => profileSubdir(""), (e: unknown) => e instanceof ArgumentError && /profileSubdir: sub/.test(e.message));
    process.env["PERMAFROST_PROFILE"] = "fast";
    assert.throws(() => profileBuildDir(), (e: unknown) => e instanceof ArgumentError && /environment variable PERMAFROST_PROFILE/.test(e.message) && /"fast"/.test(e.message));
    assert.throws(() => resultsDir(), (e: unknown) => e instanceof ArgumentError && /PERMAFROST_PROFILE/.test(e.message));
    assert.equal(fs.existsSync(path.join(tmp, "fast")), false, "no folder for a bad profile");
  });

  it("with PERMAFROST_PROFILE=quick (a lab session) nothing a notebook writes resolves into build/full", async () => {
    process.env["PERMAFROST_PROFILE"] = "quick";
    const written: string[] = [];
    const nb = notebookStart({ notebook: "99-session", reproduces: "a test", data: "real", dataNote: "none" });
    written.push(writeResults("99-session", { a: 1 }));
    written.push(writeTimings("99-session", { s: { ms: 1 } }));
    const spec = writeFigureSpec(makeFigure("t-session", [{ type: "scatter", x: [1, 2], y: [3, 4] }], { title: { text: "t" } }));
    written.push(spec.html, spec.json);
    written.push(path.join(profileSubdir("maps"), "x.tif"));
    written.push((await cached("t-session", contentHash("t-session", 1), () => ({ v: 1 }))).file);
    nb.finish();
    written.push(nb.timingsFile!);
    const full = path.join(tmp, "full");
    for (const f of written) assert.ok(!f.startsWith(full + path.sep), `${f} is not in build/full`);
    assert.equal(fs.existsSync(full), false, "build/full is never created by a quick session");
    assert.deepEqual(filesBelow(tmp).filter((f) => !f.startsWith(`cache${path.sep}`)), [
      path.join("quick", "figures", "plotly.min.js"), path.join("quick", "figures", "t-session.html"), path.join("quick", "figures", "t-session.json"),
      path.join("quick", "results", "99-session.json"), path.join("quick", "results", "timings", "99-session.json"),
    ].sort(), "everything else is in build/quick (the cache is shared)");
  });
});
