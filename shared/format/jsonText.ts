/** A problem in a file, located by JSON path ('nodes[3].config.duration') or, for bad JSON, by line and column. */
export interface FileProblem {
  path: string;
  message: string;
}

export const describeFileProblem = (p: FileProblem) => (p.path ? `${p.path}: ${p.message}` : p.message);

export type JsonResult = { ok: true; value: unknown } | { ok: false; problem: FileProblem };

/** Line and column (both from 1) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** JSON.parse that says where the text is broken, in words a person can act on. */
export function parseJsonText(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(raw);
    const offset = position ? Number(position[1]) : text.length;
    const { line, column } = lineColumn(text, offset);
    const what = raw.replace(/\s*in JSON at position \d+.*$/, '').replace(/^SyntaxError:\s*/, '');
    const ending = /end of JSON input|Unterminated/i.test(raw) || offset >= text.length;
    const message = ending
      ? `line ${line}, column ${column}: the file ends too early (is it truncated?)`
      : `line ${line}, column ${column}: not valid JSON (${what})`;
    return { ok: false, problem: { path: '', message } };
  }
}
