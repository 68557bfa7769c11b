import type { Db } from '../../store/database.ts';
import { Rule } from '../../../shared/rules/rule.ts';
import type { SegmentEntry, SnippetEntry } from '../../../shared/format/journeyFile.ts';
import type { WorkspaceResources } from '../../../shared/format/parse.ts';

/**
 * Reading and writing the segments, snippets and settings tables for exports and imports. These tables have
 * no store class of their own yet; when one lands, these become calls to it.
 */
interface SegmentRow {
  id: string;
  name: string;
  kind: 'dynamic' | 'static';
  rule: string;
}

const toSegment = (row: SegmentRow): SegmentEntry => ({ id: row.id, name: row.name, kind: row.kind, rule: Rule.parse(JSON.parse(row.rule)) });

export function readSegment(db: Db, id: string): SegmentEntry | undefined {
  const row = db.prepare('SELECT id, name, kind, rule FROM segments WHERE id = ?').get(id) as SegmentRow | undefined;
  return row && toSegment(row);
}

export function readSegmentByName(db: Db, name: string): SegmentEntry | undefined {
  const row = db.prepare('SELECT id, name, kind, rule FROM segments WHERE name = ?').get(name) as SegmentRow | undefined;
  return row && toSegment(row);
}

export function allSegments(db: Db): SegmentEntry[] {
  return (db.prepare('SELECT id, name, kind, rule FROM segments ORDER BY id').all() as SegmentRow[]).map(toSegment);
}

/** Inserts a segment, or replaces the one with its id (keeping its members and creation time). */
export function putSegment(db: Db, segment: SegmentEntry, at: number): void {
  db.prepare(
    `INSERT INTO segments (id, name, kind, rule, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, rule = excluded.rule, updated_at = excluded.updated_at`,
  ).run(segment.id, segment.name, segment.kind, JSON.stringify(segment.rule), at, at);
}

export function readSnippet(db: Db, name: string): SnippetEntry | undefined {
  return db.prepare('SELECT name, body FROM snippets WHERE name = ?').get(name) as SnippetEntry | undefined;
}

export function allSnippets(db: Db): SnippetEntry[] {
  return db.prepare('SELECT name, body FROM snippets ORDER BY name').all() as SnippetEntry[];
}

export function putSnippet(db: Db, snippet: SnippetEntry, at: number): void {
  db.prepare('INSERT INTO snippets (name, body, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at').run(
    snippet.name,
    snippet.body,
    at,
  );
}

export function putSetting(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** The ids and names a file may refer to without carrying them. */
export function workspaceResources(db: Db): WorkspaceResources {
  const column = (sql: string) => new Set(db.prepare(sql).pluck().all() as string[]);
  return {
    templateIds: column('SELECT id FROM templates'),
    segmentIds: column('SELECT id FROM segments'),
    snippetNames: column('SELECT name FROM snippets'),
  };
}

export const names = (db: Db, table: 'templates' | 'segments' | 'journeys') =>
  new Set(db.prepare(`SELECT name FROM ${table}`).pluck().all() as string[]);
