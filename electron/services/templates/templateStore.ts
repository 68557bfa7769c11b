import type { Db } from '../../store/database.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { TemplateDocument } from '../../../shared/templates/template.ts';
import type { StoredTemplate, TemplateSummary } from '../../../shared/api/calls/templates.ts';
import { newId } from '../../../shared/util/ids.ts';
import { referencesOf } from '../../../shared/journey/validate.ts';
import type { DraftNode } from '../../../shared/journey/journey.ts';

interface TemplateRow {
  id: string;
  name: string;
  document: string;
  created_at: number;
  updated_at: number;
}

const toTemplate = (row: TemplateRow): StoredTemplate => ({
  id: row.id,
  name: row.name,
  document: TemplateDocument.parse(JSON.parse(row.document)),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const isUniqueViolation = (error: unknown) => error instanceof Error && /UNIQUE constraint failed: templates\.name/.test(error.message);

/** Email templates in the store. */
export class TemplateStore {
  private readonly db: Db;
  private readonly now: () => number;

  constructor(db: Db, now: () => number = Date.now) {
    this.db = db;
    this.now = now;
  }

  list(): TemplateSummary[] {
    const rows = this.db.prepare('SELECT * FROM templates ORDER BY name').all() as TemplateRow[];
    return rows.map((row) => {
      const { document } = toTemplate(row);
      return { id: row.id, name: row.name, subject: document.content.subject, preheader: document.content.preheader, updatedAt: row.updated_at };
    });
  }

  get(id: string): StoredTemplate {
    const row = this.db.prepare('SELECT * FROM templates WHERE id = ?').get(id) as TemplateRow | undefined;
    if (!row) throw new ApiError('not-found', `no template with the id ${id}`);
    return toTemplate(row);
  }

  /** By id, else by name (case-insensitive): what a person types on the command line. */
  find(idOrName: string): StoredTemplate | undefined {
    const row = this.db.prepare('SELECT * FROM templates WHERE id = ? OR name = ? COLLATE NOCASE ORDER BY id = ? DESC LIMIT 1').get(idOrName, idOrName, idOrName) as TemplateRow | undefined;
    return row && toTemplate(row);
  }

  ids(): Set<string> {
    return new Set((this.db.prepare('SELECT id FROM templates').pluck().all() as string[]));
  }

  create(name: string, document: TemplateDocument, id = newId('t')): StoredTemplate {
    const at = this.now();
    try {
      this.db
        .prepare('INSERT INTO templates (id, name, document, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
        .run(id, name, JSON.stringify(TemplateDocument.parse(document)), at, at);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ApiError('conflict', `a template named "${name}" already exists`);
      throw error;
    }
    return this.get(id);
  }

  update(id: string, changes: { name?: string; document?: TemplateDocument }): StoredTemplate {
    const current = this.get(id);
    const name = changes.name ?? current.name;
    const document = changes.document ? TemplateDocument.parse(changes.document) : current.document;
    try {
      this.db.prepare('UPDATE templates SET name = ?, document = ?, updated_at = ? WHERE id = ?').run(name, JSON.stringify(document), this.now(), id);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ApiError('conflict', `a template named "${name}" already exists`);
      throw error;
    }
    return this.get(id);
  }

  duplicate(id: string): StoredTemplate {
    const source = this.get(id);
    const taken = new Set(this.db.prepare('SELECT lower(name) FROM templates').pluck().all() as string[]);
    let name = `${source.name} (copy)`;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${source.name} (copy ${n})`;
    return this.create(name, source.document);
  }

  /** Journeys whose draft or a published version sends this template. */
  usedBy(id: string): string[] {
    const names = new Set<string>();
    const rows = this.db
      .prepare('SELECT j.name, j.draft AS document FROM journeys j UNION ALL SELECT j.name, v.document FROM journey_versions v JOIN journeys j ON j.id = v.journey_id')
      .all() as Array<{ name: string; document: string }>;
    for (const row of rows) {
      let nodes: DraftNode[];
      try {
        nodes = (JSON.parse(row.document) as { nodes?: DraftNode[] }).nodes ?? [];
      } catch {
        continue;
      }
      if (nodes.some((node) => referencesOf(node).some((ref) => ref.type === 'template' && ref.id === id))) names.add(row.name);
    }
    return [...names].sort();
  }

  /** Refused while a journey sends it: deleting it would break that journey. */
  delete(id: string): void {
    this.get(id);
    const users = this.usedBy(id);
    if (users.length) throw new ApiError('refused', `the template is used by ${users.map((n) => `"${n}"`).join(', ')}: remove it from ${users.length > 1 ? 'those journeys' : 'that journey'} first`);
    this.db.prepare('DELETE FROM templates WHERE id = ?').run(id);
  }
}
