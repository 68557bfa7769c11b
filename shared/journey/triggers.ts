import { z } from 'zod';
import { EventMatch } from '../rules/propertyFilter.ts';
import { TagName } from '../contacts/tags.ts';

/** What admits a contact into a journey. */
export const Trigger = z.discriminatedUnion('type', [
  z.object({ type: z.literal('event'), event: EventMatch }),
  z.object({ type: z.literal('segment-entered'), segmentId: z.string().min(1, 'choose a segment') }),
  z.object({ type: z.literal('tag-added'), tag: TagName }),
  z.object({ type: z.literal('contact-created') }),
  z.object({
    type: z.literal('date-attribute'),
    attribute: z.string().min(1, 'choose a date attribute'),
    /** Negative: before the date; positive: after it. */
    offsetDays: z.number().int(),
    /** Every year on the date (birthdays), rather than once. */
    yearly: z.boolean().default(false),
  }),
]);
export type Trigger = z.infer<typeof Trigger>;
