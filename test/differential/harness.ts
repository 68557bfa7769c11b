import { sizeOf, type DiffCase } from './case.ts';
import { compare, type Comparison } from './compare.ts';
import { generateCase } from './gen/case.ts';
import { caseReport } from './report.ts';
import { runForecast } from './hosts/forecast.ts';
import type { HostRun } from './hosts/hostRun.ts';
import { LiveHost } from './hosts/live.ts';
import { runSimulator } from './hosts/simulator.ts';
import { DiffWorkspace } from './workspace.ts';

/**
 * Runs cases through the three hosts on one workspace file: set the case up, simulate it and forecast it (before
 * the live engine has written anything), then run it live, compare, and empty the tables for the next one.
 */
export interface CaseOutcome {
  case: DiffCase;
  runs: HostRun[];
  comparison: Comparison;
}

export class Harness {
  readonly workspace = new DiffWorkspace();
  private readonly live = new LiveHost(this.workspace);

  async run(seed: number): Promise<CaseOutcome> {
    const c = generateCase(seed);
    const w = this.workspace;
    try {
      const contactId = w.setUp(c);
      const simulator = await runSimulator(w, c);
      const forecast = runForecast(w, c, contactId);
      const live = await this.live.run(c, contactId);
      const runs = [simulator, forecast, live];
      return { case: c, runs, comparison: compare(c, runs) };
    } finally {
      w.clean();
    }
  }

  async close(): Promise<void> {
    await this.live.close();
    this.workspace.close();
  }
}

export interface DisagreementClass {
  kind: string;
  count: number;
  /** The smallest case of the class (fewest steps and events). */
  seed: number;
  size: number;
  report: string;
}

export interface Summary {
  firstSeed: number;
  cases: number;
  agreeing: number;
  disagreeing: number;
  incomparable: number;
  incomparableReasons: Map<string, number>;
  /** Most frequent first. */
  classes: DisagreementClass[];
  ms: number;
}

/** Case i of a run is seed `firstSeed + i`: any case can be run alone by its seed. */
export const seedOf = (firstSeed: number, i: number) => (firstSeed + i) >>> 0;

export async function runCases(options: {
  seed: number;
  cases: number;
  /** Hears every case (to print a report, or progress). */
  onCase?: (outcome: CaseOutcome, report: () => string) => void;
}): Promise<Summary> {
  const harness = new Harness();
  const started = performance.now();
  const classes = new Map<string, DisagreementClass>();
  const summary: Summary = { firstSeed: options.seed, cases: 0, agreeing: 0, disagreeing: 0, incomparable: 0, incomparableReasons: new Map(), classes: [], ms: 0 };
  try {
    for (let i = 0; i < options.cases; i++) {
      const outcome = await harness.run(seedOf(options.seed, i));
      const { comparison } = outcome;
      const report = () => caseReport(outcome.case, comparison);
      summary.cases++;
      if (comparison.incomparable) {
        summary.incomparable++;
        const reason = comparison.incomparable.replace(/\d[\d\-T:.Z]*/g, 'N');
        summary.incomparableReasons.set(reason, (summary.incomparableReasons.get(reason) ?? 0) + 1);
      } else if (comparison.disagreements.length === 0) summary.agreeing++;
      else summary.disagreeing++;
      for (const d of comparison.disagreements) {
        const size = sizeOf(outcome.case);
        const known = classes.get(d.kind);
        if (!known) classes.set(d.kind, { kind: d.kind, count: 1, seed: outcome.case.seed, size, report: report() });
        else {
          known.count++;
          if (size < known.size) Object.assign(known, { seed: outcome.case.seed, size, report: report() });
        }
      }
      options.onCase?.(outcome, report);
    }
  } finally {
    await harness.close();
  }
  summary.classes = [...classes.values()].sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
  summary.ms = performance.now() - started;
  return summary;
}
