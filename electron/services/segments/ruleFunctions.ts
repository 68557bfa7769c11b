import type { Db } from '../../store/database.ts';
import { attributeNumber, evaluateAttribute } from '../../../shared/rules/evaluate.ts';
import { matchesFilters, type PropertyFilter } from '../../../shared/rules/propertyFilter.ts';
import type { AttributeRule } from '../../../shared/rules/rule.ts';

const parse = (json: string | null): unknown => (json === null ? undefined : JSON.parse(json));

/** Parsed rule operands by their JSON text: a segment count calls these once per row with the same operand. */
function memoParse<T>() {
  const cache = new Map<string, T>();
  return (json: string): T => {
    let value = cache.get(json);
    if (value === undefined) {
      value = JSON.parse(json) as T;
      if (cache.size > 1000) cache.clear();
      cache.set(json, value);
    }
    return value;
  };
}

/**
 * The value comparisons of the rule model, registered as SQLite functions so that the compiled SQL calls
 * the very code the in-memory evaluator runs (attribute operators with their loose, case-insensitive
 * matching; event property filters; numbers for ranking). Rewriting them in SQL would give a second
 * definition of 'equals' that drifts. Row selection, windows, counts and aggregates stay in plain SQL.
 */
export function registerRuleFunctions(db: Db): void {
  const expected = memoParse<AttributeRule['value'] | null>();
  const filters = memoParse<PropertyFilter[]>();
  db.function('js_attribute', { deterministic: true }, (op, valueJson, expectedJson, now) => {
    const rule = { type: 'attribute', attribute: '', op, value: expected(expectedJson as string) ?? undefined } as AttributeRule;
    return evaluateAttribute(rule, parse(valueJson as string | null), Number(now)) ? 1 : 0;
  });
  db.function('js_event_filters', { deterministic: true }, (propertiesJson, filtersJson) =>
    matchesFilters(JSON.parse(propertiesJson as string) as Record<string, unknown>, filters(filtersJson as string)) ? 1 : 0,
  );
  db.function('js_number', { deterministic: true }, (valueJson) => attributeNumber(parse(valueJson as string | null)) ?? null);
}
