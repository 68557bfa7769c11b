import type { Migration } from './types.ts';

/**
 * Events are de-duplicated per contact, and the store keeps only indexes whose order follows an events file
 * (exports list a contact's events together), so that importing 10M events writes each batch into a few
 * neighbouring pages instead of tens of thousands of scattered ones (docs/segments.md, benchmarks).
 *
 * - The de-duplication key was UNIQUE on its own: a hash put every event at a random place in that index.
 *   It is now unique per contact, in an index that begins with the contact. A key made from the contents
 *   (`h:`) keeps the first 11 characters of its base64url SHA-1 (66 bits, among one contact's events); the
 *   stored ones are cut to the same length, which is exactly what eventDedupeKey computes now, so importing
 *   the same file again still inserts nothing. A source's id (`id:`) is kept whole.
 * - events_by_name (name, occurred_at) is dropped: every insert landed at a random place in it, and the
 *   queries that used it (population stats, forecast audiences, results, recommendations) scan the
 *   (contact, name, time) index in its order instead, no slower on the benchmark's data.
 *
 * SQLite cannot drop a column's UNIQUE constraint in place: the table is rebuilt, its ids kept (the engine's
 * cursor over events is an id), and the indexes are built after the copy (a sort, not 10M random inserts).
 * No table refers to events, so dropping the old one cascades to nothing.
 */
export const eventsByContact: Migration = {
  version: 5,
  name: 'events-by-contact',
  sql: `
    CREATE TABLE events_v5 (
      id INTEGER PRIMARY KEY,
      contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      occurred_at INTEGER NOT NULL,
      properties TEXT NOT NULL DEFAULT '{}',
      -- 'id:' and the source's own event id when it had one, else 'h:' and a short hash of contact, name, time
      -- and properties; unique per contact (events_dedupe)
      dedupe_key TEXT NOT NULL
    );
    INSERT INTO events_v5 (id, contact_id, name, occurred_at, properties, dedupe_key)
      SELECT id, contact_id, name, occurred_at, properties,
             CASE WHEN substr(dedupe_key, 1, 2) = 'h:' THEN substr(dedupe_key, 1, 13) ELSE dedupe_key END
      FROM events ORDER BY id;
    DROP TABLE events;
    ALTER TABLE events_v5 RENAME TO events;
    CREATE UNIQUE INDEX events_dedupe ON events (contact_id, dedupe_key);
    CREATE INDEX events_by_contact ON events (contact_id, name, occurred_at);
  `,
};
