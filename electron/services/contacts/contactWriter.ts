import { createHash } from 'node:crypto';
import type { Db } from '../../store/database.ts';
import { canonicalJson } from '../../../shared/util/canonicalJson.ts';

export type Consent = 'subscribed' | 'unsubscribed' | 'never-asked';

export interface ContactInput {
  email: string;
  first_name?: string | null;
  last_name?: string | null;
  phone?: string | null;
  country?: string | null;
  timezone?: string | null;
  locale?: string | null;
  consent?: Consent;
  attributes?: Record<string, unknown>;
  tags?: readonly string[];
}

export interface EventInput {
  contactId: number;
  name: string;
  /** Epoch milliseconds. */
  occurredAt: number;
  properties?: Record<string, unknown>;
  /** The source's own id for the event, when it has one. */
  sourceId?: string | null;
}

/**
 * The key that makes re-importing the same events a no-op: the source's id when there is one,
 * otherwise a hash of who, what, when and the properties.
 */
export function eventDedupeKey(event: EventInput): string {
  if (event.sourceId) return `id:${event.sourceId}`;
  const hash = createHash('sha1')
    .update(`${event.contactId}\u0000${event.name}\u0000${event.occurredAt}\u0000${canonicalJson(event.properties ?? {})}`)
    .digest('base64url');
  return `h:${hash}`;
}

/**
 * Prepared statements for writing contacts, tags and events, shared by the importers and the sample
 * loader. Callers wrap batches in a transaction.
 */
export class ContactWriter {
  private readonly findByEmail;
  private readonly insert;
  private readonly update;
  private readonly addTagStatement;
  private readonly insertEventStatement;
  private readonly now: () => number;

  constructor(db: Db, now: () => number = Date.now) {
    this.now = now;
    // Email is the key: a new email inserts; a known one updates the fields given and keeps the rest.
    this.findByEmail = db.prepare('SELECT id FROM contacts WHERE email = ?').pluck();
    this.insert = db.prepare(`
      INSERT INTO contacts (email, first_name, last_name, phone, country, timezone, locale, consent, attributes, created_at, updated_at)
      VALUES (@email, @first_name, @last_name, @phone, @country, @timezone, @locale, COALESCE(@consent, 'never-asked'), @attributes, @at, @at)
    `);
    this.update = db.prepare(`
      UPDATE contacts SET
        first_name = COALESCE(@first_name, first_name),
        last_name = COALESCE(@last_name, last_name),
        phone = COALESCE(@phone, phone),
        country = COALESCE(@country, country),
        timezone = COALESCE(@timezone, timezone),
        locale = COALESCE(@locale, locale),
        consent = COALESCE(@consent, consent),
        attributes = json_patch(attributes, @attributes),
        updated_at = @at
      WHERE id = @id
    `);
    this.addTagStatement = db.prepare('INSERT OR IGNORE INTO contact_tags (contact_id, tag, added_at) VALUES (?, ?, ?)');
    this.insertEventStatement = db.prepare(
      'INSERT OR IGNORE INTO events (contact_id, name, occurred_at, properties, dedupe_key) VALUES (?, ?, ?, ?, ?)',
    );
  }

  /** Inserts or updates by email; returns the contact's id and whether it was new. */
  upsertContact(contact: ContactInput): { id: number; inserted: boolean } {
    const at = this.now();
    const values = {
      email: contact.email,
      first_name: contact.first_name ?? null,
      last_name: contact.last_name ?? null,
      phone: contact.phone ?? null,
      country: contact.country ?? null,
      timezone: contact.timezone ?? null,
      locale: contact.locale ?? null,
      consent: contact.consent ?? null,
      attributes: JSON.stringify(contact.attributes ?? {}),
      at,
    };
    const existing = this.findByEmail.get(contact.email) as number | undefined;
    const id = existing ?? Number(this.insert.run(values).lastInsertRowid);
    if (existing !== undefined) this.update.run({ ...values, id });
    for (const tag of contact.tags ?? []) this.addTagStatement.run(id, tag, at);
    return { id, inserted: existing === undefined };
  }

  /** Inserts an event unless an equal one is already stored; returns whether it was new. */
  insertEvent(event: EventInput): boolean {
    const result = this.insertEventStatement.run(
      event.contactId,
      event.name,
      event.occurredAt,
      JSON.stringify(event.properties ?? {}),
      eventDedupeKey(event),
    );
    return result.changes === 1;
  }
}
