/**
 * The demo world generated tile by tile (issue 15): the quick world's values are pinned (the
 * refactor to one per-cell physics function left them bit-identical), a window of a per-cell world
 * equals the same cells of a larger window bit for bit, its sites can be drawn without the world,
 * and the real-export layout (alt-inputs.json, GEE tile sets, CALM-wide and long site files,
 * checksums) reads back to the generated values.
 */
import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import {
  ANNUAL_PREDICTORS, ArgumentError, STATIC_PREDICTORS, cellNoise, demoWorldSpec, ensureDemoWorld, ensureDemoWorldExport, geeTilePath, generateDemoWorld,
  ensureRegionalWorld, generateDemoWorldWindow, generateSites, generateSitesByCell, lonLatGrid, regionalWorldDir, parseCsv, readGeoTiff, regionalWorldSpec, type DemoWorldBlock, type DemoWorldSpec, type demoAltInputsManifest,
} from "permafrost-kit";
import { refuses } from "../bad-input/corpus";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pk-world-tiles-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const hash16 = (bands: readonly (Float32Array | Uint8Array)[]): string => {
  const h = createHash("sha256");
  for (const b of bands) h.update(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
  return h.digest("hex").slice(0, 16);
};

// every band of a block, in a fixed order, with its label
function bandsOf(b: DemoWorldBlock): [string, Float32Array | Uint8Array][] {
  const out: [string, Float32Array | Uint8Array][] = [["domain", b.domain], ["fireYear", b.fireYear]];
  for (const v of ANNUAL_PREDICTORS) b.annual[v]!.forEach((x, t) => out.push([`${v}[${t}]`, x]));
  for (const v of STATIC_PREDICTORS) out.push([v, b.static[v]!]);
  b.altTrue.forEach((x, t) => out.push([`altTrue[${t}]`, x]));
  b.altNoFire.forEach((x, t) => out.push([`altNoFire[${t}]`, x]));
  return out;
}

// the cells of `big` (offset col0, row0) under `small`, compared bit for bit (NaN equals NaN)
function assertWindowEqual(small: DemoWorldBlock, big: DemoWorldBlock, col0: number, row0: number): void {
  const bigBands = new Map(bandsOf(big));
  for (const [name, s] of bandsOf(small)) {
    const b = bigBands.get(name)!;
    for (let r = 0; r < small.grid.height; r++) {
      for (let c = 0; c < small.grid.width; c++) {
        const v = s[r * small.grid.width + c]!;
        const w = b[(r + row0) * big.grid.width + c + col0]!;
        if (!Object.is(v, w)) assert.fail(`${name} at window cell (${c}, ${r}): ${v} alone, ${w} in the larger window`);
      }
    }
  }
}

describe("the quick and full worlds after the refactor", () => {
  it("keep the values of before (hashes taken before the per-cell physics moved to demoWorldCell)", () => {
    const w = generateDemoWorld(demoWorldSpec("quick"));
    assert.equal(hash16([w.domain]), "7d50e80a61c141da");
    assert.equal(hash16(w.annual.ati!), "27c3d1c6af0c4e9b");
    assert.equal(hash16(w.annual.soil_moisture!), "c60b799527873102");
    assert.equal(hash16([w.static.landcover!]), "02020c93927484fb");
    assert.equal(hash16([w.static.bulk_density!]), "7ee8d07156b68c53");
    assert.equal(hash16(w.altTrue), "d6e8cddea293981a");
    assert.equal(hash16(w.altNoFire), "7aa2e5166ff55d1c");
    assert.equal(hash16([w.fireYear]), "1fa5d5decc2e7793");
    assert.equal(createHash("sha256").update(JSON.stringify(generateSites(w))).digest("hex").slice(0, 16), "ca603e8c89064100");
  });
});

describe("a world with per-cell noise", () => {
  const coarse: DemoWorldSpec = { ...regionalWorldSpec(), resolution: 0.25, sites: 30 };

  it("is the same in a window generated alone as in a larger window, bit for bit, at 1/120°", () => {
    const spec = regionalWorldSpec();
    const big = generateDemoWorldWindow(spec, { col0: 1000, row0: 300, width: 60, height: 40 });
    const small = generateDemoWorldWindow(spec, { col0: 1023, row0: 317, width: 13, height: 9 });
    let dom = 0;
    for (const d of small.domain) dom += d;
    assert.ok(dom > 50, `${dom} domain cells in the window`);
    assertWindowEqual(small, big, 23, 17);
    assert.equal(small.grid.originX, spec.bbox[0] + 1023 * spec.resolution);
  });

  it("stitched from tiles equals the whole world, and differs for another seed", () => {
    const whole = generateDemoWorld(coarse);
    const g = whole.grid;
    for (const [col0, row0] of [[0, 0], [40, 0], [0, 20], [40, 20]] as const) {
      const w = { col0, row0, width: Math.min(40, g.width - col0), height: Math.min(20, g.height - row0) };
      assertWindowEqual(generateDemoWorldWindow(coarse, w), whole, col0, row0);
    }
    const other = generateDemoWorld({ ...coarse, seed: 7 });
    assert.notEqual(hash16(other.altTrue), hash16(whole.altTrue));
    // the same physics: permafrost all over interior Alaska, fires in 2005–2015 only
    let dom = 0;
    for (const d of whole.domain) dom += d;
    assert.ok(dom > 0.8 * g.width * g.height, `${dom} of ${g.width * g.height} cells in the domain`);
    const fy = Array.from(whole.fireYear).filter((v) => !Number.isNaN(v));
    assert.ok(fy.length > 20 && fy.every((y) => y >= 2005 && y <= 2015), `${fy.length} fires`);
  });

  it("draws its sites cell by cell exactly as from the whole world, inside the region, CALM and ABoVE", () => {
    const byCell = generateSitesByCell(coarse);
    assert.deepEqual(byCell, generateSites(generateDemoWorld(coarse)));
    const [w, s, e, n] = coarse.bbox;
    assert.ok(byCell.observations.every((o) => o.lon >= w && o.lon < e && o.lat >= s && o.lat < n));
    assert.deepEqual([...new Set(byCell.observations.map((o) => o.source))].sort(), ["ABoVE", "CALM"]);
    assert.equal(new Set(byCell.observations.map((o) => o.site)).size, 30);
  });

  it("has per-cell streams that are reproducible, differ between cells and look standard normal", () => {
    const noise = cellNoise(11, "test");
    const a = noise.at(3, 4).normal();
    assert.equal(cellNoise(11, "test").at(9, 9).at(3, 4).normal(), a);
    assert.notEqual(noise.at(3, 5).normal(), a);
    assert.notEqual(noise.at(4, 3).normal(), a);
    let s = 0;
    let ss = 0;
    const n = 20000;
    for (let k = 0; k < n; k++) {
      const v = noise.at(k % 200, Math.floor(k / 200)).normal();
      s += v;
      ss += v * v;
    }
    const mean = s / n;
    const sd = Math.sqrt(ss / n - mean * mean);
    assert.ok(Math.abs(mean) < 0.03 && Math.abs(sd - 1) < 0.03, `first draws across cells: mean ${mean}, sd ${sd}`);
  });
});

describe("the real-export layout", () => {
  const spec: DemoWorldSpec = { ...regionalWorldSpec(), resolution: 0.25, sites: 30 };
  const dir = path.join(tmp, "region");

  it("writes GEE tile sets that mosaic back to the generated world, with alt-inputs.json and checksums", async () => {
    let progress = 0;
    const x = ensureDemoWorldExport(spec, dir, { tiled: true, tileSize: 24, name: "demo-region", onTile: (done, total) => (progress = done / total) });
    assert.equal(x.generated, true);
    assert.equal(progress, 1);
    const whole = generateDemoWorld(spec);
    const g = whole.grid;
    assert.equal(x.manifest.counts.tiles, Math.ceil(g.width / 24) * Math.ceil(g.height / 24));
    let dom = 0;
    for (const d of whole.domain) dom += d;
    assert.equal(x.manifest.counts.domainCells, dom);
    // mosaic one annual predictor, the mask and the true ALT of 2010 from their tiles
    for (const [stem, band] of [["predictors/ati/ati_2005.tif", whole.annual.ati![2]!], ["truth/alt_true/alt_true_2010.tif", whole.altTrue[7]!],
      ["mask/permafrost_extent.tif", Float32Array.from(whole.domain, (v) => (v === 1 ? 1 : NaN))], ["predictors/static/landcover.tif", whole.static.landcover!]] as const) {
      assert.equal(fs.existsSync(path.join(dir, stem)), false, `${stem} is a tile set, not one file`);
      for (let row0 = 0; row0 < g.height; row0 += 24) {
        for (let col0 = 0; col0 < g.width; col0 += 24) {
          const r = await readGeoTiff(path.join(dir, geeTilePath(stem, row0, col0)));
          assert.ok(Math.abs(r.grid.originX - (g.originX + col0 * g.resX)) < 1e-9 && Math.abs(r.grid.originY - (g.originY - row0 * g.resY)) < 1e-9, `${stem} tile ${row0},${col0} origin`);
          for (let rr = 0; rr < r.grid.height; rr++) {
            for (let cc = 0; cc < r.grid.width; cc++) {
              const v = r.bands[0]![rr * r.grid.width + cc]!;
              const w = band[(row0 + rr) * g.width + col0 + cc]!;
              if (!Object.is(v, w)) assert.fail(`${stem} tile ${row0},${col0} cell ${cc},${rr}: ${v} on disk, ${w} generated`);
            }
          }
        }
      }
    }
    const inputs = JSON.parse(fs.readFileSync(path.join(dir, "alt-inputs.json"), "utf8")) as ReturnType<typeof demoAltInputsManifest>;
    assert.equal(inputs.format, "permafrost-kit/alt-inputs@1");
    assert.equal(inputs.synthetic, true);
    assert.match(inputs.description, /SYNTHETIC/);
    assert.equal(inputs.name, "demo-region");
    assert.deepEqual(inputs.years, [2003, 2020]);
    assert.deepEqual(Object.keys(inputs.annual), [...ANNUAL_PREDICTORS]);
    assert.deepEqual(Object.keys(inputs.static), [...STATIC_PREDICTORS]);
    assert.equal(inputs.static.landcover!.type, "categorical");
    assert.equal(inputs.annual.ati!.type, "continuous");
    assert.equal(inputs.annual.ati!.unit, "°C·day");
    for (const v of ANNUAL_PREDICTORS) {
      for (let y = 2003; y <= 2020; y++) assert.ok(fs.existsSync(path.join(dir, geeTilePath(inputs.annual[v]!.pattern.replace("{year}", String(y)), 0, 0))), `${v} ${y}`);
    }
    // every file is in the checksum manifest, and nothing else is on disk
    const onDisk: string[] = [];
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(path.join(dir, d), { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else onDisk.push(path.join(d, e.name));
      }
    };
    walk("");
    assert.deepEqual(onDisk.filter((f) => f !== "manifest.json").sort(), Object.keys(x.manifest.files).sort());
  });

  it("splits the site-years into a CALM-wide file and a long file that together hold every observation", () => {
    const sites = generateSitesByCell(spec);
    const wide = parseCsv(fs.readFileSync(path.join(dir, "sites", "calm.csv"), "utf8"), "calm.csv");
    assert.deepEqual(wide.header.slice(0, 4), ["site", "lat", "lon", "2003"]);
    assert.equal(wide.header.length, 3 + 18);
    const fromWide = wide.rows.flatMap((r) => r.slice(3).flatMap((v, k) => (v === "" ? [] : [`${r[0]},${2003 + k},${v}`])));
    const long = parseCsv(fs.readFileSync(path.join(dir, "sites", "other.csv"), "utf8"), "other.csv");
    assert.deepEqual(long.header, ["site", "lat", "lon", "year", "alt_cm", "source"]);
    assert.ok(long.rows.every((r) => r[5] !== "CALM") && long.rows.length > 0 && fromWide.length > 0);
    const expected = sites.observations.map((o) => `${o.site},${o.year},${o.altCm}`).sort();
    assert.deepEqual([...fromWide, ...long.rows.map((r) => `${r[0]},${r[3]},${r[4]}`)].sort(), expected);
  });

  it("is reused when every checksum verifies and rewritten when a tile changed", () => {
    assert.equal(ensureDemoWorldExport(spec, dir, { tiled: true, tileSize: 24, name: "demo-region" }).generated, false);
    fs.appendFileSync(path.join(dir, geeTilePath("predictors/ndvi_max/ndvi_max_2011.tif", 24, 24)), "x");
    assert.equal(ensureDemoWorldExport(spec, dir, { tiled: true, tileSize: 24, name: "demo-region" }).generated, true);
    // another tiling is another world on disk
    assert.equal(ensureDemoWorldExport(spec, dir, { tiled: false, name: "demo-region" }).generated, true);
    assert.ok(fs.existsSync(path.join(dir, "predictors", "ati", "ati_2003.tif")));
  });

  it("is also written by ensureDemoWorld for the quick profile, beside today's files, with the same values", async () => {
    const q = path.join(tmp, "quick");
    const world = ensureDemoWorld("quick", { dir: q });
    const inputs = JSON.parse(fs.readFileSync(path.join(q, "alt-inputs.json"), "utf8")) as { name: string; mask: { file: string } };
    assert.equal(inputs.name, "demo-world-quick");
    assert.ok(world.manifest.files["alt-inputs.json"] !== undefined && world.manifest.files["sites/calm.csv"] !== undefined);
    const annual = await readGeoTiff(path.join(q, "predictors", "ati.tif"));
    const single = await readGeoTiff(path.join(q, "predictors", "ati", "ati_2012.tif"));
    assert.deepEqual(single.bands[0], annual.bands[9]);
    const mask = await readGeoTiff(path.join(q, inputs.mask.file));
    assert.deepEqual(mask.bands[0], (await readGeoTiff(path.join(q, "truth", "domain.tif"))).bands[0]);
  });

  refuses("generateDemoWorldWindow on a world with sequential noise", () => generateDemoWorldWindow(demoWorldSpec("quick"), { col0: 0, row0: 0, width: 2, height: 2 }), ArgumentError,
    ["generateDemoWorldWindow", "spec.cellNoise", "per-cell"]);
  refuses("generateDemoWorldWindow with a window past the grid's edge", () => generateDemoWorldWindow(spec, { col0: 60, row0: 0, width: 10, height: 2 }), ArgumentError,
    ["generateDemoWorldWindow", "window.width", "got 10"]);
  refuses("generateSitesByCell on a world with sequential noise", () => generateSitesByCell(demoWorldSpec("full")), ArgumentError, ["generateSitesByCell", "spec.cellNoise"]);
  refuses("ensureDemoWorldExport with a tile size below 16", () => ensureDemoWorldExport(spec, path.join(tmp, "never"), { tileSize: 8 }), ArgumentError, ["ensureDemoWorldExport", "options.tileSize", "got 8"]);
  refuses("ensureDemoWorldExport with an unknown option", () => ensureDemoWorldExport(spec, path.join(tmp, "never"), { tile: 8 } as never), ArgumentError, ["ensureDemoWorldExport", "tile"]);
  refuses("ensureDemoWorldExport pointed at a folder that holds other files (it would be wiped)", () => {
    const home = path.join(tmp, "home");
    fs.mkdirSync(home, { recursive: true });
    fs.writeFileSync(path.join(home, "thesis.tex"), "x");
    return ensureDemoWorldExport(spec, home);
  }, ArgumentError, ["ensureDemoWorldExport", "dir", '"thesis.tex"', "not part of a demo world"]);
  refuses("geeTilePath of a path that is not a .tif", () => geeTilePath("mask/extent.vrt", 0, 0), ArgumentError, ["geeTilePath", "file", "mask/extent.vrt"]);
});

describe("the regional 1 km spec", () => {
  it("is 1/120° over Alaska, 2003–2020, with per-cell noise", () => {
    const s = regionalWorldSpec();
    const g = lonLatGrid(s.bbox, s.resolution);
    assert.deepEqual([g.width, g.height], [1920, 840]);
    assert.deepEqual(s.years, [2003, 2020]);
    assert.equal(s.cellNoise, "per-cell");
    assert.equal(regionalWorldSpec(5).seed, 5);
  });
  it("has its folder under data/demo-world, git-ignored like the other worlds", () => {
    assert.equal(path.basename(regionalWorldDir()), `region1km-seed${regionalWorldSpec().seed}`);
    assert.equal(path.basename(path.dirname(regionalWorldDir(3))), "demo-world");
  });
  refuses("ensureRegionalWorld with an unknown option", () => ensureRegionalWorld({ tiles: 4 } as never), ArgumentError, ["ensureRegionalWorld", "tiles"]);
  refuses("ensureDemoWorldExport with a reversed year range", () => ensureDemoWorldExport({ ...regionalWorldSpec(), years: [2020, 2003] }, path.join(tmp, "never")), ArgumentError,
    ["ensureDemoWorldExport", "spec.years[1]", "got 2003"]);
  refuses("regionalWorldSpec with a negative seed", () => regionalWorldSpec(-1), ArgumentError, ["regionalWorldSpec", "seed", "got -1"]);
});
