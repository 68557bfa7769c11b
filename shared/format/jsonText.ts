import { lineColumn } from './lineIndex.ts';
import { excessDepthOffset, MAX_JSON_DEPTH } from '../limits.ts';

/** A problem in a file, located by JSON path ('nodes[3].config.duration') or, for bad JSON, by line and column. */
export interface FileProblem {
  path: string;
  message: string;
}

export const describeFileProblem = (p: FileProblem) => (p.path ? `${p.path}: ${p.message}` : p.message);

export type JsonResult = { ok: true; value: unknown } | { ok: false; problem: FileProblem };

/**
 * Where V8 did not say: the first place outside a string holding the character it complained about, or
 * else any character that cannot be part of JSON. Good enough to point a person at the spot.
 */
function firstStrayCharacter(text: string, token: string | undefined): number | null {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (token ? c === token : !/[\s{}[\],:0-9eE+.\-truefalsn]/.test(c)) return i;
  }
  return null;
}

/**
 * JSON.parse that says where the text is broken, in words a person can act on. Text nested deeper than
 * `maxDepth` is refused before it is parsed (shared/limits.ts).
 */
export function parseJsonText(text: string, maxDepth = MAX_JSON_DEPTH): JsonResult {
  const tooDeep = excessDepthOffset(text, maxDepth);
  if (tooDeep !== null) {
    const { line, column } = lineColumn(text, tooDeep);
    return { ok: false, problem: { path: '', message: `line ${line}, column ${column}: nested deeper than ${maxDepth} levels, the most a file may nest` } };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(raw);
    const ending = /end of JSON input|Unterminated string/i.test(raw) || (position !== null && Number(position[1]) >= text.trimEnd().length);
    const offset = position ? Number(position[1]) : ending ? text.length : firstStrayCharacter(text, /Unexpected token '(.)'/.exec(raw)?.[1]);
    const where = offset === null ? '' : (({ line, column }) => `line ${line}, column ${column}: `)(lineColumn(text, offset));
    const what = raw.replace(/\s*in JSON at position \d+.*$/s, '').replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '');
    const message = ending ? `${where}the file ends too early (is it truncated?)` : `${where}not valid JSON (${what})`;
    return { ok: false, problem: { path: '', message } };
  }
}
