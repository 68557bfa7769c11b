import { describe, expect, it } from 'vitest';
import { engagementMatrix, localSlot, nextLocalHour, untilUsualHour, usualEngagementHour } from './sendTime.ts';

const utc = (iso: string) => Date.parse(iso);

describe('send-time model', () => {
  it('reads hours and weekdays in the contact\'s own zone', () => {
    // 2026-03-02 is a Monday. 14:30 UTC is 09:30 in New York (EST, UTC-5) and 23:30 in Tokyo.
    expect(localSlot(utc('2026-03-02T14:30:00Z'), 'America/New_York')).toEqual({ hour: 9, weekday: 0 });
    expect(localSlot(utc('2026-03-02T14:30:00Z'), 'Asia/Tokyo')).toEqual({ hour: 23, weekday: 0 });
    expect(() => localSlot(0, 'Mars/Olympus')).toThrow(/unknown time zone/);
  });

  it('finds the usual hour, with neighbouring minutes supporting one habit', () => {
    const opens = [
      '2026-03-02T14:58:00Z', // 09:58 New York
      '2026-03-03T15:03:00Z', // 10:03
      '2026-03-05T15:10:00Z', // 10:10
      '2026-03-06T23:00:00Z', // 18:00
      '2026-03-09T14:40:00Z', // 10:40 (EDT from 8 March: UTC-4)
    ].map(utc);
    expect(usualEngagementHour(opens, 'America/New_York')).toEqual({ hour: 10, events: 5, share: 0.8 });
    expect(usualEngagementHour(opens.slice(0, 2), 'America/New_York')).toBeNull();
  });

  it('counts a group by local weekday and hour', () => {
    const matrix = engagementMatrix([
      { zone: 'Europe/Paris', times: [utc('2026-03-02T08:15:00Z'), utc('2026-03-08T19:00:00Z')] }, // Mon 09h, Sun 20h
      { zone: 'UTC', times: [utc('2026-03-02T09:59:00Z')] }, // Mon 09h
    ]);
    expect(matrix.counts[0][9]).toBe(2);
    expect(matrix.counts[6][20]).toBe(1);
    expect(matrix.total).toBe(3);
    expect(matrix.contacts).toBe(2);
  });

  it('finds the next time the contact\'s clock shows their usual hour, across DST', () => {
    const zone = 'America/New_York';
    // Saturday 7 March 2026 at 11:00 local (16:00 UTC): 10:00 has passed, so Sunday 8 March at 10:00 EDT = 14:00 UTC.
    expect(nextLocalHour(utc('2026-03-07T16:00:00Z'), 10, zone)).toBe(utc('2026-03-08T14:00:00Z'));
    // 8 March 02:00 does not exist in New York: the wait ends at the first instant after the gap, 03:00 EDT.
    expect(nextLocalHour(utc('2026-03-08T05:00:00Z'), 2, zone)).toBe(utc('2026-03-08T07:00:00Z'));
    expect(nextLocalHour(utc('2026-03-08T14:00:00Z'), 10, zone)).toBe(utc('2026-03-09T14:00:00Z'));
  });

  it('waits until the usual hour, or the fallback hour without enough history, ignoring later engagement', () => {
    const zone = 'Europe/Paris';
    // Opens at 19:xx Paris time (CET, UTC+1) on three days, plus a page view that is not engagement.
    const events = [
      { name: 'email_opened', at: utc('2026-02-02T18:05:00Z') },
      { name: 'email_clicked', at: utc('2026-02-03T18:40:00Z') },
      { name: 'email_opened', at: utc('2026-02-05T18:20:00Z') },
      { name: 'page_viewed', at: utc('2026-02-06T07:00:00Z') },
    ];
    const now = utc('2026-02-10T10:00:00Z'); // 11:00 in Paris
    expect(untilUsualHour(events, now, zone, 9)).toMatchObject({ until: utc('2026-02-10T18:00:00Z'), hour: 19, fromHabit: true });
    const early = untilUsualHour(events, utc('2026-02-04T10:00:00Z'), zone, 9); // only two engagements by then
    expect(early).toMatchObject({ until: utc('2026-02-05T08:00:00Z'), hour: 9, fromHabit: false });
    expect(early.note).toMatch(/too little engagement history/);
  });
});
