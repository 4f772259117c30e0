/**
 * Child process of before.ts: `node before-driver.js <dist/index.js of an earlier build> <job> <out>`.
 * Loads that build's kit (not this checkout's), runs its `bootstrapMaps` on the serialized job with
 * the cache off, and writes the per-replicate times and the maps back.
 */
import * as fs from "node:fs";
import * as v8 from "node:v8";
import type { BootstrapAtResult, BootstrapJob } from "./before";

interface KitAt {
  bootstrapMaps(table: BootstrapJob["table"], strata: string[], members: BootstrapJob["members"], pixels: BootstrapJob["pixels"], years: readonly number[],
    settings: BootstrapJob["settings"], options: { workers: number; onProgress: () => void }): Promise<{ hit: boolean; value: { mean: Float32Array[]; trend: Float32Array[] } }>;
}

async function main(): Promise<void> {
  const [dist, jobFile, outFile] = process.argv.slice(2);
  if (dist === undefined || jobFile === undefined || outFile === undefined) throw new Error("usage: before-driver.js <dist/index.js> <job> <out>");
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the earlier build is loaded by path at run time
  const kit = require(dist) as KitAt;
  const job = v8.deserialize(fs.readFileSync(jobFile)) as BootstrapJob;
  const cpuNow = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
  const marks: number[] = [];
  const cpuMarks: number[] = [];
  const t0 = performance.now();
  const res = await kit.bootstrapMaps(job.table, job.strata, job.members, job.pixels, job.years, job.settings, {
    workers: job.workers, onProgress: () => { marks.push(performance.now()); cpuMarks.push(cpuNow()); },
  });
  if (res.hit) throw new Error("before-driver: bootstrapMaps was served from the cache although PERMAFROST_NO_CACHE=1");
  const n = marks.length;
  const perReplicateS = marks.map((m, i) => (m - (i === 0 ? t0 : marks[i - 1]!)) / 1000);
  const out: BootstrapAtResult = {
    perReplicateS,
    steadyPerReplicateS: n > 1 ? (marks[n - 1]! - marks[0]!) / 1000 / (n - 1) : perReplicateS[0]!,
    steadyCpuPerReplicateS: n > 1 ? (cpuMarks[n - 1]! - cpuMarks[0]!) / (n - 1) : cpuMarks[0]!,
    mean: res.value.mean, trend: res.value.trend,
  };
  fs.writeFileSync(outFile, v8.serialize(out));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
