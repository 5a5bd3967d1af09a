/** Machine-wide CPU time, to tell how much of the two cores other work took during a run. */
import { readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;

/** Busy CPU seconds of the whole machine since boot (all cores, idle and iowait excluded). */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / CLOCK_TICKS_PER_SECOND;
}

/** CPU seconds used so far by one process (user + system), or NaN once it is gone. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

/**
 * Waits (at most `maxMs`) for a moment when other work uses less than `threshold` cores,
 * measured over 500 ms windows while nothing of ours runs. Returns the last measured load.
 */
export async function waitForQuiet(maxMs: number, threshold = 0.3): Promise<{ waitedMs: number; otherCores: number }> {
  const start = performance.now();
  let otherCores = Infinity;
  while (performance.now() - start < maxMs || otherCores === Infinity) {
    const busy0 = machineBusySeconds();
    const self0 = process.cpuUsage();
    const t0 = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const self = process.cpuUsage(self0);
    otherCores = (machineBusySeconds() - busy0 - (self.user + self.system) / 1e6) / ((performance.now() - t0) / 1000);
    if (otherCores < threshold) break;
  }
  return { waitedMs: performance.now() - start, otherCores: Math.max(0, otherCores) };
}
