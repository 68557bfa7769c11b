import { describe, expect, it } from 'vitest';
import { ColumnTypes } from './columnTypes.ts';

const typeOf = (values: unknown[], complete = true) => {
  const types = new ColumnTypes(['c']);
  for (const value of values) types.add({ c: value });
  return types.typeOf('c', complete);
};

describe('typing a column from its values', () => {
  it('calls a column numbers only when every value reads back as written', () => {
    expect(typeOf(['1', '-2', '3.25', '0', '', '0.5'])).toBe('number');
    for (const odd of ['01234', '007', '1e5', '+33612345678', '1.50', '12345678901234567890', ' 12', '1,5', '-0', 'Infinity']) {
      expect(typeOf(['1', '2', odd]), odd).toBe('text');
    }
    // JSON Lines values are numbers already.
    expect(typeOf([1, 2.5, '3'])).toBe('number');
  });

  it('calls a column true/false, dates or lists only when every value is one', () => {
    expect(typeOf(['true', 'FALSE', 'True'])).toBe('boolean');
    expect(typeOf(['true', 'yes'])).toBe('text');
    expect(typeOf(['2025-03-01', '2024-02-29', '2025-03-01T08:00:00.000Z'])).toBe('date');
    // A day the calendar lacks, a time in another zone (reading it would rewrite it in UTC), a local time.
    for (const odd of ['2025-02-30', '2025-03-01T10:00:00+02:00', '2025-03-01 10:00']) expect(typeOf(['2025-03-01', odd]), odd).toBe('text');
    expect(typeOf(['["a","b"]', '[]', ['c']])).toBe('list');
    expect(typeOf(['["a"]', '[not json]'])).toBe('text');
  });

  it('calls an empty column text, and a column of dates text until every row has been read', () => {
    expect(typeOf(['', null, undefined])).toBe('text');
    expect(typeOf(['2025-03-01'], false)).toBe('text');
  });

  it('says whether more rows could change a type: numbers, true/false and lists always, dates when asked', () => {
    const types = new ColumnTypes(['n', 'd', 't']);
    types.add({ n: '', d: '2025-03-01', t: 'x' });
    expect(types.undecided(false)).toBe(true); // n has no value yet
    types.add({ n: '7' });
    expect(types.undecided(false)).toBe(true);
    types.add({ n: '07' });
    expect(types.undecided(false)).toBe(false);
    expect(types.undecided(true)).toBe(true);
    expect([types.typeOf('n', false), types.typeOf('d', true), types.typeOf('t', true), types.typeOf('other', true)]).toEqual(['text', 'date', 'text', 'text']);
  });
});
