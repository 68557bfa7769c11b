import { describe, expect, it } from 'vitest';
import { IdSet } from './idSet.ts';

describe('a set of contact ids', () => {
  it('holds ids up to the largest given, and any other id as well', () => {
    const ids = new IdSet(1000);
    expect(ids.has(7)).toBe(false);
    for (const id of [1, 7, 8, 1000, 1001, 2 ** 40]) ids.add(id);
    for (const id of [1, 7, 8, 1000, 1001, 2 ** 40]) expect(ids.has(id)).toBe(true);
    for (const id of [0, 2, 6, 9, 999, 1002]) expect(ids.has(id)).toBe(false);
  });
});
