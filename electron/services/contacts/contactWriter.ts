import { hash } from 'node:crypto';
import type { Db } from '../../store/database.ts';
import { canonicalJson } from '../../../shared/util/canonicalJson.ts';
import { decodeTags, encodeTags, unionTags } from './tagColumn.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { readableSql, unreadableAttributesNote } from '../../store/readableJson.ts';

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
 * A contact as the writer's statements take it: the built-in fields, consent (null: keep or default), the
 * attributes as JSON and the tags in their stored form. An import makes these on its reading thread
 * (rowPreparation.ts), so that the thread writing the store only writes.
 */
export type ContactValues = [
  email: string,
  first_name: string | null,
  last_name: string | null,
  phone: string | null,
  country: string | null,
  timezone: string | null,
  locale: string | null,
  consent: Consent | null,
  attributes: string,
  tags: string,
];

export function contactValues(contact: ContactInput): ContactValues {
  return [
    contact.email,
    contact.first_name ?? null,
    contact.last_name ?? null,
    contact.phone ?? null,
    contact.country ?? null,
    contact.timezone ?? null,
    contact.locale ?? null,
    contact.consent ?? null,
    JSON.stringify(contact.attributes ?? {}),
    encodeTags(contact.tags ?? []),
  ];
}

/**
 * How many base64url characters of the SHA-1 a key made from the contents keeps: 66 bits, enough among one
 * contact's events, which is where a key must be unique (the events_dedupe index begins with the contact, so
 * that an events file, grouped by contact, fills that index in order; migration 0005).
 */
const HASH_CHARS = 11;

/**
 * The key that makes re-importing the same events a no-op: the source's id when there is one,
 * otherwise a hash of who, what, when and the properties. The contact stays in the hash although the
 * index already holds it: keys stored before migration 0005 (the whole hash) then still convert by
 * cutting them (storedDedupeKey).
 */
export function eventDedupeKey(event: EventInput): string {
  return dedupeKeyOf(eventValues(event));
}

function dedupeKeyOf(event: EventValues): string {
  if (event.sourceId) return `id:${event.sourceId}`;
  // The one-shot hash(): createHash's object per event was a tenth of an events import's CPU time.
  const digest = hash('sha1', `${event.contactId}\u0000${event.name}\u0000${event.occurredAt}\u0000${event.properties}`, 'base64url');
  return `h:${digest.slice(0, HASH_CHARS)}`;
}

/**
 * An event as the writer's statement takes it: the properties as canonical JSON text (keys sorted), which is
 * both what is stored and what the de-duplication key hashes. An import makes the text on its reading thread.
 */
export type EventValues = Omit<EventInput, 'properties'> & { properties: string };

export function eventValues(event: EventInput): EventValues {
  return { ...event, properties: canonicalJson(event.properties ?? {}) };
}

/**
 * A stored key in today's form: keys written before migration 0005 (in backups made then) carry the whole
 * hash, which eventDedupeKey now cuts. Migration 0005 converts the store's keys the same way, in SQL.
 */
export function storedDedupeKey(key: string): string {
  return key.startsWith('h:') ? key.slice(0, 2 + HASH_CHARS) : key;
}

/** The columns after the email in ContactValues, up to the attributes: null leaves the stored value as it is. */
const builtInColumns = ['first_name', 'last_name', 'phone', 'country', 'timezone', 'locale', 'consent'] as const;

/**
 * A known contact whose stored attributes SQLite cannot read (store/readableJson.ts): json_patch cannot merge into
 * them, so the contact is left as it is, all of it, and the caller says so (an import skips the row).
 */
export class UnreadableAttributes extends ApiError {
  constructor(email: string) {
    super('conflict', `${email} is not updated: ${unreadableAttributesNote()}; remove the value from the contact (its page names it), then try again`);
  }
}

/**
 * Prepared statements for writing contacts, tags and events, shared by the importers and the sample
 * loader. Callers wrap batches in a transaction.
 */
export class ContactWriter {
  private readonly findByEmail;
  private readonly insert;
  private readonly update;
  private readonly insertEventStatement;
  private readonly now: () => number;

