import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadSample } from '../../electron/services/sample/loadSample.ts';
import { ContactWriter, type EventInput } from '../../electron/services/contacts/contactWriter.ts';
import { addTagSql } from '../../electron/services/contacts/tagColumn.ts';
import { JourneyRunner } from '../../electron/services/engine/runner.ts';
import { SendError, sendEach, type EmailSender } from '../../electron/services/engine/senders/emailSender.ts';
import { SegmentEvaluator } from '../../electron/services/segments/segmentEvaluator.ts';
import { abTestResults, type JourneyResultsQuery } from '../../electron/services/results/resultsService.ts';
import { runCli } from '../../electron/cli/program.ts';
import { messageIdOf } from '../../shared/engine/messageKey.ts';
import { Attribution } from '../../shared/results/attribution.ts';
import type { JourneyResults } from '../../shared/api/calls/results.ts';
import { seededRandom } from '../../shared/util/random.ts';
import { referenceJourneyMetrics, type MetricEmail } from '../helpers/referenceJourneyMetrics.ts';
import { writeResultRows } from '../helpers/resultRows.ts';
import { journey } from '../../shared/engine/testJourneys.ts';
import { tempWorkspace } from '../helpers/workspace.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const END_OF_TIME = 8_640_000_000_000_000;

/**
 * The results from SQL aggregates held equal, field for field, to the in-memory computation they replaced
 * (test/helpers/referenceJourneyMetrics.ts), on a realistic workspace: the sample's 260 contacts and three
 * journeys run by the live engine for four weeks on a virtual clock, through a sender that refuses some
 * addresses for good, while contacts join the trial, add to carts, buy and upgrade, and open, click and
 * unsubscribe from the emails they get (by every form of Message-ID the engine reads, and without one).
 * Amounts are multiples of a quarter, so that sums do not depend on the order they are added in.
 */
const T0 = Date.UTC(2026, 2, 2, 7);
const HORIZON_DAYS = 28;
let clock = T0;
const ws = tempWorkspace(() => clock);
const segmentIds = { lapsed: 's_lapsed_buyers', static: 's_every_third', french: 's_french' };

