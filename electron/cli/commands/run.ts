import type { Command } from 'commander';
import { createRunner, engineLeaseLine, senderFor } from '../../services/engine/createRunner.ts';
import { EngineQueries } from '../../services/engine/engineQueries.ts';
import { JourneyCatalog } from '../../services/engine/journeyCatalog.ts';
import { FeedbackPoller } from '../../services/engine/feedback/feedbackPoller.ts';
import { SendingPause } from '../../services/engine/sendingPause.ts';
import { CliError, print, printJson, withWorkspace } from '../context.ts';

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new CliError(`--${name} expects a positive whole number, got "${value}"`, 2);
  return n;
};

/** `run --once`'s exit code when another process runs the engine on the workspace and this one did nothing. */
export const STANDING_BY = 3;

export function registerRunCommands(program: Command): void {
  program
    .command('run')
    .description('run the live journeys: admit contacts, move them on, send the emails (until Ctrl-C)')
    .option('--once', 'process what is due now, then exit (for cron)')
    .option('--interval <ms>', 'pause between passes', positiveInt('interval'), 1000)
    .option('--batch <n>', 'decisions per transaction', positiveInt('batch'), 500)
    .option('--sender <kind>', 'override the workspace setting: outbox or smtp')
    .option('--json', 'print the --once summary as JSON')
    .action((options: { once?: boolean; interval: number; batch: number; sender?: string; json?: boolean }, command: Command) =>
      withWorkspace(command, async (services) => {
        if (options.sender !== undefined && options.sender !== 'outbox' && options.sender !== 'smtp') {
          throw new CliError(`--sender expects outbox or smtp, got "${options.sender}"`, 2);
        }
        let sender;
        try {
          sender = senderFor(services, options.sender as 'outbox' | 'smtp' | undefined);
        } catch (error) {
          throw new CliError((error as Error).message);
        }
        // The daemon says when it starts running the engine and when it stands by; --once says so once, at the end.
        const runner = createRunner(services, {
          sender,
          batchSize: options.batch,
          kind: 'journey-studio run',
          onLeaseChange: options.once ? undefined : (elsewhere) => print(engineLeaseLine(elsewhere)),
        });
        const feedback = new FeedbackPoller(services, (error) => process.stderr.write(`journey-studio: bounces and complaints: ${(error as Error).message}\n`));
        const paused = () => new SendingPause(services.db).current();
        if (options.once) {
          const report = await runner.runOnce();
          await runner.close();
          await feedback.readOnce().catch((error: unknown) => process.stderr.write(`journey-studio: bounces and complaints: ${(error as Error).message}\n`));
          const pause = paused();
          if (options.json) printJson({ ...report, sendingPaused: pause });
          if (report.standby) throw new CliError(`${engineLeaseLine(report.standby)}; nothing was done`, STANDING_BY);
          if (!options.json) {
            print(`admitted ${report.admitted}, decided ${report.decided}, sent ${report.sent}, failed ${report.failed}, retrying ${report.retrying}, cancelled ${report.cancelled}`);
            if (pause) print(`${pause.reason}\n(journey-studio sending resume: send again)`);
          }
          return;
        }
        print(`running the live journeys on ${services.databasePath} (${sender.kind}); Ctrl-C to stop`);
        if (paused()) print(`${paused()!.reason}\n(journey-studio sending resume: send again)`);
        runner.start(options.interval);
        feedback.start();
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await Promise.all([runner.close(), feedback.stop()]);
        print('stopped');
      }),
    );

  program
    .command('where <contactId>')
    .description('where a contact is in each journey, and why')
    .option('--journey <id>', 'only this journey')
    .option('--json', 'print JSON')
    .action((contactId: string, options: { journey?: string; json?: boolean }, command: Command) =>
      withWorkspace(command, (services) => {
        const id = positiveInt('contactId')(contactId);
        const runs = new EngineQueries(services.db, new JourneyCatalog(services.db)).whereIs(id, options.journey);
        if (options.json) return printJson(runs);
        if (runs.length === 0) return print(`contact ${id} has not entered ${options.journey ? `journey ${options.journey}` : 'any journey'}`);
        for (const run of runs) {
          print(`${run.journeyName} (entry ${run.entry}, v${run.version}): ${run.summary}`);
          for (const step of run.steps) print(`  ${new Date(step.at).toISOString()}  ${step.nodeId}  ${step.outcome}${step.branch ? ` → ${step.branch}` : ''}: ${step.reason}`);
        }
      }),
    );
}
