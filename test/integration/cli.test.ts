import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hostname } from 'node:os';
import { openWorkspace } from '../../electron/services/workspace/openWorkspace.ts';
import { machineKey } from '../../electron/services/engine/engineLease.ts';
import { tempDir } from '../helpers/workspace.ts';

const bin = resolve(import.meta.dirname, '../../bin/journey-studio.js');
let dir: ReturnType<typeof tempDir> | undefined;
afterEach(() => dir?.remove());

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, JOURNEY_STUDIO_DB: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('journey-studio CLI', { timeout: 60_000 }, () => {
  it('prints its version', () => {
    expect(cli('--version')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
  });

  it('migrates, loads the sample and lists journeys, as text and as JSON', () => {
    dir = tempDir();
    const db = join(dir.path, 'w.db');
    expect(cli('--db', db, 'db', 'migrate').stdout).toMatch(/schema 0 → \d+/);
    expect(cli('--db', db, 'db', 'migrate').stdout).toMatch(/up to date/);
    expect(cli('--db', db, 'sample', '--contacts', '120', '--seed', '5')).toMatchObject({ code: 0, stdout: expect.stringContaining('Loaded 120 contacts') });
    const text = cli('--db', db, 'journey', 'list').stdout;
    expect(text).toMatch(/j_cart_abandonment\s+Cart abandonment\s+draft\s+10/);
    const json = JSON.parse(cli('--db', db, 'journey', 'list', '--json').stdout);
    expect(json).toContainEqual({ id: 'j_win_back', name: 'Win-back lapsed buyers', status: 'draft', nodeCount: 9 });
  });

  it('passes --version to simulate and forecast (the program’s own -v/--version is read before the command only)', () => {
    dir = tempDir();
    const db = join(dir.path, 'w.db');
    expect(cli('--db', db, 'sample', '--contacts', '60', '--seed', '3').code).toBe(0);
    const services = openWorkspace(db);
    services.journeys.publish('j_cart_abandonment');
    services.db.close();
    writeFileSync(join(dir.path, 'ada.json'), JSON.stringify({ email: 'ada@example.com' }));
    const contact = ['--contact', join(dir.path, 'ada.json'), '--start', '2026-03-10T10:00:00Z', '--until', '2d'];

    const live = cli('--db', db, 'simulate', 'j_cart_abandonment', ...contact, '--version', 'live', '--json');
    expect(live).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(live.stdout)).toMatchObject({ journeyId: 'j_cart_abandonment', version: 1 });
    expect(cli('--db', db, 'simulate', 'j_win_back', ...contact, '--version', 'live')).toMatchObject({
      code: 1,
      stderr: 'journey-studio: "Win-back lapsed buyers" has no live version yet: simulate its draft\n',
    });

    const forecast = cli('--db', db, 'forecast', 'j_cart_abandonment', '--version', '1', '--days', '2', '--json');
    expect(forecast).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(forecast.stdout)).toMatchObject({ journeyId: 'j_cart_abandonment', version: 1 });
    expect(cli('--db', db, 'forecast', 'j_cart_abandonment', '--version', '2')).toMatchObject({ code: 1, stderr: 'journey-studio: journey j_cart_abandonment has no version 2\n' });

    // The program's version and the global --db, in both places it has been accepted.
    expect(cli('-v')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
    expect(cli('journey', 'list', '--db', db, '--json')).toMatchObject({ code: 0, stdout: expect.stringContaining('"j_cart_abandonment"') });
  });

  it('validates a journey file: problems on stdout, exit 1; a clean file exits 0', () => {
    dir = tempDir();
    const bad = join(dir.path, 'bad.json');
    writeFileSync(bad, JSON.stringify({ nodes: [{ id: 'w', kind: 'wait', config: { wait: { type: 'duration', duration: { amount: 0, unit: 'hours' } } } }], edges: [], settings: {} }));
    const result = cli('journey', 'validate', bad, '--offline');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('the journey has no trigger');
    expect(result.stdout).toContain('node w: config.wait.duration.amount: expected a positive number');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);

    const good = join(dir.path, 'good.json');
    writeFileSync(good, JSON.stringify({
      nodes: [
        { id: 't', kind: 'trigger', config: { trigger: { type: 'contact-created' } } },
        { id: 'x', kind: 'exit', config: {} },
      ],
      edges: [{ id: 'e', source: 't', sourceHandle: 'next', target: 'x' }],
      settings: {},
    }));
    expect(cli('journey', 'validate', good, '--offline')).toMatchObject({ code: 0, stdout: `${good}: no problems\n` });
  });

  it('says what is wrong in one line on stderr', () => {
    dir = tempDir();
    const missing = cli('journey', 'validate', join(dir.path, 'nope.json'), '--offline');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^journey-studio: cannot read .*nope\.json: ENOENT\n$/);
    const broken = join(dir.path, 'broken.json');
    writeFileSync(broken, '{"nodes": [');
    const notJson = cli('journey', 'validate', broken, '--offline');
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/broken\.json: line 1, column 12: the file ends too early/);
    expect(cli('sample', '--contacts', 'many').stderr).toMatch(/--contacts must be a whole number/);
  });

  it('run --once stands by when another process runs the engine: it says which, does nothing and exits 3', () => {
    dir = tempDir();
    const db = join(dir.path, 'w.db');
    const services = openWorkspace(db);
    const since = Date.now();
    // This test's own process holds the lease, as the desktop app would.
    services.db
      .prepare(`INSERT INTO engine_lease VALUES (1, 'the app', 'the desktop app', ?, ?, ?, ?, ?, ?)`)
      .run(process.pid, hostname(), machineKey(), since, since, since + 60_000);
    const standing = cli('--db', db, 'run', '--once');
    expect(standing.code).toBe(3);
    expect(standing.stderr).toBe(`journey-studio: standing by: the engine runs in another process, the desktop app (pid ${process.pid} on ${hostname()}) since ${new Date(since).toISOString()}; nothing was done\n`);
    const json = cli('--db', db, 'run', '--once', '--json');
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ sent: 0, standby: { kind: 'the desktop app', pid: process.pid, since } });

    services.db.prepare('DELETE FROM engine_lease').run();
    services.db.close();
    expect(cli('--db', db, 'run', '--once')).toMatchObject({ code: 0, stdout: 'admitted 0, decided 0, sent 0, failed 0, retrying 0, cancelled 0\n' });
  });
});
