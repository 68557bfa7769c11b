import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/workspace.ts';
import { openWorkspace } from '../../electron/services/workspace/openWorkspace.ts';
import { loadSample } from '../../electron/services/sample/loadSample.ts';
import { hasTagSql } from '../../electron/services/contacts/tagColumn.ts';

const bin = join(import.meta.dirname, '../../bin/journey-studio.js');
let dir: ReturnType<typeof tempDir>;
let db: string;

beforeEach(() => {
  dir = tempDir();
  db = join(dir.path, 'w.db');
  const services = openWorkspace(db);
  loadSample(services.db, { contacts: 30, seed: 4 });
  services.db.close();
}, 60_000);
afterEach(() => dir.remove());

const run = (...args: string[]) => spawnSync(process.execPath, [bin, '--db', db, ...args], { encoding: 'utf8' });

function vipEmail(): string {
  const services = openWorkspace(db);
  try {
    return services.db.prepare(`SELECT email FROM contacts WHERE ${hasTagSql('tags', "'vip'")} LIMIT 1`).pluck().get() as string;
  } finally {
    services.db.close();
  }
}

// each case starts the real CLI in its own process, which takes seconds on a busy machine
describe('journey-studio template render', { timeout: 60_000 }, () => {
  it('renders a stored template by name for a contact by email', () => {
    const result = run('template', 'render', 'Cart reminder 2: still available', '--contact', vipEmail());
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Subject: Your items are still available');
    expect(result.stdout).toContain('As a VIP, shipping is on us.');
    expect(result.stdout).toContain('--- Text ---');
    expect(result.stdout).toContain('--- Lint ---');
  });

  it('renders a template file for a contact file, as JSON', () => {
    const templateFile = join(dir.path, 't.json');
    const contactFile = join(dir.path, 'c.json');
    writeFileSync(templateFile, JSON.stringify({ locale: 'en', content: { subject: 'Hi {{ first_name }}', body: '<p>{{ total_spent | money }}</p>' } }));
    writeFileSync(contactFile, JSON.stringify({ email: 'z@example.com', first_name: 'Zoé', tags: ['vip'], events: [{ name: 'purchased', at: '2026-01-02T10:00:00Z', properties: { amount: 20 } }] }));
    const result = run('template', 'render', templateFile, '--contact', contactFile, '--json', '--now', '2026-02-01T00:00:00Z');
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout) as { subject: string; html: string; lint: Array<{ rule: string }> };
    expect(output.subject).toBe('Hi Zoé');
    expect(output.html).toBe('<p>$20.00</p>');
    expect(output.lint.map((f) => f.rule)).toContain('no-unsubscribe');
  });

  it('exits 1 on a template error, with its line and column', () => {
    const templateFile = join(dir.path, 'bad.json');
    writeFileSync(templateFile, JSON.stringify({ content: { subject: 'Hi', body: '<p>\n  {% if x %}</p>' } }));
    const result = run('template', 'render', templateFile, '--contact', vipEmail());
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/template error in the body at line 2, column 3: tag \{% if x %\} not closed/);
  });

  it('says what is wrong in a contact file, and where', () => {
    const contactFile = join(dir.path, 'c.json');
    writeFileSync(contactFile, JSON.stringify({ email: 'not-an-email', tags: [] }));
    const result = run('template', 'render', 't_cart_1', '--contact', contactFile);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/at email: expected an email address/);
  });
});
