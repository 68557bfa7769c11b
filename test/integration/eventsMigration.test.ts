import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, schemaVersion, type Db } from '../../electron/store/database.ts';
import { migrations } from '../../electron/store/migrations/index.ts';
import { runImport } from '../../electron/services/import/importRunner.ts';
import { canonicalJson } from '../../shared/util/canonicalJson.ts';
import { tempDir } from '../helpers/workspace.ts';

const NOW = Date.UTC(2026, 0, 15, 12);
const PURCHASE_AT = Date.UTC(2026, 0, 10, 10);
const OPEN_AT = Date.UTC(2026, 0, 9, 8);
const VIEW_AT = Date.UTC(2026, 0, 1);

/** The key the importer stored before migration 0005: 'h:' and the whole base64url SHA-1 of contact, name, time and properties. */
const keyBefore0005 = (contactId: number, name: string, at: number, properties: Record<string, unknown>) =>
  `h:${createHash('sha1').update(`${contactId}\u0000${name}\u0000${at}\u0000${canonicalJson(properties)}`).digest('base64url')}`;

let dir: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  dir = tempDir();
  file = join(dir.path, 'workspace.db');
});
afterEach(() => dir.remove());

/** A store at schema version 4 with two contacts and four events, as the importer of that version wrote them. */
function storeAtVersion4() {
  const db = openDatabase(file, migrations.slice(0, 4));
  expect(schemaVersion(db)).toBe(4);
  const contact = db.prepare(`INSERT INTO contacts (id, email, created_at, updated_at) VALUES (?, ?, ?, ?)`);
  contact.run(1, 'ana@example.com', NOW, NOW);
  contact.run(2, 'bob@example.com', NOW, NOW);
  const event = db.prepare('INSERT INTO events (id, contact_id, name, occurred_at, properties, dedupe_key) VALUES (?, ?, ?, ?, ?, ?)');
  const purchase = { amount: 120.5, product_id: 'p1' };
  const rows = [
    [10, 1, 'purchased', PURCHASE_AT, JSON.stringify(purchase), keyBefore0005(1, 'purchased', PURCHASE_AT, purchase)],
    [11, 2, 'email_opened', OPEN_AT, '{}', keyBefore0005(2, 'email_opened', OPEN_AT, {})],
    [15, 1, 'page_viewed', VIEW_AT, '{}', 'id:e1'],
    [16, 2, 'page_viewed', VIEW_AT, '{}', 'id:e2'],
  ] as const;
  for (const row of rows) event.run(...row);
  db.close();
  return rows;
}

const write = (name: string, content: string) => {
  const path = join(dir.path, name);
  writeFileSync(path, content);
  return path;
};
const importEvents = (db: Db, path: string) => runImport(db, { kind: 'events', path, now: () => NOW });

describe('migration 0005 (events de-duplicated per contact)', () => {
  it('keeps every event of a version-4 store with its id, and cuts the stored hash keys to the new length', () => {
    const before = storeAtVersion4();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(migrations.length);
    const rows = db.prepare('SELECT id, contact_id, name, occurred_at, properties, dedupe_key FROM events ORDER BY id').raw().all();
    expect(rows).toEqual([
      [10, 1, 'purchased', PURCHASE_AT, before[0][4], before[0][5].slice(0, 13)],
      [11, 2, 'email_opened', OPEN_AT, '{}', before[1][5].slice(0, 13)],
      [15, 1, 'page_viewed', VIEW_AT, '{}', 'id:e1'],
      [16, 2, 'page_viewed', VIEW_AT, '{}', 'id:e2'],
    ]);
    const indexes = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name`).pluck().all();
    expect(indexes).toEqual(['events_by_contact', 'events_dedupe']);
    // Erasing a contact still takes their events with them (the rebuilt table keeps its foreign key).
    db.prepare('DELETE FROM contacts WHERE id = 2').run();
    expect(db.prepare('SELECT id FROM events ORDER BY id').pluck().all()).toEqual([10, 15]);
    db.close();
  });

  it('inserts nothing when the files the old events came from are imported again, with or without an id column', async () => {
    storeAtVersion4();
    const db = openDatabase(file);
    try {
      const withoutIds = write(
        'events.jsonl',
        '{"email":"ana@example.com","event":"purchased","timestamp":"2026-01-10T10:00:00Z","properties":{"product_id":"p1","amount":120.5}}\n{"email":"bob@example.com","event":"email_opened","timestamp":"2026-01-09T08:00:00Z","properties":{}}\n',
      );
      expect(await importEvents(db, withoutIds)).toMatchObject({ status: 'done', inserted: 0, unchanged: 2, skipped: 0 });
      const withIds = write(
        'events-with-ids.jsonl',
        '{"id":"e1","email":"ana@example.com","name":"page_viewed","timestamp":"2026-01-01T00:00:00Z"}\n{"id":"e2","email":"bob@example.com","name":"page_viewed","timestamp":"2026-01-01T00:00:00Z"}\n',
      );
      expect(await importEvents(db, withIds)).toMatchObject({ status: 'done', inserted: 0, unchanged: 2, skipped: 0 });
      expect(db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(4);

      // A new event still goes in, once.
      const newer = write('newer.csv', 'email,event,timestamp,amount,product_id\nana@example.com,purchased,2026-01-11T10:00:00Z,120.5,p1\n');
      expect(await importEvents(db, newer)).toMatchObject({ inserted: 1 });
      expect(await importEvents(db, newer)).toMatchObject({ inserted: 0, unchanged: 1 });
      expect(db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(5);
    } finally {
      db.close();
    }
  });
});
