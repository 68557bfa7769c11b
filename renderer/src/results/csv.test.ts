import { describe, expect, it } from 'vitest';
import { csvFileName, toCsv } from './csv.ts';

describe('CSV export', () => {
  it('writes RFC 4180 rows: quotes, commas and line breaks survive', () => {
    expect(toCsv({ header: ['Step', 'Sent', 'Open rate %'], rows: [['Day 1, welcome', 120, 41.5], ['He said "hi"', 0, null], ['Two\nlines', 3, 0]] })).toBe(
      'Step,Sent,Open rate %\r\n"Day 1, welcome",120,41.5\r\n"He said ""hi""",0,\r\nTwo\nlines,3,0\r\n'.replace('Two\nlines', '"Two\nlines"'),
    );
  });

  it('keeps a spreadsheet from running a contact-supplied formula, but leaves negative numbers alone', () => {
    expect(toCsv({ header: ['Segment', 'Lift'], rows: [['=HYPERLINK("x")', -2], ['@SUM(A1)', 1]] })).toBe(
      'Segment,Lift\r\n"\'=HYPERLINK(""x"")",-2\r\n\'@SUM(A1),1\r\n',
    );
  });

  it('names files after what they hold', () => {
    expect(csvFileName('21-day trial nurture', 'steps')).toBe('21-day trial nurture - steps.csv');
    expect(csvFileName('A/B: test', 'x')).toBe('A B  test - x.csv');
  });
});
