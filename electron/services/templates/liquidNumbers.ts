import { toValue } from 'liquidjs';

/**
 * Numbers as Shopify's Liquid has them, since marketers' templates come from there. Liquid runs on Ruby: an integer
 * stays an integer (7 divided by 2 is 3), and a float is turned into a decimal as written before any arithmetic
 * (Liquid's Utils.to_number makes it a BigDecimal), so 0.1 plus 0.2 is 0.3 and 100 times 1.15 is 115.0 rather than
 * JavaScript's 0.30000000000000004 and 114.99999999999999. The decimals here are BigInt digits and a scale.
 */

/**
 * A float that arithmetic produced: printed as Ruby prints floats (115.0, 0.3) and still a float when assigned and
 * used again (`{% assign f = 7 | times: 1.0 %}{{ 20 | divided_by: f }}` is 2.857142857142857, as in Shopify's docs).
 * Not a liquidjs Drop, which would be unwrapped to a bare number before printing and lose its ".0".
 */
export class LiquidFloat {
  readonly value: number;

  constructor(value: number) {
    this.value = value;
  }

  valueOf(): number {
    return this.value;
  }

  toString(): string {
    return rubyFloatText(this.value);
  }

  toJSON(): number {
    return this.value;
  }

  // liquidjs' Comparable, for ==, !=, <, >, <=, >= and case/when: a float equals the same number, as in Ruby (1.0 == 1)
  equals(other: unknown): boolean {
    const value = toValue(other);
    return (value instanceof LiquidFloat ? value.value : value) === this.value;
  }

  gt(other: unknown): boolean {
    return this.value > comparable(other);
  }

  geq(other: unknown): boolean {
    return this.value >= comparable(other);
  }

  lt(other: unknown): boolean {
    return this.value < comparable(other);
  }

  leq(other: unknown): boolean {
    return this.value <= comparable(other);
  }
}

/** The other side of an order comparison, coerced as liquidjs coerces two plain values. */
const comparable = (other: unknown) => toValue(other) as number;

