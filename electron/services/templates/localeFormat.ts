import { isValidZone } from '../../../shared/engine/time.ts';
import { zoneClock } from '../../../shared/engine/zoneClock.ts';

/** Where and when a render happens: the contact's locale and time zone, the currency and the clock. */
export interface FormatContext {
  locale: string;
  timezone: string;
  currency: string;
  now: number;
}

/**
 * Dates are formatted with Intl, whose formatters are cached per locale and zone: creating one costs far more than
 * using it, and a send loop formats the same few combinations for every contact.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, timeZone: string, kind: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${kind}`;
  let format = dateFormats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      // a locale Intl does not know: English rather than a failed email (zones are checked before they get here)
      format = new Intl.DateTimeFormat('en', { ...options, timeZone });
    }
    if (dateFormats.size > 5_000) dateFormats.clear();
    dateFormats.set(key, format);
  }
  return format;
}

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 1 (Monday) to 7 (Sunday). */
  weekday: number;
  /** Minutes east of UTC. */
  offset: number;
}

/**
 * The date in a zone, from the engine's zone clock (shared/engine/zoneClock.ts): its offset table is right in the
 * hours in which a zone changes offset off the whole UTC hour (America/St_Johns changes at 05:30 UTC), which a cache
 * of one offset per UTC hour is not, and templates then write the times the journeys wait for.
 */
function zonedParts(ms: number, timeZone: string): ZonedParts {
  const offset = zoneClock(timeZone).offset(ms);
  const local = new Date(ms + offset * 60_000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    weekday: local.getUTCDay() || 7,
    offset,
  };
}

/** Month and weekday names of a locale (weekdays from Sunday), worked out once per locale. */
const localeNames = new Map<string, { monthsLong: string[]; monthsShort: string[]; weekdaysLong: string[]; weekdaysShort: string[] }>();
function namesOf(locale: string) {
  let names = localeNames.get(locale);
  if (!names) {
    const list = (count: number, at: (i: number) => number, kind: string, options: Intl.DateTimeFormatOptions) =>
      Array.from({ length: count }, (_, i) => dateFormat(locale, 'UTC', kind, options).format(at(i)));
    const month = (i: number) => Date.UTC(2024, i, 15);
    const weekday = (i: number) => Date.UTC(2024, 8, 1 + i); // 1 September 2024 was a Sunday
    names = {
      monthsLong: list(12, month, 'month-long', { month: 'long' }),
      monthsShort: list(12, month, 'month-short', { month: 'short' }),
      weekdaysLong: list(7, weekday, 'weekday-long', { weekday: 'long' }),
      weekdaysShort: list(7, weekday, 'weekday-short', { weekday: 'short' }),
    };
    localeNames.set(locale, names);
  }
  return names;
}

