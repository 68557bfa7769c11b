import { openWorkspace } from '../../electron/services/workspace/openWorkspace.ts';
import type { Services } from '../../electron/services/services.ts';
import { SegmentEvaluator } from '../../electron/services/segments/segmentEvaluator.ts';
import { defaultAttribution, engagementEventNames } from '../../shared/results/attribution.ts';
import { referenceJourneyMetrics } from '../helpers/referenceJourneyMetrics.ts';
import type { Bench, BenchResult } from './harness.ts';
import { RESULTS_NOW, resultsWorkspace } from './resultsWorkspace.ts';

/** The sizes measured: BENCH_RESULTS_RUNS (default 50,000) and BENCH_RESULTS_LARGE_RUNS (default 1,000,000; 0 skips it). */
const RUNS = Number(process.env.BENCH_RESULTS_RUNS ?? 50_000);
const LARGE_RUNS = Number(process.env.BENCH_RESULTS_LARGE_RUNS ?? 1_000_000);
const JOURNEY = 'j_trial_drip';
const query = { journeyId: JOURNEY, attribution: defaultAttribution(), abMetric: 'conversion' as const, minimumLiftPoints: 2, confidence: 0.95 };

/**
 * The median of `times` timings, after one warm-up call unless `warmUp` is false. `results.journey` is
 * synchronous, so memory cannot be sampled while it runs; the resident size and the JavaScript heap are read
 * right after the calls instead (SQLite keeps the pages it cached, the database file's mapped pages included).
 */
function measure<T>(fn: () => T, times: number, warmUp = true): { ms: number; value: T; rssMb: number; heapMb: number } {
  let value = warmUp ? fn() : (undefined as T);
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    value = fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const { rss, heapUsed } = process.memoryUsage();
  return { ms: samples[Math.floor(samples.length / 2)], value, rssMb: rss / 2 ** 20, heapMb: heapUsed / 2 ** 20 };
}

/**
 * The floor any results computation stands on: one bare GROUP BY over each kind of row `results.journey`
 * reads (the journey's runs by day entered, its steps by node and outcome, its emails by node and status, its
 * contacts' engagement and purchase events by name), with no joins and nothing tied together.
 */
function bareGroupBys(services: Services): number {
  const { db } = services;
  const names = [engagementEventNames.opened, engagementEventNames.clicked, ...engagementEventNames.unsubscribed, query.attribution.purchaseEvent];
  const statements = [
    db.prepare(`SELECT entered_at / 86400000, COUNT(*) FROM journey_runs WHERE journey_id = ? GROUP BY 1`),
    db.prepare(`SELECT node_id, outcome, COUNT(*) FROM journey_steps WHERE journey_id = ? GROUP BY node_id, outcome`),
    db.prepare(`SELECT node_id, status, COUNT(*) FROM outbound_emails WHERE journey_id = ? GROUP BY node_id, status`),
    db.prepare(
      `SELECT name, COUNT(*) FROM events WHERE name IN (${names.map(() => '?').join(', ')}) AND contact_id IN (SELECT contact_id FROM journey_runs WHERE journey_id = ?) GROUP BY name`,
    ),
  ];
  let rows = 0;
  for (const [i, statement] of statements.entries()) rows += statement.all(...(i === 3 ? [...names, JOURNEY] : [JOURNEY])).length;
  return rows;
}

function measureSize(runs: number, withOldImplementation: boolean): BenchResult[] {
  const services = openWorkspace(resultsWorkspace(runs), () => RESULTS_NOW);
  try {
    const { db } = services;
    const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).pluck().get(...params) as number).toLocaleString('en-US');
    const steps = count('SELECT COUNT(*) FROM journey_steps WHERE journey_id = ?', JOURNEY);
    const emails = count('SELECT COUNT(*) FROM outbound_emails WHERE journey_id = ?', JOURNEY);
    const size = `${runs.toLocaleString('en-US')} runs (${steps} steps, ${emails} emails, ${count('SELECT COUNT(*) FROM events')} events)`;
    const repeats = runs >= 500_000 ? 2 : 5;
    const ours = measure(() => services.results.journey(query), repeats);
    const floor = measure(() => bareGroupBys(services), repeats);
    const emailsGroupBy = measure(() => db.prepare(`SELECT node_id, status, COUNT(*) FROM outbound_emails WHERE journey_id = ? GROUP BY node_id, status`).all(JOURNEY), repeats);
    const rows: BenchResult[] = [
      {
        name: `results.journey, ${size}`,
        unit: 'ms',
        ours: ours.ms,
        reference: floor.ms,
        referenceName: 'bare GROUP BYs of the same runs, steps, emails and events',
        ratio: ours.ms / floor.ms,
        goal: runs >= 500_000 ? 'under 3 s' : 'under 300 ms',
        extra: { verdict: ours.value.abTests[0].analysis.verdict.text, rssAfterMb: Math.round(ours.rssMb), heapAfterMb: Math.round(ours.heapMb) },
      },
      { name: 'same, against a GROUP BY of the emails per node and status', unit: 'ms', ours: ours.ms, reference: emailsGroupBy.ms, referenceName: 'SQL GROUP BY node, status', ratio: ours.ms / emailsGroupBy.ms },
    ];
    if (withOldImplementation) {
      // Once: the in-memory computation this replaced, on the same rows (test/helpers/referenceJourneyMetrics.ts).
      const document = services.journeys.version(JOURNEY, services.journeys.get(JOURNEY).liveVersion!);
      const range = { from: 0, to: 8_640_000_000_000_000 };
      const old = measure(() => referenceJourneyMetrics(db, new SegmentEvaluator(db), RESULTS_NOW, { journeyId: JOURNEY, document, range, attribution: query.attribution }), 1, false);
      rows.push({
        name: `before: the in-memory computation, ${runs.toLocaleString('en-US')} runs`,
        unit: 'ms',
        ours: old.ms,
        reference: ours.ms,
        referenceName: 'results.journey now',
        ratio: old.ms / ours.ms,
        extra: { rssAfterMb: Math.round(old.rssMb), heapAfterMb: Math.round(old.heapMb) },
      });
    }
    return rows;
  } finally {
    services.db.close();
  }
}

/**
 * The results of the sample's trial journey (nine emails, an A/B split, a goal) over a realistic engine
 * history (test/bench/resultsWorkspace.ts: waits, deferrals, suppressions, opens with and without a
 * Message-ID, purchases, another journey's emails), at 50,000 and 1,000,000 runs, each beside the bare
 * GROUP BYs of the same rows in the same run. The workspaces are generated once into the temporary folder.
 */
const bench: Bench = {
  name: 'results',
  async run() {
    const results = measureSize(RUNS, true);
    if (LARGE_RUNS > 0) results.push(...measureSize(LARGE_RUNS, false));
    return results;
  },
};

export default bench;
