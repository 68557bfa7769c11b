import { matchesFilters, type EventMatch, type PropertyFilter } from '../../../shared/rules/propertyFilter.ts';
import type { Dice } from './random.ts';

/**
 * The behavioural events a case's contact can have, with realistic properties (a cart's items, an order's
 * amount), and event matches with property filters whose values sometimes match what the events carry.
 */

const products = [
  { name: 'Trail shoes', category: 'shoes', price: 90 },
  { name: 'City sneakers', category: 'shoes', price: 65 },
  { name: 'Canvas tote', category: 'bags', price: 25 },
  { name: 'Leather backpack', category: 'bags', price: 140 },
  { name: 'Wool beanie', category: 'hats', price: 18 },
] as const;

export const eventNames = ['added_to_cart', 'product_viewed', 'purchased', 'page_viewed', 'signed_up', 'upgraded', 'email_opened', 'email_clicked'] as const;
export type EventName = (typeof eventNames)[number];

/** The names a trigger, a goal, a wait or a rule is likely to be about (opens and clicks come from emails). */
export const behaviourNames: readonly EventName[] = ['added_to_cart', 'product_viewed', 'purchased', 'page_viewed', 'signed_up', 'upgraded'];

function items(dice: Dice) {
  return dice.some(products, 1, 3).map((p) => ({ name: p.name, category: p.category, price: p.price, quantity: dice.int(1, 3) }));
}

const total = (list: ReturnType<typeof items>) => list.reduce((sum, i) => sum + i.price * i.quantity, 0);

/** The properties an event of this name carries. */
export function propertiesFor(dice: Dice, name: EventName): Record<string, unknown> {
  switch (name) {
    case 'added_to_cart': {
      const list = items(dice);
      const properties: Record<string, unknown> = { value: total(list), category: list[0].category, items: list };
      if (dice.chance(0.3)) properties.currency = dice.pick(['USD', 'EUR', 'GBP']);
      return properties;
    }
    case 'product_viewed': {
      const p = dice.pick(products);
      return { product_id: `p_${p.category}_${p.price}`, name: p.name, category: p.category, price: p.price };
    }
    case 'purchased': {
      const list = items(dice);
      return dice.chance(0.7) ? { amount: total(list), items: list } : { items: list };
    }
    case 'page_viewed':
      return { path: dice.pick(['/pricing', '/blog/spring', '/docs/start', '/account']) };
    case 'signed_up':
      return { source: dice.pick(['ads', 'organic', 'referral']) };
    case 'upgraded':
      return { plan: dice.pick(['pro', 'team']) };
    case 'email_opened':
    case 'email_clicked':
      return {};
  }
}

/** A property filter on what events of this name carry; values drawn from the same pools, so some match. */
function filterFor(dice: Dice, name: EventName): PropertyFilter | null {
  const number = (property: string, values: readonly number[]): PropertyFilter => ({
    property,
    op: dice.pick(['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const),
    value: dice.pick(values),
  });
  switch (name) {
    case 'added_to_cart':
      return dice.pick([
        number('value', [25, 50, 90, 150, 300]),
        { property: 'category', op: dice.pick(['eq', 'neq', 'contains'] as const), value: dice.pick(['shoes', 'bags', 'hat']) },
        { property: 'items', op: 'exists' },
        { property: 'currency', op: 'eq', value: 'EUR' },
      ]);
    case 'product_viewed':
      return dice.pick([number('price', [18, 65, 100]), { property: 'category', op: 'eq', value: dice.pick(['shoes', 'bags', 'hats']) }]);
    case 'purchased':
      return dice.pick([number('amount', [50, 100, 200]), { property: 'amount', op: 'exists' }]);
    case 'page_viewed':
      return { property: 'path', op: 'contains', value: dice.pick(['pricing', 'blog', 'docs']) };
    case 'signed_up':
      return { property: 'source', op: dice.pick(['eq', 'neq'] as const), value: dice.pick(['ads', 'organic', 'referral']) };
    case 'upgraded':
      return { property: 'plan', op: 'eq', value: dice.pick(['pro', 'team']) };
    case 'email_opened':
    case 'email_clicked':
      return null;
  }
}

/** An event match: a name, and with some probability one or two property filters. */
export function eventMatch(dice: Dice, name: EventName = dice.pick(behaviourNames), filterChance = 0.35): EventMatch {
  const filters: PropertyFilter[] = [];
  if (dice.chance(filterChance)) {
    const count = dice.chance(0.25) ? 2 : 1;
    for (let i = 0; i < count; i++) {
      const filter = filterFor(dice, name);
      if (filter) filters.push(filter);
    }
  }
  return { name, filters };
}

/** Properties that pass the match's filters where the filters allow it (for a trigger event meant to admit). */
export function propertiesMatching(dice: Dice, match: EventMatch): Record<string, unknown> {
  const name = match.name as EventName;
  for (let attempt = 0; attempt < 30; attempt++) {
    const properties = propertiesFor(dice, name);
    if (matchesFilters(properties, match.filters)) return properties;
  }
  return propertiesFor(dice, name);
}
