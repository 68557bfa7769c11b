import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { writeTransaction, type Db } from '../../store/database.ts';
import type { ColumnMapping, ImportKind, ReadingChoices } from '../../../shared/contacts/importMapping.ts';
import type { ImportReport } from '../../../shared/api/calls/contacts.ts';
import { ContactWriter, UnreadableAttributes, type ContactValues } from '../contacts/contactWriter.ts';
import { RowProblem, normaliseEmail } from './convert.ts';
import { scanFile } from './columnScan.ts';
import { ImportFileError, inspectFile } from './sourceFile.ts';
import { AttributeName } from '../../../shared/contacts/attributeName.ts';
import { IdSet } from './idSet.ts';
import { preparedRowBatches } from './preparedRows.ts';
import type { PreparedEvent, PreparedRow } from './rowPreparation.ts';
import { sourceImportThreads } from './importThreads.ts';
import { importOnWritingThread } from './writingThread.ts';
import { newRunId, startingReport } from './importReport.ts';
import type { ImportOptions, WriteImportOptions } from './importOptions.ts';

const THREAD_FROM_BYTES = 4 * 1024 * 1024;
/** 256 MB of 4 KB pages. */
const IMPORT_CHECKPOINT_PAGES = 65_536;

/** How many problems the report carries inline; all of them are in import_problems and the CSV. */
const INLINE_PROBLEMS = 200;

/**
 * Streams a contacts or events file into the store. A file of 4 MB and more is imported on two threads of
 * its own, one reading and one writing on its own connection (writingThread.ts); a smaller one, or a store in
 * memory, here. Either way writeImport does the work.
 */
export async function runImport(db: Db, options: ImportOptions): Promise<ImportReport> {
  const threads = options.threads === undefined ? sourceImportThreads() : options.threads;
  const runId = options.runId ?? newRunId();
  if (threads === null || db.memory || fileSize(options.path) < (options.threadFromBytes ?? THREAD_FROM_BYTES)) {
    return writeImport(db, { ...options, runId, readingThread: null });
  }
  const report = await importOnWritingThread(db, { ...options, runId }, threads);
  // The writing thread could not start (a missing bundle): this thread writes, and the reading thread reads.
  return report ?? writeImport(db, { ...options, runId, readingThread: threads.reading });
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // writeImport reports why the file cannot be read
  }
}

/**
 * Writes a file's rows into the store, in batches, each batch in one transaction together with its problems
 * and the run's counters, so a crash or a cancel leaves whole batches and a report that matches them.
 * Re-running the same file changes nothing: contacts are keyed by email and events de-duplicated. The rows of
 * one import are stamped with its start.
 */
