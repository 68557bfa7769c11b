import type { Command } from 'commander';
import { Rule } from '../../../shared/rules/rule.ts';
import { formatPath } from '../../../shared/journey/problems.ts';
import { CliError, print, printJson, withWorkspace } from '../context.ts';
import { readJsonFile } from './journey.ts';

/** A segment file is `{ "name": ..., "rule": {...} }` or a bare rule (see docs/segments.md). */
export function ruleFromSegmentFile(file: string, value: unknown): Rule {
  const raw = value && typeof value === 'object' && 'rule' in value ? (value as { rule: unknown }).rule : value;
  const prefix = raw === value ? '' : 'rule.';
  const parsed = Rule.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${prefix}${formatPath(i.path) || '(rule)'}: ${i.message}`);
    throw new CliError(`${file} is not a valid segment: ${issues.join('; ')}`);
  }
  return parsed.data;
}

const parseTime = (value: string) => {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new CliError(`--at must be an ISO 8601 time, not "${value}"`);
  return time;
};

export function registerSegmentCommands(program: Command): void {
  const segment = program.command('segment').description('segments over the workspace contacts');
  segment
    .command('count <segment.json>')
    .description("how many contacts a segment file's rule matches now")
    .option('--json', 'print the count and the first contact ids as JSON')
    .option('--at <time>', 'count as of this ISO 8601 time instead of now', parseTime)
    .option('--ids <n>', 'how many ids --json lists', (v) => Number(v), 20)
    .action((file: string, options: { json?: boolean; at?: number; ids: number }, command: Command) => {
      const rule = ruleFromSegmentFile(file, readJsonFile(file));
      return withWorkspace(command, (services) => {
        const now = options.at ?? services.now();
        const count = services.segments.evaluator.count(rule, now);
        if (!options.json) return print(String(count));
        const ids = services.segments.evaluator.sample(rule, now, options.ids).map((c) => c.id);
        printJson({ count, ids, at: new Date(now).toISOString() });
      });
    });
}
