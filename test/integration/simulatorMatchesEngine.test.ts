import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ContactWriter } from '../../electron/services/contacts/contactWriter.ts';
import { JourneyRunner } from '../../electron/services/engine/runner.ts';
import { OutboxSender } from '../../electron/services/engine/senders/outboxSender.ts';
import { loadSample } from '../../electron/services/sample/loadSample.ts';
import { simulate } from '../../electron/services/simulation/simulationService.ts';
import { SimulationRequest, type SimulationEvent } from '../../shared/simulation/input.ts';
import { resolveMoment } from '../../shared/simulation/offset.ts';
import { tempWorkspace } from '../helpers/workspace.ts';
import { encodeTags } from '../../electron/services/contacts/tagColumn.ts';

/**
 * The simulator's timeline must be what the live engine does. Each case simulates a contact first (the
 * store has none of the set-up events yet), then plays the same contact and events through the live
 * runner, with a fake clock that jumps to each moment something is due, and compares the two step by step.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Case {
  journeyId: string;
  contact: { email: string; timezone: string };
  start: number;
  /** The trigger: an event at the start, or a tag added then. */
  entry: { event: string; properties?: Record<string, unknown> } | { tag: string };
  events: Array<{ at: string; name: string }>;
  until: number;
}

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function bothWays(c: Case) {
  let clock = c.start - DAY;
  const workspace = tempWorkspace(() => clock);
  cleanup.push(() => workspace.close());
  const { db } = workspace.services;
  loadSample(db, { contacts: 1, seed: 2, now: clock - DAY });
  db.prepare('DELETE FROM contacts').run();
  await workspace.client['journeys.publish']({ id: c.journeyId });
  const writer = new ContactWriter(db, () => clock);
  const { id } = writer.upsertContact({ email: c.contact.email, timezone: c.contact.timezone, consent: 'subscribed', first_name: 'Sam' });

  // The simulator, before anything happens in the store.
  const setUp: SimulationEvent[] = c.events.map((e) => ({ type: 'event', at: e.at, name: e.name, properties: {} }));
  if ('event' in c.entry) setUp.unshift({ type: 'event', at: '+0h', name: c.entry.event, properties: c.entry.properties ?? {} });
  const simulated = await simulate(
    workspace.services,
    SimulationRequest.parse({
      journeyId: c.journeyId,
      version: 'live',
      contact: { type: 'existing', ref: String(id) },
      start: new Date(c.start).toISOString(),
      until: `${Math.round(c.until / HOUR)}h`,
      events: setUp,
    }),
  );
  expect(db.prepare('SELECT COUNT(*) FROM journey_runs').pluck().get()).toBe(0);

  // The live engine, on a fake clock.
  const runner = new JourneyRunner({
    db,
    emailRenderer: workspace.services.emailRenderer,
    sender: new OutboxSender(join(workspace.dir, 'outbox')),
    now: () => clock,
    membershipIntervalMs: 0,
    onError: (error) => {
      throw error;
    },
  });
  cleanup.push(() => runner.close());
  const upcoming = c.events.map((e) => ({ name: e.name, at: resolveMoment(e.at, c.start), properties: {} }));
  if ('event' in c.entry) upcoming.unshift({ name: c.entry.event, at: c.start, properties: c.entry.properties ?? {} });
  clock = c.start;
  if ('tag' in c.entry) db.prepare('UPDATE contacts SET tags = ? WHERE id = ?').run(encodeTags([c.entry.tag]), id);
  const nextDue = db.prepare(`SELECT MIN(due_at) FROM journey_runs WHERE contact_id = ? AND status = 'active'`).pluck();
  for (let i = 0; i < 500; i++) {
    for (const e of upcoming.filter((u) => u.at <= clock)) writer.insertEvent({ contactId: id, name: e.name, occurredAt: e.at, properties: e.properties });
    upcoming.splice(0, upcoming.filter((u) => u.at <= clock).length);
    await runner.runOnce();
    const next = Math.min((nextDue.get(id) as number | null) ?? Infinity, upcoming[0]?.at ?? Infinity);
    if (next > c.start + c.until) break;
    clock = Math.max(clock, next);
  }
  const live = db
    .prepare(
      `SELECT s.at, s.node_id AS nodeId, s.node_kind AS nodeKind, s.outcome, s.branch, s.reason, s.message_key AS messageKey
       FROM journey_steps s JOIN journey_runs r ON r.id = s.run_id WHERE r.contact_id = ? ORDER BY s.id`,
    )
    .all(id) as Array<Record<string, unknown>>;
  const liveSubjects = db.prepare('SELECT message_key AS messageKey, subject FROM outbound_emails WHERE contact_id = ? ORDER BY created_at').all(id);
  return { simulated, live, liveSubjects };
}

const comparable = (steps: ReadonlyArray<Record<string, unknown>>) =>
  steps.map((s) => ({
    at: s.at,
    nodeId: s.nodeId,
    nodeKind: s.nodeKind,
    outcome: s.outcome,
    branch: s.branch ?? null,
    reason: s.reason,
    messageKey: s.messageKey ?? null,
  }));

describe('the simulator and the live engine agree', { timeout: 30_000 }, () => {
  it('cart abandonment in Tokyo: a reminder deferred by quiet hours, a purchase after the second, the goal', async () => {
    const { simulated, live, liveSubjects } = await bothWays({
      journeyId: 'j_cart_abandonment',
      contact: { email: 'sam.tokyo@example.com', timezone: 'Asia/Tokyo' },
      start: Date.UTC(2026, 2, 10, 12, 30), // 21:30 in Tokyo
      entry: { event: 'added_to_cart', properties: { name: 'Trail shoes', value: 90 } },
      events: [{ at: '+36h', name: 'purchased' }],
      until: 5 * DAY,
    });
    expect(simulated.timeline.map((s) => s.outcome)).toContain('deferred');
    expect(simulated.path.at(-1)).toBe('n_goal');
    expect(comparable(live)).toEqual(comparable(simulated.timeline));
    // The simulator shows each email as the engine sends it.
    const emails = simulated.timeline.filter((s) => s.email).map((s) => ({ messageKey: s.messageKey, subject: s.email!.subject }));
    expect(emails).toEqual(liveSubjects);
  });

  it('the 21-day trial in New York: send windows, the A/B split by the same seed, to the end', async () => {
    const { simulated, live } = await bothWays({
      journeyId: 'j_trial_drip',
      contact: { email: 'sam.ny@example.com', timezone: 'America/New_York' },
      start: Date.UTC(2026, 2, 1, 3, 0), // 22:00 the evening before in New York, across the March DST change
      entry: { tag: 'trial' },
      events: [],
      until: 24 * DAY,
    });
    expect(simulated.path).toContain('n_ab_d21');
    expect(simulated.status).toBe('exited');
    expect(comparable(live)).toEqual(comparable(simulated.timeline));
  });

  it('the trial, upgrading on day 8: the exit criterion at the same moment', async () => {
    const { simulated, live } = await bothWays({
      journeyId: 'j_trial_drip',
      contact: { email: 'sam.paris@example.com', timezone: 'Europe/Paris' },
      start: Date.UTC(2026, 5, 1, 8, 0),
      entry: { tag: 'trial' },
      events: [{ at: '+8d', name: 'upgraded' }],
      until: 24 * DAY,
    });
    expect(simulated.statusReason).toMatch(/^exit criterion met: upgraded/);
    expect(comparable(live)).toEqual(comparable(simulated.timeline));
  });
});
