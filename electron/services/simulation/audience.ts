import type { Db } from '../../store/database.ts';
import type { Trigger } from '../../../shared/journey/triggers.ts';
import { matchesFilters } from '../../../shared/rules/propertyFilter.ts';
import { toTime } from '../../../shared/rules/evaluate.ts';
import type { EntryHistory, EntrySignal } from '../../../shared/engine/types.ts';
import { seededRandom } from '../../../shared/util/random.ts';

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
 * that look-back; a date attribute admits each contact on their day inside the forecast. All enter at the
 * start except the date-attribute ones.
 */
export function candidates(db: Db, trigger: Trigger, start: number, days: number, members: Map<string, Set<number>>): Candidate[] {
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
      return at(db.prepare('SELECT contact_id FROM contact_tags WHERE tag = ? ORDER BY contact_id').pluck().all(trigger.tag) as number[]);
    case 'segment-entered':
      return at([...(members.get(trigger.segmentId) ?? [])].sort((a, b) => a - b));
    case 'contact-created':
      return at(db.prepare('SELECT id FROM contacts WHERE created_at > ? AND created_at <= ? ORDER BY id').pluck().all(since, start) as number[]);
    case 'date-attribute': {
      const end = start + days * DAY;
      const out: Candidate[] = [];
      for (const row of db
        .prepare(`SELECT id, json_extract(attributes, '$.' || json_quote(?)) AS value FROM contacts ORDER BY id`)
        .iterate(trigger.attribute) as Iterable<{ id: number; value: unknown }>) {
        const date = toTime(row.value);
        if (date === undefined) continue;
        const due = nextDue(date + trigger.offsetDays * DAY, trigger.yearly, start);
        if (due >= start && due < end) out.push({ id: row.id, enterAt: due });
      }
      return out;
    }
  }
}

function nextDue(due: number, yearly: boolean, start: number): number {
  if (!yearly) return due;
  const d = new Date(due);
  for (let year = new Date(start).getUTCFullYear(); year <= new Date(start).getUTCFullYear() + 1; year++) {
    const candidate = Date.UTC(year, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes());
    if (candidate >= start) return candidate;
  }
  return due;
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