/** Four weeks of the engine over the sample, with the contacts' behaviour arriving as events as it happens. */
async function liveHistory(): Promise<void> {
  const { db } = ws.services;
  loadSample(db, { contacts: 260, seed: 5, now: T0 });
  const now = T0;
  db.prepare(`INSERT INTO segments (id, name, kind, rule, created_at, updated_at) VALUES (?, 'Every third contact', 'static', '{}', ?, ?)`).run(segmentIds.static, now, now);
  db.prepare(`INSERT INTO segment_members (segment_id, contact_id) SELECT ?, id FROM contacts WHERE id % 3 = 0`).run(segmentIds.static);
  db.prepare(`INSERT INTO segments (id, name, kind, rule, created_at, updated_at) VALUES (?, 'French speakers', 'dynamic', ?, ?, ?)`).run(
    segmentIds.french,
    JSON.stringify({ type: 'attribute', attribute: 'country', op: 'eq', value: 'FR' }),
    now,
    now,
  );
  clock = T0 + MINUTE;
  for (const id of ['j_cart_abandonment', 'j_trial_drip', 'j_win_back']) await ws.client['journeys.publish']({ id });

  const random = seededRandom(20260302);
  const contacts = db.prepare('SELECT id FROM contacts ORDER BY id').pluck().all() as number[];
  const upcoming: EventInput[] = [];
  const at = (day: number) => T0 + Math.floor(day * DAY) + random.int(0, 59) * MINUTE;
  const amounts: unknown[] = [18, 22, 49, 89.5, 12.25, '44.75', 'n/a', undefined, 130];
  for (const c of contacts) {
    if (random.chance(0.3)) {
      const cartAt = at(random.int(0, HORIZON_DAYS * 10) / 10);
      upcoming.push({ contactId: c, name: 'added_to_cart', occurredAt: cartAt, properties: { name: 'Trail shoes', value: 90, price: 45 } });
      if (random.chance(0.4)) upcoming.push({ contactId: c, name: 'purchased', occurredAt: cartAt + random.int(2, 60) * HOUR, properties: { amount: random.pick(amounts) } });
    }
    for (let n = random.chance(0.2) ? random.int(1, 3) : 0; n > 0; n--) {
      upcoming.push({ contactId: c, name: 'purchased', occurredAt: at(random.int(0, HORIZON_DAYS * 10) / 10), properties: { amount: random.pick(amounts), price: 10.5 } });
    }
    if (random.chance(0.15)) upcoming.push({ contactId: c, name: 'upgraded', occurredAt: at(random.int(1, HORIZON_DAYS * 10) / 10) });
  }
  const joinTrial = contacts.filter(() => random.chance(0.2)).map((c) => ({ contactId: c, day: random.int(0, HORIZON_DAYS - 5) }));
  const tagTrial = db.prepare(`UPDATE contacts SET tags = ${addTagSql('tags', "'trial'")}, updated_at = ? WHERE id = ?`);

  // Engagement as an email platform reports it: by Message-ID in any of the forms the engine reads, or
  // without one (tied back to the latest email before it); some ids name no email at all, or are not text.
  const messageId = (key: string): Record<string, unknown> => {
    const form = random.int(0, 19);
    if (form < 10) return { message_id: messageIdOf(key) };
    if (form < 12) return { message_id: `${key}@journey-studio.local` };
    if (form < 13) return { message_id: key };
    if (form < 14) return { message_id: ` ${messageIdOf(key)}\n` };
    if (form < 15) return { message_id: null, messageId: messageIdOf(key) };
    if (form < 16) return { message_id: `<${key}@mail.example.com>` };
    if (form < 17) return { message_id: 42 };
    return random.chance(0.1) ? { message_id: '<nobody@journey-studio.local>' } : {};
  };
  const newlySent = db.prepare(`SELECT message_key AS key, contact_id AS contactId, sent_at AS sentAt FROM outbound_emails WHERE status = 'sent' AND sent_at > ? AND sent_at <= ?`);
  const runner = new JourneyRunner({
    services: ws.services,
    sender: refusingSender((address) => /^[^@]*7@/.test(address)),
    now: () => clock,
    membershipIntervalMs: 0,
    onError: (error) => {
      throw error;
    },
  });
  const writer = new ContactWriter(db, () => clock);
  let previous = clock;
  for (clock = T0 + HOUR; clock <= T0 + HORIZON_DAYS * DAY; clock += 2 * HOUR) {
    for (const join of joinTrial.filter((j) => T0 + j.day * DAY + 9 * HOUR > previous && T0 + j.day * DAY + 9 * HOUR <= clock)) tagTrial.run(clock, join.contactId);
    for (const event of upcoming.filter((e) => e.occurredAt > previous && e.occurredAt <= clock)) writer.insertEvent(event);
    await runner.runOnce();
    for (const sent of newlySent.all(previous, clock) as Array<{ key: string; contactId: number; sentAt: number }>) {
      if (!random.chance(0.45)) continue;
      const openedAt = sent.sentAt + random.int(0, 3000) * MINUTE;
      upcoming.push({ contactId: sent.contactId, name: 'email_opened', occurredAt: openedAt, properties: messageId(sent.key) });
      if (random.chance(0.2)) upcoming.push({ contactId: sent.contactId, name: 'email_opened', occurredAt: openedAt + random.int(1, 900) * MINUTE, properties: messageId(sent.key) });
      if (random.chance(0.35)) upcoming.push({ contactId: sent.contactId, name: 'email_clicked', occurredAt: openedAt + random.int(0, 20) * MINUTE, properties: messageId(sent.key) });
      if (random.chance(0.04)) upcoming.push({ contactId: sent.contactId, name: random.pick(['email_unsubscribed', 'unsubscribed']), occurredAt: openedAt + MINUTE, properties: messageId(sent.key) });
    }
    previous = clock;
  }
  await runner.close();
  // What arrives after the engine stopped still counts.
  for (const event of upcoming.filter((e) => e.occurredAt > previous)) writer.insertEvent(event);
}