export async function writeImport(db: Db, options: WriteImportOptions): Promise<ImportReport> {
  const now = options.now ?? Date.now;
  // Each commit writes every page its rows touched to the WAL once (5,000 rows a batch spent a fifth of an
  // events import in commits). On the app's thread a batch is kept under a second of work, since the app waits
  // for it: the grain of progress, cancel and crash recovery too. The writing thread sets larger ones.
  const batchSize = options.batchSize ?? 10_000;
  const started = options.startedAt ?? now();
  const report = startingReport(options.runId, options.kind, options.label ?? basename(options.path), started);
  db.prepare(`INSERT INTO import_runs (id, kind, file, status, started_at, pid) VALUES (?, ?, ?, 'running', ?, ?)`).run(report.runId, report.kind, report.file, started, process.pid);
  const saveRun = db.prepare(
    `UPDATE import_runs SET status = @status, rows_read = @rowsRead, inserted = @inserted, updated = @updated, unchanged = @unchanged,
       skipped = @skipped, error = @error, finished_at = @finishedAt, pid = CASE WHEN @status = 'running' THEN pid END WHERE id = @runId`,
  );
  const saveProblem = db.prepare('INSERT INTO import_problems (run_id, line, reason) VALUES (?, ?, ?)');
  const persist = () => saveRun.run({ ...report, problems: undefined });
  // The page cache (SQLite's default is 2 MB) holds the index pages a batch writes. Contacts land at random
  // places in the email index, which wants it large (64 MB); events fill their indexes in the file's order
  // (migration 0005) and need less: at 16 MB, 10M events still went in at 60,000 rows/s, and the import's
  // peak memory fell from 438 MB to 361 MB.
  const cacheKb = options.kind === 'contacts' ? 65_536 : 16_384;
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  if (Math.abs(cacheSize) < cacheKb) db.pragma(`cache_size = -${cacheKb}`);
  // Copy the write-ahead log into the database file once it holds 256 MB, not 4 MB, while importing, and once
  // more at the end. A batch's commit writes every index page its rows touched, and each checkpoint copies each
  // page once, however often the WAL holds it: 1M contacts write 500 MB of WAL, and checkpointing every 40 MB
  // made their import 1.2 times slower. Crash safety is the WAL's and does not change; synchronous stays NORMAL,
  // so a power cut loses at most the last batches, never the store's consistency.
  const autoCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma(`wal_autocheckpoint = ${IMPORT_CHECKPOINT_PAGES}`);

  try {
    const shape = await inspectFile(options.path, { encoding: options.encoding, delimiter: options.delimiter });
    report.totalBytes = shape.size;
    report.encoding = shape.encoding;
    report.delimiter = shape.delimiter;
    const mapping = options.mapping ?? (await scanFile(options.kind, options.path, shape, { dates: false })).mapping;
    checkMapping(options.kind, mapping);
    const writeRow = options.kind === 'contacts' ? contactWriterFor(db, started) : options.kind === 'events' ? eventWriterFor(db, started) : suppressionWriterFor(db, started, report.file);

    // A skipped row, or a cell left out of a row imported without it: one problem each.
    const problem = (line: number, reason: string, count: 'skipped' | 'cellsSkipped' = 'skipped') => {
      report[count]++;
      saveProblem.run(report.runId, line, reason);
      if (report.problems.length < INLINE_PROBLEMS) report.problems.push({ line, reason });
    };
    const flush = writeTransaction(db, (batch: Iterable<PreparedRow>) => {
      for (const row of batch) {
        report.rowsRead++;
        if ('problem' in row) {
          problem(row.line, row.problem);
          continue;
        }
        try {
          const outcome = writeRow(row.prepared);
          report[outcome]++;
          if (row.leftOut) for (const reason of row.leftOut) problem(row.line, reason, 'cellsSkipped');
        } catch (error) {
          if (!(error instanceof RowProblem) && !(error instanceof UnreadableAttributes)) throw error;
          problem(row.line, error.message);
        }
      }
      persist();
    });
    const task = { kind: options.kind, path: options.path, shape, mapping, badCells: options.badCells ?? 'skip-row', batchSize, batchMs: options.batchMs, now: started };
    const reader = preparedRowBatches(task, options.readingThread, (bytes) => (report.bytesRead = bytes), options.warn);
    const progress = () => {
      report.rowsPerSecond = Math.round(report.rowsRead / Math.max(0.001, (now() - started) / 1000));
      options.onProgress?.({ ...report, problems: [...report.problems] });
    };
    for await (const batch of reader) {
      flush(batch);
      progress();
      if (options.signal?.aborted) {
        report.status = 'cancelled';
        break;
      }
    }
    if (report.status === 'running') report.status = 'done';
    report.bytesRead = report.status === 'done' ? shape.size : report.bytesRead;
    progress();
  } catch (error) {
    report.status = 'failed';
    report.error = error instanceof Error ? error.message : String(error);
    if (!(error instanceof ImportFileError)) report.error = `the import stopped: ${report.error}`;
  }
  report.finishedAt = now();
  report.rowsPerSecond = Math.round(report.rowsRead / Math.max(0.001, (report.finishedAt - started) / 1000));
  persist();
  // The connection goes back as it was: the app's keeps its small cache once a small file is in.
  db.pragma(`wal_autocheckpoint = ${Number(autoCheckpoint)}`);
  db.pragma(`cache_size = ${Number(cacheSize)}`);
  // Here, on the import's thread, rather than at the app's next commit. On its own connection the import also
  // empties the log (which keeps its size on disk otherwise), waiting for the app's readers to let go if need be;
  // on the app's thread it must not wait, and copies what it can.
  db.pragma(options.ownConnection ? 'wal_checkpoint(TRUNCATE)' : 'wal_checkpoint(PASSIVE)');
  return report;
}

/** The mapping names the columns the kind requires, and for contacts, attributes a contact can hold. */
function checkMapping(kind: ImportKind, mapping: readonly ColumnMapping[]): void {
  if (kind === 'contacts') {
    for (const { source, target } of mapping) {
      const name = target.kind === 'attribute' ? AttributeName.safeParse(target.name) : undefined;
      if (name && !name.success) throw new ImportFileError(`column ${source}: ${name.error.issues[0].message}`);
    }
  }
  const fields = new Set(mapping.flatMap(({ target }) => (target.kind === 'field' ? [target.field] : [])));
  const columns = mapping.map((m) => m.source).join(', ') || 'none';
  if (kind === 'contacts' && !fields.has('email')) throw new ImportFileError(`no column is mapped to email, which is required (columns: ${columns})`);
  if (kind === 'suppressions' && !fields.has('email')) throw new ImportFileError(`no column is mapped to email, which is required (columns: ${columns})`);
  if (kind === 'events') {
    const missing = [!fields.has('email') && !fields.has('contact_id') ? 'email or contact_id' : '', !fields.has('name') ? 'name' : '', !fields.has('timestamp') ? 'timestamp' : ''].filter(Boolean);
    if (missing.length) throw new ImportFileError(`no column is mapped to ${missing.join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} required (columns: ${columns})`);
  }
}

type Outcome = 'inserted' | 'updated' | 'unchanged';
/** Writes one prepared row (rowPreparation.ts says what each kind's rows are by then). */
type RowWriter = (prepared: unknown) => Outcome;

