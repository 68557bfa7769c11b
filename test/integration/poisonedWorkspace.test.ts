import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempWorkspace } from '../helpers/workspace.ts';
import { loadSample } from '../../electron/services/sample/loadSample.ts';
import { runImport } from '../../electron/services/import/importRunner.ts';
import { evaluateRule } from '../../shared/rules/evaluate.ts';
import { Rule } from '../../shared/rules/rule.ts';

/**
 * A workspace holding what an older version stored as it was given: a contact attribute nested 1,000 levels deep
 * (one more than SQLite's JSON functions read, with the attributes object around it), attributes that are not
 * JSON at all, and events whose properties are nested as deep. Each is skipped and reported; nothing else fails.
 */
const BIN = resolve(import.meta.dirname, '../../bin/journey-studio.js');
const NOW = Date.UTC(2026, 2, 10, 12);
const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

let ws: ReturnType<typeof tempWorkspace>;
/** The contacts with events whose properties cannot be read. */
let poisonedEvents: Set<number>;
const db = () => ws.services.db;
const cli = (...args: string[]) => {
  const run = spawnSync(process.execPath, [BIN, '--db', ws.databasePath, ...args], { encoding: 'utf8', env: { ...process.env, JOURNEY_STUDIO_DB: '' } });
  return { code: run.status, out: run.stdout, err: run.stderr };
};
const emailOf = (id: number) => db().prepare('SELECT email FROM contacts WHERE id = ?').pluck().get(id) as string;

beforeAll(() => {
  ws = tempWorkspace(() => NOW);
  loadSample(db(), { contacts: 60, seed: 3, now: NOW });
  for (const id of ['j_cart_abandonment', 'j_trial_drip', 'j_win_back']) ws.services.journeys.publish(id);
  // Straight into the store, as an older version wrote them.
  const attributes = JSON.parse(db().prepare('SELECT attributes FROM contacts WHERE id = 1').pluck().get() as string) as Record<string, unknown>;
  db().prepare('UPDATE contacts SET attributes = ? WHERE id = 1').run(JSON.stringify({ ...attributes, deep: '(deep)' }).replace('"(deep)"', nested(1000)));
  db().prepare('UPDATE contacts SET attributes = ? WHERE id = 2').run('{"plan": "pro", oops');
  const events = db().prepare(`SELECT id, contact_id FROM events WHERE name IN ('added_to_cart', 'purchased') AND contact_id > 2 ORDER BY id LIMIT 6`).all() as Array<{ id: number; contact_id: number }>;
  for (const event of events) db().prepare('UPDATE events SET properties = ? WHERE id = ?').run(`{"deep": ${nested(1000)}}`, event.id);
  poisonedEvents = new Set(events.map((e) => e.contact_id));
}, 60_000);
afterAll(() => ws.close());

