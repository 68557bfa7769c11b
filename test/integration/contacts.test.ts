import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { JourneyRunner } from '../../electron/services/engine/runner.ts';
import { OutboxSender } from '../../electron/services/engine/senders/outboxSender.ts';
import { readOutbox } from '../helpers/outbox.ts';
import { messageIdOf } from '../../shared/engine/messageKey.ts';
import { join } from 'node:path';
import { tempDir, tempWorkspace } from '../helpers/workspace.ts';
import { loadSample } from '../../electron/services/sample/loadSample.ts';
import { contactTables } from '../../electron/services/contacts/erasure.ts';
import type { Rule } from '../../shared/rules/rule.ts';
import { hasTagSql } from '../../electron/services/contacts/tagColumn.ts';

const NOW = Date.UTC(2026, 0, 15, 12);
let workspace: ReturnType<typeof tempWorkspace>;
beforeEach(() => {
  workspace = tempWorkspace(() => NOW);
  loadSample(workspace.services.db, { contacts: 300, seed: 2, now: NOW });
});
afterEach(() => workspace.close());

/** Every row of every table, as text, that mentions the email or (in a contact_id column) the id. */
function traces(id: number, email: string, runIds: ReadonlySet<string> = new Set()): string[] {
  const db = workspace.services.db;
  const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
  const found: string[] = [];
  for (const table of tables) {
    const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
    for (const row of db.prepare(`SELECT * FROM ${table}`).all() as Array<Record<string, unknown>>) {
      for (const column of columns) {
        const value = row[column];
        if (typeof value === 'string' && value.toLowerCase().includes(email.toLowerCase())) found.push(`${table}.${column}`);
        if ((column === 'contact_id' || (table === 'contacts' && column === 'id')) && value === id) found.push(`${table}.${column}`);
        if (column === 'run_id' && runIds.has(value as string)) found.push(`${table}.${column}`);
      }
    }
  }
  return found;
}

