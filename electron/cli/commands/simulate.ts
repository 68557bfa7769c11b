import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ApiError } from '../../../shared/api/errors.ts';
import { JourneyDocument } from '../../../shared/journey/journey.ts';
import { formatPath } from '../../../shared/journey/problems.ts';
import { JourneySource, liveSeed, MadeUpContact, SimulationEvent, SimulationRequest, Span, type EntryEvent } from '../../../shared/simulation/input.ts';
import { formatOffset } from '../../../shared/simulation/offset.ts';
import type { ForecastResult, SimulationResult } from '../../../shared/simulation/output.ts';
import type { ResolvedJourney } from '../../services/simulation/journeySource.ts';
import type { Services } from '../../services/services.ts';
import { CliError, print, printJson, withWorkspace } from '../context.ts';
import { readJsonFile } from './journey.ts';

const wholeNumber = (name: string, min = 0) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new CliError(`${name} must be a whole number${min > 0 ? ` of at least ${min}` : ''}, not "${value}"`);
  return n;
};

const issuesOf = (error: z.ZodError) => error.issues.map((i) => `${formatPath(i.path) || '(root)'}: ${i.message}`).join('; ');

const looksLikeFile = (arg: string) => arg.endsWith('.json') || existsSync(arg);

/** A journey file (a bare document or an export wrapping one) or the id of a journey in the workspace. */
async function journeyArg(services: Services, arg: string, version: string | undefined): Promise<ResolvedJourney> {
  // Loaded on use: the simulator pulls in the template renderer, which other commands need not pay for at start-up.
  const { journeyFromDocument, resolveJourney } = await import('../../services/simulation/journeySource.ts');
  if (!looksLikeFile(arg)) {
    const source = JourneySource.safeParse(version === undefined ? 'draft' : /^\d+$/.test(version) ? Number(version) : version);
    if (!source.success) throw new CliError(`--version must be draft, live or a version number, not "${version}"`);
    return resolveJourney(services, arg, source.data);
  }
  const value = readJsonFile(arg) as Record<string, unknown>;
  const wrapped = (value?.journey as Record<string, unknown> | undefined) ?? value;
  const raw = (wrapped?.document as unknown) ?? wrapped;
  const parsed = JourneyDocument.safeParse(raw);
  if (!parsed.success) throw new CliError(`${arg}: not a journey document: ${issuesOf(parsed.error)}`);
  const id = typeof wrapped?.id === 'string' ? wrapped.id : 'j_file';
  return journeyFromDocument(services, parsed.data, id);
}

/** --contact: a made-up contact in a JSON file, or a workspace contact's email or id. */
function contactArg(arg: string): SimulationRequest['contact'] {
  if (!looksLikeFile(arg)) return { type: 'existing', ref: arg };
  const parsed = MadeUpContact.safeParse(readJsonFile(arg));
  if (!parsed.success) throw new CliError(`${arg}: ${issuesOf(parsed.error)}`);
  return { type: 'made-up', contact: parsed.data };
}

/** What a JSON value is, in words, for saying what a file holds instead of what was expected. */
const jsonKind = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`);

/**
 * --trigger (a JSON object file: the properties of the event that admits the contact) or --entry-event (the id of
 * one of a stored contact's events). Neither: the service picks (SimulationRequest.entryEvent).
 */
function entryEventArg(trigger: string | undefined, eventId: number | undefined): EntryEvent | undefined {
  if (trigger !== undefined && eventId !== undefined) throw new CliError('give --trigger or --entry-event, not both');
  if (eventId !== undefined) return { eventId };
  if (trigger === undefined) return undefined;
  const properties = readJsonFile(trigger);
  if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) {
    throw new CliError(`${trigger}: (root): expected a JSON object of the trigger event's properties, not ${jsonKind(properties)}`);
  }
  return { properties: properties as Record<string, unknown> };
}

