import type { Db } from '../../store/database.ts';
import type { ContactEvent, ContactView } from '../../../shared/rules/contactView.ts';
import { builtInFields } from '../../../shared/contacts/fields.ts';
import type { ContactRow } from './contactRow.ts';
import { decodeTags } from './tagColumn.ts';

const parseObject = (json: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/**
 * A contact as the rule evaluator, the template renderer and the interpreter see it: the built-in columns
 * beside the custom attributes (the built-in wins on a clash, exactly as the SQL compiler reads them), tags,
 * and events oldest first.
 */
export function contactViewFromRow(row: ContactRow, events: ContactEvent[]): ContactView {
  const attributes: Record<string, unknown> = parseObject(row.attributes);
  for (const name of builtInFields) attributes[name] = row[name];
  return { id: row.id, email: row.email, attributes, tags: new Set(decodeTags(row.tags)), events, createdAt: row.created_at };
}

/** Reads contacts from the store as ContactViews, with statements prepared once. A pure read. */
export class ContactViewLoader {
  private readonly selectById;
  private readonly selectByEmail;
  private readonly selectEvents;

  constructor(db: Db) {
    this.selectById = db.prepare('SELECT * FROM contacts WHERE id = ?');
    this.selectByEmail = db.prepare('SELECT * FROM contacts WHERE email = ?');
    this.selectEvents = db.prepare('SELECT name, occurred_at, properties FROM events WHERE contact_id = ? ORDER BY occurred_at, id');
  }

  /** The contact with this id, or undefined. */
  byId(id: number): ContactView | undefined {
    const row = this.selectById.get(id) as ContactRow | undefined;
    return row && this.view(row);
  }

  /** The contact with this email (case-insensitive), or undefined. */
  byEmail(email: string): ContactView | undefined {
    const row = this.selectByEmail.get(email.trim()) as ContactRow | undefined;
    return row && this.view(row);
  }

  private view(row: ContactRow): ContactView {
    const events = (this.selectEvents.all(row.id) as Array<{ name: string; occurred_at: number; properties: string }>).map(
      (e): ContactEvent => ({ name: e.name, at: e.occurred_at, properties: parseObject(e.properties) }),
    );
    return contactViewFromRow(row, events);
  }
}

/** One contact by id, for callers that read a single contact. */
export function loadContactView(db: Db, id: number): ContactView | undefined {
  return new ContactViewLoader(db).byId(id);
}