  constructor(db: Db, now: () => number = Date.now) {
    this.now = now;
    // Email is the key: a new email inserts; a known one updates the fields given and keeps the rest. The insert
    // is tried first (one statement for a new contact, the import's usual case); only an email conflict falls
    // through to the update. Positional parameters: binding by name cost a tenth of the import's time. OR IGNORE
    // rather than ON CONFLICT (email) DO NOTHING: the upsert form took a tenth more CPU per insert. It would
    // ignore a NOT NULL or CHECK failure as well, which the values cannot cause (contactValues, the importer's
    // checks); upsertValues says so should one ever get through.
    // A known email's row, and whether the attributes given would change it (compared as SQLite merges them).
    this.findByEmail = db.prepare(
      // (attributes SQLite cannot read compare as changed: the update then refuses them, and says so)
      `SELECT id, first_name, last_name, phone, country, timezone, locale, consent, tags,
        CASE WHEN ${readableSql('attributes')} THEN json_patch(attributes, ?) IS attributes ELSE 0 END AS sameAttributes
      FROM contacts WHERE email = ?`,
    );
    this.insert = db.prepare(`
      INSERT OR IGNORE INTO contacts (email, first_name, last_name, phone, country, timezone, locale, consent, attributes, tags, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, COALESCE(?, 'never-asked'), ?, ?, ?, ?)
    `);
    this.update = db.prepare(`
      UPDATE contacts SET
        first_name = COALESCE(?, first_name),
        last_name = COALESCE(?, last_name),
        phone = COALESCE(?, phone),
        country = COALESCE(?, country),
        timezone = COALESCE(?, timezone),
        locale = COALESCE(?, locale),
        consent = COALESCE(?, consent),
        attributes = json_patch(attributes, ?),
        updated_at = ?,
        tags = ?
      WHERE id = ? AND ${readableSql('attributes')}
    `);
    this.insertEventStatement = db.prepare(
      'INSERT OR IGNORE INTO events (contact_id, name, occurred_at, properties, dedupe_key) VALUES (?, ?, ?, ?, ?)',
    );
  }

  /**
   * Inserts or updates by email; returns the contact's id, whether it was new, and whether anything about it
   * changed (a known contact given only what it already has is left as it is, its updated_at too).
   * `beforeUpdate` hears the id of an existing contact before it is changed, and may refuse the change by throwing.
   */
  upsertContact(contact: ContactInput, beforeUpdate?: (id: number) => void): { id: number; inserted: boolean; changed: boolean } {
    return this.upsertValues(contactValues(contact), beforeUpdate);
  }

  /** upsertContact, for a contact already in the statements' form. */
  upsertValues(values: ContactValues, beforeUpdate?: (id: number) => void): { id: number; inserted: boolean; changed: boolean } {
    const at = this.now();
    const result = this.insert.run(values, at, at);
    if (result.changes === 1) return { id: Number(result.lastInsertRowid), inserted: true, changed: true };
    const current = this.findByEmail.get(values[8], values[0]) as (Record<(typeof builtInColumns)[number], string | null> & { id: number; tags: string; sameAttributes: 0 | 1 }) | undefined;
    if (!current) throw new Error(`the store refused the contact ${values[0]} (a value its table does not allow)`);
    beforeUpdate?.(current.id);
    // A known email: its tags are added to the ones it has (an import never removes a tag).
    const tags = unionTags(current.tags, values[9]);
    let changed = !current.sameAttributes || (tags !== current.tags && tags !== encodeTags(decodeTags(current.tags)));
    for (let i = 0; i < builtInColumns.length && !changed; i++) changed = values[i + 1] !== null && values[i + 1] !== current[builtInColumns[i]];
    // The update merges attributes only where the stored ones can be read: none changed means they cannot.
    if (changed && this.update.run(values.slice(1, 9), at, tags, current.id).changes === 0) throw new UnreadableAttributes(values[0]);
    return { id: current.id, inserted: false, changed };
  }

  /** Inserts an event unless an equal one is already stored; returns whether it was new. */
  insertEvent(event: EventInput): boolean {
    return this.insertEventValues(eventValues(event));
  }

  /** insertEvent, for an event already in the statement's form. */
  insertEventValues(event: EventValues): boolean {
    return this.insertEventStatement.run(event.contactId, event.name, event.occurredAt, event.properties, dedupeKeyOf(event)).changes === 1;
  }
}
