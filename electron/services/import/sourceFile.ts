import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { fileEncodingNames, type CsvDelimiter, type FileEncoding, type ImportFormat, type ReadingChoices } from '../../../shared/contacts/importMapping.ts';
import { MAX_FIELD_CHARS } from './convert.ts';
import { excessDepthOffset, MAX_JSON_DEPTH } from '../../../shared/limits.ts';
import { CsvTokenizer, type CsvRecord } from './csvTokenizer.ts';
import { detectDelimiter } from './csvDelimiter.ts';
import { byteOrderMark, detectEncoding } from './textEncoding.ts';

/** The whole file cannot be imported (missing, empty, no header, a required column missing). */
export class ImportFileError extends Error {}

export interface FileShape {
  format: ImportFormat;
  /** How the file's bytes are read as text: found in the file, or the user's choice. JSON Lines: always UTF-8. */
  encoding: FileEncoding;
  /** CSV only: the delimiter found in the first lines, or the user's choice. */
  delimiter: CsvDelimiter | null;
  size: number;
}

/** One row of the file: its values by column, or why it cannot be read. Lines count from 1 (the header). */
export type SourceRow = { line: number; values: Record<string, unknown> } | { line: number; problem: string };

const REPLACEMENT = '\uFFFD';
/** Bytes read to tell the format and find the delimiter. */
const HEAD_BYTES = 64 * 1024;

/**
 * Format from the extension (or the first character); for CSV, the encoding (textEncoding.ts) and the
 * delimiter (csvDelimiter.ts) unless chosen.
 */
export async function inspectFile(path: string, choices: ReadingChoices = {}): Promise<FileShape> {
  let size: number;
  let bytes: Buffer;
  try {
    size = (await stat(path)).size;
    const handle = await open(path, 'r');
    try {
      bytes = Buffer.alloc(Math.min(size, HEAD_BYTES));
      await handle.read(bytes, 0, bytes.length, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new ImportFileError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  // The format is told from the text, which a UTF-16 file only shows once decoded.
  const headEncoding = choices.encoding ?? byteOrderMark(bytes)?.encoding ?? 'utf-8';
  const head = new TextDecoder(headEncoding).decode(bytes);
  if (!head.trim()) throw new ImportFileError(`${path} is empty`);
  const extension = extname(path).toLowerCase();
  const format: ImportFormat =
    extension === '.jsonl' || extension === '.ndjson' || extension === '.json' || (extension !== '.csv' && head.trimStart().startsWith('{')) ? 'jsonl' : 'csv';
  if (format === 'jsonl') {
    if (choices.encoding && choices.encoding !== 'utf-8') throw new ImportFileError(`a JSON Lines file is UTF-8, not ${choices.encoding}`);
    if (choices.delimiter) throw new ImportFileError('a JSON Lines file has no delimiter to choose');
    return { format, encoding: 'utf-8', delimiter: null, size };
  }
  const encoding = choices.encoding ?? (await detectEncoding(path, bytes));
  const text = encoding === headEncoding ? head : new TextDecoder(encoding).decode(bytes);
  return { format, encoding, delimiter: choices.delimiter ?? detectDelimiter(text, size <= HEAD_BYTES), size };
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
  return shape.format === 'csv' ? csvRows(stream, shape, listeners.onColumns, listeners.plainList) : jsonlRows(stream);
}

async function* csvRows(stream: NodeJS.ReadableStream, shape: FileShape, onColumns?: (columns: string[]) => void, plainList = false): AsyncGenerator<SourceRow[]> {
  const delimiter = shape.delimiter ?? ',';
  const tokenizer = new CsvTokenizer(delimiter);
  // Decoded with replacement characters, so that bytes the encoding has no character for are found (and
  // reported) field by field. (TextDecoder rather than StringDecoder: it knows windows-1252, and decoded the
  // benchmark's UTF-8 no slower.)
  const decoder = new TextDecoder(shape.encoding);
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
      const problem = fieldProblem(fields, columns, invalidTextSeen && shape.encoding);
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
  let invalidTextSeen = false;
  const push = (text: string) => {
    invalidTextSeen ||= text.includes(REPLACEMENT);
    tokenizer.push(text, records);
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    push(decoder.decode(chunk, { stream: true }));
    if (records.length) yield rows();
  }
  push(decoder.decode());
  tokenizer.end(records);
  if (records.length) yield rows();
  if (!columns) throw new ImportFileError('the file has no header row');
}

/** `invalidText`: the file's encoding once the decoder has met bytes it has no character for, else false. */
function fieldProblem(record: readonly string[], columns: readonly string[], invalidText: FileEncoding | false): string | undefined {
  for (let i = 0; i < record.length; i++) {
    if (record[i].length > MAX_FIELD_CHARS) return `${columns[i]} is longer than ${MAX_FIELD_CHARS / 1024} KB (a missing closing quote?)`;
    if (invalidText && record[i].includes(REPLACEMENT)) return `invalid ${fileEncodingNames[invalidText]} in ${columns[i]} (choose the file's encoding, or save it as UTF-8)`;
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
