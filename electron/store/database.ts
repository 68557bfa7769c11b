import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations as defaultMigrations } from './migrations/index.ts';
import type { Migration } from './migrations/types.ts';

export type Db = Database.Database;

export class SchemaTooNewError extends Error {}

/**
 * Opens (or creates) the workspace database: WAL for a reader beside the writer, foreign keys on, and every
 * pending migration applied, each in its own transaction so a failure leaves the last good version.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = defaultMigrations): Db {
  const db = connect(file);
  try {
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Opens the file with the app's settings but applies no migration (for `db migrate`, which reports them). */
export function connect(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * A write transaction that takes the write lock when it begins (BEGIN IMMEDIATE), waiting up to the busy
 * timeout while another connection writes. An import writes on a connection of its own (import/writerThread.ts):
 * a default (deferred) transaction that read first would then fail at its first write with SQLITE_BUSY
 * whenever the import had committed meanwhile, since its snapshot is then stale and waiting cannot help.
 * Every transaction of the app that writes goes through here, every one that only reads through readTransaction
 * (eslint forbids `.transaction` elsewhere).
 * Nested, it is a savepoint, as better-sqlite3's transactions are.
 */
export function writeTransaction<Args extends unknown[], Result>(db: Db, body: (...args: Args) => Result): (...args: Args) => Result {
  // eslint-disable-next-line no-restricted-properties -- the one place that makes transactions
  return db.transaction(body).immediate;
}

/**
 * A transaction that only reads the main database (it may write this connection's temporary tables), so that
 * several statements see one snapshot: deferred, so it never waits for or takes the write lock an import or
 * the engine may hold. Nested, it is a savepoint.
 */
export function readTransaction<Result>(db: Db, body: () => Result): Result {
  // eslint-disable-next-line no-restricted-properties -- the one place that makes read transactions
  return db.transaction(body).deferred();
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies the migrations newer than the database; returns the versions applied. */
export function migrate(db: Db, migrations: readonly Migration[] = defaultMigrations): number[] {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const current = schemaVersion(db);
  const latest = migrations.length;
  if (current > latest) {
    throw new SchemaTooNewError(
      `this database is at schema version ${current}, newer than this app knows (${latest}); update Journey Studio`,
    );
  }
  const applied: number[] = [];
  for (const migration of migrations.slice(current)) {
    writeTransaction(db, () => {
      db.exec(migration.sql);
      // user_version cannot be bound as a parameter; the value is our own integer.
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}
