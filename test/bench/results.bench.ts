import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Bench, BenchResult } from './harness.ts';
import { resultsWorkspace } from './resultsWorkspace.ts';

/** The sizes measured: BENCH_RESULTS_RUNS (default 50,000) and BENCH_RESULTS_LARGE_RUNS (default 1,000,000; 0 skips it). */
const RUNS = Number(process.env.BENCH_RESULTS_RUNS ?? 50_000);
const LARGE_RUNS = Number(process.env.BENCH_RESULTS_LARGE_RUNS ?? 1_000_000);

interface Measured {
  ms: number;
  steps: number;
  emails: number;
  events: number;
  peakRssMb: number;
  anonymousRssMb?: number;
  floorMs?: number;
  emailsGroupByMs?: number;
  verdict?: string;
}

const child = join(import.meta.dirname, 'resultsChild.ts');
function measure(runs: number, what: 'now' | 'before'): Measured {
  return JSON.parse(execFileSync(process.execPath, [child, String(runs), what], { encoding: 'utf8', maxBuffer: 1 << 20 })) as Measured;
}

const mb = (value: number | undefined) => (value === undefined ? 'n/a' : Math.round(value));

function rows(runs: number, withBefore: boolean): BenchResult[] {
  // Generated (once) here, so that the measuring processes' memory is only the measurement's.
  resultsWorkspace(runs);
  const now = measure(runs, 'now');
  const size = `${runs.toLocaleString('en-US')} runs (${now.steps.toLocaleString('en-US')} steps, ${now.emails.toLocaleString('en-US')} emails, ${now.events.toLocaleString('en-US')} events)`;
  const results: BenchResult[] = [
    {
      name: `results.journey, ${size}`,
      unit: 'ms',
      ours: now.ms,
      reference: now.floorMs,
      referenceName: 'bare GROUP BYs of the same runs, steps, emails and events',
      ratio: now.ms / now.floorMs!,
      goal: runs >= 500_000 ? 'under 3 s' : 'under 300 ms',
      extra: { verdict: now.verdict!, peakRssMb: mb(now.peakRssMb), anonymousRssMb: mb(now.anonymousRssMb) },
    },
    { name: 'same, against a GROUP BY of the emails per node and status', unit: 'ms', ours: now.ms, reference: now.emailsGroupByMs, referenceName: 'SQL GROUP BY node, status', ratio: now.ms / now.emailsGroupByMs! },
  ];
  if (withBefore) {
    const before = measure(runs, 'before');
    results.push({
      name: `before: the in-memory computation (test/helpers/referenceJourneyMetrics.ts), ${runs.toLocaleString('en-US')} runs, once`,
      unit: 'ms',
      ours: before.ms,
      reference: now.ms,
      referenceName: 'results.journey now',
      ratio: before.ms / now.ms,
      extra: { peakRssMb: mb(before.peakRssMb), anonymousRssMb: mb(before.anonymousRssMb) },
    });
  }
  return results;
}

/**
 * The results of the sample's trial journey (nine emails, an A/B split, a goal) over a realistic engine
 * history (test/bench/resultsWorkspace.ts: waits, deferrals, suppressions, opens with and without a
 * Message-ID, purchases, another journey's emails), at 50,000 and 1,000,000 runs, each measured in a process
 * of its own (resultsChild.ts) beside the bare GROUP BYs of the same rows; at 50,000 also the in-memory
 * computation it replaced. The workspaces are generated once into the temporary folder.
 */
const bench: Bench = {
  name: 'results',
  async run() {
    return [...rows(RUNS, true), ...(LARGE_RUNS > 0 ? rows(LARGE_RUNS, false) : [])];
  },
};

export default bench;
