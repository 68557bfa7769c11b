/**
 * Line and column (both from 1) of character offsets in one text. The lines' starts are found once, then each offset
 * by a binary search over them: reporting every variable or finding of a large template by counting lines from the
 * start each time took minutes (the count is linear in the offset, so the whole report grew with the square).
 */
export class LineIndex {
  private readonly text: string;
  /** Offsets where lines 2, 3, … start (line 1 starts at 0); built on the first look. */
  private starts: Int32Array | undefined;

  constructor(text: string) {
    this.text = text;
  }

  /** Where `offset` is: past the end counts as the end. A line ends at '\n'; '\r' is a character of its line. */
  at(offset: number): { line: number; column: number } {
    const starts = (this.starts ??= lineStarts(this.text));
    const at = Math.max(0, Math.min(offset, this.text.length));
    // the number of line starts at or before `at`
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (starts[middle] <= at) low = middle + 1;
      else high = middle;
    }
    return { line: low + 1, column: offset - (low ? starts[low - 1] : 0) + 1 };
  }
}

function lineStarts(text: string): Int32Array {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Int32Array(count);
  let k = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
  return starts;
}

/** Line and column of one offset (for several in the same text, keep a LineIndex). */
export const lineColumn = (text: string, offset: number) => new LineIndex(text).at(offset);
