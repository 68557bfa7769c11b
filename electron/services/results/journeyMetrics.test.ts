import { afterAll, describe, expect, it } from 'vitest';
import { journey } from '../../../shared/engine/testJourneys.ts';
import type { Attribution } from '../../../shared/results/attribution.ts';
import type { JourneyMetrics } from '../../../shared/results/journeyMetrics.ts';
import type { MetricEmail, MetricEvent, MetricStep } from '../../../test/helpers/referenceJourneyMetrics.ts';
import { writeResultRows } from '../../../test/helpers/resultRows.ts';
import { tempWorkspace } from '../../../test/helpers/workspace.ts';

/**
 * A known set of runs, sends and events, small enough to count by hand (see each contact's comment), written
 * into a real workspace and counted by the results service. Day 0 is Monday 2 March 2026; the range is days 0-13.
 */
const DAY = 86_400_000;
const HOUR = 3_600_000;
const day0 = Date.parse('2026-03-02T00:00:00Z');
const at = (day: number, hour = 0) => day0 + day * DAY + hour * HOUR;

const document = journey(
  [
    ['n_trigger', 'trigger', { trigger: { type: 'tag-added', tag: 'trial' } }, 'Trial started'],
    ['n_email_1', 'email', { templateId: 't1', sendWindow: null }, 'Welcome'],
    ['n_ab', 'ab-split', { variants: [{ id: 'v_a', name: 'Plain', percent: 50 }, { id: 'v_b', name: 'Discount', percent: 50 }] }, 'Offer test'],
    ['n_email_a', 'email', { templateId: 'ta', sendWindow: null }, 'Plain offer'],
    ['n_email_b', 'email', { templateId: 'tb', sendWindow: null }, 'Discount offer'],
    ['n_exit', 'exit', {}, 'Done'],
    ['n_goal', 'goal', { goal: { type: 'event', event: { name: 'upgraded', filters: [] } } }, 'Upgraded'],
  ],
  ['n_trigger -> n_email_1', 'n_email_1 -> n_ab', 'n_ab:v_a -> n_email_a', 'n_ab:v_b -> n_email_b', 'n_email_a -> n_exit', 'n_email_b -> n_exit'],
);

const runs = [
  { runId: 'r1', contactId: 1, enteredAt: at(0, 10), locale: 'en-US' },
  { runId: 'r2', contactId: 2, enteredAt: at(0, 11), locale: 'fr-FR' },
  { runId: 'r3', contactId: 3, enteredAt: at(0, 12), locale: 'fr-FR' },
  { runId: 'r4', contactId: 4, enteredAt: at(8, 9), locale: 'en-US' },
  { runId: 'r5', contactId: 5, enteredAt: at(-5, 9), locale: 'en-US' }, // before the range
];
const sent = (messageKey: string, runId: string, contactId: number, nodeId: string, when: number): MetricEmail => ({
  messageKey,
  runId,
  contactId,
  nodeId,
  status: 'sent',
  sentAt: when,
  createdAt: when,
});
const emails: MetricEmail[] = [
  // r1: welcome opened and clicked (by Message-ID); plain offer opened (no Message-ID: the latest email before it).
  sent('r1.e1', 'r1', 1, 'n_email_1', at(0, 10)),
  sent('r1.ea', 'r1', 1, 'n_email_a', at(1, 10)),
  // r2: welcome unopened; discount clicked (so opened, whatever the pixel said).
  sent('r2.e1', 'r2', 2, 'n_email_1', at(0, 11)),
  sent('r2.eb', 'r2', 2, 'n_email_b', at(1, 11)),
  // r3: welcome failed; the discount was suppressed (a step, no email).
  { messageKey: 'r3.e1', runId: 'r3', contactId: 3, nodeId: 'n_email_1', status: 'failed', sentAt: null, createdAt: at(0, 12) },
  // r4: welcome deferred, then sent; unsubscribed from it.
  sent('r4.e1', 'r4', 4, 'n_email_1', at(8, 10)),
  // r5: before the range.
  sent('r5.e1', 'r5', 5, 'n_email_1', at(-5, 9)),
];
const step = (runId: string, nodeId: string, outcome: string, when: number, branch: string | null = null): MetricStep => ({ runId, nodeId, outcome, branch, at: when });
const steps: MetricStep[] = [
  step('r1', 'n_email_1', 'sent', at(0, 10)),
  step('r1', 'n_ab', 'branched', at(1, 10), 'v_a'),
  step('r1', 'n_email_a', 'sent', at(1, 10)),
  step('r1', 'n_goal', 'goal', at(2, 9)),
  step('r2', 'n_email_1', 'sent', at(0, 11)),
  step('r2', 'n_ab', 'branched', at(1, 11), 'v_b'),
  step('r2', 'n_email_b', 'sent', at(1, 11)),
  step('r3', 'n_email_1', 'sent', at(0, 12)),
  step('r3', 'n_ab', 'branched', at(1, 12), 'v_b'),
  step('r3', 'n_email_b', 'suppressed', at(1, 12)),
  step('r4', 'n_email_1', 'deferred', at(8, 9)),
  step('r4', 'n_email_1', 'sent', at(8, 10)),
  step('r5', 'n_email_1', 'sent', at(-5, 9)),
];
const ev = (contactId: number, name: string, when: number, properties: Record<string, unknown> = {}): MetricEvent => ({ contactId, name, at: when, properties });
const events: MetricEvent[] = [
  ev(1, 'email_opened', at(0, 12), { message_id: '<r1.e1@journey-studio.local>' }),
  ev(1, 'email_clicked', at(0, 12) + 5 * 60_000, { message_id: '<r1.e1@journey-studio.local>' }),
  ev(1, 'email_opened', at(0, 13), { message_id: '<r1.e1@journey-studio.local>' }), // a second open: still one opened email
  ev(1, 'email_opened', at(1, 11)), // no Message-ID: the latest email before it, r1.ea
  ev(1, 'purchased', at(2, 8), { amount: 50 }),
  ev(2, 'email_clicked', at(1, 12), { message_id: 'r2.eb@journey-studio.local' }),
  ev(2, 'email_opened', at(1, 14)), // after another journey's email at 13:00: not ours
  ev(2, 'purchased', at(20, 9), { amount: 80 }), // 19 days after the last email
  ev(4, 'email_unsubscribed', at(8, 11), { message_id: '<r4.e1@journey-studio.local>' }),
  ev(5, 'email_opened', at(-5, 10), { message_id: '<r5.e1@journey-studio.local>' }),
];

