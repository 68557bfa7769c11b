import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EmailPreparer, Prepared, QueuedEmail } from './emailPreparation.ts';

/** What the delivery thread is started with (preparationWorker.ts). */
export interface PreparationTask {
  databasePath: string;
}
export interface PreparationRequest {
  id: number;
  rows: readonly QueuedEmail[];
  now: number;
}
export type PreparationReply = { id: number; prepared: Prepared[] } | { id: number; error: string };

/** The worker script beside this file when running from source (plain Node, the CLI, tests); a bundle sets its own. */
export function sourcePreparationWorker(): URL | null {
  const entry = new URL('./preparationWorker.ts', import.meta.url);
  return entry.protocol === 'file:' && existsSync(fileURLToPath(entry)) ? entry : null;
}

/**
 * Email preparation on a worker thread of its own, so that rendering and composing a batch (most of a send's CPU)
 * runs beside the engine's decisions instead of between them: while the thread prepares one batch, the engine's
 * thread decides the next. Started on the first batch; when it cannot start or dies, the batches it had and every
 * later one are prepared by `fallback` in this thread, with a warning: the engine never stops over its thread.
 */
export class ThreadedPreparation implements EmailPreparer {
  private readonly entry: URL | string;
  private readonly databasePath: string;
  private readonly fallback: EmailPreparer;
  private worker: Worker | undefined;
  private broken = false;
  private nextId = 0;
  /** Batches given to the thread and not answered yet, with what prepares them elsewhere if it dies first. */
  private readonly pending = new Map<number, { resolve: (prepared: Prepared[]) => void; reject: (error: Error) => void; inThisThread: () => void }>();

  constructor(entry: URL | string, databasePath: string, fallback: EmailPreparer) {
    this.entry = entry;
    this.databasePath = databasePath;
    this.fallback = fallback;
  }

  prepareBatch(rows: readonly QueuedEmail[], now: number): Promise<Prepared[]> {
    if (this.broken) return this.fallback.prepareBatch(rows, now);
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const inThisThread = () => this.fallback.prepareBatch(rows, now).then(resolve, reject);
      this.pending.set(id, { resolve, reject, inThisThread });
      worker.ref(); // a batch in preparation keeps the process alive; an idle thread does not (see start)
      worker.postMessage({ id, rows, now } satisfies PreparationRequest);
    });
  }

  private start(): Worker {
    const worker = new Worker(this.entry, {
      workerData: { databasePath: this.databasePath } satisfies PreparationTask,
      // a batch's rows, contacts and rendered emails; the parsed templates are cached between batches
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
    worker.on('message', (reply: PreparationReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (!this.pending.size) worker.unref();
      if ('error' in reply) waiting?.reject(new Error(`the delivery thread could not prepare a batch: ${reply.error}`));
      else waiting?.resolve(reply.prepared);
    });
    const fail = (error: Error) => {
      if (this.broken) return;
      this.broken = true;
      this.worker = undefined;
      console.warn(`the delivery thread stopped (${error.message}); emails are prepared in the engine's thread from now on`);
      const waiting = [...this.pending.values()];
      this.pending.clear();
      for (const batch of waiting) batch.inThisThread();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    return worker;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.broken = true; // no restart after close
    this.worker = undefined;
    for (const waiting of this.pending.values()) waiting.reject(new Error('the engine is closing'));
    this.pending.clear();
    await worker?.terminate();
  }
}
