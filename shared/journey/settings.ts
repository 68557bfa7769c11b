import { z } from 'zod';
import { Duration } from '../util/durationSchema.ts';
import { EventMatch } from '../rules/propertyFilter.ts';
import { TimeOfDay, TimeZone } from './waits.ts';

/** Settings that apply to the whole journey rather than to one node. */
export const JourneySettings = z.object({
  /** Any of these events, once the contact is in the journey, ends it at once (e.g. purchased). */
  exitCriteria: z.array(EventMatch).default([]),
  /** No email is sent between start and end in the contact's time zone; it waits for the end. */
  quietHours: z
    .object({ start: TimeOfDay, end: TimeOfDay, fallbackTimezone: TimeZone })
    .refine((q) => q.start !== q.end, 'quiet hours must not be empty')
    .nullable()
    .default(null),
  /** Limits shared by every journey: at most `count` marketing emails per `period`. */
  frequencyCap: z
    .object({
      limits: z.array(z.object({ count: z.number().int().positive(), period: Duration })).min(1),
      whenCapped: z.enum(['defer', 'skip']).default('defer'),
    })
    .nullable()
    .default(null),
  /** How many times one contact may enter, over the journey's life; null is no limit. */
  entryLimit: z.number().int().positive().nullable().default(null),
  reentry: z
    .object({
      mode: z.enum(['never', 'after-exit', 'always']),
      minGap: Duration.nullable().default(null),
    })
    .default({ mode: 'never', minGap: null }),
  /**
   * An email reached more than `maxLateHours` after it was due (the app was closed, the runner stopped) is
   * sent anyway or skipped. Null sends however late it is.
   */
  lateSend: z
    .object({ maxLateHours: z.number().positive().nullable().default(24), whenLate: z.enum(['send', 'skip']).default('skip') })
    .default({ maxLateHours: 24, whenLate: 'skip' }),
});
export type JourneySettings = z.infer<typeof JourneySettings>;

export const defaultSettings = (): JourneySettings => JourneySettings.parse({});