/** --events: one JSON event per line; blank lines and lines starting with # are skipped. */
export function readEvents(file: string): SimulationEvent[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 2);
  }
  const events: SimulationEvent[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim() || line.trim().startsWith('#')) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new CliError(`${file}:${index + 1}: not valid JSON: ${(error as Error).message}`);
    }
    const parsed = SimulationEvent.safeParse(value);
    if (!parsed.success) throw new CliError(`${file}:${index + 1}: ${issuesOf(parsed.error)}`);
    events.push(parsed.data);
  });
  return events;
}

const iso = (at: number) => new Date(at).toISOString().replace(':00.000Z', 'Z').replace('.000Z', 'Z');

/** The documented --json form of a simulation (docs/simulation.md). */
export function simulationJson(result: SimulationResult) {
  return {
    journeyId: result.journeyId,
    version: result.version,
    contact: result.contact,
    start: new Date(result.start).toISOString(),
    end: new Date(result.end).toISOString(),
    seed: result.seed,
    timeline: result.timeline.map((s) => ({
      at: new Date(s.at).toISOString(),
      offset: formatOffset(s.at - result.start),
      nodeId: s.nodeId,
      nodeKind: s.nodeKind,
      outcome: s.outcome,
      branch: s.branch ?? null,
      reason: s.reason,
      ...(s.email ? { email: { to: s.email.to, subject: s.email.subject, templateId: s.email.templateId, rendered: s.email.rendered } } : {}),
    })),
    applied: result.applied.map((a) => ({ at: new Date(a.at).toISOString(), offset: formatOffset(a.at - result.start), what: a.description })),
    status: result.status,
    nodeId: result.nodeId,
    reason: result.statusReason,
    wakeAt: result.wakeAt === null ? null : new Date(result.wakeAt).toISOString(),
    path: result.path,
  };
}

function printTimeline(result: SimulationResult) {
  const lines = [
    ...result.timeline.map((s) => ({
      at: s.at,
      text: `${s.nodeId}  ${s.outcome}${s.branch && s.branch !== 'next' ? ` → ${s.branch}` : ''}: ${s.reason}${s.email ? `\n${' '.repeat(30)}to ${s.email.to}: "${s.email.subject}"` : ''}`,
    })),
    ...result.applied.map((a) => ({ at: a.at, text: `(set-up) ${a.description}` })),
  ].sort((a, b) => a.at - b.at);
  for (const line of lines) print(`${formatOffset(line.at - result.start).padEnd(10)} ${iso(line.at).padEnd(18)} ${line.text}`);
  print();
  print(`${result.status}: ${result.statusReason}`);
}

