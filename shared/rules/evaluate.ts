import { durationMs } from '../util/duration.ts';
import { matchesEvent } from './propertyFilter.ts';
import type { AttributeRule, Rule } from './rule.ts';
import type { ContactView, JourneyScope } from './contactView.ts';
import { engagementScore } from './engagement.ts';
import { lifecycleStage } from './lifecycle.ts';
import { percentileBound, percentileKey, type PopulationStats } from './population.ts';
import { rfmGroupOf, rfmMeasures, rfmScore } from './rfm.ts';

export interface EvaluationContext {
  /** The moment 'in the last N days' counts back from. */
  now: number;
  /** Present inside a journey; rules about the journey are false outside one. */
  journey?: JourneyScope;
  /**
   * RFM cut points and percentile distributions over all contacts, for the rules that rank a contact
   * against everybody (rfm-score, rfm-group, percentile). Without them those rules are false.
   */
  population?: PopulationStats;
  /**
   * The workspace's segments by id, so that 'is in segment X' means what the segment screen counts: a dynamic
   * segment's rule evaluated on the contact at `now`, a static list's membership from `contact.segments`.
   * Without it every segment reads from `contact.segments`.
   */
  segments?: SegmentLookup;
  /** Dynamic segments being evaluated further up (a segment that refers to itself reads its stored members, as in SQL). */
  visitingSegments?: ReadonlySet<string>;
}

/** A segment's definition, as the SQL compiler's CompileContext.segment gives it too. */
export type SegmentLookup = (id: string) => { kind: 'dynamic' | 'static'; rule: Rule } | undefined;

const DAY = 86_400_000;

/**
 * Whether the contact is in a segment at `context.now`, exactly as the SQL compiler decides it (compileRule.ts):
 * a dynamic segment's rule is evaluated in place (outside any journey: journey-scoped rules inside a segment see
 * no journey), a static one (or a dynamic one already being evaluated) by its stored members.
 */
export function inSegment(segmentId: string, contact: ContactView, context: EvaluationContext): boolean {
  const segment = context.segments?.(segmentId);
  const visiting = context.visitingSegments;
  if (segment?.kind === 'dynamic' && !visiting?.has(segmentId)) {
    const inner: EvaluationContext = {
      now: context.now,
      population: context.population,
      segments: context.segments,
      visitingSegments: new Set([...(visiting ?? []), segmentId]),
    };
    return evaluateRule(segment.rule, contact, inner);
  }
  if (context.segments && !segment) return false; // a deleted segment has no members
  return contact.segments?.has(segmentId) ?? false;
}

/**
 * The in-memory half of the rule model: does this contact match this rule now? Its SQL twin must give the
 * same answer for every contact; a property test holds them together.
 */
export function evaluateRule(rule: Rule, contact: ContactView, context: EvaluationContext): boolean {
  switch (rule.type) {
    case 'all':
      return rule.rules.every((r) => evaluateRule(r, contact, context));
    case 'any':
      return rule.rules.some((r) => evaluateRule(r, contact, context));
    case 'not':
      return !evaluateRule(rule.rule, contact, context);
    case 'tag':
      return contact.tags.has(rule.tag) === rule.has;
    case 'attribute':
      return evaluateAttribute(rule, contact.attributes[rule.attribute], context.now);
    case 'event-count': {
      const since = rule.window ? context.now - durationMs(rule.window) : -Infinity;
      const count = contact.events.filter((e) => e.at > since && e.at <= context.now && matchesEvent(e, rule.event)).length;
      return compareCount(count, rule.op, rule.count);
    }
    case 'event-since-entry': {
      const journey = context.journey;
      if (!journey) return !rule.happened;
      const happened = contact.events.some((e) => e.at >= journey.enteredAt && e.at <= context.now && matchesEvent(e, rule.event));
      return happened === rule.happened;
    }
    case 'email-engagement': {
      const engagement = context.journey?.emailEngagement.get(rule.stepId);
      const at = rule.action === 'opened' ? (engagement?.openedAt ?? engagement?.clickedAt) : engagement?.clickedAt;
      return (at !== undefined && at <= context.now) === rule.happened;
    }
    case 'segment':
      return inSegment(rule.segmentId, contact, context) === rule.member;
    case 'last-event': {
      const since = context.now - durationMs(rule.window);
      const happened = contact.events.some((e) => e.at > since && e.at <= context.now && matchesEvent(e, rule.event));
      return happened === rule.within;
    }
    case 'engagement':
      return compareCount(engagementScore(contact.events, rule.model, context.now), rule.op, rule.value);
    case 'rfm-score':
    case 'rfm-group': {
      const cuts = context.population?.rfm;
      const measures = rfmMeasures(contact.events, context.now);
      if (!cuts || cuts.recency.length === 0 || !measures) return false;
      if (rule.type === 'rfm-group') {
        return rfmGroupOf(rfmScore('recency', measures, cuts), rfmScore('frequency', measures, cuts)) === rule.group;
      }
      const score = rfmScore(rule.dimension, measures, cuts);
      return score >= rule.min && score <= rule.max;
    }
    case 'percentile': {
      const bound = percentileBound(context.population?.quantiles?.[percentileKey(rule.of)] ?? [], rule.direction, rule.percent);
      const value =
        rule.of.kind === 'engagement'
          ? engagementScore(contact.events, rule.of.model, context.now)
          : attributeNumber(contact.attributes[rule.of.attribute]);
      if (!bound || value === undefined) return false;
      return bound.op === '>=' ? value >= bound.value : value <= bound.value;
    }
    case 'lifecycle':
      return lifecycleStage(contact.events, rule.thresholds, context.now, contact.createdAt) === rule.stage;
  }
}

