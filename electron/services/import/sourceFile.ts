import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { StringDecoder } from 'node:string_decoder';
import type { ImportFormat } from '../../../shared/contacts/importMapping.ts';
import { MAX_FIELD_CHARS } from './convert.ts';
import { excessDepthOffset, MAX_JSON_DEPTH } from '../../../shared/limits.ts';
import { CsvTokenizer, type CsvRecord } from './csvTokenizer.ts';

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

/**
 * The rows of the file, streamed, a piece's worth at a time (an array per 64 KB read: handing rows over one by
 * one through an async generator cost more than reading them); `onBytes` hears how far into the file the reader is.
 * A piece's rows are all alive until the piece is handed on: pieces of 1 MB outlived V8's young generation, and
 * collecting them took a third of an import's reading thread (1M contacts read in 20 s; in 11 s with 64 KB).
 */
export function readRowBatches(
  path: string,
  shape: FileShape,
  listeners: {
    onBytes?: (bytes: number) => void;
    onColumns?: (columns: string[]) => void;
    /** A file whose first line is one address and no header is a plain list: its one column is 'email'. */
    plainList?: boolean;
  } = {},
): AsyncGenerator<SourceRow[]> {
  const stream = createReadStream(path, { highWaterMark: 64 * 1024 });
  let bytes = 0;
  stream.on('data', (chunk) => listeners.onBytes?.((bytes += chunk.length)));
  return shape.format === 'csv' ? csvRows(stream, shape.delimiter ?? ',', listeners.onColumns, listeners.plainList) : jsonlRows(stream);
}

/** Every row of the file, one at a time (the preview). */
export async function* readRows(path: string, shape: FileShape, listeners: Parameters<typeof readRowBatches>[2] = {}): AsyncGenerator<SourceRow> {
  const batches = readRowBatches(path, shape, listeners);
  try {
    for await (const batch of batches) yield* batch;
  } finally {
    await batches.return(undefined);
  }
}

async function* csvRows(stream: NodeJS.ReadableStream, delimiter: string, onColumns?: (columns: string[]) => void, plainList = false): AsyncGenerator<SourceRow[]> {
  const tokenizer = new CsvTokenizer(delimiter);
  // Decoded with replacement characters, so that invalid UTF-8 is found (and reported) field by field.
  const decoder = new StringDecoder('utf8');
  let columns: string[] | undefined;
  const records: CsvRecord[] = [];
  const rows = (): SourceRow[] => {
    const out: SourceRow[] = [];
    for (const record of records) {
      if ('problem' in record) {
        out.push(record);
        continue;
      }
      const { line, fields } = record;
      if (!columns) {
        const headerless = plainList && fields.length === 1 && fields[0].includes('@');
        columns = headerless ? ['email'] : uniqueColumns(fields);
        onColumns?.(columns);
        if (!headerless) continue;
      }
      if (fields.length > columns.length) {
        out.push({ line, problem: `${fields.length} fields where the header has ${columns.length} (a wrong delimiter or an unquoted "${delimiter}"?)` });
        continue;
      }
      const problem = fieldProblem(fields, columns, invalidUtf8Seen);
      if (problem) {
        out.push({ line, problem });
        continue;
      }
      const values: Record<string, unknown> = {};
      for (let i = 0; i < columns.length; i++) values[columns[i]] = fields[i] ?? '';
      out.push({ line, values });
    }
    records.length = 0;
    return out;
  };
  // Fields are searched for replacement characters only once the decoder has made one (usually never).
  let invalidUtf8Seen = false;
  const push = (text: string) => {
    invalidUtf8Seen ||= text.includes(REPLACEMENT);
    tokenizer.push(text, records);
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    push(decoder.write(chunk));
    if (records.length) yield rows();
  }
  push(decoder.end());
  tokenizer.end(records);
  if (records.length) yield rows();
  if (!columns) throw new ImportFileError('the file has no header row');
}

function fieldProblem(record: readonly string[], columns: readonly string[], invalidUtf8Seen: boolean): string | undefined {
  for (let i = 0; i < record.length; i++) {
    if (record[i].length > MAX_FIELD_CHARS) return `${columns[i]} is longer than ${MAX_FIELD_CHARS / 1024} KB (a missing closing quote?)`;
    if (invalidUtf8Seen && record[i].includes(REPLACEMENT)) return `invalid UTF-8 in ${columns[i]} (save the file as UTF-8)`;
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

async function* jsonlRows(stream: NodeJS.ReadableStream): AsyncGenerator<SourceRow[]> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  let batch: SourceRow[] = [];
  for await (const raw of lines) {
    line++;
    const row = jsonlRow(line === 1 ? raw.replace(/^\uFEFF/, '') : raw, line);
    if (row) batch.push(row);
    if (batch.length >= 2000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

function jsonlRow(text: string, line: number): SourceRow | undefined {
  if (!text.trim()) return undefined;
  if (text.includes(REPLACEMENT)) return { line, problem: 'invalid UTF-8 (save the file as UTF-8)' };
  if (text.length > 16 * MAX_FIELD_CHARS) return { line, problem: `the line is longer than ${(16 * MAX_FIELD_CHARS) / 1024} KB` };
  // Before JSON.parse: the preview shows the row's values, and a value nested too deep cannot be sent to it.
  const tooDeep = excessDepthOffset(text, MAX_JSON_DEPTH);
  if (tooDeep !== null) return { line, problem: `nested deeper than ${MAX_JSON_DEPTH} levels (at column ${tooDeep + 1})` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { line, problem: `not valid JSON: ${(error as Error).message}` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { line, problem: 'each line must be a JSON object' };
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'string' && v.length > MAX_FIELD_CHARS) return { line, problem: `${key} is longer than ${MAX_FIELD_CHARS / 1024} KB` };
  }
  return { line, values: value as Record<string, unknown> };
}

/** The first rows and the columns they have (CSV: the header; JSON Lines: every key seen). */
export async function previewRows(path: string, shape: FileShape, count = 20, plainList = false): Promise<{ columns: string[]; rows: Array<Record<string, unknown>> }> {
  const rows: Array<Record<string, unknown>> = [];
  const columns = new Set<string>();
  const reader = readRows(path, shape, { onColumns: (header) => header.forEach((c) => columns.add(c)), plainList });
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