const workspaces: Array<ReturnType<typeof tempWorkspace>> = [];
afterAll(() => workspaces.forEach((ws) => ws.close()));

/** The metrics of the journey over days 0-13 in a fresh workspace holding these rows (these events by default). */
async function metricsOf(attribution: Partial<Attribution> = {}, withEvents: MetricEvent[] = events): Promise<JourneyMetrics> {
  const ws = tempWorkspace(() => at(30));
  workspaces.push(ws);
  ws.services.journeys.create('Trial', document, 'j_test');
  writeResultRows(ws.services.db, {
    journeyId: 'j_test',
    runs,
    steps,
    emails,
    events: withEvents,
    otherSends: [{ contactId: 2, messageKey: 'other.journey.email', at: at(1, 13) }],
  });
  ws.services.db.prepare(`INSERT INTO segments (id, name, kind, rule, created_at, updated_at) VALUES ('s_first_two', 'First two', 'static', '{}', 0, 0)`).run();
  ws.services.db.prepare(`INSERT INTO segment_members (segment_id, contact_id) VALUES ('s_first_two', 1), ('s_first_two', 2)`).run();
  const results = await ws.client['results.journey']({ journeyId: 'j_test', from: at(0), to: at(14), attribution: { conversion: 'goal', windowDays: 7, purchaseEvent: 'purchased', revenueProperty: 'amount', ...attribution } });
  return results.metrics;
}

