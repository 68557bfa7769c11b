import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../shared/util/random.ts';
import { keyFromMessageId } from '../../shared/engine/messageKey.ts';
import { startSmtpServer } from '../helpers/smtpServer.ts';
import { tempWorkspace } from '../helpers/workspace.ts';
import { addWaveJourney, useSmtp, waveMessageKeys } from '../helpers/waveJourney.ts';
import { exited, spawnRun } from '../helpers/processes.ts';
import { hasTagSql } from '../../electron/services/contacts/tagColumn.ts';

// The full run (10k contacts, 20 kills) takes minutes, mostly in starting Node 21 times: set
// JOURNEY_STUDIO_CRASH_TEST=full to run it. The everyday suite runs the same test smaller.
const full = process.env.JOURNEY_STUDIO_CRASH_TEST === 'full';
const CONTACTS = Number(process.env.JOURNEY_STUDIO_CRASH_CONTACTS ?? (full ? 10_000 : 400));
const KILLS = Number(process.env.JOURNEY_STUDIO_CRASH_KILLS ?? (full ? 20 : 3));

/**
 * The runner process is killed with SIGKILL at random moments while 10k contacts go through a journey of
 * two emails, then restarted each time. Afterwards every email has arrived, any repeat carries the same
 * Message-ID as the first copy, and every contact is in exactly one state.
 */
describe('the runner killed at random moments', () => {
  const workspace = tempWorkspace();
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let kills = 0;
  const progressAtKill: number[] = [];
  let contactIds: number[] = [];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const { db } = workspace.services;
    contactIds = addWaveJourney(workspace.services, CONTACTS, 'crash.example');
    useSmtp(workspace.services, smtp.port);

    const random = seededRandom(20261125);
    const start = () => spawnRun(workspace.databasePath);
    const done = () =>
      db.prepare(`SELECT (SELECT COUNT(*) FROM journey_runs WHERE status = 'exited') = ? AND NOT EXISTS (SELECT 1 FROM outbound_emails WHERE status = 'queued')`).pluck().get(CONTACTS) === 1;
    const work = () =>
      db.prepare(`SELECT (SELECT COUNT(*) FROM journey_runs) + (SELECT COUNT(*) FROM journey_steps) + (SELECT COUNT(*) FROM outbound_emails WHERE status = 'sent')`).pluck().get() as number;
    const progress = () => db.prepare(`SELECT COUNT(*) FROM outbound_emails WHERE status = 'sent'`).pluck().get() as number;

    for (let i = 0; i < KILLS; i++) {
      const child = start();
      // Kill at a random moment of the work: some while contacts are being decided, most while emails are
      // going out (mid-send, between a send and its record), spread over the whole run.
      const before = work();
      const sentBefore = progress();
      const target = sentBefore + random.int(1, Math.ceil((4 * CONTACTS) / KILLS));
      const mode = random.chance(0.3) ? 'deciding' : 'sending';
      const giveUp = Date.now() + 60_000;
      if (mode === 'deciding') {
        while (work() === before && Date.now() < giveUp && !done()) await new Promise((r) => setTimeout(r, 25));
        await new Promise((r) => setTimeout(r, random.int(0, 100)));
      } else {
        while (progress() < target && Date.now() < giveUp && !done()) await new Promise((r) => setTimeout(r, 25));
      }
      child.kill('SIGKILL');
      await exited(child);
      if (child.signalCode === 'SIGKILL') kills++;
      progressAtKill.push(progress());
    }
    const last = start();
    let stderr = '';
    last.stderr!.on('data', (chunk) => (stderr += chunk));
    const deadline = Date.now() + (full ? 1_800_000 : 400_000);
    while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    last.kill('SIGTERM');
    await exited(last);
    if (stderr) console.error(stderr);
  }, 2_700_000);

  afterAll(async () => {
    await smtp?.close();
    workspace.close();
  });

  it(`was killed at least ${KILLS} times`, () => {
    expect(kills).toBeGreaterThanOrEqual(KILLS);
  });

  it('delivered every expected email, and a repeat only ever with the same Message-ID', () => {
    const byRecipient = new Map<string, Set<string>>();
    for (const m of smtp.received) {
      for (const to of m.to) {
        const set = byRecipient.get(to) ?? new Set<string>();
        set.add(keyFromMessageId(m.messageId)!);
        byRecipient.set(to, set);
      }
    }
    const missing: string[] = [];
    contactIds.forEach((id, i) => {
      const keys = byRecipient.get(`c${i}@crash.example`) ?? new Set();
      const expected = waveMessageKeys(id);
      // Exactly the two deterministic ids: a resend after a crash cannot have a new one.
      if (keys.size !== 2 || !expected.every((k) => keys.has(k))) missing.push(`c${i}: ${[...keys].join(', ')}`);
    });
    expect(missing.slice(0, 5)).toEqual([]);
    const repeats = smtp.received.length - 2 * CONTACTS;
    console.log(`crash test: emails sent when each kill came: ${progressAtKill.join(', ')}`);
    console.log(`crash test: ${kills} kills, ${smtp.received.length} messages received for ${2 * CONTACTS} emails (${repeats} resent after a kill)`);
    expect(repeats).toBeGreaterThanOrEqual(0);
    expect(repeats).toBeLessThan(kills * 50);
  });

  it('left every contact in exactly one state, with every run and email settled', () => {
    const { db } = workspace.services;
    expect(db.prepare('SELECT COUNT(*) FROM journey_runs').pluck().get()).toBe(CONTACTS);
    expect(db.prepare(`SELECT COUNT(DISTINCT contact_id) FROM journey_runs WHERE status = 'exited' AND exit_reason = 'reached the exit "Done"'`).pluck().get()).toBe(CONTACTS);
    expect(db.prepare(`SELECT status, COUNT(*) AS n FROM outbound_emails GROUP BY status`).all()).toEqual([{ status: 'sent', n: 2 * CONTACTS }]);
    expect(db.prepare(`SELECT COUNT(*) FROM contacts WHERE ${hasTagSql('tags', "'got_a'")}`).pluck().get()).toBe(CONTACTS);
    // Each run's timeline was written once: one 'sent' step per email, not one per attempt.
    expect(db.prepare(`SELECT COUNT(*) FROM journey_steps WHERE outcome = 'sent'`).pluck().get()).toBe(2 * CONTACTS);
  });
});
