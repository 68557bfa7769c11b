import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir, tempWorkspace } from '../helpers/workspace.ts';
import { runImport } from '../../electron/services/import/importRunner.ts';
import { openDatabase } from '../../electron/store/database.ts';

const NOW = Date.UTC(2026, 0, 15, 12);
const bin = resolve(import.meta.dirname, '../../bin/journey-studio.js');
let workspace: ReturnType<typeof tempWorkspace>;
let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  workspace = tempWorkspace(() => NOW);
  dir = tempDir();
});
afterEach(() => {
  workspace.close();
  dir.remove();
});

const file = (name: string, content: string) => {
  const path = join(dir.path, name);
  writeFileSync(path, content);
  return path;
};
const importSuppressions = (path: string) => runImport(workspace.services.db, { kind: 'suppressions', path, now: () => NOW });
const list = () => workspace.client['contacts.suppressions']({});

describe('suppression list import', () => {
  it('reads one address per line (no header), reports bad lines, and re-importing adds nothing', async () => {
    const path = file('bounces.txt', 'Ann@Example.com\nnot-an-address\n\nbob@example.com\r\nann@example.com\n');
    const report = await importSuppressions(path);
    expect(report).toMatchObject({ status: 'done', kind: 'suppressions', rowsRead: 4, inserted: 2, unchanged: 1, skipped: 1 });
    expect(report.problems).toEqual([{ line: 2, reason: 'invalid email in email' }]);
    expect((await list()).map((s) => [s.email, s.reason])).toEqual(
      expect.arrayContaining([
        ['ann@example.com', 'imported from bounces.txt'],
        ['bob@example.com', 'imported from bounces.txt'],
      ]),
    );
    expect(await importSuppressions(path)).toMatchObject({ inserted: 0, unchanged: 3, skipped: 1 });
    expect(await list()).toHaveLength(2);
  });

  it('reads a CSV with an email column and a reason, ignores other columns, keeps a reason already on the list', async () => {
    await workspace.client['contacts.suppress']({ email: 'zed@example.com', reason: 'asked by phone' });
    const report = await importSuppressions(file('s.csv', 'E-mail;Reason;Shop\ncy@example.com;bounced;north\nzed@example.com;complaint;south\n;no address;x\n'));
    expect(report).toMatchObject({ inserted: 1, unchanged: 1, skipped: 1, problems: [{ line: 4, reason: 'E-mail is empty' }] });
    const reasons = Object.fromEntries((await list()).map((s) => [s.email, s.reason]));
    expect(reasons).toEqual({ 'cy@example.com': 'bounced', 'zed@example.com': 'asked by phone' });
  });

  it('refuses a CSV without an address column, writing nothing', async () => {
    const report = await importSuppressions(file('s.csv', 'name,reason\nAnn,bounced\n'));
    expect(report).toMatchObject({ status: 'failed', error: expect.stringMatching(/no column is mapped to email/) });
    expect(await list()).toEqual([]);
  });

  it('runs from the CLI with the import exit codes: 0 clean, 1 rows skipped, 2 unreadable', { timeout: 60_000 }, () => {
    workspace.services.db.close();
    const cli = (...args: string[]) => spawnSync(process.execPath, [bin, '--db', workspace.databasePath, ...args], { encoding: 'utf8' });
    const clean = cli('import', 'suppressions', file('ok.txt', 'a@example.com\nb@example.com\n'));
    expect(clean.status).toBe(0);
    expect(clean.stdout).toMatch(/2 rows read, 2 added to the suppression list, 0 already on it, 0 skipped/);
    const skipped = cli('import', 'suppressions', file('some-bad.txt', 'c@example.com\nnope\n'));
    expect(skipped.status).toBe(1);
    expect(skipped.stdout).toContain('some-bad.txt:2: invalid email in email');
    expect(cli('import', 'suppressions', join(dir.path, 'missing.txt')).status).toBe(2);
    workspace.services.db = openDatabase(workspace.databasePath); // afterEach closes it
  });
});
