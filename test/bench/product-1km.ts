/**
 * `npm run product-bench`: notebook 17's streaming at the paper's resolution (issue 16), on the
 * SYNTHETIC 1/120° stand-in product (the regional world's true ALT, 1920 × 840 cells, 18 years).
 * Each measurement runs in its own process so its peak RSS is its own: the whole stand-in, and its
 * northern half (the first 420 rows, the same row blocks), streamed with annualMapSummary, each
 * with the V8 heap capped at 96 MB (a stream whose memory grew with the map would run out); peak
 * memory should not follow the map size. Prints and writes (build/product-1km/report.json)
 * pixel-years per second, peak RSS, and the extrapolated time for the full NPR product (43,200 ×
 * 7,200 cells per year, about 48 M permafrost pixels with values) on this machine.
 *
 * Options: `--rows N` (stream only the first N rows; used for the child runs), `--child` (measure
 * and print one JSON line).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { annualMapSummary, buildDir, ensureAltProductStandIn, openAltProduct } from "permafrost-kit";

/** Permafrost pixels of the NPR at 1 km (the same estimate as npm run region: 16 × 10⁶ km² at ≈ 0.333 km² per cell). */
const NPR_PIXELS = 48.0e6;
/** The V8 heap each child may use, MB: a stream whose memory grew with the map would fail under it. */
const HEAP_MB = 96;
/** Cells per year of the NPR product grid (paper 1: 43,200 × 7,200). */
const NPR_CELLS = 43_200 * 7_200;

function arg(name: string): string | undefined {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 ? process.argv[k + 1] : undefined;
}

async function child(rows: number): Promise<void> {
  const standIn = await ensureAltProductStandIn("region1km");
  const product = await openAltProduct({ path: standIn.dir, glob: "ALT_*.tif" });
  const height = Math.min(rows, product.grid.height);
  const source = { grid: { ...product.grid, height }, years: product.years, readRows: (r0: number, r1: number) => product.readRows(r0, r1) };
  const s = await annualMapSummary(source, { progress: false, blockRows: 128 });
  console.log(JSON.stringify({ rows: height, cells: product.grid.width * height, pixels: s.trendPixels, seconds: s.ms / 1000, pixelYearsPerS: (s.trendPixels * product.years.length) / (s.ms / 1000), peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

async function main(): Promise<void> {
  if (process.argv.includes("--child")) return child(Number(arg("rows") ?? "1000000"));
  const t0 = performance.now();
  const standIn = await ensureAltProductStandIn("region1km"); // written once, outside the measurements
  console.log(`[product] stand-in ${standIn.generated ? "written" : "reused"} in ${(standIn.ms / 1000).toFixed(1)} s: ${standIn.dir}`);
  const run = (rows: number) => JSON.parse(execFileSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, __filename, "--child", "--rows", String(rows)], { encoding: "utf8" }).trim().split("\n").pop()!) as { rows: number; cells: number; pixels: number; seconds: number; pixelYearsPerS: number; peakRssMb: number };
  const full = run(840), half = run(420);
  for (const r of [full, half]) console.log(`[product] ${r.rows} rows (${(r.cells / 1e6).toFixed(2)} M cells, ${(r.pixels / 1e6).toFixed(2)} M pixels): ${r.seconds.toFixed(1)} s, ${Math.round(r.pixelYearsPerS).toLocaleString("en")} pixel-years/s, peak RSS ${r.peakRssMb.toFixed(0)} MB`);
  const perPixelS = full.seconds / full.pixels;
  const nprHours = (perPixelS * NPR_PIXELS) / 3600;
  const report = {
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? "?", memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    standIn: standIn.dir, blockRows: 128, heapLimitMb: HEAP_MB, full, half,
    extrapolation: { assumption: `${NPR_PIXELS / 1e6} M pixels with values on the ${NPR_CELLS / 1e6} M-cell NPR grid, at this run's seconds per pixel (the cells without values cost only their reading and are not counted)`, nprHours: Number(nprHours.toFixed(2)) },
    seconds: (performance.now() - t0) / 1000,
  };
  const dir = path.join(buildDir(), "product-1km");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "report.json"), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`[product] NPR product (≈ ${NPR_PIXELS / 1e6} M pixels × 18 years) ≈ ${(nprHours * 60).toFixed(0)} min on this machine (one thread); report: ${path.relative(process.cwd(), path.join(dir, "report.json"))}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
