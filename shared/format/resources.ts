import type { Rule } from '../rules/rule.ts';
import { referencesOf } from '../journey/validate.ts';
import type { JourneyDocument } from '../journey/journey.ts';
import { liquidTextsOf, snippetNamesIn } from './snippets.ts';
import type { TemplateEntry } from './journeyFile.ts';

/** Segments a segment's rule refers to ('members of VIPs and not of Lapsed'), found as journeys find them. */
export function segmentIdsInRule(rule: Rule): string[] {
  return referencesOf({ id: '', kind: 'condition', name: '', config: { rule } })
    .filter((r) => r.type === 'segment')
    .map((r) => r.id);
}

/** The templates and segments a journey's nodes point at, each once, in order of appearance. */
export function journeyReferences(document: Pick<JourneyDocument, 'nodes'>): { templateIds: string[]; segmentIds: string[] } {
  const templateIds = new Set<string>();
  const segmentIds = new Set<string>();
  for (const node of document.nodes) {
    for (const ref of referencesOf(node)) (ref.type === 'template' ? templateIds : segmentIds).add(ref.id);
  }
  return { templateIds: [...templateIds], segmentIds: [...segmentIds] };
}

export function snippetNamesOfTemplate(template: Pick<TemplateEntry, 'document'>): string[] {
  return [...new Set(liquidTextsOf(template.document).flatMap(snippetNamesIn))];
}

/**
 * Everything reachable from some starting points through `next`, each once. Used for segments that name
 * segments and snippets that render snippets, which may even form a loop.
 */
export function closure<T>(start: Iterable<T>, next: (item: T) => Iterable<T>): T[] {
  const seen = new Set<T>();
  const queue = [...start];
  while (queue.length > 0) {
    const item = queue.shift()!;
    if (seen.has(item)) continue;
    seen.add(item);
    queue.push(...next(item));
  }
  return [...seen];
}

export interface ReferenceRenames {
  templates: ReadonlyMap<string, string>;
  segments: ReadonlyMap<string, string>;
}

/**
 * A copy of a journey config or a rule with template and segment ids renamed, for resources an import had
 * to write under a new id. Walks the same `templateId` / `segmentId` keys that referencesOf finds.
 */
export function renameReferences<T>(value: T, renames: ReferenceRenames): T {
  if (Array.isArray(value)) return value.map((item) => renameReferences(item, renames)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'templateId' && typeof child === 'string') out[key] = renames.templates.get(child) ?? child;
    else if (key === 'segmentId' && typeof child === 'string') out[key] = renames.segments.get(child) ?? child;
    else out[key] = renameReferences(child, renames);
  }
  return out as T;
}

/** `wanted`, or `wanted 2`, `wanted 3`... whichever is not taken. */
export function freeName(wanted: string, taken: ReadonlySet<string>): string {
  let name = wanted;
  for (let n = 2; taken.has(name); n++) name = `${wanted} ${n}`;
  return name;
}
