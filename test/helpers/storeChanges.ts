import type { Db } from '../../electron/store/database.ts';

/**
 * Every row written to the store through this connection, by table, from now on: temporary triggers note each
 * insert, update and delete in a temporary table. A write rolled back takes its note with it, so what is noted is
 * what stayed. For checking that a failed call wrote nothing where dumping the whole store per call costs too much.
 */
export function watchStoreChanges(db: Db): { tables(): string[]; clear(): void } {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS store_changes (tbl TEXT NOT NULL)');
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'`).pluck().all() as string[];
  for (const table of tables) {
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      const name = `store_changes_${event.toLowerCase()}_${table.replace(/\W/g, '_')}`;
      db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS "${name}" AFTER ${event} ON main."${table}" BEGIN INSERT INTO temp.store_changes (tbl) VALUES ('${table}'); END`);
    }
  }
  return {
    tables: () => db.prepare('SELECT DISTINCT tbl FROM temp.store_changes ORDER BY tbl').pluck().all() as string[],
    clear: () => void db.exec('DELETE FROM temp.store_changes'),
  };
}
