import { Worker } from 'node:worker_threads';
import { ForecastTally, type TallySnapshot } from '../../../shared/simulation/forecast.ts';
import type { ForecastTask, RunMeta } from './forecastRun.ts';

/** What one worker thread is given (forecastWorker.ts). */
export interface PartTask {
  databasePath: string;
  task: ForecastTask;
  part: number;
  parts: number;
  /** Contacts per batch between progress reports. */
  batch: number;
}

/** What a worker thread says, in this order: planned, progress after each batch, done. */
export type PartMessage =
  | { type: 'planned'; totals: number[]; metas: RunMeta[] }
  | { type: 'progress'; run: number; done: number }
  | { type: 'done'; tallies: TallySnapshot[] };

/** The counts of every run of a task (the journey's, then the comparison's), with what the results say about each. */
export interface ForecastOutcome {
  tallies: ForecastTally[];
  metas: RunMeta[];
}

/**
 * A forecast spread over worker threads, so that the process serving the UI stays free while it runs: each
 * thread takes one consecutive slice of the contacts (in id order) and the slices' tallies are added up in
 * order, which gives exactly the numbers and the lists of contacts of a forecast run in one piece.
 */
export class ThreadedForecast {
  readonly finished: Promise<ForecastOutcome>;
  private readonly workers: Worker[] = [];
  /** Per part, per run: contacts done and contacts in the part (known once the part has planned). */
  private readonly done: number[][];
  private readonly totals: number[][];
  private stopped = false;
  /** Whether any thread got as far as planning (else the threads could not run at all). */
  started = false;

  constructor(entry: URL | string, databasePath: string, task: ForecastTask, parts: number, batch: number) {
    this.done = Array.from({ length: parts }, () => []);
    this.totals = Array.from({ length: parts }, () => []);
    const results = Array.from({ length: parts }, (_, part) => this.runPart(new Worker(entry, { workerData: { databasePath, task, part, parts, batch } satisfies PartTask }), part));
    this.finished = Promise.all(results).then(
      (parts) => merge(task, parts),
      async (error: unknown) => {
        await this.cancel();
        throw error;
      },
    );
    this.finished.catch(() => {}); // the job reads the failure from `finished`; no unhandled rejection meanwhile
  }

  private runPart(worker: Worker, part: number): Promise<{ metas: RunMeta[]; tallies: TallySnapshot[] }> {
    this.workers.push(worker);
    return new Promise((resolve, reject) => {
      let metas: RunMeta[] = [];
      let ended = false;
      worker.on('message', (message: PartMessage) => {
        if (message.type === 'planned') {
          this.started = true;
          metas = message.metas;
          this.totals[part] = message.totals;
          this.done[part] = message.totals.map(() => 0);
        } else if (message.type === 'progress') this.done[part][message.run] = message.done;
        else {
          ended = true;
          resolve({ metas, tallies: message.tallies });
        }
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (!ended) reject(new Error(this.stopped ? 'cancelled' : `the forecast thread stopped (exit code ${code}) before it finished`));
      });
    });
  }

  /** Contacts run so far and contacts to run, over every part and run. */
  get progress(): { done: number; total: number } {
    const sum = (table: number[][]) => table.reduce((total, row) => total + row.reduce((a, b) => a + b, 0), 0);
    return { done: sum(this.done), total: sum(this.totals) };
  }

  /** Stops every thread at once (they write nothing, so there is nothing to undo). */
  async cancel(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

function merge(task: ForecastTask, parts: Array<{ metas: RunMeta[]; tallies: TallySnapshot[] }>): ForecastOutcome {
  const documents = [task.journey.document, ...(task.compareWith ? [task.compareWith.document] : [])];
  const tallies = documents.map((document, run) => {
    const tally = new ForecastTally(document, task.options.start, task.options.days);
    for (const part of parts) tally.absorb(part.tallies[run]);
    return tally;
  });
  return { tallies, metas: parts[0].metas };
}