describe('contacts', () => {
  it("'Forget this contact' leaves no trace of them in any table", async () => {
    const { client, services } = workspace;
    const id = 7;
    const { email } = await client['contacts.get']({ id });
    // Give them a trace in every contact-bearing table.
    await client['segments.saveStatic']({ name: 'Everyone', rule: { type: 'all', rules: [] } });
    await client['contacts.update']({ id, attributes: { note: 'called us' }, addTags: ['called', 'trial'], consent: 'subscribed' });
    // ...and in the engine's tables: the trial nurture admits them on the tag and sends its day-1 email.
    await client['journeys.publish']({ id: 'j_trial_drip' });
    const outbox = join(workspace.dir, 'outbox');
    let clock = NOW;
    const runner = new JourneyRunner({ services, sender: new OutboxSender(outbox), now: () => clock, membershipIntervalMs: 0 });
    for (let hour = 0; hour < 72; hour++, clock += 3_600_000) await runner.runOnce();
    await runner.close();
    const sent = services.db.prepare(`SELECT message_key FROM outbound_emails WHERE contact_id = ? AND status = 'sent'`).pluck().all(id) as string[];
    expect(sent).toHaveLength(1);
    const outboxBefore = (await readOutbox(outbox)).map((message) => message.messageId);
    expect(outboxBefore).toContain(messageIdOf(sent[0]));
    expect(outboxBefore.length).toBeGreaterThan(1); // others' emails share the batch files with theirs
    await client['contacts.suppress']({ email, reason: 'complained' });
    const runIds = new Set(services.db.prepare('SELECT id FROM journey_runs WHERE contact_id = ?').pluck().all(id) as string[]);
    expect(new Set(traces(id, email, runIds).map((t) => t.split('.')[0]))).toEqual(new Set(contactTables.map((t) => t.table)));

    const exported = JSON.parse((await client['contacts.export']({ id })).json) as { data: Record<string, unknown[]> };
    expect(exported.data.contacts).toHaveLength(1);
    expect(exported.data.events.length).toBeGreaterThan(0);
    expect(exported.data.suppressions).toEqual([expect.objectContaining({ reason: 'complained' })]);

    await client['contacts.forget']({ id });
    expect(traces(id, email, runIds)).toEqual([]);
    // their email is gone from the outbox, everyone else's is still there
    expect((await readOutbox(outbox)).map((message) => message.messageId)).toEqual(outboxBefore.filter((id) => id !== messageIdOf(sent[0])));
    expect(services.db.prepare('SELECT COUNT(*) FROM contacts').pluck().get()).toBe(299);
    await expect(client['contacts.get']({ id })).rejects.toThrow(/no contact with id 7/);
  });

  it('lists, searches, sorts and filters by segment', async () => {
    const { client } = workspace;
    const all = await client['contacts.list']({ limit: 5, sort: 'email' });
    expect(all.total).toBe(300);
    expect(all.contacts.map((c) => c.email)).toEqual([...all.contacts.map((c) => c.email)].sort());
    const one = await client['contacts.list']({ search: '.42@' });
    expect(one.contacts.map((c) => c.id)).toEqual([42]);
    const lapsed = await client['contacts.list']({ segmentId: 's_lapsed_buyers', limit: 1000 });
    const preview = await client['segments.preview']({ rule: (await client['segments.get']({ id: 's_lapsed_buyers' })).rule });
    expect(lapsed.total).toBe(preview.count);
    expect(lapsed.total).toBeGreaterThan(0);
  });

  it('edits attributes and tags, and shows consent and suppression', async () => {
    const { client } = workspace;
    const before = await client['contacts.get']({ id: 3 });
    const after = await client['contacts.update']({ id: 3, attributes: { plan: 'pro', birthday: null }, addTags: ['vip'], removeTags: before.tags.filter((t) => t !== 'vip'), consent: 'unsubscribed' });
    expect(after.attributes.plan).toBe('pro');
    expect(after.attributes.birthday).toBeUndefined();
    expect(after.tags).toEqual(['vip']);
    expect(after.consent).toBe('unsubscribed');
    await client['contacts.suppress']({ email: after.email.toUpperCase(), reason: 'bounced' });
    expect((await client['contacts.get']({ id: 3 })).suppressed).toMatchObject({ reason: 'bounced' });
    expect(await client['contacts.suppressions']({})).toHaveLength(1);
  });

  it('refuses an attribute nested too deep (1,000 levels, or 33) or of 10 MB, naming it, and changes nothing', async () => {
    const { client } = workspace;
    const before = await client['contacts.get']({ id: 3 });
    const nested = (levels: number) => {
      let value: unknown = 1;
      for (let i = 0; i < levels; i++) value = { a: value };
      return value;
    };
    const refusals = [
      [{ deep: nested(1000) }, 'attributes.deep.a.a….a.a.a: the input is nested deeper than 64 levels'],
      [{ deep: nested(33) }, 'attributes.deep: nested deeper than 32 levels (at a.a.a.a….a.a.a); a stored value nests at most 32 levels and takes at most 64 KB of JSON'],
      [{ notes: 'x'.repeat(10 * 1024 * 1024) }, 'attributes.notes: larger than 64 KB as JSON; a stored value nests at most 32 levels and takes at most 64 KB of JSON'],
    ] as const;
    for (const [attributes, message] of refusals) {
      await expect(client['contacts.update']({ id: 3, attributes: { plan: 'pro', ...attributes }, addTags: ['vip'] })).rejects.toMatchObject({ code: 'invalid-input', message: `contacts.update: ${message}` });
    }
    expect(await client['contacts.get']({ id: 3 })).toEqual(before);
  });
});

describe('a contact’s events of one name', () => {
  it('lists them newest first, with how many there are, and says when there is no such contact', async () => {
    const { client, services } = workspace;
    const { contact_id: id, name, n } = services.db
      .prepare('SELECT contact_id, name, COUNT(*) AS n FROM events GROUP BY contact_id, name HAVING n >= 3 ORDER BY n DESC, contact_id LIMIT 1')
      .get() as { contact_id: number; name: string; n: number };
    const all = services.db
      .prepare('SELECT id, occurred_at AS at FROM events WHERE contact_id = ? AND name = ? ORDER BY occurred_at DESC, id DESC')
      .all(id, name) as Array<{ id: number; at: number }>;
    const listed = await client['contacts.events']({ id, name, limit: 2 });
    expect(listed.total).toBe(n);
    expect(listed.events.map((e) => ({ id: e.id, at: e.at }))).toEqual(all.slice(0, 2));
    expect(listed.events.every((e) => e.name === name && typeof e.properties === 'object')).toBe(true);
    expect(await client['contacts.events']({ id, name: 'never_happened' })).toEqual({ total: 0, events: [] });
    await expect(client['contacts.events']({ id: 999_999, name })).rejects.toThrow('there is no contact with id 999999');
  });
});

