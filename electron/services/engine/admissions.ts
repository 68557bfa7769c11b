import { whileMapped } from '../../store/memoryMap.ts';
import { writeTransaction, type Db } from '../../store/database.ts';
import { readableJsonSql } from '../../store/readableJson.ts';
import { dateTriggerOccurrence, decideEntry } from '../../../shared/engine/entry.ts';
import { startRun } from '../../../shared/engine/advance.ts';
import type { EntrySignal } from '../../../shared/engine/types.ts';
import type { DecisionInputs } from '../decisions/decisionInputs.ts';
import { datedContacts, entrySignal, triggerMembership, triggerProperties } from '../decisions/entrySignals.ts';
import type { JourneyCatalog, LiveJourney } from './journeyCatalog.ts';
import type { RunStore } from './runStore.ts';

const EVENT_BATCH = 5000;
/** Contacts admitted per transaction by a membership or date scan. */
const ADMIT_BATCH = 5000;

/**
 * Turns what happened in the store into entries: new events (event triggers; they also wake the contact's
 * active runs), new contacts, and joining a tag or a segment. Each batch moves its cursor in the same
 * transaction as the runs it creates, so a crash neither loses nor repeats an entry.
 */
export class Admissions {
  private readonly db: Db;
  private readonly runs: RunStore;
  private readonly catalog: JourneyCatalog;
  private readonly inputs: DecisionInputs;
  private readonly guard: () => void;
  private readonly cursor;
  private readonly setCursor;
  private readonly eventsAfter;
  private readonly contactsAfter;

  /** `guard` runs first in each admitting transaction: the engine's lease check, which throws when it lost the lease. */
  constructor(db: Db, runs: RunStore, catalog: JourneyCatalog, inputs: DecisionInputs, guard: () => void = () => {}) {
    this.db = db;
    this.guard = guard;
    this.runs = runs;
    this.catalog = catalog;
    this.inputs = inputs;
    this.cursor = db.prepare('SELECT value FROM engine_cursors WHERE name = ?').pluck();
    this.setCursor = db.prepare('INSERT INTO engine_cursors (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value');
    this.eventsAfter = db.prepare(`SELECT id, contact_id AS contactId, name, occurred_at AS at, ${readableJsonSql('properties')} AS properties FROM events WHERE id > ? ORDER BY id LIMIT ?`);
    this.contactsAfter = db.prepare('SELECT id, created_at AS at FROM contacts WHERE id > ? ORDER BY id LIMIT ?');
  }

  /** Admits everyone due; returns how many runs were created. */
  scan(now: number, options: { memberships: boolean }): number {
    const live = this.catalog.live();
    let admitted = this.scanEvents(live, now) + this.scanNewContacts(live, now);
    if (options.memberships) for (const journey of live) admitted += this.scanJourney(journey, now);
    return admitted;
  }

  /** The periodic scan a trigger needs, by type: every type is named, so a new one cannot silently admit nobody. */
  private scanJourney(journey: LiveJourney, now: number): number {
    switch (journey.trigger.type) {
      case 'tag-added':
      case 'segment-entered':
        return this.scanMembership(journey, now);
      case 'date-attribute':
        return this.scanDates(journey, now);
      case 'event': // admitted as their events arrive (scanEvents)
      case 'contact-created': // admitted as contacts arrive (scanNewContacts)
        return 0;
    }
  }

  private admit(journey: LiveJourney, contactId: number, signal: EntrySignal, properties: Record<string, unknown>, now: number): boolean {
    const history = this.runs.history(journey.id, contactId);
    const decision = decideEntry(journey.trigger, journey.document.settings, history, signal);
    if (!decision.admit) return false;
    const at = signal.type === 'event' ? signal.event.at : signal.at;
    const run = { journeyId: journey.id, version: journey.version, contactId, entry: history.entries + 1 };
    this.runs.create(startRun(journey.document, run, Math.min(at, now)), properties, now);
    return true;
  }

  private scanEvents(live: LiveJourney[], now: number): number {
    const byEvent = live.filter((j) => j.trigger.type === 'event');
    let admitted = 0;
    for (;;) {
      const after = (this.cursor.get('events') as number | undefined) ?? 0;
      const batch = this.eventsAfter.all(after, EVENT_BATCH) as Array<{ id: number; contactId: number; name: string; at: number; properties: string }>;
      if (batch.length === 0) return admitted;
      writeTransaction(this.db, () => {
        this.guard();
        for (const row of batch) {
          this.runs.wakeContact(row.contactId, now);
          const candidates = byEvent.filter((j) => j.trigger.type === 'event' && j.trigger.event.name === row.name && row.at >= j.liveSince);
          if (candidates.length === 0) continue;
          const signal = entrySignal(candidates[0].trigger, row.at, { name: row.name, properties: JSON.parse(row.properties) as Record<string, unknown> });
          for (const journey of candidates) if (this.admit(journey, row.contactId, signal, triggerProperties(signal), now)) admitted++;
        }
        this.setCursor.run('events', batch[batch.length - 1].id);
      })();
    }
  }

