import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { validateJourney } from '../../../shared/journey/validate.ts';
import { parseJsonText } from '../../../shared/format/jsonText.ts';
import { describeProblem } from '../../../shared/journey/problems.ts';
import { validationContext } from '../../services/journeys/validationContext.ts';
import { CliError, print, printJson, withWorkspace } from '../context.ts';
import { isFormatFile, validateJourneyFile } from './journeyFiles.ts';
import { readSource } from '../../services/exchange/readSource.ts';
import { journeyFileJson } from '../../../shared/format/parse.ts';
import { describeFileProblem } from '../../../shared/format/jsonText.ts';
import { MAX_JOURNEY_FILE_BYTES } from '../../../shared/limits.ts';

/** Reads a JSON file, saying where it is broken when it is. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 2);
  }
  const json = parseJsonText(text);
  if (!json.ok) throw new CliError(`${file}: ${json.problem.message}`);
  return json.value;
}

/** A journey file is either a bare document or an export that wraps one under `journey`. */
function documentOf(value: unknown): unknown {
  if (value && typeof value === 'object' && 'journey' in value) {
    const journey = (value as { journey: unknown }).journey;
    if (journey && typeof journey === 'object' && 'document' in journey) return (journey as { document: unknown }).document;
    return journey;
  }
  return value;
}

export function registerJourneyCommands(program: Command): void {
  const journey = program.command('journey').description('journeys in the workspace');

  journey
    .command('list')
    .description('every journey: id, name, status and node count')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }, command: Command) =>
      withWorkspace(command, (services) => {
        const journeys = services.journeys.list();
        if (options.json) return printJson(journeys.map(({ id, name, status, nodeCount }) => ({ id, name, status, nodeCount })));
        if (journeys.length === 0) return print('No journeys. Load the sample workspace with `journey-studio sample`.');
        const width = Math.max(...journeys.map((j) => j.id.length), 2);
        const nameWidth = Math.max(...journeys.map((j) => j.name.length), 4);
        print(`${'ID'.padEnd(width)}  ${'NAME'.padEnd(nameWidth)}  STATUS   NODES`);
        for (const j of journeys) print(`${j.id.padEnd(width)}  ${j.name.padEnd(nameWidth)}  ${j.status.padEnd(7)}  ${j.nodeCount}`);
      }),
    );

  journey
    .command('validate <file>')
    .description("print a journey file's problems; exit 1 when there are any")
    .option('--offline', 'do not check template and segment references against the workspace')
    .action((file: string, options: { offline?: boolean }, command: Command) => {
      // Read and parsed exactly as `journey import` reads it (size, nesting, JSON), so that validate passes no
      // file import refuses.
      const read = readSource({ path: file }, MAX_JOURNEY_FILE_BYTES);
      if (!read.ok && read.unreadable) throw new CliError(read.problem.message, 2);
      const json = read.ok ? journeyFileJson(read.text) : { ok: false as const, problems: [read.problem] };
      if (!json.ok) throw new CliError(`${file}: ${json.problems.map(describeFileProblem).join('; ')}`);
      const value = json.value;
      if (isFormatFile(value)) return validateJourneyFile(file, value, options.offline ? null : command);
      const document = documentOf(value);
      const check = (context = {}) => {
        const problems = validateJourney(document, context);
        if (problems.length === 0) return print(`${file}: no problems`);
        for (const problem of problems) print(`${file}: ${describeProblem(problem)}`);
        throw new CliError(`${file}: ${problems.length} problem(s)`);
      };
      return options.offline ? check() : withWorkspace(command, (services) => check(validationContext(services)));
    });
}