const pad = (n: number, width = 2, fill = '0') => String(n).padStart(width, fill);
const dayOfYear = (p: ZonedParts) => Math.round((Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / 86_400_000) + 1;
/** Week of the year, weeks starting on `firstDay` (0 Sunday for %U, 1 Monday for %W); days before the first are week 0. */
const weekOfYear = (p: ZonedParts, firstDay: number) => Math.floor((dayOfYear(p) - 1 + 7 - ((p.weekday - firstDay + 7) % 7)) / 7);
/** The ISO 8601 week (%V) and its year (%G): a week belongs to the year its Thursday is in. */
function isoWeek(p: ZonedParts): { year: number; week: number } {
  const thursday = Date.UTC(p.year, p.month - 1, p.day + 4 - p.weekday);
  const year = new Date(thursday).getUTCFullYear();
  return { year, week: Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1 };
}
const offsetText = (minutes: number, colon: boolean) => {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${colon ? ':' : ''}${pad(abs % 60)}`;
};

type FormatToken = string | { flag: string; directive: string };

/** A strftime format split into literal text and directives, once per distinct format. */
const compiledFormats = new Map<string, FormatToken[]>();
function compileFormat(format: string): FormatToken[] {
  let tokens = compiledFormats.get(format);
  if (!tokens) {
    tokens = [];
    let last = 0;
    for (const match of format.matchAll(/%([-_0^#]?)(:?[a-zA-Z%])/g)) {
      if (match.index > last) tokens.push(format.slice(last, match.index));
      tokens.push({ flag: match[1], directive: match[2] });
      last = match.index + match[0].length;
    }
    if (last < format.length) tokens.push(format.slice(last));
    if (compiledFormats.size > 1_000) compiledFormats.clear();
    compiledFormats.set(format, tokens);
  }
  return tokens;
}

/** Directives that need no calendar fields of the zone: the rest share one zoned breakdown per date. */
const unzonedDirectives = new Set(['L', 's', 'Z', 'c', 'x', 'X', 'n', 't', '%']);

/** One strftime directive for a date; `parts` is the date in the contact's zone. */
function directive(flag: string, name: string, ms: number, parts: ZonedParts, context: FormatContext): string {
  const { locale, timezone } = context;
  const noPad = flag === '-';
  const num = (n: number, width = 2) => (noPad ? String(n) : flag === '_' ? pad(n, width, ' ') : pad(n, width));
  const upper = (text: string) => (flag === '^' ? text.toLocaleUpperCase(locale) : text);
  const styled = (kind: string, options: Intl.DateTimeFormatOptions) => dateFormat(locale, timezone, kind, options).format(ms);
  switch (name) {
    case 'Y': return String(parts.year);
    case 'C': return num(Math.floor(parts.year / 100));
    case 'y': return num(parts.year % 100);
    case 'm': return num(parts.month);
    case 'd': return num(parts.day);
    case 'e': return noPad ? String(parts.day) : pad(parts.day, 2, ' ');
    case 'j': return num(dayOfYear(parts), 3);
    case 'H': return num(parts.hour);
    case 'k': return noPad ? String(parts.hour) : pad(parts.hour, 2, ' ');
    case 'I': return num(parts.hour % 12 || 12);
    case 'l': return noPad ? String(parts.hour % 12 || 12) : pad(parts.hour % 12 || 12, 2, ' ');
    case 'M': return num(parts.minute);
    case 'S': return num(parts.second);
    case 'L': return pad(((ms % 1000) + 1000) % 1000, 3);
    case 'p': return parts.hour < 12 ? 'AM' : 'PM';
    case 'P': return parts.hour < 12 ? 'am' : 'pm';
    case 'B': return upper(namesOf(locale).monthsLong[parts.month - 1]);
    case 'b': case 'h': return upper(namesOf(locale).monthsShort[parts.month - 1]);
    case 'A': return upper(namesOf(locale).weekdaysLong[parts.weekday % 7]);
    case 'a': return upper(namesOf(locale).weekdaysShort[parts.weekday % 7]);
    case 'u': return String(parts.weekday);
    case 'w': return String(parts.weekday % 7);
    case 'Z': return dateFormat('en-US', timezone, 'zone', { timeZoneName: 'short' }).formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? timezone;
    case 'z': return offsetText(parts.offset, false);
    case ':z': return offsetText(parts.offset, true);
    case 's': return String(Math.floor(ms / 1000));
    case 'F': return `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`;
    case 'T': return `${pad(parts.hour)}:${pad(parts.minute)}:${pad(parts.second)}`;
    case 'D': return `${pad(parts.month)}/${pad(parts.day)}/${pad(parts.year % 100)}`;
    case 'R': return `${pad(parts.hour)}:${pad(parts.minute)}`;
    case 'r': return `${pad(parts.hour % 12 || 12)}:${pad(parts.minute)}:${pad(parts.second)} ${parts.hour < 12 ? 'AM' : 'PM'}`;
    case 'v': return `${pad(parts.day, 2, ' ')}-${namesOf(locale).monthsShort[parts.month - 1].toLocaleUpperCase(locale)}-${parts.year}`;
    case 'U': return num(weekOfYear(parts, 0));
    case 'W': return num(weekOfYear(parts, 1));
    case 'V': return num(isoWeek(parts).week);
    case 'G': return String(isoWeek(parts).year);
    case 'g': return num(isoWeek(parts).year % 100);
    case 'n': return '\n';
    case 't': return '\t';
    case 'c': return styled('datetime', { dateStyle: 'full', timeStyle: 'short' });
    case 'x': return styled('date-short', { dateStyle: 'short' });
    case 'X': return styled('time', { timeStyle: 'short' });
    case '%': return '%';
    default: return `%${flag}${name}`;
  }
}

/** A date with no zoned fields, for formats that need none (the breakdown costs a cache lookup). */
const noParts: ZonedParts = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, weekday: 7, offset: 0 };

/** strftime in the contact's zone; names of months and days in the contact's language. */
function strftime(ms: number, format: string, context: FormatContext): string {
  const tokens = compileFormat(format);
  const zoned = tokens.some((token) => typeof token !== 'string' && !unzonedDirectives.has(token.directive));
  const parts = zoned ? zonedParts(ms, context.timezone) : noParts;
  let out = '';
  for (const token of tokens) out += typeof token === 'string' ? token : directive(token.flag, token.directive, ms, parts, context);
  return out;
}

/** Named formats, written in the contact's own conventions ("March 3, 2026" or "3 mars 2026"). */
const namedFormats: Record<string, Intl.DateTimeFormatOptions> = {
  short: { dateStyle: 'short' },
  medium: { dateStyle: 'medium' },
  long: { dateStyle: 'long' },
  full: { dateStyle: 'full' },
  datetime: { dateStyle: 'medium', timeStyle: 'short' },
  time: { timeStyle: 'short' },
};

/** Reads a date: a Date, epoch ms (or seconds when small), an ISO 8601 or RFC 2822 string, or 'now'/'today'. */
export function toEpochMs(value: unknown, context: FormatContext): number | undefined {
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number') ms = Math.abs(value) < 1e11 ? value * 1000 : value;
  else if (typeof value === 'string') {
    const text = value.trim();
    if (text === 'now' || text === 'today') return context.now;
    ms = /^-?\d+(\.\d+)?$/.test(text) ? toEpochMs(Number(text), context) ?? NaN : Date.parse(text);
  } else return undefined;
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * `{{ d | date: "%B %-d" }}`, `{{ d | date: "long" }}`: in the contact's time zone and language. A value that is
 * not a date is returned as it is, as Liquid's own date filter does; an empty value gives an empty string.
 */
export function formatDate(value: unknown, format: unknown, context: FormatContext): unknown {
  if (value === null || value === undefined || value === '') return '';
  const ms = toEpochMs(value, context);
  if (ms === undefined) return value;
  const fmt = typeof format === 'string' && format ? format : 'medium';
  const named = namedFormats[fmt];
  // a zone the contact's data got wrong: UTC, in the contact's language still
  const zoned = isValidZone(context.timezone) ? context : { ...context, timezone: 'UTC' };
  return named ? dateFormat(zoned.locale, zoned.timezone, fmt, named).format(ms) : strftime(ms, fmt, zoned);
}

/**
 * Intl number formatters per locale, currency and digits, each with a small memory of amounts it already wrote:
 * prices repeat across a send (every cart with the same product), and Intl's format is the costly step.
 */
interface CachedNumberFormat {
  format: Intl.NumberFormat;
  written: Map<number, string>;
}
const numberFormats = new Map<string, CachedNumberFormat>();
function numberFormat(locale: string, currency: string | undefined, fractionDigits?: number): CachedNumberFormat {
  const key = `${locale}|${currency ?? ''}|${fractionDigits ?? ''}`;
  let cached = numberFormats.get(key);
  if (!cached) {
    const options: Intl.NumberFormatOptions = currency ? { style: 'currency', currency } : {};
    if (fractionDigits !== undefined) Object.assign(options, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
    let format: Intl.NumberFormat;
    try {
      format = new Intl.NumberFormat(locale, options);
    } catch {
      format = new Intl.NumberFormat('en', options.style ? { ...options, currency: 'USD' } : options);
    }
    if (numberFormats.size > 1_000) numberFormats.clear();
    numberFormats.set(key, (cached = { format, written: new Map() }));
  }
  return cached;
}

function writeNumber(cached: CachedNumberFormat, n: number): string {
  let text = cached.written.get(n);
  if (text === undefined) {
    text = cached.format.format(n);
    if (cached.written.size >= 2_000) cached.written.clear();
    cached.written.set(n, text);
  }
  return text;
}

const toNumber = (value: unknown): number | undefined => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** `{{ total_spent | money }}`, `{{ price | money: "EUR" }}`: an amount in the contact's locale and currency. */
export function formatMoney(value: unknown, currency: unknown, context: FormatContext): unknown {
  const n = toNumber(value);
  if (n === undefined) return value ?? '';
  const code = currency === undefined || currency === null ? context.currency : typeof currency === 'string' && /^[A-Za-z]{3}$/.test(currency) ? currency.toUpperCase() : context.currency;
  return writeNumber(numberFormat(context.locale, code), n);
}

/** `{{ n | number }}`, `{{ n | number: 1 }}`: grouping and decimals in the contact's locale. */
export function formatNumber(value: unknown, digits: unknown, context: FormatContext): unknown {
  const n = toNumber(value);
  if (n === undefined) return value ?? '';
  const fractionDigits = toNumber(digits);
  return writeNumber(numberFormat(context.locale, undefined, fractionDigits === undefined ? undefined : Math.max(0, Math.min(10, Math.trunc(fractionDigits)))), n);
}
