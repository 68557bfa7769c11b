/**
 * The CPU time `work` takes in this process, in ms. Tests that bound how long something takes measure this rather
 * than the wall clock, which counts whatever else the shared machine runs meanwhile (vitest runs each test file in
 * a process of its own).
 */
export function cpuMillis(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1_000;
}

/** cpuMillis for asynchronous work (nothing else of this process should run meanwhile). */
export async function cpuMillisAsync(work: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  await work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1_000;
}
