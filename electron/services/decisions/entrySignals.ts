import type { Db } from '../../store/database.ts';
import { readableJsonSql } from '../../store/readableJson.ts';

import { contactZone } from '../../../shared/engine/time.ts';
import type { EntrySignal } from '../../../shared/engine/types.ts';
import type { Trigger } from '../../../shared/journey/triggers.ts';
import type { ContactEvent } from '../../../shared/rules/contactView.ts';
import { hasTagSql } from '../contacts/tagColumn.ts';
import type { SegmentEvaluator } from '../segments/segmentEvaluator.ts';
import type { CompiledRule } from '../segments/compileRule.ts';

/**
 * The signal a trigger fires with, built in one place for the live engine's admissions, the forecast's audience
 * and the simulator. An event trigger fires with the event itself, properties and all, so its property filters
 * apply alike everywhere and the emails read the real cart; the other triggers fire with what they are about.
 */
export function entrySignal(trigger: Trigger, at: number, event?: Pick<ContactEvent, 'name' | 'properties'>): EntrySignal {
  switch (trigger.type) {
    case 'event':
      return { type: 'event', event: { name: event?.name ?? trigger.event.name, at, properties: event?.properties ?? {} } };
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

/** What an email of the run reads as `trigger.*`: the admitting event's properties; nothing for the other triggers. */
export function triggerProperties(signal: EntrySignal): Record<string, unknown> {
  return signal.type === 'event' ? signal.event.properties : {};
}

/**
 * Who a membership trigger is about at `now`, as SQL over `c` with its parameters: the contacts holding the tag, or
 * the members of the segment (static or dynamic, SegmentEvaluator.membershipSql). Undefined for the triggers that
 * are not about a membership. The engine admits the members it has not seen yet in bounded batches of this query;
 * the forecast takes them all (triggerMembers).
 */
export function triggerMembership(evaluator: SegmentEvaluator, trigger: Trigger, now: number): CompiledRule | undefined {
  switch (trigger.type) {
    case 'tag-added':
      return { sql: hasTagSql('c.tags', '@tag'), params: { tag: trigger.tag } };
    case 'segment-entered':
      return evaluator.membershipSql(trigger.segmentId, now);
    case 'event':
    case 'contact-created':
    case 'date-attribute':
      return undefined;
  }
}

/** Everyone a membership trigger is about at `now`, in id order (triggerMembership). */
export function triggerMembers(db: Db, evaluator: SegmentEvaluator, trigger: Trigger, now: number): number[] | undefined {
  const membership = triggerMembership(evaluator, trigger, now);
  if (!membership) return undefined;
  return db.prepare(`SELECT c.id FROM contacts c WHERE ${membership.sql} ORDER BY c.id`).pluck().all(membership.params) as number[];
}

/** A contact with a date-attribute trigger's date, and the zone their day is counted in. */
export interface DatedContact {
  id: number;
  zone: string;
  value: unknown;
}

/**
 * The contacts that hold a date trigger's attribute, in id order, each with the zone their day counts in (theirs,
 * else the journey's fallback): the engine asks dateTriggerOccurrence() of them for today, the forecast for each
 * day ahead.
 */
export function* datedContacts(db: Db, trigger: Extract<Trigger, { type: 'date-attribute' }>, fallbackZone: string | undefined): Generator<DatedContact> {
  const path = `$."${trigger.attribute.replace(/"/g, '""')}"`;
  const rows = db
    .prepare(`SELECT id, timezone, value FROM (SELECT id, timezone, json_extract(${readableJsonSql('attributes')}, ?) AS value FROM contacts) WHERE value IS NOT NULL ORDER BY id`)
    .iterate(path) as Iterable<{ id: number; timezone: string | null; value: unknown }>;
  for (const row of rows) {
    const zone = contactZone({ id: row.id, email: '', attributes: { timezone: row.timezone }, tags: new Set(), events: [] }, fallbackZone);
    yield { id: row.id, zone, value: row.value };
  }
}

