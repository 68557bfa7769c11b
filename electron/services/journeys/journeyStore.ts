import { writeTransaction, type Db } from '../../store/database.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { JourneyDocument, emptyDocument, type JourneyStatus } from '../../../shared/journey/journey.ts';
import { newId } from '../../../shared/util/ids.ts';
import type { Journey, JourneySummary } from '../../../shared/api/calls/journeys.ts';

interface JourneyRow {
  id: string;
  name: string;
  status: JourneyStatus;
  draft: string;
  live_version: number | null;
  created_at: number;
  updated_at: number;
}

function toJourney(row: JourneyRow): Journey {
  const document = JourneyDocument.parse(JSON.parse(row.draft));
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    nodeCount: document.nodes.length,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    liveVersion: row.live_version,
    document,
  };
}

/** A journey's row for a list: its step count instead of its draft, which need not be read or parsed for that. */
interface SummaryRow extends Omit<JourneyRow, 'draft'> {
  node_count: number;
}

/** Drafts are stored only once they have passed the document schema, so `nodes` is always an array. */
const SUMMARY_COLUMNS = `id, name, status, json_array_length(draft, '$.nodes') AS node_count, live_version, created_at, updated_at`;

function toSummary(row: SummaryRow): JourneySummary {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    nodeCount: row.node_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    liveVersion: row.live_version,
  };
}

/** Journeys and their published versions in the store. */
export class JourneyStore {
  private readonly db: Db;
  private readonly now: () => number;

  constructor(db: Db, now: () => number = Date.now) {
    this.db = db;
    this.now = now;
  }

  list(search?: string): JourneySummary[] {
    const rows = search?.trim()
      ? (this.db
          .prepare(`SELECT ${SUMMARY_COLUMNS} FROM journeys WHERE name LIKE ? ESCAPE '\\' ORDER BY updated_at DESC, name`)
          .all(`%${search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`) as SummaryRow[])
      : (this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM journeys ORDER BY updated_at DESC, name`).all() as SummaryRow[]);
    return rows.map(toSummary);
  }

  get(id: string): Journey {
    return toJourney(this.row(id));
  }

  findByName(name: string): Journey | undefined {
    const row = this.db.prepare('SELECT * FROM journeys WHERE name = ?').get(name) as JourneyRow | undefined;
    return row && toJourney(row);
  }

  create(name: string, document: JourneyDocument = emptyDocument(), id = newId('j')): Journey {
    const at = this.now();
    this.db
      .prepare('INSERT INTO journeys (id, name, status, draft, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, name, 'draft', JSON.stringify(document), at, at);
    return this.get(id);
  }

  rename(id: string, name: string): JourneySummary {
    this.touch(id, 'UPDATE journeys SET name = ?, updated_at = ? WHERE id = ?', name);
    return this.summary(id);
  }

  saveDraft(id: string, document: JourneyDocument): JourneySummary {
    this.touch(id, 'UPDATE journeys SET draft = ?, updated_at = ? WHERE id = ?', JSON.stringify(document));
    return this.summary(id);
  }

  duplicate(id: string): Journey {
    const original = this.get(id);
    return this.create(this.freeName(`${original.name} (copy)`), original.document);
  }

  delete(id: string): void {
    this.row(id);
    this.db.prepare('DELETE FROM journeys WHERE id = ?').run(id);
  }

  /** Freezes the draft as the next version and makes it live. The caller has validated it. */
  publish(id: string): number {
    return writeTransaction(this.db, () => {
      const row = this.row(id);
      const { next } = this.db
        .prepare('SELECT COALESCE(MAX(version), 0) + 1 AS next FROM journey_versions WHERE journey_id = ?')
        .get(id) as { next: number };
      const at = this.now();
      this.db
        .prepare('INSERT INTO journey_versions (journey_id, version, document, published_at) VALUES (?, ?, ?, ?)')
        .run(id, next, row.draft, at);
      this.db
        .prepare(`UPDATE journeys SET status = 'live', live_version = ?, updated_at = ? WHERE id = ?`)
        .run(next, at, id);
      return next;
    })();
  }

  version(id: string, version: number): JourneyDocument {
    const row = this.db
      .prepare('SELECT document FROM journey_versions WHERE journey_id = ? AND version = ?')
      .get(id, version) as { document: string } | undefined;
    if (!row) throw new ApiError('not-found', `journey ${id} has no version ${version}`);
    return JourneyDocument.parse(JSON.parse(row.document));
  }

  private freeName(wanted: string): string {
    const taken = new Set((this.db.prepare('SELECT name FROM journeys').all() as { name: string }[]).map((r) => r.name));
    let name = wanted;
    for (let n = 2; taken.has(name); n++) name = `${wanted} ${n}`;
    return name;
  }

  private touch(id: string, sql: string, value: string): void {
    const result = this.db.prepare(sql).run(value, this.now(), id);
    if (result.changes === 0) throw new ApiError('not-found', `no journey with the id ${id}`);
  }

  private summary(id: string): JourneySummary {
    return toSummary(this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM journeys WHERE id = ?`).get(id) as SummaryRow);
  }

  private row(id: string): JourneyRow {
    const row = this.db.prepare('SELECT * FROM journeys WHERE id = ?').get(id) as JourneyRow | undefined;
    if (!row) throw new ApiError('not-found', `no journey with the id ${id}`);
    return row;
  }
}
