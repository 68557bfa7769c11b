import { z } from 'zod';
import { Duration } from '../util/duration.ts';
import { EventMatch } from './propertyFilter.ts';

/**
 * The one rule model. Segments, journey conditions and split branches all hold a Rule; it is
 * evaluated in SQL over the store and in memory over one contact (the two must agree).
 */
export const attributeOps = [
  'eq',
  'neq',
  'contains',
  'starts-with',
  'gt',
  'lt',
  'between',
  'is-set',
  'is-not-set',
  'in',
  'before',
  'after',
  'within-last-days',
] as const;

export const countOps = ['gt', 'gte', 'lt', 'lte', 'eq'] as const;

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const AttributeRule = z.object({
  type: z.literal('attribute'),
  attribute: z.string().min(1, 'choose an attribute'),
  op: z.enum(attributeOps),
  value: z.union([Scalar, z.array(Scalar)]).optional(),
});

export const TagRule = z.object({
  type: z.literal('tag'),
  tag: z.string().min(1, 'name the tag'),
  has: z.boolean().default(true),
});

/** 'more than 5 email_opened in the last 30 days'; window null means all time. */
export const EventCountRule = z.object({
  type: z.literal('event-count'),
  event: EventMatch,
  op: z.enum(countOps),
  count: z.number().int().nonnegative(),
  window: Duration.nullable().default(null),
});

/** 'purchased since entering this journey' (only meaningful inside a journey). */
export const EventSinceEntryRule = z.object({
  type: z.literal('event-since-entry'),
  event: EventMatch,
  happened: z.boolean().default(true),
});

/** 'opened the email of step X' of this journey. */
export const EmailEngagementRule = z.object({
  type: z.literal('email-engagement'),
  stepId: z.string().min(1, 'choose an email step'),
  action: z.enum(['opened', 'clicked']),
  happened: z.boolean().default(true),
});

export const SegmentRule = z.object({
  type: z.literal('segment'),
  segmentId: z.string().min(1, 'choose a segment'),
  member: z.boolean().default(true),
});

export type AttributeRule = z.infer<typeof AttributeRule>;
export type TagRule = z.infer<typeof TagRule>;
export type EventCountRule = z.infer<typeof EventCountRule>;
export type EventSinceEntryRule = z.infer<typeof EventSinceEntryRule>;
export type EmailEngagementRule = z.infer<typeof EmailEngagementRule>;
export type SegmentRule = z.infer<typeof SegmentRule>;

export type LeafRule =
  | AttributeRule
  | TagRule
  | EventCountRule
  | EventSinceEntryRule
  | EmailEngagementRule
  | SegmentRule;

export type Rule =
  | LeafRule
  | { type: 'all'; rules: Rule[] }
  | { type: 'any'; rules: Rule[] }
  | { type: 'not'; rule: Rule };

export const Rule: z.ZodType<Rule> = z.lazy(() =>
  z.discriminatedUnion('type', [
    AttributeRule,
    TagRule,
    EventCountRule,
    EventSinceEntryRule,
    EmailEngagementRule,
    SegmentRule,
    z.object({ type: z.literal('all'), rules: z.array(Rule) }),
    z.object({ type: z.literal('any'), rules: z.array(Rule) }),
    z.object({ type: z.literal('not'), rule: Rule }),
  ]),
) as z.ZodType<Rule>;

export const ruleKinds = [
  'attribute',
  'tag',
  'event-count',
  'event-since-entry',
  'email-engagement',
  'segment',
  'all',
  'any',
  'not',
] as const satisfies readonly Rule['type'][];
