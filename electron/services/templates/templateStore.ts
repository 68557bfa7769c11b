import type { Db } from '../../store/database.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { TemplateDocument, type Template } from '../../../shared/templates/template.ts';
import type { TemplateSummary } from '../../../shared/api/calls/templates.ts';
import { newId } from '../../../shared/util/ids.ts';

interface TemplateRow {
  id: string;
  name: string;
  document: string;
  updated_at: number;
}

const toTemplate = (row: TemplateRow): Template => ({
  id: row.id,
  name: row.name,
  document: TemplateDocument.parse(JSON.parse(row.document)),
});

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

  get(id: string): Template {
    const row = this.db.prepare('SELECT * FROM templates WHERE id = ?').get(id) as TemplateRow | undefined;
    if (!row) throw new ApiError('not-found', `no template with the id ${id}`);
    return toTemplate(row);
  }

  ids(): Set<string> {
    return new Set((this.db.prepare('SELECT id FROM templates').pluck().all() as string[]));
  }

  create(name: string, document: TemplateDocument, id = newId('t')): Template {
    const at = this.now();
    this.db
      .prepare('INSERT INTO templates (id, name, document, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, name, JSON.stringify(TemplateDocument.parse(document)), at, at);
    return this.get(id);
  }
}
