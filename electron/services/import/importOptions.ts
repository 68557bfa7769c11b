import type { BadCells, ColumnMapping, CsvDelimiter, FileEncoding, ImportKind } from '../../../shared/contacts/importMapping.ts';
import type { ImportReport } from '../../../shared/api/calls/contacts.ts';
import type { ImportThreads } from './importThreads.ts';

/*
 * The options of an import, in a module of their own: the runner (importRunner.ts) and the writing thread's side
 * of it (writingThread.ts) both take them, and the runner starts the writing thread.
 */

export interface ImportOptions {
  kind: ImportKind;
  path: string;
  /** The name shown in the report (an upload's original name); the path's base name by default. */
  label?: string;
  /** Column mapping; guessed from the column names and values when absent (columnScan.ts). */
  mapping?: ColumnMapping[];
  /** A CSV file's text encoding; found in the file when absent (textEncoding.ts). */
  encoding?: FileEncoding;
  /** A CSV file's delimiter; found from its first lines when absent (csvDelimiter.ts). */
  delimiter?: CsvDelimiter;
  /** A cell that cannot be read as its column's type skips its row (the default), or is left out and reported. */
  badCells?: BadCells;
  now?: () => number;
  /** Stops the import after the batch being written. */
  signal?: AbortSignal;
  /** Called after each batch with the report so far. */
  onProgress?: (report: ImportReport) => void;
  /** Rows per transaction at most. */
  batchSize?: number;
  runId?: string;
  /** The threads' scripts (importThreads.ts); null imports on this thread. By default, the scripts beside this file. */
  threads?: ImportThreads | null;
  /** Files smaller than this are imported on this thread: starting threads would cost more than it saves. */
  threadFromBytes?: number;
}

/** What writeImport takes beyond runImport's options: where the file is read, and how long a transaction may take. */
export interface WriteImportOptions extends Omit<ImportOptions, 'threads' | 'threadFromBytes' | 'signal' | 'runId'> {
  runId: string;
  /** An AbortSignal, or on the writing thread the flag the app sets. */
  signal?: { readonly aborted: boolean };
  /** The reading thread's script; null reads the file on this thread. */
  readingThread: URL | string | null;
  /** See PreparedRowsTask.batchMs. */
  batchMs?: number;
  /** Where a warning goes (the reading thread could not start): the console, or from the writing thread, the app's. */
  warn?: (message: string) => void;
  /** When the import started, which stamps its rows: now() by default; the writing thread is given the app's. */
  startedAt?: number;
  /** Writing on a connection of its own (the writing thread), where waiting for the app's readers holds up nothing. */
  ownConnection?: boolean;
}
