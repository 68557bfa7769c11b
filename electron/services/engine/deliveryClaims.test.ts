import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempWorkspace } from '../../../test/helpers/workspace.ts';
import { addWaveJourney } from '../../../test/helpers/waveJourney.ts';
import { openWorkspace } from '../workspace/openWorkspace.ts';
import { OutboxSender } from './senders/outboxSender.ts';
import { SendError, type EmailSender, type ReadyEmail, type SendOutcome } from './senders/emailSender.ts';
import { JourneyRunner } from './runner.ts';
import { Delivery, type Claimant } from './delivery.ts';
import type { EmailPreparer, QueuedEmail } from './emailPreparation.ts';

const T0 = Date.UTC(2026, 5, 1, 10);
const WALL = Date.UTC(2026, 5, 1, 12);
const CLAIM_TTL = 60_000;

let cleanup: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** Every row made into an email as it is, without rendering: these tests are about who sends what, not its content. */
const asIs: EmailPreparer = {
  prepareBatch: async (rows: readonly QueuedEmail[]) =>
    rows.map((row) => ({
      email: { messageKey: row.message_key, messageId: `<${row.message_key}@test>`, from: { name: 'Shop', address: 'shop@claims.example' }, to: row.to_email, subject: 'Hi', html: '', text: '', headers: {}, raw: '' },
    })),
  close: async () => {},
};

/** A sender that settles each email with `outcome` after `delayMs`, a few at a time, and keeps what it accepted. */
function slowSender(delayMs: number, outcome: (email: ReadyEmail) => SendOutcome | 'never' = () => ({})): EmailSender & { accepted: string[] } {
  const accepted: string[] = [];
  return {
    kind: 'outbox',
    accepted,
    async sendBatch(emails, settled) {
      for (let i = 0; i < emails.length; i += 4) {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        for (const email of emails.slice(i, i + 4)) {
          const result = outcome(email);
          if (result === 'never') return new Promise<void>(() => {}); // killed mid-send: nothing settles any more
          if (!('error' in result)) accepted.push(email.messageKey);
          settled(email, result);
        }
      }
    },
    close: async () => {},
  };
}

/** A workspace with `contacts` × 2 emails queued, and engines' deliveries on connections of their own to its file. */
async function setup(contacts: number) {
  const ws = tempWorkspace(() => T0);
  cleanup.push(() => ws.close());
  addWaveJourney(ws.services, contacts, 'claims.example');
  const queuer = new JourneyRunner({ services: ws.services, sender: new OutboxSender(join(ws.dir, 'outbox')), now: () => T0, membershipIntervalMs: 0, batchSize: 10_000, deliveryThread: null });
  queuer.admissions.scan(T0, { memberships: true });
  queuer.decideBatch(T0);
  await queuer.close();
  const wall = { now: WALL };
  /**
   * One engine's delivery. Both engines of a test think they hold the lease (the overlap when one stalled past its
   * lease and resumed): only the claims keep them apart.
   */
  const engine = (name: string, sender: EmailSender) => {
    const services = openWorkspace(ws.databasePath, () => T0);
    cleanup.push(() => void services.db.close());
    const claimant: Claimant = { owner: name, clock: () => wall.now, hold: () => {} };
    return new Delivery({ db: services.db, sender, preparer: asIs, claimant, options: { claimTtlMs: CLAIM_TTL } });
  };
  const rows = (sql: string) => ws.services.db.prepare(sql).all();
  return { ws, wall, engine, rows };
}

describe('one engine per workspace: the claim on each email', () => {
  it('two engines delivering side by side on one file send every email once', async () => {
    const t = await setup(300);
    const senders = [slowSender(1), slowSender(1)];
    const engines = [t.engine('a', senders[0]), t.engine('b', senders[1])];
    const drain = async (delivery: Delivery) => {
      while ((await delivery.deliverDue(T0, 50)).sent > 0);
    };
    await Promise.all(engines.map(drain));
    const all = [...senders[0].accepted, ...senders[1].accepted];
    expect(senders[0].accepted.length).toBeGreaterThan(0);
    expect(senders[1].accepted.length).toBeGreaterThan(0);
    expect(all.length).toBe(600);
    expect(new Set(all).size).toBe(600);
    expect(t.rows(`SELECT status, claimed_by, COUNT(*) AS n FROM outbound_emails GROUP BY 1, 2`)).toEqual([{ status: 'sent', claimed_by: null, n: 600 }]);
  });

  it('an engine that died mid-send holds its emails until its claims expire; then another sends them, with the same message keys', async () => {
    const t = await setup(10);
    let handed = 0;
    const dying = slowSender(0, () => (handed++ < 10 ? {} : 'never'));
    void t.engine('a', dying).deliverDue(T0, 100);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(dying.accepted).toHaveLength(10); // half the batch went, not yet marked; the rest was in flight
    const b = slowSender(0);
    const other = t.engine('b', b);
    expect(await other.deliverDue(T0, 100)).toMatchObject({ sent: 0 });

    // As after a crash, the whole batch goes again, each email under its own message key (and so Message-ID).
    t.wall.now += CLAIM_TTL;
    expect(await other.deliverDue(T0, 100)).toMatchObject({ sent: 20 });
    const keys = t.rows(`SELECT message_key AS key FROM outbound_emails ORDER BY 1`).map((row) => (row as { key: string }).key);
    expect([...b.accepted].sort()).toEqual(keys);
    expect(dying.accepted.every((key) => keys.includes(key))).toBe(true);
  });

  it('a slow batch keeps its emails while its engine renews its claims', async () => {
    const t = await setup(5);
    const slow = slowSender(0, () => 'never');
    const a = t.engine('a', slow);
    void a.deliverDue(T0, 100);
    await new Promise((resolve) => setTimeout(resolve, 10));
    t.wall.now += CLAIM_TTL - 1000;
    a.extendClaims(); // the engine's heartbeat
    t.wall.now += 1000;
    const b = slowSender(0);
    expect(await t.engine('b', b).deliverDue(T0, 100)).toMatchObject({ sent: 0 });
  });

  it('a batch whose sender fails releases its emails: the next batch, of any engine, sends them at once', async () => {
    const t = await setup(5);
    const broken: EmailSender = { kind: 'outbox', sendBatch: async () => Promise.reject(new Error('disk full')), close: async () => {} };
    await expect(t.engine('a', broken).deliverDue(T0, 100)).rejects.toThrow('disk full');
    expect(t.rows(`SELECT COUNT(*) AS n FROM outbound_emails WHERE claimed_by IS NOT NULL`)).toEqual([{ n: 0 }]);
    expect(await t.engine('b', slowSender(0)).deliverDue(T0, 100)).toMatchObject({ sent: 10 });
  });

  it('a send to retry later gives its claim up with it', async () => {
    const t = await setup(2);
    const busy = slowSender(0, () => ({ error: new SendError('451 4.3.0 try again later', 'transient') }));
    expect(await t.engine('a', busy).deliverDue(T0, 100)).toMatchObject({ retrying: 4 });
    expect(t.rows(`SELECT status, attempts, next_attempt_at - ${T0} AS later, claimed_by FROM outbound_emails GROUP BY 1, 2, 3, 4`)).toEqual([
      { status: 'queued', attempts: 1, later: 30_000, claimed_by: null },
    ]);
    expect(await t.engine('b', slowSender(0)).deliverDue(T0 + 30_000, 100)).toMatchObject({ sent: 4 });
  });
});
