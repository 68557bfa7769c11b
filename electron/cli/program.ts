import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { registerDbCommands } from './commands/db.ts';
import { registerSampleCommand } from './commands/sample.ts';
import { registerJourneyCommands } from './commands/journey.ts';
import { registerJourneyFileCommands } from './commands/journeyFiles.ts';
import { registerImportCommands } from './commands/import.ts';
import { registerSegmentCommands } from './commands/segment.ts';
import { registerTemplateCommands } from './commands/template.ts';
import { registerSimulateCommands } from './commands/simulate.ts';
import { registerRunCommands } from './commands/run.ts';
import { registerResultsCommand } from './commands/results.ts';
import { registerFeedbackCommands } from './commands/feedback.ts';
import { registerSendingCommands } from './commands/sending.ts';
import { CliError } from './context.ts';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const dbOption = () => new Option('--db <file>', 'the workspace database (default: $JOURNEY_STUDIO_DB, then the app data folder)');

/** Commands that run something (not groups such as `journey`), at any depth. */
const leafCommands = (command: Command): Command[] =>
  command.commands.length === 0 ? [command] : command.commands.flatMap(leafCommands);

/**
 * The journey-studio command line, on the same services as the app. Each domain registers its commands.
 *
 * Options are positional: the program's own options (-v/--version, --db) are read before the command name only,
 * so a command can have an option of the same name (simulate and forecast take --version draft|live|N). --db is
 * also declared on every command, so `journey-studio <command> … --db <file>` keeps working as it always has;
 * the commands read it with optsWithGlobals(), which sees either place.
 */
export function buildProgram(): Command {
  const program = new Command('journey-studio')
    .description('Journey Studio on the command line')
    .version(version, '-v, --version')
    .addOption(dbOption())
    .enablePositionalOptions()
    .showHelpAfterError()
    .exitOverride();
  registerDbCommands(program);
  registerSampleCommand(program);
  registerJourneyCommands(program);
  registerJourneyFileCommands(program);
  registerImportCommands(program);
  registerSegmentCommands(program);
  registerTemplateCommands(program);
  registerSimulateCommands(program);
  registerRunCommands(program);
  registerResultsCommand(program);
  registerSendingCommands(program);
  registerFeedbackCommands(program);
  for (const command of leafCommands(program)) command.addOption(dbOption());
  return program;
}

/** Runs the CLI; returns the exit code. Errors are one line on stderr. */
export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode; // commander already printed its message
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`journey-studio: ${message}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}
