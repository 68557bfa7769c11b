import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import type { ImportFormat } from '../../../shared/contacts/importMapping.ts';
import { MAX_FIELD_CHARS } from './convert.ts';

/** The whole file cannot be imported (missing, empty, no header, a required column missing). */
export class ImportFileError extends Error {}

export interface FileShape {
  format: ImportFormat;
  /** CSV only: the delimiter found in the header line. */
  delimiter: string | null;
  size: number;
}

/** One row of the file: its values by column, or why it cannot be read. Lines count from 1 (the header). */
export type SourceRow = { line: number; values: Record<string, unknown> } | { line: number; problem: string };

const delimiters = [',', ';', '\t', '|'];
const REPLACEMENT = '\uFFFD';

/** Format from the extension (or the first character), delimiter from the header line. */
export async function inspectFile(path: string): Promise<FileShape> {
  let size: number;
  let head: string;
  try {
    size = (await stat(path)).size;
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(size, 64 * 1024));
      await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.toString('utf8').replace(/^\uFEFF/, '');
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new ImportFileError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!head.trim()) throw new ImportFileError(`${path} is empty`);
  const extension = extname(path).toLowerCase();
  const format: ImportFormat =
    extension === '.jsonl' || extension === '.ndjson' || extension === '.json' || (extension !== '.csv' && head.trimStart().startsWith('{')) ? 'jsonl' : 'csv';
  if (format === 'jsonl') return { format, delimiter: null, size };
  const header = head.split(/\r\n|\n|\r/, 1)[0];
  const counts = delimiters.map((d) => header.split(d).length - 1);
  const best = counts.indexOf(Math.max(...counts));
  return { format, delimiter: delimiters[best], size };
}

/** Every row of the file, streamed; `onBytes` hears how far into the file the reader is. */
export function readRows(
  path: string,
  shape: FileShape,
  listeners: { onBytes?: (bytes: number) => void; onColumns?: (columns: string[]) => void } = {},
): AsyncGenerator<SourceRow> {
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  let bytes = 0;
  stream.on('data', (chunk) => listeners.onBytes?.((bytes += chunk.length)));
  return shape.format === 'csv' ? csvRows(stream, shape.delimiter ?? ',', listeners.onColumns) : jsonlRows(stream);
}

async function* csvRows(stream: NodeJS.ReadableStream, delimiter: string, onColumns?: (columns: string[]) => void): AsyncGenerator<SourceRow> {
  const skipped: SourceRow[] = [];
  const parser = parse({
    bom: true,
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    skip_empty_lines: true,
    skip_records_with_error: true,
    encoding: 'utf8',
  });
  parser.on('skip', (error: Error & { lines?: number }) => skipped.push({ line: error.lines ?? 0, problem: `unreadable CSV: ${error.message}` }));
  stream.pipe(parser);
  let columns: string[] | undefined;
  let previousEnd = 0;
  let previousEmpty = 0;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; empty_lines: number } }>) {
    yield* skipped.splice(0);
    // Where the record started: after the previous one and any empty lines (a quoted field may span lines).
    const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    if (!columns) {
      columns = uniqueColumns(record);
      onColumns?.(columns);
      continue;
    }
    if (record.length > columns.length) {
      yield { line, problem: `${record.length} fields where the header has ${columns.length} (a wrong delimiter or an unquoted "${delimiter}"?)` };
      continue;
    }
    const problem = fieldProblem(record, columns);
    if (problem) {
      yield { line, problem };
      continue;
    }
    const values: Record<string, unknown> = {};
    columns.forEach((column, i) => (values[column] = record[i] ?? ''));
    yield { line, values };
  }
  yield* skipped.splice(0);
  if (!columns) throw new ImportFileError('the file has no header row');
}

function fieldProblem(record: readonly string[], columns: readonly string[]): string | undefined {
  for (let i = 0; i < record.length; i++) {
    if (record[i].length > MAX_FIELD_CHARS) return `${columns[i]} is longer than ${MAX_FIELD_CHARS / 1024} KB (a missing closing quote?)`;
    if (record[i].includes(REPLACEMENT)) return `invalid UTF-8 in ${columns[i]} (save the file as UTF-8)`;
  }
  return undefined;
}

/** Header names, trimmed; blanks and repeats get a position so every column has a distinct name. */
function uniqueColumns(header: readonly string[]): string[] {
  const seen = new Set<string>();
  return header.map((raw, i) => {
    let name = raw.trim() || `column ${i + 1}`;
    if (seen.has(name)) name = `${name} (${i + 1})`;
    seen.add(name);
    return name;
  });
}

async function* jsonlRows(stream: NodeJS.ReadableStream): AsyncGenerator<SourceRow> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  for await (const raw of lines) {
    line++;
    const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (!text.trim()) continue;
    if (text.includes(REPLACEMENT)) {
      yield { line, problem: 'invalid UTF-8 (save the file as UTF-8)' };
      continue;
    }
    if (text.length > 16 * MAX_FIELD_CHARS) {
      yield { line, problem: `the line is longer than ${(16 * MAX_FIELD_CHARS) / 1024} KB` };
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line, problem: `not valid JSON: ${(error as Error).message}` };
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      yield { line, problem: 'each line must be a JSON object' };
      continue;
    }
    const long = Object.entries(value).find(([, v]) => typeof v === 'string' && v.length > MAX_FIELD_CHARS);
    if (long) {
      yield { line, problem: `${long[0]} is longer than ${MAX_FIELD_CHARS / 1024} KB` };
      continue;
    }
    yield { line, values: value as Record<string, unknown> };
  }
}

/** The first rows and the columns they have (CSV: the header; JSON Lines: every key seen). */
export async function previewRows(path: string, shape: FileShape, count = 20): Promise<{ columns: string[]; rows: Array<Record<string, unknown>> }> {
  const rows: Array<Record<string, unknown>> = [];
  const columns = new Set<string>();
  const reader = readRows(path, shape, { onColumns: (header) => header.forEach((c) => columns.add(c)) });
  try {
    for await (const row of reader) {
      if ('problem' in row) continue;
      rows.push(row.values);
      for (const key of Object.keys(row.values)) columns.add(key);
      if (rows.length >= count) break;
    }
  } finally {
    await reader.return(undefined);
  }
  return { columns: [...columns], rows };
}
