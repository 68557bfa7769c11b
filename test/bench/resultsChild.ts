/**
 * One measurement of the results benchmark in a fresh process, so that its memory figures are its own:
 * node resultsChild.ts <runs> <now|before>. `now` times results.journey (median of a few calls after a warm-up)
 * beside the bare GROUP BYs of the same rows; `before` times the in-memory computation it replaced, once.
 * Prints JSON: the times in ms, the workspace's size, the process's peak resident memory (which counts the
 * pages of the database file SQLite maps) and, on Linux, its anonymous resident memory at the end (the heap and
 * SQLite's caches, without the mapped file).
 */
import { readFileSync } from 'node:fs';
import { openWorkspace } from '../../electron/services/workspace/openWorkspace.ts';
import { SegmentEvaluator } from '../../electron/services/segments/segmentEvaluator.ts';
import { defaultAttribution, engagementEventNames } from '../../shared/results/attribution.ts';
import { referenceJourneyMetrics } from '../helpers/referenceJourneyMetrics.ts';
import { RESULTS_NOW, resultsWorkspace } from './resultsWorkspace.ts';

const JOURNEY = 'j_trial_drip';
const query = { journeyId: JOURNEY, attribution: defaultAttribution(), abMetric: 'conversion' as const, minimumLiftPoints: 2, confidence: 0.95 };
const [runs, what] = process.argv.slice(2);
const services = openWorkspace(resultsWorkspace(Number(runs)), () => RESULTS_NOW);
const { db } = services;

/** The median of `times` timings, after one warm-up call unless `warmUp` is false. */
function median(fn: () => unknown, times: number, warmUp = true): number {
  if (warmUp) fn();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

/**
 * The floor any results computation stands on: one bare GROUP BY over each kind of row `results.journey`
 * reads (the journey's runs by day entered, its steps by node and outcome, its emails by node and status, its
 * contacts' engagement and purchase events by name), with no joins and nothing tied together.
 */
function bareGroupBys(): void {
  const names = [engagementEventNames.opened, engagementEventNames.clicked, ...engagementEventNames.unsubscribed, query.attribution.purchaseEvent];
  db.prepare(`SELECT entered_at / 86400000, COUNT(*) FROM journey_runs WHERE journey_id = ? GROUP BY 1`).all(JOURNEY);
  db.prepare(`SELECT node_id, outcome, COUNT(*) FROM journey_steps WHERE journey_id = ? GROUP BY node_id, outcome`).all(JOURNEY);
  db.prepare(`SELECT node_id, status, COUNT(*) FROM outbound_emails WHERE journey_id = ? GROUP BY node_id, status`).all(JOURNEY);
  db.prepare(
    `SELECT name, COUNT(*) FROM events WHERE name IN (${names.map(() => '?').join(', ')}) AND contact_id IN (SELECT contact_id FROM journey_runs WHERE journey_id = ?) GROUP BY name`,
  ).all(...names, JOURNEY);
}

const count = (sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;
const measured: Record<string, unknown> = {
  steps: count('SELECT COUNT(*) FROM journey_steps WHERE journey_id = ?', JOURNEY),
  emails: count('SELECT COUNT(*) FROM outbound_emails WHERE journey_id = ?', JOURNEY),
  events: count('SELECT COUNT(*) FROM events'),
};
if (what === 'now') {
  const repeats = Number(runs) >= 500_000 ? 2 : 5;
  measured.ms = median(() => services.results.journey(query), repeats);
  measured.verdict = services.results.journey(query).abTests[0].analysis.verdict.text;
  measured.floorMs = median(bareGroupBys, repeats);
  measured.emailsGroupByMs = median(() => db.prepare(`SELECT node_id, status, COUNT(*) FROM outbound_emails WHERE journey_id = ? GROUP BY node_id, status`).all(JOURNEY), repeats);
} else {
  const document = services.journeys.version(JOURNEY, services.journeys.get(JOURNEY).liveVersion!);
  const range = { from: 0, to: 8_640_000_000_000_000 };
  measured.ms = median(() => referenceJourneyMetrics(db, new SegmentEvaluator(db), RESULTS_NOW, { journeyId: JOURNEY, document, range, attribution: query.attribution }), 1, false);
}
measured.peakRssMb = process.resourceUsage().maxRSS / 1024;
try {
  const anonymousKb = /RssAnon:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  if (anonymousKb) measured.anonymousRssMb = Number(anonymousKb) / 1024;
} catch {
  // not Linux: the peak is all there is
}
services.db.close();
process.stdout.write(`${JSON.stringify(measured)}\n`);
