import { parentPort, workerData } from 'node:worker_threads';
import { BATCHES_AHEAD, type PreparedRowsTask, type WorkerReport } from './preparedRows.ts';
import { rowPreparer, type PreparedRow } from './rowPreparation.ts';
import { ImportFileError, readRowBatches } from './sourceFile.ts';

/**
 * The reading thread of an import (preparedRows.ts): reads, parses and prepares the file's rows and sends them
 * in batches, never more than BATCHES_AHEAD ahead of the writer, so a file larger than memory streams through.
 */
const task = workerData as PreparedRowsTask;
const port = parentPort!;
let credit = BATCHES_AHEAD;
let waiting: (() => void) | undefined;
port.on('message', () => {
  credit++;
  waiting?.();
});
const send = (report: WorkerReport) => port.postMessage(report);

async function run(): Promise<void> {
  let bytes = 0;
  const prepare = rowPreparer(task.kind, task.mapping, task.now);
  let pending: PreparedRow[] = [];
  const hand = async (rows: PreparedRow[]) => {
    while (credit === 0) await new Promise<void>((resolve) => (waiting = resolve));
    credit--;
    send({ type: 'rows', rows, bytes });
  };
  for await (const rows of readRowBatches(task.path, task.shape, { onBytes: (b) => (bytes = b), plainList: task.kind === 'suppressions' })) {
    for (const row of prepare(rows)) pending.push(row);
    // One message per transaction: the writer writes a batch as it arrives, so its rows never outlive a task.
    while (pending.length >= task.batchSize) {
      await hand(pending.slice(0, task.batchSize));
      pending = pending.slice(task.batchSize);
    }
  }
  if (pending.length) await hand(pending);
  send({ type: 'done', bytes });
}

// The thread stays until the import ends it (it may still be waiting to hand over its last batches).
run().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error), fileError: error instanceof ImportFileError });
});
