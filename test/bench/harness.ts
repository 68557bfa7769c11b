import { readFileSync } from 'node:fs';
/** One measured row: our code beside a reference doing the same work in the same run. */
export interface BenchResult {
  name: string;
  /** What was measured, e.g. 'rows/s', 'ms'. */
  unit: string;
  ours: number;
  /** The reference's figure in the same unit, when there is one. */
  reference?: number;
  referenceName?: string;
  /** ours / reference for times, reference / ours for rates: above 1 means we are slower. */
  ratio?: number;
  goal?: string;
  extra?: Record<string, number | string>;
}

export interface Bench {
  name: string;
  run(): Promise<BenchResult[]>;
}

export async function time<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/** Peak resident memory seen while `fn` runs, sampled every 20 ms, in MB. */
/**
 * The part of the resident set that is pages of files mapped into memory (on Linux, RssFile in /proc/self/status):
 * SQLite maps the database file (mmap_size), and those pages are the file's, shared and given back under pressure.
 * Null where the system does not say.
 */
function residentFileBytes(): number | null {
  try {
    const match = /^RssFile:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Runs `fn`, sampling the process every 20 ms: the peak resident set (everything the process holds: the JS heap,
 * SQLite's page cache, buffers) and, apart, the peak of the JS heap in use, which says whether a rise in the first
 * is ours or the database's.
 */
export async function peakMemory<T>(fn: () => Promise<T> | T): Promise<{ peakMb: number; peakHeapMb: number; peakFileMb: number | null; value: T }> {
  let peak = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  let peakFile: number | null = null;
  const sample = () => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    const file = residentFileBytes();
    if (file !== null) peakFile = Math.max(peakFile ?? 0, file);
  };
  const timer = setInterval(sample, 20);
  try {
    const value = await fn();
    sample();
    return { peakMb: peak / 1024 / 1024, peakHeapMb: peakHeap / 1024 / 1024, peakFileMb: peakFile === null ? null : peakFile / 1024 / 1024, value };
  } finally {
    clearInterval(timer);
  }
}

export const slowdown = (oursMs: number, referenceMs: number) => oursMs / referenceMs;
