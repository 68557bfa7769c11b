import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../database.ts';
import { migrations } from './index.ts';
import { decodeTags } from '../../services/contacts/tagColumn.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('migration 6: tags into the contact row', () => {
  it("moves every contact's tags into contacts.tags and drops the table", () => {
    const dir = mkdtempSync(join(tmpdir(), 'js-migrate-'));
    dirs.push(dir);
    const file = join(dir, 'w.db');
    const before = openDatabase(file, migrations.slice(0, 4));
    const insert = before.prepare(`INSERT INTO contacts (id, email, created_at, updated_at) VALUES (?, ?, 0, 0)`);
    for (const id of [1, 2, 3]) insert.run(id, `c${id}@example.com`);
    const tag = before.prepare('INSERT INTO contact_tags (contact_id, tag, added_at) VALUES (?, ?, 0)');
    for (const [id, name] of [[1, 'vip'], [1, 'new'], [3, 'lapsed']] as const) tag.run(id, name);
    before.close();

    const after = openDatabase(file);
    const tags = after.prepare('SELECT id, tags FROM contacts ORDER BY id').all() as Array<{ id: number; tags: string }>;
    expect(tags.map((row) => [row.id, decodeTags(row.tags)])).toEqual([
      [1, ['new', 'vip']],
      [2, []],
      [3, ['lapsed']],
    ]);
    expect(after.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'contact_tags'`).pluck().get()).toBe(0);
    after.close();
  });
});
