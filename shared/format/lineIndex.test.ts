import { describe, expect, it } from 'vitest';
import { LineIndex, lineColumn } from './lineIndex.ts';

/** Counting from the start, as the callers did before the index. */
function counted(text: string, offset: number) {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

describe('line and column of an offset', () => {
  it('agrees with counting from the start, at every offset of texts with blank lines, \\r\\n and no final newline', () => {
    for (const text of ['', 'a', '\n', 'ab\ncd', '\n\nx\n', 'one\r\ntwo\r\n\r\nthree', 'é€😀\nß']) {
      const index = new LineIndex(text);
      for (let offset = 0; offset <= text.length + 2; offset++) expect(index.at(offset), `${JSON.stringify(text)} at ${offset}`).toEqual(counted(text, offset));
    }
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });

  it('answers for many offsets of a large text at once', () => {
    const text = 'x'.repeat(40).concat('\n').repeat(50_000);
    const index = new LineIndex(text);
    for (let offset = 0; offset < text.length; offset += 997) expect(index.at(offset)).toEqual({ line: Math.floor(offset / 41) + 1, column: (offset % 41) + 1 });
  });
});
