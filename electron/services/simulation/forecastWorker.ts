import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { forecastRuns } from './forecastRun.ts';
import type { PartMessage, PartTask } from './forecastThreads.ts';

/**
 * A worker thread that forecasts one part of the contacts (forecastThreads.ts starts it): it opens its own
 * read-only connection to the workspace file, plans exactly as the in-process forecast does, runs its slice in
 * batches with progress after each, and sends back its tallies as plain data. It writes nothing.
 */
const task = workerData as PartTask;
const post = (message: PartMessage) => parentPort!.postMessage(message);

const db = new Database(task.databasePath, { readonly: true, fileMustExist: true });
try {
  db.pragma('busy_timeout = 5000');
  const runs = forecastRuns(db, task.task, task.part, task.parts);
  post({ type: 'planned', totals: runs.map((run) => run.total), metas: runs.map((run) => run.meta) });
  runs.forEach((run, index) => {
    while (!run.finished) {
      run.step(task.batch);
      post({ type: 'progress', run: index, done: run.done });
    }
  });
  post({ type: 'done', tallies: runs.map((run) => run.tally.snapshot()) });
} finally {
  db.close();
}