describe('segments', () => {
  const engagedNoPurchase: Rule = {
    type: 'all',
    rules: [
      { type: 'percentile', of: { kind: 'engagement', model: { weights: { email_opened: 1, email_clicked: 3, added_to_cart: 5, purchased: 10 }, halfLifeDays: 30 } }, direction: 'top', percent: 20 },
      { type: 'last-event', event: { name: 'purchased', filters: [] }, within: false, window: { amount: 30, unit: 'days' } },
    ],
  };

  it('previews a rule with its count, a sample and the over-segmentation warning', async () => {
    const preview = await workspace.client['segments.preview']({ rule: engagedNoPurchase, sampleSize: 5 });
    expect(preview.count).toBeGreaterThan(0);
    expect(preview.count).toBeLessThan(60); // within the top 20% of 300
    expect(preview.sample).toHaveLength(Math.min(5, preview.count));
    expect(preview).toMatchObject({ total: 300, minimumSize: 100, tooSmall: true });
  });

  it('saves dynamic segments that follow the data, and static lists that do not', async () => {
    const { client, services } = workspace;
    const vip: Rule = { type: 'tag', tag: 'vip', has: true };
    const dynamic = await client['segments.save']({ name: 'VIPs', rule: vip });
    const frozen = await client['segments.saveStatic']({ name: 'VIPs today', rule: vip });
    const vips = (await client['segments.preview']({ rule: vip })).count;
    expect(frozen.members).toBe(vips);
    await client['contacts.update']({ id: 1, addTags: ['vip'] });
    await client['contacts.update']({ id: 2, addTags: ['vip'] });
    const isVip = (id: number) => services.db.prepare(`SELECT COUNT(*) FROM contacts WHERE id = ? AND ${hasTagSql('tags', "'vip'")}`).pluck().get(id);
    expect(isVip(1)).toBe(1);
    const newVips = (await client['segments.preview']({ rule: vip })).count;
    expect((await client['contacts.list']({ segmentId: dynamic.id })).total).toBe(newVips);
    expect((await client['contacts.list']({ segmentId: frozen.id })).total).toBe(vips);
    // A rule may refer to a segment: membership of the static list.
    expect((await client['segments.preview']({ rule: { type: 'segment', segmentId: frozen.id, member: true } })).count).toBe(vips);
    await expect(client['segments.save']({ name: 'VIPs', rule: vip })).rejects.toThrow(/already exists/);
  });
});

describe('imports through the API', () => {
  it('uploads a file in chunks, previews it, runs it in the background and reports', async () => {
    const dir = tempDir();
    try {
      const { client, services } = workspace;
      const csv = Buffer.from('E-mail,First name,Score\nnew1@example.com,Nia,5\nbad-email,Oz,3\nnew2@example.com,Pia,x\n');
      const first = await client['contacts.upload']({ fileName: 'people.csv', chunkBase64: csv.subarray(0, 30).toString('base64') });
      await client['contacts.upload']({ uploadId: first.uploadId, fileName: 'people.csv', chunkBase64: csv.subarray(30).toString('base64') });
      const preview = await client['contacts.previewImport']({ kind: 'contacts', source: { uploadId: first.uploadId } });
      expect(preview.columns).toEqual(['E-mail', 'First name', 'Score']);
      expect(preview.mapping.map((m) => m.target)).toEqual([
        { kind: 'field', field: 'email' },
        { kind: 'field', field: 'first_name' },
        { kind: 'attribute', name: 'score', type: 'text' }, // '5', '3', 'x': mostly not numbers
      ]);
      // The user says Score is a number; the 'x' is then a bad cell.
      const mapping = preview.mapping.map((m) => (m.source === 'Score' ? { ...m, target: { kind: 'attribute' as const, name: 'score', type: 'number' as const } } : m));
      expect(preview.mergeRule).toMatch(/Email is the key/);
      const { runId } = await client['contacts.startImport']({ kind: 'contacts', source: { uploadId: first.uploadId }, mapping });
      const report = await services.imports.finished(runId);
      expect(report).toMatchObject({ status: 'done', inserted: 1, skipped: 2, file: 'people.csv' });
      expect((await client['contacts.importStatus']({ runId })).problems).toEqual([
        { line: 3, reason: 'invalid email in E-mail' },
        { line: 4, reason: 'Score should be a number, not "x"' },
      ]);
      expect((await client['contacts.importReportCsv']({ runId })).csv).toBe('line,reason\n3,invalid email in E-mail\n4,"Score should be a number, not ""x"""\n');

      const path = join(dir.path, 'missing-column.csv');
      writeFileSync(path, 'name\nx\n');
      // As if the user had picked these in the desktop app's open dialog.
      const picked = (file: string) => ({ picked: workspace.services.pickedFiles.add(file, 'read').token });
      await expect(client['contacts.previewImport']({ kind: 'events', source: picked(join(dir.path, 'none.csv')) })).rejects.toThrow(/ENOENT/);
      await expect(client['contacts.previewImport']({ kind: 'contacts', source: picked('/etc/passwd') })).rejects.toThrow(/only \.csv/);
    } finally {
      dir.remove();
    }
  });
});
