import type { Db } from '../../store/database.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import type { CountKey } from '../../../shared/simulation/forecast.ts';
import type { ForecastResult } from '../../../shared/simulation/output.ts';
import { newId } from '../../../shared/util/ids.ts';
import { ForecastRun, planForecast, type PlanOptions } from './forecastRun.ts';
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
  runs: ForecastRun[];
  error: string | null;
  cancelRequested: boolean;
  finished: Promise<void>;
}

/** Contacts per batch: small enough that other API calls and a cancel wait for one batch at most. */
const BATCH = 200;
/** Finished jobs kept for their 'contacts behind a count' lookups. */
const KEEP = 8;

/**
 * Forecasts run in the background of the process that serves the API: batches interleaved with other calls
 * (setImmediate between batches), so a forecast start returns a job id at once and progress is polled.
 */
export class ForecastJobs {
  private readonly db: Db;
  private readonly jobs = new Map<string, Job>();

  constructor(db: Db) {
    this.db = db;
  }

  /** Starts a forecast of `journey` (and, to compare, of `compareWith` over the same contacts). */
  start(journey: ResolvedJourney, options: PlanOptions, compareWith?: ResolvedJourney): string {
    const first = new ForecastRun(this.db, planForecast(this.db, journey, options));
    const runs = [first];
    if (compareWith) {
      const plan = planForecast(this.db, compareWith, { ...options, candidates: first.plan.candidates, audience: first.plan.audience });
      runs.push(new ForecastRun(this.db, plan));
    }
    const job: Job = { id: newId('fc'), status: 'running', runs, error: null, cancelRequested: false, finished: Promise.resolve() };
    job.finished = this.work(job);
    this.jobs.set(job.id, job);
    this.forgetOld();
    return job.id;
  }

  private async work(job: Job): Promise<void> {
    try {
      for (const run of job.runs) {
        while (!run.finished) {
          await new Promise((resolve) => setImmediate(resolve));
          if (job.cancelRequested) {
            job.status = 'cancelled';
            return;
          }
          run.step(BATCH);
        }
      }
      job.status = 'done';
    } catch (error) {
      job.status = 'failed';
      job.error = error instanceof Error ? error.message : String(error);
    }
  }

  private job(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new ApiError('not-found', `no forecast job ${jobId} (it may have been forgotten: start it again)`);
    return job;
  }

  status(jobId: string): ForecastJobView {
    const job = this.job(jobId);
    const done = job.status === 'done';
    return {
      jobId,
      status: job.status,
      done: job.runs.reduce((sum, run) => sum + run.done, 0),
      total: job.runs.reduce((sum, run) => sum + run.total, 0),
      result: done ? job.runs[0].result() : null,
      comparison: done && job.runs[1] ? job.runs[1].result() : null,
      error: job.error,
    };
  }

  /** Resolves when the job has finished, failed or been cancelled (for the CLI and tests). */
  async wait(jobId: string): Promise<ForecastJobView> {
    await this.job(jobId).finished;
    return this.status(jobId);
  }

  cancel(jobId: string): boolean {
    const job = this.job(jobId);
    if (job.status !== 'running') return false;
    job.cancelRequested = true;
    return true;
  }

  /** The contact ids behind one count of a finished forecast. */
  contactsBehind(jobId: string, which: 'result' | 'comparison', nodeId: string, key: CountKey): Array<number | string> {
    const job = this.job(jobId);
    const run = job.runs[which === 'result' ? 0 : 1];
    if (!run) throw new ApiError('not-found', `forecast ${jobId} has no comparison`);
    return run.tally.contactsBehind(nodeId, key);
  }

  private forgetOld() {
    const finished = [...this.jobs.values()].filter((j) => j.status !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP))) this.jobs.delete(job.id);
  }
}
