import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { CsvTokenizer, type CsvRecord } from './csvTokenizer.ts';

/** Feeds `text` in the given chunk sizes (cycled) and returns every record. */
function read(text: string, chunkSizes: readonly number[] = [text.length || 1], delimiter = ','): CsvRecord[] {
  const tokenizer = new CsvTokenizer(delimiter);
  const out: CsvRecord[] = [];
  for (let at = 0, k = 0; at < text.length; k++) {
    const size = Math.max(1, chunkSizes[k % chunkSizes.length]);
    tokenizer.push(text.slice(at, at + size), out);
    at += size;
  }
  tokenizer.end(out);
  return out;
}

const field = fc.oneof(
  fc.constantFrom('', 'a', 'Ana', '12.5', 'x y'),
  fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é') , maxLength: 6 }),
);
const lineBreak = fc.constantFrom('\n', '\r\n', '\r');
const quote = (value: string, always: boolean) => (always || /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

describe('CsvTokenizer', () => {
  it('reads quoted fields, doubled quotes, quoted line breaks and mixed line endings, with the line each record starts on', () => {
    const text = '\uFEFFa,b\r\n"x, y","say ""hi"""\n"two\r\nlines",z\r\rlast,"" ';
    expect(read(text)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['two\r\nlines', 'z'] },
      // line 5 is empty
      { line: 6, problem: 'unreadable CSV: text after a closing quote on line 6 (quote the whole field and double the quotes inside it)' },
    ]);
  });

  it('keeps a quote inside an unquoted field, empty fields and a last line without a line break', () => {
    expect(read('a,5" screen,,\nb')).toEqual([
      { line: 1, fields: ['a', '5" screen', '', ''] },
      { line: 2, fields: ['b'] },
    ]);
  });

  it('reports a quote that is never closed, at the line where the record starts', () => {
    expect(read('a\n"open\nmore\n')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, problem: 'unreadable CSV: the quote opened on line 2 is never closed' },
    ]);
  });

  it('reads any well-formed file as csv-parse does, however the file is cut into chunks', () => {
    const file = fc.record({
      rows: fc.array(fc.array(fc.tuple(field, fc.boolean()), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
      breaks: fc.array(lineBreak, { minLength: 6, maxLength: 6 }),
      chunks: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }),
    });
    fc.assert(
      fc.property(file, ({ rows, breaks, chunks }) => {
        // A record of one empty unquoted field is an empty line, which both skip: quote it.
        const text = rows.map((row, i) => row.map(([value, always]) => quote(value, always || row.length === 1)).join(',') + breaks[i]).join('');
        const expected = parse(text, { relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'], skip_empty_lines: true, info: true }) as unknown as Array<{ record: string[] }>;
        const records = read(text, chunks);
        expect(records.map((r) => ('fields' in r ? r.fields : r.problem))).toEqual(expected.map((e) => e.record));
        expect(records).toEqual(read(text));
      }),
      { numRuns: 500 },
    );
  });
});
