import type { Db } from '../../store/database.ts';
import { whileMapped } from '../../store/memoryMap.ts';
import type { Rule } from '../../../shared/rules/rule.ts';
import type { PopulationStats } from '../../../shared/rules/population.ts';
import { compileRule, type CompileContext, type CompiledRule } from './compileRule.ts';
import { populationStats } from './populationStats.ts';
import { registerRuleFunctions } from './ruleFunctions.ts';

export interface MatchSample {
  id: number;
  email: string;
  firstName: string | null;
  lastName: string | null;
}

/**
 * Runs rules over the whole store: counts, samples and member ids, through the SQL compiler. Also hands
 * out the population statistics a rule needs, for in-memory callers that must agree with these counts.
 */
export class SegmentEvaluator {
  private readonly db: Db;
  private readonly segmentStatement;

  constructor(db: Db) {
    this.db = db;
    registerRuleFunctions(db);
    this.segmentStatement = db.prepare('SELECT kind, rule FROM segments WHERE id = ?');
  }

  private context(now: number): CompileContext {
    return {
      now,
      segment: (id) => {
        const row = this.segmentStatement.get(id) as { kind: 'dynamic' | 'static'; rule: string } | undefined;
        return row && { kind: row.kind, rule: JSON.parse(row.rule) as Rule };
      },
    };
  }

  /** The statistics (RFM cuts, percentiles) that `rule` compares contacts against, at `now`. */
  population(rule: Rule, now: number): PopulationStats {
    return whileMapped(this.db, () => populationStats(this.db, rule, this.context(now)));
  }

  /** The rule as SQL over `c`, with the population statistics of `now` written in. */
  compiled(rule: Rule, now: number) {
    const context = this.context(now);
    return compileRule(rule, { ...context, population: populationStats(this.db, rule, context) });
  }

  // A count visits the events index once or twice per contact: whole-store scans read the file through a memory map.
  count(rule: Rule, now: number): number {
    return whileMapped(this.db, () => {
      const { sql, params } = this.compiled(rule, now);
      return this.db.prepare(`SELECT COUNT(*) FROM contacts c WHERE ${sql}`).pluck().get(params) as number;
    });
  }

  /** The first matching contacts by id. */
  sample(rule: Rule, now: number, limit: number): MatchSample[] {
    const { sql, params } = this.compiled(rule, now);
    return this.db
      .prepare(`SELECT c.id, c.email, c.first_name AS firstName, c.last_name AS lastName FROM contacts c WHERE ${sql} ORDER BY c.id LIMIT @limit`)
      .all({ ...params, limit }) as MatchSample[];
  }

  ids(rule: Rule, now: number): number[] {
    return whileMapped(this.db, () => {
      const { sql, params } = this.compiled(rule, now);
      return this.db.prepare(`SELECT c.id FROM contacts c WHERE ${sql} ORDER BY c.id`).pluck().all(params) as number[];
    });
  }

  /**
   * "This contact is in the segment at `now`" as SQL over `c`, with its named parameters: a static list's stored
   * members, a dynamic segment's compiled rule, nobody for an unknown segment. The one answer to "who is in segment
   * X" for the engine's triggers, the forecast's audience, the contact list's filter and the results' breakdowns.
   */
  membershipSql(segmentId: string, now: number): CompiledRule {
    const row = this.segmentStatement.get(segmentId) as { kind: 'dynamic' | 'static'; rule: string } | undefined;
    if (!row) return { sql: '0', params: {} };
    if (row.kind === 'static') return { sql: 'EXISTS (SELECT 1 FROM segment_members m WHERE m.segment_id = @segmentId AND m.contact_id = c.id)', params: { segmentId } };
    return this.compiled(JSON.parse(row.rule) as Rule, now);
  }

  /** The members of a segment at `now`, in id order (membershipSql). */
  members(segmentId: string, now: number): number[] {
    return whileMapped(this.db, () => {
      const { sql, params } = this.membershipSql(segmentId, now);
      return this.db.prepare(`SELECT c.id FROM contacts c WHERE ${sql} ORDER BY c.id`).pluck().all(params) as number[];
    });
  }
}
