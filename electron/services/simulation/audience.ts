import type { Db } from '../../store/database.ts';
import { readableJsonSql } from '../../store/readableJson.ts';
import type { Trigger } from '../../../shared/journey/triggers.ts';
import type { ContactEvent } from '../../../shared/rules/contactView.ts';
import { matchesFilters } from '../../../shared/rules/propertyFilter.ts';
import { dateTriggerOccurrence } from '../../../shared/engine/entry.ts';
import { DateTime } from 'luxon';
import type { EntryHistory } from '../../../shared/engine/types.ts';
import { seededRandom } from '../../../shared/util/random.ts';
import type { SegmentEvaluator } from '../segments/segmentEvaluator.ts';
import { datedContacts, triggerMembers } from '../decisions/entrySignals.ts';

const DAY = 86_400_000;

export interface Candidate {
  id: number;
  /** When the trigger admits them in the forecast. */
  enterAt: number;
  /** For an event trigger: their latest event in the look-back that passes its filters, which admits them. */
  event?: ContactEvent;
}

/**
 * Who the trigger would admit if the journey went live at `start`, and when. Event triggers look back over the
 * same number of days the forecast looks ahead (whoever added to cart in the last 30 days, the trigger's property
 * filters applied); tag and segment triggers take everyone who has the tag or is in the segment (the engine's own
 * triggerMembers); contact-created takes the contacts created in that look-back; a date attribute admits each
 * contact on their day (in their zone) inside the forecast. All enter at the start except the date-attribute ones.
 * Each is then admitted, or not, by the same entry signal and decideEntry() as live (entry.ts).
 */
export function candidates(
  db: Db,
  evaluator: SegmentEvaluator,
  trigger: Trigger,
  start: number,
  days: number,
  /** The zone for contacts without one (the journey's quiet-hours fallback, as the runner uses). */
  fallbackZone?: string,
): Candidate[] {
  const since = start - days * DAY;
  const at = (ids: number[]) => ids.map((id) => ({ id, enterAt: start }));
  switch (trigger.type) {
    case 'event': {
      // Each contact's latest event in the look-back that passes the filters (rows in time order: the last one wins).
      const latest = new Map<number, ContactEvent>();
      for (const row of db
        .prepare(
          `SELECT contact_id AS id, occurred_at AS at, ${readableJsonSql('properties')} AS properties FROM events WHERE name = ? AND occurred_at > ? AND occurred_at <= ? ORDER BY occurred_at, id`,
        )
        .iterate(trigger.event.name, since, start) as Iterable<{ id: number; at: number; properties: string }>) {
        const properties = JSON.parse(row.properties) as Record<string, unknown>;
        if (matchesFilters(properties, trigger.event.filters)) latest.set(row.id, { name: trigger.event.name, at: row.at, properties });
      }
      return [...latest].sort((a, b) => a[0] - b[0]).map(([id, event]) => ({ id, enterAt: start, event }));
    }
    case 'tag-added':
    case 'segment-entered':
      return at(triggerMembers(db, evaluator, trigger, start)!);
    case 'contact-created':
      return at(db.prepare('SELECT id FROM contacts WHERE created_at > ? AND created_at <= ? ORDER BY id').pluck().all(since, start) as number[]);
    case 'date-attribute': {
      // The engine's own rule for whose day it is (in their zone), tried on each day of the forecast.
      const out: Candidate[] = [];
      for (const { id, zone, value } of datedContacts(db, trigger, fallbackZone)) {
        for (let day = 0; day < days; day++) {
          const occurrence = dateTriggerOccurrence(trigger, value, zone, start + day * DAY);
          if (!occurrence) continue;
          out.push({ id, enterAt: Math.max(start, DateTime.fromISO(occurrence, { zone }).toMillis()) });
          break;
        }
      }
      return out;
    }
  }
}

export const noHistory: EntryHistory = { entries: 0, lastEnteredAt: null, lastExitedAt: null, activeRuns: 0 };

/** A seeded random sample of n candidates, in id order (so the same seed picks the same contacts). */
export function sampleOf<T>(items: readonly T[], n: number | undefined, seed: number): T[] {
  if (n === undefined || n >= items.length) return [...items];
  const copy = [...items];
  const random = seededRandom(seed);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random.next() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}
