import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { performance } from 'node:perf_hooks';
import { loadSample } from '../../electron/services/sample/loadSample.ts';
import { resolveJourney } from '../../electron/services/simulation/journeySource.ts';
import type { ForecastJobs } from '../../electron/services/simulation/forecastJobs.ts';
import type { PlanOptions } from '../../electron/services/simulation/forecastRun.ts';
import type { CountKey } from '../../shared/simulation/forecast.ts';
import { tempWorkspace } from '../helpers/workspace.ts';

/**
 * A forecast spread over worker threads must give exactly what the same forecast gives in one piece in this
 * process: the same counts, the same emails per day, the same contacts behind every count, in the same order.
 */
const START = Date.parse('2026-03-10T10:00:00Z');
let workspace: ReturnType<typeof tempWorkspace>;
let jobs: ForecastJobs;
let inProcessEntry: URL | string | null;

beforeAll(() => {
  workspace = tempWorkspace(() => START);
  loadSample(workspace.services.db, { contacts: 2000, seed: 5, now: START });
  jobs = workspace.services.forecasts;
  inProcessEntry = jobs.workerEntry;
}, 60_000);
afterAll(() => workspace.close());

async function forecast(threads: number | 'in-process', journeyId: string, options: PlanOptions, compare = false) {
  jobs.workerEntry = threads === 'in-process' ? null : inProcessEntry;
  jobs.threads = threads === 'in-process' ? 1 : threads;
  const journey = resolveJourney(workspace.services, journeyId, 'draft');
  const jobId = jobs.start(journey, options, compare ? journey : undefined);
  const job = await jobs.wait(jobId);
  expect(job.status).toBe('done');
  const counts = (which: 'result' | 'comparison') => {
    const result = which === 'result' ? job.result! : job.comparison!;
    const behind: Record<string, Array<number | string>> = {};
    for (const node of result.nodes) {
      const keys: CountKey[] = ['entered', 'waiting', 'exited', 'sent', 'deferred', 'suppressed', 'skipped', 'goal', ...Object.keys(node.branches).map((b) => `branch:${b}` as const)];
      for (const key of keys) behind[`${node.nodeId} ${key}`] = jobs.contactsBehind(jobId, which, node.nodeId, key);
    }
    return { result: { ...result, elapsedMs: 0 }, behind };
  };
  return { job: { ...job, jobId: '', result: null, comparison: null }, result: counts('result'), comparison: compare ? counts('comparison') : null };
}

describe('a forecast over worker threads', { timeout: 60_000 }, () => {
  it('is the worker path under plain Node with our .ts files', () => {
    expect(String(inProcessEntry)).toMatch(/forecastWorker\.ts$/);
  });

  for (const [journeyId, days] of [
    ['j_cart_abandonment', 7],
    ['j_trial_drip', 21],
    ['j_win_back', 30],
  ] as const) {
    it(`gives exactly the single-thread numbers and contacts for ${journeyId}`, async () => {
      const options = { start: START, days, seed: 7 };
      const single = await forecast('in-process', journeyId, options);
      expect(single.result.result.simulated).toBeGreaterThan(0);
      expect(single.result.result.totals.sent).toBeGreaterThan(0);
      for (const threads of [1, 2, 3]) expect(await forecast(threads, journeyId, options)).toEqual(single);
    });
  }

  it('splits a comparison the same way', async () => {
    const options = { start: START, days: 21, seed: 3 };
    const single = await forecast('in-process', 'j_trial_drip', options, true);
    expect(single.comparison!.result.simulated).toBe(single.result.result.simulated);
    expect(await forecast(3, 'j_trial_drip', options, true)).toEqual(single);
  });

  it('leaves the thread that serves the UI idle while it runs, with progress and cancel', async () => {
    jobs.workerEntry = inProcessEntry;
    jobs.threads = 2;
    const journey = resolveJourney(workspace.services, 'j_trial_drip', 'draft');
    const before = performance.eventLoopUtilization();
    const jobId = jobs.start(journey, { start: START, days: 21, seed: 1 });
    const seen: number[] = [];
    for (;;) {
      const { status, done, total } = jobs.status(jobId);
      if (total > 0) seen.push(done);
      if (status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const busy = performance.eventLoopUtilization(before).utilization;
    expect(busy).toBeLessThan(0.5); // in this process the loop would be busy all along
    expect(seen.at(-1)).toBe(jobs.status(jobId).total);

    const cancelled = jobs.start(journey, { start: START, days: 21, seed: 1 });
    expect(jobs.cancel(cancelled)).toBe(true);
    const job = await jobs.wait(cancelled);
    expect(job.status).toBe('cancelled');
    expect(job.result).toBeNull();
  });

  it('runs in this process when the threads cannot start, and fails with the reason when the forecast cannot run', async () => {
    const journey = resolveJourney(workspace.services, 'j_trial_drip', 'draft');
    const options = { start: START, days: 21, seed: 1 };
    const single = await forecast('in-process', 'j_trial_drip', options);
    jobs.workerEntry = new URL('./noSuchWorker.ts', import.meta.url);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const fallback = await jobs.wait(jobs.start(journey, options));
    expect(fallback.status).toBe('done');
    expect({ ...fallback.result!, elapsedMs: 0 }).toEqual(single.result.result);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/noSuchWorker.*running the forecast in this process/));

    jobs.workerEntry = inProcessEntry;
    const broken = { ...journey, document: { ...journey.document, nodes: journey.document.nodes.filter((n) => n.kind !== 'trigger') } };
    const failed = await jobs.wait(jobs.start(broken, options));
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe('the journey has no trigger');
    warn.mockRestore();
  });
});
