import { sortKeys } from '../util/canonicalJson.ts';
import type { JourneyDocument } from '../journey/journey.ts';
import { JOURNEY_FORMAT, JOURNEY_FORMAT_VERSION, type JourneyFile, type SegmentEntry, type SnippetEntry, type TemplateEntry } from './journeyFile.ts';

/**
 * Canonical order: the keys a reader looks for first (format, id, name; a node's id and kind) come first in
 * a fixed order, everything inside a config or a setting is sorted by key. Nodes and edges keep the
 * journey's own order; templates and segments are sorted by id, snippets by name. Two exports of the same
 * journey are the same bytes, and a change shows up as the lines it touches.
 */
const byKey = <T>(key: (item: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

export function canonicalNode(node: JourneyDocument['nodes'][number]) {
  return { id: node.id, kind: node.kind, name: node.name, config: sortKeys(node.config) as Record<string, unknown> };
}

export function canonicalEdge(edge: JourneyDocument['edges'][number]) {
  return { id: edge.id, source: edge.source, sourceHandle: edge.sourceHandle, target: edge.target };
}

export function canonicalLayout(layout: JourneyDocument['layout']): JourneyDocument['layout'] {
  const positions: Record<string, { x: number; y: number }> = {};
  for (const id of Object.keys(layout.positions).sort()) positions[id] = { x: layout.positions[id].x, y: layout.positions[id].y };
  const notes = layout.notes.map((n) => ({
    id: n.id,
    text: n.text,
    position: { x: n.position.x, y: n.position.y },
    width: n.width,
    height: n.height,
  }));
  return { positions, notes };
}

export const canonicalTemplate = (t: TemplateEntry): TemplateEntry => ({
  id: t.id,
  name: t.name,
  document: sortKeys(t.document) as TemplateEntry['document'],
});
export const canonicalSegment = (s: SegmentEntry): SegmentEntry => ({
  id: s.id,
  name: s.name,
  kind: s.kind,
  rule: sortKeys(s.rule) as SegmentEntry['rule'],
});
export const canonicalSnippet = (s: SnippetEntry): SnippetEntry => ({ name: s.name, body: s.body });

export interface JourneyFileParts {
  id: string;
  name: string;
  document: JourneyDocument;
  templates: readonly TemplateEntry[];
  snippets: readonly SnippetEntry[];
  segments: readonly SegmentEntry[];
}

export function buildJourneyFile(parts: JourneyFileParts): JourneyFile {
  const { document } = parts;
  return {
    format: JOURNEY_FORMAT,
    version: JOURNEY_FORMAT_VERSION,
    id: parts.id,
    name: parts.name,
    nodes: document.nodes.map(canonicalNode),
    edges: document.edges.map(canonicalEdge),
    settings: sortKeys(document.settings) as JourneyFile['settings'],
    layout: canonicalLayout(document.layout),
    templates: [...parts.templates].sort(byKey((t) => t.id)).map(canonicalTemplate),
    snippets: [...parts.snippets].sort(byKey((s) => s.name)).map(canonicalSnippet),
    segments: [...parts.segments].sort(byKey((s) => s.id)).map(canonicalSegment),
  };
}

/** Pretty-printed, two spaces, final newline: a file that diffs line by line in git. */
export function serializeJourneyFile(file: JourneyFile): string {
  return `${JSON.stringify(buildJourneyFile({ ...file, document: file }), null, 2)}\n`;
}
