import { DateTime } from 'luxon';
import type { Duration } from '../util/duration.ts';
import { durationMs } from '../util/duration.ts';
import { weekdays, type Wait } from '../journey/waits.ts';
import { toTime } from '../rules/evaluate.ts';
import { untilUsualHour } from '../results/sendTime.ts';
import type { ContactView } from '../rules/contactView.ts';
import { zoneClock } from './zoneClock.ts';

/**
 * Calendar arithmetic in the contact's time zone. Days and weeks are calendar days (a 1-day wait across a
 * DST change lasts 23 or 25 hours, so a 9:00 email stays at 9:00); minutes and hours are exact. The zone
 * arithmetic is luxon's, done on a cached offset table (zoneClock.ts) because a forecast asks millions of times.
 */

const zoneValidity = new Map<string, boolean>();

export function isValidZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone === '') return false;
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = DateTime.now().setZone(zone).isValid;
    if (zoneValidity.size < 10_000) zoneValidity.set(zone, valid);
  }
  return valid;
}

/** The contact's zone when it is a real one, else the fallback, else UTC. */
export function contactZone(contact: ContactView, fallback?: string): string {
  const own = contact.attributes.timezone;
  if (isValidZone(own)) return own;
  return fallback && isValidZone(fallback) ? fallback : 'UTC';
}

export function addDuration(at: number, duration: Duration, zone: string): number {
  if (duration.unit === 'minutes' || duration.unit === 'hours') return at + durationMs(duration);
  const whole = Number.isInteger(duration.amount);
  if (!whole) return at + durationMs(duration);
  const clock = zoneClock(zone);
  return clock.plusDays(clock.at(at), duration.unit === 'weeks' ? duration.amount * 7 : duration.amount).ts;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The first moment at or after `at` whose local time is `time` on one of `days`. */
export function nextTimeOfDay(at: number, time: string, days: readonly string[], zone: string): number {
  const clock = zoneClock(zone);
  const start = clock.at(at);
  const minutes = minutesOf(time);
  for (let offset = 0; offset <= 7; offset++) {
    const day = clock.startOfDay(clock.plusDays(start, offset));
    if (!days.includes(weekdays[clock.weekday(day) - 1])) continue;
    // In a DST gap (02:30 that does not exist) the time moves forward to the first real one, as luxon's does.
    const candidate = clock.setTime(day, Math.floor(minutes / 60), minutes % 60).ts;
    if (candidate >= at) return candidate;
  }
  throw new Error(`no ${time} on ${days.join(', ')} within a week`);
}

/** When a wait node releases a contact who arrived at `arrivedAt`; `note` explains it in words. */
export function waitUntil(
  wait: Wait,
  arrivedAt: number,
  contact: ContactView,
  defaultZone: string,
): { until: number; note: string } {
  switch (wait.type) {
    case 'duration': {
      const zone = contactZone(contact, defaultZone);
      return { until: addDuration(arrivedAt, wait.duration, zone), note: `wait ${wait.duration.amount} ${wait.duration.unit}` };
    }
    case 'until-datetime':
      return { until: Date.parse(wait.at), note: `wait until ${wait.at}` };
    case 'time-of-day': {
      const zone = contactZone(contact, wait.fallbackTimezone);
      return {
        until: nextTimeOfDay(arrivedAt, wait.time, wait.weekdays, zone),
        note: `wait until ${wait.time} (${wait.weekdays.join(', ')}) in ${zone}`,
      };
    }
    case 'relative-to-attribute': {
      const base = toTime(contact.attributes[wait.attribute]);
      if (base === undefined) return { until: arrivedAt, note: `"${wait.attribute}" is not a date, so there is nothing to wait for` };
      const zone = contactZone(contact, defaultZone);
      const sign = wait.direction === 'before' ? -1 : 1;
      const until = addDuration(base, { ...wait.offset, amount: sign * wait.offset.amount }, zone);
      return { until: Math.max(until, arrivedAt), note: `wait until ${wait.offset.amount} ${wait.offset.unit} ${wait.direction} ${wait.attribute}` };
    }
    case 'usual-hour': {
      // Quiet hours are not applied here: the email step after the wait applies them, as for any send.
      const zone = contactZone(contact, wait.fallbackTimezone);
      const { until, note } = untilUsualHour(contact.events, arrivedAt, zone, wait.fallbackHour);
      return { until, note };
    }
  }
}

/**
 * A span of local clock time, [start, end) in minutes since midnight; start > end wraps across midnight
 * (quiet hours 21:00-08:00). Returns the first moment at or after `at` outside the span, or `at` itself.
 */
export function leaveSpan(at: number, startMinute: number, endMinute: number, zone: string): number {
  const clock = zoneClock(zone);
  const local = clock.at(at);
  const minute = clock.minuteOfDay(local);
  const wraps = startMinute > endMinute;
  const inside = wraps ? minute >= startMinute || minute < endMinute : minute >= startMinute && minute < endMinute;
  if (!inside) return at;
  const endDay = wraps && minute >= startMinute ? clock.plusDays(local, 1) : local;
  return clock.setTime(clock.startOfDay(endDay), Math.floor(endMinute / 60), endMinute % 60).ts;
}

export const quietSpan = (start: string, end: string) => [minutesOf(start), minutesOf(end)] as const;

/** A send window 'between startHour and endHour' is the quiet span from endHour to startHour. */
export const windowAsQuietSpan = (startHour: number, endHour: number) => [(endHour % 24) * 60, (startHour % 24) * 60] as const;

/** Local wall time, for reasons shown to a marketer: '2026-03-29 09:00 Europe/Paris'. */
export function formatLocal(at: number, zone: string): string {
  return `${zoneClock(zone).format(at)} ${zone}`;
}
