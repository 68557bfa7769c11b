import type { AttributeType } from '../../../shared/contacts/importMapping.ts';
import type { Consent } from '../contacts/contactWriter.ts';
import { TagName } from '../../../shared/contacts/tags.ts';

/** A value that cannot be used, with the reason the report shows. */
export class RowProblem extends Error {}

/** Longest value kept in any one field: larger ones are a broken file (a missing quote), not data. */
export const MAX_FIELD_CHARS = 64 * 1024;

const EMAIL = /^[^\s@",;<>]+@[^\s@",;<>]+\.[^\s@",;<>]+$/;

export function normaliseEmail(value: unknown, column = 'email'): string {
  const email = typeof value === 'string' ? value.trim() : '';
  if (!email) throw new RowProblem(`${column} is empty`);
  if (email.length > 254 || !EMAIL.test(email)) throw new RowProblem(`invalid email in ${column}`);
  return email.toLowerCase();
}

const consentWords: Record<string, Consent> = {
  subscribed: 'subscribed',
  yes: 'subscribed',
  true: 'subscribed',
  '1': 'subscribed',
  'opted-in': 'subscribed',
  unsubscribed: 'unsubscribed',
  no: 'unsubscribed',
  false: 'unsubscribed',
  '0': 'unsubscribed',
  'opted-out': 'unsubscribed',
  'never-asked': 'never-asked',
  'never asked': 'never-asked',
  '': 'never-asked',
};

export function toConsent(value: unknown): Consent {
  const consent = consentWords[String(value ?? '').trim().toLowerCase()];
  if (!consent) throw new RowProblem(`consent must be subscribed, unsubscribed or never-asked, not "${String(value).slice(0, 40)}"`);
  return consent;
}

const NUMBER = /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const EPOCH = /^\d{9,13}$/;

/** A timestamp as epoch ms: ISO 8601 (a date alone is midnight UTC), or epoch seconds / milliseconds. */
export function toTimestamp(value: unknown, column: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value < 1e11 ? value * 1000 : value;
  const text = String(value ?? '').trim();
  if (EPOCH.test(text)) {
    const n = Number(text);
    return n < 1e11 ? n * 1000 : n;
  }
  const time = isoText(text) ? Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text) : NaN;
  if (Number.isNaN(time)) throw new RowProblem(`unparseable date in ${column}: "${text.slice(0, 40)}"`);
  return time;
}

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * ISO 8601 text naming a day the calendar has. Date.parse takes any day up to the 31st and rolls it over
 * (2025-02-30 would be 2 March), which would import a wrong date instead of reporting a bad one.
 */
export function isoText(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= daysInMonth[month - 1] + (leap ? 1 : 0);
}

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

/** An attribute value of a declared type; empty text is 'not set' (undefined). */
export function convertValue(value: unknown, type: AttributeType, column: string): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    // JSON Lines already carries types; check they fit.
    if (type === 'number' && typeof value !== 'number') throw new RowProblem(`${column} should be a number`);
    if (type === 'boolean' && typeof value !== 'boolean') throw new RowProblem(`${column} should be true or false`);
    if (type === 'list' && !Array.isArray(value)) throw new RowProblem(`${column} should be a list`);
    return value;
  }
  const text = value.trim();
  switch (type) {
    case 'text':
      return value;
    case 'number':
      if (!NUMBER.test(text)) throw new RowProblem(`${column} should be a number, not "${text.slice(0, 40)}"`);
      return Number(text);
    case 'boolean':
      if (TRUE.has(text.toLowerCase())) return true;
      if (FALSE.has(text.toLowerCase())) return false;
      throw new RowProblem(`${column} should be true or false, not "${text.slice(0, 40)}"`);
    case 'date':
      // A calendar day ('2025-03-01', the usual cell) is kept as written; anything else is read as a time.
      if (text.length === 10 && isoText(text)) return text;
      return new Date(toTimestamp(text, column)).toISOString().slice(0, text.length === 10 ? 10 : 24);
    case 'list':
      return splitList(text);
  }
}

/** What TagName says of each tag seen (null: a good name). A file uses few tags, on many rows. */
const tagChecks = new Map<string, string | null>();

/** A list cell's tags, each checked as any tag name is (TagName). */
export function toTags(items: readonly unknown[], column: string): string[] {
  return items.map((item) => {
    const tag = String(item).trim();
    let problem = tagChecks.get(tag);
    if (problem === undefined) {
      const check = TagName.safeParse(tag);
      problem = check.success ? null : check.error.issues[0].message;
      if (tagChecks.size > 10_000) tagChecks.clear();
      tagChecks.set(tag, problem);
    }
    if (problem !== null) throw new RowProblem(`${column}: ${problem}`);
    return tag;
  });
}

/** 'a; b|c, d' -> ['a', 'b', 'c', 'd']; a JSON array is read as one. */
export function splitList(text: string): unknown[] {
  if (text.startsWith('[')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // not JSON: split it like any other list
    }
  }
  return text
    .split(/[;,|]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** A number written exactly as the number would be written back: no leading zero, +, exponent or trailing zero. */
const PLAIN_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/**
 * Whether text is a number that reads back exactly as written: `01234`, `007`, `+33`, `1e5`, `1.50` and
 * `12345678901234567890` (past a double's precision) are not, and stay text wherever a type is inferred.
 */
export function isPlainNumber(text: string): boolean {
  return PLAIN_NUMBER.test(text) && String(Number(text)) === text;
}

/**
 * An event property from a column the mapping does not name (and the properties column's JSON text): a number
 * only when it reads back as written (isPlainNumber), true/false, JSON arrays and objects parsed; else the text.
 */
export function propertyValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (isPlainNumber(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  if ((text.startsWith('[') && text.endsWith(']')) || (text.startsWith('{') && text.endsWith('}'))) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}
