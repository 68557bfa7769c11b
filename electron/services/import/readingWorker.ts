import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { MESSAGE_ROWS, type PreparedRowsTask, type WorkerReport } from './preparedRows.ts';
import { rowPreparer } from './rowPreparation.ts';
import { ImportFileError, readRowBatches } from './sourceFile.ts';

/**
 * The reading thread of an import (preparedRows.ts): reads, parses and prepares the file's rows and sends them
 * in small messages as they are ready, never more than two batches ahead of the writer, so a file larger
 * than memory streams through and this thread holds little at any time.
 */
const { task, reports } = workerData as { task: PreparedRowsTask; reports: MessagePort };
const port = parentPort!;
// Rows sent and not yet read by the writer: at most two batches wait in the port.
let unread = 0;
let waiting: (() => void) | undefined;
port.on('message', (read: number) => {
  unread -= read;
  waiting?.();
});

// A report goes on its own port, which the writer reads when it is ready for it; the parent port says how
// many rows it carries.
const send = (report: WorkerReport) => {
  reports.postMessage(report);
  port.postMessage(report.type === 'rows' ? report.rows.length : 0);
};

async function run(): Promise<void> {
  let bytes = 0;
  const prepare = rowPreparer(task.kind, task.mapping, task.now, task.badCells);
  let sent = 0;
  for await (const rows of readRowBatches(task.path, task.shape, { onBytes: (b) => (bytes = b), plainList: task.kind === 'suppressions' })) {
    const prepared = prepare(rows);
    let start = 0;
    while (start < prepared.length) {
      while (unread >= 2 * task.batchSize) await new Promise<void>((resolve) => (waiting = resolve));
      // Messages end where batches end, so that a transaction not cut short by time (batchMs) holds exactly a batch.
      const size = Math.min(MESSAGE_ROWS, task.batchSize - (sent % task.batchSize));
      const part = prepared.slice(start, start + size);
      send({ type: 'rows', rows: part, bytes });
      start += part.length;
      sent += part.length;
      unread += part.length;
    }
  }
  send({ type: 'done', bytes });
}

// The thread stays until the import ends it (the writer may still be reading its last messages).
run().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error), fileError: error instanceof ImportFileError });
});
