import type { Db } from '../../store/database.ts';
import type { Trigger } from '../../../shared/journey/triggers.ts';
import { matchesFilters } from '../../../shared/rules/propertyFilter.ts';
import { dateTriggerOccurrence } from '../../../shared/engine/entry.ts';
import { contactZone } from '../../../shared/engine/time.ts';
import { DateTime } from 'luxon';
import type { EntryHistory, EntrySignal } from '../../../shared/engine/types.ts';
import { seededRandom } from '../../../shared/util/random.ts';
import { hasTagSql } from '../contacts/tagColumn.ts';

const DAY = 86_400_000;

export interface Candidate {
  id: number;
  /** When the trigger admits them in the forecast. */
  enterAt: number;
}

/**
 * Who the trigger would admit if the journey went live at `start`, and when. Event triggers look back over the
 * same number of days the forecast looks ahead (whoever added to cart in the last 30 days); tag and segment
 * triggers take everyone who has the tag or is in the segment; contact-created takes the contacts created in
 * that look-back; a date attribute admits each contact on their day (in their zone) inside the forecast. All enter at the
 * start except the date-attribute ones.
 */
export function candidates(
  db: Db,
  trigger: Trigger,
  start: number,
  days: number,
  members: Map<string, Set<number>>,
  /** The zone for contacts without one (the journey's quiet-hours fallback, as the runner uses). */
  fallbackZone?: string,
): Candidate[] {
  const since = start - days * DAY;
  const at = (ids: number[]) => ids.map((id) => ({ id, enterAt: start }));
  switch (trigger.type) {
    case 'event': {
      if (trigger.event.filters.length === 0) {
        return at(
          db.prepare('SELECT DISTINCT contact_id FROM events WHERE name = ? AND occurred_at > ? AND occurred_at <= ? ORDER BY contact_id').pluck().all(trigger.event.name, since, start) as number[],
        );
      }
      const ids = new Set<number>();
      for (const row of db
        .prepare('SELECT contact_id AS id, properties FROM events WHERE name = ? AND occurred_at > ? AND occurred_at <= ?')
        .iterate(trigger.event.name, since, start) as Iterable<{ id: number; properties: string }>) {
        if (!ids.has(row.id) && matchesFilters(JSON.parse(row.properties) as Record<string, unknown>, trigger.event.filters)) ids.add(row.id);
      }
      return at([...ids].sort((a, b) => a - b));
    }
    case 'tag-added':
      return at(db.prepare(`SELECT id FROM contacts WHERE ${hasTagSql('tags', '?')} ORDER BY id`).pluck().all(trigger.tag) as number[]);
    case 'segment-entered':
      return at([...(members.get(trigger.segmentId) ?? [])].sort((a, b) => a - b));
    case 'contact-created':
      return at(db.prepare('SELECT id FROM contacts WHERE created_at > ? AND created_at <= ? ORDER BY id').pluck().all(since, start) as number[]);
    case 'date-attribute': {
      // The engine's own rule for whose day it is (in their zone), tried on each day of the forecast.
      const path = `$."${trigger.attribute.replace(/"/g, '""')}"`;
      const out: Candidate[] = [];
      for (const row of db
        .prepare('SELECT id, timezone, json_extract(attributes, ?) AS value FROM contacts WHERE json_extract(attributes, ?) IS NOT NULL ORDER BY id')
        .iterate(path, path) as Iterable<{ id: number; timezone: string | null; value: unknown }>) {
        const zone = contactZone({ id: row.id, email: '', attributes: { timezone: row.timezone }, tags: new Set(), events: [] }, fallbackZone);
        for (let day = 0; day < days; day++) {
          const occurrence = dateTriggerOccurrence(trigger, row.value, zone, start + day * DAY);
          if (!occurrence) continue;
          out.push({ id: row.id, enterAt: Math.max(start, DateTime.fromISO(occurrence, { zone }).toMillis()) });
          break;
        }
      }
      return out;
    }
  }
}

/** The signal the trigger fires with, for the entry rules. */
export function signalFor(trigger: Trigger, at: number): EntrySignal {
  switch (trigger.type) {
    case 'event':
      return { type: 'event', event: { name: trigger.event.name, at, properties: {} } };
    case 'tag-added':
      return { type: 'tag-added', tag: trigger.tag, at };
    case 'segment-entered':
      return { type: 'segment-entered', segmentId: trigger.segmentId, at };
    case 'contact-created':
      return { type: 'contact-created', at };
    case 'date-attribute':
      return { type: 'date-attribute', attribute: trigger.attribute, at };
  }
}

/** Each contact's past runs of this journey in the live engine (for re-entry and the entry limit). */
export function entryHistories(db: Db, journeyId: string): Map<number, EntryHistory> {
  const rows = db
    .prepare(
      `SELECT contact_id AS id, COUNT(*) AS entries, MAX(entered_at) AS lastEnteredAt,
              SUM(status = 'active') AS activeRuns, MAX(exited_at) AS lastExitedAt
       FROM journey_runs WHERE journey_id = ? GROUP BY contact_id`,
    )
    .all(journeyId) as Array<EntryHistory & { id: number }>;
  return new Map(rows.map(({ id, ...history }) => [id, { ...history, lastExitedAt: history.activeRuns > 0 ? null : history.lastExitedAt }]));
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
