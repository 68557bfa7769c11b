import type { ImportReport } from '../../../shared/api/calls/contacts.ts';
import type { ImportKind } from '../../../shared/contacts/importMapping.ts';

/** The report of a run that has read nothing yet. */
export function startingReport(runId: string, kind: ImportKind, file: string, startedAt: number): ImportReport {
  return { runId, kind, file, status: 'running', rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, skipped: 0, problems: [], bytesRead: 0, totalBytes: 0, rowsPerSecond: 0, startedAt, finishedAt: null, error: null };
}
