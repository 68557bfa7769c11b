import { appendFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../store/database.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import type { ImportReport } from '../../../shared/api/calls/contacts.ts';
import type { BadCells, ColumnMapping, ImportKind, ReadingChoices } from '../../../shared/contacts/importMapping.ts';
import { markInterruptedRuns, previewImport, reportCsv, runImport } from './importRunner.ts';
import { contactMergeRule, eventMergeRule, suppressionMergeRule } from './rowMapping.ts';
import { ImportFileError } from './sourceFile.ts';
import { sourceImportThreads, type ImportThreads } from './importThreads.ts';
import { newRunId, startingReport } from './importReport.ts';

const IMPORTABLE = /\.(csv|tsv|txt|jsonl|ndjson|json)$/i;
/** An upload nobody has added to or started for this long was abandoned (a closed tab): its file is deleted. */
export const ABANDONED_UPLOAD_MS = 60 * 60 * 1000;
const mergeRules: Record<ImportKind, string> = { contacts: contactMergeRule, events: eventMergeRule, suppressions: suppressionMergeRule };

interface ImportRunRow {
  id: string;
  kind: ImportKind;
  file: string;
  status: ImportReport['status'];
  rows_read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  error: string | null;
  started_at: number;
  finished_at: number | null;
}

interface Running {
  path: string;
  report: ImportReport;
  controller: AbortController;
  done: Promise<ImportReport>;
}

/** A file to import: a path (a file the user picked, its token resolved), or a browser upload. */
export type ImportFrom = { path: string } | { uploadId: string };

/**
 * Imports as the app runs them: in the background, polled for progress, cancellable. A file comes either
 * from a path (desktop dialog, CLI) or from a browser upload, sent in chunks to a file beside the workspace,
 * so both stream from disk and a file larger than memory works either way.
 */
export class ImportManager {
  /** The scripts of an import's threads; null imports on this thread. The Electron main sets its bundles'. */
  threads: ImportThreads | null = sourceImportThreads();
  private readonly db: Db;
  private readonly now: () => number;
  private readonly uploadsDir: string;
  private readonly uploads = new Map<string, { path: string; name: string; touchedAt: number }>();
  private readonly running = new Map<string, Running>();

  constructor(db: Db, databasePath: string, now: () => number) {
    this.db = db;
    this.now = now;
    this.uploadsDir = databasePath === ':memory:' ? join(tmpdir(), 'journey-studio-uploads') : join(dirname(databasePath), 'uploads');
    markInterruptedRuns(db, now());
    this.removeAbandonedUploads();
  }

  /**
   * Deletes upload files nobody is using: at start-up, every file in the uploads folder older than
   * ABANDONED_UPLOAD_MS (a crash or a closed tab left it; a younger one may be another window's upload in
   * progress), and while running, uploads of this process not touched for as long.
   */
  removeAbandonedUploads(): void {
    const cutoff = this.now() - ABANDONED_UPLOAD_MS;
    const inUse = new Set<string>();
    for (const [id, upload] of this.uploads) {
      if (upload.touchedAt < cutoff) {
        this.uploads.delete(id);
        rmSync(upload.path, { force: true });
      } else inUse.add(upload.path);
    }
    for (const entry of this.running.values()) if (entry.report.status === 'running') inUse.add(entry.path);
    let files: string[];
    try {
      files = readdirSync(this.uploadsDir);
    } catch {
      return; // no uploads folder yet
    }
    for (const name of files) {
      const path = join(this.uploadsDir, name);
      if (!name.startsWith('up_') || inUse.has(path)) continue;
      try {
        if (statSync(path).mtimeMs < cutoff) rmSync(path, { force: true });
      } catch {
        // gone meanwhile
      }
    }
  }

  upload(input: { uploadId?: string; fileName: string; chunkBase64: string }): { uploadId: string } {
    const bytes = Buffer.from(input.chunkBase64, 'base64');
    if (input.uploadId) {
      const upload = this.uploads.get(input.uploadId);
      if (!upload) throw new ApiError('not-found', `no upload ${input.uploadId} in progress`);
      appendFileSync(upload.path, bytes);
      upload.touchedAt = this.now();
      return { uploadId: input.uploadId };
    }
    this.removeAbandonedUploads();
    mkdirSync(this.uploadsDir, { recursive: true });
    const uploadId = `up_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const path = join(this.uploadsDir, `${uploadId}${IMPORTABLE.exec(input.fileName)?.[0] ?? ''}`);
    writeFileSync(path, bytes);
    this.uploads.set(uploadId, { path, name: input.fileName, touchedAt: this.now() });
    return { uploadId };
  }

  private resolve(source: ImportFrom): { path: string; label?: string; uploadId?: string } {
    if ('path' in source) {
      // A path is a file the user picked in the native dialog, whose filters only suggest a kind of file: refusing
      // other kinds keeps a key file picked by mistake from being read into a preview.
      if (!IMPORTABLE.test(source.path)) throw new ApiError('refused', `only .csv, .tsv, .txt, .jsonl, .ndjson and .json files can be imported, not ${source.path}`);
      return { path: source.path };
    }
    const upload = this.uploads.get(source.uploadId);
    if (!upload) throw new ApiError('not-found', `no uploaded file ${source.uploadId}`);
    return { path: upload.path, label: upload.name, uploadId: source.uploadId };
  }

  async preview(kind: ImportKind, source: ImportFrom, choices: ReadingChoices = {}) {
    try {
      const preview = await previewImport(kind, this.resolve(source).path, choices);
      return { ...preview, mergeRule: mergeRules[kind] };
    } catch (error) {
      if (error instanceof ImportFileError) throw new ApiError('refused', error.message);
      throw error;
    }
  }

  /** Starts an import; `reading` says how to read the file (as previewed) and what to do with a bad cell. */
  start(kind: ImportKind, source: ImportFrom, mapping?: ColumnMapping[], reading: ReadingChoices & { badCells?: BadCells } = {}): { runId: string } {
    const { path, label, uploadId } = this.resolve(source);
    const runId = newRunId();
    const controller = new AbortController();
    const entry: Running = {
      path,
      report: startingReport(runId, kind, label ?? path, this.now()),
      controller,
      done: Promise.resolve(undefined as unknown as ImportReport),
    };
    const { encoding, delimiter, badCells } = reading;
    entry.done = runImport(this.db, { kind, path, label, mapping, encoding, delimiter, badCells, now: this.now, signal: controller.signal, runId, threads: this.threads, onProgress: (report) => (entry.report = report) }).then((report) => {
      entry.report = report;
      if (uploadId) {
        this.uploads.delete(uploadId);
        rmSync(path, { force: true });
      }
      return report;
    });
    this.running.set(runId, entry);
    return { runId };
  }

  status(runId: string): ImportReport {
    const running = this.running.get(runId);
    if (running) return running.report;
    const row = this.db.prepare('SELECT * FROM import_runs WHERE id = ?').get(runId) as ImportRunRow | undefined;
    if (!row) throw new ApiError('not-found', `there is no import ${runId}`);
    return this.reportFromRow(row);
  }

  /** The latest runs, newest first: running ones as they are now, finished ones from the store. */
  runs(limit: number): ImportReport[] {
    const rows = this.db.prepare('SELECT * FROM import_runs ORDER BY started_at DESC, rowid DESC LIMIT ?').all(limit) as ImportRunRow[];
    return rows.map((row) => this.running.get(row.id)?.report ?? this.reportFromRow(row));
  }

  private reportFromRow(row: ImportRunRow): ImportReport {
    const problems = this.db.prepare('SELECT line, reason FROM import_problems WHERE run_id = ? ORDER BY line LIMIT 200').all(row.id) as ImportReport['problems'];
    // Each skipped row has one problem and each cell left out one: the cells are the problems beyond the rows.
    const allProblems = this.db.prepare('SELECT COUNT(*) FROM import_problems WHERE run_id = ?').pluck().get(row.id) as number;
    const elapsed = (row.finished_at ?? this.now()) - row.started_at;
    return {
      runId: row.id,
      kind: row.kind,
      file: row.file,
      status: row.status,
      rowsRead: row.rows_read,
      inserted: row.inserted,
      updated: row.updated,
      unchanged: row.unchanged,
      skipped: row.skipped,
      encoding: null,
      delimiter: null,
      cellsSkipped: allProblems - row.skipped,
      problems,
      bytesRead: 0,
      totalBytes: 0,
      rowsPerSecond: Math.round(row.rows_read / Math.max(0.001, elapsed / 1000)),
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      error: row.error,
    };
  }

  async cancel(runId: string): Promise<ImportReport> {
    const running = this.running.get(runId);
    if (!running) return this.status(runId);
    running.controller.abort();
    return running.done;
  }

  /** Waits for an import to finish (tests, the CLI). */
  finished(runId: string): Promise<ImportReport> {
    return this.running.get(runId)?.done ?? Promise.resolve(this.status(runId));
  }

  reportCsv(runId: string) {
    const { file } = this.status(runId);
    return { fileName: `import-report-${file.replace(/[^A-Za-z0-9._-]+/g, '_')}.csv`, csv: reportCsv(this.db, runId) };
  }
}
