import type { Command } from 'commander';
import { loadSample } from '../../services/sample/loadSample.ts';
import { CliError, print, withWorkspace } from '../context.ts';

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`${name} must be a whole number, not "${value}"`);
  return n;
};

export function registerSampleCommand(program: Command): void {
  program
    .command('sample')
    .description('load the sample workspace (contacts, events, templates and three journeys)')
    .option('--contacts <n>', 'how many contacts', positiveInt('--contacts'), 2000)
    .option('--seed <s>', 'random seed: the same seed gives the same data', positiveInt('--seed'), 1)
    .action((options: { contacts: number; seed: number }, command: Command) =>
      withWorkspace(command, (services) => {
        const started = Date.now();
        const result = loadSample(services.db, {
          contacts: options.contacts,
          seed: options.seed,
          now: services.now(),
          onProgress: (n) => process.stderr.isTTY && process.stderr.write(`\r${n.toLocaleString('en-US')} contacts…`),
        });
        if (process.stderr.isTTY) process.stderr.write('\n');
        print(
          `Loaded ${result.contacts.toLocaleString('en-US')} contacts, ${result.events.toLocaleString('en-US')} events, ` +
            `${result.templates} templates and ${result.journeys} journeys into ${services.databasePath} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      }),
    );
}
