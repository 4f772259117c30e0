/**
 * `npm run region`: paper 1's chain at the paper's resolution (1/120°) on the SYNTHETIC regional
 * demo world (Alaska, ≈1.46 M domain pixels, 2003–2020), through the bounded-memory path: the world
 * is generated tile by tile as GEE tile sets, read through its alt-inputs.json manifest, the
 * site-years are matched by window, the grid search runs on the training table, and the ensemble's
 * annual maps, mean and trend are mapped tile by tile into Cloud Optimized GeoTIFFs.
 *
 * Prints and writes (build/region-1km/report.json) per-stage wall time, pixel-years per second,
 * peak RSS, and an extrapolation to the whole northern permafrost region (NPR) at 1 km from the
 * measured rates. Options: `--profile quick|full` (the grid search and ensemble size; default
 * full), `--tile N` (map tile side, default 128), `--years N` (map only the first N years, for a
 * shorter run; default all 18), `--dir D` (output folder, default build/region-1km), `--half` (the
 * western half of the region, 960 × 840 cells, in its own folder: with the full region, it shows
 * that peak memory does not grow with the grid), `--replicates N` (also run the §2.4.2 uncertainty
 * tile by tile with N bootstrap and N model-structure replicates over the mapped years, and report
 * the time per replicate and how many fit in an hour here; default 0 = skip).
 *
 * After the maps, the driver analysis (§2.4.3: forests of the mapped and the true mean ALT and
 * trend on a seeded sample of `driverPixels` pixels, importance ranks compared) and the fire
 * response (§2.5: at most 50,000 burned pixels, mapped against true change by land cover) run
 * from the maps' COGs by window (altTiledDriverTable, altTiledFireResponse).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  altGridStage, altSettings, altTiledDriverTable, altTiledFireResponse, altTiledMaps, altTiledUncertainty, buildDir, ensureDemoWorldExport, ensureRegionalWorld, fireClassName,
  fireRecovery, groupCellsByWindow, importancePercent, matchSiteYearsFromSource, openAltInputs, openRasterSource, poolSiteYears, qcSiteYears, rankByImportance, readAtCellGroups,
  readCalmWide, readSiteYears, regionalWorldDir, regionalWorldSpec, spearmanRho, trainForest, type CellWindow, type ProfileName,
} from "permafrost-kit";

/** Permafrost area of the Northern Hemisphere, km² (paper 1 §1: "around 16×10⁶ km²"). */
const NPR_AREA_KM2 = 16e6;

function arg(name: string, fallback: string): string {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 && process.argv[k + 1] !== undefined ? process.argv[k + 1]! : fallback;
}

const rssMb = (): number => process.memoryUsage().rss / 2 ** 20;
const peakMb = (): number => process.resourceUsage().maxRSS / 1024;

