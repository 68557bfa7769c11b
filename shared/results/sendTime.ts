import { DateTime } from 'luxon';

/**
 * The send-time model: when a contact usually engages (opens, clicks), read in their own time zone, and the
 * hour x weekday engagement of a group of contacts. Hours are 0-23 local; weekdays 0 = Monday ... 6 = Sunday.
 */

export interface LocalSlot {
  hour: number;
  weekday: number;
}

export function localSlot(at: number, zone: string): LocalSlot {
  const local = DateTime.fromMillis(at, { zone });
  if (!local.isValid) throw new RangeError(`unknown time zone ${JSON.stringify(zone)}`);
  return { hour: local.hour, weekday: local.weekday - 1 };
}

export interface UsualHour {
  hour: number;
  /** How many engagements the estimate rests on. */
  events: number;
  /** Share of those engagements within an hour either side of it. */
  share: number;
}

/** Fewer engagements than this say too little about a habit: the caller falls back to its default time. */
export const MIN_ENGAGEMENTS_FOR_HABIT = 3;

/**
 * The contact's usual engagement hour: the hour with the most opens and clicks, counting half of each
 * neighbouring hour (circularly, so 23:00 and 00:00 are neighbours) so that 9:58 and 10:03 support one
 * habit rather than splitting it. Ties go to the earlier hour. Null when there is too little history.
 */
export function usualEngagementHour(times: readonly number[], zone: string, minEvents = MIN_ENGAGEMENTS_FOR_HABIT): UsualHour | null {
  if (times.length < Math.max(1, minEvents)) return null;
  const byHour = new Array<number>(24).fill(0);
  for (const at of times) byHour[localSlot(at, zone).hour]++;
  const around = (h: number) => byHour[(h + 23) % 24] + byHour[(h + 1) % 24];
  let best = 0;
  let bestScore = -1;
  for (let h = 0; h < 24; h++) {
    const score = byHour[h] + 0.5 * around(h);
    if (score > bestScore) {
      best = h;
      bestScore = score;
    }
  }
  return { hour: best, events: times.length, share: (byHour[best] + around(best)) / times.length };
}

export interface EngagementMatrix {
  /** counts[weekday][hour]. */
  counts: number[][];
  total: number;
  contacts: number;
}

/** Engagements of a set of contacts by local weekday and hour, each contact read in their own zone. */
export function engagementMatrix(contacts: Iterable<{ zone: string; times: readonly number[] }>): EngagementMatrix {
  const counts = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  let total = 0;
  let people = 0;
  for (const { zone, times } of contacts) {
    people++;
    for (const at of times) {
      const { hour, weekday } = localSlot(at, zone);
      counts[weekday][hour]++;
      total++;
    }
  }
  return { counts, total, contacts: people };
}

/**
 * The first moment strictly after `after` when the contact's clock reads hour:00, for a wait "until the
 * contact's usual hour". Across a DST gap (the hour does not exist that day) it is the first instant after
 * the gap. Quiet hours are the engine's to apply afterwards.
 */
export function nextLocalHour(after: number, hour: number, zone: string): number {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`hour must be 0-23 (got ${hour})`);
  const local = DateTime.fromMillis(after, { zone });
  if (!local.isValid) throw new RangeError(`unknown time zone ${JSON.stringify(zone)}`);
  for (let day = 0; day <= 2; day++) {
    const candidate = local.startOf('day').plus({ days: day }).set({ hour, minute: 0, second: 0, millisecond: 0 });
    if (candidate.toMillis() > after) return candidate.toMillis();
  }
  throw new Error('unreachable: an hour recurs within two days');
}

/** The contact's opens and clicks among their events (what the usual hour is read from). */
export function engagementTimes(events: ReadonlyArray<{ name: string; at: number }>, before = Infinity): number[] {
  return events.filter((e) => (e.name === 'email_opened' || e.name === 'email_clicked') && e.at < before).map((e) => e.at);
}

export interface UsualHourWait {
  /** When the wait ends (quiet hours not yet applied). */
  until: number;
  hour: number;
  /** False when the contact had too little history and the fallback hour was used. */
  fromHabit: boolean;
  note: string;
}

/**
 * The pure part of a wait "until the contact's usual hour": the next time the contact's clock shows their
 * usual engagement hour (from the opens and clicks before `now`), or `fallbackHour` when they have too
 * little history. The engine applies the journey's quiet hours to `until` afterwards, as for any send.
 */
export function untilUsualHour(
  events: ReadonlyArray<{ name: string; at: number }>,
  now: number,
  zone: string,
  fallbackHour: number,
): UsualHourWait {
  const usual = usualEngagementHour(engagementTimes(events, now), zone);
  const hour = usual?.hour ?? fallbackHour;
  const until = nextLocalHour(now, hour, zone);
  const note = usual
    ? `wait until ${String(hour).padStart(2, '0')}:00 in ${zone}, when the contact usually opens or clicks (${usual.events} engagements)`
    : `wait until ${String(hour).padStart(2, '0')}:00 in ${zone} (too little engagement history for a usual hour)`;
  return { until, hour, fromHabit: usual !== null, note };
}