function refusingSender(refused: (address: string) => boolean): EmailSender {
  return {
    kind: 'outbox',
    sendBatch: (emails, settled) =>
      sendEach(emails, settled, 1, async (email) => {
        if (refused(email.to)) throw new SendError('550 5.1.1 no such mailbox', 'hard-bounce');
      }),
    close: async () => {},
  };
}

/**
 * A journey of hand-made rows for the corners the engine's history above rarely reaches: two emails of a run
 * sent in the same millisecond (crediting and tying back must pick the last in node order, not the first
 * written), purchases exactly at the end of the window, an empty branch before the real one, a goal with no
 * email before it, an email marked sent without a send time, queued and cancelled emails, an event older
 * than the journey, a Message-ID of another contact's email, and amounts Number() reads oddly.
 */
function writeEdgeCases(): void {
  const { db, journeys: store } = ws.services;
  const d0 = T0 + 2 * DAY;
  const document = journey(
    [
      ['n_trigger', 'trigger', { trigger: { type: 'tag-added', tag: 'edges' } }, 'Start'],
      ['n_email_a', 'email', { templateId: 't_trial_day_1', sendWindow: null }, 'A'],
      ['n_email_b', 'email', { templateId: 't_trial_day_3', sendWindow: null }, 'B'],
      ['n_ab', 'ab-split', { variants: [{ id: 'v_a', name: 'One', percent: 50 }, { id: 'v_b', name: 'Two', percent: 50 }] }, 'Split'],
      ['n_email_c', 'email', { templateId: 't_trial_day_7', sendWindow: null }, 'C'],
      ['n_goal', 'goal', { goal: { type: 'event', event: { name: 'upgraded', filters: [] } } }, 'Goal'],
    ],
    ['n_trigger -> n_email_a', 'n_email_a -> n_email_b', 'n_email_b -> n_ab', 'n_ab:v_a -> n_email_c', 'n_ab:v_b -> n_email_c'],
  );
  store.create('Corner cases', document, 'j_edges');
  const sent = (key: string, runId: string, contactId: number, nodeId: string, at: number, createdAt = at): MetricEmail => ({
    messageKey: key, runId, contactId, nodeId, status: 'sent', sentAt: at, createdAt,
  });
  const c = (n: number) => 10_000 + n;
  writeResultRows(db, {
    journeyId: 'j_edges',
    runs: [1, 2, 3, 4, 5].map((n) => ({ runId: `j_edges.${c(n)}.1`, contactId: c(n), enteredAt: d0 + n * HOUR, locale: n % 2 ? 'en-GB' : null })),
    steps: [
      { runId: `j_edges.${c(1)}.1`, nodeId: 'n_email_b', outcome: 'sent', branch: 'next', at: d0 + 2 * HOUR },
      { runId: `j_edges.${c(1)}.1`, nodeId: 'n_email_a', outcome: 'sent', branch: 'next', at: d0 + 2 * HOUR },
      { runId: `j_edges.${c(2)}.1`, nodeId: 'n_ab', outcome: 'branched', branch: '', at: d0 + 3 * HOUR },
      { runId: `j_edges.${c(2)}.1`, nodeId: 'n_ab', outcome: 'branched', branch: 'v_b', at: d0 + 4 * HOUR },
      { runId: `j_edges.${c(3)}.1`, nodeId: 'n_goal', outcome: 'goal', branch: null, at: d0 + 3 * HOUR + 5 },
      { runId: `j_edges.${c(4)}.1`, nodeId: 'n_email_a', outcome: 'deferred', branch: null, at: d0 + 4 * HOUR },
      { runId: `j_edges.${c(4)}.1`, nodeId: 'n_email_a', outcome: 'deferred', branch: null, at: d0 + 5 * DAY },
      { runId: `j_edges.${c(1)}.1`, nodeId: 'n_goal', outcome: 'goal', branch: null, at: d0 + DAY },
    ],
    emails: [
      // Written b before a, c (visit 2) before c (visit 1): the written order is not the answer.
      sent(`j_edges.${c(1)}.1.n_email_b.1`, `j_edges.${c(1)}.1`, c(1), 'n_email_b', d0 + 2 * HOUR),
      sent(`j_edges.${c(1)}.1.n_email_a.1`, `j_edges.${c(1)}.1`, c(1), 'n_email_a', d0 + 2 * HOUR),
      sent(`j_edges.${c(2)}.1.n_email_c.2`, `j_edges.${c(2)}.1`, c(2), 'n_email_c', d0 + 5 * HOUR, d0 + 4 * HOUR + 2),
      sent(`j_edges.${c(2)}.1.n_email_c.1`, `j_edges.${c(2)}.1`, c(2), 'n_email_c', d0 + 5 * HOUR, d0 + 4 * HOUR + 1),
      { ...sent(`j_edges.${c(4)}.1.n_email_a.1`, `j_edges.${c(4)}.1`, c(4), 'n_email_a', 0, d0 + 6 * HOUR), sentAt: null },
      { ...sent(`j_edges.${c(4)}.1.n_email_b.1`, `j_edges.${c(4)}.1`, c(4), 'n_email_b', 0, d0 + 7 * HOUR), status: 'queued', sentAt: null },
      { ...sent(`j_edges.${c(5)}.1.n_email_a.1`, `j_edges.${c(5)}.1`, c(5), 'n_email_a', 0, d0 + 7 * HOUR), status: 'cancelled', sentAt: null },
      sent(`j_edges.${c(5)}.1.n_email_b.1`, `j_edges.${c(5)}.1`, c(5), 'n_email_b', d0 + 8 * HOUR),
    ],
    events: [
      { contactId: c(1), name: 'purchased', at: d0 + 3 * HOUR, properties: { amount: ' 12.5 ', total: true, 'order.total': '7.25' } },
      { contactId: c(1), name: 'email_opened', at: d0 + 2 * HOUR, properties: {} },
      { contactId: c(1), name: 'email_clicked', at: d0 + 2 * HOUR - 1, properties: {} },
      { contactId: c(2), name: 'purchased', at: d0 + 5 * HOUR + DAY, properties: { amount: '0x10', total: [] } },
      { contactId: c(2), name: 'purchased', at: d0 + 5 * HOUR + DAY + 1, properties: { amount: 4.5, total: null } },
      { contactId: c(2), name: 'purchased', at: d0 + 5 * HOUR + DAY / 2, properties: { amount: '1e1', total: '2.25' } },
      { contactId: c(2), name: 'email_opened', at: d0 + 5 * HOUR, properties: {} },
      { contactId: c(3), name: 'email_clicked', at: d0 + 9 * HOUR, properties: { message_id: `<j_edges.${c(5)}.1.n_email_b.1@journey-studio.local>` } },
      { contactId: c(4), name: 'email_opened', at: d0 + 9 * HOUR, properties: { messageId: `j_edges.${c(4)}.1.n_email_a.1` } },
      { contactId: c(1), name: 'email_clicked', at: d0 - DAY, properties: { message_id: `<j_edges.${c(1)}.1.n_email_a.1@journey-studio.local>` } },
      { contactId: c(5), name: 'email_unsubscribed', at: d0 + 9 * HOUR, properties: { message_id: `<j_edges.${c(5)}.1.n_email_b.1@journey-studio.local>` } },
      // A Message-ID that is an object is no Message-ID (tied back by time); a string that looks like JSON is one.
      { contactId: c(1), name: 'email_unsubscribed', at: d0 + 10 * HOUR, properties: { message_id: { id: 'x' } } },
      { contactId: c(2), name: 'email_clicked', at: d0 + 10 * HOUR, properties: { message_id: '[not json' } },
    ],
    otherSends: [{ contactId: c(2), messageKey: 'j_other.edges.1', at: d0 + 5 * HOUR - 1 }],
  });
}

