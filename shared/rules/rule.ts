import { z } from 'zod';
import { Duration } from '../util/durationSchema.ts';
import { EventMatch } from './propertyFilter.ts';
import { TagName } from '../contacts/tags.ts';

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
  tag: TagName,
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

/**
 * The last occurrence of an event: 'opened in the last 2 weeks' (within) or 'no opens in the last 2 weeks'
 * (not within; a contact who never opened matches too).
 */
export const LastEventRule = z.object({
  type: z.literal('last-event'),
  event: EventMatch,
  within: z.boolean().default(true),
  window: Duration,
});

/** How the engagement score weighs events and how fast it forgets them. */
export const EngagementModel = z.object({
  /** Points per event name; names not listed count nothing. */
  weights: z.record(z.string().min(1), z.number().nonnegative()).default({
    email_opened: 1,
    email_clicked: 3,
    added_to_cart: 5,
    purchased: 10,
  }),
  /** An event's points halve after this many days. */
  halfLifeDays: z.number().positive().default(30),
});
export type EngagementModel = z.infer<typeof EngagementModel>;
export const defaultEngagementModel = (): EngagementModel => EngagementModel.parse({});

/** 'engagement score at least 20': the time-decayed, weighted sum of the contact's events. */
export const EngagementRule = z.object({
  type: z.literal('engagement'),
  op: z.enum(countOps),
  value: z.number().nonnegative(),
  model: EngagementModel.default(defaultEngagementModel),
});

export const rfmDimensions = ['recency', 'frequency', 'monetary'] as const;
export type RfmDimension = (typeof rfmDimensions)[number];

/** 'recency score 4 to 5': a score from 1 to 5 by quintile over the contacts who purchased. */
export const RfmScoreRule = z.object({
  type: z.literal('rfm-score'),
  dimension: z.enum(rfmDimensions),
  min: z.number().int().min(1).max(5),
  max: z.number().int().min(1).max(5),
});

export const rfmGroups = ['champions', 'loyal', 'new', 'potential-loyalist', 'at-risk', 'hibernating', 'lost'] as const;
export type RfmGroup = (typeof rfmGroups)[number];

/** One of the usual named RFM groups (see rfm.ts for how recency and frequency scores map to them). */
export const RfmGroupRule = z.object({
  type: z.literal('rfm-group'),
  group: z.enum(rfmGroups),
});

/** What a percentile ranks: a number attribute, or the engagement score. */
export const PercentileSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('attribute'), attribute: z.string().min(1, 'choose an attribute') }),
  z.object({ kind: z.literal('engagement'), model: EngagementModel.default(defaultEngagementModel) }),
]);
export type PercentileSource = z.infer<typeof PercentileSource>;

/** 'top 20% by lifetime_value': ranked against every contact that has a value. */
export const PercentileRule = z.object({
  type: z.literal('percentile'),
  of: PercentileSource,
  direction: z.enum(['top', 'bottom']).default('top'),
  percent: z.number().int().min(1).max(99),
});

export const lifecycleStages = ['new', 'active', 'lapsed', 'dormant'] as const;
export type LifecycleStage = (typeof lifecycleStages)[number];

/**
 * Where a contact is in their life with us, from their events: new (first event in the last `newDays`),
 * active (last event in the last `activeDays`), lapsed (in the last `lapsedDays`), else dormant.
 */
export const LifecycleThresholds = z.object({
  newDays: z.number().positive().default(30),
  activeDays: z.number().positive().default(30),
  lapsedDays: z.number().positive().default(90),
});
export type LifecycleThresholds = z.infer<typeof LifecycleThresholds>;

export const LifecycleRule = z.object({
  type: z.literal('lifecycle'),
  stage: z.enum(lifecycleStages),
  thresholds: LifecycleThresholds.default(() => LifecycleThresholds.parse({})),
});

export type AttributeRule = z.infer<typeof AttributeRule>;
export type LastEventRule = z.infer<typeof LastEventRule>;
export type EngagementRule = z.infer<typeof EngagementRule>;
export type RfmScoreRule = z.infer<typeof RfmScoreRule>;
export type RfmGroupRule = z.infer<typeof RfmGroupRule>;
export type PercentileRule = z.infer<typeof PercentileRule>;
export type LifecycleRule = z.infer<typeof LifecycleRule>;
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
  | SegmentRule
  | LastEventRule
  | EngagementRule
  | RfmScoreRule
  | RfmGroupRule
  | PercentileRule
  | LifecycleRule;

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
    LastEventRule,
    EngagementRule,
    RfmScoreRule,
    RfmGroupRule,
    PercentileRule,
    LifecycleRule,
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
  'last-event',
  'engagement',
  'rfm-score',
  'rfm-group',
  'percentile',
  'lifecycle',
  'all',
  'any',
  'not',
] as const satisfies readonly Rule['type'][];
