import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The scripts of an import's two threads: one reads, parses and prepares the file's rows (readingWorker.ts), the
 * other writes them on a connection of its own (writingWorker.ts), so that neither the work nor the long
 * transactions of a large import hold up the thread that serves the app. The Electron main sets its bundles'.
 */
export interface ImportThreads {
  reading: URL | string;
  writing: URL | string;
}

/** The scripts beside this file when running from source (plain Node, the CLI, tests); null in a bundle, which sets its own. */
export function sourceImportThreads(): ImportThreads | null {
  const reading = new URL('./readingWorker.ts', import.meta.url);
  const writing = new URL('./writingWorker.ts', import.meta.url);
  const here = (url: URL) => url.protocol === 'file:' && existsSync(fileURLToPath(url));
  return here(reading) && here(writing) ? { reading, writing } : null;
}

/** A script's location as a worker's data can carry it, and Worker takes it back: a path. */
export const scriptLocation = (entry: URL | string): string => (entry instanceof URL ? fileURLToPath(entry) : entry);