describe('journey metrics on a known set of sends and events', async () => {
  const metrics = await metricsOf();
  const stepOf = (id: string) => metrics.steps.find((s) => s.nodeId === id)!;

  it('totals the journey over the range, counts beside rates', () => {
    expect(metrics.totals.counts).toEqual({
      entered: 4,
      sent: 5,
      failed: 1,
      suppressed: 1,
      deferred: 1,
      opened: 3,
      clicked: 2,
      unsubscribed: 1,
      converted: 1,
      revenue: 50,
    });
    expect(metrics.totals.rates.conversion).toEqual({ successes: 1, trials: 4, rate: 0.25 });
    expect(metrics.totals.rates.open.rate).toBeCloseTo(3 / 5);
    expect(metrics.totals.rates.failure.rate).toBeCloseTo(1 / 6);
  });

  it('counts each email step, in the order contacts meet them', () => {
    expect(metrics.steps.map((s) => s.nodeId)).toEqual(['n_trigger', 'n_email_1', 'n_ab', 'n_email_a', 'n_email_b', 'n_exit', 'n_goal']);
    expect(stepOf('n_trigger').counts.entered).toBe(4);
    expect(stepOf('n_email_1').counts).toMatchObject({ sent: 3, failed: 1, deferred: 1, opened: 1, clicked: 1, unsubscribed: 1, converted: 0 });
    expect(stepOf('n_email_1').reached).toBe(4);
    expect(stepOf('n_email_1').rates.open).toEqual({ successes: 1, trials: 3, rate: 1 / 3 });
    // The goal is credited to the latest email before it (last touch): the plain offer, not the welcome.
    expect(stepOf('n_email_a').counts).toMatchObject({ sent: 1, opened: 1, clicked: 0, converted: 1, revenue: 50 });
    expect(stepOf('n_email_b').counts).toMatchObject({ sent: 1, opened: 1, clicked: 1, suppressed: 1, converted: 0 });
    expect(stepOf('n_goal').counts.converted).toBe(1);
  });

  it('gives each A/B variant its contacts and outcomes after the split', () => {
    expect(metrics.splits).toEqual([
      {
        nodeId: 'n_ab',
        name: 'Offer test',
        variants: [
          { id: 'v_a', name: 'Plain', percent: 50, contacts: 1, converted: 1, opened: 1, clicked: 0, revenue: 50 },
          { id: 'v_b', name: 'Discount', percent: 50, contacts: 2, converted: 0, opened: 1, clicked: 1, revenue: 0 },
        ],
      },
    ]);
  });

  it('breaks down the runs entered in the range', () => {
    const rows = (d: keyof typeof metrics.breakdowns) => metrics.breakdowns[d].map((r) => [r.label, r.counts.entered, r.counts.converted]);
    expect(rows('locale')).toEqual([
      ['en-US', 2, 1],
      ['fr-FR', 2, 0],
    ]);
    expect(rows('variant')).toEqual([
      ['Offer test: Plain', 1, 1],
      ['Offer test: Discount', 2, 0],
    ]);
    expect(rows('entry-week')).toEqual([
      ['Week of 2026-03-02', 3, 1],
      ['Week of 2026-03-09', 1, 0],
    ]);
    expect(rows('entry-day').map((r) => r[0])).toEqual(['2026-03-02', '2026-03-10']);
    expect(rows('segment')).toEqual([['First two', 2, 1]]);
    expect(metrics.breakdowns.locale[1].counts).toMatchObject({ sent: 2, failed: 1, suppressed: 1, clicked: 1 });
  });

  it('plots emails by send day with what they led to', () => {
    expect(metrics.overTime).toEqual([
      { day: '2026-03-02', sent: 2, opened: 1, clicked: 1, converted: 0 },
      { day: '2026-03-03', sent: 2, opened: 2, clicked: 1, converted: 1 },
      { day: '2026-03-10', sent: 1, opened: 0, clicked: 0, converted: 0 },
    ]);
  });
});

describe('attribution windows', () => {
  it('counts a purchase as a conversion only within the window after an email, credited to the latest email', async () => {
    const week = await metricsOf({ conversion: 'purchase', windowDays: 7 });
    expect(week.totals.counts.converted).toBe(1); // r1 bought 22 hours after the plain offer; r2 19 days after
    expect(week.totals.counts.revenue).toBe(50);
    expect(week.steps.find((s) => s.nodeId === 'n_email_a')!.counts.converted).toBe(1);

    const month = await metricsOf({ conversion: 'purchase', windowDays: 30 });
    expect(month.totals.counts.converted).toBe(2);
    expect(month.totals.counts.revenue).toBe(130);
    // r2's purchase goes to the discount email (the latest before it), not to the welcome.
    expect(month.steps.find((s) => s.nodeId === 'n_email_b')!.counts).toMatchObject({ converted: 1, revenue: 80 });
    expect(month.steps.find((s) => s.nodeId === 'n_email_1')!.counts).toMatchObject({ converted: 0, revenue: 0 });
    expect(month.splits[0].variants[1]).toMatchObject({ contacts: 2, converted: 1, revenue: 80 });
  });

  it('reads a purchase exactly at the end of the window as inside it, and a millisecond later as outside', async () => {
    const edge = async (offset: number) =>
      (await metricsOf({ conversion: 'purchase', windowDays: 1 }, [ev(2, 'purchased', at(1, 11) + DAY + offset, { amount: 10 })])).totals.counts.converted;
    expect(await edge(0)).toBe(1);
    expect(await edge(1)).toBe(0);
  });
});
