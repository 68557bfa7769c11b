import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatNumber, type FormatContext } from './localeFormat.ts';

const at = (locale: string, timezone: string, currency = 'USD'): FormatContext => ({ locale, timezone, currency, now: Date.UTC(2026, 2, 29, 12) });

describe('date filter', () => {
  it('writes the date in the contact’s zone, so a late-evening order in New York keeps its day', () => {
    const order = '2026-03-04T03:30:00Z'; // 22:30 on 3 March in New York, 04:30 on 4 March in Paris
    expect(formatDate(order, '%Y-%m-%d %H:%M', at('en-US', 'America/New_York'))).toBe('2026-03-03 22:30');
    expect(formatDate(order, '%Y-%m-%d %H:%M', at('fr-FR', 'Europe/Paris'))).toBe('2026-03-04 04:30');
  });

  it('follows daylight saving time', () => {
    expect(formatDate('2026-03-29T00:30:00Z', '%H:%M %z', at('en-GB', 'Europe/Paris'))).toBe('01:30 +0100');
    expect(formatDate('2026-03-29T01:30:00Z', '%H:%M %z', at('en-GB', 'Europe/Paris'))).toBe('03:30 +0200');
    expect(formatDate('2026-01-15T12:00:00Z', '%:z', at('en', 'Asia/Kolkata'))).toBe('+05:30');
  });

  it('changes offset at the minute a zone does, also off the whole UTC hour (St John’s, Newfoundland)', () => {
    // 2 a.m. NST (UTC-3:30) on 8 March 2026 is 05:30 UTC: clocks go to 3 a.m. NDT (UTC-2:30)
    const stJohns = at('en-CA', 'America/St_Johns');
    expect(formatDate('2026-03-08T05:29:00Z', '%H:%M %z', stJohns)).toBe('01:59 -0330');
    expect(formatDate('2026-03-08T05:45:00Z', '%H:%M %z', stJohns)).toBe('03:15 -0230');
    // and back at 2 a.m. NDT on 1 November, 04:30 UTC
    expect(formatDate('2026-11-01T04:45:00Z', '%H:%M %z', stJohns)).toBe('01:15 -0330');
  });

  it('writes the week numbers and times Ruby’s strftime has: %U %W %V %G %g %r %R %v', () => {
    const utc = at('en-US', 'UTC');
    // Monday 5 January 2026: the first Sunday (%U) and Monday (%W) weeks, and ISO week 2
    expect(formatDate('2026-01-05T13:04:05Z', '%U %W %V %G %g', utc)).toBe('01 01 02 2026 26');
    // Friday 1 January 2027 is in ISO week 53 of 2026, and in week 00 of 2027 counted from Sundays or Mondays
    expect(formatDate('2027-01-01T12:00:00Z', '%U %W %V %G', utc)).toBe('00 00 53 2026');
    // Monday 30 December 2024 is in ISO week 1 of 2025
    expect(formatDate('2024-12-30T12:00:00Z', '%V %G', utc)).toBe('01 2025');
    expect(formatDate('2026-01-05T13:04:05Z', '%r|%R|%v', utc)).toBe('01:04:05 PM|13:04| 5-JAN-2026');
    expect(formatDate('2026-01-05T00:04:05Z', '%r', utc)).toBe('12:04:05 AM');
  });

  it('names months and days in the contact’s language', () => {
    const d = '2026-05-22T10:00:00Z';
    expect(formatDate(d, '%A %-d %B', at('en-US', 'UTC'))).toBe('Friday 22 May');
    expect(formatDate(d, '%A %-d %B', at('fr-FR', 'UTC'))).toBe('vendredi 22 mai');
    expect(formatDate(d, '%b %e', at('de-DE', 'UTC'))).toBe('Mai 22');
    expect(formatDate(d, 'long', at('fr-FR', 'Europe/Paris'))).toBe('22 mai 2026');
    expect(formatDate(d, 'long', at('en-US', 'America/New_York'))).toBe('May 22, 2026');
  });

  it('reads epoch milliseconds and seconds, and "now" as the render’s clock', () => {
    expect(formatDate(Date.UTC(2026, 0, 2), '%F', at('en', 'UTC'))).toBe('2026-01-02');
    expect(formatDate(Date.UTC(2026, 0, 2) / 1000, '%F', at('en', 'UTC'))).toBe('2026-01-02');
    expect(formatDate('now', '%F %H:%M', at('en', 'UTC'))).toBe('2026-03-29 12:00');
  });

  it('leaves what is not a date as it is, and an empty value empty', () => {
    expect(formatDate('soon', '%F', at('en', 'UTC'))).toBe('soon');
    expect(formatDate(null, '%F', at('en', 'UTC'))).toBe('');
  });

  it('falls back to UTC for a time zone it does not know, in the contact’s language still', () => {
    expect(formatDate('2026-01-02T10:00:00Z', '%H:%M', at('en', 'Mars/Olympus_Mons'))).toBe('10:00');
    expect(formatDate('2026-01-02T23:30:00Z', 'long', at('fr-FR', 'Mars/Olympus_Mons'))).toBe('2 janvier 2026');
  });
});

describe('money and number filters', () => {
  it('writes amounts in the contact’s locale', () => {
    expect(formatMoney(1234.5, undefined, at('en-US', 'UTC'))).toBe('$1,234.50');
    expect(formatMoney(1234.5, 'EUR', at('fr-FR', 'UTC'))).toBe('1\u202f234,50\u00a0€');
    expect(formatMoney('19.9', 'eur', at('de-DE', 'UTC'))).toBe('19,90\u00a0€');
    expect(formatMoney(5, undefined, at('ja-JP', 'UTC', 'JPY'))).toBe('￥5');
    expect(formatMoney('n/a', undefined, at('en', 'UTC'))).toBe('n/a');
    expect(formatNumber(1234.567, 1, at('de-DE', 'UTC'))).toBe('1.234,6');
  });
});
