import * as assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import {
  ArgumentError, buildDir, byProfile, cached, cleanStrayTemps, contentHash, currentProfile, dataPath, projectRoot, readCacheFile, readResults, resultsDir,
  writeFileAtomic, writeResults, writeTimings,
} from "permafrost-kit";

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
    assert.throws(() => currentProfile(), (e: unknown) => e instanceof ArgumentError && /environment variable PERMAFROST_PROFILE: not a profile: got "fast"/.test(e.message));
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

  it("writes build/<profile>/results/<name>.json with _meta, typed arrays as arrays, identically on rerun", () => {
    assert.equal(buildDir(), tmp);
    const file = writeResults("t-ok", { a: 1.5, v: new Float64Array([1, 2]), nested: { s: "x", n: null } });
    assert.equal(file, path.join(tmp, currentProfile(), "results", "t-ok.json"));
    const first = fs.readFileSync(file, "utf8");
    const back = readResults("t-ok");
    assert.deepEqual(back["v"], [1, 2]);
    assert.equal((back["_meta"] as { notebook: string }).notebook, "t-ok");
    writeResults("t-ok", { a: 1.5, v: new Float64Array([1, 2]), nested: { s: "x", n: null } });
    assert.equal(fs.readFileSync(file, "utf8"), first);
  });

  it("refuses NaN and Infinity, naming the key path", () => {
    assert.throws(() => writeResults("t-bad", { stats: { so: { mean: NaN } } }), (e: unknown) => e instanceof ArgumentError && /writeResults: results\.stats\.so\.mean: not a finite number: got NaN/.test(e.message));
    assert.throws(() => writeResults("t-bad", { xs: new Float64Array([1, Infinity]) }), (e: unknown) => e instanceof ArgumentError && /results\.xs\[1\]: not a finite number: got Infinity/.test(e.message));
  });

  it("refuses unsafe file names and non-JSON values", () => {
    assert.throws(() => writeResults("../escape", {}), (e: unknown) => e instanceof ArgumentError && /bad file name/.test(e.message));
    assert.throws(() => writeResults("t-fn", { f: () => 1 }), (e: unknown) => e instanceof ArgumentError && /results\.f: unsupported type function/.test(e.message));
  });
});

