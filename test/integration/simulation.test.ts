import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSample } from '../../electron/services/sample/loadSample.ts';
import { simulate } from '../../electron/services/simulation/simulationService.ts';
import { SimulationRequest, type SimulationRequestInput } from '../../shared/simulation/input.ts';
import type { SimulationResult } from '../../shared/simulation/output.ts';
import { tempWorkspace } from '../helpers/workspace.ts';

/**
 * The three sample journeys, simulated for made-up contacts built to take each path. Everything runs
 * through the engine's advance() on a virtual clock over a real SQLite workspace; nothing is written.
 */
const HOUR = 3_600_000;
const START = '2026-03-10T10:00:00Z';
const t0 = Date.parse(START);
let workspace: ReturnType<typeof tempWorkspace>;

beforeAll(() => {
  workspace = tempWorkspace(() => t0);
  loadSample(workspace.services.db, { contacts: 200, seed: 3, now: t0 - 24 * HOUR });
}, 60_000);
afterAll(() => workspace.close());

type Overrides = Partial<Omit<SimulationRequestInput, 'contact'>> & { timezone?: string; tags?: string[] };

function run(journeyId: string, overrides: Overrides = {}): Promise<SimulationResult> {
  const { timezone = 'Europe/London', tags = [], ...rest } = overrides;
  const request = SimulationRequest.parse({
    journeyId,
    start: START,
    until: '40d',
    contact: { type: 'made-up', contact: { email: 'ada@example.com', timezone, tags, attributes: { first_name: 'Ada' } } },
    ...rest,
  });
  return simulate(workspace.services, request);
}

const sent = (r: SimulationResult) => r.timeline.filter((s) => s.outcome === 'sent');
const at = (r: SimulationResult, outcome: string, nodeId?: string) =>
  r.timeline.filter((s) => s.outcome === outcome && (!nodeId || s.nodeId === nodeId));

