import { writeTransaction, type Db } from '../../store/database.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import type { ContactDetail, ContactSummary, StoredEvent, contactSortKeys } from '../../../shared/api/calls/contacts.ts';
import { exportContact, forgetContact } from './erasure.ts';
import { builtInFields, isBuiltInField } from '../../../shared/contacts/fields.ts';
import { addTagSql, decodeTags, removeTagSql } from './tagColumn.ts';
import { readableJsonSql, readableSql, SQLITE_JSON_MAX_DEPTH, unreadableAttributesNote, unreadablePropertiesNote } from '../../store/readableJson.ts';
import { jsonValueProblem } from '../../../shared/limits.ts';

type SortKey = (typeof contactSortKeys)[number];

const SUMMARY = `c.id, c.email, c.first_name AS firstName, c.last_name AS lastName, c.country, c.consent, c.updated_at AS updatedAt`;

/** Contacts for the contacts screen: pages, a contact's page, edits, erasure and access requests. */
export class ContactStore {
  private readonly db: Db;
  private readonly now: () => number;

  constructor(db: Db, now: () => number) {
    this.db = db;
    this.now = now;
  }

  /**
   * A page of contacts. `where` narrows to a segment (SQL over `c` from the segment compiler, with its
   * parameters); search matches email and names.
   */
  list(options: { search?: string; where?: { sql: string; params: Record<string, unknown> }; sort: SortKey; descending: boolean; offset: number; limit: number }) {
    const clauses: string[] = [];
    const params: Record<string, unknown> = { ...(options.where?.params ?? {}) };
    if (options.where) clauses.push(options.where.sql);
    if (options.search?.trim()) {
      params.search = `%${options.search.trim().replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
      clauses.push(`(c.email LIKE @search ESCAPE '\\' OR c.first_name LIKE @search ESCAPE '\\' OR c.last_name LIKE @search ESCAPE '\\' OR (c.first_name || ' ' || c.last_name) LIKE @search ESCAPE '\\')`);
    }
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const total = this.db.prepare(`SELECT COUNT(*) FROM contacts c ${where}`).pluck().get(params) as number;
    // sort is one of contactSortKeys (validated by the contract), never free text.
    const order = `c.${options.sort} ${options.descending ? 'DESC' : 'ASC'}, c.id`;
    const contacts = this.db
      .prepare(`SELECT ${SUMMARY} FROM contacts c ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: options.limit, offset: options.offset }) as ContactSummary[];
    return { total, contacts };
  }

  /**
   * The contact's page. Stored values SQLite cannot read (store/readableJson.ts) are left out and said in
   * `warnings`: the attributes that make the others unreadable by name, so that they can be removed.
   */
  get(id: number, eventLimit = 200): ContactDetail {
    const row = this.db
      .prepare(
        `SELECT ${SUMMARY}, c.phone, c.timezone, c.locale, c.attributes, ${readableSql('c.attributes')} AS readable, c.tags, c.created_at AS createdAt FROM contacts c WHERE c.id = ?`,
      )
      .get(id) as
      | (ContactSummary & { phone: string | null; timezone: string | null; locale: string | null; attributes: string; readable: 0 | 1; tags: string; createdAt: number })
      | undefined;
    if (!row) throw new ApiError('not-found', `there is no contact with id ${id}`);
    const suppressed = this.db.prepare('SELECT reason, added_at AS addedAt FROM suppressions WHERE email = ? COLLATE NOCASE').get(row.email) as ContactDetail['suppressed'] | undefined;
    const events = storedEvents(
      this.db.prepare(`SELECT id, name, occurred_at AS at, ${PROPERTIES} FROM events WHERE contact_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?`).all(id, eventLimit),
    );
    const eventCount = this.db.prepare('SELECT COUNT(*) FROM events WHERE contact_id = ?').pluck().get(id) as number;
    const { readable, ...detail } = row;
    const attributes = readable ? { values: JSON.parse(row.attributes) as Record<string, unknown>, warning: null } : unreadableAttributes(row.attributes);
    return {
      ...detail,
      attributes: attributes.values,
      tags: decodeTags(row.tags),
      suppressed: suppressed ?? null,
      events: events.list,
      eventCount,
      warnings: [attributes.warning, events.warning].filter((warning) => warning !== null),
    };
  }

  /** A contact's events of one name, newest first, read along the (contact, name, time) index. */
  events(id: number, name: string, limit: number): { total: number; events: StoredEvent[] } {
    if (this.db.prepare('SELECT 1 FROM contacts WHERE id = ?').get(id) === undefined) throw new ApiError('not-found', `there is no contact with id ${id}`);
    const total = this.db.prepare('SELECT COUNT(*) FROM events WHERE contact_id = ? AND name = ?').pluck().get(id, name) as number;
    const events = storedEvents(
      this.db
        .prepare(`SELECT id, name, occurred_at AS at, ${PROPERTIES} FROM events WHERE contact_id = ? AND name = ? ORDER BY occurred_at DESC, id DESC LIMIT ?`)
        .all(id, name, limit),
    );
    return { total, events: events.list };
  }

  update(input: { id: number; attributes: Record<string, unknown>; addTags: string[]; removeTags: string[]; consent?: ContactDetail['consent'] }): ContactDetail {
    const at = this.now();
    writeTransaction(this.db, () => {
      const current = this.db.prepare('SELECT attributes FROM contacts WHERE id = ?').pluck().get(input.id) as string | undefined;
      if (current === undefined) throw new ApiError('not-found', `there is no contact with id ${input.id}`);
      // Stored attributes that are not JSON at all are none (as every reader has them, and as the page says).
      const attributes = parsedObject(current) ?? {};
      for (const [key, value] of Object.entries(input.attributes)) {
        if (value === null) delete attributes[key];
        else attributes[key] = value;
      }
      this.db
        .prepare('UPDATE contacts SET attributes = ?, consent = COALESCE(?, consent), updated_at = ? WHERE id = ?')
        .run(JSON.stringify(attributes), input.consent ?? null, at, input.id);
      const add = this.db.prepare(`UPDATE contacts SET tags = ${addTagSql('tags', '@tag')} WHERE id = @id`);
      for (const tag of input.addTags) add.run({ id: input.id, tag });
      const remove = this.db.prepare(`UPDATE contacts SET tags = ${removeTagSql('tags', '@tag')} WHERE id = @id`);
      for (const tag of input.removeTags) remove.run({ id: input.id, tag });
    })();
    return this.get(input.id);
  }

  /** Erases the contact from the store; returns the message keys of the emails they were sent. */
  forget(id: number): string[] {
    const messageKeys = forgetContact(this.db, id);
    if (!messageKeys) throw new ApiError('not-found', `there is no contact with id ${id}`);
    return messageKeys;
  }

  export(id: number): { fileName: string; json: string } {
    const data = exportContact(this.db, id);
    if (!data) throw new ApiError('not-found', `there is no contact with id ${id}`);
    const email = (data.contacts[0] as { email: string }).email;
    return {
      fileName: `contact-${id}.json`,
      json: `${JSON.stringify({ exportedAt: new Date(this.now()).toISOString(), email, data }, null, 2)}\n`,
    };
  }

  /** Built-ins, then the custom attribute names found on (a sample of) the contacts. */
  attributeNames(): string[] {
    const custom = this.db
      .prepare(`SELECT DISTINCT j.key FROM (SELECT attributes FROM contacts ORDER BY id DESC LIMIT 5000) c, json_each(${readableJsonSql('c.attributes')}) j ORDER BY j.key`)
      .pluck()
      .all() as string[];
    return [...builtInFields, ...custom.filter((name) => !isBuiltInField(name))];
  }

  suppressions() {
    return this.db.prepare('SELECT email, reason, added_at AS addedAt FROM suppressions ORDER BY added_at DESC').all() as Array<{ email: string; reason: string; addedAt: number }>;
  }

  suppress(email: string, reason: string, source: 'manual' | 'import' | 'unsubscribe' = 'manual'): void {
    this.db
      .prepare('INSERT INTO suppressions (email, reason, added_at, source) VALUES (?, ?, ?, ?) ON CONFLICT (email) DO UPDATE SET reason = excluded.reason')
      .run(email.toLowerCase(), reason, this.now(), source);
  }

  unsuppress(email: string): void {
    this.db.prepare('DELETE FROM suppressions WHERE email = ? COLLATE NOCASE').run(email);
  }
}

