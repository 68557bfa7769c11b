import type { ColumnMapping, ImportKind } from '../../../shared/contacts/importMapping.ts';
import { contactValues } from '../contacts/contactWriter.ts';
import { RowProblem } from './convert.ts';
import { contactFromRow } from './rowMapping.ts';
import type { SourceRow } from './sourceFile.ts';

/**
 * A row of the file made ready for the store: what the writer for its kind takes (`prepared`), or why it
 * cannot be imported. Everything here is pure, so it runs on the import's reading thread (importWorker.ts) and
 * the thread that writes the store only writes.
 */
export type PreparedRow = { line: number; prepared: unknown } | { line: number; problem: string };

/**
 * What each kind does before the store. Contacts are mapped, checked and put in the writer's form here (most
 * of the work a contact row takes besides its insert). Events and suppressions go as read: an event needs the
 * store to find its contact, and a suppression is one address.
 */
function preparerFor(kind: ImportKind, mapping: readonly ColumnMapping[]): (values: Record<string, unknown>) => unknown {
  if (kind === 'contacts') return (values) => contactValues(contactFromRow(values, mapping));
  return (values) => values;
}

/** The rows of a batch read from the file, prepared for the writer; a row whose values cannot be used carries its problem. */
export function rowPreparer(kind: ImportKind, mapping: readonly ColumnMapping[]): (rows: readonly SourceRow[]) => PreparedRow[] {
  const prepare = preparerFor(kind, mapping);
  return (rows) =>
    rows.map((row) => {
      if ('problem' in row) return row;
      try {
        return { line: row.line, prepared: prepare(row.values) };
      } catch (error) {
        if (error instanceof RowProblem) return { line: row.line, problem: error.message };
        throw error;
      }
    });
}
