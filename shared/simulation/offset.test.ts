import { describe, expect, it } from 'vitest';
import { formatOffset, isMoment, offsetMs, resolveMoment, spanMs } from './offset.ts';

const H = 3_600_000;

describe('moments in a simulation', () => {
  it('reads offsets the way a marketer writes them', () => {
    expect(offsetMs('+30h')).toBe(30 * H);
    expect(offsetMs('+90m')).toBe(1.5 * H);
    expect(offsetMs('+1d6h')).toBe(30 * H);
    expect(offsetMs('+1d 6h')).toBe(30 * H);
    expect(offsetMs('-2d')).toBe(-48 * H);
    expect(offsetMs('+1w')).toBe(168 * H);
    expect(offsetMs('30h')).toBeUndefined();
    expect(offsetMs('+soon')).toBeUndefined();
  });

  it('resolves offsets against the start, and ISO times as they are', () => {
    const start = Date.UTC(2026, 2, 10, 10);
    expect(resolveMoment('+2h', start)).toBe(start + 2 * H);
    expect(resolveMoment('2026-03-11T00:00:00Z', start)).toBe(Date.UTC(2026, 2, 11));
    expect(() => resolveMoment('tomorrow', start)).toThrow(/neither an offset/);
    expect(isMoment('2026-03-11T00:00:00Z')).toBe(true);
    expect(isMoment('tomorrow')).toBe(false);
  });

  it('reads spans and labels offsets', () => {
    expect(spanMs('21d')).toBe(21 * 24 * H);
    expect(spanMs('nope')).toBeUndefined();
    expect(formatOffset(30 * H)).toBe('+1d 6h');
    expect(formatOffset(0)).toBe('+0h');
    expect(formatOffset(-90 * 60_000)).toBe('-1h 30m');
  });
});
