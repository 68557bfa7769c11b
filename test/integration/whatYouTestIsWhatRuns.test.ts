import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ContactWriter } from '../../electron/services/contacts/contactWriter.ts';
import { createRunner } from '../../electron/services/engine/createRunner.ts';
import { OutboxSender } from '../../electron/services/engine/senders/outboxSender.ts';
import { simulate } from '../../electron/services/simulation/simulationService.ts';
import { journey } from '../../shared/engine/testJourneys.ts';
import type { JourneyDocument } from '../../shared/journey/journey.ts';
import type { JourneySettings } from '../../shared/journey/settings.ts';
import { SimulationRequest, type SimulationRequestInput } from '../../shared/simulation/input.ts';
import { tempWorkspace } from '../helpers/workspace.ts';
import { encodeTags } from '../../electron/services/contacts/tagColumn.ts';

/**
 * The cases in which the engine, the simulator and the forecast were each fed their own copy of the same inputs
 * and disagreed. Each builds a small workspace on a real SQLite file, runs the live engine on a virtual clock and
 * the simulator and/or the forecast on the same data, and demands the same answer.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 4, 4, 9); // a Monday, 09:00 UTC

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function workspace() {
  const clock = { now: T0 - DAY };
  const ws = tempWorkspace(() => clock.now);
  cleanup.push(() => ws.close());
  ws.services.forecasts.workerEntry = null; // in this process: the numbers are the same, the test is quicker
  const writer = new ContactWriter(ws.services.db, () => clock.now);
  const template = await ws.client['templates.create']({
    name: 'Cart reminder',
    document: { content: { subject: 'Your {{ trigger.name | default: "items" }} are still available', body: '<p>Hello {{ first_name }}: {{ trigger.name }}</p>' } },
  });
  const contact = (email: string, fields: Record<string, string> = {}) => writer.upsertContact({ email, consent: 'subscribed', timezone: 'UTC', ...fields }).id;
  const event = (contactId: number, name: string, at: number, properties: Record<string, unknown> = {}) => writer.insertEvent({ contactId, name, occurredAt: at, properties });

  /** Creates and publishes a journey (at the clock's time: events before it admit nobody live). */
  const publish = async (name: string, document: JourneyDocument) => {
    const created = await ws.client['journeys.create']({ name, document });
    await ws.client['journeys.publish']({ id: created.id });
    return created.id;
  };

  /** The live engine from the clock's time to `until`, moving the clock to each moment something is due. */
  const runLive = async (until: number) => {
    const runner = createRunner(ws.services, { sender: new OutboxSender(join(ws.dir, 'outbox')), now: () => clock.now, membershipIntervalMs: 0, onError: (e) => { throw e; } });
    const nextDue = ws.services.db.prepare(
      `SELECT MIN(at) FROM (SELECT MIN(due_at) AS at FROM journey_runs WHERE status = 'active' UNION ALL SELECT MIN(next_attempt_at) FROM outbound_emails WHERE status = 'queued')`,
    ).pluck();
    for (let i = 0; i < 1000; i++) {
      await runner.runOnce();
      const next = nextDue.get() as number | null;
      if (next === null || next > until) break;
      clock.now = Math.max(clock.now + 1, next);
    }
    await runner.close();
  };

  const simulateOne = (request: Omit<SimulationRequestInput, 'start'>) =>
    simulate(ws.services, SimulationRequest.parse({ start: new Date(clock.now).toISOString(), ...request }));

  const forecast = async (journeyId: string) => {
    const jobId = ws.services.forecasts.start({ journeyId, name: journeyId, document: ws.services.journeys.version(journeyId, 1), version: 1, runVersion: 1 }, { start: clock.now, days: 30, seed: 1 });
    return (await ws.services.forecasts.wait(jobId)).result!;
  };

  return { ws, clock, db: ws.services.db, templateId: template.id, contact, event, publish, runLive, simulateOne, forecast };
}

const cartJourney = (templateId: string, filters: Array<{ property: string; op: 'gt' | 'eq'; value: number | string }> = [], settings: Partial<JourneySettings> = {}) =>
  journey(
    [
      ['n_trigger', 'trigger', { trigger: { type: 'event', event: { name: 'added_to_cart', filters } } }, 'Added to cart'],
      ['n_email', 'email', { templateId, sendWindow: null }, 'Reminder'],
      ['n_done', 'exit', {}, 'Done'],
    ],
    ['n_trigger -> n_email', 'n_email -> n_done'],
    settings,
  );