describe('a workspace holding values SQLite cannot read', { timeout: 60_000 }, () => {
  it('previews and lints templates for every contact, and says what it left out', async () => {
    const template = ws.services.templates.get('t_cart_1');
    expect(await ws.client['templates.lint']({ template })).toBeInstanceOf(Array);
    const ids = db().prepare('SELECT id FROM contacts ORDER BY id').pluck().all() as number[];
    for (const contactId of ids) {
      const preview = await ws.client['templates.preview']({ template, contactId });
      expect(preview.error).toBeNull();
      const warnings = [
        ...(contactId <= 2 ? [expect.stringMatching(/^the custom attributes stored for this contact cannot be read; /)] : []),
        ...(poisonedEvents.has(contactId) ? [expect.stringMatching(/^the properties stored for (the event|\d+ events) (added_to_cart|purchased) #\d+.* cannot be read/)] : []),
      ];
      expect(preview.contact.warnings).toEqual(warnings);
    }
    expect(poisonedEvents.size).toBeGreaterThan(0);
  });

  it('shows the contact with the attribute that cannot be read named, and lets it be removed', async () => {
    const before = await ws.client['contacts.get']({ id: 1 });
    expect(before.attributes).not.toHaveProperty('deep');
    expect(before.attributes).toHaveProperty('plan');
    expect(before.warnings).toEqual([
      'the custom attributes stored for this contact cannot be read: "deep", stored by an older version, is nested too deep; segments, templates and journeys see the contact without custom attributes until it is removed (or set again)',
    ]);
    expect((await ws.client['contacts.get']({ id: 2 })).warnings).toHaveLength(1);
    expect(await ws.client['contacts.attributeNames']({})).toContain('plan');
    const repaired = await ws.client['contacts.update']({ id: 1, attributes: { deep: null } });
    expect(repaired.warnings).toEqual([]);
    expect(repaired.attributes).toEqual(before.attributes);
    db().prepare('UPDATE contacts SET attributes = ? WHERE id = 1').run(JSON.stringify({ ...before.attributes, deep: '(deep)' }).replace('"(deep)"', nested(1000)));
  });

  it('counts segments as the in-memory evaluator does, the skipped values as not there', async () => {
    const rules = [
      { type: 'attribute', attribute: 'plan', op: 'is-not-set' },
      { type: 'attribute', attribute: 'signup_date', op: 'within-last-days', value: 400 },
      { type: 'event-count', event: { name: 'added_to_cart', filters: [{ property: 'deep', op: 'exists' }] }, op: 'gte', count: 1 },
      { type: 'rfm-group', group: 'champions' },
      { type: 'percentile', of: { kind: 'attribute', attribute: 'plan' }, direction: 'top', percent: 50 },
    ].map((rule) => Rule.parse(rule));
    const contacts = ws.services.decisions.contacts().read(db().prepare('SELECT id FROM contacts ORDER BY id').pluck().all() as number[]);
    for (const rule of rules) {
      const preview = await ws.client['segments.preview']({ rule });
      const population = ws.services.segments.evaluator.population(rule, NOW);
      expect(preview.count, JSON.stringify(rule)).toBe(contacts.filter((c) => evaluateRule(rule, c.view, { now: NOW, population })).length);
    }
    expect((await ws.client['segments.preview']({ rule: rules[0] })).count).toBeGreaterThanOrEqual(2);
  });

  it('runs `segment count`, `template render` and `run --once`, each exit 0, saying what it skipped', () => {
    const segment = join(ws.dir, 'no-plan.json');
    writeFileSync(segment, JSON.stringify({ name: 'No plan', rule: { type: 'attribute', attribute: 'plan', op: 'is-not-set' } }));
    expect(cli('segment', 'count', segment, '--at', new Date(NOW).toISOString())).toMatchObject({ code: 0, out: expect.stringMatching(/^\d+\n$/) });
    const render = cli('template', 'render', 't_cart_1', '--contact', emailOf(1), '--now', new Date(NOW).toISOString());
    expect(render).toMatchObject({ code: 0, err: `journey-studio: warning: ${emailOf(1)}: the custom attributes stored for this contact cannot be read; segments, templates and journeys see the contact without custom attributes until the contact is saved again\n` });
    for (let pass = 0; pass < 2; pass++) {
      const run = cli('run', '--once', '--json');
      expect(run.code, run.err).toBe(0);
      expect(JSON.parse(run.out)).toMatchObject({ admitted: expect.any(Number) });
    }
    expect(cli('forecast', 'j_cart_abandonment', '--days', '3', '--json').code).toBe(0);
    expect(cli('results', 'j_cart_abandonment', '--json').code).toBe(0);
  });

  it('skips an imported row for a contact whose attributes cannot be merged, and imports the rest', async () => {
    const file = join(ws.dir, 'update.csv');
    writeFileSync(file, `email,plan\n${emailOf(1)},team\n${emailOf(6)},team\n`);
    const report = await runImport(db(), { kind: 'contacts', path: file, now: () => NOW });
    expect(report).toMatchObject({ status: 'done', updated: 1, skipped: 1 });
    expect(report.problems).toEqual([{ line: 2, reason: expect.stringMatching(/ is not updated: the custom attributes stored for this contact cannot be read; .*, then try again$/) }]);
  });

  it('backs up what restoring takes, saying what it left out', async () => {
    const backup = await ws.client['exchange.exportWorkspace']({ includeContacts: true, includeEvents: true });
    expect(backup.leftOut).toEqual(
      expect.arrayContaining([
        `${emailOf(1)}: the custom attributes, which cannot be read (nested too deep by an older version)`,
        expect.stringMatching(/: the properties of the (added_to_cart|purchased) event of .*: cannot be read/),
      ]),
    );
    const target = tempWorkspace(() => NOW);
    try {
      expect(await target.client['exchange.restoreWorkspace']({ file: { text: backup.text! } })).toMatchObject({ outcome: 'restored' });
    } finally {
      target.close();
    }
  });
});
