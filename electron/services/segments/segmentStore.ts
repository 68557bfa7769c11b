import { writeTransaction, type Db } from '../../store/database.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { Rule } from '../../../shared/rules/rule.ts';
import { newId } from '../../../shared/util/ids.ts';
import type { SegmentPreview, SegmentSummary } from '../../../shared/api/calls/segments.ts';
import { SegmentEvaluator } from './segmentEvaluator.ts';

/** Below this a segment is too small to learn from; a workspace may change it (the setting below). */
export const DEFAULT_MINIMUM_SEGMENT_SIZE = 100;
export const MINIMUM_SEGMENT_SIZE_KEY = 'segments.minimumSize';

interface SegmentRow {
  id: string;
  name: string;
  kind: 'dynamic' | 'static';
  rule: string;
  updated_at: number;
}

const summary = (row: SegmentRow): SegmentSummary => ({ id: row.id, name: row.name, kind: row.kind, rule: Rule.parse(JSON.parse(row.rule)), updatedAt: row.updated_at });

/**
 * Segments: dynamic ones are a rule, evaluated on demand against the store as it is now, so they follow
 * every import and edit; static ones are a frozen member list (segment_members) with the rule they came from.
 */
export class SegmentStore {
  private readonly db: Db;
  private readonly now: () => number;
  readonly evaluator: SegmentEvaluator;

  constructor(db: Db, now: () => number) {
    this.db = db;
    this.now = now;
    this.evaluator = new SegmentEvaluator(db);
  }

  list(): SegmentSummary[] {
    return (this.db.prepare('SELECT * FROM segments ORDER BY name COLLATE NOCASE').all() as SegmentRow[]).map(summary);
  }

  get(id: string): SegmentSummary {
    const row = this.db.prepare('SELECT * FROM segments WHERE id = ?').get(id) as SegmentRow | undefined;
    if (!row) throw new ApiError('not-found', `there is no segment with id ${id}`);
    return summary(row);
  }

  save(input: { id?: string; name: string; rule: Rule }): SegmentSummary {
    const at = this.now();
    const clash = this.db.prepare('SELECT id FROM segments WHERE name = ? AND id IS NOT ?').pluck().get(input.name, input.id ?? null);
    if (clash) throw new ApiError('conflict', `a segment named "${input.name}" already exists`);
    if (input.id) {
      const kind = this.get(input.id).kind;
      if (kind === 'static') {
        this.db.prepare('UPDATE segments SET name = ?, updated_at = ? WHERE id = ?').run(input.name, at, input.id);
      } else {
        this.db.prepare('UPDATE segments SET name = ?, rule = ?, updated_at = ? WHERE id = ?').run(input.name, JSON.stringify(input.rule), at, input.id);
      }
      return this.get(input.id);
    }
    const id = newId('s');
    this.db.prepare(`INSERT INTO segments (id, name, kind, rule, created_at, updated_at) VALUES (?, ?, 'dynamic', ?, ?, ?)`).run(id, input.name, JSON.stringify(input.rule), at, at);
    return this.get(id);
  }

  delete(id: string): void {
    this.get(id);
    this.db.prepare('DELETE FROM segments WHERE id = ?').run(id);
  }

  minimumSize(): number {
    const value = this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(MINIMUM_SEGMENT_SIZE_KEY) as string | undefined;
    const n = Number(value);
    return value !== undefined && Number.isInteger(n) && n >= 0 ? n : DEFAULT_MINIMUM_SEGMENT_SIZE;
  }

  preview(rule: Rule, sampleSize: number): SegmentPreview {
    const now = this.now();
    const count = this.evaluator.count(rule, now);
    const minimumSize = this.minimumSize();
    return {
      count,
      total: this.db.prepare('SELECT COUNT(*) FROM contacts').pluck().get() as number,
      sample: sampleSize ? this.evaluator.sample(rule, now, sampleSize) : [],
      minimumSize,
      tooSmall: count < minimumSize,
    };
  }

  /** The contacts of a segment, as SQL over `c` for the contacts list. */
  membershipFilter(id: string) {
    this.get(id); // a clear not-found for an unknown segment
    return this.evaluator.membershipSql(id, this.now());
  }

  /** A static list of the contacts `rule` matches now. */
  saveStatic(name: string, rule: Rule): SegmentSummary & { members: number } {
    const at = this.now();
    const id = newId('s');
    let members = 0;
    writeTransaction(this.db, () => {
      if (this.db.prepare('SELECT 1 FROM segments WHERE name = ?').get(name)) throw new ApiError('conflict', `a segment named "${name}" already exists`);
      this.db.prepare(`INSERT INTO segments (id, name, kind, rule, created_at, updated_at) VALUES (?, ?, 'static', ?, ?, ?)`).run(id, name, JSON.stringify(rule), at, at);
      const { sql, params } = this.evaluator.compiled(rule, at);
      members = this.db.prepare(`INSERT INTO segment_members (segment_id, contact_id) SELECT @segmentId, c.id FROM contacts c WHERE ${sql}`).run({ ...params, segmentId: id }).changes;
    })();
    return { ...this.get(id), members };
  }
}
