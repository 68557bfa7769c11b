import type { Db } from '../../store/database.ts';
import type { ContactEvent, ContactView } from '../../../shared/rules/contactView.ts';
import type { RecentSend } from '../../../shared/engine/types.ts';
import { contactViewFromRow } from '../contacts/contactView.ts';
import type { ContactRow } from '../contacts/contactRow.ts';
import { readableSql, unreadableAttributesNote, unreadablePropertiesNote } from '../../store/readableJson.ts';

/** A contact as a decision sees it, with what the store knows around them. */
export interface DecisionContact {
  /** Attributes (built-in fields and custom ones), tags, events, and the static lists they are on. */
  view: ContactView;
  /** The address is on the suppression list. */
  suppressed: boolean;
  /** Marketing emails queued or sent to them by any journey since the read's `sendsSince`, in time order. */
  recentSends: RecentSend[];
  /** Stored values SQLite cannot read, skipped (store/readableJson.ts): what the contact's page and a preview say. */
  unreadable: string[];
}

/** What of each contact to read: a host may read only the events the journey can look at (eventsRead()). */
export interface ReadScope {
  /** Only these events; null: all of them. */
  eventNames: readonly string[] | null;
}

export const everyEvent: ReadScope = { eventNames: null };

/** Properties null: SQLite cannot read the stored JSON (store/readableJson.ts). */
type EventRow = [contactId: number, name: string, at: number, properties: string | null, id: number];

/**
 * THE reader of "what a decision sees about a contact": the live engine, the simulator (a stored contact), the
 * forecast and the delivery's render all read contacts through it, so none can see a field, a membership or an
 * email the others miss. Five statements per batch of ids (prepared once), each one pass in contact order, never
 * a query per contact.
 *
 * A send's moment is when the decision queued it (created_at): the moment the interpreter recorded it at, and the
 * one the simulator counts. Static list memberships come from segment_members; dynamic segments are not read
 * here at all, because the interpreter evaluates them at each decision's own moment (SegmentCatalog).
 */
export class DecisionContacts {
  private readonly scope: ReadScope;
  private readonly names: string;
  private readonly contacts;
  private readonly events;
  private readonly sends;
  private readonly suppressed;
  private readonly lists;

  constructor(db: Db, scope: ReadScope = everyEvent) {
    this.scope = scope;
    this.names = JSON.stringify(scope.eventNames ?? []);
    const ids = 'IN (SELECT value FROM json_each(@ids))';
    this.contacts = db.prepare(
      `SELECT id, email, first_name, last_name, phone, country, timezone, locale, consent, CASE WHEN ${readableSql('attributes')} THEN attributes END AS attributes,
              tags, created_at, updated_at
       FROM contacts WHERE id ${ids}`,
    );
    // Sought by (contact, name) in the (contact, name, time) index: never by the (name, time) one, which
    // would walk every contact's events of that name. Each contact's few are put in time order below
    // (SQLite's sorter would copy every row once more).
    const names = scope.eventNames === null ? '' : ' AND name IN (SELECT value FROM json_each(@names))';
    this.events = db
      .prepare(
        `SELECT contact_id, name, occurred_at, CASE WHEN ${readableSql('properties')} THEN properties END, id
         FROM events INDEXED BY events_by_contact WHERE contact_id ${ids}${names} ORDER BY contact_id`,
      )
      .raw();
    this.sends = db
      .prepare(
        `SELECT contact_id, created_at, message_key FROM outbound_emails
         WHERE status IN ('queued', 'sent') AND contact_id ${ids} AND created_at > @since ORDER BY created_at, message_key`,
      )
      .raw();
    this.suppressed = db.prepare(`SELECT c.id FROM contacts c JOIN suppressions s ON s.email = c.email WHERE c.id ${ids}`).pluck();
    this.lists = db
      .prepare(`SELECT m.contact_id, m.segment_id FROM segment_members m JOIN segments s ON s.id = m.segment_id AND s.kind = 'static' WHERE m.contact_id ${ids}`)
      .raw();
  }

  /**
   * The contacts with these ids, in that order (ids not in the store are left out), with their sends after
   * `sendsSince` (a decision passes `now - sendHistoryReach()`; -Infinity reads them all).
   */
  read(ids: readonly number[], sendsSince = -Infinity): DecisionContact[] {
    if (ids.length === 0) return [];
    const list = { ids: JSON.stringify(ids) };
    const rows = this.contacts.all(list) as Array<Omit<ContactRow, 'attributes'> & { attributes: string | null }>;
    const unreadable = new Map<number, string[]>();
    const note = (id: number, what: string) => (unreadable.get(id) ?? unreadable.set(id, []).get(id)!).push(what);
    for (const row of rows) if (row.attributes === null) note(row.id, unreadableAttributesNote());
    const events = this.eventsOf(note, this.events.all(this.scope.eventNames === null ? list : { ...list, names: this.names }) as EventRow[]);
    const sends = new Map<number, RecentSend[]>();
    const since = Number.isFinite(sendsSince) ? sendsSince : Number.MIN_SAFE_INTEGER;
    for (const [id, at, messageKey] of this.sends.all({ ...list, since }) as Array<[number, number, string]>) {
      (sends.get(id) ?? sends.set(id, []).get(id)!).push({ at, messageKey });
    }
    const lists = new Map<number, Set<string>>();
    for (const [id, segmentId] of this.lists.all(list) as Array<[number, string]>) (lists.get(id) ?? lists.set(id, new Set()).get(id)!).add(segmentId);
    const suppressed = new Set(this.suppressed.all(list) as number[]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      if (!row) return [];
      const view: ContactView = { ...contactViewFromRow(row, events.get(id) ?? []), segments: lists.get(id) ?? new Set() };
      return [{ view, suppressed: suppressed.has(id), recentSends: sends.get(id) ?? [], unreadable: unreadable.get(id) ?? [] }];
    });
  }

  /** One contact, or undefined when it is not in the store. */
  one(id: number, sendsSince = -Infinity): DecisionContact | undefined {
    return this.read([id], sendsSince)[0];
  }

  private eventsOf(note: (contactId: number, what: string) => void, rows: EventRow[]): Map<number, ContactEvent[]> {
    const rowsByContact = new Map<number, EventRow[]>();
    for (const row of rows) {
      const mine = rowsByContact.get(row[0]);
      if (mine) mine.push(row);
      else rowsByContact.set(row[0], [row]);
    }
    const events = new Map<number, ContactEvent[]>();
    for (const [id, mine] of rowsByContact) {
      mine.sort((a, b) => a[2] - b[2] || a[4] - b[4]);
      events.set(
        id,
        mine.map(([, name, at, properties]) => ({ name, at, properties: properties === null ? {} : (JSON.parse(properties) as Record<string, unknown>) })),
      );
      const unreadable = mine.filter((row) => row[3] === null).map(([, name, , , eventId]) => ({ id: eventId, name }));
      if (unreadable.length) note(id, unreadablePropertiesNote(unreadable));
    }
    return events;
  }
}