/** An attribute as a number, for ranking: numbers, and text that is a whole number or decimal. */
export function attributeNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || !/^\s*-?\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}

export function compareCount(count: number, op: 'gt' | 'gte' | 'lt' | 'lte' | 'eq', target: number): boolean {
  switch (op) {
    case 'gt':
      return count > target;
    case 'gte':
      return count >= target;
    case 'lt':
      return count < target;
    case 'lte':
      return count <= target;
    case 'eq':
      return count === target;
  }
}

const isSet = (value: unknown) => value !== undefined && value !== null && value !== '';

/** A date attribute as epoch ms: ISO strings ('2024-05-01', full timestamps) or numbers. */
export function toTime(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || !value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/** One attribute test; the SQL compiler calls this same function inside SQLite, so both agree. */
export function evaluateAttribute(rule: AttributeRule, actual: unknown, now: number): boolean {
  const expected = rule.value;
  switch (rule.op) {
    case 'is-set':
      return isSet(actual);
    case 'is-not-set':
      return !isSet(actual);
    case 'eq':
      return isSet(actual) && String(actual).toLowerCase() === String(expected).toLowerCase();
    case 'neq':
      return !isSet(actual) || String(actual).toLowerCase() !== String(expected).toLowerCase();
    case 'contains':
      return Array.isArray(actual)
        ? actual.some((item) => String(item).toLowerCase() === String(expected).toLowerCase())
        : isSet(actual) && String(actual).toLowerCase().includes(String(expected).toLowerCase());
    case 'starts-with':
      return isSet(actual) && String(actual).toLowerCase().startsWith(String(expected).toLowerCase());
    case 'in':
      return isSet(actual) && Array.isArray(expected) && expected.some((v) => String(v).toLowerCase() === String(actual).toLowerCase());
    case 'gt':
    case 'lt': {
      const a = Number(actual);
      const b = Number(expected);
      if (!isSet(actual) || Number.isNaN(a) || Number.isNaN(b)) return false;
      return rule.op === 'gt' ? a > b : a < b;
    }
    case 'between': {
      const a = Number(actual);
      if (!isSet(actual) || Number.isNaN(a) || !Array.isArray(expected) || expected.length !== 2) return false;
      return a >= Number(expected[0]) && a <= Number(expected[1]);
    }
    case 'before':
    case 'after': {
      const a = toTime(actual);
      const b = toTime(expected);
      if (a === undefined || b === undefined) return false;
      return rule.op === 'before' ? a < b : a > b;
    }
    case 'within-last-days': {
      const a = toTime(actual);
      const days = Number(expected);
      if (a === undefined || Number.isNaN(days)) return false;
      return a <= now && a >= now - days * DAY;
    }
  }
}