/** An event's properties, NULL when SQLite cannot read them (store/readableJson.ts). */
const PROPERTIES = `CASE WHEN ${readableSql('properties')} THEN properties END AS properties`;

function storedEvents(rows: unknown[]): { list: StoredEvent[]; warning: string | null } {
  const unreadable: Array<{ id: number; name: string }> = [];
  const list = (rows as Array<Omit<StoredEvent, 'properties'> & { properties: string | null }>).map((e) => {
    if (e.properties === null) unreadable.push(e);
    return { ...e, properties: e.properties === null ? {} : (JSON.parse(e.properties) as Record<string, unknown>) };
  });
  return { list, warning: unreadable.length ? unreadablePropertiesNote(unreadable) : null };
}

/** The object in a JSON text, or null when the text is not JSON (or holds something else). */
function parsedObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Attributes SQLite cannot read, for the contact's page: the ones within the limits are shown; the ones an older
 * version stored nested too deep are left out and named, so that they can be removed.
 */
function unreadableAttributes(text: string): { values: Record<string, unknown>; warning: string } {
  const stored = parsedObject(text) ?? {};
  // Nested as deep as SQLite reads, with the attributes object around it, is one level too many.
  const culprits = Object.keys(stored).filter((name) => jsonValueProblem(stored[name], { maxDepth: SQLITE_JSON_MAX_DEPTH - 1, maxBytes: Infinity }) !== null);
  const values = Object.fromEntries(Object.entries(stored).filter(([name]) => !culprits.includes(name)));
  return { values, warning: unreadableAttributesNote(culprits) };
}
