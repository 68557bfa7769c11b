import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSample } from '../../electron/services/sample/loadSample.ts';
import { ContactWriter } from '../../electron/services/contacts/contactWriter.ts';
import { JourneyRunner } from '../../electron/services/engine/runner.ts';
import { SmtpSender } from '../../electron/services/engine/senders/smtpSender.ts';
import { SegmentEvaluator } from '../../electron/services/segments/segmentEvaluator.ts';
import { lapsedBuyersRule } from '../../electron/services/sample/sampleJourneys.ts';
import { keyFromMessageId } from '../../shared/engine/messageKey.ts';
import { startSmtpServer } from '../helpers/smtpServer.ts';
import { tempWorkspace } from '../helpers/workspace.ts';
import { hasTagSql } from '../../electron/services/contacts/tagColumn.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The three sample journeys run live over the sample contacts, with a virtual clock ticking hourly for 26
 * days and a real SMTP server that refuses some addresses for good (550) and some messages once (451).
 * What each contact should receive is worked out from the data, independently of the engine's own records.
 */
describe('the live engine over the sample journeys, through a real SMTP server', () => {
  const T0 = Date.UTC(2026, 10, 2, 9);
  let clock = T0;
  const workspace = tempWorkspace(() => clock);
  const refused = (address: string) => /\.\d*7@/.test(address); // contact numbers ending in 7
  const deferOnce = (messageId: string) => messageId.length % 5 === 0;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const HORIZON_HOURS = 26 * 24;
  const expected = new Map<number, { email: string; min: number; max: number; why: string[] }>();
  let lateJoiners = new Set<number>();
  let end = 0;
  let unsubscribed = new Set<string>();

  beforeAll(async () => {
    smtp = await startSmtpServer({ refuseRecipient: refused, deferOnce });
    const { db } = workspace.services;
    loadSample(db, { contacts: 400, seed: 11, now: T0 });
    clock = T0 + HOUR;
    for (const id of ['j_cart_abandonment', 'j_trial_drip', 'j_win_back']) await workspace.client['journeys.publish']({ id });

    const contacts = db.prepare('SELECT id, email, consent FROM contacts ORDER BY id').all() as Array<{ id: number; email: string; consent: string }>;
    const trial = new Set(db.prepare(`SELECT id FROM contacts WHERE ${hasTagSql('tags', "'trial'")}`).pluck().all() as number[]);
    const segments = new SegmentEvaluator(db);
    const lapsedAtStart = new Set(segments.ids(lapsedBuyersRule, clock));
    unsubscribed = new Set(contacts.filter((c) => c.consent === 'unsubscribed').map((c) => c.email));
    // Cart abandoners: a quarter of the contacts in neither other journey add to cart in the first day;
    // every third of them buys 14 hours later: after the first reminder (quiet hours delay it 11 hours at
    // most), before the second (a day after the first).
    const writer = new ContactWriter(db, () => clock);
    const cart = contacts.filter((c) => !trial.has(c.id) && !lapsedAtStart.has(c.id) && c.id % 4 === 0);
    const buyers = new Set(cart.filter((_, i) => i % 3 === 0).map((c) => c.id));
    // Events arrive in the store when they happen, as an import or a webhook would bring them.
    const upcoming: Array<{ contactId: number; name: string; occurredAt: number; properties: Record<string, unknown> }> = [];
    for (const c of cart) {
      const addedAt = clock + (c.id % 20) * HOUR;
      upcoming.push({ contactId: c.id, name: 'added_to_cart', occurredAt: addedAt, properties: { name: 'Trail shoes', value: 90 } });
      if (buyers.has(c.id)) upcoming.push({ contactId: c.id, name: 'purchased', occurredAt: addedAt + 14 * HOUR, properties: { amount: 90 } });
    }
    expect(trial.size).toBeGreaterThan(10);
    expect(lapsedAtStart.size).toBeGreaterThan(10);
    expect(cart.length).toBeGreaterThan(10);

    const runner = new JourneyRunner({
      services: workspace.services,
      sender: new SmtpSender(
        { host: '127.0.0.1', port: smtp.port, secure: false, user: null, messagesPerSecond: 500, maxConnections: 4, allowInvalidCertificates: false },
        undefined,
      ),
      now: () => clock,
      membershipIntervalMs: 0,
      onError: (error) => {
        throw error;
      },
    });
    // The lapsed-buyers segment is dynamic: contacts join it as their last purchase turns 90 days old.
    // Watch it at every tick, as the engine does, to know when each one became a lapsed buyer.
    const lapsedSince = new Map<number, number>();
    for (let hour = 0; hour <= HORIZON_HOURS; hour++) {
      clock = T0 + HOUR + hour * HOUR;
      for (const event of upcoming.filter((e) => e.occurredAt <= clock && e.occurredAt > clock - HOUR)) writer.insertEvent(event);
      for (const id of segments.ids(lapsedBuyersRule, clock)) if (!lapsedSince.has(id)) lapsedSince.set(id, clock);
      await runner.runOnce();
    }
    await runner.close();
    end = clock;

    for (const c of contacts) {
      const e = { email: c.email, min: 0, max: 0, why: [] as string[] };
      expected.set(c.id, e);
      if (c.consent === 'unsubscribed' || refused(c.email)) continue;
      const add = (n: number, m: number, why: string) => {
        e.min += n;
        e.max += m;
        e.why.push(why);
      };
      if (trial.has(c.id)) add(9, 9, 'trial: 9');
      const since = lapsedSince.get(c.id);
      // Email 1 at once (the cap may hold it a few days), email 2 a week later: settled 10 days after joining.
      if (since !== undefined && since <= end - 10 * DAY) add(2, 2, 'win-back: 2');
      else if (since !== undefined) add(0, 2, 'win-back: joined late');
      if (cart.some((x) => x.id === c.id)) add(buyers.has(c.id) ? 1 : 3, buyers.has(c.id) ? 1 : 3, `cart: ${buyers.has(c.id) ? 1 : 3}`);
    }
    lateJoiners = new Set([...lapsedSince].filter(([, at]) => at > end - 23 * DAY).map(([id]) => id));
  }, 180_000);

  afterAll(async () => {
    await smtp?.close();
    workspace.close();
  });

  it('delivers every expected email exactly once, and each Message-ID once', () => {
    const ids = smtp.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    const byRecipient = new Map<string, number>();
    for (const m of smtp.received) for (const to of m.to) byRecipient.set(to.toLowerCase(), (byRecipient.get(to.toLowerCase()) ?? 0) + 1);
    const got = (email: string) => byRecipient.get(email.toLowerCase()) ?? 0;
    const wrong = [...expected.values()]
      .filter((e) => got(e.email) < e.min || got(e.email) > e.max)
      .map((e) => `${e.email}: expected ${e.min}-${e.max} (${e.why.join(', ')}), got ${got(e.email)}`);
    expect(wrong).toEqual([]);
    const settled = [...expected.values()].filter((e) => e.min === e.max);
    expect(settled.length).toBeGreaterThan(expected.size * 0.9);
    expect(smtp.deferred.size).toBeGreaterThan(0); // some were refused once and arrived on retry
  });

  it('sends nothing to an unsubscribed contact', () => {
    expect(unsubscribed.size).toBeGreaterThan(0);
    expect(smtp.received.filter((m) => m.to.some((to) => unsubscribed.has(to)))).toEqual([]);
    const steps = workspace.services.db.prepare(`SELECT COUNT(*) FROM journey_steps WHERE outcome = 'suppressed' AND reason = 'not sent: the contact has unsubscribed'`).pluck().get() as number;
    expect(steps).toBeGreaterThan(0);
  });

  it('marks refused addresses failed and suppresses them, so later steps skip them', () => {
    const { db } = workspace.services;
    const failed = db.prepare(`SELECT to_email, last_error FROM outbound_emails WHERE status = 'failed'`).all() as Array<{ to_email: string; last_error: string }>;
    expect(failed.length).toBeGreaterThan(0);
    for (const f of failed) {
      expect(refused(f.to_email)).toBe(true);
      expect(f.last_error).toMatch(/^hard bounce: 550 no such mailbox here/);
    }
    const suppressed = db.prepare('SELECT email FROM suppressions').pluck().all() as string[];
    expect(new Set(suppressed)).toEqual(new Set(failed.map((f) => f.to_email)));
    // After the first failure the trial's later emails are not even attempted.
    const perAddress = db.prepare(`SELECT to_email, COUNT(*) AS n FROM outbound_emails WHERE status = 'failed' GROUP BY to_email HAVING n > 1`).all();
    expect(perAddress.length).toBeLessThan(failed.length);
  });

  it('every message carries its deterministic Message-ID, List-Unsubscribe and an unsubscribe link', () => {
    const { db } = workspace.services;
    const sent = new Set(db.prepare(`SELECT message_key FROM outbound_emails WHERE status = 'sent'`).pluck().all() as string[]);
    expect(new Set(smtp.received.map((m) => keyFromMessageId(m.messageId)))).toEqual(sent);
    const sample = smtp.received[0];
    expect(sample.messageId).toMatch(/^<j_[a-z_]+\.\d+\.1\.n_[a-z0-9_]+\.1@journey-studio\.local>$/);
    expect(sample.raw).toMatch(/^List-Unsubscribe:\s+<https:\/\/example\.com\/unsubscribe\?t=\d+\.[A-Za-z0-9_-]{22}>/m);
    expect(sample.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    expect(sample.raw).toContain('https://example.com/unsubscribe?t=');
  });

  it('leaves every contact in exactly one state per run, and the runs finished', () => {
    const { db } = workspace.services;
    const active = db.prepare(`SELECT journey_id, contact_id FROM journey_runs WHERE status = 'active'`).all() as Array<{ journey_id: string; contact_id: number }>;
    expect(active.filter((r) => r.journey_id !== 'j_win_back' || !lateJoiners.has(r.contact_id))).toEqual([]);
    const duplicates = db.prepare('SELECT journey_id, contact_id, COUNT(*) AS n FROM journey_runs GROUP BY journey_id, contact_id HAVING n > 1').all();
    expect(duplicates).toEqual([]);
    const reasons = db.prepare(`SELECT DISTINCT exit_reason FROM journey_runs WHERE journey_id = 'j_cart_abandonment'`).pluck().all();
    expect(reasons).toEqual(expect.arrayContaining(['reached the exit "Done"', 'finished after "Purchased"']));
  });
});
