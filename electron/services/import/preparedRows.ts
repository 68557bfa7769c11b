import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ColumnMapping, ImportKind } from '../../../shared/contacts/importMapping.ts';
import { rowPreparer, type PreparedRow } from './rowPreparation.ts';
import { ImportFileError, readRowBatches, type FileShape } from './sourceFile.ts';

export interface PreparedRowsTask {
  kind: ImportKind;
  path: string;
  shape: FileShape;
  mapping: ColumnMapping[];
  /** Rows per batch handed to the writer (one transaction's worth). */
  batchSize: number;
  /** When the import started (epoch ms). */
  now: number;
}

/** What the reading thread says to the import (importWorker.ts). */
export type WorkerReport =
  | { type: 'rows'; rows: PreparedRow[]; bytes: number }
  | { type: 'done'; bytes: number }
  | { type: 'failed'; message: string; fileError: boolean };

/** Batches the reading thread may have sent ahead of the writer: enough to keep both threads busy, few enough to bound memory. */
export const BATCHES_AHEAD = 2;

/** The worker entry beside this file when running from source (plain Node, tests); a bundle sets its own. */
export function sourceImportWorkerEntry(): URL | null {
  const entry = new URL('./importWorker.ts', import.meta.url);
  return entry.protocol === 'file:' && existsSync(fileURLToPath(entry)) ? entry : null;
}

/**
 * The file's rows, prepared for the store (rowPreparation.ts), in batches. With a worker entry they are read,
 * parsed and prepared on a worker thread while this thread writes the previous batches: an import then takes
 * about as long as its writes alone. Without one, or when the thread cannot start, the same code runs here.
 */
export function preparedRowBatches(task: PreparedRowsTask, workerEntry: URL | string | null, onBytes: (bytes: number) => void): AsyncGenerator<PreparedRow[]> {
  return workerEntry === null ? inThisThread(task, onBytes) : onWorker(task, workerEntry, onBytes);
}

async function* inThisThread(task: PreparedRowsTask, onBytes: (bytes: number) => void): AsyncGenerator<PreparedRow[]> {
  const prepare = rowPreparer(task.kind, task.mapping, task.now);
  const reader = readRowBatches(task.path, task.shape, { onBytes, plainList: task.kind === 'suppressions' });
  try {
    for await (const rows of reader) yield prepare(rows);
  } finally {
    await reader.return(undefined);
  }
}

async function* onWorker(task: PreparedRowsTask, entry: URL | string, onBytes: (bytes: number) => void): AsyncGenerator<PreparedRow[]> {
  // The thread's live data is a few batches; a small heap makes V8 collect it often instead of growing (with
  // the default limits the two threads' heaps took an import of 1M contacts past 500 MB).
  const worker = new Worker(entry, { workerData: task, resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 } });
  const reports: WorkerReport[] = [];
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  let heard = false;
  worker.on('message', (report: WorkerReport) => {
    heard = true;
    reports.push(report);
    wake?.();
  });
  worker.on('error', (error) => {
    failure = error;
    wake?.();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the reading thread stopped (exit code ${code})`);
    wake?.();
  });
  try {
    for (;;) {
      const report = reports.shift();
      if (!report) {
        if (failure) {
          // A thread that could not start (a missing bundle) has said nothing yet: read the file here instead.
          if (!heard) {
            yield* inThisThread(task, onBytes);
            return;
          }
          throw failure;
        }
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (report.type === 'failed') throw report.fileError ? new ImportFileError(report.message) : new Error(report.message);
      onBytes(report.bytes);
      if (report.type === 'done') return;
      worker.postMessage('more');
      yield report.rows;
    }
  } finally {
    // Finished, failed or cancelled (the writer stopped asking): the thread has nothing more to do.
    await worker.terminate();
  }
}