describe('what you test is what runs', () => {
  it("a trigger's property filter admits the same contacts in the forecast, the simulator and the live engine", async () => {
    const w = await workspace();
    const big = w.contact('big@example.com');
    const small = w.contact('small@example.com');
    w.clock.now = T0;
    const journeyId = await w.publish('Big carts', cartJourney(w.templateId, [{ property: 'value', op: 'gt', value: 50 }]));
    w.clock.now = T0 + HOUR;
    w.event(big, 'added_to_cart', w.clock.now, { name: 'Trail shoes', value: 90 });
    w.event(small, 'added_to_cart', w.clock.now, { name: 'Socks', value: 30 });

    const forecast = await w.forecast(journeyId);
    expect(forecast.simulated).toBe(1);
    expect(Object.keys(forecast.refused)).toEqual([]);
    expect(forecast.totals.sent).toBe(1);

    // The simulator: a stored contact enters on their own event, filter checked; so does a made-up one's payload.
    expect((await w.simulateOne({ journeyId, version: 'live', contact: { type: 'existing', ref: 'big@example.com' } })).status).toBe('exited');
    const smallOne = await w.simulateOne({ journeyId, version: 'live', contact: { type: 'existing', ref: 'small@example.com' } });
    expect(smallOne.status).toBe('not-admitted');
    expect(smallOne.statusReason).toMatch(/value > 50 does not hold \(value is 30\)/);
    const madeUp = { type: 'made-up', contact: { email: 'test@example.com' } } as const;
    expect((await w.simulateOne({ journeyId, version: 'live', contact: madeUp })).status).toBe('not-admitted');
    const withPayload = await w.simulateOne({ journeyId, version: 'live', contact: madeUp, entryEvent: { properties: { name: 'Mug', value: 60 } } });
    expect(withPayload.status).toBe('exited');
    expect(withPayload.timeline.find((s) => s.email)?.email?.subject).toBe('Your Mug are still available');

    await w.runLive(T0 + 2 * DAY);
    const admitted = w.db.prepare('SELECT contact_id FROM journey_runs').pluck().all();
    expect(admitted).toEqual([big]);
  });

  it("'is in a dynamic segment' is the segment's rule at the decision's moment, live and simulated, stored or made up", async () => {
    const w = await workspace();
    const buyer = w.contact('buyer@example.com');
    w.event(buyer, 'purchased', T0 - 2 * DAY, { value: 40 });
    const segment = await w.ws.client['segments.save']({ name: 'Buyers', rule: { type: 'event-count', event: { name: 'purchased', filters: [] }, op: 'gte', count: 1 } });
    const document = journey(
      [
        ['n_trigger', 'trigger', { trigger: { type: 'tag-added', tag: 'vip' } }, 'Tagged VIP'],
        ['n_buyers', 'condition', { rule: { type: 'segment', segmentId: segment.id, member: true } }, 'Is a buyer'],
        ['n_email', 'email', { templateId: w.templateId, sendWindow: null }, 'Thank you'],
        ['n_exit', 'exit', {}, 'Not a buyer'],
        ['n_done', 'exit', {}, 'Done'],
      ],
      ['n_trigger -> n_buyers', 'n_buyers:yes -> n_email', 'n_buyers:no -> n_exit', 'n_email -> n_done'],
    );
    w.clock.now = T0;
    const journeyId = await w.publish('VIP buyers', document);
    w.db.prepare(`UPDATE contacts SET tags = ? WHERE id = ?`).run(encodeTags(['vip']), buyer);

    const branchOf = (timeline: Array<{ nodeId: string; branch?: string }>) => timeline.find((s) => s.nodeId === 'n_buyers')?.branch;
    expect(branchOf((await w.simulateOne({ journeyId, version: 'live', contact: { type: 'existing', ref: 'buyer@example.com' } })).timeline)).toBe('yes');
    const madeUp = await w.simulateOne({
      journeyId,
      version: 'live',
      contact: { type: 'made-up', contact: { email: 'twin@example.com', tags: ['vip'], history: [{ name: 'purchased', at: '-2d', properties: { value: 40 } }] } },
    });
    expect(branchOf(madeUp.timeline)).toBe('yes');

    await w.runLive(T0 + DAY);
    expect(w.db.prepare(`SELECT branch FROM journey_steps WHERE node_id = 'n_buyers'`).pluck().all()).toEqual(['yes']);
  });

  it('a frequency cap of one email per 8 weeks holds live exactly as simulated', async () => {
    const w = await workspace();
    const id = w.contact('capped@example.com');
    const document = journey(
      [
        ['n_trigger', 'trigger', { trigger: { type: 'event', event: { name: 'signed_up', filters: [] } } }, 'Signed up'],
        ['n_first', 'email', { templateId: w.templateId, sendWindow: null }, 'First'],
        ['n_wait', 'wait', { wait: { type: 'duration', duration: { amount: 40, unit: 'days' } } }, 'Forty days'],
        ['n_second', 'email', { templateId: w.templateId, sendWindow: null }, 'Second'],
        ['n_done', 'exit', {}, 'Done'],
      ],
      ['n_trigger -> n_first', 'n_first -> n_wait', 'n_wait -> n_second', 'n_second -> n_done'],
      { frequencyCap: { limits: [{ count: 1, period: { amount: 8, unit: 'weeks' } }], whenCapped: 'defer' } },
    );
    w.clock.now = T0;
    const journeyId = await w.publish('Capped', document);
    w.event(id, 'signed_up', T0);
    const simulated = await w.simulateOne({ journeyId, version: 'live', contact: { type: 'existing', ref: 'capped@example.com' }, until: '70d' });
    const simulatedSends = simulated.timeline.filter((s) => s.outcome === 'sent').map((s) => s.at);
    expect(simulatedSends).toEqual([T0, T0 + 56 * DAY]);

    await w.runLive(T0 + 70 * DAY);
    const liveSends = w.db.prepare(`SELECT created_at FROM outbound_emails ORDER BY created_at`).pluck().all();
    expect(liveSends).toEqual(simulatedSends);
  });

  it('an update-contact step on a built-in field writes the column that every reader takes', async () => {
    const w = await workspace();
    const id = w.contact('leaving@example.com');
    const document = journey(
      [
        ['n_trigger', 'trigger', { trigger: { type: 'event', event: { name: 'asked_to_leave', filters: [] } } }, 'Asked to leave'],
        ['n_update', 'update-contact', { actions: [{ op: 'set-attribute', attribute: 'consent', value: 'unsubscribed' }, { op: 'set-attribute', attribute: 'country', value: 44 }] }, 'Unsubscribe'],
        ['n_email', 'email', { templateId: w.templateId, sendWindow: null }, 'Goodbye'],
        ['n_done', 'exit', {}, 'Done'],
      ],
      ['n_trigger -> n_update', 'n_update -> n_email', 'n_email -> n_done'],
    );
    w.clock.now = T0;
    const journeyId = await w.publish('Leaving', document);
    w.event(id, 'asked_to_leave', T0);
    const simulated = await w.simulateOne({ journeyId, version: 'live', contact: { type: 'existing', ref: 'leaving@example.com' } });
    expect(simulated.timeline.map((s) => s.outcome)).toEqual(['entered', 'updated', 'suppressed', 'exited']);

    await w.runLive(T0 + DAY);
    expect(w.db.prepare('SELECT outcome FROM journey_steps ORDER BY id').pluck().all()).toEqual(['entered', 'updated', 'suppressed', 'exited']);
    expect(w.db.prepare('SELECT consent, country, attributes FROM contacts WHERE id = ?').get(id)).toEqual({ consent: 'unsubscribed', country: '44', attributes: '{}' });
    expect((await w.ws.client['contacts.get']({ id })).consent).toBe('unsubscribed');
  });

  it("simulating a stored contact enters them on their own trigger event, so the email shows their cart", async () => {
    const w = await workspace();
    const id = w.contact('shopper@example.com', { first_name: 'Ada' });
    w.clock.now = T0;
    const journeyId = await w.publish('Cart', cartJourney(w.templateId));
    w.event(id, 'added_to_cart', T0 - 3 * HOUR, { name: 'Walking boots', value: 20 });
    w.event(id, 'added_to_cart', T0, { name: 'Trail shoes', value: 90 });

    const latest = await w.simulateOne({ journeyId, version: 'live', contact: { type: 'existing', ref: 'shopper@example.com' } });
    expect(latest.timeline.find((s) => s.email)?.email?.subject).toBe('Your Trail shoes are still available');
    const firstEvent = w.db.prepare(`SELECT id FROM events WHERE contact_id = ? ORDER BY occurred_at LIMIT 1`).pluck().get(id) as number;
    const picked = await w.simulateOne({ journeyId, version: 'live', contact: { type: 'existing', ref: 'shopper@example.com' }, entryEvent: { eventId: firstEvent } });
    expect(picked.timeline.find((s) => s.email)?.email?.subject).toBe('Your Walking boots are still available');

    await w.runLive(T0 + DAY);
    const sent = w.db.prepare(`SELECT subject FROM outbound_emails ORDER BY created_at`).pluck().all();
    expect(sent).toEqual(['Your Trail shoes are still available']);
    expect(latest.timeline.find((s) => s.email)?.email?.html).toContain('Hello Ada: Trail shoes');
  });
});