async function main(): Promise<void> {
  const profile = arg("profile", "full") as ProfileName;
  const tileSize = Number(arg("tile", "128"));
  const dir = path.resolve(arg("dir", path.join(buildDir(), "region-1km")));
  const settings = altSettings(profile);
  const stages: { stage: string; s: number; rssMb: number; peakMb: number; note?: string }[] = [];
  const stage = async <T>(name: string, f: () => Promise<T> | T, note?: (v: T) => string): Promise<T> => {
    const t0 = performance.now();
    const v = await f();
    const s = (performance.now() - t0) / 1000;
    stages.push({ stage: name, s, rssMb: rssMb(), peakMb: peakMb(), ...(note === undefined ? {} : { note: note(v) }) });
    console.log(`[region] ${name}: ${s.toFixed(1)} s, RSS ${rssMb().toFixed(0)} MB, peak ${peakMb().toFixed(0)} MB${note === undefined ? "" : `, ${note(v)}`}`);
    return v;
  };

  const onTile = (d: number, n: number): void => void process.stderr.write(`\r[region] world tile ${d}/${n}`);
  const half = process.argv.includes("--half");
  const spec = regionalWorldSpec();
  const halfSpec = { ...spec, bbox: [spec.bbox[0], spec.bbox[1], (spec.bbox[0] + spec.bbox[2]) / 2, spec.bbox[3]] as [number, number, number, number] };
  const world = await stage(`demo world${half ? " (western half)" : ""} (generate or verify)`, () => (half ? ensureDemoWorldExport(halfSpec, `${regionalWorldDir()}-west-half`, { name: "regional demo world, western half", tiled: true, onTile }) : ensureRegionalWorld({ onTile })), (w) => `${w.generated ? "generated" : "reused"} ${w.dir}`);
  process.stderr.write("\n");
  const source = await stage("open inputs (manifest, headers)", () => openAltInputs(path.join(world.dir, "alt-inputs.json")), (s) => `${s.grid.width}×${s.grid.height} cells, ${s.predictors.length} predictors, ${s.years.length} years`);
  const years = source.years.slice(0, Number(arg("years", String(source.years.length))));
  const sites = await stage("site-years (CALM-wide + long, pooled, QC)", () => {
    const tables = source.manifest.siteYears.map((s) => (s.format === "calm-wide" ? readCalmWide(s.file, s.source) : readSiteYears(s.file)));
    const pooled = poolSiteYears(tables);
    return { pooled, qc: qcSiteYears(pooled) };
  }, (v) => `${v.pooled.site.length} site-years, ${v.qc.kept.length} kept`);
  const table = await stage("match site-years by window", () => matchSiteYearsFromSource(sites.pooled, source, sites.qc.kept), (t) => `${t.y.length} training rows, ${t.unmatched.length} unmatched`);
  const grid = await stage(`grid search (${profile}: ${settings.grid.ntrees.length * settings.grid.mtries.length * settings.grid.minRows.length} models × ${settings.nfolds} folds, top ${settings.topK})`, () => altGridStage(table, settings), (g) => `best mean R² ${g.value.search.models[0]!.meanR2.toFixed(3)}${g.hit ? " (cached)" : ""}`);
  const maps = await stage(`annual maps, tiled (${tileSize}² tiles, ${years.length} years, ${settings.topK} members)`, () => altTiledMaps(source, table, grid.value.members, { dir, tileSize, years }), (m) => `${m.tiles} tiles (${m.reusedTiles} reused), ${m.cells} cells, ${m.pixelYears} pixel-years`);

  // truth of the SYNTHETIC world, read by window (GEE tile sets below truth/)
  const truthDir = source.manifest.truthDir!;
  const truthAnnual = async (name: string): Promise<(year: number, w: CellWindow) => Promise<Float32Array>> => {
    const srcs = new Map<number, Awaited<ReturnType<typeof openRasterSource>>>();
    for (const y of years) srcs.set(y, await openRasterSource(path.join(truthDir, name, `${name}_${y}.tif`)));
    return async (year, w) => (await srcs.get(year)!.readWindow(w, [0]))[0]!;
  };
  const drivers = await stage(`drivers (§2.4.3: ${settings.driverPixels} sampled pixels, forests of mapped and true mean and trend)`, async () => {
    const d = await altTiledDriverTable(source, maps, { pixels: settings.driverPixels, seed: settings.seed, years });
    const groups = groupCellsByWindow(source.grid, d.cells);
    const truthAt = async (name: string) => {
      const src = await openRasterSource(path.join(truthDir, `${name}.tif`));
      return Float64Array.from(await readAtCellGroups(groups, d.cells.length, async (w) => (await src.readWindow(w, [0]))[0]!));
    };
    const best = grid.value.members[0]!;
    const names = d.table.columns!;
    const imp = (y: Float64Array) => importancePercent(trainForest(d.table, y, best));
    const [mappedMean, mappedTrend, trueMean, trueTrend] = [d.mappedMean, d.mappedTrend, await truthAt("alt_true_mean"), await truthAt("alt_true_trend")].map(imp) as [Map<string, number>, Map<string, number>, Map<string, number>, Map<string, number>];
    const rho = (a: Map<string, number>, b: Map<string, number>) => Number(spearmanRho(names.map((n) => a.get(n)!), names.map((n) => b.get(n)!)).toFixed(3));
    return { pixels: d.table.nRows, mappedPixels: d.mappedPixels, tableSeconds: Number((d.ms / 1000).toFixed(1)),
      topMean: { mapped: rankByImportance(mappedMean, names).slice(0, 6), true: rankByImportance(trueMean, names).slice(0, 6) },
      topTrend: { mapped: rankByImportance(mappedTrend, names).slice(0, 6), true: rankByImportance(trueTrend, names).slice(0, 6) },
      spearmanMappedVsTrue: { mean: rho(mappedMean, trueMean), trend: rho(mappedTrend, trueTrend) } };
  }, (v) => `${v.pixels} of ${v.mappedPixels} pixels (table ${v.tableSeconds} s); importance ρ mapped vs true: mean ${v.spearmanMappedVsTrue.mean}, trend ${v.spearmanMappedVsTrue.trend}`);
  const fire = await stage(`fire response (§2.5: at most ${settings.firePixels} burned pixels, mapped vs true)`, async () => {
    const f = await altTiledFireResponse(source, maps, years, { firePixels: settings.firePixels, seed: settings.seed, series: [{ name: "true", read: await truthAnnual("alt_true") }, { name: "true without fire", read: await truthAnnual("alt_no_fire") }] });
    const classes = [...new Set(f.rows.map((r) => r.landcover))];
    const classNames = source.manifest.fire!.classes;
    return { sampled: f.cells.length, burnedIn2005to2015: f.sample.burned, burnedOtherYears: f.sample.outsideYears, skipped: f.skipped, seconds: Number((f.ms / 1000).toFixed(1)),
      lag1: classes.map((lc) => {
        const [mapped, truth, noFire] = [0, 1, 2].map((k) => fireRecovery(f.rows, lc, k).lag1) as [number, number, number];
        return { landcover: fireClassName(classNames, lc), burned: f.burned[String(lc)] ?? 0, mappedCm: Number(mapped.toFixed(2)), trueCm: Number(truth.toFixed(2)), trueFireOnlyCm: Number((truth - noFire).toFixed(2)) };
      }) };
  }, (v) => `${v.sampled} of ${v.burnedIn2005to2015} burned pixels; lag-1 change mapped/true: ${v.lag1.map((c) => `${c.landcover} ${c.mappedCm}/${c.trueCm} cm`).join(", ")}`);

  const replicates = Number(arg("replicates", "0"));
  const unc = replicates < 2 ? null : await stage(`uncertainty, tiled (${replicates} bootstrap + ${replicates} model-structure replicates, ${years.length} years)`, () => {
    const strata = Array.from(table.rows, (r) => sites.pooled.source[r]!);
    return altTiledUncertainty(source, table, strata, grid.value.members, { dir: path.join(dir, "uncertainty"), bootstrapReplicates: replicates, bootstrapShare: settings.bootstrapShare, structureReplicates: replicates, seed: settings.seed, tileSize, years });
  }, (u) => `${u.tiles} tiles, ${u.units} units (${u.reusedUnits} reused)`);

  // extrapolation: pixel-years per second per member, measured on the tiles computed in this run
  const computedTiles = maps.tiles - maps.reusedTiles;
  const rate = computedTiles > 0 ? (maps.pixelYears * settings.topK) / (maps.ms.tiles / 1000) : NaN;
  const cellKm2 = (lat: number) => (40075.017 / 360 / 120) * (40007.863 / 360 / 120) * Math.cos((lat * Math.PI) / 180);
  let areaKm2 = 0;
  const g = source.grid;
  const mask = await source.readMask({ col0: 0, row0: 0, col1: g.width, row1: g.height });
  for (let r = 0; r < g.height; r++) {
    const a = cellKm2(g.originY - (r + 0.5) * g.resY);
    for (let c = 0; c < g.width; c++) if (mask[r * g.width + c] === 1) areaKm2 += a;
  }
  const nprCells = maps.cells * (NPR_AREA_KM2 / areaKm2);
  const nprMemberPixelYears = nprCells * 18 * 10; // all 18 years, the paper's 10 members
  const nprMapHours = nprMemberPixelYears / rate / 3600;
  const report = {
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? "?", memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    profile, tileSize, years: years.length, world: { dir: world.dir, cells: g.width * g.height, domainCells: maps.cells, droppedCells: maps.droppedCells, domainAreaKm2: Math.round(areaKm2) },
    stages, maps: { tilesMs: Math.round(maps.ms.tiles), assembleMs: Math.round(maps.ms.assemble), tiles: maps.tiles, reusedTiles: maps.reusedTiles, pixelYears: maps.pixelYears, memberPixelYearsPerS: Math.round(rate) },
    peakRssMb: Math.round(peakMb()),
    extrapolation: {
      assumption: `NPR permafrost area ${NPR_AREA_KM2 / 1e6}×10⁶ km² (paper 1 §1) at this world's mean cell area (${(areaKm2 / maps.cells).toFixed(3)} km² per 1/120° cell); 18 years × 10 members; the forest pool on this machine; the rate of this run's map tiles`,
      nprCells: Math.round(nprCells), memberPixelYears: Math.round(nprMemberPixelYears), mapHours: Number(nprMapHours.toFixed(1)),
    },
    outputs: maps.files,
    drivers, fire,
    uncertainty: unc === null ? null : (() => {
      const s = stages[stages.length - 1]!.s;
      const perReplicate = s / (replicates + 1); // one model-structure pass + one pass per bootstrap replicate
      const perReplicate18 = perReplicate * (18 / years.length);
      return { replicates, years: years.length, seconds: Number(s.toFixed(1)), secondsPerBootstrapReplicate: Number(perReplicate.toFixed(1)), bootstrapReplicatesPerHourAll18Years: Math.floor(3600 / perReplicate18), files: unc.files };
    })(),
  };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "report.json"), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`[region] ${Math.round(rate).toLocaleString("en")} member pixel-years/s; peak RSS ${report.peakRssMb} MB`);
  console.log(`[region] NPR at 1 km ≈ ${(nprCells / 1e6).toFixed(1)} M cells → ${(nprMemberPixelYears / 1e9).toFixed(2)} G member pixel-years → ≈ ${nprMapHours.toFixed(1)} h of map prediction on this machine (${os.cpus().length} cores, the forest pool)`);
  console.log(`[region] report: ${path.relative(process.cwd(), path.join(dir, "report.json"))}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
