import type { ImportReport } from '../../../shared/api/calls/contacts.ts';
import type { ImportKind } from '../../../shared/contacts/importMapping.ts';
import { randomUUID } from 'node:crypto';

/** A new run's id, as import_runs, the report CSV and the app's polling name it. */
export const newRunId = (): string => `imp_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

/** The report of a run that has read nothing yet. */
export function startingReport(runId: string, kind: ImportKind, file: string, startedAt: number): ImportReport {
  return { runId, kind, file, status: 'running', rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, skipped: 0, encoding: null, delimiter: null, cellsSkipped: 0, problems: [], bytesRead: 0, totalBytes: 0, rowsPerSecond: 0, startedAt, finishedAt: null, error: null };
}
