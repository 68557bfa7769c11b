import { InvalidArgumentError, Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { csvDelimiters, fileEncodings, type CsvDelimiter, type FileEncoding, type ImportKind } from '../../../shared/contacts/importMapping.ts';
import type { ImportReport } from '../../../shared/api/calls/contacts.ts';
import { runImport } from '../../services/import/importRunner.ts';
import { CliError, print, printJson, withWorkspace } from '../context.ts';

const n = (value: number) => value.toLocaleString('en-US');

function printReport(report: ImportReport, problems: Array<{ line: number; reason: string }>): void {
  const counts =
    report.kind === 'contacts'
      ? `${n(report.inserted)} inserted, ${n(report.updated)} updated, ${n(report.unchanged)} unchanged, ${n(report.skipped)} skipped`
      : report.kind === 'events'
        ? `${n(report.inserted)} inserted, ${n(report.unchanged)} already there, ${n(report.skipped)} skipped`
        : `${n(report.inserted)} added to the suppression list, ${n(report.unchanged)} already on it, ${n(report.skipped)} skipped`;
  const cells = report.cellsSkipped > 0 ? `, ${n(report.cellsSkipped)} cell(s) left out` : '';
  const reading = report.delimiter ? ` (${report.encoding}, ${report.delimiter === '\t' ? 'tab' : `"${report.delimiter}"`})` : '';
  print(`${report.file}${reading}: ${n(report.rowsRead)} rows read, ${counts}${cells} (${n(report.rowsPerSecond)} rows/s)${report.status === 'cancelled' ? ' [cancelled]' : ''}`);
  for (const problem of problems) print(`${report.file}:${problem.line}: ${problem.reason}`);
}

/** `--delimiter`: one of the CSV delimiters, the tab spelt `tab` (a tab is awkward to type in a shell). */
function delimiterOption(value: string): CsvDelimiter {
  const delimiter = value === 'tab' ? '\t' : value;
  if (!(csvDelimiters as readonly string[]).includes(delimiter)) throw new InvalidArgumentError(`the delimiter is one of , ; tab |, not "${value}"`);
  return delimiter as CsvDelimiter;
}

/** `import contacts|events|suppressions <file>`: exit 1 when rows were skipped or cells left out, 2 when the file could not be imported at all. */
export function registerImportCommands(program: Command): void {
  const importCommand = program.command('import').description('import contacts, events or a suppression list from CSV or JSON Lines');
  const descriptions: Record<ImportKind, string> = {
    contacts: 'import contacts (email is the key: new emails are added, known ones updated); print the report',
    events: 'import events (by email or contact_id, name, timestamp; other columns become properties); print the report',
    suppressions: 'add addresses to the suppression list (a CSV with an email column, or one address per line); print the report',
  };
  for (const kind of ['contacts', 'events', 'suppressions'] as const satisfies readonly ImportKind[]) {
    const kindCommand = importCommand
      .command(`${kind} <file>`)
      .description(descriptions[kind])
      .option('--json', 'print the report as JSON')
      .addOption(new Option('--encoding <encoding>', 'how a CSV file is read as text (default: found in the file: UTF-8, UTF-16 with a BOM, else windows-1252)').choices(fileEncodings))
      .addOption(new Option('--delimiter <delimiter>', 'the CSV delimiter: , ; tab | (default: found from the first lines)').argParser(delimiterOption));
    // A suppression list has only addresses, whose bad cell is its row.
    if (kind !== 'suppressions') kindCommand.option('--skip-bad-cells', 'leave out a cell that cannot be read (and report it) instead of skipping its row');
    kindCommand.action((file: string, options: { json?: boolean; encoding?: FileEncoding; delimiter?: CsvDelimiter; skipBadCells?: boolean }, command: Command) =>
        withWorkspace(command, async (services) => {
          const report = await runImport(services.db, {
            kind,
            path: resolve(file),
            label: file,
            encoding: options.encoding,
            delimiter: options.delimiter,
            badCells: options.skipBadCells ? 'skip-cell' : 'skip-row',
            now: services.now,
            onProgress: (r) => process.stderr.isTTY && process.stderr.write(`\r${n(r.rowsRead)} rows…`),
          });
          if (process.stderr.isTTY) process.stderr.write('\r');
          const problems = services.db.prepare('SELECT line, reason FROM import_problems WHERE run_id = ? ORDER BY line').all(report.runId) as Array<{ line: number; reason: string }>;
          if (options.json) printJson({ ...report, problems });
          else if (report.status !== 'failed') printReport(report, problems);
          if (report.status === 'failed') throw new CliError(report.error ?? `${file} could not be imported`, 2);
          // A cell left out is data not imported too: a script sees it as it sees a skipped row.
          if (report.skipped > 0 || report.cellsSkipped > 0) {
            throw new CliError(`${file}: ${n(report.skipped)} row(s) skipped${report.cellsSkipped > 0 ? `, ${n(report.cellsSkipped)} cell(s) left out` : ''}`, 1);
          }
        }),
      );
  }
}
