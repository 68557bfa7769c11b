import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { Template, TemplateDocument } from '../../../shared/templates/template.ts';
import type { ContactView } from '../../../shared/rules/contactView.ts';
import type { LintFinding } from '../../../shared/api/calls/templates.ts';
import type { Services } from '../../services/services.ts';
import { TemplateError } from '../../services/templates/templateError.ts';
import { CliError, print, printJson, withWorkspace } from '../context.ts';
import { readJsonFile } from './journey.ts';

/** A contact file: the built-in fields at the top level, custom ones under attributes, tags and events. */
const ContactFile = z
  .object({
    id: z.union([z.number(), z.string()]).optional(),
    email: z.email('expected an email address'),
    attributes: z.record(z.string(), z.unknown()).default({}),
    tags: z.array(z.string()).default([]),
    events: z
      .array(
        z.object({
          name: z.string().min(1),
          at: z.union([z.number(), z.iso.datetime({ offset: true }), z.iso.date()]),
          properties: z.record(z.string(), z.unknown()).default({}),
        }),
      )
      .default([]),
  })
  .catchall(z.unknown());

const describeIssues = (file: string, error: z.ZodError) =>
  error.issues.map((issue) => `${file}: ${issue.path.length ? `at ${issue.path.join('.')}: ` : ''}${issue.message}`).join('\n');

function templateFromFile(file: string): Template {
  const value = readJsonFile(file);
  // a full template ({ id, name, document }) or a bare document
  const isFull = value !== null && typeof value === 'object' && 'document' in value;
  const parsed = isFull ? Template.safeParse(value) : TemplateDocument.safeParse(value);
  if (!parsed.success) throw new CliError(describeIssues(file, parsed.error));
  return isFull ? (parsed.data as Template) : { id: 't_file', name: file, document: parsed.data as TemplateDocument };
}

function contactFromFile(file: string): ContactView {
  const parsed = ContactFile.safeParse(readJsonFile(file));
  if (!parsed.success) throw new CliError(describeIssues(file, parsed.error));
  const { id, email, attributes, tags, events, ...fields } = parsed.data;
  return {
    id: id ?? 'file',
    email,
    attributes: { ...attributes, ...fields },
    tags: new Set(tags),
    events: events
      .map((e) => ({ name: e.name, at: typeof e.at === 'number' ? e.at : Date.parse(e.at), properties: e.properties }))
      .sort((a, b) => a.at - b.at),
  };
}

const looksLikeFile = (arg: string) => arg.toLowerCase().endsWith('.json') || existsSync(arg);

function findTemplate(services: Services, arg: string): Template {
  if (looksLikeFile(arg)) return templateFromFile(arg);
  const found = services.templates.find(arg);
  if (!found) throw new CliError(`no template with the id or name "${arg}" (see \`journey-studio template list\`)`);
  return found;
}

function findContact(services: Services, arg: string): ContactView {
  if (looksLikeFile(arg)) return contactFromFile(arg);
  const id = services.db.prepare('SELECT id FROM contacts WHERE email = ?').pluck().get(arg.trim()) as number | undefined;
  const found = id === undefined ? undefined : services.decisions.contacts().one(id);
  if (!found) throw new CliError(`no contact with the email ${arg}`);
  // Stored values that cannot be read are left out of the render, and said (store/readableJson.ts).
  for (const note of found.unreadable) process.stderr.write(`journey-studio: warning: ${arg}: ${note}\n`);
  return found.view;
}

const describeFinding = (f: LintFinding) =>
  `${f.severity} ${f.rule} (${f.locale} ${f.part}${f.snippet ? `, snippet ${f.snippet}` : ''}, line ${f.line}, column ${f.column}): ${f.message}`;

export function registerTemplateCommands(program: Command): void {
  const template = program.command('template').description('email templates in the workspace');

  template
    .command('list')
    .description('every template: id, name and subject')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }, command: Command) =>
      withWorkspace(command, (services) => {
        const templates = services.templates.list();
        if (options.json) return printJson(templates.map(({ id, name, subject }) => ({ id, name, subject })));
        if (!templates.length) return print('No templates.');
        const width = Math.max(...templates.map((t) => t.id.length), 2);
        for (const t of templates) print(`${t.id.padEnd(width)}  ${t.name}  —  ${t.subject}`);
      }),
    );

  template
    .command('render <template>')
    .description('render a template (a .json file, or the id or name of one in the workspace) for a contact; exit 1 on a template error')
    .requiredOption('--contact <contact>', "a contact's email in the workspace, or a contact .json file")
    .option('--trigger <file>', 'a .json file of the triggering event’s properties (e.g. the cart’s items)')
    .option('--now <date>', 'the render’s clock, ISO 8601 (default: now)')
    .option('--json', 'print JSON')
    .action((templateArg: string, options: { contact: string; trigger?: string; now?: string; json?: boolean }, command: Command) =>
      withWorkspace(command, async (services) => {
        const tpl = findTemplate(services, templateArg);
        const contact = findContact(services, options.contact);
        const now = options.now ? Date.parse(options.now) : services.now();
        if (Number.isNaN(now)) throw new CliError(`--now: "${options.now}" is not an ISO 8601 date`);
        const trigger = options.trigger ? readJsonFile(options.trigger) : undefined;
        if (trigger !== undefined && (trigger === null || typeof trigger !== 'object' || Array.isArray(trigger))) throw new CliError(`${options.trigger}: expected a JSON object`);
        const lint = await services.templatePreview.lint(tpl);
        const batch = await services.emailRenderer.prepare([tpl], now);
        try {
          const email = batch.render(tpl.id, {
            contact,
            trigger: trigger as Record<string, unknown> | undefined,
            unsubscribeUrl: 'https://unsubscribe.example.invalid/cli',
            now,
          });
          if (options.json) return printJson({ ...email, lint });
          print(`From: ${email.fromName} <${email.fromEmail}>${email.replyTo ? `  Reply-To: ${email.replyTo}` : ''}`);
          print(`Subject: ${email.subject}`);
          print(`Preheader: ${email.preheader}`);
          print(`Locale: ${email.locale}`);
          print('\n--- HTML ---');
          print(email.html);
          print('\n--- Text ---');
          print(email.text);
          if (email.unknownVariables.length) print(`\nUnknown variables (rendered empty): ${email.unknownVariables.join(', ')}`);
          print('\n--- Lint ---');
          print(lint.length ? lint.map(describeFinding).join('\n') : 'no findings');
        } catch (error) {
          if (!(error instanceof TemplateError)) throw error;
          if (options.json) printJson({ error: error.toJSON(), lint });
          throw new CliError(`template error in the ${error.part}${error.snippet ? ` (snippet ${error.snippet})` : ''} at line ${error.line}, column ${error.column}: ${error.message}`);
        }
      }),
    );
}
