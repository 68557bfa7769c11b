import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { excessDepthOffset, jsonValueProblem, MAX_VALUE_DEPTH, storedValueProblem } from './limits.ts';

/** Nesting as the limits count it, the plain recursive way (fine for the small values generated here). */
const depthOf = (value: unknown): number =>
  value === null || typeof value !== 'object' ? 0 : 1 + Math.max(0, ...Object.values(value as Record<string, unknown>).map(depthOf));

const nested = (levels: number, leaf: unknown = 1) => {
  let value: unknown = leaf;
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

describe('the limits of a JSON text', () => {
  it('finds text nested deeper than the limit without parsing it, however deep', () => {
    const deep = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
    expect(excessDepthOffset(deep, 64)).toBe(64);
    expect(excessDepthOffset('{"a": [[1]]}', 3)).toBeNull();
    expect(excessDepthOffset('{"a": [[1]]}', 2)).toBe(7);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(excessDepthOffset(JSON.stringify({ text: '[[[[{{{{ "\\" [[[' }), 1)).toBeNull();
    expect(excessDepthOffset(JSON.stringify(['\\', [1]]), 1)).toBe(6);
  });

  it('agrees with the nesting of any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 0, max: 7 }), (value, limit) => {
        expect(excessDepthOffset(JSON.stringify(value), limit) === null).toBe(depthOf(value) <= limit);
      }),
    );
  });
});

describe('the limits of a value', () => {
  it('refuses a value nested a million deep, or one that holds itself, naming where', () => {
    expect(jsonValueProblem(nested(1_000_000), { maxDepth: 64, maxBytes: 1e9 })).toEqual({ path: '[0].a[0].a….a[0].a', message: 'nested deeper than 64 levels' });
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(jsonValueProblem(loop, { maxDepth: 64, maxBytes: 1e9 })?.message).toBe('nested deeper than 64 levels');
  });

  it('refuses a bigint, which IPC carries and JSON cannot write', () => {
    expect(jsonValueProblem({ attributes: { n: 10n } }, { maxDepth: 64, maxBytes: 1e9 })).toEqual({ path: 'attributes.n', message: 'a bigint, which JSON has no number for' });
  });

  it('measures a value exactly as its JSON text in UTF-8, and its nesting as the text has it', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5, stringUnit: 'binary' }), fc.nat({ max: 400 }), fc.integer({ min: 0, max: 6 }), (value, maxBytes, maxDepth) => {
        const fits = utf8Bytes(JSON.stringify(value)) <= maxBytes && depthOf(value) <= maxDepth;
        expect(jsonValueProblem(value, { maxDepth, maxBytes }) === null).toBe(fits);
      }),
      { numRuns: 500 },
    );
  });

  it('says what a stored value may be', () => {
    expect(storedValueProblem(nested(MAX_VALUE_DEPTH), 'attribute "deep"')).toBeNull();
    expect(storedValueProblem(nested(MAX_VALUE_DEPTH + 1), 'attribute "deep"')).toBe(
      'attribute "deep": nested deeper than 32 levels (at a[0].a[0]…[0].a[0]); a stored value nests at most 32 levels and takes at most 64 KB of JSON',
    );
    expect(storedValueProblem('x'.repeat(70_000), 'attribute "notes"')).toBe('attribute "notes": larger than 64 KB as JSON; a stored value nests at most 32 levels and takes at most 64 KB of JSON');
  });
});
