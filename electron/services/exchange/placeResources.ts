import { canonicalJson } from '../../../shared/util/canonicalJson.ts';
import { TemplateDocument } from '../../../shared/templates/template.ts';
import type { SegmentEntry, SnippetEntry, TemplateEntry } from '../../../shared/format/journeyFile.ts';
import { freeName, renameReferences, type ReferenceRenames } from '../../../shared/format/resources.ts';
import { renameSnippets } from '../../../shared/format/snippets.ts';
import { newId } from '../../../shared/util/ids.ts';
import type { Services } from '../services.ts';
import { names, putSegment, putSnippet, readSegment, readSegmentByName, readSnippet } from './resourceRows.ts';

/**
 * Where each template, segment and snippet of an imported file goes. One that the workspace holds unchanged
 * (same id or name, same content) is reused; one whose id or name is taken by something different is
 * written under a new id or name, and the references to it are renamed; the rest are written as they are.
 * Nothing already in the workspace is overwritten: other journeys may use it.
 */
export interface ResourcePlan {
  renames: ReferenceRenames;
  snippets: { reuse: string[]; write: SnippetEntry[] };
  templates: { reuse: string[]; write: TemplateEntry[] };
  segments: { reuse: string[]; write: SegmentEntry[] };
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

export function planResources(services: Services, file: { templates: TemplateEntry[]; segments: SegmentEntry[]; snippets: SnippetEntry[] }): ResourcePlan {
  const { db } = services;

  const snippetRenames = new Map<string, string>();
  const snippets: ResourcePlan['snippets'] = { reuse: [], write: [] };
  const snippetNames = new Set(db.prepare('SELECT name FROM snippets').pluck().all() as string[]);
  for (const snippet of file.snippets) {
    const existing = readSnippet(db, snippet.name);
    if (!existing) snippets.write.push(snippet);
    else if (existing.body === snippet.body) snippets.reuse.push(snippet.name);
    else {
      const name = freeName(`${snippet.name}-imported`, snippetNames);
      snippetNames.add(name);
      snippetRenames.set(snippet.name, name);
      snippets.write.push({ ...snippet, name });
    }
  }
  // A renamed snippet changes what renders it: bodies of snippets and templates.
  snippets.write = snippets.write.map((s) => ({ ...s, body: renameSnippets(s.body, snippetRenames) }));

  const templateRenames = new Map<string, string>();
  const templates: ResourcePlan['templates'] = { reuse: [], write: [] };
  const templateNames = names(db, 'templates');
  const storedTemplate = (where: 'id' | 'name', value: string) => {
    const row = db.prepare(`SELECT id, name, document FROM templates WHERE ${where} = ?`).get(value) as { id: string; name: string; document: string } | undefined;
    return row && { id: row.id, name: row.name, document: TemplateDocument.parse(JSON.parse(row.document)) };
  };
  for (const original of file.templates) {
    const template = { ...original, document: renameTemplateSnippets(original.document, snippetRenames) };
    const byId = storedTemplate('id', template.id);
    const byName = storedTemplate('name', template.name);
    const unchanged = [byId, byName].find((t) => t && t.name === template.name && same(t.document, template.document));
    if (unchanged) {
      templates.reuse.push(unchanged.id);
      if (unchanged.id !== template.id) templateRenames.set(template.id, unchanged.id);
      continue;
    }
    const id = byId ? newId('t') : template.id;
    const name = templateNames.has(template.name) ? freeName(`${template.name} (imported)`, templateNames) : template.name;
    templateNames.add(name);
    if (id !== template.id) templateRenames.set(template.id, id);
    templates.write.push({ ...template, id, name });
  }

  // Segment rules may name segments, so ids are settled first and the rules renamed after.
  const segmentRenames = new Map<string, string>();
  const segments: ResourcePlan['segments'] = { reuse: [], write: [] };
  const segmentNames = names(db, 'segments');
  const planned: SegmentEntry[] = [];
  for (const segment of file.segments) {
    const byId = readSegment(db, segment.id);
    const byName = readSegmentByName(db, segment.name);
    const unchanged = [byId, byName].find((s) => s && s.name === segment.name && s.kind === segment.kind && same(s.rule, segment.rule));
    if (unchanged) {
      segments.reuse.push(unchanged.id);
      if (unchanged.id !== segment.id) segmentRenames.set(segment.id, unchanged.id);
      continue;
    }
    const id = byId ? newId('s') : segment.id;
    const name = segmentNames.has(segment.name) ? freeName(`${segment.name} (imported)`, segmentNames) : segment.name;
    segmentNames.add(name);
    if (id !== segment.id) segmentRenames.set(segment.id, id);
    planned.push({ ...segment, id, name });
  }
  const renames: ReferenceRenames = { templates: templateRenames, segments: segmentRenames };
  segments.write = planned.map((s) => ({ ...s, rule: renameReferences(s.rule, renames) }));

  return { renames, snippets, templates, segments };
}

function renameTemplateSnippets(document: TemplateEntry['document'], renames: ReadonlyMap<string, string>): TemplateEntry['document'] {
  if (renames.size === 0) return document;
  const content = (c: TemplateEntry['document']['content']) => ({
    ...c,
    subject: renameSnippets(c.subject, renames),
    preheader: renameSnippets(c.preheader, renames),
    body: renameSnippets(c.body, renames),
    text: renameSnippets(c.text, renames),
  });
  return { ...document, content: content(document.content), variants: Object.fromEntries(Object.entries(document.variants).map(([k, v]) => [k, content(v)])) };
}

/** Writes what the plan says to write. The caller holds the transaction. */
export function writeResources(services: Services, plan: ResourcePlan, at: number): void {
  for (const snippet of plan.snippets.write) putSnippet(services.db, snippet, at);
  for (const template of plan.templates.write) services.templates.create(template.name, template.document, template.id);
  for (const segment of plan.segments.write) putSegment(services.db, segment, at);
}
