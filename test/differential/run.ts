import { parseArgs } from 'node:util';
import { runCases } from './harness.ts';
import { summaryReport } from './report.ts';

/**
 * The long run of the differential test: `npm run test:differential -- --cases 100000 --seed N`. Prints the
 * report of the first disagreement of each class as it is found (or of every disagreeing case with --verbose),
 * then the totals and the classes with their smallest seeds. Exits 1 when any case disagrees.
 */
const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '1' },
    verbose: { type: 'boolean', default: false },
  },
});
const cases = Number(values.cases);
const seed = Number(values.seed);
if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(seed) || seed < 0) {
  console.error('usage: node test/differential/run.ts [--cases N] [--seed N] [--verbose]');
  process.exit(2);
}

const seen = new Set<string>();
let last = performance.now();
const summary = await runCases({
  seed,
  cases,
  onCase: (outcome, report) => {
    const fresh = outcome.comparison.disagreements.some((d) => !seen.has(d.kind));
    if (outcome.comparison.disagreements.length && (values.verbose || fresh)) console.log(`${report()}\n`);
    if (values.verbose && outcome.comparison.incomparable) console.log(`~ seed ${outcome.case.seed}: not comparable: ${outcome.comparison.incomparable}\n`);
    for (const d of outcome.comparison.disagreements) seen.add(d.kind);
    if (performance.now() - last > 10_000) {
      last = performance.now();
      console.error(`… seed ${outcome.case.seed}`);
    }
  },
});
console.log(summaryReport(summary));
process.exitCode = summary.disagreeing > 0 ? 1 : 0;
