import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../electron/store/database.ts';
import { migrations } from '../../electron/store/migrations/index.ts';
import { BENCH_NOW, benchRoot } from './benchData.ts';

const DAY = 86_400_000;

/**
 * A workspace of `contacts` contacts with `eventsPerContact` events each, written by SQL alone (minutes for
 * 10M events, where the importer would take an hour on this machine). Deterministic: countries cycle, one in
 * ten is tagged vip, event names and days spread by arithmetic over the last 120 days. For the segment
 * benchmark, which measures counting, not importing.
 */
export function syntheticWorkspace(contacts: number, eventsPerContact: number): string {
  // Named by schema version: a file another branch built (or would migrate) is never shared with this one.
  const file = join(benchRoot, `synthetic-${contacts}x${eventsPerContact}-v${migrations.length}.db`);
  if (existsSync(file)) return file;
  mkdirSync(benchRoot, { recursive: true });
  const work = `${file}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${work}${suffix}`, { force: true });
  console.error(`  building a synthetic workspace: ${contacts.toLocaleString('en-US')} contacts, ${(contacts * eventsPerContact).toLocaleString('en-US')} events…`);
  const db = openDatabase(work);
  db.pragma('cache_size = -262144');
  db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${contacts})
    INSERT INTO contacts (id, email, first_name, country, consent, attributes, created_at, updated_at)
    SELECT i, 'c' || i || '@example.com', 'C' || i,
           CASE i % 5 WHEN 0 THEN 'US' WHEN 1 THEN 'GB' WHEN 2 THEN 'DE' WHEN 3 THEN 'FR' ELSE 'PT' END,
           'subscribed', json_object('ltv', i % 997), ${BENCH_NOW}, ${BENCH_NOW}
    FROM n;
    UPDATE contacts SET tags = char(31) || 'vip' || char(31) WHERE id % 10 = 0;
    WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < ${eventsPerContact - 1})
    INSERT INTO events (contact_id, name, occurred_at, properties, dedupe_key)
    SELECT c.id,
           CASE (c.id * 7 + k.j) % 10 WHEN 0 THEN 'purchased' WHEN 1 THEN 'added_to_cart' WHEN 2 THEN 'email_clicked' WHEN 3 THEN 'page_viewed' WHEN 4 THEN 'page_viewed' ELSE 'email_opened' END,
           ${BENCH_NOW} - ((c.id * 31 + k.j * 977) % 120) * ${DAY} - k.j * 60000,
           CASE (c.id * 7 + k.j) % 10 WHEN 0 THEN json_object('amount', (c.id + k.j) % 300) ELSE '{}' END,
           's:' || c.id || ':' || k.j
    FROM contacts c, k ORDER BY c.id, k.j;
  `);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(work, file);
  return file;
}
