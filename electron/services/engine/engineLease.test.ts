import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { tempWorkspace } from '../../../test/helpers/workspace.ts';
import { addWaveJourney } from '../../../test/helpers/waveJourney.ts';
import { openWorkspace } from '../workspace/openWorkspace.ts';
import type { Services } from '../services.ts';
import { ContactWriter } from '../contacts/contactWriter.ts';
import { OutboxSender } from './senders/outboxSender.ts';
import { JourneyRunner } from './runner.ts';
import { LeaseHeldElsewhere, LEASE_TTL_MS, machineKey } from './engineLease.ts';
import type { EngineHolder } from '../../../shared/api/calls/engine.ts';

const T0 = Date.UTC(2026, 5, 1, 10);
const WALL = Date.UTC(2026, 5, 1, 12);

let cleanup: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** A workspace whose wave journey has `contacts` contacts to send to, and a wall clock the tests move. */
function setup(contacts = 20) {
  const ws = tempWorkspace(() => T0);
  cleanup.push(() => ws.close());
  addWaveJourney(ws.services, contacts, 'lease.example');
  const wall = { now: WALL };
  /** An engine on a connection of its own to the workspace file, as another process has. */
  const engine = (kind: string, changes: Array<EngineHolder | null> = []) => {
    const services: Services = openWorkspace(ws.databasePath, () => T0);
    const runner = new JourneyRunner({
      services,
      sender: new OutboxSender(join(ws.dir, 'outbox')),
      now: () => T0,
      membershipIntervalMs: 0,
      deliveryThread: null,
      kind,
      lease: { clock: () => wall.now },
      onLeaseChange: (elsewhere) => changes.push(elsewhere),
      onError: (error) => {
        throw error;
      },
    });
    cleanup.push(async () => {
      await runner.close();
      services.db.close();
    });
    return runner;
  };
  const count = (sql: string) => ws.services.db.prepare(sql).pluck().get() as number;
  const sent = () => count(`SELECT COUNT(*) FROM outbound_emails WHERE status = 'sent'`);
  return { ws, wall, engine, count, sent };
}

