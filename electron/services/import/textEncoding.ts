import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import type { FileEncoding } from '../../../shared/contacts/importMapping.ts';

/** The encoding a byte order mark names, and the mark's length; undefined without one. */
export function byteOrderMark(head: Uint8Array): { encoding: FileEncoding; length: number } | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * A file's text encoding: the one its byte order mark names; else UTF-8 when the whole file is valid UTF-8;
 * else windows-1252 (Excel's "CSV" in much of Europe, and Latin-1), unless the file has more valid UTF-8
 * characters than invalid bytes: a UTF-8 export with a few broken bytes is read as UTF-8 and those rows
 * reported, where windows-1252 would silently turn every é of it into Ã©. UTF-16 without a mark is not
 * guessed. The whole file is read, since an export's first accented letter can be anywhere in it; checking
 * UTF-8 runs at memory speed (153 MB in about 0.1 s), and the slower count only runs on a file that fails it.
 */
export async function detectEncoding(path: string, head: Uint8Array): Promise<FileEncoding> {
  const marked = byteOrderMark(head);
  if (marked) return marked.encoding;
  if (await allUtf8(path)) return 'utf-8';
  const { valid, invalid } = await countUtf8(path);
  return valid > invalid ? 'utf-8' : 'windows-1252';
}

const CHUNK = 1024 * 1024;

/** Whether the file is valid UTF-8 from end to end (a character cut by a chunk's end is carried to the next). */
async function allUtf8(path: string): Promise<boolean> {
  let carried: Buffer | undefined;
  for await (const read of createReadStream(path, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    const chunk = carried ? Buffer.concat([carried, read]) : read;
    const end = completeEnd(chunk);
    if (!isUtf8(chunk.subarray(0, end))) return false;
    carried = end < chunk.length ? Buffer.from(chunk.subarray(end)) : undefined;
  }
  return carried === undefined;
}

/**
 * Where the last whole character of a chunk ends: before a lead byte whose continuation bytes the chunk
 * does not hold all of.
 */
function completeEnd(chunk: Uint8Array): number {
  const n = chunk.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const byte = chunk[n - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? n - back : n;
  }
  return n;
}

/** Valid multi-byte UTF-8 characters and bytes that are not part of any, over the whole file. */
async function countUtf8(path: string): Promise<{ valid: number; invalid: number }> {
  let valid = 0;
  let invalid = 0;
  let need = 0; // continuation bytes the current character still needs
  let length = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (need > 0) {
        if ((byte & 0xc0) === 0x80) {
          if (--need === 0) valid++;
          continue;
        }
        invalid += length - need; // a character cut short: its bytes so far are invalid
        need = 0;
      }
      if (byte < 0x80) continue;
      length = byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
      if (length === 0) invalid++;
      else need = length - 1;
    }
  }
  if (need > 0) invalid += length - need;
  return { valid, invalid };
}