/** What results.journey returned before: the reference metrics, with the A/B statistics the service derives from them. */
function referenceResults(query: JourneyResultsQuery): JourneyResults {
  const { services } = ws;
  const journey = services.journeys.get(query.journeyId);
  const document = services.results.layoutDocument(journey.id, journey.liveVersion, journey.document);
  const range = { from: query.from ?? 0, to: query.to ?? END_OF_TIME };
  const metrics = referenceJourneyMetrics(services.db, new SegmentEvaluator(services.db), clock, {
    journeyId: journey.id,
    document,
    range,
    attribution: query.attribution,
    segmentIds: query.segmentIds,
  });
  return { journeyId: journey.id, name: journey.name, version: journey.liveVersion, metrics, abTests: abTestResults(document, metrics, query) };
}

const journeys = ['j_trial_drip', 'j_cart_abandonment', 'j_win_back', 'j_edges'];
const ranges: Array<[string, { from?: number; to?: number }]> = [
  ['everything', {}],
  ['whole days', { from: T0 + 3 * DAY, to: T0 + 10 * DAY }],
  ['to the millisecond', { from: T0 + 2 * DAY + 12 * HOUR + 17 * MINUTE + 3, to: T0 + 20 * DAY + 3 * HOUR + 1 }],
  ['the last 7 days', { from: T0 + (HORIZON_DAYS - 7) * DAY + 5 * HOUR }],
  ['one hour', { from: T0 + 9 * DAY + 9 * HOUR, to: T0 + 9 * DAY + 10 * HOUR }],
  ['nothing yet', { to: T0 }],
];
const attributions: Array<[string, Partial<Attribution>]> = [
  ['goal', {}],
  ['purchase in 7 days', { conversion: 'purchase' }],
  ['purchase in 1 day', { conversion: 'purchase', windowDays: 1 }],
  ['purchase in half a day', { conversion: 'purchase', windowDays: 0.5 }],
  ['purchase in 30 days', { conversion: 'purchase', windowDays: 30 }],
  ['goal, revenue from another property', { revenueProperty: 'price' }],
  ['cart additions as purchases, valued', { conversion: 'purchase', purchaseEvent: 'added_to_cart', revenueProperty: 'value' }],
  ['clicks as purchases', { conversion: 'purchase', purchaseEvent: 'email_clicked' }],
  ['purchase in exactly one day, revenue from a property named with a dot', { conversion: 'purchase', windowDays: 1, revenueProperty: 'order.total' }],
  ['purchase in 1 day, revenue from booleans, lists and nulls', { conversion: 'purchase', windowDays: 1, revenueProperty: 'total' }],
];
const segmentChoices: Array<[string, string[] | undefined]> = [
  ['all segments', undefined],
  ['no segment', []],
  ['the lapsed buyers', [segmentIds.lapsed]],
  ['a static list and a dynamic segment', [segmentIds.static, segmentIds.french]],
];
const metrics = ['conversion', 'open', 'click'] as const;

