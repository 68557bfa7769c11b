import { z } from 'zod';
import { Duration } from '../util/durationSchema.ts';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM');

/** An IANA zone name; checked with Intl so that shared/ needs no time zone database of its own. */
export const TimeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'expected an IANA time zone such as Europe/Paris');

const hourMessage = 'expected a whole hour from 0 to 23';
const WholeHour = z.number({ message: hourMessage }).int(hourMessage).min(0, hourMessage).max(23, hourMessage);

export const Wait = z.discriminatedUnion('type', [
  z.object({ type: z.literal('duration'), duration: Duration }),
  z.object({ type: z.literal('until-datetime'), at: z.iso.datetime({ offset: true, message: 'expected an ISO 8601 date and time' }) }),
  z.object({
    type: z.literal('time-of-day'),
    time: TimeOfDay,
    weekdays: z.array(z.enum(weekdays)).min(1, 'choose at least one weekday'),
    fallbackTimezone: TimeZone,
  }),
  z.object({
    type: z.literal('relative-to-attribute'),
    attribute: z.string().min(1, 'choose a date attribute'),
    direction: z.enum(['before', 'after']),
    offset: Duration,
  }),
  z.object({
    type: z.literal('usual-hour'),
    /** The hour (0-23, contact's clock) used when the contact has too few opens and clicks to learn a habit from. */
    fallbackHour: WholeHour,
    fallbackTimezone: TimeZone,
  }),
]);
export type Wait = z.infer<typeof Wait>;
