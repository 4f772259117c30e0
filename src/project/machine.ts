/**
 * The machine a timing was measured on (issue 17: every time in `build/<profile>/results/timings/`, the
 * run log and the README is recorded with the cores and CPU model it was measured on, because
 * machines differ in speed by 2–3×).
 */
import * as os from "node:os";

/** Cores, CPU model, memory and runtime of this machine. */
export interface MachineInfo {
  /** Logical cores available to the process. */
  cores: number;
  /** CPU model as the operating system names it (e.g. "AMD EPYC"). */
  cpuModel: string;
  /** Total memory, GiB (two decimals). */
  memoryGiB: number;
  /** Node.js version. */
  node: string;
  /** Operating system and architecture, e.g. "linux x64". */
  platform: string;
}

/**
 * Describe this machine.
 *
 * @returns cores, CPU model, memory (GiB), Node.js version and platform
 * @example
 * machineInfo().cores >= 1; // true
 * typeof machineInfo().cpuModel; // 'string'
 */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : cpus.length;
  return {
    cores,
    cpuModel: cpus[0]?.model.trim() || "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 100) / 100,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}
