import type { BadCells, ColumnMapping, ImportKind } from '../../../shared/contacts/importMapping.ts';
import { contactValues } from '../contacts/contactWriter.ts';
import { canonicalJson } from '../../../shared/util/canonicalJson.ts';
import { RowProblem } from './convert.ts';
import { storedValueProblem } from '../../../shared/limits.ts';
import { contactFromRow, eventFromRow, suppressionFromRow, type BadCell, type EventRow } from './rowMapping.ts';
import type { SourceRow } from './sourceFile.ts';

/**
 * A row of the file made ready for the store: what the writer for its kind takes (`prepared`) with the cells
 * left out of it and why (`leftOut`, when the import skips bad cells rather than rows), or why it cannot be
 * imported. Everything here is pure, so it runs on the import's reading thread (importWorker.ts) and
 * the thread that writes the store only writes.
 */
export type PreparedRow = { line: number; prepared: unknown; leftOut?: string[] } | { line: number; problem: string };

/** An event row with its properties as canonical JSON text, as the event writer stores and hashes them. */
export type PreparedEvent = Omit<EventRow, 'properties'> & { properties: string };

/**
 * What each kind does before the store: the row mapped and checked (contacts also put in the insert
 * statement's form). `now` is the import's start: an event dated more than a day after it is an error.
 */
function preparerFor(kind: ImportKind, mapping: readonly ColumnMapping[], now: number): (values: Record<string, unknown>, onBadCell: BadCell | undefined) => unknown {
  switch (kind) {
    case 'contacts':
      return (values, onBadCell) => {
        const contact = contactFromRow(values, mapping, onBadCell);
        for (const name in contact.attributes) {
          const problem = storedValueProblem(contact.attributes[name], `attribute "${name}"`);
          if (problem) throw new RowProblem(problem);
        }
        return contactValues(contact);
      };
    case 'events':
      return (values, onBadCell): PreparedEvent => {
        const event = eventFromRow(values, mapping, now, onBadCell);
        // Checked before canonicalJson, which walks the value recursively.
        const problem = storedValueProblem(event.properties, 'the properties');
        if (problem) throw new RowProblem(problem);
        return { ...event, properties: canonicalJson(event.properties) };
      };
    case 'suppressions':
      return (values) => suppressionFromRow(values, mapping);
  }
}

/**
 * The rows of a batch read from the file, prepared for the writer; a row whose values cannot be used carries its
 * problem, and with `badCells: 'skip-cell'`, a row with cells that cannot be read is prepared without them.
 */
export function rowPreparer(kind: ImportKind, mapping: readonly ColumnMapping[], now: number, badCells: BadCells = 'skip-row'): (rows: readonly SourceRow[]) => PreparedRow[] {
  const prepare = preparerFor(kind, mapping, now);
  let leftOut: string[] | undefined;
  const onBadCell = badCells === 'skip-cell' ? (reason: string) => (leftOut ??= []).push(reason) : undefined;
  return (rows) =>
    rows.map((row) => {
      if ('problem' in row) return row;
      leftOut = undefined;
      try {
        const prepared = prepare(row.values, onBadCell);
        return leftOut ? { line: row.line, prepared, leftOut } : { line: row.line, prepared };
      } catch (error) {
        if (error instanceof RowProblem) return { line: row.line, problem: error.message };
        throw error;
      }
    });
}