describe("cache: a run killed mid-write never leaves an entry a later run trusts", () => {
  // The child computes a large deterministic entry (32 MB of Float64 → ~43 MB of JSON written in
  // 1 MiB steps) through `cached`, and prints whether it was a hit and the SHA-256 of the bytes.
  const N = 4_000_000;
  const child = `
const { createHash } = require("node:crypto");
const cache = require(${JSON.stringify(path.join(projectRoot(), "dist", "project", "cache.js"))});
(async () => {
  const n = Number(process.env.KILL_N);
  const r = await cache.cached("kill", cache.contentHash("kill-test", n), () => {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = Math.sin(i) * 1000 + i / 7;
    return { v, n, label: "kill" };
  });
  const h = createHash("sha256").update(new Uint8Array(r.value.v.buffer)).digest("hex");
  process.stdout.write(JSON.stringify({ hit: r.hit, hash: h, n: r.value.n, rejected: r.rejected }));
})();`;
  let tmp = "";
  let script = "";
  const expected = (() => {
    const v = new Float64Array(N);
    for (let i = 0; i < N; i++) v[i] = Math.sin(i) * 1000 + i / 7;
    return createHash("sha256").update(new Uint8Array(v.buffer)).digest("hex");
  })();
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pk-kill-"));
    script = path.join(tmp, "child.js");
    fs.writeFileSync(script, child);
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const env = (): NodeJS.ProcessEnv => ({ ...process.env, PERMAFROST_BUILD_DIR: path.join(tmp, "build"), PERMAFROST_NO_CACHE: "", KILL_N: String(N) });
  const stageDir = (): string => path.join(tmp, "build", "cache", "kill");
  const runToEnd = (): { hit: boolean; hash: string; n: number; rejected: string | null } => {
    const r = spawnSync(process.execPath, [script], { env: env(), encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as { hit: boolean; hash: string; n: number; rejected: string | null };
  };
  const killWhen = async (ready: () => boolean, maxMs: number): Promise<void> => {
    const p = spawn(process.execPath, [script], { env: env(), stdio: "ignore" });
    const exited = new Promise<void>((resolve) => p.on("exit", () => resolve()));
    const t0 = Date.now();
    while (!ready() && Date.now() - t0 < maxMs && p.exitCode === null) await new Promise((r) => setTimeout(r, 1));
    p.kill("SIGKILL");
    await exited;
  };
  const entries = (): string[] => (fs.existsSync(stageDir()) ? fs.readdirSync(stageDir()) : []);
  const assertNoCorruptEntry = (): void => {
    for (const f of entries().filter((e) => e.endsWith(".json"))) {
      const state = readCacheFile(path.join(stageDir(), f));
      assert.ok(state.ok, `${f}: ${state.ok ? "" : state.reason}`);
    }
  };

  it("SIGKILL while the temporary file is being written: no entry is trusted, the rerun recomputes the identical result and cleans the temporary", async () => {
    await killWhen(() => entries().some((e) => e.endsWith(".tmp")), 60_000);
    const left = entries();
    assert.ok(left.some((e) => e.endsWith(".tmp")), `the kill should land mid-write; the stage folder holds ${left.join(", ")}`);
    assert.ok(!left.some((e) => e.endsWith(".json")), "no entry is published before the rename");
    const rerun = runToEnd();
    assert.deepEqual({ hit: rerun.hit, hash: rerun.hash, n: rerun.n }, { hit: false, hash: expected, n: N });
    assert.deepEqual(entries().filter((e) => e.endsWith(".tmp")), [], "the dead writer's temporary file is removed");
    assertNoCorruptEntry();
    const again = runToEnd();
    assert.deepEqual({ hit: again.hit, hash: again.hash }, { hit: true, hash: expected }, "the entry written after the kill is served");
  });

  it("SIGKILL at random moments: whatever is left is either no entry or a valid one, and the result is identical", async () => {
    for (const delay of [50, 200 + Math.floor(Math.random() * 400), 600 + Math.floor(Math.random() * 900)]) {
      const t0 = Date.now();
      await killWhen(() => Date.now() - t0 >= delay, delay + 1);
      assertNoCorruptEntry();
    }
    const r = runToEnd();
    assert.equal(r.hash, expected);
    assert.equal(r.rejected, null, "a killed run never leaves an entry that has to be rejected");
    assertNoCorruptEntry();
  });
});

describe("cache encoding", () => {
  it("a hit decodes to exactly what was computed: NaN, ±Infinity and −0 survive, typed arrays keep their type", async () => {
    const prev = process.env["PERMAFROST_BUILD_DIR"];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pk-cache-enc-"));
    process.env["PERMAFROST_BUILD_DIR"] = dir;
    try {
      const value = { a: NaN, b: -0, c: [Infinity, -Infinity, 1.25], i: Int16Array.from([-3, 7]), u: Uint32Array.from([4e9]), s: "x", z: null };
      const key = contentHash("encoding", 1);
      const miss = await cached("enc", key, () => value);
      const hit = await cached("enc", key, () => value);
      assert.deepEqual([miss.hit, hit.hit], [false, true]);
      assert.ok(Number.isNaN(hit.value.a));
      assert.ok(Object.is(hit.value.b, -0));
      assert.deepEqual(hit.value.c, [Infinity, -Infinity, 1.25]);
      assert.ok(hit.value.i instanceof Int16Array && hit.value.u instanceof Uint32Array);
      assert.deepEqual([Array.from(hit.value.i), Array.from(hit.value.u)], [[-3, 7], [4e9]]);
      assert.equal(readCacheFile(hit.file).ok, true);
      assert.deepEqual(readCacheFile(path.join(dir, "nope.json")), { ok: false, reason: "missing" });
    } finally {
      if (prev === undefined) delete process.env["PERMAFROST_BUILD_DIR"];
      else process.env["PERMAFROST_BUILD_DIR"] = prev;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("contentHash", () => {
  // The hash of earlier versions, kept here to show that the keys of ordinary data are unchanged.
  function oldFeed(h: ReturnType<typeof createHash>, v: unknown): void {
    if (ArrayBuffer.isView(v)) {
      h.update(`<${v.constructor.name}:${v.byteLength}>`);
      h.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    } else if (Array.isArray(v)) {
      h.update(`[${v.length}`);
      for (const x of v) oldFeed(h, x);
      h.update("]");
    } else if (v !== null && typeof v === "object") {
      const keys = Object.keys(v).sort();
      h.update(`{${keys.length}`);
      for (const k of keys) {
        h.update(JSON.stringify(k));
        oldFeed(h, (v as Record<string, unknown>)[k]);
      }
      h.update("}");
    } else h.update(`${typeof v}:${String(v)};`);
  }
  const oldHash = (...parts: unknown[]): string => {
    const h = createHash("sha256");
    oldFeed(h, parts);
    return h.digest("hex");
  };

  it("hashes the alt stages' keys exactly as before (typed arrays, column names, settings, member options, null strata, undefined columns)", () => {
    const x = Float64Array.from({ length: 60 }, (_, i) => Math.sin(i) * 100);
    const y = Float64Array.from({ length: 20 }, (_, i) => 40 + i / 3);
    const grid = { ntrees: [50, 100], mtries: [2, 4], minRows: [1, 3, 5] };
    const members = [{ ntrees: 100, mtries: 4, minRows: 3, seed: 1001 }, { ntrees: 50, mtries: 2, minRows: 1, seed: 1002 }];
    const cases: unknown[][] = [
      ["grid-stage-v1", x, ["tas", "snow", "soil"], y, grid, 5, 10, 42, "0123456789abcdef"],
      ["grid-stage-v1", x, undefined, y, grid, 5, 10, 42, "0123456789abcdef"],
      ["member-maps-v1", x, y, members, new Float64Array(30), [2003, 2004, 2005], Int32Array.from([0, 7, 9]), "fedcba9876543210"],
      ["bootstrap-v1", x, y, null, members, new Float64Array(30), [2003, 2004], { replicates: 20, share: 0.75, seed: 42 }, "ffff"],
      ["bootstrap-v1", x, y, ["s1", "s2", "s1"], members, Float32Array.from([NaN, Infinity, -1.5]), [2003], { seed: 0, opt: undefined, flag: true }, "ffff"],
    ];
    for (const c of cases) assert.equal(contentHash(...c), oldHash(...c));
  });

  it("gives different keys to inputs the old hash confused: ';' inside strings, 0 and −0", () => {
    assert.notEqual(contentHash(["a;string:b", "c"]), contentHash(["a", "b;string:c"]));
    assert.equal(oldHash(["a;string:b", "c"]), oldHash(["a", "b;string:c"]), "the collision the old hash had");
    assert.notEqual(contentHash({ lag: -0 }), contentHash({ lag: 0 }));
    assert.notEqual(contentHash(1n), contentHash(1));
    assert.notEqual(contentHash([null]), contentHash([undefined]));
    assert.notEqual(contentHash({ a: undefined }), contentHash({}));
    assert.equal(contentHash(Object.create(null) as object), contentHash({}), "an object without a prototype is a plain object");
  });
});

describe("cached: errors of the compute function", () => {
  it("passes the compute's own error through unchanged (even a bare string) and stores nothing", async () => {
    const prev = process.env["PERMAFROST_BUILD_DIR"];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pk-cache-throw-"));
    process.env["PERMAFROST_BUILD_DIR"] = dir;
    try {
      const key = contentHash("throws", 1);
      await assert.rejects(cached("throws", key, () => {
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        throw "bare";
      }), (e: unknown) => e === "bare");
      const own = new ArgumentError({ fn: "userStage", arg: "x", value: 1, expected: "2" }, "bad");
      await assert.rejects(cached("throws", key, () => Promise.reject(own)), (e: unknown) => e === own);
      assert.equal(fs.existsSync(path.join(dir, "cache", "throws", `${key}.json`)), false);
    } finally {
      if (prev === undefined) delete process.env["PERMAFROST_BUILD_DIR"];
      else process.env["PERMAFROST_BUILD_DIR"] = prev;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("atomic writes", () => {
  it("writeFileAtomic replaces the file in one rename and leaves no temporary; cleanStrayTemps removes only dead writers' temporaries", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pk-atomic-"));
    try {
      const f = path.join(dir, "a.json");
      writeFileAtomic(f, "one\n");
      writeFileAtomic(f, Buffer.from("two\n"));
      assert.equal(fs.readFileSync(f, "utf8"), "two\n");
      assert.deepEqual(fs.readdirSync(dir), ["a.json"]);
      const dead = path.join(dir, ".a.json.999999999.abcd.tmp");
      const mine = path.join(dir, `.a.json.${process.pid}.abcd.tmp`);
      fs.writeFileSync(dead, "half");
      fs.writeFileSync(mine, "in progress");
      assert.equal(cleanStrayTemps(dir), 1);
      assert.deepEqual(fs.readdirSync(dir).sort(), [path.basename(mine), "a.json"].sort());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("results and timings go to $PERMAFROST_RESULTS_DIR when set (two runs side by side)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pk-results-dir-"));
    const prev = process.env["PERMAFROST_RESULTS_DIR"];
    process.env["PERMAFROST_RESULTS_DIR"] = dir;
    try {
      assert.equal(resultsDir(), dir);
      assert.equal(writeResults("t-dir", { a: 1 }), path.join(dir, "t-dir.json"));
      assert.equal(writeTimings("t-dir", { s: { ms: 1, cacheHit: false } }), path.join(dir, "timings", "t-dir.json"));
      const timing = JSON.parse(fs.readFileSync(path.join(dir, "timings", "t-dir.json"), "utf8")) as { machine: { cores: number; cpuModel: string; node: string }; finished: string; stages: unknown };
      assert.ok(timing.machine.cores >= 1 && timing.machine.cpuModel.length > 0 && timing.machine.node === process.version, "the machine is recorded next to the times");
      assert.ok(!Number.isNaN(Date.parse(timing.finished)));
      assert.deepEqual(timing.stages, { s: { ms: 1, cacheHit: false } });
      assert.equal((readResults("t-dir") as { a: number }).a, 1);
    } finally {
      if (prev === undefined) delete process.env["PERMAFROST_RESULTS_DIR"];
      else process.env["PERMAFROST_RESULTS_DIR"] = prev;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
