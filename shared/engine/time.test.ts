import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { weekdays } from '../journey/waits.ts';
import { addDuration, formatLocal, leaveSpan, nextTimeOfDay } from './time.ts';

/**
 * The engine's zone arithmetic runs on a cached offset table (zoneClock.ts) for speed; these are the luxon
 * calls it replaced, and every function must give exactly what they give, around DST changes above all.
 */
const luxon = {
  addDuration(at: number, unit: 'days' | 'weeks', amount: number, zone: string) {
    return DateTime.fromMillis(at, { zone }).plus({ [unit]: amount }).toMillis();
  },
  leaveSpan(at: number, startMinute: number, endMinute: number, zone: string) {
    const local = DateTime.fromMillis(at, { zone });
    const minute = local.hour * 60 + local.minute;
    const wraps = startMinute > endMinute;
    const inside = wraps ? minute >= startMinute || minute < endMinute : minute >= startMinute && minute < endMinute;
    if (!inside) return at;
    const endDay = wraps && minute >= startMinute ? local.plus({ days: 1 }) : local;
    return endDay.startOf('day').set({ hour: Math.floor(endMinute / 60), minute: endMinute % 60 }).toMillis();
  },
  nextTimeOfDay(at: number, minutes: number, days: readonly string[], zone: string) {
    const start = DateTime.fromMillis(at, { zone });
    for (let offset = 0; offset <= 7; offset++) {
      const day = start.plus({ days: offset }).startOf('day');
      if (!days.includes(weekdays[day.weekday - 1])) continue;
      const candidate = day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
      if (candidate >= at) return candidate;
    }
    throw new Error('none');
  },
  format(at: number, zone: string) {
    return `${DateTime.fromMillis(at, { zone }).toFormat('yyyy-LL-dd HH:mm')} ${zone}`;
  },
};

const zones = [
  'UTC',
  'UTC+3',
  'America/New_York',
  'America/Los_Angeles',
  'America/Santiago', // changes at midnight: the local day itself starts in a gap
  'America/Havana',
  'Europe/Paris',
  'Europe/London',
  'Australia/Adelaide', // +9:30 / +10:30: changes off the UTC hour
  'Australia/Lord_Howe', // a 30-minute DST
  'Pacific/Chatham', // +12:45 / +13:45
  'Asia/Kolkata',
  'Asia/Tokyo',
];

// Moments within three days of a DST change somewhere, and moments anywhere in 2020-2032.
const changes = [
  '2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z',
  '2026-04-05T03:00:00Z', '2026-10-04T03:00:00Z', '2026-04-05T05:00:00Z', '2026-09-06T04:00:00Z',
  '2026-03-14T16:30:00Z', '2026-11-01T05:00:00Z', '2026-03-08T05:00:00Z', '2025-04-06T14:00:00Z',
].map(Date.parse);
const moment = fc.oneof(
  fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 })).map(([at, delta]) => at + delta),
  fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -48, max: 48 }), fc.constantFrom(0, 1, 59_999, 60_000, 1_800_000)).map(
    ([at, hours, extra]) => at + hours * 3_600_000 + extra,
  ),
  fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2032, 0, 1) }),
);
const zone = fc.constantFrom(...zones);
const minuteOfDay = fc.oneof(fc.integer({ min: 0, max: 1439 }), fc.constantFrom(0, 30, 60, 90, 120, 150, 180, 8 * 60, 21 * 60, 23 * 60 + 30));
const runs = { numRuns: 3000 };

describe('zone arithmetic equals luxon', () => {
  it('adds calendar days and weeks', () => {
    fc.assert(
      fc.property(moment, zone, fc.constantFrom<'days' | 'weeks'>('days', 'weeks'), fc.integer({ min: -40, max: 40 }), (at, z, unit, amount) => {
        expect(addDuration(at, { unit, amount }, z)).toBe(luxon.addDuration(at, unit, amount, z));
      }),
      runs,
    );
  });

  it('leaves quiet hours and send windows', () => {
    fc.assert(
      fc.property(moment, zone, minuteOfDay, minuteOfDay, (at, z, start, end) => {
        expect(leaveSpan(at, start, end, z)).toBe(luxon.leaveSpan(at, start, end, z));
      }),
      runs,
    );
  });

  it('finds the next time of day on chosen weekdays', () => {
    const someDays = fc.subarray([...weekdays], { minLength: 1 });
    fc.assert(
      fc.property(moment, zone, minuteOfDay, someDays, (at, z, minutes, days) => {
        const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        expect(nextTimeOfDay(at, hhmm, days, z)).toBe(luxon.nextTimeOfDay(at, minutes, days, z));
      }),
      runs,
    );
  });

  it('formats local times', () => {
    fc.assert(
      fc.property(moment, zone, (at, z) => {
        expect(formatLocal(at, z)).toBe(luxon.format(at, z));
      }),
      runs,
    );
  });

  it('a 1-day wait across the spring change keeps the wall time', () => {
    const before = Date.parse('2026-03-07T14:00:00Z'); // 09:00 in New York, the day before clocks go forward
    expect(addDuration(before, { unit: 'days', amount: 1 }, 'America/New_York')).toBe(Date.parse('2026-03-08T13:00:00Z'));
    expect(formatLocal(Date.parse('2026-03-08T13:00:00Z'), 'America/New_York')).toBe('2026-03-08 09:00 America/New_York');
  });
});
