import type { AttributeRule, Rule } from '../../../shared/rules/rule.ts';
import type { Duration } from '../../../shared/util/duration.ts';
import { countries, customAttributes, firstNames, isoDay, locales, plans, sources, tagPool } from './contact.ts';
import { eventMatch } from './events.ts';
import type { Dice } from './random.ts';

/**
 * Rules over one contact: what dynamic segments hold (attributes, tags, event counts) and what a journey's
 * conditions and splits test (those, plus events since entry, the last event, email engagement, segment
 * membership and the lifecycle stage). Never the rules that rank a contact against the whole workspace
 * (RFM, percentiles) nor the engagement score.
 */

export interface RuleContext {
  /** Segments a rule may name. */
  segmentIds: readonly string[];
  /** Email steps made so far, for 'opened the email of step X'. */
  emailSteps: readonly string[];
  start: number;
}

/** A window such as 'in the last 30 days'. */
export function window(dice: Dice): Duration {
  return dice.pick<Duration>([
    { amount: dice.int(1, 48), unit: 'hours' },
    { amount: dice.int(1, 60), unit: 'days' },
    { amount: dice.int(1, 8), unit: 'weeks' },
  ]);
}

function attributeRule(dice: Dice, start: number): AttributeRule {
  const kind = dice.weighted({ text: 4, builtIn: 4, number: 3, boolean: 1, date: 2 });
  switch (kind) {
    case 'text': {
      const attribute = dice.pick(customAttributes.text);
      const pool = attribute === 'plan' ? plans : attribute === 'signup_source' ? sources : ['10', '42', '99'];
      return textRule(dice, attribute, pool);
    }
    case 'builtIn': {
      const attribute = dice.pick(['country', 'locale', 'first_name', 'consent', 'timezone'] as const);
      const pool: readonly string[] =
        attribute === 'country' ? countries : attribute === 'locale' ? locales : attribute === 'first_name' ? firstNames : attribute === 'consent' ? ['subscribed', 'unsubscribed', 'never-asked'] : ['Europe/Paris', 'Asia/Tokyo'];
      return textRule(dice, attribute, pool);
    }
    case 'number': {
      const attribute = dice.pick(['lifetime_value', 'score_text']);
      const op = dice.pick(['gt', 'lt', 'between', 'is-set', 'eq'] as const);
      if (op === 'between') return { type: 'attribute', attribute, op, value: [dice.int(0, 500), dice.int(500, 2000)] };
      if (op === 'is-set') return { type: 'attribute', attribute, op };
      return { type: 'attribute', attribute, op, value: dice.pick([0, 42, 100, 500, 1000]) };
    }
    case 'boolean':
      return dice.chance(0.7) ? { type: 'attribute', attribute: 'vip_flag', op: 'eq', value: dice.chance(0.5) } : { type: 'attribute', attribute: 'vip_flag', op: 'is-set' };
    case 'date': {
      const attribute = dice.pick(customAttributes.date);
      const op = dice.pick(['before', 'after', 'within-last-days'] as const);
      return op === 'within-last-days'
        ? { type: 'attribute', attribute, op, value: dice.int(1, 60) }
        : { type: 'attribute', attribute, op, value: isoDay(start, dice.int(-30, 30)) };
    }
  }
}

function textRule(dice: Dice, attribute: string, pool: readonly string[]): AttributeRule {
  const op = dice.pick(['eq', 'neq', 'contains', 'starts-with', 'in', 'is-set', 'is-not-set'] as const);
  if (op === 'is-set' || op === 'is-not-set') return { type: 'attribute', attribute, op };
  if (op === 'in') return { type: 'attribute', attribute, op, value: dice.some(pool, 1, 3) };
  const value = dice.pick(pool);
  return { type: 'attribute', attribute, op, value: op === 'eq' || op === 'neq' ? value : value.slice(0, dice.int(1, value.length)) };
}

function eventCountRule(dice: Dice): Rule {
  return {
    type: 'event-count',
    event: eventMatch(dice),
    op: dice.pick(['gt', 'gte', 'lt', 'lte', 'eq'] as const),
    count: dice.int(0, 3),
    window: dice.chance(0.6) ? window(dice) : null,
  };
}

/** A leaf a dynamic segment may hold. */
function segmentLeaf(dice: Dice, start: number): Rule {
  const kind = dice.weighted({ attribute: 4, tag: 3, count: 3 });
  if (kind === 'attribute') return attributeRule(dice, start);
  if (kind === 'tag') return { type: 'tag', tag: dice.pick(tagPool), has: dice.chance(0.75) };
  return eventCountRule(dice);
}

/** A dynamic segment's rule: attributes, tags and event counts, sometimes combined. */
export function segmentRule(dice: Dice, start: number, depth = 0): Rule {
  if (depth < 2 && dice.chance(0.3)) return combine(dice, () => segmentRule(dice, start, depth + 1));
  return segmentLeaf(dice, start);
}

/** A condition's or a split branch's rule. */
export function journeyRule(dice: Dice, context: RuleContext, depth = 0): Rule {
  if (depth < 2 && dice.chance(0.2)) return combine(dice, () => journeyRule(dice, context, depth + 1));
  const kind = dice.weighted({
    attribute: 5,
    tag: 4,
    count: 3,
    sinceEntry: 3,
    lastEvent: 2,
    engagement: context.emailSteps.length ? 3 : 0,
    segment: context.segmentIds.length ? 4 : 0,
    lifecycle: 1,
  });
  switch (kind) {
    case 'attribute':
      return attributeRule(dice, context.start);
    case 'tag':
      return { type: 'tag', tag: dice.pick(tagPool), has: dice.chance(0.75) };
    case 'count':
      return eventCountRule(dice);
    case 'sinceEntry':
      return { type: 'event-since-entry', event: eventMatch(dice), happened: dice.chance(0.7) };
    case 'lastEvent':
      return { type: 'last-event', event: eventMatch(dice), within: dice.chance(0.6), window: window(dice) };
    case 'engagement':
      return { type: 'email-engagement', stepId: dice.pick(context.emailSteps), action: dice.pick(['opened', 'clicked'] as const), happened: dice.chance(0.7) };
    case 'segment':
      return { type: 'segment', segmentId: dice.pick(context.segmentIds), member: dice.chance(0.75) };
    case 'lifecycle':
      return { type: 'lifecycle', stage: dice.pick(['new', 'active', 'lapsed', 'dormant'] as const), thresholds: { newDays: 30, activeDays: 30, lapsedDays: 90 } };
  }
}

function combine(dice: Dice, make: () => Rule): Rule {
  const kind = dice.weighted({ all: 2, any: 2, not: 1 });
  if (kind === 'not') return { type: 'not', rule: make() };
  return { type: kind, rules: Array.from({ length: dice.int(1, 3) }, make) };
}
