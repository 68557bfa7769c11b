import { z } from 'zod';
import { ID_PATTERN, MAX_NAME_CHARS } from '../limits.ts';

/** One language's content of a template. */
export const TemplateContent = z.object({
  subject: z.string().min(1, 'a subject is required').max(998),
  preheader: z.string().max(500).default(''),
  /** HTML, or MJML when the template's format says so; Liquid throughout. */
  body: z.string().max(2_000_000),
  /** Plain-text body; generated from the HTML when empty. */
  text: z.string().max(2_000_000).default(''),
});
export type TemplateContent = z.infer<typeof TemplateContent>;

export const TemplateDocument = z.object({
  fromName: z.string().max(MAX_NAME_CHARS).default(''),
  fromEmail: z.email('expected an email address').or(z.literal('')).default(''),
  replyTo: z.email('expected an email address').or(z.literal('')).default(''),
  format: z.enum(['html', 'mjml']).default('html'),
  /** Locale of the default content, e.g. 'en'. */
  locale: z.string().min(2).max(35).default('en'),
  content: TemplateContent,
  /** Other languages, by locale ('fr', 'de-CH'); the contact's locale picks one, falling back to `content`. */
  variants: z.record(z.string(), TemplateContent).default({}),
});
export type TemplateDocument = z.infer<typeof TemplateDocument>;

export const Template = z.object({
  id: z.string().regex(ID_PATTERN),
  name: z.string().trim().min(1).max(MAX_NAME_CHARS),
  document: TemplateDocument,
});
export type Template = z.infer<typeof Template>;
