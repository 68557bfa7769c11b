import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Services } from '../../electron/services/services.ts';
import { openWorkspace } from '../../electron/services/workspace/openWorkspace.ts';
import { writeTransaction } from '../../electron/store/database.ts';
import { journeyHandlers } from '../../electron/services/journeys/journeyHandlers.ts';
import { ContactWriter } from '../../electron/services/contacts/contactWriter.ts';
import { messageIdOf, messageKey } from '../../shared/engine/messageKey.ts';
import type { CaseEvent, DiffCase } from './case.ts';

/**
 * One real workspace on a temporary SQLite file for a whole run of cases. A case is written into it (contact,
 * history and future events, segments, templates, suppression, the journey published), run through the three
 * hosts, and every table it wrote is emptied before the next (much cheaper than a new file per case).
 */
export class DiffWorkspace {
  readonly dir: string;
  readonly services: Services;
  /** The virtual clock every service reads. */
  clock = 0;
  private readonly writer: ContactWriter;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'journey-studio-differential-'));
    this.services = openWorkspace(join(this.dir, 'workspace.db'), () => this.clock);
    this.writer = new ContactWriter(this.services.db, () => this.clock);
  }

  get db() {
    return this.services.db;
  }

  /**
   * Writes the case as the store would hold it at its start, future events included (the simulator and the
   * forecast take them from there), and publishes the journey then. Returns the contact's id.
   */
  setUp(c: DiffCase): number {
    return writeTransaction(this.db, () => this.write(c))();
  }

  private write(c: DiffCase): number {
    const { db } = this;
    this.clock = c.contact.createdAt;
    const { contact } = c;
    const { id } = this.writer.upsertContact({
      email: contact.email,
      first_name: contact.first_name,
      last_name: contact.last_name,
      country: contact.country,
      timezone: contact.timezone,
      locale: contact.locale,
      consent: contact.consent,
      attributes: contact.attributes,
      tags: contact.tags,
    });
    this.clock = c.start;
    if (contact.suppressed) db.prepare('INSERT INTO suppressions (email, reason, added_at) VALUES (?, ?, ?)').run(contact.email, 'hard bounce', c.start - 3_600_000);
    for (const template of c.templates) this.services.templates.create(template.name, template.document, template.id);
    const insertSegment = db.prepare('INSERT INTO segments (id, name, kind, rule, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    for (const segment of c.segments) {
      insertSegment.run(segment.id, segment.name, segment.kind, JSON.stringify(segment.rule), c.start, c.start);
      if (segment.member) db.prepare('INSERT INTO segment_members (segment_id, contact_id) VALUES (?, ?)').run(segment.id, id);
    }
    for (const event of [...c.history, ...c.future]) this.insertEvent(c, id, event);
    this.services.journeys.create(c.journeyName, c.journey, c.journeyId);
    journeyHandlers(this.services)['journeys.publish']({ id: c.journeyId });
    return id;
  }

  /** Stores one of the case's events (an open or click of a step's email gets that email's Message-ID). */
  insertEvent(c: DiffCase, contactId: number, event: CaseEvent): void {
    const properties = event.engagesStep
      ? { ...event.properties, message_id: messageIdOf(messageKey({ journeyId: c.journeyId, version: 1, contactId, entry: 1 }, event.engagesStep, 1)) }
      : event.properties;
    const inserted = this.writer.insertEvent({ contactId, name: event.name, occurredAt: event.at, properties });
    if (!inserted) throw new Error(`seed ${c.seed}: the event ${event.name} at ${new Date(event.at).toISOString()} was taken for a duplicate`);
  }

  /** Takes the contact's events after `after` out of the store (they come back one by one as the clock reaches them). */
  removeEventsAfter(contactId: number, after: number): void {
    this.db.prepare('DELETE FROM events WHERE contact_id = ? AND occurred_at > ?').run(contactId, after);
  }

  /** Empties every table a case writes; the settings (the unsubscribe key) stay. */
  clean(): void {
    this.db.exec(`
      BEGIN IMMEDIATE;
      DELETE FROM journey_steps; DELETE FROM outbound_emails; DELETE FROM journey_runs; DELETE FROM journey_trigger_seen;
      DELETE FROM engine_cursors; DELETE FROM journey_versions; DELETE FROM journeys; DELETE FROM events;
      DELETE FROM segment_members; DELETE FROM segments; DELETE FROM suppressions; DELETE FROM contacts; DELETE FROM templates;
      COMMIT;
    `);
  }

  close(): void {
    this.db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