interface Case {
  name: string;
  query: JourneyResultsQuery;
}
const cases: Case[] = [];
const query = (journeyId: string, over: Partial<Omit<JourneyResultsQuery, 'attribution'>> & { attribution?: Partial<Attribution> } = {}): JourneyResultsQuery => ({
  journeyId,
  abMetric: 'conversion',
  minimumLiftPoints: 2,
  confidence: 0.95,
  ...over,
  attribution: Attribution.parse(over.attribution ?? {}),
});
for (const journeyId of journeys) {
  for (const [name, range] of ranges) cases.push({ name: `${journeyId}, ${name}`, query: query(journeyId, range) });
  for (const [name, attribution] of attributions) {
    cases.push({ name: `${journeyId}, ${name}`, query: query(journeyId, { attribution }) });
    cases.push({ name: `${journeyId}, ${name}, to the millisecond`, query: query(journeyId, { attribution, ...ranges[2][1] }) });
  }
  for (const [name, chosen] of segmentChoices) cases.push({ name: `${journeyId}, ${name}`, query: query(journeyId, { segmentIds: chosen, ...ranges[3][1] }) });
  for (const abMetric of metrics) cases.push({ name: `${journeyId}, A/B on ${abMetric}`, query: query(journeyId, { abMetric, attribution: { conversion: 'purchase' } }) });
}

