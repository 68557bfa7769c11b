import { z } from 'zod';
import { call } from '../define.ts';
import { ID_PATTERN, MAX_NAME_CHARS } from '../../limits.ts';
import { EventProperties } from '../../contacts/storedValues.ts';
import { Template, TemplateDocument } from '../../templates/template.ts';

export const TemplateSummary = z.object({
  id: z.string(),
  name: z.string(),
  subject: z.string(),
  preheader: z.string(),
  updatedAt: z.number(),
});
export type TemplateSummary = z.infer<typeof TemplateSummary>;

export const StoredTemplate = Template.extend({ createdAt: z.number(), updatedAt: z.number() });
export type StoredTemplate = z.infer<typeof StoredTemplate>;

export const SnippetName = z.string().regex(ID_PATTERN, 'a snippet name is letters, digits, - and _ (up to 64)');
export const Snippet = z.object({ name: SnippetName, body: z.string().max(500_000), updatedAt: z.number() });
export type Snippet = z.infer<typeof Snippet>;

const TemplatePartName = z.enum(['subject', 'preheader', 'body', 'text']);

export const LintFinding = z.object({
  rule: z.enum(['template-error', 'unknown-variable', 'missing-fallback', 'no-unsubscribe', 'image-without-alt', 'mjml']),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  part: TemplatePartName,
  /** Which content: the template's default locale or a variant's. */
  locale: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  /** When the finding is inside a snippet. */
  snippet: z.string().optional(),
});
export type LintFinding = z.infer<typeof LintFinding>;

export const TemplateErrorShape = z.object({
  message: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  part: TemplatePartName,
  kind: z.enum(['syntax', 'render', 'limit', 'undefined-variable']),
  snippet: z.string().optional(),
});
export type TemplateErrorShape = z.infer<typeof TemplateErrorShape>;

export const RenderedEmailShape = z.object({
  subject: z.string(),
  preheader: z.string(),
  html: z.string(),
  text: z.string(),
  fromName: z.string(),
  fromEmail: z.string(),
  replyTo: z.string(),
  locale: z.string(),
  unknownVariables: z.array(z.string()),
});
export type RenderedEmailShape = z.infer<typeof RenderedEmailShape>;

/** A contact to preview with, as the picker lists them. */
export const PreviewContact = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  tags: z.array(z.string()),
  locale: z.string().nullable(),
});
export type PreviewContact = z.infer<typeof PreviewContact>;

/** Where a preview's trigger data (`trigger.*`, a cart's items) came from. */
export const PreviewTrigger = z.object({
  /**
   * given: passed in the call; contact-event: the contact's latest event of `event`; sample: the sample cart, for the
   * sample contact or because the contact has no such event (or there was no event to look for).
   */
  source: z.enum(['given', 'contact-event', 'sample']),
  /** The event name looked for (the one picked, or the journey's trigger event). */
  event: z.string().nullable(),
  /** When the contact's event happened, epoch ms. */
  at: z.number().nullable(),
  /** The journey whose trigger event was used. */
  journey: z.string().nullable(),
  /** The event names this contact has, to pick from. */
  contactEvents: z.array(z.string()),
});
export type PreviewTrigger = z.infer<typeof PreviewTrigger>;

export const PreviewResult = z.object({
  /** Null when the template has an error. */
  email: RenderedEmailShape.nullable(),
  error: TemplateErrorShape.nullable(),
  lint: z.array(LintFinding),
  /** Who it was rendered for: a stored contact, or the made-up sample one (id null). */
  contact: z.object({
    id: z.number().int().nullable(),
    email: z.string(),
    name: z.string(),
    tags: z.array(z.string()),
    /** The contact's stored values that cannot be read (an older version stored them nested too deep), left out of the render. */
    warnings: z.array(z.string()),
  }),
  trigger: PreviewTrigger,
});
export type PreviewResult = z.infer<typeof PreviewResult>;

/** What 'Send a test' did. */
export const TestEmailResult = z.object({
  to: z.string(),
  /** As sent, with the [Test] prefix. */
  subject: z.string(),
  sender: z.enum(['outbox', 'smtp']),
  messageId: z.string(),
  /** The outbox file, or the SMTP server's answer. */
  location: z.string().nullable(),
  /** The contact the template was rendered for. */
  renderedFor: z.string(),
});
export type TestEmailResult = z.infer<typeof TestEmailResult>;

const TemplateId = Template.shape.id;
const TemplateName = z.string().trim().min(1, 'a template needs a name').max(MAX_NAME_CHARS);
const ById = z.object({ id: TemplateId });
const Draft = z.object({ id: TemplateId.optional(), name: z.string().max(MAX_NAME_CHARS).optional(), document: TemplateDocument });

export const templateCalls = {
  'templates.list': call('Every email template, by name.', z.object({}), z.array(TemplateSummary)),
  'templates.get': call('One template with its document.', ById, StoredTemplate),
  'templates.create': call(
    'A new template; a starter document when none is given.',
    z.object({ name: TemplateName, document: TemplateDocument.optional() }),
    StoredTemplate,
  ),
  'templates.update': call('Rename a template or replace its document.', z.object({ id: TemplateId, name: TemplateName.optional(), document: TemplateDocument.optional() }), StoredTemplate),
  'templates.duplicate': call('A copy of a template, named "… (copy)".', ById, StoredTemplate),
  'templates.delete': call('Delete a template; refused while a journey sends it.', ById, z.object({ deleted: z.literal(true) })),
  'templates.preview': call(
    'Render a (possibly unsaved) template for a stored contact, or for a made-up sample contact, with its lint findings.',
    z.object({
      template: Draft,
      contactId: z.number().int().optional(),
      /** The trigger data itself; otherwise a stored contact's latest event of `triggerEvent` or of the journey's trigger. */
      trigger: EventProperties.optional(),
      /** The event whose latest occurrence (for the stored contact) stands for the trigger. */
      triggerEvent: z.string().max(200).optional(),
      /** The journey whose trigger event to use; by default a journey that sends this template. */
      journeyId: z.string().optional(),
      /** Epoch ms; defaults to now. */
      now: z.number().optional(),
    }),
    PreviewResult,
  ),
  'templates.sendTest': call(
    'Render a (possibly unsaved) template as the preview does and send it, subject prefixed "[Test] ", to one address through the configured sender.',
    z.object({
      template: Draft,
      to: z.email('enter one email address, like you@example.com'),
      contactId: z.number().int().optional(),
      triggerEvent: z.string().max(200).optional(),
      journeyId: z.string().optional(),
    }),
    TestEmailResult,
  ),
  'templates.lint': call('The lint findings of a (possibly unsaved) template.', z.object({ template: Draft }), z.array(LintFinding)),
  'templates.previewContacts': call(
    'Contacts to preview with, matching a search on email or name (the first ones when the search is empty).',
    z.object({ search: z.string().max(200).default(''), limit: z.number().int().min(1).max(100).default(20) }),
    z.array(PreviewContact),
  ),
  'snippets.list': call('Every snippet, by name.', z.object({}), z.array(Snippet)),
  'snippets.save': call('Create or replace a snippet.', z.object({ name: SnippetName, body: z.string().max(500_000) }), Snippet),
  'snippets.delete': call('Delete a snippet.', z.object({ name: SnippetName }), z.object({ deleted: z.literal(true) })),
};
