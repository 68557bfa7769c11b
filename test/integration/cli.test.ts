import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
});
