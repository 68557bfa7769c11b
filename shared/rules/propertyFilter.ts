import { z } from 'zod';

/** A test on one property of an event, e.g. added_to_cart with value > 50. */
export const PropertyFilter = z.object({
  property: z.string().min(1, 'name the property'),
  op: z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'exists']),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
});
export type PropertyFilter = z.infer<typeof PropertyFilter>;

/** An event name plus the filters its properties must pass. */
export const EventMatch = z.object({
  name: z.string().min(1, 'name the event'),
  filters: z.array(PropertyFilter).default([]),
});
export type EventMatch = z.infer<typeof EventMatch>;

export type EventProperties = Record<string, unknown>;

function compare(actual: unknown, filter: PropertyFilter): boolean {
  const { op, value } = filter;
  if (op === 'exists') return actual !== undefined && actual !== null;
  if (actual === undefined || actual === null) return false;
  switch (op) {
    case 'eq':
      return actual == value; // loose on purpose: CSV imports turn 50 into "50"
    case 'neq':
      return actual != value;
    case 'contains':
      return Array.isArray(actual)
        ? actual.some((item) => item == value)
        : String(actual).toLowerCase().includes(String(value ?? '').toLowerCase());
    default: {
      const a = Number(actual);
      const b = Number(value);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return op === 'gt' ? a > b : op === 'gte' ? a >= b : op === 'lt' ? a < b : a <= b;
    }
  }
}

export function matchesFilters(properties: EventProperties, filters: readonly PropertyFilter[]): boolean {
  return filters.every((f) => compare(properties[f.property], f));
}

export function matchesEvent(
  event: { name: string; properties: EventProperties },
  match: EventMatch,
): boolean {
  return event.name === match.name && matchesFilters(event.properties, match.filters);
}

const opWords: Record<PropertyFilter['op'], string> = { eq: '=', neq: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤', contains: 'contains', exists: 'exists' };

/** A filter in words: 'value > 50', 'coupon exists'. */
export const describeFilter = (filter: PropertyFilter): string =>
  filter.op === 'exists' ? `${filter.property} exists` : `${filter.property} ${opWords[filter.op]} ${JSON.stringify(filter.value ?? null)}`;

/** The first filter the properties fail, in words with the value they have, or undefined when all pass. */
export function failedFilter(properties: EventProperties, filters: readonly PropertyFilter[]): string | undefined {
  const failed = filters.find((f) => !compare(properties[f.property], f));
  if (!failed) return undefined;
  const actual = properties[failed.property];
  return `${describeFilter(failed)} does not hold (${failed.property} is ${actual === undefined ? 'missing' : JSON.stringify(actual)})`;
}
