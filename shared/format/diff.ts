import { canonicalJson } from '../util/canonicalJson.ts';
import { formatPath } from '../journey/problems.ts';
import type { JourneyFile } from './journeyFile.ts';

/**
 * What changed between two versions of a journey, as a marketer reads it: steps added, removed and
 * changed (with the fields that changed), connections added and removed, settings and the templates,
 * segments and snippets carried along. The layout is ignored: moving a box is not a change of logic.
 */
export interface JourneyDiff {
  name: { from: string; to: string } | null;
  nodes: {
    added: Array<{ id: string; kind: string; name: string }>;
    removed: Array<{ id: string; kind: string; name: string }>;
    changed: Array<{ id: string; name: string; fields: FieldChange[] }>;
  };
  edges: { added: string[]; removed: string[] };
  settings: FieldChange[];
  resources: { added: string[]; removed: string[]; changed: Array<{ name: string; fields: FieldChange[] }> };
}

/** One field that differs, with its value before and after (undefined when absent). */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** The paths (like 'config.wait.duration.amount') at which two JSON values differ, deepest first. */
export function changedFields(a: unknown, b: unknown, path: PropertyKey[] = []): FieldChange[] {
  if (canonicalJson(a) === canonicalJson(b)) return [];
  const bothObjects = a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
  if (!bothObjects || (Array.isArray(a) && Array.isArray(b) && a.length !== b.length)) return [{ field: formatPath(path), from: a, to: b }];
  const keys = Array.isArray(a) ? a.map((_, i) => i) : [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])].sort();
  return keys.flatMap((key) => changedFields((a as Record<PropertyKey, unknown>)[key], (b as Record<PropertyKey, unknown>)[key], [...path, key]));
}

const connection = (e: JourneyFile['edges'][number]) => `${e.source} —${e.sourceHandle}→ ${e.target}`;

export function diffJourneyFiles(a: JourneyFile, b: JourneyFile): JourneyDiff {
  const before = new Map(a.nodes.map((n) => [n.id, n]));
  const after = new Map(b.nodes.map((n) => [n.id, n]));
  const summary = (n: JourneyFile['nodes'][number]) => ({ id: n.id, kind: n.kind, name: n.name });
  const edgesBefore = new Set(a.edges.map(connection));
  const edgesAfter = new Set(b.edges.map(connection));

  const resources = (file: JourneyFile) =>
    new Map<string, unknown>([
      ...file.templates.map((t) => [`template ${t.id}`, t] as const),
      ...file.segments.map((s) => [`segment ${s.id}`, s] as const),
      ...file.snippets.map((s) => [`snippet ${s.name}`, s] as const),
    ]);
  const resBefore = resources(a);
  const resAfter = resources(b);

  return {
    name: a.name === b.name ? null : { from: a.name, to: b.name },
    nodes: {
      added: b.nodes.filter((n) => !before.has(n.id)).map(summary),
      removed: a.nodes.filter((n) => !after.has(n.id)).map(summary),
      changed: b.nodes
        .filter((n) => before.has(n.id))
        .map((n) => ({ id: n.id, name: n.name, fields: changedFields(before.get(n.id), n) }))
        .filter((c) => c.fields.length > 0),
    },
    edges: {
      added: [...edgesAfter].filter((e) => !edgesBefore.has(e)),
      removed: [...edgesBefore].filter((e) => !edgesAfter.has(e)),
    },
    settings: changedFields(a.settings, b.settings).map((c) => ({ ...c, field: c.field ? `settings.${c.field}` : 'settings' })),
    resources: {
      added: [...resAfter.keys()].filter((k) => !resBefore.has(k)),
      removed: [...resBefore.keys()].filter((k) => !resAfter.has(k)),
      changed: [...resAfter.keys()]
        .filter((k) => resBefore.has(k))
        .map((name) => ({ name, fields: changedFields(resBefore.get(name), resAfter.get(name)) }))
        .filter((c) => c.fields.length > 0),
    },
  };
}

export function isEmptyDiff(diff: JourneyDiff): boolean {
  return (
    !diff.name &&
    [diff.nodes.added, diff.nodes.removed, diff.nodes.changed, diff.edges.added, diff.edges.removed, diff.settings, diff.resources.added, diff.resources.removed, diff.resources.changed].every(
      (list) => list.length === 0,
    )
  );
}

const short = (value: unknown) => {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
};

/** 'config.wait.duration.amount (24 → 12)'; a whole object that changed is named without its values. */
function describeChange(change: FieldChange): string {
  const scalar = (v: unknown) => v === undefined || v === null || typeof v !== 'object';
  return scalar(change.from) && scalar(change.to) ? `${change.field || 'value'} (${short(change.from)} → ${short(change.to)})` : change.field || 'value';
}

/** The diff as lines of text: '+' added, '-' removed, '~' changed. */
export function formatJourneyDiff(diff: JourneyDiff): string[] {
  if (isEmptyDiff(diff)) return ['no changes to the logic (the layout is not compared)'];
  const lines: string[] = [];
  if (diff.name) lines.push(`~ name: "${diff.name.from}" → "${diff.name.to}"`);
  for (const n of diff.nodes.added) lines.push(`+ node ${n.id} (${n.kind}) "${n.name}"`);
  for (const n of diff.nodes.removed) lines.push(`- node ${n.id} (${n.kind}) "${n.name}"`);
  for (const n of diff.nodes.changed) lines.push(`~ node ${n.id} "${n.name}": ${n.fields.map(describeChange).join(', ')}`);
  for (const e of diff.edges.added) lines.push(`+ edge ${e}`);
  for (const e of diff.edges.removed) lines.push(`- edge ${e}`);
  if (diff.settings.length) lines.push(`~ settings: ${diff.settings.map(describeChange).join(', ')}`);
  for (const r of diff.resources.added) lines.push(`+ ${r}`);
  for (const r of diff.resources.removed) lines.push(`- ${r}`);
  for (const r of diff.resources.changed) lines.push(`~ ${r.name}: ${r.fields.map(describeChange).join(', ')}`);
  return lines;
}
