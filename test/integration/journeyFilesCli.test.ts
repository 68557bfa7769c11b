import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/workspace.ts';

const BIN = resolve(import.meta.dirname, '../../bin/journey-studio.js');
let dir: ReturnType<typeof tempDir>;
let db: string;

const cli = (...args: string[]) => {
  const run = spawnSync(process.execPath, [BIN, '--db', db, ...args], { encoding: 'utf8', cwd: dir.path });
  return { code: run.status, out: run.stdout, err: run.stderr };
};

beforeAll(() => {
  dir = tempDir();
  db = join(dir.path, 'workspace.db');
  expect(cli('sample', '--contacts', '10').code).toBe(0);
}, 60_000);
afterAll(() => dir.remove());

describe('journey-studio journey export / import / diff / validate', { timeout: 60_000 }, () => {
  it('exports by name to a file and to standard output, the same bytes', () => {
    const file = join(dir.path, 'cart.json');
    expect(cli('journey', 'export', 'Cart abandonment', '-o', file).code).toBe(0);
    const byId = cli('journey', 'export', 'j_cart_abandonment');
    expect(byId.out).toBe(readFileSync(file, 'utf8'));
    expect(cli('journey', 'export', 'No such journey')).toMatchObject({ code: 1, err: 'journey-studio: no journey with the id or name "No such journey"\n' });
  });

  it('imports a copy on a clash, or replaces with --replace', () => {
    const file = join(dir.path, 'winback.json');
    cli('journey', 'export', 'j_win_back', '-o', file);
    const copy = cli('journey', 'import', file);
    expect(copy.code).toBe(0);
    expect(copy.out).toMatch(/^Imported "Win-back lapsed buyers \(copy\)" as j_\w+\n {2}templates: 0 imported, 2 reused\n {2}segments: 0 imported, 1 reused\n$/);
    const replaced = cli('journey', 'import', file, '--replace');
    expect(replaced.out.split('\n')[0]).toBe('Replaced "Win-back lapsed buyers" as j_win_back');
    expect(cli('journey', 'list', '--json').out).toContain('Win-back lapsed buyers (copy)');
  });

  it('refuses a broken file with each problem by path and exit code 1', () => {
    const file = join(dir.path, 'broken.json');
    const valid = JSON.parse(cli('journey', 'export', 'j_trial_drip').out);
    valid.nodes[1].config.wait.duration.amount = 0;
    valid.edges[2].source = 'n_gone';
    writeFileSync(file, JSON.stringify(valid, null, 2));
    const before = cli('journey', 'list', '--json').out;
    const result = cli('journey', 'import', file);
    expect(result.code).toBe(1);
    expect(result.out).toBe(
      `${file}: nodes[1].config.wait.duration.amount: expected a positive number\n${file}: edges[2].source: the edge ${valid.edges[2].id} points to a missing node n_gone\n`,
    );
    expect(result.err).toBe(`journey-studio: ${file}: not imported, 2 problem(s); nothing was written\n`);
    expect(cli('journey', 'list', '--json').out).toBe(before);
    expect(cli('journey', 'validate', '--offline', file).code).toBe(1);
  });

  it('validates an export, and diffs two files ignoring the layout', () => {
    const a = join(dir.path, 'a.json');
    const b = join(dir.path, 'b.json');
    cli('journey', 'export', 'j_cart_abandonment', '-o', a);
    expect(cli('journey', 'validate', a)).toMatchObject({ code: 0, out: `${a}: no problems\n` });
    const file = JSON.parse(readFileSync(a, 'utf8'));
    file.nodes[1].config.wait.duration.amount = 2;
    file.layout.positions.n_trigger = { x: 999, y: 999 };
    file.nodes.push({ id: 'n_note', kind: 'exit', name: 'Unused', config: {} });
    writeFileSync(b, JSON.stringify(file, null, 2));
    const diff = cli('journey', 'diff', a, b);
    expect(diff.code).toBe(1);
    expect(diff.out).toBe('+ node n_note (exit) "Unused"\n~ node n_wait_1h "Wait 1 hour": config.wait.duration.amount (1 → 2)\n');
    expect(cli('journey', 'diff', a, a)).toMatchObject({ code: 0, out: 'no changes to the logic (the layout is not compared)\n' });
  });

  it('validates as import reads: what import refuses fails validate too, and so does a draft left unfinished', () => {
    const exported = JSON.parse(cli('journey', 'export', 'j_trial_drip').out);
    const write = (name: string, text: string) => (writeFileSync(join(dir.path, name), text), join(dir.path, name));
    const huge = write('huge.json', JSON.stringify({ ...exported, padding: 'x'.repeat(12 * 1024 * 1024) }));
    const deepText = JSON.stringify({ ...exported, padding: '(deep)' });
    const deep = write('deep.json', deepText.replace('"(deep)"', `${'['.repeat(100_000)}${']'.repeat(100_000)}`));
    for (const [file, message] of [
      [huge, `${huge}: the file is 12.0 MB, more than the 10 MB this kind of file may be`],
      [deep, `${deep}: line 1, column ${deepText.indexOf('"(deep)"') + 64}: nested deeper than 64 levels, the most a file may nest`],
    ]) {
      expect(cli('journey', 'import', file)).toMatchObject({ code: 1, out: `${message}\n` });
      expect(cli('journey', 'validate', file)).toMatchObject({ code: 1, out: '', err: `journey-studio: ${message}\n` });
    }

    // Two instant steps that lead to each other: import takes the file as a draft; validate says it cannot go live.
    exported.id = 'j_loop';
    exported.name = 'Loop';
    exported.nodes.push(
      { id: 'n_a', kind: 'update-contact', name: 'A', config: { actions: [{ op: 'add-tag', tag: 'a' }] } },
      { id: 'n_b', kind: 'update-contact', name: 'B', config: { actions: [{ op: 'add-tag', tag: 'b' }] } },
    );
    exported.edges.push({ id: 'e_ab', source: 'n_a', sourceHandle: 'next', target: 'n_b' }, { id: 'e_ba', source: 'n_b', sourceHandle: 'next', target: 'n_a' });
    const loop = write('loop.json', JSON.stringify(exported));
    const validated = cli('journey', 'validate', loop);
    expect(validated.code).toBe(1);
    expect(validated.out).toContain(`${loop}: to finish: nodes[${exported.nodes.length - 2}]: a loop with no wait in it ("A" → "B") would repeat forever: add a wait`);
    expect(validated.err).toMatch(/thing\(s\) to finish; it imports as a draft that cannot be published until they are done\n$/);
    expect(cli('journey', 'import', loop)).toMatchObject({ code: 0, out: expect.stringContaining('to finish: nodes[') });
  });
});
