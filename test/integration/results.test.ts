import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../electron/cli/program.ts';
import { tempWorkspace } from '../helpers/workspace.ts';
import { loadSample } from '../../electron/services/sample/loadSample.ts';
import { drive, contactView } from '../../shared/engine/testJourneys.ts';
import { startRun } from '../../shared/engine/advance.ts';
import { ApiError } from '../../shared/api/errors.ts';
import { writeTrialRun, at } from '../helpers/resultsFixture.ts';

/**
 * The results service over a real SQLite workspace: the sample's trial journey, published, with a known
 * set of engine rows (runs, timeline steps, emails) and engagement events written into the real tables.
 */
const sampleNow = Date.parse('2026-03-01T00:00:00Z');

let ws: ReturnType<typeof tempWorkspace>;
beforeEach(() => {
  ws = tempWorkspace(() => at(30));
  loadSample(ws.services.db, { contacts: 40, seed: 1, now: sampleNow });
});
afterEach(() => ws.close());

describe('results service', () => {
  beforeEach(async () => {
    await ws.client['journeys.publish']({ id: 'j_trial_drip' });
    // v_a (plain): 10 contacts, 4 opened, 1 clicked, 1 upgraded, 1 failed. v_b (discount): 10 contacts, 6 opened, 4 clicked, 3 upgraded.
    for (let c = 1; c <= 10; c++) writeTrialRun(ws.services.db, c, 'v_a', { opened: c <= 4, clicked: c === 1, upgraded: c === 2, failed: c === 10 });
    for (let c = 11; c <= 20; c++) writeTrialRun(ws.services.db, c, 'v_b', { opened: c <= 16, clicked: c <= 14, upgraded: c <= 13 });
  });

  it('counts each email step and the A/B split from the stored runs, sends and events', async () => {
    const results = await ws.client['results.journey']({ journeyId: 'j_trial_drip' });
    const step = (id: string) => results.metrics.steps.find((s) => s.nodeId === id)!;
    expect(step('n_email_d21').counts).toMatchObject({ sent: 9, failed: 1, opened: 4, clicked: 1, converted: 1 });
    expect(step('n_email_d21_b').counts).toMatchObject({ sent: 10, opened: 6, clicked: 4, converted: 3 });
    expect(step('n_email_d21_b').rates.open).toEqual({ successes: 6, trials: 10, rate: 0.6 });
    expect(results.metrics.totals.counts).toMatchObject({ entered: 20, sent: 19, failed: 1, converted: 4 });

    const [test] = results.abTests;
    expect(test.nodeId).toBe('n_ab_d21');
    expect(test.analysis.variants.map((v) => [v.id, v.trials, v.successes])).toEqual([
      ['v_a', 10, 1],
      ['v_b', 10, 3],
    ]);
    expect(test.analysis.verdict.kind).toBe('not-enough-data');
    expect(test.declaredWinner).toBeNull();

    const clicks = await ws.client['results.journey']({ journeyId: 'j_trial_drip', abMetric: 'click' });
    expect(clicks.abTests[0].analysis.variants.map((v) => v.successes)).toEqual([1, 4]);
  });

  it('limits the counts to a date range and offers per-node numbers for the canvas', async () => {
    const before = await ws.client['results.journey']({ journeyId: 'j_trial_drip', from: at(0), to: at(21) });
    expect(before.metrics.totals.counts).toMatchObject({ entered: 20, sent: 0 });
    expect(before.abTests[0].analysis.verdict.kind).toBe('no-data');
    const nodes = await ws.client['results.nodes']({ journeyId: 'j_trial_drip' });
    expect(nodes.n_email_d21_b.counts.sent).toBe(10);
    expect(nodes.n_goal.counts.converted).toBe(4);
    await expect(ws.client['results.journey']({ journeyId: 'j_trial_drip', from: at(5), to: at(1) })).rejects.toThrow(/ends before it starts/);
  });

  it('charts engagement by local weekday and hour for a segment or everyone', async () => {
    const { db } = ws.services;
    const everyone = await ws.client['results.engagement']({});
    const engagementEvents = db.prepare(`SELECT COUNT(*) FROM events WHERE name IN ('email_opened', 'email_clicked')`).pluck().get() as number;
    expect(everyone.matrix.total).toBe(engagementEvents);
    expect(everyone.matrix.counts.flat().reduce((a, b) => a + b, 0)).toBe(engagementEvents);
    expect(everyone.usualHours.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(everyone.segments.map((s) => s.id)).toEqual(['s_lapsed_buyers']);
    const lapsed = await ws.client['results.engagement']({ segmentId: 's_lapsed_buyers' });
    expect(lapsed.matrix.contacts).toBeLessThanOrEqual(everyone.matrix.contacts);
    await expect(ws.client['results.engagement']({ segmentId: 's_nope' })).rejects.toThrow(/no segment/);
    // Found by the fuzz test: an unknown zone was an internal error.
    for (const fallbackTimezone of ['', 'Mars/Olympus']) {
      await expect(ws.client['results.engagement']({ fallbackTimezone })).rejects.toMatchObject({ code: 'invalid-input', message: 'results.engagement: fallbackTimezone: expected an IANA time zone such as Europe/Paris' });
    }
  });

  it('declares a winner as a new version that sends new arrivals down the winner only', async () => {
    const { version } = await ws.client['results.declareWinner']({ journeyId: 'j_trial_drip', splitNodeId: 'n_ab_d21', variantId: 'v_b' });
    expect(version).toBe(2);
    const v2 = ws.services.journeys.version('j_trial_drip', 2);
    const split = v2.nodes.find((n) => n.id === 'n_ab_d21')!;
    expect(split.config.variants).toEqual([
      { id: 'v_a', name: 'Plain reminder', percent: 0 },
      { id: 'v_b', name: 'Discount', percent: 100 },
    ]);
    expect(ws.services.journeys.get('j_trial_drip')).toMatchObject({ liveVersion: 2, status: 'live' });
    // Version 1 is kept: contacts who entered on it stay on it.
    expect(ws.services.journeys.version('j_trial_drip', 1).nodes.find((n) => n.id === 'n_ab_d21')!.config.variants).toHaveLength(2);

    // The engine's interpreter runs 40 new contacts through version 2: every one goes down the discount.
    const branches = new Set<string>();
    for (let c = 100; c < 140; c++) {
      const run = { journeyId: 'j_trial_drip', version: 2, contactId: c, entry: 1 };
      const { steps } = drive({ document: v2, state: startRun(v2, run, at(0)), contact: contactView({ id: c, attributes: { timezone: 'UTC' } }) }, at(0, 10), at(40));
      for (const s of steps) if (s.nodeId === 'n_ab_d21' && s.branch) branches.add(s.branch);
    }
    expect([...branches]).toEqual(['v_b']);

    const results = await ws.client['results.journey']({ journeyId: 'j_trial_drip' });
    expect(results.abTests[0].declaredWinner).toBe('v_b');
  });

  it('refuses to declare a winner over unpublished changes, or for a variant that does not exist', async () => {
    await expect(ws.client['results.declareWinner']({ journeyId: 'j_trial_drip', splitNodeId: 'n_ab_d21', variantId: 'v_c' })).rejects.toThrow(
      /has no variant v_c \(it has v_a, v_b\)/,
    );
    const journey = ws.services.journeys.get('j_trial_drip');
    ws.services.journeys.saveDraft('j_trial_drip', { ...journey.document, nodes: journey.document.nodes.map((n) => (n.id === 'n_exit' ? { ...n, name: 'Bye' } : n)) });
    const refusal = await ws.client['results.declareWinner']({ journeyId: 'j_trial_drip', splitNodeId: 'n_ab_d21', variantId: 'v_b' }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ApiError);
    expect((refusal as ApiError).message).toMatch(/unpublished changes/);
    expect(ws.services.journeys.get('j_trial_drip').liveVersion).toBe(1);
  });

  it('prints the same results on the command line, and says which option is wrong', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
    try {
      expect(await runCli(['--db', ws.databasePath, 'results', 'j_trial_drip', '--metric', 'click'])).toBe(0);
      const text = out.join('');
      expect(text).toContain('Day 21: 20% off: sent 10, failed 0, suppressed 0, deferred 0, opens 6 (60.0%), clicks 4 (40.0%)');
      expect(text).toMatch(/A\/B test Last-day offer test: Not enough data yet: about [\d,]+ more contacts per variant needed for a 2-point lift/);
      expect(text).toContain('Variant B (Discount): 4 of 10 (40.0%');
      out.length = 0;
      expect(await runCli(['--db', ws.databasePath, 'results', 'j_trial_drip', '--json', '--to', '2026-04-26'])).toBe(0);
      expect(JSON.parse(out.join('')).metrics.totals.counts.sent).toBe(0); // the day-21 emails went out on 27 April
      expect(await runCli(['--db', ws.databasePath, 'results', 'j_trial_drip', '--window', '0'])).toBe(2);
      expect(err.join('')).toContain('--window: ');
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });
});
