import { writeTransaction, type Db } from '../../store/database.ts';

/**
 * EVERY table that holds data about a contact, and how to find their rows. 'Forget this contact' (right to
 * erasure) and 'Export this contact' (access request) both walk this list, and the erasure test checks
 * that no other table mentions the contact afterwards.
 *
 * >>> When you add a table that stores anything about a contact (journey positions, scheduled waits,
 * >>> outgoing emails, send logs...), add it here in the same change. Children before parents.
 *
 * `by`: 'contact_id' matches the contact's id; 'email' matches their address (case-insensitively); 'run'
 * matches rows of the contact's journey runs.
 */
export const contactTables: ReadonlyArray<{ table: string; by: 'contact_id' | 'email' | 'run' }> = [
  { table: 'journey_steps', by: 'run' },
  { table: 'outbound_emails', by: 'contact_id' },
  { table: 'journey_trigger_seen', by: 'contact_id' },
  { table: 'journey_runs', by: 'contact_id' },
  { table: 'events', by: 'contact_id' },
  { table: 'segment_members', by: 'contact_id' },
  { table: 'suppressions', by: 'email' },
  // import_problems never quote an imported contact's data (see import/rowMapping.ts), so it is not listed.
  { table: 'contacts', by: 'contact_id' }, // matched on contacts.id
];

/** The WHERE clause finding the contact's rows in a table, with one parameter: their id or email. */
function whereContact(entry: (typeof contactTables)[number]): string {
  if (entry.by === 'email') return 'email = ? COLLATE NOCASE';
  if (entry.by === 'run') return 'run_id IN (SELECT id FROM journey_runs WHERE contact_id = ?)';
  return `${entry.table === 'contacts' ? 'id' : 'contact_id'} = ?`;
}

const existing = (db: Db) => new Set(db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all() as string[]);

/**
 * Deletes the contact and every row about them, in one transaction. Returns the message keys of the emails
 * they were sent (so the caller can erase copies kept outside the database), or undefined when there is no
 * such contact.
 */
export function forgetContact(db: Db, id: number): string[] | undefined {
  const email = db.prepare('SELECT email FROM contacts WHERE id = ?').pluck().get(id) as string | undefined;
  if (email === undefined) return undefined;
  const tables = existing(db);
  const messageKeys = tables.has('outbound_emails')
    ? (db.prepare('SELECT message_key FROM outbound_emails WHERE contact_id = ?').pluck().all(id) as string[])
    : [];
  writeTransaction(db, () => {
    for (const entry of contactTables) {
      if (!tables.has(entry.table)) continue; // a table a later migration adds
      const key = entry.by === 'email' ? email : id;
      db.prepare(`DELETE FROM ${entry.table} WHERE ${whereContact(entry)}`).run(key);
    }
  })();
  return messageKeys;
}

/** Stored JSON as its value; text that is not JSON (an older version's) as the text itself: an access request gets all. */
function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Everything held about one contact, table by table (for an access request). */
export function exportContact(db: Db, id: number): Record<string, unknown[]> | undefined {
  const email = db.prepare('SELECT email FROM contacts WHERE id = ?').pluck().get(id) as string | undefined;
  if (email === undefined) return undefined;
  const tables = existing(db);
  const out: Record<string, unknown[]> = {};
  for (const entry of [...contactTables].reverse()) {
    if (!tables.has(entry.table)) continue;
    const key = entry.by === 'email' ? email : id;
    const rows = db.prepare(`SELECT * FROM ${entry.table} WHERE ${whereContact(entry)}`).all(key) as Array<Record<string, unknown>>;
    out[entry.table] = rows.map((row) => {
      const copy = { ...row };
      for (const key of ['attributes', 'properties'] as const) if (typeof copy[key] === 'string') copy[key] = parsedOrText(copy[key]);
      return copy;
    });
  }
  return out;
}
