import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../store/database.ts';
import { writeImport } from './importRunner.ts';
import type { WritingReport, WritingTask } from './writingThread.ts';

/**
 * The writing thread of an import (writingThread.ts): writes the rows its own reading thread prepares, on a
 * connection of its own.
 */
const { database, options, cancel } = workerData as WritingTask;
const say = (report: WritingReport) => parentPort!.postMessage(report);

/**
 * A transaction here stops nothing but the app's own writes, which wait for it: batches of up to 50,000 rows
 * (10,000 on the app's thread) and 1.5 s. A bare loop inserting 1M contacts took 1.6 times longer in
 * 10,000-row transactions than in 100,000-row ones: each commit writes every email index page its rows touched.
 */
const BATCH_ROWS = 50_000;
const BATCH_MS = 1_500;

say({ type: 'started' });
const db = openDatabase(database);
try {
  const clockStart = Date.now();
  const report = await writeImport(db, {
    ...options,
    batchSize: options.batchSize ?? BATCH_ROWS,
    batchMs: BATCH_MS,
    ownConnection: true,
    // The app's clock as it stood when the import started, moving on with this one.
    now: () => options.startedAt + (Date.now() - clockStart),
    signal: {
      get aborted() {
        return Atomics.load(cancel, 0) === 1;
      },
    },
    onProgress: (report) => say({ type: 'progress', report }),
    warn: (message) => say({ type: 'warning', message }),
  });
  say({ type: 'done', report });
} finally {
  db.close();
}
