import type { ColumnMapping, ImportKind } from '../../../shared/contacts/importMapping.ts';
import { ColumnTypes } from './columnTypes.ts';
import { guessMapping } from './guessMapping.ts';
import { readRowBatches, type FileShape } from './sourceFile.ts';

/** Rows kept for the preview. */
const SAMPLE_ROWS = 20;

export interface FileScan {
  /** CSV: the header; JSON Lines: every key of the first rows. */
  columns: string[];
  /** The first rows, for the preview. */
  rows: Array<Record<string, unknown>>;
  /** The mapping guessed from the column names and their values. */
  mapping: ColumnMapping[];
}

/**
 * A file's columns, first rows and guessed mapping. The columns that become custom attributes (or event
 * properties) are typed from every row of the file, not the first ones: a postal code column whose first
 * twenty rows are 75001… and whose next one is 01234 is text. The file is read past its first rows only while
 * some column could still be typed (ColumnTypes.undecided), and stops as soon as none can.
 *
 * `dates`: read on for a column of dates too (the preview, which shows the type). An import without a mapping
 * does not: a column of calendar days is stored as written whatever its type, and reading a million rows twice
 * just to call it a date would cost the import a tenth of its time.
 */
export async function scanFile(kind: ImportKind, path: string, shape: FileShape, options: { dates: boolean }): Promise<FileScan> {
  const columns = new Set<string>();
  const rows: Array<Record<string, unknown>> = [];
  // Batches as they are read, not one row per turn of an async generator: over a million rows, that turn was
  // half the scan's time.
  const reader = readRowBatches(path, shape, { onColumns: (header) => header.forEach((c) => columns.add(c)), plainList: kind === 'suppressions' });
  let types: ColumnTypes | undefined;
  let complete = true;
  try {
    scan: for await (const batch of reader) {
      for (const row of batch) {
        if ('problem' in row) continue;
        if (!types) {
          rows.push(row.values);
          for (const key of Object.keys(row.values)) columns.add(key);
          if (rows.length < SAMPLE_ROWS) continue;
          types = typesFromSample(kind, [...columns], rows);
        } else {
          types.add(row.values);
        }
        if (!types.undecided(options.dates)) {
          complete = false;
          break scan;
        }
      }
    }
  } finally {
    await reader.return(undefined);
  }
  types ??= typesFromSample(kind, [...columns], rows);
  return { columns: [...columns], rows, mapping: guessMapping(kind, [...columns], (column) => types.typeOf(column, complete)) };
}

/** The types of the columns that become attributes, as far as the first rows tell. */
function typesFromSample(kind: ImportKind, columns: string[], rows: ReadonlyArray<Record<string, unknown>>): ColumnTypes {
  const attributes = guessMapping(kind, columns, () => 'text').flatMap((m) => (m.target.kind === 'attribute' ? [m.source] : []));
  const types = new ColumnTypes(attributes);
  for (const row of rows) types.add(row);
  return types;
}
