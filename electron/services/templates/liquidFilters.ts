import { filters as builtinFilters, TokenKind, toValue, type Liquid } from 'liquidjs';
import type { FilterHandler, FilterImpl } from 'liquidjs/dist/template/filter-impl-options';
import { characterCount, firstCharacters } from './characters.ts';
import { escapingFilters, SafeHtml } from './htmlEscaping.ts';
import { abs, arithmetic, atLeast, atMost, ceil, floor, LiquidFloat, round, toLiquidNumber, type LiquidNumber, type Operation } from './liquidNumbers.ts';
import { liquidText } from './liquidText.ts';
import { formatDate, formatMoney, formatNumber, type FormatContext } from './localeFormat.ts';

/**
 * Our filters, and liquidjs' own where they differ from Shopify's Liquid (the reference marketers' templates come
 * from): arithmetic, size, truncate, truncatewords, and the escaping filters in an auto-escaped body.
 */

/** Where a filter finds the render's locale, zone and clock: a symbol key, so no template can read or set it. */
export const formatKey = Symbol('format');

function formatOf(options: FilterImpl): FormatContext {
  return (options.context.globals as Record<symbol, FormatContext>)[formatKey];
}

/** Our formatters take plain values: a float from arithmetic is its number. */
const plain = (value: unknown) => (value instanceof LiquidFloat ? value.value : value);

/**
 * The argument at `index` as a Liquid number. A whole number written with a decimal point (`divided_by: 2.0`,
 * `times: 1.0`) is a float, as in Ruby, though JavaScript parsed it to 2: the filter's own token tells.
 */
function argument(impl: FilterImpl, index: number, value: unknown): LiquidNumber {
  const number = toLiquidNumber(value);
  const token = impl.token.args[index];
  if (!number.float && token && !Array.isArray(token) && token.kind === TokenKind.Number && token.getText().includes('.')) return { n: number.n, float: true };
  return number;
}

const arithmeticFilter = (operation: Operation): FilterHandler =>
  function (this: FilterImpl, value: unknown, operand: unknown) {
    return arithmetic(operation, toLiquidNumber(value), argument(this, 0, operand));
  };

const whole = (value: unknown, fallback: number) => {
  const n = toLiquidNumber(value ?? fallback).n;
  return Number.isFinite(n) ? Math.trunc(n) : fallback;
};

const mathFilters: Record<string, FilterHandler> = {
  plus: arithmeticFilter('plus'),
  minus: arithmeticFilter('minus'),
  times: arithmeticFilter('times'),
  divided_by: arithmeticFilter('divided_by'),
  modulo: arithmeticFilter('modulo'),
  round: (value: unknown, places?: unknown) => round(toLiquidNumber(value), whole(places, 0)),
  ceil: (value: unknown) => ceil(toLiquidNumber(value)),
  floor: (value: unknown) => floor(toLiquidNumber(value)),
  abs: (value: unknown) => abs(toLiquidNumber(value)),
  at_least: function (this: FilterImpl, value: unknown, bound: unknown) {
    return atLeast(toLiquidNumber(value), argument(this, 0, bound));
  },
  at_most: function (this: FilterImpl, value: unknown, bound: unknown) {
    return atMost(toLiquidNumber(value), argument(this, 0, bound));
  },
};

const textFilters: Record<string, FilterHandler> = {
  /** Characters of a text (see characters.ts), items of an array, keys of an object. */
  size(value: unknown) {
    const v = toValue(value);
    if (typeof v === 'string') return characterCount(v);
    if (Array.isArray(v)) return v.length;
    if (v !== null && typeof v === 'object') return Object.keys(v).length;
    return 0;
  },
  /** Shopify's truncate: at most `length` characters, the ellipsis included, and the text as it is when it fits. */
  truncate(this: FilterImpl, value: unknown, length?: unknown, ellipsis?: unknown) {
    const text = liquidText(value);
    const max = whole(length, 50);
    const tail = ellipsis === undefined ? '...' : liquidText(ellipsis);
    this.context.memoryLimit.use(text.length + tail.length);
    if (characterCount(text) <= max) return text;
    return firstCharacters(text, Math.max(0, max - characterCount(tail))) + tail;
  },
  /** Shopify's truncatewords: the first `words` words and the ellipsis, only when there were more words. */
  truncatewords(this: FilterImpl, value: unknown, words?: unknown, ellipsis?: unknown) {
    const text = liquidText(value);
    const count = Math.max(1, whole(words, 15));
    const tail = ellipsis === undefined ? '...' : liquidText(ellipsis);
    this.context.memoryLimit.use(text.length + tail.length);
    const list = text.trim().split(/\s+/);
    if (list.length <= count) return text;
    return list.slice(0, count).join(' ') + tail;
  },
};

const builtinDefault = builtinFilters.default as FilterHandler;

/** Registers our filters on one of the two engines: `html` for the auto-escaped body, else subject, preheader, text. */
export function registerFilters(liquid: Liquid, html: boolean): void {
  liquid.registerFilter('date', function (this: FilterImpl, value: unknown, format?: unknown) {
    return formatDate(plain(value), format, formatOf(this));
  });
  liquid.registerFilter('money', function (this: FilterImpl, value: unknown, currency?: unknown) {
    return formatMoney(plain(value), currency, formatOf(this));
  });
  liquid.registerFilter('number', function (this: FilterImpl, value: unknown, digits?: unknown) {
    return formatNumber(plain(value), plain(digits), formatOf(this));
  });
  for (const [name, handler] of Object.entries({ ...mathFilters, ...textFilters, ...escapingFilters(html) })) liquid.registerFilter(name, handler);
  if (html) {
    // liquidjs' default hands back the text of what it is given: HTML already escaped would be escaped again
    liquid.registerFilter('default', function (this: FilterImpl, value: unknown, ...rest: unknown[]) {
      const chosen = builtinDefault.call(this, value, ...rest);
      return value instanceof SafeHtml && chosen === value.html ? value : chosen;
    });
  }
}