describe('one engine per workspace: the lease', () => {
  it('a second engine on the same file stands by, says which process runs the engine, and does nothing', async () => {
    const t = setup();
    const run = t.engine('journey-studio run');
    const first = await run.runOnce();
    expect(first).toMatchObject({ admitted: 20, sent: 40, standby: null });

    // More work for whoever runs the engine: new contacts join the journey.
    addMoreWave(t.ws.services, 5);
    const told: Array<EngineHolder | null> = [];
    const app = t.engine('the desktop app', told);
    const started = performance.now();
    const report = await app.runOnce();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(report).toEqual({
      admitted: 0,
      decided: 0,
      sent: 0,
      failed: 0,
      retrying: 0,
      cancelled: 0,
      standby: { kind: 'journey-studio run', pid: process.pid, host: hostname(), since: WALL, heartbeatAt: WALL, expiresAt: WALL + LEASE_TTL_MS },
    });
    expect(told).toEqual([report.standby]);
    expect(t.count('SELECT COUNT(*) FROM journey_runs')).toBe(20);

    // The engine that holds the lease does the new work.
    expect(await run.runOnce()).toMatchObject({ admitted: 5, sent: 10, standby: null });
  });

  it('takes over when the holder stops renewing its lease, and the old holder then writes nothing', async () => {
    const t = setup();
    const a = t.engine('journey-studio run');
    const b = t.engine('npm run serve');
    const aWas = await a.runOnce();
    expect(aWas.sent).toBe(40);
    addMoreWave(t.ws.services, 5);
    t.wall.now += LEASE_TTL_MS - 1;
    expect((await b.runOnce()).standby).toMatchObject({ kind: 'journey-studio run' });

    t.wall.now += 1; // a's lease has lapsed: it stalled and renewed nothing
    expect(await b.runOnce()).toMatchObject({ admitted: 5, sent: 10, standby: null });
    const steps = t.count('SELECT COUNT(*) FROM journey_steps');

    // a wakes up: its work is refused inside its own transactions, then it stands by.
    addMoreWave(t.ws.services, 1, 5);
    expect(() => a.admissions.scan(T0, { memberships: true })).toThrow(LeaseHeldElsewhere);
    t.ws.services.db.prepare('UPDATE journey_runs SET due_at = ? WHERE rowid = 1').run(T0);
    expect(() => a.decideBatch(T0)).toThrow(LeaseHeldElsewhere);
    expect(await a.runOnce()).toMatchObject({ admitted: 0, sent: 0, standby: { kind: 'npm run serve' } });
    expect(t.count('SELECT COUNT(*) FROM journey_steps')).toBe(steps);
    expect(t.count('SELECT COUNT(*) FROM journey_runs')).toBe(25);
  });

  it('a released lease is taken at once', async () => {
    const t = setup();
    const a = t.engine('journey-studio run');
    const b = t.engine('the desktop app');
    await a.runOnce();
    addMoreWave(t.ws.services, 3);
    expect((await b.runOnce()).standby).not.toBeNull();
    await a.close(); // Ctrl-C, or the app quit: the lease is given up
    expect(await b.runOnce()).toMatchObject({ admitted: 3, sent: 6, standby: null });
  });

  it('a lease held by a process of this machine that is gone is taken at once, and the emails it claimed are sent', async () => {
    const t = setup(4);
    const { db } = t.ws.services;
    const a = t.engine('a journey runner');
    a.admissions.scan(T0, { memberships: true });
    a.decideBatch(T0);
    await a.stop();
    // An engine decided everyone and was sending when it was killed: its lease and its claims would last a while yet.
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    const owner = `journey-studio run ${gone}@${hostname()} deadbeef`;
    db.prepare(`INSERT INTO engine_lease VALUES (1, ?, 'journey-studio run', ?, ?, ?, ?, ?, ?)`).run(owner, gone, hostname(), machineKey(), WALL, WALL, WALL + LEASE_TTL_MS);
    db.prepare(`UPDATE outbound_emails SET claimed_by = ?, claim_expires_at = ?`).run(owner, WALL + 60_000);

    const b = t.engine('the desktop app');
    expect(await b.runOnce()).toMatchObject({ sent: 8, standby: null });
    expect(t.count(`SELECT COUNT(*) FROM outbound_emails WHERE claimed_by IS NOT NULL`)).toBe(0);
  });

  it('says through the API which process runs the engine: this one, another one, or none', async () => {
    const t = setup(1);
    const { db } = t.ws.services;
    const status = () => t.ws.client['engine.status']({});
    expect(await status()).toEqual({ state: 'not-running', last: null });

    const a = t.engine('journey-studio run');
    await a.runOnce();
    const now = Date.now();
    // The lease is on the wall clock the runner was given; the status reads the real one.
    db.prepare('UPDATE engine_lease SET acquired_at = ?, expires_at = ?').run(now, now + LEASE_TTL_MS);
    expect(await status()).toMatchObject({ state: 'running-here', holder: { kind: 'journey-studio run', pid: process.pid, since: now } });

    // Another live process of this machine (the one that started the tests) holds it.
    db.prepare('UPDATE engine_lease SET pid = ?').run(process.ppid);
    expect(await status()).toMatchObject({ state: 'running-elsewhere', holder: { kind: 'journey-studio run', pid: process.ppid, host: hostname() } });

    db.prepare('UPDATE engine_lease SET expires_at = ?').run(now - 1);
    expect(await status()).toMatchObject({ state: 'not-running', last: { kind: 'journey-studio run', pid: process.ppid } });
  });
});

/** `n` more contacts (numbered from `from`) who join the wave journey. */
function addMoreWave(services: Services, n: number, from = 1000) {
  const writer = new ContactWriter(services.db);
  for (let i = from; i < from + n; i++) writer.upsertContact({ email: `more${i}@lease.example`, first_name: `M${i}`, consent: 'subscribed', timezone: 'UTC', tags: ['wave'] });
}