function contactWriterFor(db: Db, at: number): RowWriter {
  const writer = new ContactWriter(db, () => at);
  // A file that names an email twice is ambiguous: the first row wins and the others are reported, on every run
  // of the file. New rows get ids above the largest before the run, so a clash with one of those is a repeat
  // within this file (the store remembers it, rather than a set of every email read, which was a tenth of the
  // memory at 1M rows); a contact that was there before is a repeat when this run has already met it, which a
  // bit per contact remembers (IdSet: 125 KB for a million).
  const lastIdBefore = db.prepare('SELECT COALESCE(MAX(id), 0) FROM contacts').pluck().get() as number;
  const met = new IdSet(lastIdBefore);
  const refuseRepeat = (id: number) => {
    if (id > lastIdBefore || met.has(id)) throw new RowProblem('duplicate email: the same address is on an earlier line of this file');
    met.add(id);
  };
  return (prepared) => {
    const { inserted, changed } = writer.upsertValues(prepared as ContactValues, refuseRepeat);
    return inserted ? 'inserted' : changed ? 'updated' : 'unchanged';
  };
}

function eventWriterFor(db: Db, at: number): RowWriter {
  const writer = new ContactWriter(db, () => at);
  const byEmail = db.prepare('SELECT id FROM contacts WHERE email = ?').pluck();
  const byId = db.prepare('SELECT id FROM contacts WHERE id = ?').pluck();
  const unsubscribe = db.prepare(`UPDATE contacts SET consent = 'unsubscribed', updated_at = ? WHERE id = ?`);
  // Exports usually list a contact's events together: remember the last lookup.
  let lastKey = '';
  let lastId: number | undefined;
  return (prepared) => {
    const event = prepared as PreparedEvent;
    const key = 'email' in event.contact ? `e:${normaliseEmail(event.contact.email)}` : `i:${event.contact.id}`;
    if (key !== lastKey) {
      lastKey = key;
      lastId = ('email' in event.contact ? byEmail.get(event.contact.email) : byId.get(event.contact.id)) as number | undefined;
    }
    if (lastId === undefined) throw new RowProblem(`unknown contact: no contact with this ${'email' in event.contact ? 'email' : 'id'} (import the contacts first)`);
    const inserted = writer.insertEventValues({ contactId: lastId, name: event.name, occurredAt: event.occurredAt, properties: event.properties, sourceId: event.sourceId });
    // Unsubscribes are events and change consent; the engine enforces consent.
    if (inserted && event.name === 'unsubscribed') unsubscribe.run(at, lastId);
    return inserted ? 'inserted' : 'unchanged';
  };
}

function suppressionWriterFor(db: Db, at: number, file: string): RowWriter {
  // An address already on the list keeps its reason and source: re-importing the file changes nothing.
  const insert = db.prepare(`INSERT INTO suppressions (email, reason, added_at, source) VALUES (?, ?, ?, 'import') ON CONFLICT (email) DO NOTHING`);
  return (prepared) => {
    const { email, reason } = prepared as { email: string; reason: string | null };
    return insert.run(email, reason ?? `imported from ${file}`, at).changes === 1 ? 'inserted' : 'unchanged';
  };
}

/**
 * Runs left 'running' by a process that is gone (the app quit or crashed mid-file) are marked interrupted:
 * their whole batches are in the store, consistent with the counts; running the file again finishes the job.
 * A run whose process is still alive (the app beside the CLI) is left alone.
 */
export function markInterruptedRuns(db: Db, now: number): number {
  const running = db.prepare(`SELECT id, pid FROM import_runs WHERE status = 'running'`).all() as Array<{ id: string; pid: number | null }>;
  const mark = db.prepare(`UPDATE import_runs SET status = 'interrupted', pid = NULL, finished_at = ?,
    error = 'the app stopped during this import; the rows read before are kept. Import the same file again to finish it: nothing is duplicated.' WHERE id = ?`);
  let marked = 0;
  for (const run of running) {
    if (run.pid === process.pid || (run.pid !== null && processAlive(run.pid))) continue;
    mark.run(now, run.id);
    marked++;
  }
  return marked;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * What the import screen shows before running: the format, the encoding and delimiter (found, or as chosen), the
 * first rows and the guessed mapping, its types read from every row (scanFile).
 */
export async function previewImport(kind: ImportKind, path: string, choices: ReadingChoices = {}) {
  const shape = await inspectFile(path, choices);
  const { columns, rows, mapping } = await scanFile(kind, path, shape, { dates: true });
  return { format: shape.format, encoding: shape.encoding, delimiter: shape.delimiter, columns, rows, mapping };
}

/** The report of a run as CSV: one line per skipped row or left-out cell. */
export function reportCsv(db: Db, runId: string): string {
  const quote = (value: string | number) => (/[",\r\n]/.test(String(value)) ? `"${String(value).replaceAll('"', '""')}"` : String(value));
  const rows = db.prepare('SELECT line, reason FROM import_problems WHERE run_id = ? ORDER BY line').all(runId) as Array<{ line: number; reason: string }>;
  return ['line,reason', ...rows.map((r) => `${r.line},${quote(r.reason)}`)].join('\n') + '\n';
}
