import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { describeFileProblem } from '../../../shared/format/jsonText.ts';
import { anyResources, checkJourneyFile, parseJourneyFile, type WorkspaceResources } from '../../../shared/format/parse.ts';
import { workspaceResources } from '../../services/exchange/resourceRows.ts';
import { diffJourneyFiles, formatJourneyDiff, isEmptyDiff } from '../../../shared/format/diff.ts';
import { JOURNEY_FORMAT_VERSION, type JourneyFile } from '../../../shared/format/journeyFile.ts';
import { exportJourneyText } from '../../services/exchange/exportJourney.ts';
import { importJourney } from '../../services/exchange/importJourney.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { CliError, print, printJson, withWorkspace } from '../context.ts';

/** A journey file read and checked on its own (references are not looked up in any workspace). */
function readJourneyFile(file: string): JourneyFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 2);
  }
  // A diff compares what the files say; a template one file refers to but does not carry is not an error here.
  const parsed = parseJourneyFile(text, anyResources);
  if (!parsed.ok) {
    for (const problem of parsed.problems) print(`${file}: ${describeFileProblem(problem)}`);
    throw new CliError(`${file}: ${parsed.problems.length} problem(s)`);
  }
  return parsed.file;
}

/** export, import and diff of journey files (validate lives with the other journey commands). */
export function registerJourneyFileCommands(program: Command): void {
  const journey = program.commands.find((c) => c.name() === 'journey') ?? program.command('journey').description('journeys in the workspace');

  journey
    .command('export <journey>')
    .description('write a journey (by id or name) as a file, with the templates, snippets and segments it uses')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action((idOrName: string, options: { output?: string }, command: Command) =>
      withWorkspace(command, (services) => {
        const { text, fileName } = withApiErrors(() => exportJourneyText(services, idOrName));
        if (!options.output) {
          process.stdout.write(text);
          return;
        }
        writeFileSync(options.output, text);
        process.stderr.write(`wrote ${options.output} (suggested name: ${fileName})\n`);
      }),
    );

  journey
    .command('import <file>')
    .description('import a journey file; a journey with the same id or name is kept and the import becomes a copy, unless --replace')
    .option('--replace', 'replace the journey with the same id (or else the same name) instead of importing a copy')
    .option('--json', 'print the result as JSON')
    .action((file: string, options: { replace?: boolean; json?: boolean }, command: Command) =>
      withWorkspace(command, (services) => {
        const result = importJourney(services, { path: file }, options.replace ? 'replace' : 'copy');
        if (options.json) printJson(result);
        if (result.outcome === 'invalid') {
          if (!options.json) for (const problem of result.problems) print(`${file}: ${describeFileProblem(problem)}`);
          throw new CliError(`${file}: not imported, ${result.problems.length} problem(s); nothing was written`);
        }
        if (result.outcome !== 'imported' || options.json) return;
        const { journey: imported } = result;
        print(`${result.replaced ? 'Replaced' : 'Imported'} "${imported.name}" as ${imported.id}${result.migratedFrom ? ` (migrated from format version ${result.migratedFrom})` : ''}`);
        for (const [what, report] of Object.entries({ templates: result.templates, segments: result.segments, snippets: result.snippets })) {
          if (report.imported.length || report.reused.length) print(`  ${what}: ${report.imported.length} imported, ${report.reused.length} reused`);
        }
        for (const note of result.notes) print(`  to finish: ${describeFileProblem(note)}`);
      }),
    );

  journey
    .command('diff <a> <b>')
    .description('what changed from journey file a to b: steps added, removed and changed, connections, settings (layout ignored); exit 1 when they differ')
    .option('--json', 'print the diff as JSON')
    .action((a: string, b: string, options: { json?: boolean }) => {
      const diff = diffJourneyFiles(readJourneyFile(a), readJourneyFile(b));
      if (options.json) printJson(diff);
      else for (const line of formatJourneyDiff(diff)) print(line);
      if (!isEmptyDiff(diff)) throw new CliError(`${a} and ${b} differ`, 1);
    });
}

function withApiErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ApiError) throw new CliError(error.message);
    throw error;
  }
}

/** A file that names its format (an export), rather than a bare journey document. */
export const isFormatFile = (value: unknown) => typeof value === 'object' && value !== null && 'format' in value;

/**
 * `journey validate` on an export: the whole file is checked as an import would check it, references
 * against the workspace unless offline. What an import refuses fails it; so do the unfinished parts of a draft
 * (a loop without a wait, a blank choice), which an import takes as a draft that cannot be published yet: a
 * file validate passes can be imported and published as it is.
 */
export function validateJourneyFile(file: string, value: unknown, workspace: Command | null): Promise<void> | void {
  const check = (resources: WorkspaceResources) => {
    const result = checkJourneyFile(value, resources);
    if (!result.ok) {
      for (const problem of result.problems) print(`${file}: ${describeFileProblem(problem)}`);
      throw new CliError(`${file}: ${result.problems.length} problem(s); import refuses the file`);
    }
    for (const note of result.notes) print(`${file}: to finish: ${describeFileProblem(note)}`);
    if (result.notes.length > 0) {
      throw new CliError(`${file}: ${result.notes.length} thing(s) to finish; it imports as a draft that cannot be published until they are done`);
    }
    print(`${file}: no problems${result.migratedFrom ? ` (format version ${result.migratedFrom}, read as ${JOURNEY_FORMAT_VERSION})` : ''}`);
  };
  if (!workspace) return check(anyResources);
  return withWorkspace(workspace, (services) => check(workspaceResources(services.db)));
}
