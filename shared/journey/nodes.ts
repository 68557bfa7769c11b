import { z } from 'zod';
import { Duration } from '../util/durationSchema.ts';
import { EventMatch } from '../rules/propertyFilter.ts';
import { Rule } from '../rules/rule.ts';
import { Trigger } from './triggers.ts';
import { Wait } from './waits.ts';
import { TagName } from '../contacts/tags.ts';
import { Id } from './id.ts';
import { MAX_NAME_CHARS } from '../limits.ts';

/**
 * One schema per node kind. A node is { id, kind, name, config }; the config's shape depends on the kind.
 * Outcome ids (the handles edges leave from) are derived from the config in outcomes.ts.
 */
const Hour = z.number().int().min(0).max(24);

export const configSchemas = {
  trigger: z.object({ trigger: Trigger }),
  wait: z.object({ wait: Wait }),
  'wait-for-event': z.object({ event: EventMatch, timeout: Duration }),
  condition: z.object({ rule: Rule }),
  split: z.object({
    branches: z
      .array(z.object({ id: z.string().min(1), label: z.string().min(1, 'name the branch'), rule: Rule }))
      .min(1, 'add at least one branch'),
  }),
  'ab-split': z.object({
    variants: z
      .array(
        z.object({
          id: z.string().min(1),
          name: z.string().min(1, 'name the variant'),
          percent: z.number().min(0).max(100),
        }),
      )
      .min(2, 'an A/B split needs at least two variants')
      .refine(
        (variants) => Math.abs(variants.reduce((sum, v) => sum + v.percent, 0) - 100) < 1e-9,
        'the percents must add up to 100',
      ),
  }),
  email: z.object({
    templateId: z.string({ message: 'choose a template' }).min(1, 'choose a template'),
    /** Send only between these hours of the contact's day; null sends at any hour. */
    sendWindow: z
      .object({ startHour: Hour, endHour: Hour })
      .refine((w) => w.startHour !== w.endHour, 'the window must not be empty')
      .nullable()
      .default(null),
  }),
  'update-contact': z.object({
    actions: z
      .array(
        z.discriminatedUnion('op', [
          z.object({
            op: z.literal('set-attribute'),
            attribute: z.string().min(1, 'choose an attribute'),
            value: z.union([z.string(), z.number(), z.boolean()]),
          }),
          z.object({ op: z.literal('clear-attribute'), attribute: z.string().min(1, 'choose an attribute') }),
          z.object({ op: z.literal('add-tag'), tag: TagName }),
          z.object({ op: z.literal('remove-tag'), tag: TagName }),
        ]),
      )
      .min(1, 'add at least one change'),
  }),
  goal: z.object({
    goal: z.discriminatedUnion('type', [
      z.object({ type: z.literal('event'), event: EventMatch }),
      z.object({ type: z.literal('segment'), segmentId: z.string().min(1, 'choose a segment') }),
    ]),
  }),
  exit: z.object({}),
} as const;

export type NodeKind = keyof typeof configSchemas;
export const nodeKinds = Object.keys(configSchemas) as NodeKind[];
export type NodeConfig<K extends NodeKind> = z.infer<(typeof configSchemas)[K]>;

function nodeSchema<K extends NodeKind>(kind: K) {
  return z.object({
    id: Id,
    kind: z.literal(kind),
    name: z.string().max(MAX_NAME_CHARS).default(''),
    config: configSchemas[kind],
  });
}

export const JourneyNode = z.discriminatedUnion('kind', [
  nodeSchema('trigger'),
  nodeSchema('wait'),
  nodeSchema('wait-for-event'),
  nodeSchema('condition'),
  nodeSchema('split'),
  nodeSchema('ab-split'),
  nodeSchema('email'),
  nodeSchema('update-contact'),
  nodeSchema('goal'),
  nodeSchema('exit'),
]);
export type JourneyNode = z.infer<typeof JourneyNode>;
export type NodeOf<K extends NodeKind> = Extract<JourneyNode, { kind: K }>;
