import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../store/database.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import type { CountKey } from '../../../shared/simulation/forecast.ts';
import type { ForecastResult } from '../../../shared/simulation/output.ts';
import { newId } from '../../../shared/util/ids.ts';
import { forecastRuns, type ForecastTask, type PlanOptions } from './forecastRun.ts';
import { ThreadedForecast, type ForecastOutcome } from './forecastThreads.ts';
import type { ResolvedJourney } from './journeySource.ts';

export type JobStatus = 'running' | 'done' | 'cancelled' | 'failed';

export interface ForecastJobView {
  jobId: string;
  status: JobStatus;
  /** Contacts run so far, over both versions when comparing. */
  done: number;
  total: number;
  result: ForecastResult | null;
  comparison: ForecastResult | null;
  error: string | null;
}

interface Job {
  id: string;
  status: JobStatus;
  error: string | null;
  progress: () => { done: number; total: number };
  outcome: ForecastOutcome | null;
  elapsedMs: number;
  cancel: () => void;
  finished: Promise<void>;
}

/** Contacts per batch in this process: small enough that other API calls and a cancel wait for one batch at most. */
const BATCH = 200;
/** Contacts per batch in a worker thread (between progress reports; nothing else waits on it). */
const THREAD_BATCH = 1000;
/** A sample smaller than this per thread is not worth starting another thread for. */
const CONTACTS_PER_THREAD = 5000;
/** Finished jobs kept for their 'contacts behind a count' lookups. */
const KEEP = 8;

/** The worker entry beside this file when running from source (plain Node, tests); a bundle sets its own. */
function sourceWorkerEntry(): URL | null {
  const entry = new URL('./forecastWorker.ts', import.meta.url);
  return entry.protocol === 'file:' && existsSync(fileURLToPath(entry)) ? entry : null;
}

/**
 * Forecasts run in the background, a start returns a job id at once and progress is polled. By default they
 * run on worker threads (forecastWorker.ts), each reading the workspace file on its own connection, so the
 * process serving the UI stays responsive; without a worker entry (or on an in-memory database) they run in
 * this process, in batches interleaved with other calls. Both give the same numbers.
 */
export class ForecastJobs {
  /** The worker thread script; null runs forecasts in this process. The Electron main sets its bundle's. */
  workerEntry: URL | string | null = sourceWorkerEntry();
  /** Worker threads per forecast at most. */
  threads = Math.max(1, Math.min(availableParallelism(), 4));
  private readonly db: Db;
  private readonly jobs = new Map<string, Job>();

  constructor(db: Db) {
    this.db = db;
  }

  /** Starts a forecast of `journey` (and, to compare, of `compareWith` over the same contacts). */
  start(journey: ResolvedJourney, options: PlanOptions, compareWith?: ResolvedJourney): string {
    const task: ForecastTask = { journey, options, compareWith };
    const job = this.newJob();
    if (this.workerEntry !== null && !this.db.memory) this.inThreads(job, task, this.workerEntry);
    else this.inProcess(job, task);
    this.jobs.set(job.id, job);
    this.forgetOld();
    return job.id;
  }

  private newJob(): Job {
    return {
      id: newId('fc'),
      status: 'running',
      error: null,
      progress: () => ({ done: 0, total: 0 }),
      outcome: null,
      elapsedMs: 0,
      cancel: () => {},
      finished: Promise.resolve(),
    };
  }

  private inThreads(job: Job, task: ForecastTask, entry: URL | string): void {
    const sample = task.options.sample;
    const parts = sample === undefined ? this.threads : Math.max(1, Math.min(this.threads, Math.ceil(sample / CONTACTS_PER_THREAD)));
    const startedAt = performance.now();
    const forecast = new ThreadedForecast(entry, this.db.name, task, parts, THREAD_BATCH);
    job.progress = () => forecast.progress;
    job.cancel = () => {
      job.status = 'cancelled';
      void forecast.cancel();
    };
    job.finished = forecast.finished.then(
      (outcome) => {
        if (job.status !== 'running') return;
        job.outcome = outcome;
        job.elapsedMs = Math.round(performance.now() - startedAt);
        job.status = 'done';
      },
      (error: unknown) => {
        if (job.status !== 'running') return;
        const reason = error instanceof Error ? error.message : String(error);
        if (!forecast.started) {
          // The threads could not start (a packaged app that cannot load the worker bundle, say): the forecast
          // still runs, in this process, and the reason is logged for whoever looks.
          console.warn(`forecast threads could not start (${reason}); running the forecast in this process`);
          this.inProcess(job, task);
          return job.finished;
        }
        job.status = 'failed';
        job.error = reason;
      },
    );
  }

  private inProcess(job: Job, task: ForecastTask): void {
    let cancelRequested = false;
    job.cancel = () => (cancelRequested = true);
    const work = async () => {
      const startedAt = performance.now();
      try {
        await new Promise((resolve) => setImmediate(resolve));
        const runs = forecastRuns(this.db, task);
        job.progress = () => ({ done: runs.reduce((sum, run) => sum + run.done, 0), total: runs.reduce((sum, run) => sum + run.total, 0) });
        for (const run of runs) {
          while (!run.finished) {
            await new Promise((resolve) => setImmediate(resolve));
            if (cancelRequested) {
              job.status = 'cancelled';
              return;
            }
            run.step(BATCH);
          }
        }
        job.outcome = { tallies: runs.map((run) => run.tally), metas: runs.map((run) => run.meta) };
        job.elapsedMs = Math.round(performance.now() - startedAt);
        job.status = 'done';
      } catch (error) {
        job.status = 'failed';
        job.error = error instanceof Error ? error.message : String(error);
      }
    };
    job.finished = work();
  }

  private job(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new ApiError('not-found', `no forecast job ${jobId} (it may have been forgotten: start it again)`);
    return job;
  }

  status(jobId: string): ForecastJobView {
    const job = this.job(jobId);
    const outcome = job.status === 'done' ? job.outcome : null;
    const result = (run: number) => (outcome && outcome.tallies[run] ? outcome.tallies[run].result({ ...outcome.metas[run], elapsedMs: job.elapsedMs }) : null);
    return { jobId, status: job.status, ...job.progress(), result: result(0), comparison: result(1), error: job.error };
  }

  /** Resolves when the job has finished, failed or been cancelled (for the CLI and tests). */
  async wait(jobId: string): Promise<ForecastJobView> {
    await this.job(jobId).finished;
    return this.status(jobId);
  }

  cancel(jobId: string): boolean {
    const job = this.job(jobId);
    if (job.status !== 'running') return false;
    job.cancel();
    return true;
  }

  /** The contact ids behind one count of a finished forecast. */
  contactsBehind(jobId: string, which: 'result' | 'comparison', nodeId: string, key: CountKey): Array<number | string> {
    const job = this.job(jobId);
    const tally = job.outcome?.tallies[which === 'result' ? 0 : 1];
    if (!tally) {
      if (job.status === 'done') throw new ApiError('not-found', `forecast ${jobId} has no comparison`);
      throw new ApiError('refused', `forecast ${jobId} is ${job.status}: there are no counts to look behind`);
    }
    return tally.contactsBehind(nodeId, key);
  }

  private forgetOld() {
    const finished = [...this.jobs.values()].filter((j) => j.status !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP))) this.jobs.delete(job.id);
  }
}
