import { toValue } from 'liquidjs';

/** A value as Liquid prints it: text as it is, nil as nothing, an array's items one after another, else String(). */
export function liquidText(value: unknown): string {
  const v = toValue(value);
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(liquidText).join('');
  return String(v);
}
