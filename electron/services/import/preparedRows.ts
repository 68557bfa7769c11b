import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { BadCells, ColumnMapping, ImportKind } from '../../../shared/contacts/importMapping.ts';
import { rowPreparer, type PreparedRow } from './rowPreparation.ts';
import { ImportFileError, readRowBatches, type FileShape } from './sourceFile.ts';

export interface PreparedRowsTask {
  kind: ImportKind;
  path: string;
  shape: FileShape;
  mapping: ColumnMapping[];
  /** A cell that cannot be read skips its row, or is left out of it. */
  badCells: BadCells;
  /** Rows per batch handed to the writer (one transaction's worth) at most. */
  batchSize: number;
  /**
   * How long a batch's transaction may take: past it, the batch ends with the message being written. Reading
   * on a thread only: another connection waiting to write waits about this long at most.
   */
  batchMs?: number;
  /** When the import started (epoch ms). */
  now: number;
}

/** What the reading thread says to the import (readingWorker.ts). */
export type WorkerReport =
  | { type: 'rows'; rows: PreparedRow[]; bytes: number }
  | { type: 'done'; bytes: number }
  | { type: 'failed'; message: string; fileError: boolean };

/**
 * Rows per message from the reading thread at most: small, so that neither thread holds many rows as objects.
 * A message is usually one piece of the file (sourceFile.ts), a few hundred rows: gathering pieces into
 * messages of 2,000 rows kept more of them alive, and collections took four times longer.
 */
export const MESSAGE_ROWS = 2000;

/**
 * The file's rows, prepared for the store (rowPreparation.ts), in batches of `batchSize` rows (one transaction
 * each; the last may be smaller). With a worker entry they are read, parsed and prepared on a worker thread while
 * this thread writes the previous batches: an import then takes about as long as its writes. Without one, or
 * when the thread cannot start, the same code runs here.
 */
export function preparedRowBatches(
  task: PreparedRowsTask,
  workerEntry: URL | string | null,
  onBytes: (bytes: number) => void,
  warn: (message: string) => void = console.warn,
): AsyncGenerator<Iterable<PreparedRow>> {
  return workerEntry === null ? inThisThread(task, onBytes) : onWorker(task, workerEntry, onBytes, warn);
}

async function* inThisThread(task: PreparedRowsTask, onBytes: (bytes: number) => void): AsyncGenerator<PreparedRow[]> {
  const prepare = rowPreparer(task.kind, task.mapping, task.now, task.badCells);
  const reader = readRowBatches(task.path, task.shape, { onBytes, plainList: task.kind === 'suppressions' });
  let batch: PreparedRow[] = [];
  try {
    for await (const rows of reader) {
      for (const row of prepare(rows)) {
        batch.push(row);
        if (batch.length < task.batchSize) continue;
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  } finally {
    await reader.return(undefined);
  }
}

async function* onWorker(task: PreparedRowsTask, entry: URL | string, onBytes: (bytes: number) => void, warn: (message: string) => void): AsyncGenerator<Iterable<PreparedRow>> {
  // The rows come over a port of their own, read (receiveMessageOnPort) only when a whole batch is there and the
  // writer is ready for it: a batch becomes objects just before its transaction and is garbage right after, in
  // V8's young generation. Queued as objects while the previous batch was written, rows lived long enough to be
  // moved to the old generation, which then grew by hundreds of MB between collections. The thread's own heap
  // is kept small for the same reason: it only ever holds a message or two. Its young generation is not the
  // smallest, though: at 8 MB, collections took a fifth of its time, at 16 MB a twentieth.
  const { port1: reports, port2 } = new MessageChannel();
  const worker = new Worker(entry, {
    workerData: { task, reports: port2 },
    transferList: [port2],
    resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 64 },
  });
  let waiting = 0; // rows sent and not yet read
  let ended = false; // the thread sent its last report
  let heard = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  worker.on('message', (rows: number) => {
    heard = true;
    if (rows === 0) ended = true;
    waiting += rows;
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
      if (waiting < task.batchSize && !ended) {
        if (failure) {
          // A thread that could not start (a missing bundle) has said nothing yet: read the file here instead.
          if (!heard) {
            warn(`the import's reading thread could not start (${failure.message}); reading the file on this thread`);
            yield* inThisThread(task, onBytes);
            return;
          }
          throw failure;
        }
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      // The batch is read from the port as the writer goes through it, inside its transaction: a message's rows
      // become objects only when their turn comes, and are garbage as soon as they are written.
      let messages = 0;
      let pulled = 0;
      let last: WorkerReport | undefined;
      const batch = function* (): Generator<PreparedRow> {
        const began = performance.now();
        while (pulled < task.batchSize && !(task.batchMs !== undefined && performance.now() - began >= task.batchMs)) {
          last = receiveMessageOnPort(reports)?.message as WorkerReport | undefined;
          if (!last) return;
          messages++;
          if (last.type !== 'rows') return;
          onBytes(last.bytes);
          pulled += last.rows.length;
          yield* last.rows;
        }
      };
      yield batch();
      if (messages === 0) {
        // Told of a message the port does not hold yet: look again on the next turn.
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      waiting -= pulled;
      worker.postMessage(pulled);
      if (last?.type === 'failed') throw last.fileError ? new ImportFileError(last.message) : new Error(last.message);
      if (last?.type === 'done') {
        onBytes(last.bytes);
        return;
      }
    }
  } finally {
    // Finished, failed or cancelled (the writer stopped asking): the thread has nothing more to do.
    reports.close();
    await worker.terminate();
  }
}
