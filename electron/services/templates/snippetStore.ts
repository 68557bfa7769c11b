import type { Db } from '../../store/database.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import type { Snippet } from '../../../shared/api/calls/templates.ts';

/** Reusable pieces of templates (`{% render 'footer' %}`), kept in the store and nowhere else. */
export class SnippetStore {
  private readonly db: Db;
  private readonly now: () => number;
  private readonly selectBody;

  constructor(db: Db, now: () => number = Date.now) {
    this.db = db;
    this.now = now;
    this.selectBody = db.prepare('SELECT body FROM snippets WHERE name = ?').pluck();
  }

  /** The body of a snippet, for the renderer; undefined when there is none by that name. */
  body(name: string): string | undefined {
    return this.selectBody.get(name) as string | undefined;
  }

  list(): Snippet[] {
    const rows = this.db.prepare('SELECT name, body, updated_at FROM snippets ORDER BY name').all() as Array<{ name: string; body: string; updated_at: number }>;
    return rows.map((row) => ({ name: row.name, body: row.body, updatedAt: row.updated_at }));
  }

  save(name: string, body: string): Snippet {
    const at = this.now();
    this.db
      .prepare('INSERT INTO snippets (name, body, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at')
      .run(name, body, at);
    return { name, body, updatedAt: at };
  }

  delete(name: string): void {
    const { changes } = this.db.prepare('DELETE FROM snippets WHERE name = ?').run(name);
    if (!changes) throw new ApiError('not-found', `no snippet named ${name}`);
  }
}
