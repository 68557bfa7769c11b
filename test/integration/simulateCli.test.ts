import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openWorkspace } from '../../electron/services/workspace/openWorkspace.ts';
import { loadSample } from '../../electron/services/sample/loadSample.ts';
import { tempDir } from '../helpers/workspace.ts';
import { runCli } from '../../electron/cli/program.ts';
import type { SimulationRequest } from '../../shared/simulation/input.ts';
import type { simulate } from '../../electron/services/simulation/simulationService.ts';

/** The requests the CLI hands the simulation service when it runs in this process (the spawned ones are not watched). */
const requests = vi.hoisted(() => [] as SimulationRequest[]);
vi.mock('../../electron/services/simulation/simulationService.ts', async (importOriginal) => {
  const service = await importOriginal<{ simulate: typeof simulate }>();
  return { ...service, simulate: (...args: Parameters<typeof simulate>) => (requests.push(args[1]), service.simulate(...args)) };
});

const bin = resolve(import.meta.dirname, '../../bin/journey-studio.js');
let dir: ReturnType<typeof tempDir>;
let db: string;

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, '--db', db, ...args], { encoding: 'utf8', env: { ...process.env, JOURNEY_STUDIO_DB: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = tempDir();
  db = join(dir.path, 'w.db');
  const services = openWorkspace(db);
  loadSample(services.db, { contacts: 80, seed: 4, now: Date.UTC(2026, 2, 9) });
  services.db.close();
}, 60_000);
afterAll(() => dir.remove());

describe('journey-studio simulate and forecast', { timeout: 90_000 }, () => {
  it('simulates a made-up contact with events from a JSON Lines file, as JSON', () => {
    writeFileSync(join(dir.path, 'ada.json'), JSON.stringify({ email: 'ada@example.com', timezone: 'Europe/London', attributes: { first_name: 'Ada' } }));
    writeFileSync(join(dir.path, 'events.jsonl'), '# buys after the second reminder\n{"type":"event","at":"+30h","name":"purchased"}\n');
    const out = cli('simulate', 'j_cart_abandonment', '--contact', join(dir.path, 'ada.json'), '--events', join(dir.path, 'events.jsonl'), '--start', '2026-03-10T10:00:00Z', '--json');
    expect(out.code).toBe(0);
    const result = JSON.parse(out.stdout);
    expect(result.timeline.filter((s: { outcome: string }) => s.outcome === 'sent').map((s: { nodeId: string; email: { to: string } }) => [s.nodeId, s.email.to])).toEqual([
      ['n_email_1', 'ada@example.com'],
      ['n_email_2', 'ada@example.com'],
    ]);
    expect(result.timeline[4]).toMatchObject({ at: '2026-03-10T11:00:00.000Z', offset: '+1h', nodeKind: 'email', outcome: 'sent', branch: 'next', email: { subject: expect.stringContaining('Ada') } });
    expect(result).toMatchObject({ status: 'exited', nodeId: 'n_goal', applied: [{ offset: '+1d 6h', what: 'purchased' }] });

    writeFileSync(join(dir.path, 'bad.jsonl'), '{"type":"event","at":"+1h","name":"ok"}\n{"type":"event","at":"soon","name":"x"}\n');
    const bad = cli('simulate', 'j_cart_abandonment', '--contact', join(dir.path, 'ada.json'), '--events', join(dir.path, 'bad.jsonl'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad\.jsonl:2: at: expected an offset such as \+30h/);
  });

  it('forecasts the trial drip for a sample, as a table and as JSON', () => {
    const text = cli('forecast', 'j_trial_drip', '--days', '21', '--start', '2026-03-10T10:00:00Z');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^21-day trial nurture: \d+ of \d+ admitted contacts over 21 days/);
    expect(text.stdout).toMatch(/n_email_d1\s+email\s+\d+/);
    const json = JSON.parse(cli('forecast', 'j_trial_drip', '--days', '21', '--sample', '3', '--start', '2026-03-10T10:00:00Z', '--json').stdout);
    expect(json).toMatchObject({ journeyId: 'j_trial_drip', days: 21, simulated: 3 });
    expect(json.emailsPerDay).toHaveLength(22);
  });

  it('takes the entry event: --trigger, a JSON object file of its properties, or --entry-event, a stored event id', async () => {
    writeFileSync(join(dir.path, 'cart.json'), JSON.stringify({ items: [{ name: 'Lamp', price: 40 }], total: 40 }));
    writeFileSync(join(dir.path, 'ada.json'), JSON.stringify({ email: 'ada@example.com' }));
    const err: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
    const simulateCli = (contact: string, ...args: string[]) =>
      runCli(['--db', db, 'simulate', 'j_cart_abandonment', '--contact', contact, '--start', '2026-03-10T10:00:00Z', '--until', '2h', ...args]);
    const ada = join(dir.path, 'ada.json');
    try {
      expect(await simulateCli(ada, '--trigger', join(dir.path, 'cart.json'))).toBe(0);
      expect(requests.at(-1)?.entryEvent).toEqual({ properties: { items: [{ name: 'Lamp', price: 40 }], total: 40 } });
      const services = openWorkspace(db);
      const cart = services.db.prepare(`SELECT id, contact_id AS contactId FROM events WHERE name = 'added_to_cart' ORDER BY id LIMIT 1`).get() as { id: number; contactId: number };
      services.db.close();
      expect(await simulateCli(String(cart.contactId), '--entry-event', String(cart.id))).toBe(0);
      expect(requests.at(-1)).toMatchObject({ contact: { type: 'existing', ref: String(cart.contactId) }, entryEvent: { eventId: cart.id } });
      expect(await simulateCli(ada)).toBe(0);
      expect(requests.at(-1)?.entryEvent).toBeUndefined();
      expect(err).toEqual([]);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });

  it('says in one line what is wrong with --trigger or --entry-event', () => {
    const ada = ['simulate', 'j_cart_abandonment', '--contact', join(dir.path, 'ada.json')];
    writeFileSync(join(dir.path, 'list.json'), '[{"name": "Lamp"}]');
    expect(cli(...ada, '--trigger', join(dir.path, 'list.json'))).toMatchObject({
      code: 1,
      stderr: `journey-studio: ${join(dir.path, 'list.json')}: (root): expected a JSON object of the trigger event's properties, not an array\n`,
    });
    writeFileSync(join(dir.path, 'broken.json'), '{"items": [');
    expect(cli(...ada, '--trigger', join(dir.path, 'broken.json')).stderr).toMatch(/^journey-studio: .*broken\.json: line 1, column 12: .*\n$/);
    expect(cli(...ada, '--trigger', join(dir.path, 'absent.json'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot read .*absent\.json: ENOENT\n$/) });
    expect(cli(...ada, '--entry-event', 'latest').stderr).toMatch(/--entry-event must be a whole number of at least 1, not "latest"/);
    writeFileSync(join(dir.path, 'cart.json'), '{}');
    expect(cli(...ada, '--trigger', join(dir.path, 'cart.json'), '--entry-event', '3').stderr).toBe('journey-studio: give --trigger or --entry-event, not both\n');
  });
});
