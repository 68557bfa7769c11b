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

  it('falls back to UTC for a time zone it does not know', () => {
    expect(formatDate('2026-01-02T10:00:00Z', '%H:%M', at('en', 'Mars/Olympus_Mons'))).toBe('10:00');
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
