import type { Command } from 'commander';
import { Attribution } from '../../../shared/results/attribution.ts';
import { abMetrics, type AbMetric } from '../../../shared/results/abTest.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { CliError, print, printJson, withWorkspace } from '../context.ts';

const DAY = 86_400_000;

/** A YYYY-MM-DD day (UTC midnight), saying which option was wrong. */
function day(option: string) {
  return (value: string) => {
    const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
    if (Number.isNaN(at)) throw new CliError(`--${option} expects a date as YYYY-MM-DD, got "${value}"`, 2);
    return at;
  };
}

const percent = (rate: number | null) => (rate === null ? '-' : `${(rate * 100).toFixed(1)}%`);

interface ResultsOptions {
  from?: number;
  to?: number;
  conversion: string;
  event: string;
  window: string;
  metric: string;
  lift: string;
  json?: boolean;
}

export function registerResultsCommand(program: Command): void {
  program
    .command('results <journeyId>')
    .description("what a journey achieved: per email step, per A/B split (with the verdict), and totals")
    .option('--from <date>', 'first day counted (YYYY-MM-DD, UTC)', day('from'))
    .option('--to <date>', 'last day counted (YYYY-MM-DD, UTC, inclusive)', day('to'))
    .option('--conversion <kind>', 'goal (reaching the goal node) or purchase (an event after an email)', 'goal')
    .option('--event <name>', 'the event counted by --conversion purchase, and for revenue', 'purchased')
    .option('--window <days>', 'attribution window after an email, in days', '7')
    .option('--metric <metric>', `what the A/B tests compare: ${abMetrics.join(', ')}`, 'conversion')
    .option('--lift <points>', 'smallest lift worth detecting, in percentage points', '2')
    .option('--json', 'print everything as JSON')
    .action((journeyId: string, options: ResultsOptions, command: Command) =>
      withWorkspace(command, (services) => {
        const attribution = Attribution.safeParse({ conversion: options.conversion, purchaseEvent: options.event, windowDays: Number(options.window) });
        if (!attribution.success) {
          const issue = attribution.error.issues[0];
          const option = { conversion: '--conversion', purchaseEvent: '--event', windowDays: '--window' }[String(issue.path[0])] ?? 'an option';
          throw new CliError(`${option}: ${issue.message}`, 2);
        }
        if (!(abMetrics as readonly string[]).includes(options.metric)) throw new CliError(`--metric expects one of ${abMetrics.join(', ')}, got "${options.metric}"`, 2);
        const lift = Number(options.lift);
        if (!(lift > 0 && lift <= 50)) throw new CliError(`--lift expects points between 0 and 50, got "${options.lift}"`, 2);
        let results;
        try {
          results = services.results.journey({
            journeyId,
            from: options.from,
            to: options.to === undefined ? undefined : options.to + DAY,
            attribution: attribution.data,
            abMetric: options.metric as AbMetric,
            minimumLiftPoints: lift,
            confidence: 0.95,
          });
        } catch (error) {
          if (error instanceof ApiError) throw new CliError(error.message);
          throw error;
        }
        if (options.json) return printJson(results);
        const { totals, steps } = results.metrics;
        print(`${results.name}: ${totals.counts.entered} entered, ${totals.counts.sent} sent, ${totals.counts.converted} converted (${percent(totals.rates.conversion.rate)}), revenue ${totals.counts.revenue.toFixed(2)}`);
        for (const s of steps.filter((s) => s.kind === 'email')) {
          const c = s.counts;
          print(
            `  ${s.name}: sent ${c.sent}, failed ${c.failed}, suppressed ${c.suppressed}, deferred ${c.deferred}, opens ${c.opened} (${percent(s.rates.open.rate)}), clicks ${c.clicked} (${percent(s.rates.click.rate)}), unsubscribes ${c.unsubscribed}, conversions ${c.converted} (${percent(s.rates.conversion.rate)}), revenue ${c.revenue.toFixed(2)}`,
          );
        }
        for (const test of results.abTests) {
          print(`A/B test ${test.name}: ${test.analysis.verdict.text}`);
          for (const v of test.analysis.variants) {
            const interval = v.interval ? `${percent(v.interval.low)}-${percent(v.interval.high)}` : '-';
            print(`  ${v.label}: ${v.successes} of ${v.trials} (${percent(v.rate)}, 95% ${interval}), best with ${percent(v.probabilityBest)}`);
          }
        }
      }),
    );
}
