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

/** Median of `times` timings after one warm-up call, with the peak resident and heap memory seen during them. */
function measure<T>(fn: () => T, times: number): { ms: number; value: T; peakRssMb: number; peakHeapMb: number } {
  let value = fn();
  const samples: number[] = [];
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peakRss = Math.max(peakRss, rss);
    peakHeap = Math.max(peakHeap, heapUsed);
  };
  for (let i = 0; i < times; i++) {
    sample();
    const started = performance.now();
    value = fn();
    samples.push(performance.now() - started);
    sample();
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)], value, peakRssMb: peakRss / 2 ** 20, peakHeapMb: peakHeap / 2 ** 20 };
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
    const emails = db.prepare('SELECT COUNT(*) FROM outbound_emails WHERE journey_id = ?').pluck().get(JOURNEY) as number;
    const steps = db.prepare('SELECT COUNT(*) FROM journey_steps WHERE journey_id = ?').pluck().get(JOURNEY) as number;
    const repeats = runs >= 500_000 ? 2 : 5;
    const ours = measure(() => services.results.journey(query), repeats);
    const floor = measure(() => bareGroupBys(services), repeats);
    const emailsGroupBy = measure(() => db.prepare(`SELECT node_id, status, COUNT(*) FROM outbound_emails WHERE journey_id = ? GROUP BY node_id, status`).all(JOURNEY), repeats);
    const size = `${runs.toLocaleString('en-US')} runs / ${emails.toLocaleString('en-US')} emails / ${steps.toLocaleString('en-US')} steps`;
    const extra: Record<string, string | number> = {
      verdict: ours.value.abTests[0].analysis.verdict.text,
      peakRssMb: Math.round(ours.peakRssMb),
      peakHeapMb: Math.round(ours.peakHeapMb),
    };
    if (withOldImplementation) {
      // Once: the in-memory computation this replaced, on the same rows (test/helpers/referenceJourneyMetrics.ts).
      const document = services.journeys.version(JOURNEY, services.journeys.get(JOURNEY).liveVersion!);
      const old = measure(
        () => referenceJourneyMetrics(db, new SegmentEvaluator(db), RESULTS_NOW, { journeyId: JOURNEY, document, range: { from: 0, to: 8_640_000_000_000_000 }, attribution: query.attribution }),
        1,
      );
      extra.oldImplementationMs = Math.round(old.ms);
      extra.oldImplementationPeakHeapMb = Math.round(old.peakHeapMb);
    }
    return [
      {
        name: `results.journey, ${size}`,
        unit: 'ms',
        ours: ours.ms,
        reference: floor.ms,
        referenceName: 'bare GROUP BY of the same runs, steps, emails, events',
        ratio: ours.ms / floor.ms,
        goal: runs >= 500_000 ? 'under 3 s' : 'under 300 ms',
        extra,
      },
      {
        name: `same, against a GROUP BY of the emails per node and status`,
        unit: 'ms',
        ours: ours.ms,
        reference: emailsGroupBy.ms,
        referenceName: 'SQL GROUP BY node, status',
        ratio: ours.ms / emailsGroupBy.ms,
      },
    ];
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