/** Ruby's Float#to_s: the shortest digits, ".0" on whole numbers, exponent form below 0.0001 and from 1e16. */
export function rubyFloatText(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (n === 0) return '0.0';
  const [mantissa, exponent] = n.toExponential().split('e');
  const sign = n < 0 ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  const point = Number(exponent) + 1; // digits before the decimal point
  if (point > 16 || point < -3) {
    const e = point - 1;
    return `${sign}${digits[0]}.${digits.slice(1) || '0'}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A number and whether Ruby would hold it as a float. */
export interface LiquidNumber {
  n: number;
  float: boolean;
}

/**
 * Liquid's Utils.to_number: a float stays a float, a whole number is an integer (JSON and SQLite keep no difference
 * between 10 and 10.0), a text like "3.50" is a float and any other text reads its leading integer ("12 items" is 12,
 * "abc" is 0); anything else is 0.
 */
export function toLiquidNumber(value: unknown): LiquidNumber {
  const v = toValue(value);
  if (v instanceof LiquidFloat) return { n: v.value, float: true };
  if (typeof v === 'number') return { n: v, float: !Number.isInteger(v) };
  if (typeof v === 'string') {
    const text = v.trim();
    if (/^-?\d+\.\d+$/.test(text)) return { n: Number(text), float: true };
    const n = parseInt(text, 10);
    return { n: Number.isNaN(n) ? 0 : n, float: false };
  }
  return { n: 0, float: false };
}

/** What an arithmetic filter gives: an integer as a plain number, a float as a LiquidFloat. */
export type LiquidNumeric = number | LiquidFloat;

const result = (n: number, float: boolean): LiquidNumeric => (float ? new LiquidFloat(n) : n === 0 ? 0 : n);

/** An exact decimal: digits / 10^scale. */
interface Decimal {
  digits: bigint;
  scale: number;
}

/** The decimal a float is written as (Ruby's BigDecimal(float.to_s)); JavaScript and Ruby write the same digits. */
function toDecimal(n: number): Decimal {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(n))!;
  const fraction = m[3] ?? '';
  let digits = BigInt(`${m[1]}${m[2]}${fraction}`);
  let scale = fraction.length - Number(m[4] ?? 0);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits, scale };
}

/** The nearest double of a decimal (BigDecimal#to_f). */
const fromDecimal = (d: Decimal): number => Number(`${d.digits}e-${d.scale}`);

/** Two decimals brought to the same scale. */
function aligned(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.digits * 10n ** BigInt(scale - a.scale), b.digits * 10n ** BigInt(scale - b.scale), scale];
}

const digitCount = (n: bigint) => (n < 0n ? -n : n).toString().length;

export type Operation = 'plus' | 'minus' | 'times' | 'divided_by' | 'modulo';

/**
 * Integers as Ruby's Integer: division and modulo round toward negative infinity (-7 / 2 is -4, -7 % 3 is 2). With
 * `whole` false, the same on doubles, for the infinities that decimals cannot hold.
 */
function doubleOperation(operation: Operation, a: number, b: number, whole: boolean): number {
  switch (operation) {
    case 'plus': return a + b;
    case 'minus': return a - b;
    case 'times': return a * b;
    case 'divided_by': return whole ? Math.floor(a / b) : a / b;
    case 'modulo': return ((a % b) + b) % b;
  }
}

/** Floats as Liquid's BigDecimal arithmetic: exact on the decimals as written, then the nearest double. */
function decimalOperation(operation: Operation, x: number, y: number): number {
  const a = toDecimal(x);
  const b = toDecimal(y);
  switch (operation) {
    case 'plus':
    case 'minus': {
      const [p, q, scale] = aligned(a, b);
      return fromDecimal({ digits: operation === 'plus' ? p + q : p - q, scale });
    }
    case 'times':
      return fromDecimal({ digits: a.digits * b.digits, scale: a.scale + b.scale });
    case 'divided_by': {
      const numerator = a.digits * 10n ** BigInt(b.scale);
      const denominator = b.digits * 10n ** BigInt(a.scale);
      // 25 significant digits and more: past what a double holds, so the nearest double is the quotient's
      const scale = 25 + Math.max(0, digitCount(denominator) - digitCount(numerator));
      return fromDecimal({ digits: (numerator * 10n ** BigInt(scale)) / denominator, scale });
    }
    case 'modulo': {
      const [p, q, scale] = aligned(a, b);
      let rest = p % q;
      if (rest !== 0n && rest < 0n !== q < 0n) rest += q; // Ruby's modulo takes the divisor's sign
      return fromDecimal({ digits: rest, scale });
    }
  }
}

/**
 * plus, minus, times, divided_by and modulo as Shopify's Liquid: integer with integer is integer arithmetic, a float
 * on either side makes it decimal arithmetic with a float result. Dividing by zero is an error, as in Liquid ("divided
 * by 0"), rather than an Infinity or NaN printed into an email.
 */
export function arithmetic(operation: Operation, a: LiquidNumber, b: LiquidNumber): LiquidNumeric {
  if ((operation === 'divided_by' || operation === 'modulo') && b.n === 0) throw new Error(`divided by 0 (${operation}: 0)`);
  const float = a.float || b.float;
  if (!float) return result(doubleOperation(operation, a.n, b.n, true), false);
  if (!Number.isFinite(a.n) || !Number.isFinite(b.n)) return result(doubleOperation(operation, a.n, b.n, false), true);
  return result(decimalOperation(operation, a.n, b.n), true);
}

/** A decimal rounded to `places` (negative: tens, hundreds), half away from zero as BigDecimal and Integer round. */
function roundDecimal(d: Decimal, places: number): Decimal {
  if (d.scale <= places) return d;
  const factor = 10n ** BigInt(d.scale - places);
  const negative = d.digits < 0n;
  const abs = negative ? -d.digits : d.digits;
  let rounded = abs / factor;
  if ((abs % factor) * 2n >= factor) rounded += 1n;
  const digits = negative ? -rounded : rounded;
  return places >= 0 ? { digits, scale: places } : { digits: digits * 10n ** BigInt(-places), scale: 0 };
}

/** Liquid's round: to an integer without places; with places a float stays a float and an integer an integer. */
export function round(a: LiquidNumber, places: number): LiquidNumeric {
  if (!Number.isFinite(a.n)) return result(a.n, a.float);
  const n = fromDecimal(roundDecimal(toDecimal(a.n), places));
  return result(n, places !== 0 && a.float);
}

/** abs keeps a float a float. */
export const abs = (a: LiquidNumber): LiquidNumeric => result(Math.abs(a.n), a.float);

/** at_least / at_most: the larger / smaller of the two, as it is (Ruby's [a, b].max). */
export const atLeast = (a: LiquidNumber, b: LiquidNumber): LiquidNumeric => (b.n > a.n ? result(b.n, b.float) : result(a.n, a.float));
export const atMost = (a: LiquidNumber, b: LiquidNumber): LiquidNumeric => (b.n < a.n ? result(b.n, b.float) : result(a.n, a.float));

/** ceil and floor give integers. */
export const ceil = (a: LiquidNumber): number => result(Math.ceil(a.n), false) as number;
export const floor = (a: LiquidNumber): number => result(Math.floor(a.n), false) as number;
