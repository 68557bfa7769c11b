import { describe, expect, it } from 'vitest';
import { convertValue, RowProblem, toTags, toTimestamp } from './convert.ts';

describe('reading dates', () => {
  it('keeps a calendar day as written and reads times with their offsets', () => {
    expect(convertValue('2024-02-29', 'date', 'joined')).toBe('2024-02-29');
    expect(convertValue(' 2025-03-01 ', 'date', 'joined')).toBe('2025-03-01');
    expect(convertValue('2025-03-01T10:00:00+02:00', 'date', 'joined')).toBe('2025-03-01T08:00:00.000Z');
    expect(toTimestamp('2025-03-01', 'at')).toBe(Date.UTC(2025, 2, 1));
    expect(toTimestamp('1740787200', 'at')).toBe(1740787200000);
  });

  it('reports a day the calendar does not have instead of rolling it into the next month', () => {
    for (const day of ['2025-02-29', '2025-02-30', '2025-04-31', '2025-13-01', '2025-00-10', '1900-02-29']) {
      expect(() => convertValue(day, 'date', 'joined')).toThrow(new RowProblem(`unparseable date in joined: "${day}"`));
    }
    expect(() => toTimestamp('2025-02-30T10:00:00Z', 'timestamp')).toThrow(RowProblem);
    expect(convertValue('2000-02-29', 'date', 'joined')).toBe('2000-02-29');
  });
});

describe('reading tags', () => {
  it('trims tags and reports one that is not a tag name, with its column', () => {
    expect(toTags([' vip ', 'new'], 'Tags')).toEqual(['vip', 'new']);
    expect(() => toTags(['ok', 'x'.repeat(101)], 'Tags')).toThrow('Tags: a tag is at most 100 characters');
    expect(() => toTags(['a\tb'], 'Tags')).toThrow('Tags: a tag cannot contain control characters (tabs, line breaks)');
    // The same bad tag again is still reported (its check is remembered, not skipped).
    expect(() => toTags(['a\tb'], 'Labels')).toThrow('Labels: a tag cannot contain control characters');
  });
});
