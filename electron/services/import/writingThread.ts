import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db } from '../../store/database.ts';
import type { ImportReport } from '../../../shared/api/calls/contacts.ts';
import type { ImportOptions, WriteImportOptions } from './importOptions.ts';
import { scriptLocation, type ImportThreads } from './importThreads.ts';
import { startingReport } from './importReport.ts';

/** What the writing thread is given (writingWorker.ts): everything of the import that can cross threads. */
export interface WritingTask {
  database: string;
  options: Omit<WriteImportOptions, 'now' | 'signal' | 'onProgress'> & { runId: string; label: string; startedAt: number };
  /** Set to 1 to cancel: the thread looks at it between batches, without waiting for its event loop. */
  cancel: Int32Array;
}

/** What the writing thread says. */
export type WritingReport =
  | { type: 'started' }
  | { type: 'progress'; report: ImportReport }
  | { type: 'warning'; message: string }
  | { type: 'done'; report: ImportReport };

/**
 * Runs an import on a thread of its own, writing on a connection of its own. Its transactions can then be
 * long (one commit per tens of thousands of rows, where each commit rewrites every index page it touched)
 * without stopping this thread, which serves the app meanwhile: the app's own writes wait for the batch being
 * written (writeTransaction), and its reads never wait (WAL). Resolves to null when the thread cannot start
 * (a missing bundle); the caller then imports on this thread.
 */
export function importOnWritingThread(db: Db, options: ImportOptions & { runId: string }, threads: ImportThreads): Promise<ImportReport | null> {
  const startedAt = (options.now ?? Date.now)();
  const cancel = new Int32Array(new SharedArrayBuffer(4));
  const task: WritingTask = {
    database: db.name,
    options: {
      kind: options.kind,
      path: options.path,
      label: options.label ?? basename(options.path),
      mapping: options.mapping,
      encoding: options.encoding,
      delimiter: options.delimiter,
      badCells: options.badCells,
      batchSize: options.batchSize,
      runId: options.runId,
      startedAt,
      readingThread: scriptLocation(threads.reading),
    },
    cancel,
  };
  const stop = () => Atomics.store(cancel, 0, 1);
  const { signal } = options;
  if (signal?.aborted) stop();
  signal?.addEventListener('abort', stop);

  return new Promise<ImportReport | null>((resolve) => {
    let started = false;
    let settled = false;
    const settle = (report: ImportReport | null) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', stop);
      resolve(report);
    };
    const worker = new Worker(threads.writing, { workerData: task, resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 96 } });
    worker.on('message', (message: WritingReport) => {
      if (message.type === 'started') started = true;
      else if (message.type === 'progress') options.onProgress?.(message.report);
      else if (message.type === 'warning') console.warn(message.message);
      else settle(message.report);
    });
    const failed = (why: string) => {
      if (settled) return;
      if (!started) {
        console.warn(`the import's writing thread could not start (${why}); importing on this thread`);
        settle(null);
        return;
      }
      settle(threadStopped(db, task, why));
    };
    worker.on('error', (error) => failed(error.message));
    worker.on('exit', (code) => failed(`exit code ${code}`));
  });
}

/**
 * The report of an import whose thread stopped before finishing (out of memory, say): its whole batches are in
 * the store, and the run says it failed, as a run the app stopped in says it was interrupted.
 */
function threadStopped(db: Db, task: WritingTask, why: string): ImportReport {
  const error = `the import stopped: its writing thread stopped (${why}); the rows written before are kept. Import the same file again to finish it: nothing is duplicated.`;
  const finishedAt = Date.now();
  db.prepare(`UPDATE import_runs SET status = 'failed', error = ?, finished_at = ?, pid = NULL WHERE id = ? AND status = 'running'`).run(error, finishedAt, task.options.runId);
  const run = db.prepare('SELECT rows_read, inserted, updated, unchanged, skipped FROM import_runs WHERE id = ?').get(task.options.runId) as
    | { rows_read: number; inserted: number; updated: number; unchanged: number; skipped: number }
    | undefined;
  const { runId, kind, label, startedAt } = task.options;
  return {
    ...startingReport(runId, kind, label, startedAt),
    ...(run && { rowsRead: run.rows_read, inserted: run.inserted, updated: run.updated, unchanged: run.unchanged, skipped: run.skipped }),
    status: 'failed',
    finishedAt,
    error,
  };
}
