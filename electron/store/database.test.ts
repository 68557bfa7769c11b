import { describe, expect, it, afterEach } from 'vitest';
import { join } from 'node:path';
import { openDatabase, schemaVersion, SchemaTooNewError, writeTransaction } from './database.ts';
import { migrations } from './migrations/index.ts';
import type { Migration } from './migrations/types.ts';
import { tempDir } from '../../test/helpers/workspace.ts';

const dirs: Array<{ remove(): void }> = [];
const newFile = () => {
  const dir = tempDir();
  dirs.push(dir);
  return join(dir.path, 'nested', 'workspace.db');
};
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('openDatabase', () => {
  it('creates an empty database at the latest schema, in WAL mode', () => {
    const db = openDatabase(newFile());
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['journeys', 'journey_versions', 'contacts', 'events', 'segments', 'templates']));
    db.close();
  });

  it('migrates an existing database forward and keeps its data', () => {
    const file = newFile();
    const db = openDatabase(file);
    db.prepare(`INSERT INTO journeys (id, name, draft, created_at, updated_at) VALUES ('j1', 'Kept', '{}', 1, 1)`).run();
    db.close();

    const next: Migration = { version: migrations.length + 1, name: 'add-colour', sql: `ALTER TABLE journeys ADD COLUMN colour TEXT DEFAULT 'blue'` };
    const migrated = openDatabase(file, [...migrations, next]);
    expect(schemaVersion(migrated)).toBe(next.version);
    expect(migrated.prepare('SELECT name, colour FROM journeys').get()).toEqual({ name: 'Kept', colour: 'blue' });
    migrated.close();
  });

  it('rolls back a migration that fails and leaves the last good version', () => {
    const file = newFile();
    openDatabase(file).close();
    const broken: Migration = { version: migrations.length + 1, name: 'broken', sql: `CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);` };
    expect(() => openDatabase(file, [...migrations, broken])).toThrow(/nowhere/);
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'`).pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a database made by a newer version of the app', () => {
    const file = newFile();
    const db = openDatabase(file);
    db.pragma(`user_version = ${migrations.length + 5}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(SchemaTooNewError);
  });
});

describe('writeTransaction', () => {
  it('holds the write lock from its start, so a second writer (an import) waits instead of breaking it', () => {
    const file = newFile();
    const app = openDatabase(file);
    const importer = openDatabase(file);
    importer.pragma('busy_timeout = 0');
    app.prepare(`INSERT INTO settings (key, value) VALUES ('count', '1')`).run();
    const bump = (db: typeof app) => {
      const count = Number(db.prepare(`SELECT value FROM settings WHERE key = 'count'`).pluck().get());
      // The other writer tries to commit between this transaction's read and its write.
      expect(() => importer.prepare(`INSERT INTO settings (key, value) VALUES ('import', 'batch')`).run()).toThrow(/locked|busy/i);
      db.prepare(`UPDATE settings SET value = ? WHERE key = 'count'`).run(String(count + 1));
    };
    writeTransaction(app, () => bump(app))();
    expect(app.prepare(`SELECT value FROM settings WHERE key = 'count'`).pluck().get()).toBe('2');

    // better-sqlite3's default (deferred) transaction lets the other writer in, and then cannot write at all.
    const deferred = app.transaction(() => {
      app.prepare(`SELECT value FROM settings WHERE key = 'count'`).get();
      importer.prepare(`INSERT INTO settings (key, value) VALUES ('import', 'batch')`).run();
      app.prepare(`UPDATE settings SET value = '3' WHERE key = 'count'`).run();
    });
    expect(() => deferred()).toThrow(/busy|locked/i);
    importer.close();
    app.close();
  });
});

