import type { z } from 'zod';
import { formatPath } from '../../../shared/journey/problems.ts';

/** Field path ('trigger.event.name', 'variants[0].percent') to the first message the schema gives for it. */
export type FieldErrors = ReadonlyMap<string, string>;

export const noErrors: FieldErrors = new Map();

/** Checks a value against a shared schema and keys each message by the field it concerns. */
export function fieldErrors(schema: z.ZodType, value: unknown): FieldErrors {
  const result = schema.safeParse(value);
  if (result.success) return noErrors;
  const errors = new Map<string, string>();
  for (const issue of result.error.issues) {
    const path = formatPath(issue.path);
    if (!errors.has(path)) errors.set(path, issue.message);
  }
  return errors;
}

/** The errors under `prefix`, re-keyed relative to it, for a sub-form. */
export function scoped(errors: FieldErrors, prefix: string): FieldErrors {
  if (errors.size === 0) return errors;
  const out = new Map<string, string>();
  for (const [path, message] of errors) {
    if (path === prefix) out.set('', message);
    else if (path.startsWith(`${prefix}.`)) out.set(path.slice(prefix.length + 1), message);
    else if (path.startsWith(`${prefix}[`)) out.set(path.slice(prefix.length), message);
  }
  return out;
}

export const join = (prefix: string, key: string | number) => (typeof key === 'number' ? `${prefix}[${key}]` : prefix ? `${prefix}.${key}` : key);
