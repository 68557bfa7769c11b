import { z } from 'zod';
import { ConnectionList, Id, Layout, StepList } from '../journey/journey.ts';
import { JourneySettings } from '../journey/settings.ts';
import { Rule } from '../rules/rule.ts';
import { Template } from '../templates/template.ts';
import { MAX_NAME_CHARS } from '../limits.ts';

/**
 * The journey file: one journey that stands on its own. The logic (nodes, edges, settings) comes first,
 * the canvas layout sits in a section of its own so that moving a box does not touch the logic's lines,
 * and every template, snippet and segment the journey refers to travels with it.
 */
export const JOURNEY_FORMAT = 'journey-studio/journey';
/** Bump with a migration in migrations.ts whenever the shape changes. */
export const JOURNEY_FORMAT_VERSION = 2;

/** A reusable piece of Liquid, pulled into templates with {% render 'name' %}. */
export const SnippetEntry = z.object({
  // Any name a {% render '…' %} tag can quote.
  name: z.string().min(1, 'a snippet needs a name').max(MAX_NAME_CHARS).regex(/^[^'"]+$/, 'a snippet name cannot contain quotes'),
  body: z.string().max(2_000_000),
});
export type SnippetEntry = z.infer<typeof SnippetEntry>;

export const SegmentEntry = z.object({
  id: Id,
  name: z.string().trim().min(1, 'a segment needs a name').max(MAX_NAME_CHARS),
  kind: z.enum(['dynamic', 'static']),
  rule: Rule,
});
export type SegmentEntry = z.infer<typeof SegmentEntry>;

export const TemplateEntry = Template;
export type TemplateEntry = z.infer<typeof TemplateEntry>;

export const JourneyFile = z.object({
  format: z.literal(JOURNEY_FORMAT),
  version: z.literal(JOURNEY_FORMAT_VERSION),
  id: Id,
  name: z.string().trim().min(1, 'a journey needs a name').max(MAX_NAME_CHARS),
  nodes: StepList,
  edges: ConnectionList,
  settings: JourneySettings,
  layout: Layout,
  templates: z.array(TemplateEntry),
  snippets: z.array(SnippetEntry),
  segments: z.array(SegmentEntry),
});
export type JourneyFile = z.infer<typeof JourneyFile>;

/** The parts of a file that are the journey's document, as the store keeps it. */
export function documentOfFile(file: JourneyFile) {
  return { nodes: file.nodes, edges: file.edges, settings: file.settings, layout: file.layout };
}
