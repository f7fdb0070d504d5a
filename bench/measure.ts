import { readFileSync } from 'node:fs';

/** Measures the benchmarks share. */

/** CPU time (user + system) a process has used, in ms, from /proc (Linux; null elsewhere). */
export function cpuMsOf(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime (fields 14 and 15), in clock ticks: 100 per second on Linux.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** The value below which `fraction` of the sorted values lie (nearest rank); NaN for no values. */
export const percentile = (sorted: readonly number[], fraction: number) => sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? NaN;

export const perSecond = (count: number, ms: number) => count / (ms / 1000);