  private scanNewContacts(live: LiveJourney[], now: number): number {
    const onCreate = live.filter((j) => j.trigger.type === 'contact-created');
    let admitted = 0;
    for (;;) {
      const after = (this.cursor.get('contacts') as number | undefined) ?? 0;
      const batch = this.contactsAfter.all(after, EVENT_BATCH) as Array<{ id: number; at: number }>;
      if (batch.length === 0) return admitted;
      writeTransaction(this.db, () => {
        this.guard();
        for (const row of batch) {
          for (const journey of onCreate) {
            if (row.at >= journey.liveSince && this.admit(journey, row.id, entrySignal(journey.trigger, row.at), {}, now)) admitted++;
          }
        }
        this.setCursor.run('contacts', batch[batch.length - 1].id);
      })();
    }
  }

  /**
   * Tag and segment triggers are about joining: contacts who hold the tag (or are in the segment) and were
   * not seen holding it are admitted, including those who already do when the journey goes live. Someone
   * who leaves and joins again is a new signal (the re-entry rules then decide).
   */
  private scanMembership(journey: LiveJourney, now: number): number {
    const membership = triggerMembership(this.inputs.evaluator, journey.trigger, now);
    if (!membership) return 0;
    const params = { ...membership.params, journeyId: journey.id };
    const seen = `EXISTS (SELECT 1 FROM journey_trigger_seen s WHERE s.journey_id = @journeyId AND s.contact_id = c.id)`;
    // Who left since the last scan: joining again later is a new signal. (Scans read the file through a map.)
    const leavers = this.db.prepare(`DELETE FROM journey_trigger_seen WHERE journey_id = @journeyId AND contact_id IN (SELECT c.id FROM contacts c WHERE ${seen} AND NOT (${membership.sql}))`);
    whileMapped(this.db, () => leavers.run(params));
    // Who joined: in bounded batches by id, each written with its runs, so a million members never sit in memory
    // and a crash repeats at most the batch it interrupted (the seen marks go in the same transaction).
    const joiners = this.db.prepare(`SELECT c.id FROM contacts c WHERE c.id > @after AND ${membership.sql} AND NOT ${seen} ORDER BY c.id LIMIT ${ADMIT_BATCH}`).pluck();
    const markSeen = this.db.prepare('INSERT OR IGNORE INTO journey_trigger_seen (journey_id, contact_id) VALUES (?, ?)');
    let admitted = 0;
    for (let after = 0; ; ) {
      const ids = whileMapped(this.db, () => joiners.all({ ...params, after }) as number[]);
      if (ids.length === 0) return admitted;
      writeTransaction(this.db, () => {
        this.guard();
        for (const id of ids) {
          markSeen.run(journey.id, id);
          if (this.admit(journey, id, entrySignal(journey.trigger, now), {}, now)) admitted++;
        }
      })();
      after = ids[ids.length - 1];
    }
  }

  /**
   * Date-attribute triggers (birthdays, renewals): contacts whose day it is in their time zone, each at most
   * once per occurrence. Read with the memberships, so at most once a minute.
   */
  private scanDates(journey: LiveJourney, now: number): number {
    const trigger = journey.trigger;
    if (trigger.type !== 'date-attribute') return 0;
    // Only today's (a day's worth of birthdays, not everyone with a birthday) are kept to be written.
    const due: Array<{ id: number; zone: string; value: unknown; occurrence: string }> = [];
    for (const dated of datedContacts(this.db, trigger, journey.document.settings.quietHours?.fallbackTimezone)) {
      const occurrence = dateTriggerOccurrence(trigger, dated.value, dated.zone, now);
      if (occurrence) due.push({ ...dated, occurrence });
    }
    let admitted = 0;
    for (let from = 0; from < due.length; from += ADMIT_BATCH) {
      writeTransaction(this.db, () => {
        this.guard();
        for (const { id, zone, value, occurrence } of due.slice(from, from + ADMIT_BATCH)) {
          const last = this.runs.history(journey.id, id).lastEnteredAt;
          if (last !== null && dateTriggerOccurrence(trigger, value, zone, last) === occurrence) continue;
          if (this.admit(journey, id, entrySignal(trigger, now), { occurrence }, now)) admitted++;
        }
      })();
    }
    return admitted;
  }
}
