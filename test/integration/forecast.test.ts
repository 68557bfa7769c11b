import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSample } from '../../electron/services/sample/loadSample.ts';
import type { ForecastJob } from '../../shared/api/calls/simulation.ts';
import { tempWorkspace } from '../helpers/workspace.ts';
import { eventsRead } from '../../electron/services/decisions/eventsRead.ts';
import { sampleJourneys } from '../../electron/services/sample/sampleJourneys.ts';
import { JourneyBuilder } from '../../electron/services/sample/journeyBuilder.ts';

/** The audience forecast over the real sample workspace (2,000 contacts), through the API. */
const START = '2026-03-10T10:00:00Z';
const t0 = Date.parse(START);
let workspace: ReturnType<typeof tempWorkspace>;

beforeAll(() => {
  workspace = tempWorkspace(() => t0);
  loadSample(workspace.services.db, { contacts: 2000, seed: 11, now: t0 });
}, 60_000);
afterAll(() => workspace.close());

async function finished(jobId: string): Promise<ForecastJob> {
  for (;;) {
    const job = await workspace.client['simulation.forecastStatus']({ jobId });
    if (job.status !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('forecast', { timeout: 30_000 }, () => {
  it('runs everyone the cart trigger admits through the journey, with per-node counts', async () => {
    const { jobId } = await workspace.client['simulation.forecastStart']({ journeyId: 'j_cart_abandonment', days: 7, start: START });
    const job = await finished(jobId);
    expect(job.status).toBe('done');
    const result = job.result!;
    const cartAdders = workspace.services.db
      .prepare(`SELECT COUNT(DISTINCT contact_id) FROM events WHERE name = 'added_to_cart' AND occurred_at > ? AND occurred_at <= ?`)
      .pluck()
      .get(t0 - 7 * 86_400_000, t0) as number;
    expect(result.audience).toBe(cartAdders);
    expect(result.simulated).toBe(cartAdders);
    const node = (id: string) => result.nodes.find((n) => n.nodeId === id)!;
    expect(node('n_trigger').entered).toBe(cartAdders);
    // Nobody buys in a forecast of real data from now on, so everyone takes "no" and gets the first reminder or is suppressed.
    expect(node('n_bought_1').branches).toEqual({ no: cartAdders });
    expect(node('n_email_1').sent + node('n_email_1').suppressed).toBe(cartAdders);
    const unsubscribed = workspace.services.db
      .prepare(`SELECT COUNT(*) FROM contacts WHERE consent = 'unsubscribed' AND id IN (SELECT contact_id FROM events WHERE name = 'added_to_cart' AND occurred_at > ? AND occurred_at <= ?)`)
      .pluck()
      .get(t0 - 7 * 86_400_000, t0) as number;
    expect(node('n_email_1').suppressed).toBe(unsubscribed);
    expect(node('n_exit').exited).toBe(cartAdders);
    expect(result.emailsPerDay.reduce((sum, d) => sum + d.sent, 0)).toBe(result.totals.sent);
    expect(result.totals.sent).toBe(3 * (cartAdders - unsubscribed));

    const behind = await workspace.client['simulation.forecastContacts']({ jobId, nodeId: 'n_email_1', count: 'suppressed', limit: 500 });
    expect(behind.total).toBe(unsubscribed);
    const consents = behind.contacts.map(
      (c) => workspace.services.db.prepare('SELECT consent FROM contacts WHERE id = ?').pluck().get(c.id) as string,
    );
    expect(new Set(consents)).toEqual(new Set(['unsubscribed']));
  });

  it('the same seed and data give the same numbers; a sample takes N contacts', async () => {
    const run = async (seed: number) =>
      (await finished((await workspace.client['simulation.forecastStart']({ journeyId: 'j_trial_drip', days: 21, sample: 50, seed, start: START })).jobId)).result!;
    const a = await run(4);
    const b = await run(4);
    expect(a.simulated).toBe(50);
    expect({ ...a, elapsedMs: 0 }).toEqual({ ...b, elapsedMs: 0 });
    const ab = a.nodes.find((n) => n.nodeId === 'n_ab_d21')!;
    expect((ab.branches.v_a ?? 0) + (ab.branches.v_b ?? 0)).toBe(ab.entered);
    expect(a.emailsPerDay).toHaveLength(22); // 21 days from 10:00 touch 22 calendar days
    expect(a.emailsPerDay[0].date).toBe('2026-03-10');
  });

  it('can be cancelled while it runs', async () => {
    const { jobId } = await workspace.client['simulation.forecastStart']({ journeyId: 'j_trial_drip', days: 21, start: START });
    expect(await workspace.client['simulation.forecastCancel']({ jobId })).toEqual({ cancelled: true });
    const job = await finished(jobId);
    expect(job.status).toBe('cancelled');
    expect(job.result).toBeNull();
  });

  it('compares the draft with the live version, node by node', async () => {
    await workspace.client['journeys.publish']({ id: 'j_cart_abandonment' });
    const journey = await workspace.client['journeys.get']({ id: 'j_cart_abandonment' });
    const document = structuredClone(journey.document);
    const wait = document.nodes.find((n) => n.id === 'n_wait_24h_2')!;
    wait.config = { wait: { type: 'duration', duration: { amount: 10, unit: 'days' } } };
    await workspace.client['journeys.saveDraft']({ id: 'j_cart_abandonment', document });
    const { jobId } = await workspace.client['simulation.forecastStart']({ journeyId: 'j_cart_abandonment', days: 7, start: START, compareWith: 'live' });
    const job = await finished(jobId);
    const draft = job.result!.nodes.find((n) => n.nodeId === 'n_wait_24h_2')!;
    const live = job.comparison!.nodes.find((n) => n.nodeId === 'n_wait_24h_2')!;
    expect(job.comparison!.version).toBe(1);
    expect(draft.waiting).toBeGreaterThan(0);
    expect(live.waiting).toBe(0);
    expect(job.result!.simulated).toBe(job.comparison!.simulated);
  });

  it('reads only the events a journey can look at', () => {
    const documents = new Map(sampleJourneys().map((j) => [j.id, j.document]));
    expect(eventsRead(documents.get('j_trial_drip')!)).toEqual(['upgraded']);
    expect(eventsRead(documents.get('j_cart_abandonment')!)).toEqual(['added_to_cart', 'purchased']);
    // Opens and clicks only when a rule asks about them or a wait reads the contact's usual hour.
    const engaged = structuredClone(documents.get('j_cart_abandonment')!);
    engaged.nodes.find((n) => n.id === 'n_bought_1')!.config = { rule: { type: 'email-engagement', stepId: 'n_email_1', action: 'opened', happened: true } };
    expect(eventsRead(engaged)).toEqual(['added_to_cart', 'email_clicked', 'email_opened', 'purchased']);
    const usualHour = structuredClone(documents.get('j_cart_abandonment')!);
    usualHour.nodes.find((n) => n.id === 'n_wait_1h')!.config = { wait: { type: 'usual-hour', fallbackHour: 10 } };
    expect(eventsRead(usualHour)).toEqual(['added_to_cart', 'email_clicked', 'email_opened', 'purchased']);
    const scored = structuredClone(documents.get('j_cart_abandonment')!);
    scored.nodes.find((n) => n.id === 'n_bought_1')!.config = { rule: { type: 'lifecycle', stage: 'active' } };
    expect(eventsRead(scored)).toBeNull();
  });

  it('a date-attribute trigger admits each contact on their day inside the forecast', async () => {
    const { db } = workspace.services;
    const ids = db.prepare('SELECT id FROM contacts ORDER BY id LIMIT 3').pluck().all() as number[];
    // Renewals 5, 20 and 40 days after the start; the journey fires 3 days before: days 2 and 17 are inside 30 days.
    ids.forEach((id, i) => {
      const renewal = new Date(t0 + [5, 20, 40][i] * 86_400_000).toISOString().slice(0, 10);
      db.prepare(`UPDATE contacts SET attributes = json_set(attributes, '$.renewal_date', ?), timezone = 'UTC' WHERE id = ?`).run(renewal, id);
    });
    const document = new JourneyBuilder()
      .add('n_trigger', 'trigger', 'Renewal in 3 days', { trigger: { type: 'date-attribute', attribute: 'renewal_date', offsetDays: -3, yearly: false } })
      .add('n_email', 'email', 'Renewal reminder', { templateId: 't_cart_1', sendWindow: null })
      .add('n_exit', 'exit', 'Done', {})
      .chain('n_trigger', 'n_email', 'n_exit')
      .build();
    const { id } = await workspace.client['journeys.create']({ name: 'Renewals', document });
    const job = await finished((await workspace.client['simulation.forecastStart']({ journeyId: id, days: 30, start: START })).jobId);
    expect(job.result!.audience).toBe(2);
    const sentDays = job.result!.emailsPerDay.filter((d) => d.sent > 0).map((d) => d.day);
    expect(sentDays).toEqual([2, 17]);
  });
});