beforeAll(async () => {
  await liveHistory();
  writeEdgeCases();
}, 240_000);
afterAll(() => ws.close());

describe('results from SQL aggregates, against the in-memory computation they replaced', () => {
  it('runs on a workspace with every case the counting rules have', () => {
    const { db } = ws.services;
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    expect(count(`SELECT COUNT(*) FROM journey_runs WHERE journey_id = 'j_trial_drip'`)).toBeGreaterThan(40);
    expect(count(`SELECT COUNT(*) FROM journey_runs WHERE journey_id = 'j_cart_abandonment'`)).toBeGreaterThan(40);
    expect(count(`SELECT COUNT(*) FROM journey_runs WHERE journey_id = 'j_win_back'`)).toBeGreaterThan(10);
    expect(count(`SELECT COUNT(*) FROM outbound_emails WHERE status = 'failed'`)).toBeGreaterThan(0);
    for (const outcome of ['suppressed', 'deferred', 'goal', 'branched']) expect(count(`SELECT COUNT(*) FROM journey_steps WHERE outcome = '${outcome}'`), outcome).toBeGreaterThan(0);
    expect(count(`SELECT COUNT(*) FROM events WHERE name = 'email_opened' AND json_extract(properties, '$.message_id') IS NULL`)).toBeGreaterThan(20);
    expect(count(`SELECT COUNT(*) FROM events WHERE name IN ('email_unsubscribed', 'unsubscribed')`)).toBeGreaterThan(0);
    // Emails of two journeys sent to one contact in the same tick: the tie an open without a Message-ID must break.
    expect(count(`SELECT COUNT(*) FROM outbound_emails a JOIN outbound_emails b ON b.contact_id = a.contact_id AND b.sent_at = a.sent_at AND b.journey_id > a.journey_id`)).toBeGreaterThan(0);
  });

  it.each(cases)('$name', ({ query: q }) => {
    const ours = ws.services.results.journey(q);
    expect(ours).toEqual(referenceResults(q));
  });

  it('gives the canvas the same per-node numbers', async () => {
    for (const journeyId of journeys) {
      const reference = referenceResults(query(journeyId, ranges[2][1]));
      const nodes = await ws.client['results.nodes']({ journeyId, ...ranges[2][1] });
      expect(nodes).toEqual(Object.fromEntries(reference.metrics.steps.map((s) => [s.nodeId, { reached: s.reached, counts: s.counts, rates: s.rates }])));
    }
  });

  it('prints the same results on the command line', async () => {
    const out: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    // The command line's clock is the system's: the same moment as the workspace's, for the dynamic segments.
    vi.useFakeTimers({ toFake: ['Date'], now: clock });
    try {
      const args = ['--from', '2026-03-04', '--to', '2026-03-20', '--conversion', 'purchase', '--window', '3', '--metric', 'click'];
      expect(await runCli(['--db', ws.databasePath, 'results', 'j_trial_drip', ...args, '--json'])).toBe(0);
    } finally {
      vi.useRealTimers();
      stdout.mockRestore();
    }
    const reference = referenceResults(
      query('j_trial_drip', { from: Date.UTC(2026, 2, 4), to: Date.UTC(2026, 2, 21), attribution: { conversion: 'purchase', windowDays: 3 }, abMetric: 'click' }),
    );
    expect(JSON.parse(out.join(''))).toEqual(JSON.parse(JSON.stringify(reference)));
  });
});
