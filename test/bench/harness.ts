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

/** Peak resident memory and peak V8 heap in use seen while `fn` runs, sampled every 20 ms, in MB. */
export async function peakMemory<T>(fn: () => Promise<T> | T): Promise<{ peakMb: number; peakHeapMb: number; value: T }> {
  let peak = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sample = () => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  const timer = setInterval(sample, 20);
  try {
    const value = await fn();
    sample();
    return { peakMb: peak / 1024 / 1024, peakHeapMb: peakHeap / 1024 / 1024, value };
  } finally {
    clearInterval(timer);
  }
}

export const slowdown = (oursMs: number, referenceMs: number) => oursMs / referenceMs;
