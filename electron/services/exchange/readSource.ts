import { readFileSync, statSync } from 'node:fs';
import type { FileProblem } from '../../../shared/format/jsonText.ts';
import { megabytes } from '../../../shared/limits.ts';

/** A file to read: a path (the CLI's argument, or a picked file's once its token is resolved), or its text. */
export type ReadableSource = { path: string } | { text: string; fileName?: string };

/**
 * The text of a file to import, from a path or as given. A file far bigger than the format allows is
 * refused from its size alone, without reading it into memory.
 */
export function readSource(
  source: ReadableSource,
  maxBytes: number,
): { ok: true; text: string } | { ok: false; problem: FileProblem; /** The file could not be read at all (missing, a folder, no permission). */ unreadable: boolean } {
  if ('text' in source) return { ok: true, text: source.text };
  try {
    const { size } = statSync(source.path);
    if (size > maxBytes) {
      return { ok: false, unreadable: false, problem: { path: '', message: `the file is ${(size / 1024 / 1024).toFixed(1)} MB, more than the ${megabytes(maxBytes)} this kind of file may be` } };
    }
    return { ok: true, text: readFileSync(source.path, 'utf8') };
  } catch (error) {
    return { ok: false, unreadable: true, problem: { path: '', message: `cannot read ${source.path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` } };
  }
}