describe('cart abandonment', { timeout: 20_000 }, () => {
  it('buys before the first reminder: no email, stops at the goal', async () => {
    const r = await run('j_cart_abandonment', { events: [{ type: 'event', at: '+30m', name: 'purchased' }] });
    expect(sent(r)).toEqual([]);
    expect(r.status).toBe('exited');
    expect(r.path).toEqual(['n_trigger', 'n_wait_1h', 'n_goal']);
    const goal = at(r, 'goal', 'n_goal')[0];
    expect(goal.at).toBe(t0 + 0.5 * HOUR);
    expect(goal.reason).toMatch(/met the goal "Purchased": purchased at/);
    expect(r.applied).toEqual([{ at: t0 + 0.5 * HOUR, description: 'purchased' }]);
  });

  it('buys after the second reminder: two emails, then the goal', async () => {
    const r = await run('j_cart_abandonment', { events: [{ type: 'event', at: '+30h', name: 'purchased' }] });
    expect(sent(r).map((s) => [s.nodeId, s.at])).toEqual([
      ['n_email_1', t0 + HOUR],
      ['n_email_2', t0 + 25 * HOUR],
    ]);
    expect(r.path.at(-1)).toBe('n_goal');
    expect(r.status).toBe('exited');
  });

  it('never buys: three reminders and the exit', async () => {
    const r = await run('j_cart_abandonment');
    expect(sent(r).map((s) => s.nodeId)).toEqual(['n_email_1', 'n_email_2', 'n_email_3']);
    expect(at(r, 'branched', 'n_bought_1')[0]).toMatchObject({ branch: 'no', reason: expect.stringMatching(/^condition "Purchased since entry\?" was false/) });
    expect(r).toMatchObject({ status: 'exited', nodeId: 'n_exit', statusReason: 'reached the exit "Done"' });
    expect(r.path).not.toContain('n_goal');
  });

  it('renders each email for the contact, subject and body', async () => {
    const r = await run('j_cart_abandonment');
    const email = sent(r)[0].email!;
    expect(email).toMatchObject({ to: 'ada@example.com', templateId: 't_cart_1', rendered: true });
    expect(email.subject.length).toBeGreaterThan(0);
    expect(email.subject).not.toContain('{{');
    expect(email.html).toContain('<');
  });

  it('unsubscribes midway: later reminders are suppressed by consent', async () => {
    const r = await run('j_cart_abandonment', { events: [{ type: 'unsubscribe', at: '+2h' }] });
    expect(sent(r).map((s) => s.nodeId)).toEqual(['n_email_1']);
    expect(at(r, 'suppressed').map((s) => [s.nodeId, s.reason])).toEqual([
      ['n_email_2', 'not sent: the contact has unsubscribed'],
      ['n_email_3', 'not sent: the contact has unsubscribed'],
    ]);
  });

  it('lives where the send falls into quiet hours: deferred to 08:00 local', async () => {
    // 12:30 UTC + 1 h is 22:30 in Tokyo, inside 21:00-08:00; 08:00 Tokyo is 23:00 UTC.
    const r = await run('j_cart_abandonment', { timezone: 'Asia/Tokyo', start: '2026-03-10T12:30:00Z' });
    const deferred = at(r, 'deferred', 'n_email_1')[0];
    expect(deferred.reason).toMatch(/quiet hours 21:00-08:00 in Asia\/Tokyo/);
    expect(at(r, 'sent', 'n_email_1')[0].at).toBe(Date.parse('2026-03-10T23:00:00Z'));
  });

  it('step by step, and to a breakpoint', async () => {
    const first = await run('j_cart_abandonment', { maxDecisions: 1 });
    expect(first.status).toBe('paused');
    expect(first.timeline.map((s) => s.nodeId)).toEqual(['n_trigger', 'n_wait_1h']);
    const second = await run('j_cart_abandonment', { maxDecisions: 2 });
    expect(second.timeline.slice(0, first.timeline.length)).toEqual(first.timeline);
    expect(second.path).toContain('n_email_1');

    // A breakpoint stops on arrival, before the email goes out, and says so by the step's name.
    const toBreak = await run('j_cart_abandonment', { breakpoints: ['n_email_2'] });
    expect(toBreak).toMatchObject({ status: 'breakpoint', nodeId: 'n_email_2', statusReason: 'arrived at "Reminder: still available", which has not acted yet' });
    expect(sent(toBreak).map((s) => s.nodeId)).toEqual(['n_email_1']);
    const resumed = await run('j_cart_abandonment', { breakpoints: ['n_email_2'], resumeAfterSteps: toBreak.timeline.length });
    expect(resumed.status).toBe('exited');
    expect(sent(resumed).map((s) => s.nodeId)).toEqual(['n_email_1', 'n_email_2', 'n_email_3']);
  });

  it('a real contact of the workspace, by email', async () => {
    const email = workspace.services.db.prepare('SELECT email FROM contacts ORDER BY id LIMIT 1').pluck().get() as string;
    const r = await simulate(
      workspace.services,
      SimulationRequest.parse({ journeyId: 'j_cart_abandonment', start: START, contact: { type: 'existing', ref: email } }),
    );
    expect(r.contact.email).toBe(email);
    expect(r.timeline[0]).toMatchObject({ nodeId: 'n_trigger', outcome: 'entered' });
    await expect(
      simulate(workspace.services, SimulationRequest.parse({ journeyId: 'j_cart_abandonment', contact: { type: 'existing', ref: 'nobody@nowhere.test' } })),
    ).rejects.toThrow(/no contact with the id or email "nobody@nowhere.test"/);
  });
});