function printForecast(result: ForecastResult, name: string) {
  print(`${name}: ${result.simulated.toLocaleString('en-US')} of ${result.audience.toLocaleString('en-US')} admitted contacts over ${result.days} days (seed ${result.seed})`);
  for (const [reason, n] of Object.entries(result.refused)) print(`  not admitted: ${n} (${reason})`);
  const header = ['NODE', 'KIND', 'ENTERED', 'WAITING', 'EXITED', 'SENT', 'DEFERRED', 'SUPPRESSED', 'BRANCHES'];
  const rows = result.nodes.map((n) => [
    n.nodeId,
    n.nodeKind,
    String(n.entered),
    String(n.waiting),
    String(n.exited),
    String(n.sent),
    String(n.deferred),
    String(n.suppressed),
    Object.entries(n.branches).map(([b, c]) => `${b}=${c}`).join(' '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  print(line(header));
  for (const row of rows) print(line(row));
  print(`emails: ${result.totals.sent.toLocaleString('en-US')} in all; per day: ${result.emailsPerDay.map((d) => d.sent).join(' ')}`);
}

/** Commander's errors are the user's; the services' ApiErrors too (a missing journey, a draft with problems). */
const asCliError = (error: unknown) => (error instanceof ApiError ? new CliError(error.message) : error);

export function registerSimulateCommands(program: Command): void {
  program
    .command('simulate <journey>')
    .description('run one contact through a journey (a journey.json file or a journey id) on a virtual clock; writes and sends nothing')
    .requiredOption('--contact <contact>', 'a made-up contact in a JSON file, or the email or id of a workspace contact')
    .option('--events <file>', 'what the contact does: one JSON event per line (JSON Lines)')
    .option('--start <time>', 'ISO date and time the contact enters (default: now)')
    .option('--until <span>', 'how much virtual time to run, e.g. 21d, 36h', '60d')
    .option('--seed <n>', 'random seed for A/B splits (default: the live runner’s)', wholeNumber('--seed'), liveSeed)
    .option('--version <v>', 'for a journey id: draft, live or a version number', 'draft')
    .option('--trigger <file>', 'a JSON object file: the properties of the event that admits the contact (e.g. the cart’s items)')
    .option('--entry-event <id>', 'the id of one of a stored contact’s events to enter on (default: their latest of the trigger’s event)', wholeNumber('--entry-event', 1))
    .option('--json', 'print the timeline as JSON')
    .action((
      journey: string,
      options: { contact: string; events?: string; start?: string; until: string; seed: number; version: string; trigger?: string; entryEvent?: number; json?: boolean },
      command: Command,
    ) =>
      withWorkspace(command, async (services) => {
        if (!Span.safeParse(options.until).success) throw new CliError(`--until must be a length such as 21d or 36h, not "${options.until}"`);
        if (options.start !== undefined && Number.isNaN(Date.parse(options.start))) throw new CliError(`--start must be an ISO date and time, not "${options.start}"`);
        try {
          const resolved = await journeyArg(services, journey, options.version);
          const { simulate } = await import('../../services/simulation/simulationService.ts');
          const request = SimulationRequest.safeParse({
            journeyId: resolved.journeyId,
            contact: contactArg(options.contact),
            entryEvent: entryEventArg(options.trigger, options.entryEvent),
            start: options.start === undefined ? undefined : new Date(options.start).toISOString(),
            until: options.until,
            seed: options.seed,
            events: options.events ? readEvents(options.events) : [],
          });
          if (!request.success) throw new CliError(issuesOf(request.error));
          const result = await simulate(services, request.data, resolved);
          if (options.json) printJson(simulationJson(result));
          else printTimeline(result);
        } catch (error) {
          throw asCliError(error);
        }
      }),
    );

  program
    .command('forecast <journey>')
    .description('run everyone the trigger would admit (or a sample) through a journey on a virtual clock and print per-node counts')
    .option('--days <n>', 'days of virtual time', wholeNumber('--days', 1), 30)
    .option('--sample <n>', 'a seeded random sample of this many contacts', wholeNumber('--sample', 1))
    .option('--seed <n>', 'random seed (sample and A/B splits; default: the live runner’s)', wholeNumber('--seed'), liveSeed)
    .option('--start <time>', 'ISO date and time the forecast starts (default: now)')
    .option('--version <v>', 'for a journey id: draft, live or a version number', 'draft')
    .option('--json', 'print the counts as JSON')
    .action((journey: string, options: { days: number; sample?: number; seed: number; start?: string; version: string; json?: boolean }, command: Command) =>
      withWorkspace(command, async (services) => {
        if (options.start !== undefined && Number.isNaN(Date.parse(options.start))) throw new CliError(`--start must be an ISO date and time, not "${options.start}"`);
        try {
          const resolved = await journeyArg(services, journey, options.version);
          const start = options.start ? Date.parse(options.start) : services.now();
          const jobId = services.forecasts.start(resolved, { start, days: options.days, seed: options.seed, sample: options.sample });
          const progress = process.stderr.isTTY
            ? setInterval(() => {
                const { done, total } = services.forecasts.status(jobId);
                process.stderr.write(`\r${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} contacts…`);
              }, 200)
            : undefined;
          const job = await services.forecasts.wait(jobId).finally(() => {
            clearInterval(progress);
            if (progress) process.stderr.write('\n');
          });
          if (job.status !== 'done' || !job.result) throw new CliError(`the forecast ${job.status}${job.error ? `: ${job.error}` : ''}`);
          if (options.json) printJson(job.result);
          else printForecast(job.result, resolved.name);
        } catch (error) {
          throw asCliError(error);
        }
      }),
    );
}
