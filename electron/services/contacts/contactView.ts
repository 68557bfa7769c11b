import type { Db } from '../../store/database.ts';
import type { ContactEvent, ContactView } from '../../../shared/rules/contactView.ts';

interface ContactRow {
  id: number;
  email: string;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  country: string | null;
  timezone: string | null;
  locale: string | null;
  consent: string;
  attributes: string;
}

/**
 * A contact as the in-memory rule evaluator sees it: built-in fields beside the custom attributes (the
 * built-in wins on a clash, as in the SQL compiler), tags, and events oldest first.
 */
export function contactViewFromRow(row: ContactRow, tags: string[], events: ContactEvent[]): ContactView {
  const { id, email, first_name, last_name, phone, country, timezone, locale, consent } = row;
  return {
    id,
    email,
    attributes: { ...(JSON.parse(row.attributes) as Record<string, unknown>), email, first_name, last_name, phone, country, timezone, locale, consent },
    tags: new Set(tags),
    events,
  };
}

export function loadContactView(db: Db, id: number): ContactView | undefined {
  const row = db.prepare('SELECT * FROM contacts WHERE id = ?').get(id) as ContactRow | undefined;
  if (!row) return undefined;
  const tags = db.prepare('SELECT tag FROM contact_tags WHERE contact_id = ?').pluck().all(id) as string[];
  const events = (
    db.prepare('SELECT name, occurred_at AS at, properties FROM events WHERE contact_id = ? ORDER BY occurred_at, id').all(id) as Array<{
      name: string;
      at: number;
      properties: string;
    }>
  ).map((e) => ({ name: e.name, at: e.at, properties: JSON.parse(e.properties) as Record<string, unknown> }));
  return contactViewFromRow(row, tags, events);
}