describe('21-day trial drip', { timeout: 20_000 }, () => {
  it('upgrades before the first email: leaves on the exit criterion, nothing sent', async () => {
    const r = await run('j_trial_drip', { events: [{ type: 'event', at: '+12h', name: 'upgraded' }] });
    expect(sent(r)).toEqual([]);
    expect(r.statusReason).toMatch(/^exit criterion met: upgraded at/);
  });

  it('upgrades after the second email (day 3): two emails', async () => {
    const r = await run('j_trial_drip', { events: [{ type: 'event', at: '+4d', name: 'upgraded' }] });
    expect(sent(r).map((s) => s.nodeId)).toEqual(['n_email_d1', 'n_email_d3']);
    expect(r.status).toBe('exited');
  });

  it('never upgrades: nine emails, the forced A/B variant on day 21', async () => {
    const r = await run('j_trial_drip', { abVariants: { n_ab_d21: 'v_b' } });
    expect(sent(r).map((s) => s.nodeId)).toEqual([
      'n_email_d1', 'n_email_d3', 'n_email_d7', 'n_email_d10', 'n_email_d12', 'n_email_d15', 'n_email_d18', 'n_email_d20', 'n_email_d21_b',
    ]);
    expect(at(r, 'branched', 'n_ab_d21')[0]).toMatchObject({ branch: 'v_b' });
    expect(r).toMatchObject({ status: 'exited', nodeId: 'n_exit' });
  });

  it('unsubscribes midway: the rest are suppressed', async () => {
    const r = await run('j_trial_drip', { events: [{ type: 'unsubscribe', at: '+8d' }] });
    expect(sent(r).map((s) => s.nodeId)).toEqual(['n_email_d1', 'n_email_d3', 'n_email_d7']);
    expect(at(r, 'suppressed')).toHaveLength(6);
  });

  it('lives where the send falls outside the 9-18 window: deferred to 09:00 local', async () => {
    // 10:00 UTC is 05:00 in New York: day 1 lands at 05:00 local and waits for 09:00 (13:00 UTC in March, EDT).
    const r = await run('j_trial_drip', { timezone: 'America/New_York', until: '2d' });
    expect(at(r, 'deferred', 'n_email_d1')[0].reason).toMatch(/outside the send window 9:00-18:00 in America\/New_York/);
    expect(at(r, 'sent', 'n_email_d1')[0].at).toBe(Date.parse('2026-03-11T13:00:00Z'));
    expect(r.status).toBe('waiting');
  });

  it('the same seed gives the same variant, and a forced variant must exist', async () => {
    const a = await run('j_trial_drip', { seed: 7 });
    const b = await run('j_trial_drip', { seed: 7 });
    expect(a.timeline).toEqual(b.timeline);
    await expect(run('j_trial_drip', { abVariants: { n_ab_d21: 'v_z' } })).rejects.toThrow(/abVariants.n_ab_d21: no variant "v_z"/);
  });
});

describe('win-back', { timeout: 20_000 }, () => {
  it('buys before the second email: the goal at the purchase', async () => {
    const r = await run('j_win_back', { events: [{ type: 'event', at: '+3d', name: 'purchased' }] });
    expect(sent(r).map((s) => s.nodeId)).toEqual(['n_email_1']);
    expect(at(r, 'goal', 'n_goal')[0].at).toBe(t0 + 72 * HOUR);
  });

  it('buys after the second email: the wait for a purchase ends at the goal', async () => {
    const r = await run('j_win_back', { events: [{ type: 'event', at: '+10d', name: 'purchased' }] });
    expect(sent(r).map((s) => s.nodeId)).toEqual(['n_email_1', 'n_email_2']);
    expect(r.path.at(-1)).toBe('n_goal');
  });

  it('never buys: tagged as lost after the 14-day wait', async () => {
    const r = await run('j_win_back');
    expect(at(r, 'resumed', 'n_wait_for_buy')[0]).toMatchObject({ branch: 'timed-out' });
    expect(at(r, 'updated', 'n_tag_lost')[0].reason).toBe('added the tag "lost"');
    expect(r).toMatchObject({ status: 'exited', nodeId: 'n_exit' });
  });

  it('unsubscribes midway: the second email is suppressed', async () => {
    const r = await run('j_win_back', { events: [{ type: 'unsubscribe', at: '+1d' }] });
    expect(at(r, 'suppressed', 'n_email_2')).toHaveLength(1);
  });

  it('opened the first email (forced engagement) shows in the applied events', async () => {
    const r = await run('j_win_back', { events: [{ type: 'email-opened', nodeId: 'n_email_1', after: '+2h' }] });
    expect(r.applied[0]).toMatchObject({ at: t0 + 2 * HOUR, description: expect.stringMatching(/^email_opened \(<j_win_back\.made-up\.1\.n_email_1\.1@/) });
  });
});
