import { describe, expect, it } from 'vitest';
import { detectDelimiter } from './csvDelimiter.ts';

describe('finding the delimiter of a CSV file', () => {
  it('takes the delimiter under which the lines have as many fields as the header', () => {
    expect(detectDelimiter('email,name\na@example.com,Ann\n', true)).toBe(',');
    expect(detectDelimiter('email;amount\na@example.com;12,50\nb@example.com;3,20\n', true)).toBe(';');
    expect(detectDelimiter('email\tname\na@example.com\tAnn, Jr\n', true)).toBe('\t');
    expect(detectDelimiter('email|name\na@example.com|Ann\n', true)).toBe('|');
  });

  it('is not misled by a header with more commas than delimiters, quoted or not', () => {
    expect(detectDelimiter('email;"Name (last, first, middle)"\na@example.com;Lopez Ana\nb@example.com;Silva Bo\n', true)).toBe(';');
    expect(detectDelimiter('email;Name, first, middle\na@example.com;Lopez Ana\n', true)).toBe(';');
  });

  it('reads quoted fields as a CSV reader does: a delimiter inside quotes does not count', () => {
    expect(detectDelimiter('email,note\na@example.com,"x;y;z"\nb@example.com,"p;q"\n', true)).toBe(',');
  });

  it('says comma for a single column, and ignores the last line a cut head leaves incomplete', () => {
    expect(detectDelimiter('email\na@example.com\n', true)).toBe(',');
    expect(detectDelimiter('email;name\na@example.com;Ann\nb@example.com;Bo,', false)).toBe(';');
    // A header alone still tells.
    expect(detectDelimiter('email;name\n', true)).toBe(';');
  });
});
