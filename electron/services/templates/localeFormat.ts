import { DateTime } from 'luxon';

/** Where and when a render happens: the contact's locale and time zone, the currency and the clock. */
export interface FormatContext {
  locale: string;
  timezone: string;
  currency: string;
  now: number;
}

const pad = (n: number, width = 2, fill = '0') => String(n).padStart(width, fill);

/** strftime over a luxon DateTime, so names of months and days come out in the contact's language. */
function strftime(dt: DateTime, format: string): string {
  return format.replace(/%([-_0^#]?)([a-zA-Z%])/g, (match, flag: string, directive: string) => {
    const noPad = flag === '-';
    const num = (n: number, width = 2) => (noPad ? String(n) : flag === '_' ? pad(n, width, ' ') : pad(n, width));
    switch (directive) {
      case 'Y': return String(dt.year);
      case 'y': return num(dt.year % 100);
      case 'm': return num(dt.month);
      case 'd': return num(dt.day);
      case 'e': return noPad ? String(dt.day) : pad(dt.day, 2, ' ');
      case 'j': return num(dt.ordinal, 3);
      case 'H': return num(dt.hour);
      case 'I': return num(dt.hour % 12 || 12);
      case 'l': return noPad ? String(dt.hour % 12 || 12) : pad(dt.hour % 12 || 12, 2, ' ');
      case 'M': return num(dt.minute);
      case 'S': return num(dt.second);
      case 'L': return pad(dt.millisecond, 3);
      case 'p': return dt.hour < 12 ? 'AM' : 'PM';
      case 'P': return dt.hour < 12 ? 'am' : 'pm';
      case 'B': return dt.toFormat('LLLL');
      case 'b': case 'h': return dt.toFormat('LLL');
      case 'A': return dt.toFormat('cccc');
      case 'a': return dt.toFormat('ccc');
      case 'u': return String(dt.weekday);
      case 'w': return String(dt.weekday % 7);
      case 'Z': return dt.offsetNameShort ?? dt.zoneName ?? '';
      case 'z': return dt.toFormat('ZZZ');
      case 's': return String(Math.floor(dt.toSeconds()));
      case 'F': return dt.toFormat('yyyy-MM-dd');
      case 'T': return dt.toFormat('HH:mm:ss');
      case 'D': return dt.toFormat('MM/dd/yy');
      case 'c': return dt.toLocaleString(DateTime.DATETIME_FULL);
      case 'x': return dt.toLocaleString(DateTime.DATE_SHORT);
      case 'X': return dt.toLocaleString(DateTime.TIME_SIMPLE);
      case '%': return '%';
      default: return match;
    }
  });
}

/** Named formats, written in the contact's own conventions ("March 3, 2026" or "3 mars 2026"). */
const namedFormats: Record<string, Intl.DateTimeFormatOptions> = {
  short: DateTime.DATE_SHORT,
  medium: DateTime.DATE_MED,
  long: DateTime.DATE_FULL,
  full: DateTime.DATE_HUGE,
  datetime: DateTime.DATETIME_MED,
  time: DateTime.TIME_SIMPLE,
};

/** Reads a date: a Date, epoch ms (or seconds when small), an ISO string, or 'now'/'today' (the render's clock). */
export function toDateTime(value: unknown, context: FormatContext): DateTime | undefined {
  let dt: DateTime | undefined;
  if (value instanceof Date) dt = DateTime.fromJSDate(value);
  else if (typeof value === 'number' && Number.isFinite(value)) dt = DateTime.fromMillis(Math.abs(value) < 1e11 ? value * 1000 : value);
  else if (typeof value === 'string') {
    const text = value.trim();
    if (text === 'now' || text === 'today') dt = DateTime.fromMillis(context.now);
    else if (/^-?\d+(\.\d+)?$/.test(text)) return toDateTime(Number(text), context);
    else {
      dt = DateTime.fromISO(text, { setZone: false });
      if (!dt.isValid) dt = DateTime.fromRFC2822(text);
      if (!dt.isValid) dt = DateTime.fromJSDate(new Date(text));
    }
  }
  if (!dt || !dt.isValid) return undefined;
  const zoned = dt.setZone(context.timezone);
  return (zoned.isValid ? zoned : dt.setZone('UTC')).setLocale(context.locale);
}

/**
 * `{{ d | date: "%B %-d" }}`, `{{ d | date: "long" }}`: in the contact's time zone and language. A value that is
 * not a date is returned as it is, as Liquid's own date filter does; an empty value gives an empty string.
 */
export function formatDate(value: unknown, format: unknown, context: FormatContext): unknown {
  if (value === null || value === undefined || value === '') return '';
  const dt = toDateTime(value, context);
  if (!dt) return value;
  const fmt = typeof format === 'string' && format ? format : 'medium';
  const named = namedFormats[fmt];
  return named ? dt.toLocaleString(named) : strftime(dt, fmt);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, currency: string | undefined, fractionDigits?: number): Intl.NumberFormat {
  const key = `${locale}|${currency ?? ''}|${fractionDigits ?? ''}`;
  let format = numberFormats.get(key);
  if (!format) {
    const options: Intl.NumberFormatOptions = currency ? { style: 'currency', currency } : {};
    if (fractionDigits !== undefined) Object.assign(options, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
    try {
      format = new Intl.NumberFormat(locale, options);
    } catch {
      format = new Intl.NumberFormat('en', options.style ? { ...options, currency: 'USD' } : options);
    }
    numberFormats.set(key, format);
  }
  return format;
}

const toNumber = (value: unknown): number | undefined => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** `{{ total_spent | money }}`, `{{ price | money: "EUR" }}`: an amount in the contact's locale and currency. */
export function formatMoney(value: unknown, currency: unknown, context: FormatContext): unknown {
  const n = toNumber(value);
  if (n === undefined) return value ?? '';
  const code = typeof currency === 'string' && /^[A-Za-z]{3}$/.test(currency) ? currency.toUpperCase() : context.currency;
  return numberFormat(context.locale, code).format(n);
}

/** `{{ n | number }}`, `{{ n | number: 1 }}`: grouping and decimals in the contact's locale. */
export function formatNumber(value: unknown, digits: unknown, context: FormatContext): unknown {
  const n = toNumber(value);
  if (n === undefined) return value ?? '';
  const fractionDigits = toNumber(digits);
  return numberFormat(context.locale, undefined, fractionDigits === undefined ? undefined : Math.max(0, Math.min(10, Math.trunc(fractionDigits)))).format(n);
}
